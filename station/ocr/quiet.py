"""Leptonica's own messages kept off the console.

Tesseract's layout analysis calls Leptonica with boxes that fall off some pages ("Error in
boxClipToRectangle: box outside rectangle"); Leptonica prints each such message to the process's
stderr, where a clerk starting the station from a terminal sees a stream of errors that are not
errors of the page or of the station. The reading's own failures are raised and logged as usual.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import glob
import logging
import os

log = logging.getLogger(__name__)

SEVERITY_NONE = 6  # Leptonica's L_SEVERITY_NONE: no message at all


def leptonica_library(tesserocr_file: str) -> str | None:
    """The Leptonica that tesserocr loaded: the copy in its wheel, else the system's."""
    bundled = os.path.join(os.path.dirname(tesserocr_file), os.pardir, "tesserocr.libs")
    found = sorted(glob.glob(os.path.join(bundled, "libleptonica*.so*")))
    if found:
        return os.path.normpath(found[0])
    return ctypes.util.find_library("leptonica") or ctypes.util.find_library("lept")


def silence_leptonica(tesserocr_file: str) -> bool:
    """True when Leptonica's messages are now off (the library found and its setter called)."""
    path = leptonica_library(tesserocr_file)
    if path is None:
        return False
    try:
        library = ctypes.CDLL(path)  # already loaded: the same handle, the same global setting
        library.setMsgSeverity.restype = ctypes.c_int
        library.setMsgSeverity(ctypes.c_int(SEVERITY_NONE))
    except (OSError, AttributeError):
        log.debug("Leptonica's messages stay on: %s", path, exc_info=True)
        return False
    return True
