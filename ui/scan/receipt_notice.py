"""What the window does when a batch's receipt (scanned or imported) names the dossier: the
status line saying so, and that dossier looked up to make it the active one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from app.codes import ReceiptRead
from app.counter import find_dossier
from station.model import Dossier
from station.store import Store
from ui.tasks import TaskRunner


def receipt_text(receipt: ReceiptRead) -> str:
    if receipt.created:
        text = QCoreApplication.translate(
            "ReceiptNotice", "New dossier from the receipt: %1; choose its procedure"
        )
    else:
        text = QCoreApplication.translate("ReceiptNotice", "Dossier from the receipt: %1")
    return text.replace("%1", receipt.dossier_code)


def open_receipt_dossier(
    tasks: TaskRunner, store: Store, receipt: ReceiptRead, found: Callable[[Dossier], None]
) -> None:
    """`found` gets the dossier (on the GUI thread), read on the store thread."""
    tasks.db(find_dossier, store, receipt.dossier_code).success(
        lambda dossier: found(dossier) if dossier is not None else None
    ).run()
