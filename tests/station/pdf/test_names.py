"""Component file names: <dossier code>.<order>.pdf (Thông tư 02/2019/TT-BNV)."""

from __future__ import annotations

import pytest

from station.pdf import component_file_name


@pytest.mark.parametrize(
    ("code", "order", "name"),
    [
        ("000.00.14.H05-250701-0042", 1, "000.00.14.H05-250701-0042.1.pdf"),
        ("G09.20-20260609-0092637", 12, "G09.20-20260609-0092637.12.pdf"),
        ("  H38.1-250701-0001 ", 3, "H38.1-250701-0001.3.pdf"),
        ("Hồ sơ 01", 2, "Hồ sơ 01.2.pdf"),
    ],
)
def test_name_is_code_dot_order_dot_pdf(code: str, order: int, name: str) -> None:
    assert component_file_name(code, order) == name


def test_characters_windows_refuses_become_underscores() -> None:
    assert component_file_name('A/B\\C:D*E?F"G<H>I|J\x01', 1) == "A_B_C_D_E_F_G_H_I_J_.1.pdf"


@pytest.mark.parametrize("code", ["CON", "con.01", "LPT1", "Nul", "COM9.X"])
def test_windows_device_names_are_escaped(code: str) -> None:
    assert component_file_name(code, 1) == f"_{code}.1.pdf"


def test_names_merely_starting_like_a_device_are_kept() -> None:
    assert component_file_name("CONSOLE.1", 1) == "CONSOLE.1.1.pdf"


@pytest.mark.parametrize("order", [0, -1, True])
def test_order_numbers_start_at_one(order: int) -> None:
    with pytest.raises(ValueError):
        component_file_name("H38-1", order)


@pytest.mark.parametrize("code", ["", "   ", "\t"])
def test_a_dossier_code_is_required(code: str) -> None:
    with pytest.raises(ValueError):
        component_file_name(code, 1)
