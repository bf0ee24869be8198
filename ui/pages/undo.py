"""The edits Ctrl+Z takes back: the page grid's and the result screen's, one list each, newest
last."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from station.store import Store
from station.workflow import tag_pages


@dataclass(frozen=True)
class UndoStep:
    label: str
    undo: Callable[[], Any]  # runs on the store thread
    # An undo that must not hold the store thread (stitching a sheet again takes seconds) is
    # called on the GUI thread instead and starts its own work.
    starts_work: bool = False


class UndoList:
    """`changed` is told the label of the next undo after every change ("" when there is
    none)."""

    def __init__(self, changed: Callable[[str], None]) -> None:
        self._steps: list[UndoStep] = []
        self._changed = changed

    def __len__(self) -> int:
        return len(self._steps)

    def push(self, step: UndoStep) -> None:
        self._steps.append(step)
        self._changed(step.label)

    def discard(self, step: UndoStep) -> None:
        """The step of an edit that failed: there is nothing to take back."""
        if step in self._steps:
            self._steps.remove(step)
            self._changed(self.next_label())

    def pop(self) -> UndoStep | None:
        if not self._steps:
            return None
        step = self._steps.pop()
        self._changed(self.next_label())
        return step

    def pop_to(self, depth: int) -> list[UndoStep]:
        """Every step listed since the list was `depth` long, newest first."""
        taken = self._steps[depth:][::-1]
        del self._steps[depth:]
        if taken:
            self._changed(self.next_label())
        return taken

    def clear(self) -> None:
        self._steps.clear()
        self._changed("")

    def next_label(self) -> str:
        return self._steps[-1].label if self._steps else ""


def tags_back(store: Store, before: Mapping[str, str | None]) -> None:
    """Each page (by id) tagged as it was `before`: the undo of a tag edit, on the store
    thread."""
    for code in set(before.values()):
        tag_pages(store, [page for page, was in before.items() if was == code], code)
