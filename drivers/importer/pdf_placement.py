"""Is a PDF page just one scanned image laid over the whole page? Then it can be taken verbatim.

A scan-to-PDF page draws one image XObject scaled to the page (often under an invisible OCR text
layer). Anything else - several images (MRC layers), an image drawn rotated or over part of the
page, a form XObject, a soft mask - is rendered instead, so nothing visible is lost.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

import pikepdf

from drivers.importer.pdf_repair import inherited

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_COVER_TOLERANCE = 0.01  # of the page size, plus a point: rounding in writers' matrices


@dataclass(frozen=True)
class Placement:
    image: pikepdf.Stream
    width_pt: float  # the drawn size on the page, in PDF units
    height_pt: float


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """m then n, as PDF concatenates `cm` onto the current matrix."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def sole_full_page_image(page: pikepdf.Page) -> Placement | None:
    draws = _image_draws(page)
    if draws is None or len(draws) != 1:
        return None
    name, ctm = draws[0]
    resources = inherited(page.obj, "/Resources")
    xobjects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
    # Dictionary.get takes any Object key (a non-name raises); the stubs list str and Name only.
    key = cast(pikepdf.Name, name)
    image = xobjects.get(key) if isinstance(xobjects, pikepdf.Dictionary) else None
    if not isinstance(image, pikepdf.Stream) or image.get("/Subtype") != "/Image":
        return None
    if image.get("/ImageMask", False) or "/SMask" in image or "/Mask" in image:
        return None
    a, b, c, d, e, f = ctm
    if abs(b) > 1e-6 or abs(c) > 1e-6 or a <= 0 or d <= 0:
        return None  # rotated, skewed or mirrored on the page
    box = _visible_box(page)
    if box is None or not _covers((e, f, e + a, f + d), box):
        return None
    return Placement(image, a, d)


def _image_draws(page: pikepdf.Page) -> list[tuple[pikepdf.Object, Matrix]] | None:
    """Every `Do` with the matrix in force (its operand, a name in a sound file); None when the
    content cannot be followed."""
    try:
        instructions = pikepdf.parse_content_stream(page, "q Q cm Do")
    except (pikepdf.PdfError, ValueError, TypeError):
        return None
    ctm, saved = IDENTITY, []
    draws = []
    for instruction in instructions:
        operands, op = instruction.operands, str(instruction.operator)
        if op == "q":
            saved.append(ctm)
        elif op == "Q" and saved:
            ctm = saved.pop()
        elif op == "cm" and len(operands) == 6:
            a, b, c, d, e, f = (float(x) for x in operands)
            ctm = multiply((a, b, c, d, e, f), ctm)
        elif op == "Do" and operands:
            draws.append((operands[0], ctm))
    return draws


def _visible_box(page: pikepdf.Page) -> tuple[float, float, float, float] | None:
    box = inherited(page.obj, "/CropBox") or inherited(page.obj, "/MediaBox")
    if not isinstance(box, Iterable):
        return None
    try:
        x0, y0, x1, y1 = (float(v) for v in box)
    except (TypeError, ValueError):
        return None
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _covers(drawn: tuple[float, ...], box: tuple[float, ...]) -> bool:
    width, height = box[2] - box[0], box[3] - box[1]
    tolerance_x = _COVER_TOLERANCE * width + 1
    tolerance_y = _COVER_TOLERANCE * height + 1
    return (
        abs(drawn[0] - box[0]) <= tolerance_x
        and abs(drawn[2] - box[2]) <= tolerance_x
        and abs(drawn[1] - box[1]) <= tolerance_y
        and abs(drawn[3] - box[3]) <= tolerance_y
    )
