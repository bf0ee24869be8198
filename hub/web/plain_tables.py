"""The dashboard's tables that are not figures, as rows: the stations with their last contact,
a dossier's components, and the access log. The pages and the exports write these same rows."""

from __future__ import annotations

from typing import Any

from hub import access_log
from hub.access_log import Access
from hub.principal import Role
from hub.web.dossier_view import DossierView
from hub.web.render import local_time, number
from hub.web.sheet_files import Sheet
from hub.web.words import Lang, word

NO_VALUE = "—"
WORDED_ACTIONS = access_log.ACTIONS


def stations_sheet(stations: tuple[dict[str, Any], ...], lang: Lang) -> Sheet:
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


def components_sheet(found: DossierView, lang: Lang) -> Sheet:
    """A dossier's components as the lookup page lists them; pages and sizes as numbers."""
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
        for f in found.files
    )
    return Sheet(word("components", lang), tuple(word(h, lang) for h in headings), rows)


def pairs_text(pairs: tuple[tuple[int, int], ...]) -> str:
    return ", ".join(f"{a}–{b}" for a, b in pairs) or NO_VALUE


def action_words(action: str, lang: Lang) -> str:
    return word(action, lang) if action in WORDED_ACTIONS else action


def role_words(kind: str, lang: Lang) -> str:
    return word(f"role_{kind}", lang) if kind in set(Role) else kind


def access_log_sheet(entries: list[Access], lang: Lang) -> Sheet:
    headings = ("at", "actor", "role", "action", "station", "target_code", "address")
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
