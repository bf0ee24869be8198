from __future__ import annotations

from datetime import date

from station.events import Event, EventKind
from station.stats import (
    DigitizationRate,
    DossierFigures,
    Durations,
    ElectronicResultRate,
    Facts,
    Figures,
    Grouping,
    GroupKeys,
    PageFigures,
    Period,
    UploadFigures,
    digitization_rate,
    stats_report,
    total_queue,
)
from station.stats.figures import durations, ratio
from station.upload_facts import QueueBacklog
from tests.station.stats.scenario import FACTS, RECEIVED, S1, S2, TZ, local, page

NOVEMBER = Period.month(2026, 11, TZ)

NOVEMBER_TOTAL = Figures(
    PageFigures(
        stored=11,
        deleted=1,  # p2's delete was undone
        rescanned=1,
        active_hours=5,
        per_hour=2.2,
        deletes_per_100=9.09,
        rescans_per_100=9.09,
        paper_sizes={"": 2, "A3": 1, "A4": 8},
    ),
    DossierFigures(
        opened=3,
        finished=3,
        finished_with_override=1,
        active_days=3,
        finished_per_day=1.0,
        pages_per_dossier=2.67,
    ),
    UploadFigures(
        confirmed=4, failures=2, parked=1, first_page_to_upload=Durations(3, 8700.0, 154500.0)
    ),
    DigitizationRate(received=6, digitized=3, rate=50.0),
    ElectronicResultRate(paper_result=3, with_result=1, rate=33.33),  # D1 of D1, D2, D7
)


def test_every_figure_of_a_known_month() -> None:
    report = stats_report(FACTS, NOVEMBER)
    assert report.total == NOVEMBER_TOTAL
    assert report.groups == {}


# Per station and per clerk: the same numbers wherever they are computed (the hub's tests too).
STATION_1 = Figures(
    PageFigures(7, 1, 1, 3, 2.33, 14.29, 14.29, {"": 2, "A3": 1, "A4": 4}),
    DossierFigures(2, 2, 1, 1, 2.0, 2.5),
    UploadFigures(3, 1, 0, Durations(2, 81600.0, 154500.0)),
    DigitizationRate(4, 2, 50.0),
    ElectronicResultRate(2, 1, 50.0),
)
STATION_2 = Figures(
    PageFigures(4, 0, 0, 2, 2.0, 0.0, 0.0, {"A4": 4}),
    DossierFigures(1, 1, 0, 2, 0.5, 3.0),
    UploadFigures(1, 1, 1, Durations(1, 2400.0, 2400.0)),
    DigitizationRate(2, 1, 50.0),
    ElectronicResultRate(1, 0, 0.0),
)
LAN = Figures(
    PageFigures(5, 1, 1, 2, 2.5, 20.0, 20.0, {"A3": 1, "A4": 4}),
    DossierFigures(1, 1, 0, 1, 1.0, 3.0),
    UploadFigures(2, 0, 0, Durations(1, 8700.0, 8700.0)),
    DigitizationRate(3, 2, 66.67),
    ElectronicResultRate(1, 1, 100.0),
)
MINH = Figures(
    PageFigures(2, 0, 0, 1, 2.0, 0.0, 0.0, {"": 2}),
    DossierFigures(1, 1, 1, 1, 1.0, 2.0),
    UploadFigures(1, 1, 0, Durations(1, 154500.0, 154500.0)),
    DigitizationRate(1, 0, 0.0),
    ElectronicResultRate(1, 0, 0.0),
)


def test_figures_by_station() -> None:
    groups = stats_report(FACTS, NOVEMBER, Grouping.STATION).groups
    assert list(groups) == [S1, S2]
    assert groups[S1] == STATION_1
    assert groups[S2] == STATION_2
    assert groups[S2] == stats_report(FACTS, NOVEMBER, Grouping.CLERK).groups["hoa"]


def test_figures_by_clerk() -> None:
    groups = stats_report(FACTS, NOVEMBER, Grouping.CLERK).groups
    assert list(groups) == ["hoa", "lan", "minh"]
    assert groups["lan"] == LAN
    assert groups["minh"] == MINH
    assert groups["hoa"].digitization == DigitizationRate(2, 1, 50.0)


def test_clerks_keyed_with_their_station_and_stations_grouped_by_unit() -> None:
    keys = GroupKeys(units={S1: "UBND-A", S2: "UBND-A"}, clerk_with_station=True)
    clerks = stats_report(FACTS, NOVEMBER, Grouping.CLERK, keys=keys).groups
    assert list(clerks) == [f"{S1}/lan", f"{S1}/minh", f"{S2}/hoa"]
    assert clerks[f"{S1}/lan"] == LAN
    units = stats_report(FACTS, NOVEMBER, Grouping.UNIT, keys=keys).groups
    assert units == {"UBND-A": NOVEMBER_TOTAL}
    unassigned = stats_report(FACTS, NOVEMBER, Grouping.UNIT).groups
    assert unassigned == {"": NOVEMBER_TOTAL}


def test_active_hours_and_days_are_counted_per_station() -> None:
    """Two stations scanning in the same hour worked two station-hours: pages per hour stays
    a counter's pace when stations are added up."""
    same_hour = Facts(
        events=(
            page("2026-11-03 08:05", "lan", "D1", "p1"),  # station-1
            page("2026-11-03 08:10", "hoa", "D3", "r1"),  # station-2, the same hour
            page("2026-11-03 08:20", "hoa", "D3", "r2"),
        )
    )
    total = stats_report(same_hour, NOVEMBER).total
    assert (total.pages.active_hours, total.pages.per_hour) == (2, 1.5)
    assert total.dossiers.active_days == 2


def test_upload_events_are_not_counter_activity() -> None:
    upload = Event(EventKind.UPLOAD_CONFIRMED, local("2026-11-07 10:00"), S1, "lan", "D1")
    days = stats_report(Facts(events=(upload,)), NOVEMBER).total.dossiers
    assert (days.active_days, days.finished_per_day) == (0, None)


def test_queues_of_several_stations_add_up_to_one() -> None:
    first = QueueBacklog(2, "D1", local("2026-11-03 10:00"), 1, 3, 0, 1, local("2026-11-03 10:01"))
    second = QueueBacklog(1, "D9", local("2026-11-02 09:00"), 0, 1, 1, 0, None)
    empty = QueueBacklog(0, None, None, 0, 0, 0, 0, None)
    assert total_queue([first, second, empty]) == QueueBacklog(
        3, "D9", local("2026-11-02 09:00"), 1, 4, 1, 1, local("2026-11-03 10:01")
    )
    assert total_queue([]) is None


def test_figures_by_local_day_and_not_applicable_where_nothing_was_counted() -> None:
    groups = stats_report(FACTS, NOVEMBER, Grouping.DAY).groups
    assert list(groups) == [
        "2026-11-01",  # D6, received at 03:00 local (20:00 UTC on 31 Oct)
        "2026-11-03",
        "2026-11-04",
        "2026-11-05",
        "2026-11-10",
        "2026-11-15",
        "2026-11-20",
        "2026-11-30",
    ]
    rates = {day: f.digitization.rate for day, f in groups.items()}
    assert rates == {
        "2026-11-01": 0.0,
        "2026-11-03": 50.0,
        "2026-11-04": 100.0,
        "2026-11-05": None,
        "2026-11-10": None,
        "2026-11-15": 100.0,
        "2026-11-20": None,
        "2026-11-30": 0.0,
    }
    only_uploads = groups["2026-11-05"]  # D2 confirmed and one failure, nothing else
    assert only_uploads == Figures(
        PageFigures(0, 0, 0, 0, None, None, None, {}),
        DossierFigures(0, 0, 0, 0, None, None),
        UploadFigures(1, 1, 0, Durations(1, 154500.0, 154500.0)),
        DigitizationRate(0, 0, None),
    )
    assert groups["2026-11-30"].pages.stored == 1  # 23:59:59 on the last day


def test_the_neighbouring_months_get_what_fell_on_their_side_of_local_midnight() -> None:
    october = stats_report(FACTS, Period.month(2026, 10, TZ)).total
    assert october.pages.stored == 1
    assert october.digitization == DigitizationRate(1, 1, 100.0)  # D11, 23:30 on 31 Oct
    assert october.uploads.confirmed == 0
    december = stats_report(FACTS, Period.month(2026, 12, TZ)).total
    assert december.pages.stored == 1
    assert december.digitization == DigitizationRate(1, 1, 100.0)  # D10, 00:30 on 1 Dec local
    assert december.uploads == UploadFigures(1, 1, 1, Durations(1, 2592060.0, 2592060.0))


def test_a_single_day_and_a_custom_range() -> None:
    third = stats_report(FACTS, Period.day(date(2026, 11, 3), TZ)).total
    assert (third.pages.stored, third.pages.per_hour, third.dossiers.finished) == (7, 2.33, 2)
    assert third.digitization == DigitizationRate(2, 1, 50.0)
    span = stats_report(FACTS, Period.between(date(2026, 11, 3), date(2026, 11, 4), TZ)).total
    assert (span.pages.stored, span.dossiers.active_days, span.uploads.confirmed) == (10, 2, 2)


def test_no_facts_gives_zeros_and_not_applicable_rates() -> None:
    empty = stats_report(Facts(), NOVEMBER).total
    assert empty.digitization == DigitizationRate(0, 0, None)
    assert empty.pages.per_hour is None and empty.dossiers.pages_per_dossier is None
    assert empty.uploads.first_page_to_upload == Durations(0, None, None)


def test_the_digitization_rate_needs_an_e_result_only_for_paper_result_procedures() -> None:
    d1, d2, d3 = RECEIVED[:3]
    assert d1.counts_as_digitized  # files, and its paper result has an electronic one
    assert not d2.counts_as_digitized  # files, but no electronic result
    assert d3.counts_as_digitized  # files, and its procedure returns no paper result
    assert digitization_rate([d1, d2, d3]) == DigitizationRate(3, 2, 66.67)


def test_ratios_round_half_up_to_two_decimals() -> None:
    assert ratio(1, 200) == 0.01  # 0.005 exactly
    assert ratio(2, 3) == 0.67
    assert ratio(1, 3) == 0.33
    assert ratio(5, 0) is None
    assert durations([1.0, 2.0, 3.0, 4.0]) == Durations(4, 2.5, 4.0)
    assert durations([float(s) for s in range(1, 21)]).p90_seconds == 18.0


def test_blank_backs_the_station_skipped_are_neither_pages_nor_deletes() -> None:
    """Single-sided sheets scanned in duplex: every back is skipped as blank. The clerk kept
    two pages in one hour and deleted none; one back brought back counts as a page again."""
    skip, restore = EventKind.BLANK_BACK_SKIPPED, EventKind.PAGE_RESTORED
    events = (
        page("2026-11-03 08:05", "lan", "D1", "f1"),
        page("2026-11-03 08:05", "lan", "D1", "b1"),
        page("2026-11-03 08:06", "lan", "D1", "f2"),
        page("2026-11-03 08:06", "lan", "D1", "b2"),
        # the store writes the skipped page's paper size on the skip (station/store/events.py)
        Event(skip, local("2026-11-03 08:07"), S1, "lan", "D1", page_id="b1", paper_size="A4"),
        Event(skip, local("2026-11-03 08:07"), S1, "lan", "D1", page_id="b2", paper_size="A4"),
    )
    pages = stats_report(Facts(events=events), NOVEMBER).total.pages
    assert (pages.stored, pages.deleted, pages.deletes_per_100) == (2, 0, 0.0)
    assert (pages.per_hour, pages.paper_sizes) == (2.0, {"A4": 2})
    brought_back = Event(restore, local("2026-11-03 08:09"), S1, "lan", "D1", page_id="b2")
    deleted_by_hand = Event(
        EventKind.PAGE_DELETED, local("2026-11-03 08:10"), S1, "lan", "D1", page_id="b2"
    )
    again = stats_report(Facts(events=(*events, brought_back)), NOVEMBER).total.pages
    assert (again.stored, again.deleted) == (3, 0)
    then = stats_report(Facts(events=(*events, brought_back, deleted_by_hand)), NOVEMBER)
    assert (then.total.pages.stored, then.total.pages.deleted) == (3, 1)
    assert then.total.dossiers.active_days == 1
