"""Drivers that misbehave the way vendor drivers do: abort, segfault, hang, raise."""

from __future__ import annotations

import ctypes
import os
import time

import numpy as np

from drivers.contract import (
    Capabilities,
    ColorMode,
    DeviceInfo,
    MemoryPageWriter,
    ScannedPage,
    Source,
    ignore_events,
)


class _Base:
    name = "bad"
    behaviour = "good"

    def list_devices(self):
        return [DeviceInfo(f"bad:{self.behaviour}", "Misbehaving test driver", "bad")]

    def capabilities(self, device_id):
        if self.behaviour == "hang-caps":
            time.sleep(3600)
        return Capabilities((Source.FLATBED,), (100,), (ColorMode.GRAY,), (8,), (210.0, 297.0))

    def scan(self, device_id, settings, cancel, events=ignore_events, pages=MemoryPageWriter):
        for sheet in (1, 2):
            writer = pages()
            writer.begin(64, 1, np.dtype(np.uint8), 32)
            writer.write(np.full((32, 64), sheet * 10, np.uint8))
            yield ScannedPage(writer.finish(), 100, ColorMode.GRAY, Source.ADF, sheet)
        self.misbehave()

    def misbehave(self) -> None:
        return None


class GoodDriver(_Base):
    behaviour = "good"


class AbortDriver(_Base):
    behaviour = "abort"

    def misbehave(self) -> None:
        os.abort()


class SegfaultDriver(_Base):
    behaviour = "segfault"

    def misbehave(self) -> None:
        ctypes.string_at(0)


class SleepDriver(_Base):
    """Sleeps in C (time.sleep) and never looks at its cancel token."""

    behaviour = "sleep"

    def misbehave(self) -> None:
        time.sleep(3600)


class GilHoldingDriver(_Base):
    """Blocks in C without letting go of the GIL, as a vendor library called through a binding
    that keeps it does: the worker's other threads cannot run at all."""

    behaviour = "gil"

    def misbehave(self) -> None:
        ctypes.PyDLL(None).sleep(3600)  # PyDLL calls keep the GIL


class HangingCapabilitiesDriver(_Base):
    behaviour = "hang-caps"


class RaisingDriver(_Base):
    behaviour = "raise"

    def misbehave(self) -> None:
        raise RuntimeError("vendor driver bug")
