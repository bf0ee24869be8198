"""The dashboard's own reads of personal data, the dossier lookup, the opening of a file and
the export of a dossier's components, are paced as the API's are (one count per account for
all), and a code no dossier can have is refused with a message page before anything is looked
up or logged."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
import requests

from hub import access_log
from hub.web.words import LANG_COOKIE
from tests.helpers.hub import HubHandle, running_hub
from tests.hub.conftest import commit_dossier, connect
from tests.hub.web.web_client import Dashboard

UNIT = "000.00.14.H05"
CODE = f"{UNIT}-261201-0001"
PACE = 3  # reads a minute per account, for this test's hub
FILE = "K-1.pdf"  # commit_dossier's file for key K-1


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubHandle]:
    with running_hub(tmp_path / "hub", personal_reads_per_minute=PACE) as handle:
        station = connect(handle, "ST-A", UNIT)
        assert commit_dossier(station, CODE, "K-1", b"%PDF-1.4 one page").status_code == 200
        yield handle


def _dashboard(hub: HubHandle, username: str = "donvi") -> tuple[Dashboard, str]:
    """A unit supervisor logged in to the dashboard, and their password."""
    password = hub.add_account(username, "unit_supervisor", UNIT)
    dashboard = Dashboard(hub.url)
    assert dashboard.log_in(username, password).status_code == 303
    return dashboard, password


def _look_up(dashboard: Dashboard, code: str) -> requests.Response:
    return dashboard.post("/dossier", {"csrf": dashboard.csrf("/dossier"), "code": code})


def _open(dashboard: Dashboard, code: str) -> requests.Response:
    form = {"csrf": dashboard.csrf("/dossier"), "code": code, "station": "ST-A", "name": FILE}
    return dashboard.post("/dossier/file", form)


def _export(dashboard: Dashboard, code: str) -> requests.Response:
    form = {"csrf": dashboard.csrf("/dossier"), "code": code, "station": "ST-A"}
    return dashboard.post("/dossier/components.csv", form)


def _reads(hub: HubHandle) -> list[tuple[str, str]]:
    return [(e.action, e.target) for e in access_log.entries(hub._hub.db)]


def test_lookups_past_the_pace_get_a_429_page_in_both_languages(hub) -> None:
    dashboard, password = _dashboard(hub)
    shown = [_look_up(dashboard, CODE).status_code for _ in range(PACE - 1)]
    assert shown == [200] * (PACE - 1)
    assert _open(dashboard, CODE).status_code == 200  # the third read of this minute
    paced = _look_up(dashboard, CODE)
    assert paced.status_code == 429 and int(paced.headers["Retry-After"]) >= 1
    assert "Bạn tra cứu quá nhiều hồ sơ trong một phút" in paced.text
    assert CODE not in paced.text.replace(f'value="{CODE}"', "")  # no dossier shown
    dashboard.http.cookies.set(LANG_COOKIE, "en")
    opened = _open(dashboard, CODE)
    assert opened.status_code == 429 and b"%PDF" not in opened.content
    assert "Too many dossier look-ups in a minute" in opened.text
    exported = _export(dashboard, CODE)
    assert exported.status_code == 429 and "Too many dossier look-ups" in exported.text
    assert _reads(hub).count((access_log.READ_DOSSIER, CODE)) == PACE - 1
    assert len(_reads(hub)) == PACE
    # The account's reads through the API count against the same pace; another's do not.
    form = {"grant_type": "password", "username": "donvi", "password": password}
    token = requests.post(hub.url + "/oauth/token", data=form, timeout=10).json()["access_token"]
    api = requests.get(
        hub.url + "/api/v1/dossiers/" + quote(CODE, safe=""),
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert (api.status_code, api.json()) == (429, {"error": "slow_down"})
    other, _ = _dashboard(hub, "donvi-2")
    assert _look_up(other, CODE).status_code == 200


@pytest.mark.parametrize(
    "code",
    [
        "HS\u202e1000",  # a bidi override
        "HS\u200b1",  # zero-width space
        "HS-\x1b[2J-1",  # a terminal escape
        "=HYPERLINK(1)",
        "H" * 201,
    ],
)
def test_a_code_no_dossier_can_have_is_refused_before_it_is_logged(hub, code) -> None:
    dashboard, _ = _dashboard(hub)
    looked = _look_up(dashboard, code)
    assert looked.status_code == 422
    assert "Không phải mã hồ sơ" in looked.text
    dashboard.http.cookies.set(LANG_COOKIE, "en")
    opened = _open(dashboard, code)
    assert opened.status_code == 422 and "Not a dossier code" in opened.text
    other, _ = _dashboard(hub, "donvi-2")  # each refusal counts against its reader's pace
    assert _export(other, code).status_code == 422
    assert _reads(hub) == []
    assert _look_up(dashboard, f"  {CODE} ").status_code == 200  # spaces around are the form's
    assert _reads(hub) == [(access_log.READ_DOSSIER, CODE)]
