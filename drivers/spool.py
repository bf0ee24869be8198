"""Spool files: a worker streams each page's rows into one file, the caller maps it read-only."""

from __future__ import annotations

import contextlib
import os
import uuid
from pathlib import Path

import numpy as np


class FilePageWriter:
    """Writes rows straight to a raw file; `finish` maps it, so the page exists only on disk."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / f"page-{uuid.uuid4().hex}.raw"
        self._handle = None
        self._row_shape: tuple[int, ...] = ()
        self._dtype = np.dtype(np.uint8)
        self._rows = 0

    def begin(self, width: int, channels: int, dtype: np.dtype, height: int | None) -> None:
        self._row_shape = (width, channels) if channels > 1 else (width,)
        self._dtype = np.dtype(dtype)
        self._rows = 0
        self._handle = self.path.open("wb")

    def write(self, rows: np.ndarray) -> None:
        assert self._handle is not None, "begin() first"
        self._handle.write(np.ascontiguousarray(rows, dtype=self._dtype).data)
        self._rows += len(rows)

    def finish(self) -> np.ndarray:
        assert self._handle is not None, "begin() first"
        self._handle.close()
        return map_page(self.path, (self._rows, *self._row_shape), self._dtype.str)


def map_page(path: Path, shape: tuple[int, ...], dtype: str) -> np.ndarray:
    if shape[0] == 0:
        return np.empty(shape, dtype=np.dtype(dtype))
    return np.memmap(path, dtype=np.dtype(dtype), mode="r", shape=shape)


def spool_array(directory: Path, pixels: np.ndarray) -> Path:
    """A page a driver built in memory (e.g. a TWAIN native transfer) goes to a spool file too."""
    path = directory / f"page-{uuid.uuid4().hex}.raw"
    with path.open("wb") as handle:
        handle.write(np.ascontiguousarray(pixels).data)
    return path


def remove_spool(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
