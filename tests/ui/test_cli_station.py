"""`sohoa station show/set`: the station's identity from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from station.store import Store
from ui.cli.main import main
from ui.settings.values import STATION_FILE


def _run(capsys, *args: str) -> tuple[int, dict]:
    code = main(list(args))
    out, _ = capsys.readouterr()
    return code, json.loads(out)


def test_set_then_show_gives_the_identity_every_reader_uses(home: Path, capsys) -> None:
    code, shown = _run(
        capsys, "station", "set", "--name", "UBND phường Hạc Thành", "--agency-code",
        "000.00.14.H38", "--level", "province", "--json",
    )  # fmt: skip
    assert code == 0
    code, again = _run(capsys, "station", "show", "--json")
    assert again == shown
    station = again["station"]
    assert (station["name"], station["agency_code"], station["level"]) == (
        "UBND phường Hạc Thành", "000.00.14.H38", "province",
    )  # fmt: skip
    with Store.open(home) as store:
        assert store.station().name == "UBND phường Hạc Thành"


def test_what_is_not_given_is_kept(home: Path, capsys) -> None:
    main(["station", "set", "--name", "Trạm A", "--agency-code", "000.01.31.H05"])
    capsys.readouterr()
    code, shown = _run(capsys, "station", "set", "--level", "province", "--json")
    assert code == 0
    assert (shown["station"]["name"], shown["station"]["agency_code"]) == (
        "Trạm A", "000.01.31.H05",
    )  # fmt: skip


def test_a_malformed_agency_code_is_refused_with_its_code(home: Path, capsys) -> None:
    code, refused = _run(capsys, "station", "set", "--agency-code", "H.5", "--json")
    assert code == 3
    assert refused["error"]["code"] == "agency_code_invalid"


def test_the_window_settings_of_an_earlier_version_are_taken_over_once(home: Path, capsys) -> None:
    Store.open(home).close()
    legacy = {"station_name": "Một cửa xã Tân Phú", "agency_code": "000.00.15.H29"}
    (home / STATION_FILE).write_text(json.dumps(legacy), encoding="utf-8")
    _, shown = _run(capsys, "station", "show", "--json")
    assert (shown["station"]["name"], shown["station"]["agency_code"]) == (
        "Một cửa xã Tân Phú", "000.00.15.H29",
    )  # fmt: skip
    main(["station", "set", "--name", "Trạm mới"])
    capsys.readouterr()
    _, shown = _run(capsys, "station", "show", "--json")
    assert shown["station"]["name"] == "Trạm mới"  # the file is not read again
