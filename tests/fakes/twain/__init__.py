"""A fake of pytwain, the `twain` module, for testing drivers/twain on machines without TWAIN.

Modelled on pytwain 2.3.0 (PyPI sdist pytwain-2.3.0.tar.gz: src/twain/__init__.py, exceptions.py,
windows.py, utils.py, lowlevel/; version() == "2.3.0"; checked against github.com/denisenkom/pytwain
src/twain/__init__.py at 00fb04bc, version 2.2.2, which has the same API), running on Windows
against a TWAIN 1.x data source. Written from that API, not copied from it (pytwain is GPL-2).
What it keeps from the real module:
- names and signatures of SourceManager, Source and the module-level helpers the station and
  pytwain's README use; constants re-exported at module level; the exceptions and aliases;
- Source._call / SourceManager._call: every operation is a DSM triplet, and a TWRC_FAILURE is
  turned into an exception by the condition code DAT_STATUS returns, through the same table
  (so TWCC_LOWMEMORY is MemoryError, TWCC_BADVALUE ValueError, and an unknown code such as
  TWCC_INTERLOCK or TWCC_NOMEDIA is UnknownError("ConditionCode = N"));
- return shapes: get_capability gives (type, value) for a TW_ONEVALUE, (type, (current index,
  default index, [items])) for an enumeration whose FIX32 items are TW_FIX32 structures, and a
  bare dict of raw TW_UINT32 slots for a range (a FIX32 range comes back as reinterpreted bits);
  xfer_image_natively gives (HGLOBAL as int, pending count) with -1 read as 65535;
- the state shadow: Source._state is "open"/"enabled"/"ready" as pytwain tracks it, which is not
  the data source's own state, so close() after a direct xfer_image_natively loop fails to
  disable a source still in state 6 exactly as the real one does (it logs and carries on).
Not covered: file transfers, acquire_file/acquire_natively, audio, TWAIN 2 memory entry points.
Source is in source.py. The simulated DSM and scanners (not pytwain) live in simulator.py,
datasource.py, containers.py, imaging.py and scanner.py; testing.py has helpers for the tests.
"""

from __future__ import annotations

import collections.abc
import ctypes as ct
import logging
import sys
import warnings
import weakref

from . import exceptions, lowlevel, simulator, utils, windows  # noqa: F401
from .lowlevel import constants, structs
from .lowlevel.constants import *  # noqa: F403
from .source import Source, _struct2dict, _twain1_alloc
from .windows import *  # noqa: F403

logger = logging.getLogger("twain")

_exc_mapping: dict[int, type[BaseException]] = {
    constants.TWCC_BUMMER: exceptions.GeneralFailure,
    constants.TWCC_LOWMEMORY: MemoryError,
    constants.TWCC_NODS: exceptions.NoDataSourceError,
    constants.TWCC_OPERATIONERROR: exceptions.OperationError,
    constants.TWCC_BADCAP: exceptions.BadCapability,
    constants.TWCC_BADPROTOCOL: exceptions.BadProtocol,
    constants.TWCC_BADVALUE: ValueError,
    constants.TWCC_SEQERROR: exceptions.SequenceError,
    constants.TWCC_BADDEST: exceptions.BadDestination,
    constants.TWCC_CAPUNSUPPORTED: exceptions.CapUnsupported,
    constants.TWCC_CAPBADOPERATION: exceptions.CapBadOperation,
    constants.TWCC_CAPSEQERROR: exceptions.CapSeqError,
    constants.TWCC_DENIED: exceptions.DeniedError,
    constants.TWCC_FILEEXISTS: FileExistsError,
    constants.TWCC_FILENOTFOUND: FileNotFoundError,
    constants.TWCC_NOTEMPTY: exceptions.NotEmptyError,
    constants.TWCC_PAPERJAM: exceptions.PaperJam,
    constants.TWCC_PAPERDOUBLEFEED: exceptions.PaperDoubleFeedError,
    constants.TWCC_FILEWRITEERROR: exceptions.FileWriteError,
    constants.TWCC_CHECKDEVICEONLINE: exceptions.CheckDeviceOnlineError,
    constants.TWCC_MAXCONNECTIONS: exceptions.MaxConnectionsError,
}


def _get_protocol_major_version(requested: None | int) -> int:
    if requested not in [None, 1, 2]:
        raise ValueError("Invalid protocol version specified")
    return 1


class SourceManager:
    """A connection to the (simulated) Data Source Manager."""

    def __init__(
        self,
        parent_window=None,
        MajorNum: int = 1,
        MinorNum: int = 0,
        Language: int = constants.TWLG_USA,
        Country: int = constants.TWCY_USA,
        Info: str = "",
        ProductName: str = "TWAIN Python Interface",
        ProtocolMajor: int | None = None,
        ProtocolMinor: int | None = None,
        SupportedGroups: int = constants.DG_IMAGE | constants.DG_CONTROL,
        Manufacturer: str = "pytwain",
        ProductFamily: str = "TWAIN Python Interface",
        dsm_name: str | None = None,
    ) -> None:
        self._sources: weakref.WeakSet[Source] = weakref.WeakSet()
        self._cb: collections.abc.Callable[[int], None] | None = None
        self._state = "closed"
        self._parent_window = parent_window
        if hasattr(parent_window, "winfo_id"):
            self._hwnd = parent_window.winfo_id()
        elif hasattr(parent_window, "GetHandle"):
            self._hwnd = parent_window.GetHandle()
        elif hasattr(parent_window, "window") and hasattr(parent_window.window, "handle"):
            self._hwnd = parent_window.window.handle
        elif parent_window is None:
            self._hwnd = 0
        else:
            self._hwnd = int(parent_window)
        protocol_major = _get_protocol_major_version(ProtocolMajor)
        dsm = simulator.load(dsm_name)
        if dsm is None:
            name = dsm_name or "twaindsm.dll"
            raise exceptions.SMLoadFileFailed(OSError(f"Could not find module '{name}'"))
        self._entry = dsm.entry
        self._app_id = structs.TW_IDENTITY(
            Version=structs.TW_VERSION(
                MajorNum=MajorNum,
                MinorNum=MinorNum,
                Language=Language,
                Country=Country,
                Info=Info.encode("utf8"),
            ),
            ProtocolMajor=protocol_major,
            ProtocolMinor=0,
            SupportedGroups=SupportedGroups | constants.DF_APP2,
            Manufacturer=Manufacturer.encode("utf8"),
            ProductFamily=ProductFamily.encode("utf8"),
            ProductName=ProductName.encode("utf8"),
        )
        self._call(
            None,
            constants.DG_CONTROL,
            constants.DAT_PARENT,
            constants.MSG_OPENDSM,
            ct.byref(ct.c_void_p(self._hwnd)),
        )
        self._version2 = bool(self._app_id.SupportedGroups & constants.DF_DSM2)
        self._alloc = _twain1_alloc
        self._free = windows.GlobalFree
        self._lock = windows.GlobalLock
        self._unlock = windows.GlobalUnlock
        self._encoding = sys.getfilesystemencoding()
        self._encode = lambda text: text.encode(self._encoding)
        self._decode = lambda data: data.decode(self._encoding)
        self._state = "open"

    def __del__(self) -> None:
        if self._state == "open":
            self._close_dsm()

    def __enter__(self) -> SourceManager:
        return self

    def __exit__(self, exc_type, exc_val, exc_tb) -> None:
        self.close()

    def _close_dsm(self) -> None:
        self._call(
            None,
            constants.DG_CONTROL,
            constants.DAT_PARENT,
            constants.MSG_CLOSEDSM,
            ct.byref(ct.c_void_p(self._hwnd)),
        )

    def close(self) -> None:
        while self._sources:
            try:
                source = self._sources.pop()
            except KeyError:  # WeakSet len() still counted a source collected meanwhile
                break
            source.close()
        if self._state == "open":
            self._close_dsm()
            self._state = "closed"

    def _call(self, dest_id, dg: int, dat: int, msg: int, buf, expected_returns=()) -> int:
        rv = self._entry(self._app_id, dest_id, dg, dat, msg, buf)
        if rv == constants.TWRC_SUCCESS or rv in expected_returns:
            return rv
        if rv == constants.TWRC_FAILURE:
            status = structs.TW_STATUS()
            rv = self._entry(
                self._app_id,
                dest_id,
                constants.DG_CONTROL,
                constants.DAT_STATUS,
                constants.MSG_GET,
                ct.byref(status),
            )
            if rv != constants.TWRC_SUCCESS:
                raise exceptions.TwainError()
            code = status.ConditionCode
            raise _exc_mapping.get(code, exceptions.UnknownError(f"ConditionCode = {code}"))
        raise RuntimeError(f"Unexpected result: {rv}")

    def _user_select(self) -> structs.TW_IDENTITY | None:
        ds_id = structs.TW_IDENTITY()
        rv = self._call(
            None,
            constants.DG_CONTROL,
            constants.DAT_IDENTITY,
            constants.MSG_USERSELECT,
            ct.byref(ds_id),
            expected_returns=(constants.TWRC_SUCCESS, constants.TWRC_CANCEL),
        )
        return ds_id if rv == constants.TWRC_SUCCESS else None

    def _open_ds(self, ds_id: structs.TW_IDENTITY) -> None:
        self._call(
            None,
            constants.DG_CONTROL,
            constants.DAT_IDENTITY,
            constants.MSG_OPENDS,
            ct.byref(ds_id),
        )

    def _close_ds(self, ds_id: structs.TW_IDENTITY) -> None:
        self._call(
            None,
            constants.DG_CONTROL,
            constants.DAT_IDENTITY,
            constants.MSG_CLOSEDS,
            ct.byref(ds_id),
        )

    def open_source(self, product_name: str | None = None) -> Source | None:
        """Open the source named `product_name` (or the user's pick); NoDataSourceError if none."""
        if product_name:
            ds_id = structs.TW_IDENTITY(ProductName=self._encode(product_name))
        else:
            selected = self._user_select()
            if not selected:
                return None
            ds_id = selected
        self._open_ds(ds_id)
        source = Source(self, ds_id)
        self._sources.add(source)
        return source

    @property
    def identity(self) -> dict:
        result = _struct2dict(self._app_id, self._decode)
        result.update(_struct2dict(self._app_id.Version, self._decode))
        return result

    @property
    def source_list(self) -> list[str]:
        names: list[str] = []
        ds_id = structs.TW_IDENTITY()
        expected = (constants.TWRC_SUCCESS, constants.TWRC_ENDOFLIST)
        try:
            rv = self._call(
                None,
                constants.DG_CONTROL,
                constants.DAT_IDENTITY,
                constants.MSG_GETFIRST,
                ct.byref(ds_id),
                expected,
            )
        except exceptions.NoDataSourceError:
            return names
        while rv != constants.TWRC_ENDOFLIST:
            names.append(self._decode(ds_id.ProductName))
            rv = self._call(
                None,
                constants.DG_CONTROL,
                constants.DAT_IDENTITY,
                constants.MSG_GETNEXT,
                ct.byref(ds_id),
                expected,
            )
        return names

    def set_callback(self, cb: collections.abc.Callable[[int], None] | None) -> None:
        self._cb = cb

    def is_twain2(self) -> bool:
        return self._version2

    def destroy(self) -> None:
        warnings.warn("destroy is deprecated, use close instead", DeprecationWarning, stacklevel=2)
        self.close()


def version() -> str:
    return "2.3.0"
