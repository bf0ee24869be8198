"""What the dossier form says next to the code and ID number fields while they are typed, and
what the summary keeps saying once the dossier was opened with them anyway."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from station.dossier_code import CodeWarning, check_dossier_code
from station.id_number import IdKind, IdProblem, check_id_number

WARNING_STYLE = "color: #b26a00;"  # amber: accepted anyway, but look again
INFO_STYLE = "color: #616161;"

translate = QCoreApplication.translate


def code_warning(code: str) -> str:
    """ "" when the code has the standard shape (or is empty)."""
    code = code.strip()
    if not code:
        return ""
    warnings = check_dossier_code(code)
    if CodeWarning.NONSTANDARD_SHAPE in warnings:
        return translate(
            "FieldChecks", "⚠ Not the standard shape …-YYMMDD-XXXX; check it, it is accepted anyway"
        )
    if CodeWarning.INVALID_DATE in warnings:
        return translate(
            "FieldChecks", "⚠ The YYMMDD part is not a date; check it, it is accepted anyway"
        )
    return ""


def id_warning(number: str) -> str:
    if not number.strip():
        return ""
    checked = check_id_number(number)
    if checked.problem is IdProblem.SHAPE:
        return translate(
            "FieldChecks",
            "⚠ Not a citizen ID (12 digits), old ID (9 digits) or passport (letter and 7-8 digits)",
        )
    if checked.problem is IdProblem.PROVINCE:
        text = translate(
            "FieldChecks", "⚠ Citizen ID: %1 is not a province code; check the first three digits"
        )
        return text.replace("%1", checked.number[:3])
    if checked.problem is IdProblem.BIRTH_YEAR:
        text = translate(
            "FieldChecks", "⚠ Citizen ID: born in %1 cannot be right; check digits 4 to 6"
        )
        return text.replace("%1", str(checked.birth_year))
    return ""


def id_info(number: str) -> str:
    """What a well-shaped number says, for the clerk to compare with the card."""
    checked = check_id_number(number) if number.strip() else None
    if checked is None or not checked.ok:
        return ""
    if checked.kind is IdKind.CCCD:
        sex = (
            translate("FieldChecks", "male")
            if checked.sex == "male"
            else translate("FieldChecks", "female")
        )
        text = translate("FieldChecks", "Citizen ID · %1 · born %2 · %3").replace(
            "%1", checked.province
        )
        return text.replace("%2", str(checked.birth_year)).replace("%3", sex)
    if checked.kind is IdKind.CMND:
        return translate("FieldChecks", "Old ID (CMND)")
    return translate("FieldChecks", "Passport")


def show_check(label: QLabel, warning: str, info: str = "") -> None:
    label.setText(warning or info)
    label.setStyleSheet(WARNING_STYLE if warning else INFO_STYLE)
    label.setProperty("warning", bool(warning))
    label.setVisible(bool(warning or info))
