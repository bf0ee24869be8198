"""write_pdf: PDF >= 1.4, pages in the order given, PDF/A-2b extras on request."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pikepdf
import pikepdf.pdfa
import pytest

from station.imaging.results import ColourClass
from station.pdf import EncodedPage, EncodeOptions, Encoding, encode_page, write_pdf
from tests.station.pdf.support import METADATA, media_box, pdf_of, render

COLOURS = [(0, 0, 200), (0, 170, 0), (190, 0, 0)]  # BGR: red, green, blue pages


def _plain_pages() -> Iterator[EncodedPage]:
    """Three flat pages of different colours and sizes, made one at a time."""
    for index, colour in enumerate(COLOURS):
        image = np.empty((200 + 100 * index, 150, 3), np.uint8)
        image[:] = colour
        yield encode_page(image, 200, ColourClass.COLOR, EncodeOptions(encoding=Encoding.LOSSLESS))


@pytest.fixture(scope="module")
def three_pages() -> bytes:
    return pdf_of(list(_plain_pages()))


def test_pdf_version_is_at_least_1_4(three_pages: bytes) -> None:
    assert three_pages.startswith(b"%PDF-1.")
    version = tuple(
        int(part) for part in pikepdf.open(io.BytesIO(three_pages)).pdf_version.split(".")
    )
    assert version >= (1, 4)


def test_pages_come_out_in_the_order_given(three_pages: bytes) -> None:
    pdf = pikepdf.open(io.BytesIO(three_pages))
    assert len(pdf.pages) == 3
    heights = [media_box(page)[1] for page in pdf.pages]
    assert heights == pytest.approx([72.0, 108.0, 144.0])
    for index, (blue, green, red) in enumerate(COLOURS):
        mean = render(three_pages, 200, index).reshape(-1, 3).mean(axis=0)
        assert mean == pytest.approx((red, green, blue), abs=2)


def test_pages_may_be_a_generator_and_out_a_path(tmp_path: Path) -> None:
    out = tmp_path / "component.pdf"
    write_pdf(_plain_pages(), METADATA, out)
    assert len(pikepdf.open(out).pages) == 3


def test_no_pages_is_refused() -> None:
    with pytest.raises(ValueError):
        write_pdf([], METADATA, io.BytesIO())


def test_the_same_pages_and_metadata_give_the_same_bytes(three_pages: bytes) -> None:
    again = pdf_of(list(_plain_pages()))
    assert again == three_pages
    assert "/ID" in pikepdf.open(io.BytesIO(again)).trailer


def test_plain_pdf_has_no_pdfa_claims(three_pages: bytes) -> None:
    pdf = pikepdf.open(io.BytesIO(three_pages))
    assert "/OutputIntents" not in pdf.Root
    assert b"pdfaid" not in pdf.Root.Metadata.read_bytes()


def test_pdfa_adds_an_srgb_output_intent_and_pdfaid_2b() -> None:
    pdf = pikepdf.open(io.BytesIO(pdf_of(list(_plain_pages()), pdfa=True)))
    (intent,) = pdf.Root.OutputIntents
    assert intent.S == pikepdf.Name.GTS_PDFA1
    profile = intent.DestOutputProfile
    assert int(profile.N) == 3
    icc = profile.read_bytes()
    assert icc[36:40] == b"acsp" and icc[16:20] == b"RGB "
    with pdf.open_metadata() as xmp:
        assert xmp["pdfaid:part"] == "2"
        assert xmp["pdfaid:conformance"] == "B"
    assert "/Filter" not in pdf.Root.Metadata  # PDF/A readers scan the packet as plain text
    assert "/ID" in pdf.trailer


def test_mrc_page_survives_a_pdfa_round_trip(form_mrc: EncodedPage) -> None:
    data = pdf_of([form_mrc, form_mrc], pdfa=True)
    pdf = pikepdf.open(io.BytesIO(data))
    assert len(pdf.pages) == 2
    assert media_box(pdf.pages[1]) == pytest.approx((form_mrc.width_pt, form_mrc.height_pt))


def _pdfa_findings(data: bytes) -> list[str]:
    """pikepdf's allowlist PDF/A validator: it approves only what it knows conforms."""
    report = pikepdf.pdfa.validate_written(io.BytesIO(data), "2b")
    return [] if report.passed else [str(f) for f in report.findings] or ["not passed"]


@pytest.mark.parametrize(
    ("encoding", "colour"),
    [
        (Encoding.JPEG, ColourClass.COLOR),
        (Encoding.JPEG, ColourClass.GRAY),
        (Encoding.JPEG, ColourClass.BW),
        (Encoding.LOSSLESS, ColourClass.COLOR),
        (Encoding.LOSSLESS, ColourClass.BW),
    ],
)
def test_pdfa_output_passes_the_validator(
    form_page: np.ndarray, encoding: Encoding, colour: ColourClass
) -> None:
    page = encode_page(form_page, 200, colour, EncodeOptions(encoding=encoding))
    assert _pdfa_findings(pdf_of([page, page], pdfa=True)) == []


def test_pdfa_mrc_output_passes_the_validator(form_mrc: EncodedPage) -> None:
    assert _pdfa_findings(pdf_of([form_mrc, form_mrc], pdfa=True)) == []


def test_the_validator_refuses_a_plain_pdf(three_pages: bytes) -> None:
    assert _pdfa_findings(three_pages) != []  # no OutputIntent, no pdfaid: the check can fail
