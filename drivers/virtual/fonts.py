"""The bundled DejaVu faces: loaded once per pixel size, measured in mm for page layouts."""

from __future__ import annotations

import importlib.resources
import threading
from functools import lru_cache
from io import BytesIO

from PIL import ImageFont

FACES = {
    "sans": "DejaVuSans.ttf",
    "sans-bold": "DejaVuSans-Bold.ttf",
    "serif": "DejaVuSerif.ttf",
    "serif-italic": "DejaVuSerif-Italic.ttf",
}
_MEASURE_PX = 200  # layouts measure at this size and scale: hinting barely moves the widths
_CACHE_SIZE = 64
_local = threading.local()  # a FreeType face must not be used by two threads at once


@lru_cache(maxsize=len(FACES))
def _font_bytes(face: str) -> bytes:
    return (importlib.resources.files("resources") / "fonts" / FACES[face]).read_bytes()


def font(face: str, size_px: int) -> ImageFont.FreeTypeFont:
    """BASIC layout: Vietnamese needs only precomposed glyphs, and it renders alike everywhere."""
    cache: dict[tuple[str, int], ImageFont.FreeTypeFont] = _local.__dict__.setdefault("fonts", {})
    key = (face, max(1, size_px))
    loaded = cache.get(key)
    if loaded is None:
        if len(cache) >= _CACHE_SIZE:
            cache.pop(next(iter(cache)))
        loaded = ImageFont.truetype(
            BytesIO(_font_bytes(face)), key[1], layout_engine=ImageFont.Layout.BASIC
        )
        cache[key] = loaded
    return loaded


def text_width_mm(text: str, face: str, size_mm: float) -> float:
    return font(face, _MEASURE_PX).getlength(text) * size_mm / _MEASURE_PX
