"""The simulated Data Source Manager behind the fake pytwain. Not part of pytwain.

Tests `install()` the scanners a machine has; SourceManager() then "loads the DSM" and talks to
it through `entry`, the stand-in for DSM_Entry, with the same six arguments pytwain passes. With
nothing installed, SourceManager() fails the way it does when twain_32.dll / twaindsm.dll is
missing. `opened` keeps every data source opened since install() so tests can read what was
negotiated (DataSource.log, .values, .layouts) and the state each one was left in.
"""

from __future__ import annotations

from typing import Any

from .datasource import DataSource, view
from .lowlevel import constants as c
from .lowlevel import structs as s
from .scanner import FakeScanner

_scanners: list[FakeScanner] | None = None
opened: list[DataSource] = []


def install(*scanners: FakeScanner) -> None:
    global _scanners
    _scanners = list(scanners)
    opened.clear()


def uninstall() -> None:
    global _scanners
    _scanners = None
    opened.clear()


def load(dsm_name: str | None) -> Dsm | None:
    """The DSM library, or None when it is not installed."""
    return None if _scanners is None else Dsm(_scanners)


def _encode(text: str) -> bytes:
    return text.encode()[:33]


class Dsm:
    def __init__(self, scanners: list[FakeScanner]) -> None:
        self.scanners = scanners
        self.state = 2
        self.condition = c.TWCC_SUCCESS
        self.sources: dict[int, DataSource] = {}
        self._cursor = 0
        self._next_id = 100

    def fail(self, code: int) -> int:
        self.condition = code
        return c.TWRC_FAILURE

    def entry(self, app_id: Any, dest_id: Any, dg: int, dat: int, msg: int, buf: Any) -> int:
        if dest_id is not None:
            source = self.sources.get(dest_id.Id)
            if source is None:
                return self.fail(c.TWCC_BADDEST)
            return source.call(dg, dat, msg, buf)
        if (dg, dat) == (c.DG_CONTROL, c.DAT_STATUS) and msg == c.MSG_GET:
            view(buf, s.TW_STATUS).ConditionCode = self.condition
            self.condition = c.TWCC_SUCCESS
            return c.TWRC_SUCCESS
        if (dg, dat) == (c.DG_CONTROL, c.DAT_PARENT):
            return self._parent(msg)
        if (dg, dat) == (c.DG_CONTROL, c.DAT_IDENTITY):
            return self._identity(msg, view(buf, s.TW_IDENTITY))
        return self.fail(c.TWCC_BADPROTOCOL)

    def _parent(self, msg: int) -> int:
        if msg == c.MSG_OPENDSM and self.state == 2:
            self.state = 3
            return c.TWRC_SUCCESS
        if msg == c.MSG_CLOSEDSM and self.state == 3 and not self.sources:
            self.state = 2
            return c.TWRC_SUCCESS
        return self.fail(c.TWCC_SEQERROR)

    def _identity(self, msg: int, identity: Any) -> int:
        if self.state != 3:
            return self.fail(c.TWCC_SEQERROR)
        if msg in (c.MSG_GETFIRST, c.MSG_GETNEXT):
            if msg == c.MSG_GETFIRST:
                if not self.scanners:
                    return self.fail(c.TWCC_NODS)
                self._cursor = 0
            if self._cursor >= len(self.scanners):
                return c.TWRC_ENDOFLIST
            self._describe(identity, self.scanners[self._cursor], 0)
            self._cursor += 1
            return c.TWRC_SUCCESS
        if msg == c.MSG_USERSELECT:
            if not self.scanners:
                return c.TWRC_CANCEL
            self._describe(identity, self.scanners[0], 0)
            return c.TWRC_SUCCESS
        if msg == c.MSG_OPENDS:
            return self._open(identity)
        if msg == c.MSG_CLOSEDS:
            source = self.sources.get(identity.Id)
            if source is None:
                return self.fail(c.TWCC_BADDEST)
            if source.state != 4:
                return self.fail(c.TWCC_SEQERROR)
            source.state = 3
            del self.sources[identity.Id]
            return c.TWRC_SUCCESS
        return self.fail(c.TWCC_BADPROTOCOL)

    def _open(self, identity: Any) -> int:
        wanted = identity.ProductName
        scanner = next((sc for sc in self.scanners if _encode(sc.name) == wanted), None)
        if scanner is None:
            return self.fail(c.TWCC_NODS)
        fault = scanner.take_fault("open")
        if fault is not None:
            return self.fail(fault.code)
        if any(source.scanner is scanner and source.state >= 4 for source in opened):
            return self.fail(c.TWCC_MAXCONNECTIONS)  # open in this or another application
        self._next_id += 1
        self._describe(identity, scanner, self._next_id)
        source = DataSource(scanner, self._next_id)
        self.sources[self._next_id] = source
        opened.append(source)
        return c.TWRC_SUCCESS

    @staticmethod
    def _describe(identity: Any, scanner: FakeScanner, source_id: int) -> None:
        identity.Id = source_id
        identity.Version.MajorNum, identity.Version.MinorNum = 1, 0
        identity.Version.Info = b"fake 1.0"
        identity.ProtocolMajor, identity.ProtocolMinor = 1, 9
        identity.SupportedGroups = c.DG_CONTROL | c.DG_IMAGE  # a TWAIN 1.x source: no DF_DS2
        identity.Manufacturer = _encode(scanner.manufacturer)
        identity.ProductFamily = _encode(scanner.family)
        identity.ProductName = _encode(scanner.name)
