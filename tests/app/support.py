"""Shared pieces of the use-case tests: a small batch settings, a recording listener."""

from __future__ import annotations

from drivers.contract import ColorMode, ScanSettings, Source
from station.paper import parse_paper


def batch(sheets: int, dpi: int = 75, *options: tuple[str, str], paper: str = "A6") -> ScanSettings:
    """A feeder batch of the virtual scanner (or SANE's `test` device), small and quick."""
    return ScanSettings(
        paper=parse_paper(paper),
        dpi=dpi,
        mode=ColorMode.GRAY,
        source=Source.ADF,
        count=sheets,
        options=(("sheets", str(sheets)), *options),
    )


class Recorder(list):
    """A listener that keeps every event, in order."""

    def __call__(self, event: object) -> None:
        self.append(event)

    def of(self, kind: type) -> list:
        return [e for e in self if isinstance(e, kind)]
