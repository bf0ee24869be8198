"""The dashboard's tables that are not figures, as rows: the stations with their last contact,
a dossier's components, and the access log. The pages and the exports write these same rows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from hub import access_log
from hub.access_log import Access
from hub.principal import Role
from hub.web.dossier_view import FileRow, Holders
from hub.web.render import local_time, number
from hub.web.sheet_files import Sheet
from hub.web.sorting import RowOrder, Sortable
from hub.web.words import Lang, word

NO_VALUE = "—"
WORDED_ACTIONS = access_log.ACTIONS


def _moment(text: str | None) -> float:
    """A stored time for sorting; never seen counts as longest ago."""
    if not text:
        return float("-inf")
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


# First click: offline first, the longest unseen first (never seen before all), the most
# results awaiting first; a station without a unit last either way.
STATION_SORTS: Sortable[dict[str, Any]] = Sortable(
    {
        "station": lambda s, _: s["station_id"],
        "unit": lambda s, _: s["unit_code"] or None,
        "state": lambda s, _: int(bool(s["online"])),
        "last_seen": lambda s, _: _moment(s["last_seen_at"]),
        "results_awaiting": lambda s, _: s.get("results_awaiting"),
    },
    frozenset({"results_awaiting"}),
)


def stations_sheet(stations: tuple[dict[str, Any], ...], lang: Lang) -> Sheet:
    """The stations in the order given (STATION_SORTS.rows)."""
    headings = ("station", "station_name", "unit", "state", "last_seen", "results_awaiting")
    rows = tuple(
        (
            s["station_id"],
            s["name"] if s["name"] and s["name"] != s["station_id"] else "",
            s["unit_code"] or NO_VALUE,
            word("online" if s["online"] else "offline", lang),
            local_time(s["last_seen_at"], lang),
            number(s.get("results_awaiting"), lang),
        )
        for s in stations
    )
    return Sheet(word("stations", lang), tuple(word(h, lang) for h in headings), rows)


def holders_sheet(found: Holders, lang: Lang) -> Sheet:
    """The stations holding one code, as the lookup page lists them to pick from."""
    headings = ("station", "station_name", "unit", "committed_at")
    rows = tuple(
        (
            h["station_id"],
            h["name"] if h["name"] and h["name"] != h["station_id"] else "",
            h["unit_code"] or NO_VALUE,
            local_time(h["committed_at"], lang),
        )
        for h in found.stations
    )
    return Sheet(word("holders", lang), tuple(word(h, lang) for h in headings), rows)


COMPONENT_SORTS: Sortable[FileRow] = Sortable(
    {
        "component": lambda f, _: f.component_code,
        "file": lambda f, _: f.file_name,
        "pages": lambda f, _: f.pages,
        "size": lambda f, _: f.size,
        "digitized": lambda f, _: int(f.digitized),
        "signature": lambda f, lang: word(f.signature.value, lang),
        "pairs": lambda f, _: len(f.annotated_pairs),
    },
    frozenset({"pages", "size", "digitized", "pairs"}),
)


def components_sheet(files: tuple[FileRow, ...], lang: Lang) -> Sheet:
    """A dossier's components as the lookup page lists them (in the order given,
    COMPONENT_SORTS.rows); pages and sizes as numbers."""
    headings = (
        "component", "component_name", "file", "pages", "size", "digitized", "signature", "pairs"
    )  # fmt: skip
    rows = tuple(
        (
            f.component_code,
            f.component_name,
            f.file_name,
            f.pages,
            f.size,
            word("yes" if f.digitized else "no", lang),
            word(f.signature.value, lang),
            pairs_text(f.annotated_pairs),
        )
        for f in files
    )
    return Sheet(word("components", lang), tuple(word(h, lang) for h in headings), rows)


def pairs_text(pairs: tuple[tuple[int, int], ...]) -> str:
    return ", ".join(f"{a}–{b}" for a, b in pairs) or NO_VALUE


def action_words(action: str, lang: Lang) -> str:
    return word(action, lang) if action in WORDED_ACTIONS else action


def role_words(kind: str, lang: Lang) -> str:
    return word(f"role_{kind}", lang) if kind in set(Role) else kind


# Newest first unless asked otherwise; a read with no one station sorts last by station.
ACCESS_LOG_SORTS: Sortable[Access] = Sortable(
    {
        "at": lambda e, _: e.at,
        "actor": lambda e, _: e.actor,
        "role": lambda e, lang: role_words(e.actor_kind, lang),
        "action": lambda e, lang: action_words(e.action, lang),
        "station": lambda e, _: e.station_id or None,
        "target_code": lambda e, _: e.target,
        "address": lambda e, _: e.address or None,
    },
    frozenset({"at"}),
    RowOrder("at", descending=True),
)
ACCESS_LOG_COLUMNS = tuple(ACCESS_LOG_SORTS.values)  # as the page and the export show them


def access_log_sheet(entries: tuple[Access, ...], lang: Lang) -> Sheet:
    """The entries in the order given (ACCESS_LOG_SORTS.rows)."""
    headings = ACCESS_LOG_COLUMNS
    rows = tuple(
        (
            local_time(e.at, lang),
            e.actor,
            role_words(e.actor_kind, lang),
            action_words(e.action, lang),
            e.station_id,
            e.target,
            e.address,
        )
        for e in entries
    )
    return Sheet(word("access_log", lang), tuple(word(h, lang) for h in headings), rows)
