"""`sohoa stitch PART... --paper A1 --out map.pdf`: a sheet larger than the flatbed, scanned in
overlapping parts, written as one page at its true size."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import click
import cv2
import numpy as np

from drivers.importer import import_file
from station.imaging.results import ColourClass
from station.paper import MM_PER_INCH, PaperSize, parse_paper
from station.pdf.encode import encode_page
from station.pdf.metadata import PdfMetadata
from station.pdf.options import EncodeOptions, Encoding
from station.pdf.page import POINTS_PER_INCH, Box, EncodedPage
from station.pdf.writer import write_pdf
from station.stitch import Part, StitchError, StitchResult, stitch_parts
from ui.cli.output import print_error_line, print_json
from ui.stitch.messages import stitch_error_text

EXIT_ERROR = 3
JPEG_QUALITY = 85  # maps carry thin lines and small lettering


@click.command("stitch")
@click.argument("parts", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--paper", "paper_name", required=True, help="A0, A1, A2, A3 or WxH in mm.")
@click.option("--out", "out", required=True, type=click.Path(path_type=Path), help="PDF to write.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def stitch_command(parts: tuple[Path, ...], paper_name: str, out: Path, as_json: bool) -> None:
    """Ghép các phần quét chồng nhau thành một trang (stitch overlapping scans into one page)."""
    paper = parse_paper(paper_name)
    if paper.is_auto:
        raise click.BadParameter("choose a paper size, not auto", param_hint="--paper")
    files, loaded = _read_parts(parts)
    try:
        result = stitch_parts(loaded, paper)
    except StitchError as error:
        _refuse(error, files, as_json)
        raise SystemExit(EXIT_ERROR) from error
    write_pdf([_page(result, paper)], _metadata(out), out)
    report = _report(result, files, out)
    if as_json:
        print_json(report)
    else:
        _print(report)


def _read_parts(paths: tuple[Path, ...]) -> tuple[list[str], list[Part]]:
    """Every page of every file is one part; the name says which file (and page) it was."""
    names, parts = [], []
    for path in paths:
        for page in import_file(path):
            pixels = page.pixels
            if pixels.dtype != np.uint8:
                pixels = (pixels >> 8).astype(np.uint8)
            if pixels.ndim == 3:
                pixels = cv2.cvtColor(pixels, cv2.COLOR_RGB2BGR)
            names.append(path.name if page.index == 1 else f"{path.name}#{page.index}")
            parts.append(Part(pixels, page.dpi))
    return names, parts


def _page(result: StitchResult, paper: PaperSize) -> EncodedPage:
    """One JPEG page whose MediaBox is exactly the paper, so it prints at true size."""
    colour = ColourClass.COLOR if result.image.ndim == 3 else ColourClass.GRAY
    options = EncodeOptions(encoding=Encoding.JPEG, jpeg_quality=JPEG_QUALITY)
    page = encode_page(result.image, result.dpi, colour, options)
    width_pt, height_pt = (mm * POINTS_PER_INCH / MM_PER_INCH for mm in result.page_mm)
    layers = tuple(replace(layer, box=Box(0.0, 0.0, width_pt, height_pt)) for layer in page.layers)
    return replace(page, width_pt=width_pt, height_pt=height_pt, layers=layers)


def _metadata(out: Path) -> PdfMetadata:
    return PdfMetadata(
        dossier_code="",
        procedure="",
        component="",
        station="",
        clerk="",
        scan_time=datetime.now(),
        title=out.stem,
    )


def _report(result: StitchResult, files: list[str], out: Path) -> dict[str, Any]:
    parts = [
        {
            "part": placement.index + 1,
            "file": files[placement.index],
            "x_mm": round(placement.x_mm, 2),
            "y_mm": round(placement.y_mm, 2),
            "rotation_deg": round(placement.rotation_deg, 3),
            "residual_px": round(placement.residual_px, 3),
            "residual_mm": round(placement.residual_mm, 3),
            "gain": round(result.gains[placement.index], 4),
        }
        for placement in result.placements
    ]
    width_mm, height_mm = result.page_mm
    page = {
        "paper": result.paper,
        "width_mm": width_mm,
        "height_mm": height_mm,
        "width_pt": round(width_mm * POINTS_PER_INCH / MM_PER_INCH, 3),
        "height_pt": round(height_mm * POINTS_PER_INCH / MM_PER_INCH, 3),
        "dpi": result.dpi,
        "content_mm": [round(v, 1) for v in result.content_mm],
    }
    return {"ok": True, "out": str(out), "parts": parts, "page": page}


def _print(report: dict[str, Any]) -> None:
    for part in report["parts"]:
        click.echo(
            f"#{part['part']} {part['file']}: x {part['x_mm']:.1f} mm, y {part['y_mm']:.1f} mm, "
            f"xoay / rotation {part['rotation_deg']:.2f}°, "
            f"sai lệch / residual {part['residual_px']:.2f} px ({part['residual_mm']:.2f} mm)"
        )
    page = report["page"]
    click.echo(
        f"Trang / page {page['paper']}: {page['width_mm']:g} x {page['height_mm']:g} mm "
        f"({page['width_pt']:g} x {page['height_pt']:g} pt) @ {page['dpi']} dpi -> {report['out']}"
    )


def _refuse(error: StitchError, files: list[str], as_json: bool) -> None:
    params: dict[str, Any] = dict(error.params)
    if error.part is not None:
        params.update(part=error.part + 1, file=files[error.part])
    vi, en = stitch_error_text(error, files)
    if as_json:
        payload = {k: str(v) for k, v in params.items()}
        print_json(
            {
                "ok": False,
                "error": {
                    "code": error.code.value,
                    "params": payload,
                    "message_vi": vi,
                    "message_en": en,
                },
            }
        )
    print_error_line(vi, en)
