"""The procedure's cases (trường hợp) for the dossier: cases of one group exclude each other
(one drop-down per group, "not chosen" included), the others are check boxes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QWidget

from station.model import Case, Procedure

LABEL_CHARS = 48  # case names run to a sentence; the whole name is the tooltip


def _label(case: Case) -> str:
    name = " ".join((case.name or case.code).split())
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1].rstrip() + "…"


class CasePicker(QWidget):
    changed = Signal()  # the clerk changed the choice (not when it is shown)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("casePicker")
        self._form = QFormLayout(self)
        self._form.setContentsMargins(0, 0, 0, 0)
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.groups: dict[str, QComboBox] = {}
        self.flags: dict[str, QCheckBox] = {}
        self.setVisible(False)

    def show_cases(self, procedure: Procedure | None, chosen: tuple[str, ...] = ()) -> None:
        while self._form.rowCount():
            self._form.removeRow(0)
        self.groups, self.flags = {}, {}
        cases = procedure.cases if procedure is not None else ()
        for case in cases:
            if case.group:
                combo = self._group_box(case.group)
                combo.addItem(_label(case), case.code)
                combo.setItemData(combo.count() - 1, case.name, Qt.ItemDataRole.ToolTipRole)
            else:
                box = QCheckBox(_label(case))
                box.setObjectName(f"case:{case.code}")
                box.setToolTip(case.name)
                self.flags[case.code] = box
        if cases:
            title = QLabel(self.tr("Cases"))
            title.setObjectName("casesTitle")
            self._form.addRow(title)
        for combo in self.groups.values():
            self._form.addRow(self.tr("One of"), combo)
        for box in self.flags.values():
            self._form.addRow(box)
        self.set_chosen(chosen)
        for combo in self.groups.values():
            combo.currentIndexChanged.connect(lambda _row, combo=combo: self._picked(combo))
        for box in self.flags.values():
            box.toggled.connect(lambda _on: self.changed.emit())
        self.setVisible(bool(cases))

    def _picked(self, combo: QComboBox) -> None:
        combo.setToolTip(combo.currentData(Qt.ItemDataRole.ToolTipRole) or "")
        self.changed.emit()

    def _group_box(self, group: str) -> QComboBox:
        if group not in self.groups:
            combo = QComboBox()
            combo.setObjectName(f"caseGroup:{group}")
            combo.addItem(self.tr("— not chosen —"), "")
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(20)
            self.groups[group] = combo
        return self.groups[group]

    def set_chosen(self, chosen: tuple[str, ...]) -> None:
        for combo in self.groups.values():
            row = next((r for r in range(combo.count()) if combo.itemData(r) in chosen), 0)
            combo.blockSignals(True)
            combo.setCurrentIndex(row)
            combo.setToolTip(combo.currentData(Qt.ItemDataRole.ToolTipRole) or "")
            combo.blockSignals(False)
        for code, box in self.flags.items():
            box.blockSignals(True)
            box.setChecked(code in chosen)
            box.blockSignals(False)

    def focus_group(self, group: str) -> None:
        """The checklist's flag of an undecided group leads here: its drop-down, opened."""
        combo = self.groups.get(group)
        if combo is not None and combo.isVisible():
            combo.setFocus(Qt.FocusReason.OtherFocusReason)
            combo.showPopup()

    def chosen(self) -> tuple[str, ...]:
        picked = [combo.currentData() for combo in self.groups.values() if combo.currentData()]
        picked += [code for code, box in self.flags.items() if box.isChecked()]
        return tuple(picked)
