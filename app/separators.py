"""Separator sheets in a batch: a QR sheet switches the component of the pages after it, a
transfer patch (patch T) moves to the next component in checklist order. The sheet is not a
page of the dossier, nor is the back of its sheet; one for another procedure is reported and
changes nothing. `write_separator_sheets` makes the PDF to print them from."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from drivers.contract import Side
from station.codes.model import Separator
from station.codes.sheet_check import separator_sign
from station.codes.sheets import separator_sheets
from station.errors import ErrorCode, StationError
from station.model import ComponentKind, Procedure

if TYPE_CHECKING:
    from app.capture import Target


class SeparatorOutcome(StrEnum):
    SWITCHED = "switched"  # the pages after it go to its component
    NEXT = "next"  # patch T: the next component in checklist order
    BACK = "back"  # the back of a separator sheet, dropped with it
    OTHER_PROCEDURE = "other_procedure"  # ignored
    UNKNOWN_COMPONENT = "unknown_component"  # ignored: not in the dossier's procedure
    NO_NEXT = "no_next"  # patch T after the last component: ignored
    NO_PROCEDURE = "no_procedure"  # a batch into a new draft dossier: nothing to follow


IGNORED = frozenset(
    {
        SeparatorOutcome.OTHER_PROCEDURE,
        SeparatorOutcome.UNKNOWN_COMPONENT,
        SeparatorOutcome.NO_NEXT,
        SeparatorOutcome.NO_PROCEDURE,
    }
)


@dataclass(frozen=True)
class SeparatorRead:
    sheet: int
    side: str
    outcome: SeparatorOutcome
    component: str | None  # where the pages after it go (or would have gone)
    procedure: str = ""  # printed on the sheet; "" for patch T

    @property
    def ignored(self) -> bool:
        return self.outcome in IGNORED


class SheetSwitch:
    """One batch's separators: which sheet was one, and the component it chose where the batch
    itself keeps the component (a target without `switch`)."""

    def __init__(self) -> None:
        self._sheet: int | None = None
        self._component: str | None = None
        self._base: str | None = None  # the target's own component when the switch was made

    def check(
        self, pixels: np.ndarray, dpi: int, sheet: int, side: Side, target: Target
    ) -> SeparatorRead | None:
        """The separator this page is, or None for a page of the dossier."""
        if side is Side.BACK and sheet == self._sheet:
            return SeparatorRead(sheet, side.value, SeparatorOutcome.BACK, None)
        sign = separator_sign(pixels, dpi)
        if sign is None:
            return None
        self._sheet = sheet
        procedure = target.procedure
        if isinstance(sign, Separator):
            outcome, component = _chosen(sign, procedure)
            read = SeparatorRead(sheet, side.value, outcome, component, sign.procedure)
        else:
            current = self.followed(target).component_code
            component = _next_component(procedure, current) if procedure else None
            outcome = SeparatorOutcome.NEXT if component else SeparatorOutcome.NO_NEXT
            if procedure is None:
                outcome = SeparatorOutcome.NO_PROCEDURE
            read = SeparatorRead(sheet, side.value, outcome, component)
        if not read.ignored and read.component is not None:
            self._switch(target, read.component)
        return read

    def followed(self, target: Target) -> Target:
        """The target with the batch's own switch applied, until someone picks another."""
        if target.switch is not None or self._component is None:
            return target
        if target.component_code != self._base:  # the clerk chose a component since
            self._component = None
            return target
        return replace(target, component_code=self._component)

    def _switch(self, target: Target, component: str) -> None:
        if target.switch is not None:
            target.switch(component)
            return
        self._component, self._base = component, target.component_code


def _chosen(sign: Separator, procedure: Procedure | None) -> tuple[SeparatorOutcome, str | None]:
    if procedure is None:
        return SeparatorOutcome.NO_PROCEDURE, sign.component
    if sign.procedure != procedure.code:
        return SeparatorOutcome.OTHER_PROCEDURE, sign.component
    if procedure.component(sign.component) is None:
        return SeparatorOutcome.UNKNOWN_COMPONENT, sign.component
    return SeparatorOutcome.SWITCHED, sign.component


def checklist_order(procedure: Procedure) -> list[str]:
    """The components a clerk scans at reception, in the catalog's order."""
    return [
        c.code
        for c in procedure.components
        if c.kind is ComponentKind.SUBMITTED and not c.not_requested
    ]


def _next_component(procedure: Procedure, current: str | None) -> str | None:
    order = checklist_order(procedure)
    if current not in order:
        return order[0] if order else None
    at = order.index(current)
    return order[at + 1] if at + 1 < len(order) else None


@dataclass(frozen=True)
class SheetsWritten:
    path: Path
    procedure: str
    sheets: tuple[str, ...]  # the components in page order, "patch-t" for the transfer patch


def write_separator_sheets(procedure: Procedure, out: Path, patch_t: bool = False) -> SheetsWritten:
    """One sheet per component of the procedure (and a patch T sheet last when asked), as a
    PDF at `out`: written whole under a temporary name and renamed, so a failure leaves any
    earlier file of that name as it was."""
    data = separator_sheets(procedure, patch_t)
    temporary = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, out)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise StationError(
            ErrorCode.STORAGE_IO, path=str(out), detail=exc.strerror or str(exc)
        ) from exc
    sheets = tuple(c.code for c in procedure.components) + (("patch-t",) if patch_t else ())
    return SheetsWritten(out, procedure.code, sheets)
