"""The dossier screen: take up an existing dossier by its code or open a new one, remember it
(so a restart after a crash shows it again), and list the dossiers still open."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QObject, Signal

from app.codes import CardProblem, card_on_page, keep_applicant, page_codes
from app.counter import CounterSession, ScanRunning, dossier_to_resume, find_dossier
from app.separators import SeparatorRead
from station.capture import is_draft
from station.catalog import Catalog
from station.codes import FoundCode, IdCard
from station.dossier_code import normalize_dossier_code
from station.dossiers import DossierRequest, DossierWarning, open_dossier, set_cases
from station.errors import ErrorCode, StationError
from station.model import Dossier, DossierState, Procedure
from station.store import Store
from ui.dossier.field_checks import WARNING_STYLE, code_warning, id_warning
from ui.dossier.panel import DossierPanel, OpenDossiers
from ui.dossier.separators import describe_separator
from ui.events import PageStored
from ui.settings.keeper import SettingsKeeper
from ui.tasks import TaskRunner
from ui.text import describe_warning, format_datetime


def open_rows(store: Store, catalog: Catalog) -> list[tuple[str, str, str, int]]:
    rows = []
    for dossier in store.dossiers(DossierState.OPEN):
        procedure = catalog.procedures.get(dossier.procedure_code)
        name = procedure.name if procedure else dossier.procedure_code
        rows.append((dossier.code, name, dossier.applicant_name, len(store.pages(dossier.code))))
    return rows


class DossierController(QObject):
    opened = Signal(object, object)  # Dossier | None, Procedure | None
    cases_changed = Signal(object)  # the open Dossier with its new cases
    error = Signal(object)
    message = Signal(str)
    refused = Signal(str)  # another dossier asked for while a scan runs: said until it ends

    def __init__(
        self,
        panel: DossierPanel,
        table: OpenDossiers,
        store: Store,
        catalog: Catalog,
        tasks: TaskRunner,
        settings: SettingsKeeper,
        counter: CounterSession,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.panel = panel
        self.table = table
        self.store = store
        self.catalog = catalog
        self.tasks = tasks
        self.settings = settings
        self.counter = counter
        panel.code.returnPressed.connect(self.code_entered)
        panel.search.returnPressed.connect(self._procedure_entered)
        panel.procedures.activated.connect(self._procedure_entered)
        panel.applicant.returnPressed.connect(panel.id_number.setFocus)
        panel.id_number.returnPressed.connect(self.create)
        panel.open_button.clicked.connect(self.create)
        panel.cases.changed.connect(self._cases_picked)
        panel.procedures.selectionModel().currentChanged.connect(self._form_procedure_changed)
        self._picker_on_open = False  # the case picker shows the open dossier, not the form
        self._card_for: str | None = None  # the open dossier a card read waits to fill
        table.cellActivated.connect(lambda row, _column: self._resume_row(row))
        table.cellDoubleClicked.connect(lambda row, _column: self._resume_row(row))

    @property
    def current(self) -> Dossier | None:
        return self.counter.dossier

    @property
    def procedure(self) -> Procedure | None:
        return self.counter.procedure

    @property
    def code(self) -> str | None:
        return self.counter.code

    def restore(self) -> None:
        """At start-up: show the dossier that was open when the station last stopped."""
        self.tasks.db(dossier_to_resume, self.store, self.settings.value.last_dossier).success(
            lambda dossier: self.show(dossier) if dossier is not None else self.refresh_table()
        ).run()

    def refresh_table(self) -> None:
        self.tasks.db(open_rows, self.store, self.catalog).success(self.table.show_rows).run()

    # the form --------------------------------------------------------------------------------
    def code_entered(self) -> None:
        """A known code takes that dossier up again; a new one moves on to the procedure."""
        try:
            code = normalize_dossier_code(self.panel.code.text())
        except StationError as exc:
            self.error.emit(exc)
            return
        self.tasks.db(find_dossier, self.store, code).success(
            lambda dossier: self._code_looked_up(code, dossier)
        ).run()

    def _code_looked_up(self, code: str, dossier: Dossier | None) -> None:
        if dossier is None and self._holder() is not None:
            text = self.tr("Dossier %1: choose its procedure; the pages scanned go with it")
            self.message.emit(text.replace("%1", code))
            self.panel.set_compact(False)
            self.panel.search.setFocus()
        elif dossier is None:
            self.message.emit(self.tr("New dossier %1: choose its procedure").replace("%1", code))
            self.panel.set_compact(False)
            self.panel.search.setFocus()
        elif dossier.state is not DossierState.OPEN:
            self.error.emit(StationError(ErrorCode.DOSSIER_FINISHED, code=dossier.code))
        else:
            self.show(dossier)

    def _procedure_entered(self) -> None:
        if self.panel.chosen_procedure() is not None:
            self.panel.applicant.setFocus()

    def create(self) -> None:
        if self._card_for is not None and self._card_for == self.counter.code:
            self._keep_card()
            return
        procedure = self.panel.chosen_procedure()
        holder = self._holder()
        if procedure is None:
            self.error.emit(
                StationError(ErrorCode.UNKNOWN_PROCEDURE, code=self.panel.search.text())
            )
            self.panel.search.setFocus()
            return
        code = self.panel.code.text()
        if holder is not None and not code.strip() and not is_draft(holder):
            code = holder  # a dossier created from its receipt keeps the receipt's code
        request = DossierRequest(
            code,
            procedure,
            self.panel.applicant.text(),
            self.panel.id_number.text(),
            cases=() if self._picker_on_open else self.panel.cases.chosen(),
            takes_over=holder or "",
        )
        self.tasks.db(open_dossier, self.store, self.catalog, request).success(
            self._created
        ).failure(self._create_failed).run()

    def _holder(self) -> str | None:
        """The open dossier with no procedure yet (scanned as a draft, or created from its
        receipt) whose pages the dossier described in the form takes."""
        dossier = self.counter.dossier
        return dossier.code if dossier is not None and not dossier.procedure_code else None

    def _created(self, result: tuple[Dossier, list[DossierWarning]]) -> None:
        dossier, warnings = result
        self.show(dossier)
        if warnings:
            self.message.emit(" ".join(describe_warning(w.value) for w in warnings))

    def _create_failed(self, error: BaseException) -> None:
        if isinstance(error, StationError) and error.code is ErrorCode.DOSSIER_EXISTS:
            self.code_entered()  # the same code twice: take the existing dossier up
            return
        self.error.emit(error)

    def _form_procedure_changed(self) -> None:
        if self.panel.chosen_procedure() is not None:
            self._picker_on_open = False

    def _cases_picked(self) -> None:
        dossier = self.counter.dossier
        if not self._picker_on_open or dossier is None:
            return
        chosen = self.panel.cases.chosen()
        self.tasks.db(set_cases, self.store, self.catalog, dossier.code, chosen).success(
            self._cases_saved
        ).failure(self._cases_refused).run()

    def _cases_saved(self, dossier: Dossier) -> None:
        if self.counter.code != dossier.code:
            return
        self.counter.open(dossier)
        self.cases_changed.emit(dossier)

    def _cases_refused(self, error: BaseException) -> None:
        dossier = self.counter.dossier
        if dossier is not None and self._picker_on_open:
            self.panel.cases.set_chosen(dossier.cases)
        self.error.emit(error)

    def _resume_row(self, row: int) -> None:
        code = self.table.code_at(row)
        if code:
            self.panel.code.setText(code)
            self.code_entered()

    # a citizen ID card scanned into the open dossier -------------------------------------------
    def page_stored(self, event: PageStored) -> None:
        """While the open dossier has no ID number yet, read the codes of its new pages (their
        positions are kept with the page): a card's QR fills the form. Later pages are left to
        the background analysis, so a batch costs no more than it did."""
        dossier = self.counter.dossier
        if dossier is None or event.page.dossier_code != dossier.code:
            return
        if dossier.applicant_id_number or self._card_for is not None:
            return
        self.tasks.background(page_codes, self.store, event.page).success(
            lambda codes, code=dossier.code: self._codes_read(code, codes)
        ).failure(self.error.emit).run()

    def _codes_read(self, dossier_code: str, codes: list[FoundCode]) -> None:
        card = card_on_page(codes)
        dossier = self.counter.dossier
        if card is None or dossier is None or dossier.code != dossier_code:
            return
        if dossier.applicant_id_number or self._card_for is not None:
            return
        if card is CardProblem.UNREADABLE:
            self.message.emit(self.tr("The card's QR code is not a citizen ID: nothing filled"))
        elif card is CardProblem.BAD_NUMBER:
            self.message.emit(self.tr("The ID number in the card's QR code fails the check: "
                                      "nothing filled"))  # fmt: skip
        elif isinstance(card, IdCard):
            self._card_for = dossier_code
            self.panel.show_card(card.name, card.id_number, self._card_details(card))
            self.message.emit(self.tr("ID card read: check it, then Enter to keep the name and "
                                      "ID number"))  # fmt: skip

    def _card_details(self, card: IdCard) -> str:
        sex = {"Nam": self.tr("Male"), "Nữ": self.tr("Female")}.get(card.sex, card.sex)
        return "\n".join(
            (
                self.tr("Date of birth: %1").replace("%1", f"{card.birth_date:%d/%m/%Y}"),
                self.tr("Sex: %1").replace("%1", sex),
                self.tr("Place of residence: %1").replace("%1", card.address),
                self.tr("Issued on: %1").replace("%1", f"{card.issued_on:%d/%m/%Y}"),
            )
        )

    def _keep_card(self) -> None:
        code = self._card_for
        name, number = self.panel.applicant.text(), self.panel.id_number.text()
        self.tasks.db(keep_applicant, self.store, code, name, number).success(
            self._card_kept
        ).failure(self.error.emit).run()

    def _card_kept(self, dossier: Dossier) -> None:
        self._card_for = None
        self.panel.hide_card()
        if self.counter.code == dossier.code:
            self.show(dossier)

    def separator_read(self, read: SeparatorRead) -> None:
        """A separator sheet in the batch: say what it did (or why it was ignored)."""
        self.message.emit(describe_separator(read))

    # the open dossier ------------------------------------------------------------------------
    def show(self, dossier: Dossier) -> None:
        try:
            self.counter.open(dossier)
        except ScanRunning as running:
            self._refuse_while_scanning(running)
            return
        self._card_for = None
        self.panel.hide_card()
        self.panel.clear_form()
        self.panel.summary.setText(self._summary(dossier))
        self.panel.cases.show_cases(self.procedure, dossier.cases)
        self.panel.trust.show_procedure(self.procedure)
        self._picker_on_open = True
        self.panel.set_completing(False)
        self.panel.set_compact(True)
        self.opened.emit(dossier, self.procedure)
        self.refresh_table()
        if self.procedure is None:
            self._ask_for_procedure(dossier)

    def _ask_for_procedure(self, dossier: Dossier) -> None:
        """Pages came in before anyone said what the dossier is: the form asks for its
        procedure (and a draft for the code the one-stop system issued) to complete it."""
        self._picker_on_open = False
        self.panel.set_completing(True)
        if is_draft(dossier.code):
            self.panel.code.setFocus()
            text = self.tr("Pages scanned without a dossier code: type or scan the code, choose "
                           "the procedure, then Enter to keep them in that dossier")  # fmt: skip
        else:
            self.panel.search.setFocus()
            text = self.tr("Dossier %1 has no procedure yet: choose it, then Enter")
        self.message.emit(text.replace("%1", dossier.code))

    def _refuse_while_scanning(self, running: ScanRunning) -> None:
        text = self.tr("Pages are being scanned into %1: wait for the scan or cancel it (Esc)")
        self.refused.emit(text.replace("%1", running.code))

    def _summary(self, dossier: Dossier) -> str:
        """Three short lines: the code, the procedure, the applicant and when it came in."""
        procedure = self.procedure.name if self.procedure else self.tr("(no procedure)")
        applicant = dossier.applicant_name or "—"
        if dossier.applicant_id_number:
            applicant += f" · {dossier.applicant_id_number}"
        received = self.tr("received %1").replace("%1", format_datetime(dossier.received_at))
        lines = [
            f"<b style='font-size:large'>{escape(dossier.code)}</b>",
            escape(procedure),
            escape(f"{applicant} · {received}"),
        ]
        # Opened with a doubtful code or ID number: the warning stays with the dossier.
        for warning in (code_warning(dossier.code), id_warning(dossier.applicant_id_number)):
            if warning:
                lines.append(f"<span style='{WARNING_STYLE}'>{escape(warning)}</span>")
        return "<br>".join(lines)

    def close_current(self) -> None:
        """After finishing, or "next citizen": no more pages go to the dossier, and the screen
        is ready for the next applicant in the queue."""
        try:
            self.counter.close()
        except ScanRunning as running:
            self._refuse_while_scanning(running)
            return
        self._card_for = None
        self.panel.hide_card()
        self.panel.clear_form()
        self.panel.summary.setText(escape(self.tr("No dossier open. Scan the next dossier code.")))
        self.panel.cases.show_cases(None)
        self.panel.trust.show_procedure(None)
        self._picker_on_open = False
        self.panel.set_completing(False)
        self.panel.set_compact(False)
        self.opened.emit(None, None)
        self.refresh_table()
        self.panel.code.setFocus()
