"""An entry outside its valid_from…valid_until dates says so beside the procedure, even when it
is verified, and opening a dossier under it warns."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from station.catalog import Catalog, bundled_catalog_dir, load_catalog
from tests.ui.gui.flow import type_text
from tests.ui.gui.test_procedure_trust import _pick

EXPIRED = "1.000894"  # Đăng ký kết hôn: verified, ended 2020-01-01 for the test
FUTURE = "1.001193"  # Khai sinh: in force from 2099-01-01 for the test


@pytest.fixture
def catalog() -> Catalog:
    bundled = load_catalog([bundled_catalog_dir()]).procedures
    ended = dataclasses.replace(
        bundled[EXPIRED].provenance, verified=True, verified_on=date(2019, 12, 1),
        verified_by="Sở Tư pháp", reason="", valid_until=date(2020, 1, 1),
    )  # fmt: skip
    later = dataclasses.replace(bundled[FUTURE].provenance, valid_from=date(2099, 1, 1))
    return Catalog(
        {**bundled, EXPIRED: dataclasses.replace(bundled[EXPIRED], provenance=ended),
         FUTURE: dataclasses.replace(bundled[FUTURE], provenance=later)}
    )  # fmt: skip


def test_an_expired_or_future_entry_says_so_beside_the_procedure(qtbot, window) -> None:
    panel = window.dossier_panel
    _pick(qtbot, window, "KH-01", "kết hôn")
    assert panel.chosen_procedure() == EXPIRED
    assert panel.trust.isVisible()
    assert panel.trust.text() == "⚠ Expired: this entry applied until 2020-01-01"
    assert panel.trust.toolTip() == "Applies: … to 2020-01-01"
    panel.search.clear()
    type_text(panel.search, "khai sinh")
    assert panel.chosen_procedure() == FUTURE
    assert panel.trust.text() == "⚠ Not in force yet: this entry applies from 2099-01-01"
