"""A page ready for the PDF: compressed image streams and where each is drawn, nothing else.

An EncodedPage holds only compressed bytes, so a long component never keeps pages' pixels, and it
pickles cheaply across a process pool.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from station.ocr.model import PageText
from station.pdf.options import Encoding

POINTS_PER_INCH = 72.0


class Filter(StrEnum):
    DCT = "DCTDecode"  # JPEG
    FLATE = "FlateDecode"  # zlib, with PNG predictors (row filters) per row
    CCITT = "CCITTFaxDecode"  # CCITT group 4, 1 bit per pixel


@dataclass(frozen=True)
class RasterImage:
    """One image XObject's stream as it goes into the PDF."""

    data: bytes
    filter: Filter
    width: int
    height: int
    components: int  # 3 = DeviceRGB, 1 = DeviceGray, 0 = a 1-bit stencil mask (/ImageMask)
    bits: int = 8

    @property
    def decode_parms(self) -> dict[str, int | bool]:
        if self.filter is Filter.CCITT:
            # K -1 = group 4; ink is coded as fax black and decodes to 0, which a stencil paints.
            return {"K": -1, "Columns": self.width, "Rows": self.height, "BlackIs1": False}
        if self.filter is Filter.FLATE:
            return {
                "Predictor": 15,
                "Colors": self.components,
                "BitsPerComponent": self.bits,
                "Columns": self.width,
            }
        return {}


@dataclass(frozen=True)
class Box:
    """Where an image is drawn, in PDF points from the page's bottom-left corner."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Layer:
    """One image drawn on the page; layers are painted in order, the first at the bottom.

    `fill` set: `image` is a stencil painted in that colour (gray or RGB, 0..1).
    `mask` set: `image` is painted only where the 1-bit `mask` has ink (a /Mask stencil), so a
    low-resolution colour image takes the hi-resolution mask's sharp shape.
    """

    image: RasterImage
    box: Box
    fill: tuple[float, ...] | None = None
    mask: RasterImage | None = None


@dataclass(frozen=True)
class EncodedPage:
    width_pt: float  # physical size: pixels / dpi * 72, so the PDF prints at 100%
    height_pt: float
    layers: tuple[Layer, ...]
    dpi: int  # resolution of the sharpest layer (>= EncodeOptions.min_dpi)
    encoding: Encoding  # what was actually used (MRC falls back to JPEG for photo pages)
    bytes: int  # total encoded bytes of this page's images
    # Regions the fidelity check found the layered page would have changed, now drawn from the
    # original at full resolution (MRC only; see station.pdf.fidelity).
    regions_replaced: int = 0
    upsampled_from: int | None = None  # the scan's dpi when it was below min_dpi
    text: PageText | None = None  # OCR'd words, drawn as an invisible text layer

    @property
    def min_image_ppi(self) -> float:
        """The lowest resolution of any image drawn on the page, in pixels per inch."""
        lowest = float("inf")
        for layer in self.layers:
            for image in (layer.image, layer.mask):
                if image is None or layer.box.width <= 0 or layer.box.height <= 0:
                    continue
                across = image.width / (layer.box.width / POINTS_PER_INCH)
                down = image.height / (layer.box.height / POINTS_PER_INCH)
                lowest = min(lowest, across, down)
        return lowest

    def with_checks(self, **fields: object) -> EncodedPage:
        return replace(self, **fields)  # type: ignore[arg-type]

    @classmethod
    def of(
        cls, width_px: int, height_px: int, dpi: int, encoding: Encoding, layers: list[Layer]
    ) -> EncodedPage:
        total = 0
        for layer in layers:
            total += len(layer.image.data) + (len(layer.mask.data) if layer.mask else 0)
        return cls(
            width_pt=width_px / dpi * POINTS_PER_INCH,
            height_pt=height_px / dpi * POINTS_PER_INCH,
            layers=tuple(layers),
            dpi=dpi,
            encoding=encoding,
            bytes=total,
        )
