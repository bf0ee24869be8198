"""A separator sheet read in a batch, worded in the application's language."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from app.separators import SeparatorRead
from ui.messages import separator_text


def describe_separator(read: SeparatorRead) -> str:
    vi, en = separator_text(read.outcome.value, read.component, read.procedure)
    return vi if QLocale().language() == QLocale.Language.Vietnamese else en
