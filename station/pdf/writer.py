"""Assemble encoded pages into one component PDF (pikepdf): 100% scale, pages in order.

Each page's MediaBox is the paper's physical size and every layer is drawn over its box, so the
PDF prints at 100%. Pages are taken one at a time from the iterable: only their compressed
streams are held until the file is written. `pdfa=True` adds what PDF/A-2b needs on top: an sRGB
OutputIntent, pdfaid in XMP (kept in sync with the info dictionary) and a trailer ID.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import BinaryIO

import pikepdf
from pikepdf import Array, Dictionary, Name

from station.pdf.metadata import PdfMetadata, info_entries, xmp_packet
from station.pdf.page import EncodedPage, Layer, RasterImage
from station.pdf.text_layer import TextLayer

PDF_VERSION = "1.7"
_COLOUR_SPACES = {3: Name.DeviceRGB, 1: Name.DeviceGray}


def write_pdf(
    pages: Iterable[EncodedPage],
    metadata: PdfMetadata,
    out: BinaryIO | Path,
    pdfa: bool = False,
) -> None:
    pdf = pikepdf.new()
    text_layer = TextLayer(pdf)
    for page in pages:
        _add_page(pdf, page, text_layer)
    if len(pdf.pages) == 0:
        raise ValueError("a PDF needs at least one page")
    for key, value in info_entries(metadata).items():
        pdf.docinfo[Name("/" + key)] = pikepdf.String(value)
    pdf.Root.Metadata = pdf.make_stream(
        xmp_packet(metadata, pdfa), Type=Name.Metadata, Subtype=Name.XML
    )
    if pdfa:
        pdf.Root.OutputIntents = Array([_output_intent(pdf)])
    pdf.save(
        out,
        min_version=PDF_VERSION,
        # Already-compressed image streams are copied as they are; content streams get Flate.
        stream_decode_level=pikepdf.StreamDecodeLevel.none,
        compress_streams=True,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
        deterministic_id=True,  # same pages and metadata, same bytes; the /ID is still written
    )


def _add_page(pdf: pikepdf.Pdf, page: EncodedPage, text_layer: TextLayer) -> None:
    xobjects = Dictionary()
    operators = []
    for index, layer in enumerate(page.layers):
        name = f"/Im{index}"
        xobjects[name] = _image(pdf, layer.image, layer.mask)
        operators.append(_draw(layer, name))
    resources = Dictionary(XObject=xobjects)
    if page.text is not None:
        operators.append(text_layer.draw(page.text, page.width_pt, page.height_pt, resources))
    content = pdf.make_stream("\n".join(operators).encode("ascii"))
    page_dict = Dictionary(
        Type=Name.Page,
        MediaBox=Array([0, 0, _num(page.width_pt), _num(page.height_pt)]),
        Resources=resources,
        Contents=content,
    )
    pdf.pages.append(pikepdf.Page(page_dict))


def _draw(layer: Layer, name: str) -> str:
    box = layer.box
    fill = ""
    if layer.fill is not None:
        values = " ".join(_fmt(v) for v in layer.fill)
        fill = f"{values} {'g' if len(layer.fill) == 1 else 'rg'} "
    matrix = f"{_fmt(box.width)} 0 0 {_fmt(box.height)} {_fmt(box.x)} {_fmt(box.y)} cm"
    return f"q {fill}{matrix} {name} Do Q"


def _image(pdf: pikepdf.Pdf, image: RasterImage, mask: RasterImage | None) -> pikepdf.Stream:
    stream = pdf.make_stream(
        image.data,
        Type=Name.XObject,
        Subtype=Name.Image,
        Width=image.width,
        Height=image.height,
        BitsPerComponent=image.bits,
        Filter=Name("/" + image.filter.value),
    )
    if image.decode_parms:
        stream.DecodeParms = Dictionary({"/" + k: v for k, v in image.decode_parms.items()})
    if image.components == 0:
        stream.ImageMask = True
    else:
        stream.ColorSpace = _COLOUR_SPACES[image.components]
    if mask is not None:
        stream.Mask = _image(pdf, mask, None)
    return stream


def _output_intent(pdf: pikepdf.Pdf) -> Dictionary:
    profile = pdf.make_stream(_srgb_profile(), N=3)
    return Dictionary(
        Type=Name.OutputIntent,
        S=Name.GTS_PDFA1,
        OutputConditionIdentifier=pikepdf.String("sRGB IEC61966-2.1"),
        RegistryName=pikepdf.String("http://www.color.org"),
        Info=pikepdf.String("sRGB IEC61966-2.1"),
        DestOutputProfile=profile,
    )


@cache
def _srgb_profile() -> bytes:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def _fmt(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


def _num(value: float) -> float | int:
    return round(value, 4)
