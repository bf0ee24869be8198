"""`sohoa process`: compliant PDFs from image files, and a clear answer for every bad input."""

from __future__ import annotations

import io
import json
from pathlib import Path

import cv2
import numpy as np
import pikepdf
import pytest
from PIL import Image

from tests.station.pdf.support import drawn_images
from tests.station.pipeline.pages import virtual_page
from ui.cli.main import main

A4_PT = (595.28, 841.89)


def _run(capsys, *args: str) -> tuple[int, list[dict], str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines() if line.strip()], err


def _save_png(path: Path, bgr: np.ndarray, dpi: int) -> Path:
    Image.fromarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)).save(path, dpi=(dpi, dpi))
    return path


def _images(page: pikepdf.Page) -> list[pikepdf.Object]:
    found = []
    for _, image in page.get_images().items():
        found.append(image)
        for key in ("/Mask", "/SMask"):
            if key in image and isinstance(image[key], pikepdf.Stream):
                found.append(image[key])
    return found


def _effective_dpi(image: pikepdf.Object, page_width_pt: float) -> float:
    return int(image.Width) / (page_width_pt / 72)


def _is_colour(image: pikepdf.Object) -> bool:
    space = image.get("/ColorSpace")
    if space is None:
        return False
    if space == pikepdf.Name.DeviceRGB:
        return True
    return (
        isinstance(space, pikepdf.Array)
        and space[0] == pikepdf.Name.ICCBased
        and int(space[1].N) == 3
    )


def test_processed_pages_make_a_compliant_pdf(capsys, home, tmp_path) -> None:
    pages = [
        _save_png(
            tmp_path / f"p{i}.png", virtual_page(("seed", str(i)), ("skew", "2"), dpi=200), 200
        )
        for i in (1, 2)
    ]
    out = tmp_path / "000.00.14.H05-251122-0001.1.pdf"
    code, lines, err = _run(
        capsys, "process", *map(str, pages), "--out", str(out),
        "--dossier", "000.00.14.H05-251122-0001", "--procedure", "1.001193", "--component", "TP1",
        "--json",
    )  # fmt: skip
    assert code == 0, err
    page_lines = [line for line in lines if line["event"] == "page"]
    assert [Path(line["file"]).name for line in page_lines] == ["p1.png", "p2.png"]
    for line in page_lines:
        assert {"skew_deg", "crop", "orientation", "blank", "colour", "bytes"} <= line.keys()
        assert line["colour"] == "color" and line["blank"] is False
    with pikepdf.open(out) as pdf:
        assert pdf.pdf_version >= "1.4"
        assert len(pdf.pages) == 2
        for page in pdf.pages:
            box = [float(v) for v in page.mediabox]
            width, height = box[2] - box[0], box[3] - box[1]
            assert abs(width - A4_PT[0]) <= 1 and abs(height - A4_PT[1]) <= 1
            images = _images(page)
            assert max(_effective_dpi(image, width) for image in images) >= 200
            assert any(_is_colour(image) for image in images)  # the red seal stays red
        info = pdf.docinfo
        assert "000.00.14.H05-251122-0001" in str(info.get("/Keywords", "")) + str(
            info.get("/Title", "")
        )
        with pdf.open_metadata() as xmp:
            assert any("000.00.14.H05-251122-0001" in str(value) for value in xmp.values())


def _jpeg_with_exif_rotation(path: Path) -> Path:
    image = Image.fromarray(cv2.cvtColor(virtual_page(("skew", "0"), dpi=100), cv2.COLOR_BGR2RGB))
    exif = Image.Exif()
    exif[0x0112] = 6  # stored sideways: turn 90° clockwise to view
    image.save(path, "JPEG", exif=exif, dpi=(200, 200))
    return path


def _bad_inputs(folder: Path) -> dict[str, Path]:
    made: dict[str, Path] = {}
    made["one_pixel"] = folder / "one.png"
    Image.new("RGB", (1, 1), "white").save(made["one_pixel"])
    made["black"] = folder / "black.png"
    Image.new("L", (800, 1100), 0).save(made["black"], dpi=(200, 200))
    made["white"] = folder / "white.png"
    Image.new("L", (800, 1100), 255).save(made["white"], dpi=(200, 200))
    made["sixteen"] = folder / "sixteen.png"
    cv2.imwrite(
        str(made["sixteen"]),
        (np.arange(600 * 400, dtype=np.uint32) % 65536).astype(np.uint16).reshape(600, 400),
    )
    made["cmyk"] = folder / "cmyk.jpg"
    Image.new("CMYK", (400, 600), (0, 80, 80, 0)).save(made["cmyk"], dpi=(200, 200))
    made["palette"] = folder / "palette.png"
    Image.new("P", (400, 600), 3).save(made["palette"])
    made["alpha"] = folder / "alpha.png"
    Image.new("RGBA", (400, 600), (255, 0, 0, 128)).save(made["alpha"])
    made["exif"] = _jpeg_with_exif_rotation(folder / "exif.jpg")
    good = io.BytesIO()
    Image.new("RGB", (400, 600), "white").save(good, "JPEG")
    made["truncated"] = folder / "truncated.jpg"
    made["truncated"].write_bytes(good.getvalue()[: len(good.getvalue()) // 3])
    return made


def test_bad_inputs_get_a_clear_result_or_error_never_a_crash(capsys, home, tmp_path) -> None:
    inputs = _bad_inputs(tmp_path)
    out = tmp_path / "bad.pdf"
    code, lines, err = _run(
        capsys, "process", *map(str, inputs.values()), "--out", str(out), "--json"
    )
    by_file = {Path(line["file"]).name: line for line in lines if line.get("file")}
    assert set(by_file) == {path.name for path in inputs.values()}
    assert by_file["truncated.jpg"]["event"] == "error"
    assert by_file["truncated.jpg"]["error"]["code"] == "import_corrupt"
    assert all(by_file[p.name]["event"] == "page" for k, p in inputs.items() if k != "truncated")
    # nothing to read on either: both are flagged for the clerk (never dropped by default)
    assert by_file["white.png"]["blank"] is True and by_file["black.png"]["blank"] is True
    assert code == 3 and "Lỗi: " in err and "Traceback" not in err
    summary = lines[-1]
    assert summary["event"] == "summary" and summary["pages"] == len(inputs) - 1
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == len(inputs) - 1


def test_exif_rotation_is_applied_as_a_transform(capsys, home, tmp_path) -> None:
    source = _jpeg_with_exif_rotation(tmp_path / "sideways.jpg")
    stored = Image.open(source).size  # (width, height) as stored
    code, lines, _ = _run(
        capsys,
        "process",
        str(source),
        "--out",
        str(tmp_path / "o.pdf"),
        "--json",
        "--profile",
        "raw",
    )
    (page,) = [line for line in lines if line["event"] == "page"]
    assert code == 0
    assert page["transforms"][0] == "orient"
    assert (page["width_px"], page["height_px"]) == (stored[1], stored[0])


@pytest.mark.parametrize("profile", ["jpeg", "lossless", "card"])
def test_other_profiles_write_pdfs_too(capsys, home, tmp_path, profile: str) -> None:
    path = _save_png(tmp_path / "p.png", virtual_page(("seed", "3"), dpi=200), 200)
    code, lines, _ = _run(
        capsys,
        "process",
        str(path),
        "--out",
        str(tmp_path / "o.pdf"),
        "--profile",
        profile,
        "--json",
    )
    assert code == 0 and lines[-1]["pages"] == 1


CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _process(capsys, tmp_path: Path, name: str, profile: str = "standard"):
    out = tmp_path / f"{Path(name).stem}.{profile}.pdf"
    code, lines, err = _run(
        capsys,
        "process",
        str(CORPUS / name),
        "--out",
        str(out),
        "--profile",
        profile,
        "--workers",
        "1",
        "--json",
    )
    assert code == 0
    return lines[0], err, pikepdf.open(out)


def test_a_letter_page_without_dpi_is_letter_sized_and_the_guess_is_said(
    capsys, home, tmp_path
) -> None:
    page, err, pdf = _process(capsys, tmp_path, "lept__rabi.png")
    assert (page["dpi"], page["dpi_source"], page["paper"]) == (300, "inferred", "Letter")
    box = [float(v) for v in pdf.pages[0].MediaBox]
    assert box[2] - box[0] == pytest.approx(612, abs=8) and box[3] - box[1] == pytest.approx(
        792, abs=8
    )
    assert "Cảnh báo: lept__rabi.png#1: độ phân giải suy ra 300 dpi" in err
    assert "Warning: lept__rabi.png#1: resolution inferred as 300 dpi" in err


def test_a_sheet_claiming_72_dpi_is_warned_about_and_gets_a_plausible_size(
    capsys, home, tmp_path
) -> None:
    page, err, pdf = _process(capsys, tmp_path, "lept__tickets.tif")
    assert page["dpi_source"] == "inferred" and page["file_dpi"] == 72
    box = [float(v) for v in pdf.pages[0].MediaBox]
    assert max(box[2] - box[0], box[3] - box[1]) < 500 / 25.4 * 72  # not a 57 x 77 inch page
    assert "(tệp ghi 72 dpi)" in err and "(the file says 72 dpi)" in err
    assert page["paper"] is None and " mm; " in err and " ;" not in err  # no paper to name


def test_a_45_dpi_page_is_reported_as_upsampled(capsys, home, tmp_path) -> None:
    page, err, _ = _process(capsys, tmp_path, "lept__binding-example.45.jpg")
    assert page["upsampled_from"] == 45 and page["dpi"] == 45 and page["min_image_ppi"] >= 200
    assert "quét ở 45 dpi, dưới 200 dpi" in err and "scanned at 45 dpi, below 200 dpi" in err


@pytest.mark.parametrize("profile", ["standard", "jpeg", "lossless", "card", "raw"])
def test_a_1_bit_scan_stays_1_bit_in_every_profile(capsys, home, tmp_path, profile) -> None:
    page, _, pdf = _process(capsys, tmp_path, "lept__feyn.tif", profile)  # skewed 1 degree
    assert profile == "raw" or "deskew" in page["transforms"]
    images = [drawn.image for drawn in drawn_images(pdf.pages[0])]
    assert images and all(int(image.get("/BitsPerComponent", 1)) == 1 for image in images)
    assert all(image.Filter == pikepdf.Name.CCITTFaxDecode for image in images)


@pytest.mark.parametrize(
    "name", ["ocrmypdf__c02-22.jpg", "lept__colorpage.030.jpg", "ocrmypdf__congress.jpg"]
)
def test_every_image_on_a_standard_page_is_at_least_200_ppi(capsys, home, tmp_path, name) -> None:
    page, _, pdf = _process(capsys, tmp_path, name)
    drawn = drawn_images(pdf.pages[0])
    assert drawn and all(min(d.dpi) >= 199.5 for d in drawn)
    assert page["min_image_ppi"] >= 199.5
