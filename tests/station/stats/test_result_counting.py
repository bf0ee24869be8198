"""KPIs 4.1 and 4.2 on a real store: a paper-result dossier counts once its result is digitized,
in the month it was received, however late the result comes."""

from __future__ import annotations

from datetime import datetime

from station.dossiers import DossierRequest, open_dossier
from station.stats import Period, zone
from station.stats.source import station_report
from station.workflow import finish_dossier
from station.workflow.results import finish_result, open_for_result
from tests.station.workflow.support import scanned_page

BIRTH = "1.001193"  # đăng ký khai sinh: a paper result (KQ1, the birth certificate)
VIETNAM = zone()  # Asia/Ho_Chi_Minh
NOVEMBER = Period.month(2026, 11, VIETNAM)
DECEMBER = Period.month(2026, 12, VIETNAM)


def _received(store, catalog, number: int, day: str) -> str:
    code = f"000.00.14.H05-{day.replace('-', '')[2:]}-{number:04d}"
    when = datetime.fromisoformat(f"{day} 09:00").replace(tzinfo=VIETNAM)
    open_dossier(store, catalog, DossierRequest(code, BIRTH, received_at=when, clerk_id="lan"))
    scanned_page(store, code, "A6", "TP1")
    finish_dossier(
        store, catalog, code, "jpeg", override_reason="giấy tờ kiểm tra riêng", workers=1
    )
    return code


def _result(store, catalog, code: str) -> None:
    open_for_result(store, catalog, code)
    scanned_page(store, code, "A6", "KQ1")
    finish_result(store, catalog, code, "jpeg", workers=1)


def _rates(store, catalog, period: Period) -> tuple[float | None, float | None, int | None]:
    report = station_report(store, catalog, period)
    total = report.total
    return total.digitization.rate, total.electronic_results.rate, report.results_awaiting


def test_results_count_in_the_month_of_receipt(store, catalog) -> None:
    november = [_received(store, catalog, n, f"2026-11-{n + 2:02d}") for n in range(1, 11)]
    december = [_received(store, catalog, n, "2026-12-03") for n in (11, 12)]
    _result(store, catalog, december[0])
    before = _rates(store, catalog, NOVEMBER)
    assert before == (0.0, 0.0, 11)  # ten in November, one in December without a result

    for code in november[:6]:  # handed over in November
        _result(store, catalog, code)
    assert _rates(store, catalog, NOVEMBER) == (60.0, 60.0, 5)
    assert _rates(store, catalog, DECEMBER)[:2] == (50.0, 50.0)

    for code in november[6:8]:  # handed over in December: still November's dossiers
        _result(store, catalog, code)
    report = station_report(store, catalog, NOVEMBER)
    assert (report.total.digitization.received, report.total.digitization.digitized) == (10, 8)
    assert report.total.electronic_results.paper_result == 10
    assert _rates(store, catalog, NOVEMBER) == (80.0, 80.0, 3)
    assert _rates(store, catalog, DECEMBER)[:2] == (50.0, 50.0), "December is unaffected"
