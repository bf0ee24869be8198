"""What a station reports besides its dossiers: heartbeats and metrics snapshots, as FastAPI
validates them, plus the bounds it cannot express (lengths, ranges, times the hub can use)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from hub import clock
from hub.codes import FORMULA_STARTS, is_visible_text
from hub.facts import StationFacts

MAX_COUNT = 10**9
MAX_VERSION = 64
MAX_SNAPSHOT_BYTES = 64 * 1024


@dataclass
class QueueState:
    queued: int
    failed: int
    oldest_queued_at: str | None = None


@dataclass
class Heartbeat:
    station_id: str
    version: str
    queue: QueueState
    at: str


@dataclass
class Metrics:
    station_id: str
    at: str
    snapshot: dict[str, Any] = field(default_factory=dict)  # free-form, kept as it came
    facts: StationFacts | None = None  # what the supervisor's figures are made of


def is_time(text: str | None) -> bool:
    try:
        clock.parse(text or "")
    except ValueError:
        return False
    return True


def is_plain_text(text: str, limit: int) -> bool:
    """Bounded, visible, and never a spreadsheet formula once exported (OWASP)."""
    return len(text) <= limit and is_visible_text(text) and not text.startswith(FORMULA_STARTS)


def heartbeat_problems(beat: Heartbeat) -> list[list[str]]:
    """Where the heartbeat is unusable, as body locations; empty when it is fine."""
    found = []
    if not beat.version or not is_plain_text(beat.version, MAX_VERSION):
        found.append(["version"])
    for name in ("queued", "failed"):
        if not 0 <= getattr(beat.queue, name) <= MAX_COUNT:
            found.append(["queue", name])
    oldest = beat.queue.oldest_queued_at
    if oldest is not None and not is_time(oldest):
        found.append(["queue", "oldest_queued_at"])
    if not is_time(beat.at):
        found.append(["at"])
    return found


def snapshot_fits(snapshot: dict[str, Any]) -> bool:
    try:
        return len(json.dumps(snapshot)) <= MAX_SNAPSHOT_BYTES
    except (ValueError, TypeError):
        return False
