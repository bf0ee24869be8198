"""The procedure's component checklist for the chosen cases: required, one of an alternative,
optional, not to be asked for, or a result; pages so far, missing ones in red, the sticky
component marked. Pages dragged from the grid onto a row are tagged with it.

The name column is the one the clerk reads: the others are kept short (an alternative names only
the other components, the page count's header is one word) and the sticky row's name is not
bold, so the code and the start of every name fit on a 1280×720 screen."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem

from station.dossiers import ChecklistRow
from station.workflow.checks import Need
from ui.pages.model import PAGE_MIME, pages_from_mime

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
GROUP_ROLE = Qt.ItemDataRole.UserRole + 2  # a case group with no case chosen
MISSING = QColor("#c62828")
MUTED = QColor("#9e9e9e")
STICKY = QColor("#fff3cd")


class ChecklistWidget(QTreeWidget):
    component_picked = Signal(object)  # component code, or None for "no component"
    group_picked = Signal(str)  # the flag of an undecided case group was clicked
    pages_dropped = Signal(list, object)  # page ids, component code (None: untag)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("checklist")
        self.setColumnCount(4)
        self.setHeaderLabels(
            ["#", self.tr("Component"), self.tr("Required"), self.tr("Pages", "short header")]
        )
        header_item = self.headerItem()
        header_item.setToolTip(0, self.tr("The number key that tags the selected pages"))
        header_item.setToolTip(3, self.tr("Pages tagged with the component"))
        self.setRootIsDecorated(False)
        self.setMinimumHeight(140)
        self.setUniformRowHeights(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.header()
        header.setStretchLastSection(False)
        for column, mode in enumerate(
            (
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.ResizeToContents,
            )
        ):
            header.setSectionResizeMode(column, mode)
        self.itemClicked.connect(lambda item, _column: self._clicked(item))
        self._sticky: str | None = None

    def _clicked(self, item: QTreeWidgetItem) -> None:
        group = item.data(0, GROUP_ROLE)
        if group:
            self.group_picked.emit(group)
        else:
            self.component_picked.emit(item.data(0, CODE_ROLE))

    def show_rows(
        self,
        rows: list[ChecklistRow],
        untagged: int,
        undecided: list[tuple[str, list[str]]] | None = None,
    ) -> None:
        """`undecided`: the case groups with no case chosen, each with its cases' names; a red
        row above the papers for each, since the papers they ask for are not known yet."""
        self.clear()
        for group, names in undecided or []:
            flag = self._undecided_item(group, names)
            self.addTopLevelItem(flag)
            flag.setFirstColumnSpanned(True)  # the whole width: the sentence is the point
        for rank, row in enumerate(rows, 1):
            component = row.component
            key = str(rank) if rank <= 9 else ""
            name = f"{component.code} · {component.name}"
            item = QTreeWidgetItem([key, name, self.need_text(row), str(row.pages)])
            item.setData(0, CODE_ROLE, component.code)
            item.setToolTip(1, f"{component.code} — {component.name}")
            item.setToolTip(2, self._need_tip(row))
            if row.missing:
                item.setText(1, f"⚠ {name}")
                for column in range(4):
                    item.setForeground(column, QBrush(MISSING))
                item.setToolTip(1, f"{component.code} — {component.name}\n{self._need_tip(row)}")
            elif row.need.need in (Need.NOT_REQUESTED, Need.RESULT):
                for column in range(4):
                    item.setForeground(column, QBrush(MUTED))
            self.addTopLevelItem(item)
        item = QTreeWidgetItem(["0", self.tr("Not tagged"), "", str(untagged)])
        item.setData(0, CODE_ROLE, None)
        self.addTopLevelItem(item)
        self._paint_sticky()

    def _undecided_item(self, group: str, names: list[str]) -> QTreeWidgetItem:
        text = self.tr("No case chosen (%1): choose it above")
        item = QTreeWidgetItem(["⚠ " + text.replace("%1", group)])
        item.setData(0, GROUP_ROLE, group)
        tip = self.tr(
            "The papers required depend on the case. Choose one under Cases in the dossier form:"
        )
        item.setToolTip(0, tip + "\n• " + "\n• ".join(names))
        item.setForeground(0, QBrush(MISSING))
        font = QFont(item.font(0))
        font.setBold(True)
        item.setFont(0, font)
        return item

    def undecided_groups(self) -> list[str]:
        rows = (self.topLevelItem(row) for row in range(self.topLevelItemCount()))
        return [item.data(0, GROUP_ROLE) for item in rows if item.data(0, GROUP_ROLE)]

    def need_text(self, row: ChecklistRow) -> str:
        need = row.need.need
        others = [code for code in row.need.one_of if code != row.component.code]
        if need is Need.ONE_OF and row.need.or_flags and not others:
            return self.tr("%1 or a note").replace("%1", "/".join(row.need.one_of))
        if need is Need.ONE_OF and row.need.or_flags:
            return self.tr("or %1, or a note").replace("%1", "/".join(others))
        if need is Need.ONE_OF:
            return self.tr("or %1").replace("%1", "/".join(others or row.need.one_of))
        return {
            Need.REQUIRED: self.tr("required"),
            Need.OPTIONAL: self.tr("optional"),
            Need.NOT_REQUESTED: self.tr("not requested"),
            Need.RESULT: self.tr("result"),  # issued later by the agency, not at the counter
        }[need]

    def _need_tip(self, row: ChecklistRow) -> str:
        need = row.need.need
        if need is Need.ONE_OF and row.need.or_flags:
            return (
                self.tr("%1, unless the case ticked says the registry holds the data (%2)")
                .replace("%1", ", ".join(row.need.one_of))
                .replace("%2", ", ".join(row.need.or_flags))
            )
        if need is Need.ONE_OF:
            return self.tr("Either of %1 will do").replace("%1", ", ".join(row.need.one_of))
        if need is Need.NOT_REQUESTED:
            return self.tr("The registry must not ask for this paper")
        if need is Need.RESULT:
            return self.tr("Issued later by the agency, not needed at reception")
        if row.missing:
            return self.tr("Required component without pages")
        return ""

    def set_sticky(self, code: str | None) -> None:
        self._sticky = code
        self._paint_sticky()

    def _paint_sticky(self) -> None:
        for row in range(self.topLevelItemCount()):
            item = self.topLevelItem(row)
            if item.data(0, GROUP_ROLE):
                continue  # a flag, not a component
            sticky = item.data(0, CODE_ROLE) == self._sticky
            font = QFont(item.font(0))
            font.setBold(sticky)
            for column in range(4):
                if column != 1:  # a bold name would show fewer of its letters
                    item.setFont(column, font)
                item.setBackground(column, QBrush(STICKY) if sticky else QBrush())

    def missing_rows(self) -> list[str]:
        return [
            self.topLevelItem(row).data(0, CODE_ROLE)
            for row in range(self.topLevelItemCount())
            if self.topLevelItem(row).foreground(1).color() == MISSING
        ]

    # drops -------------------------------------------------------------------------------
    def mimeTypes(self) -> list[str]:
        return [PAGE_MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasFormat(PAGE_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        item = self.itemAt(event.position().toPoint())
        if item is not None and event.mimeData().hasFormat(PAGE_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:
        item = self.itemAt(event.position().toPoint())
        ids = pages_from_mime(event.mimeData())
        if item is None or not ids:
            event.ignore()
            return
        self.drop_on(item, ids)
        event.setDropAction(Qt.DropAction.CopyAction)  # the grid must not remove anything
        event.accept()

    def drop_on(self, item: QTreeWidgetItem, page_ids: list[str]) -> None:
        self.pages_dropped.emit(page_ids, item.data(0, CODE_ROLE))
