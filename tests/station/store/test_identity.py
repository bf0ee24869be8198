"""The station's identity: one row of the store, set by a person, checked before it is kept."""

from __future__ import annotations

import socket

import pytest

from station.errors import ErrorCode, StationError
from station.model import AdminLevel
from station.store import Store
from station.store.identity import StationIdentity


def test_a_new_station_is_named_after_its_host_until_a_person_names_it(store: Store) -> None:
    identity = store.identity()
    assert (identity.name, identity.agency_code, identity.level) == (
        socket.gethostname(), "", AdminLevel.COMMUNE,
    )  # fmt: skip
    assert identity.updated_at is None


def test_the_identity_is_kept_trimmed_and_read_back_by_every_reader(store: Store) -> None:
    wanted = StationIdentity("  Bộ phận một cửa   xã Tân Phú ", " 000.01.31.h05 ", "province")
    station = store.set_identity(wanted)  # type: ignore[arg-type]
    assert (station.name, station.agency_code, station.level) == (
        "Bộ phận một cửa xã Tân Phú", "000.01.31.H05", AdminLevel.PROVINCE,
    )  # fmt: skip
    assert store.identity().updated_at is not None
    with Store.open(store.layout.home) as again:
        assert again.station() == station


@pytest.mark.parametrize(
    ("name", "code", "level", "problem"),
    [
        ("   ", "", "commune", ErrorCode.STATION_NAME_EMPTY),
        ("Trạm", "H05.000", "commune", ErrorCode.AGENCY_CODE_INVALID),
        ("Trạm", "000.01.31.H5", "commune", ErrorCode.AGENCY_CODE_INVALID),
        ("Trạm", "000.01.31-H05", "commune", ErrorCode.AGENCY_CODE_INVALID),
        ("Trạm", "0" * 32 + ".H05", "commune", ErrorCode.AGENCY_CODE_INVALID),  # over 35
        ("Trạm", "", "district", ErrorCode.STATION_LEVEL_INVALID),  # gone since 1/7/2025
        ("Trạm", "", "ward", ErrorCode.STATION_LEVEL_INVALID),
    ],
)
def test_an_identity_the_rules_refuse_is_not_kept(
    store: Store, name: str, code: str, level: str, problem: ErrorCode
) -> None:
    before = store.station()
    with pytest.raises(StationError) as caught:
        store.set_identity(StationIdentity(name, code, level))  # type: ignore[arg-type]
    assert caught.value.code is problem
    assert store.station() == before


@pytest.mark.parametrize("code", ["", "000.00.14.H05", "000.01.31.H05", "000.00.00.G22", "H29"])
def test_agency_codes_of_the_qd_20_2020_shape_are_taken(store: Store, code: str) -> None:
    assert store.set_identity(StationIdentity("Trạm", code)).agency_code == code
