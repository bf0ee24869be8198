"""The station's people without a window: setting the station up is all or nothing, a clerk
signs in with a password or (only where the station allows it) by picking their name, and
from then on pages, dossiers and events carry that clerk rather than the OS user."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.people import (
    NewAccount,
    SignInMode,
    active_accounts,
    may_change_station,
    pickable_accounts,
    set_sign_in_mode,
    set_up_station,
    sign_in,
    sign_in_picked,
    sign_out,
    station_state,
)
from app.units import UNITS_FILE, has_province_units, import_units, load_units
from station.accounts import AccountError, AccountProblem, Accounts, Role
from station.errors import ErrorCode, StationError
from station.model import AdminLevel
from station.store.identity import StationIdentity
from tests.station.workflow.support import CODE, new_dossier, tiny_page

PASSWORD = "mật khẩu dài 2026"
HERE = StationIdentity("Một cửa xã Tân Phú", "000.01.31.H05", AdminLevel.COMMUNE)


def test_a_fresh_station_needs_its_first_run_until_set_up_with_an_account(store) -> None:
    assert station_state(store).needs_first_run
    set_up_station(store, HERE, NewAccount("lan", "Nguyễn Thị Lan", PASSWORD))
    state = station_state(store)
    assert not state.needs_first_run and state.mode is SignInMode.PASSWORD
    assert (state.identity.name, state.identity.agency_code) == (HERE.name, HERE.agency_code)
    assert Accounts(store.database).account("lan").role is Role.SUPERVISOR


def test_a_refused_first_account_leaves_the_station_as_it_was(store) -> None:
    before = store.identity()
    with pytest.raises(AccountError) as refused:
        set_up_station(store, HERE, NewAccount("lan", "Nguyễn Thị Lan", "short"))
    assert refused.value.code is AccountProblem.PASSWORD_TOO_SHORT
    assert store.identity() == before and not active_accounts(store)
    with pytest.raises(StationError) as bad_code:
        set_up_station(store, StationIdentity("Trạm", "not a code"),
                       NewAccount("lan", "Nguyễn Thị Lan", PASSWORD))  # fmt: skip
    assert bad_code.value.code is ErrorCode.AGENCY_CODE_INVALID
    assert not active_accounts(store)  # the account waits for a valid identity


def test_what_a_signed_in_clerk_does_carries_their_id(store, catalog) -> None:
    set_up_station(store, HERE, NewAccount("thu", "Phạm Thị Thu", PASSWORD))
    Accounts(store.database).add("an", "Trần Văn An", Role.CLERK, PASSWORD)
    with pytest.raises(AccountError):
        sign_in(store, "an", "wrong password")
    assert store.clerk_id == "" and store.default_clerk_id() != "an"
    sign_in(store, "an", PASSWORD)
    new_dossier(store, catalog, clerk="")  # no clerk given: the one signed in
    tiny_page(store, CODE, "TP1")
    assert store.dossier(CODE).clerk_id == "an"
    sign_out(store)
    sign_in(store, "thu", PASSWORD)  # another clerk adds a page to An's dossier
    tiny_page(store, CODE, "TP1")
    conn = sqlite3.connect(Path(store.layout.database))
    try:
        pages = [row[0] for row in conn.execute("SELECT clerk_id FROM page ORDER BY ord")]
        events = conn.execute("SELECT kind, clerk_id FROM event ORDER BY id").fetchall()
    finally:
        conn.close()
    assert pages == ["an", "thu"]
    assert events == [("dossier_opened", "an"), ("page_stored", "an"), ("page_stored", "thu")]


def test_picking_a_name_works_only_where_the_station_is_set_so(store) -> None:
    set_up_station(store, HERE, NewAccount("thu", "Phạm Thị Thu", PASSWORD))
    Accounts(store.database).add("an", "Trần Văn An", Role.CLERK, PASSWORD)
    with pytest.raises(AccountError):
        sign_in_picked(store, "an")
    set_sign_in_mode(store, SignInMode.PICK)
    assert sign_in_picked(store, "an").user == "an" and store.clerk_id == "an"
    Accounts(store.database).disable("an")
    sign_out(store)
    with pytest.raises(AccountError):
        sign_in_picked(store, "an")


def test_a_supervisor_is_never_picked_without_a_password(store) -> None:
    set_up_station(store, HERE, NewAccount("thu", "Phạm Thị Thu", PASSWORD))  # a supervisor
    Accounts(store.database).add("an", "Trần Văn An", Role.CLERK, PASSWORD)
    set_sign_in_mode(store, SignInMode.PICK)
    assert [a.user for a in pickable_accounts(store)] == ["an"]
    with pytest.raises(AccountError) as refused:
        sign_in_picked(store, "thu")
    assert refused.value.code is AccountProblem.UNKNOWN_ACCOUNT and store.clerk_id == ""
    assert sign_in(store, "thu", PASSWORD).role is Role.SUPERVISOR


def test_only_a_supervisor_may_change_the_station_once_it_has_accounts(store) -> None:
    assert may_change_station(store, None)  # nobody to ask yet
    set_up_station(store, HERE, NewAccount("thu", "Phạm Thị Thu", PASSWORD))
    clerk = Accounts(store.database).add("an", "Trần Văn An", Role.CLERK, PASSWORD)
    assert not may_change_station(store, None)
    assert not may_change_station(store, clerk)
    assert may_change_station(store, sign_in(store, "thu", PASSWORD))


def test_the_provinces_unit_list_replaces_the_bundled_examples(home: Path) -> None:
    assert [u.code for u in load_units(home)] == ["000.00.14.H05", "000.01.31.H05"]
    home.mkdir(parents=True, exist_ok=True)
    (home / UNITS_FILE).write_text(
        '{"format": 1, "units": [{"code": "000.00.00.H29", "name": "UBND tỉnh", '
        '"level": "province"}, {"code": "bad code", "name": "x"}]}',
        encoding="utf-8",
    )
    units = load_units(home)
    assert [(u.code, u.level) for u in units] == [("000.00.00.H29", AdminLevel.PROVINCE)]


def test_the_provinces_unit_list_is_taken_from_a_file_only_when_it_reads(
    home: Path, tmp_path: Path
) -> None:
    home.mkdir(parents=True, exist_ok=True)
    assert not has_province_units(home)  # the bundled examples say so
    broken = tmp_path / "broken.json"
    broken.write_text('{"units": [{"code": "no code", "name": "x"}]}', encoding="utf-8")
    for bad in (broken, tmp_path / "missing.json"):
        with pytest.raises(StationError) as refused:
            import_units(home, bad)
        assert refused.value.code is ErrorCode.UNITS_FILE_INVALID
    assert not (home / UNITS_FILE).exists() and not has_province_units(home)

    good = tmp_path / "tinh.json"
    good.write_text(
        '{"format": 1, "units": [{"code": "000.00.00.H29", "name": "UBND tỉnh", '
        '"level": "province"}, {"code": "000.21.29.H29", "name": "UBND xã Tân Phú"}]}',
        encoding="utf-8",
    )
    taken = import_units(home, good)
    assert [(u.code, u.level) for u in taken] == [
        ("000.00.00.H29", AdminLevel.PROVINCE),
        ("000.21.29.H29", AdminLevel.COMMUNE),
    ]
    assert has_province_units(home) and load_units(home) == taken
    assert (home / UNITS_FILE).stat().st_mode & 0o777 == 0o600
    with pytest.raises(StationError):
        import_units(home, broken)  # a later bad file leaves the province's list in place
    assert load_units(home) == taken
