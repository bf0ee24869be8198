"""The counter workflow without a user interface: edit a dossier's pages, then finish it."""

from station.workflow.finish import (
    ComponentFile,
    FinishReceipt,
    finish_dossier,
    missing_required,
)
from station.workflow.pages import (
    delete_pages,
    mark_annotated,
    move_pages,
    record_analysis,
    recrop_page,
    replace_page,
    reset_processing,
    restore_pages,
    rotate_page,
    skip_blank_backs,
    tag_pages,
)
from station.workflow.stats import pages_today

__all__ = [
    "ComponentFile",
    "FinishReceipt",
    "delete_pages",
    "finish_dossier",
    "mark_annotated",
    "missing_required",
    "move_pages",
    "pages_today",
    "recrop_page",
    "record_analysis",
    "replace_page",
    "reset_processing",
    "restore_pages",
    "rotate_page",
    "skip_blank_backs",
    "tag_pages",
]
