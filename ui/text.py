"""Wording shared by the screens: core errors and warnings in the application's language, and
numbers, sizes and dates in its locale (QLocale.setDefault is set with the translators)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale

from station.errors import StationError
from ui.messages import error_text, warning_text


def _vietnamese() -> bool:
    return QLocale().language() == QLocale.Language.Vietnamese


def describe_error(error: BaseException) -> str:
    if isinstance(error, StationError):
        vi, en = error_text(error)
        return vi if _vietnamese() else en
    return QCoreApplication.translate("Errors", "Unexpected error: %1").replace(
        "%1", f"{type(error).__name__}: {error}"
    )


def describe_warning(code: str) -> str:
    vi, en = warning_text(code)
    return vi if _vietnamese() else en


def format_size(size: int) -> str:
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


def format_number(value: int) -> str:
    return QLocale().toString(value)


def format_datetime(value: datetime) -> str:
    moment = QDateTime.fromSecsSinceEpoch(int(value.timestamp()))
    return QLocale().toString(moment.toLocalTime(), QLocale.FormatType.ShortFormat)
