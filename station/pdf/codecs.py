"""Image codecs that produce PDF-ready streams: JPEG, Flate with PNG predictors, CCITT group 4.

Each encoder reads the pixels row by row inside libjpeg, libpng or libtiff, so encoding never
makes a full-size copy beyond the codec's own buffers (a 1-bit mask is the exception: Pillow keeps
one byte per pixel while libtiff codes it).
"""

from __future__ import annotations

import io
import struct

import cv2
import numpy as np
from PIL import Image, TiffImagePlugin

from station.pdf import fax
from station.pdf.page import Filter, RasterImage

SAMPLING = {
    "4:2:0": cv2.IMWRITE_JPEG_SAMPLING_FACTOR_420,
    "4:2:2": cv2.IMWRITE_JPEG_SAMPLING_FACTOR_422,
    "4:4:4": cv2.IMWRITE_JPEG_SAMPLING_FACTOR_444,
}
PNG_LEVEL = 6  # zlib level for archive copies: level 9 is much slower for ~1% smaller files


def _ensure_uint8(image: np.ndarray) -> np.ndarray:
    if image.dtype != np.uint8:
        raise ValueError(f"pages must be uint8, not {image.dtype}")
    return image


def jpeg(image: np.ndarray, quality: int, subsampling: str = "4:2:0") -> RasterImage:
    """Baseline JPEG (optimised Huffman tables): BGR in, YCbCr JPEG out; 2-D arrays stay gray."""
    _ensure_uint8(image)
    params = [cv2.IMWRITE_JPEG_QUALITY, int(quality), cv2.IMWRITE_JPEG_OPTIMIZE, 1]
    if image.ndim == 3:
        params += [cv2.IMWRITE_JPEG_SAMPLING_FACTOR, SAMPLING[subsampling]]
    ok, buffer = cv2.imencode(".jpg", image, params)
    if not ok:
        raise RuntimeError("JPEG encoder failed")
    return RasterImage(
        buffer.tobytes(), Filter.DCT, image.shape[1], image.shape[0], _components(image)
    )


def flate(image: np.ndarray) -> RasterImage:
    """Lossless: libpng's row filters and zlib, lifted out of the PNG as a FlateDecode stream."""
    _ensure_uint8(image)
    params = [
        cv2.IMWRITE_PNG_COMPRESSION,
        PNG_LEVEL,
        cv2.IMWRITE_PNG_STRATEGY,
        cv2.IMWRITE_PNG_STRATEGY_DEFAULT,
    ]
    ok, buffer = cv2.imencode(".png", image, params)
    if not ok:
        raise RuntimeError("PNG encoder failed")
    data = png_idat(buffer.data)
    return RasterImage(data, Filter.FLATE, image.shape[1], image.shape[0], _components(image))


def png_idat(png: memoryview) -> bytes:
    """Concatenated IDAT payloads: one zlib stream of predictor-tagged rows, as PDF wants."""
    parts = []
    position = 8  # PNG signature
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind = bytes(png[position + 4 : position + 8])
        if kind == b"IHDR" and png[position + 8 + 12] != 0:  # interlace method
            raise RuntimeError("interlaced PNG cannot be embedded as FlateDecode")
        if kind == b"IDAT":
            parts.append(png[position + 8 : position + 8 + length])
        position += 12 + length
    return b"".join(parts)


def g4(packed: np.ndarray, width: int) -> RasterImage:
    """CCITT group 4 from packed rows (np.packbits, 1 = ink) as a 1-bit stencil mask image.

    Pillow's mode "1" treats a set bit as white and libtiff codes it as fax black under
    MinIsBlack, so ink comes out as fax black, which CCITTFaxDecode (BlackIs1 false) turns into
    0 samples: the samples a stencil paints.
    """
    height = packed.shape[0]
    if packed.shape[1] != (width + 7) // 8:
        raise ValueError("packed rows do not match the width")
    if width == 0 or height == 0:
        raise ValueError("empty mask")
    # libtiff straight from the packed rows when it can: the same bytes, a third of the time
    data = fax.group4(packed, width) if fax.available() else _pillow_g4(packed, width)
    return RasterImage(data, Filter.CCITT, width, height, components=0, bits=1)


def _pillow_g4(packed: np.ndarray, width: int) -> bytes:
    height = packed.shape[0]
    bitmap = Image.frombytes("1", (width, height), np.ascontiguousarray(packed))
    buffer = io.BytesIO()
    # One strip for the whole image: each strip would start a fresh G4 stream. RowsPerStrip is
    # honoured from Pillow 10.2 on; older versions split the strips and fail the check below.
    rows = {TiffImagePlugin.ROWSPERSTRIP: height}
    bitmap.save(buffer, "TIFF", compression="group4", tiffinfo=rows)
    del bitmap
    tiff = TiffImagePlugin.TiffImageFile(io.BytesIO(buffer.getvalue()))
    offsets = tiff.tag_v2[TiffImagePlugin.STRIPOFFSETS]
    counts = tiff.tag_v2[TiffImagePlugin.STRIPBYTECOUNTS]
    if len(offsets) != 1:
        raise RuntimeError("G4 encoder wrote more than one strip")
    return buffer.getbuffer()[offsets[0] : offsets[0] + counts[0]].tobytes()


def _components(image: np.ndarray) -> int:
    return 3 if image.ndim == 3 else 1
