"""Synthetic scanned pages carrying one code: printed size, rotation, blur, noise, JPEG and
colour mode, all drawn from a seeded generator so a failure can be replayed."""

from __future__ import annotations

import random
from dataclasses import dataclass

import cv2
import numpy as np
import zxingcpp

MM_PER_INCH = 25.4
A4_MM = (210.0, 297.0)
MODES = ("color", "gray", "lineart")
LINEART_AT_150 = frozenset({"QRCode", "DataMatrix", "Code128"})

# Printed sizes: the module (X dimension) and, for linear codes, the bar height, in mm.
MODULE_MM = {
    "QRCode": 0.5,
    "DataMatrix": 0.5,
    "Aztec": 0.5,
    "PDF417": 0.4,  # at 0.33 mm, 150 dpi lineart leaves its 1 mm rows illegible
    "Code128": 0.33,
    "Code39": 0.38,  # at 0.33 mm, 150 dpi lineart closes its narrow spaces
}
BAR_HEIGHT_MM = {"PDF417": 0.0, "Code128": 12.0, "Code39": 12.0}


@dataclass(frozen=True)
class PageSpec:
    text: str
    format: str
    dpi: int
    angle: float  # degrees, counter-clockwise
    mode: str  # color, gray or lineart
    jpeg_quality: int | None
    blur_sigma: float
    noise_sigma: float
    seed: int


def symbol(text: str, format_name: str, module_px: int = 8) -> np.ndarray:
    """The code as a gray image, `module_px` pixels per module, with its quiet zone."""
    barcode = zxingcpp.create_barcode(text, getattr(zxingcpp.BarcodeFormat, format_name))
    return np.array(zxingcpp.write_barcode_to_image(barcode, scale=module_px))


def printed(text: str, format_name: str, dpi: int) -> np.ndarray:
    """The symbol at its printed size for `dpi`."""
    module_px = 8
    image = symbol(text, format_name, module_px)
    scale = MODULE_MM[format_name] / MM_PER_INCH * dpi / module_px
    height_mm = BAR_HEIGHT_MM.get(format_name, 0.0)
    width = max(1, round(image.shape[1] * scale))
    height = round(height_mm / MM_PER_INCH * dpi) if height_mm else round(image.shape[0] * scale)
    return cv2.resize(image, (width, max(1, height)), interpolation=cv2.INTER_AREA)


def blank_page(dpi: int) -> np.ndarray:
    width, height = (round(mm / MM_PER_INCH * dpi) for mm in A4_MM)
    return np.full((height, width), 255, np.uint8)


def place(page: np.ndarray, stamp: np.ndarray, angle: float, rng: random.Random) -> np.ndarray:
    """Paste `stamp` turned by `angle` somewhere on the page (darkest pixel wins)."""
    h, w = stamp.shape
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    cos, sin = abs(turn[0, 0]), abs(turn[0, 1])
    out_w, out_h = int(h * sin + w * cos) + 2, int(h * cos + w * sin) + 2
    turn[0, 2] += out_w / 2 - w / 2
    turn[1, 2] += out_h / 2 - h / 2
    turned = cv2.warpAffine(stamp, turn, (out_w, out_h), borderValue=255, flags=cv2.INTER_LINEAR)
    page_h, page_w = page.shape
    # below the body text (which ends 80 mm down), so that text never overprints the code
    top = round(page_h * 80 / A4_MM[1])
    if out_w >= page_w or out_h >= page_h - top:
        raise ValueError("the code does not fit on the page")
    x = rng.randrange(0, page_w - out_w)
    y = rng.randrange(top, page_h - out_h)
    region = page[y : y + out_h, x : x + out_w]
    np.minimum(region, turned, out=region)
    return page


def add_text_lines(page: np.ndarray, rng: random.Random, dpi: int) -> None:
    """Some body text, so the reader sees a page rather than a lone symbol."""
    scale = dpi / 200
    for row in range(6):
        y = round((20 + 10 * row) / MM_PER_INCH * dpi)
        words = " ".join(
            rng.choice(("Cong hoa", "xa hoi", "Doc lap", "Tu do", "123")) for _ in "x" * 6
        )
        cv2.putText(
            page, words, (round(0.1 * page.shape[1]), y), 0, scale, 0, max(1, round(2 * scale))
        )


def degrade(page: np.ndarray, spec: PageSpec, rng: random.Random) -> np.ndarray:
    """Scanner blur and noise, the colour mode, then JPEG."""
    image = page.astype(np.float32)
    if spec.blur_sigma > 0:
        image = cv2.GaussianBlur(image, (0, 0), spec.blur_sigma)
    if spec.noise_sigma > 0:
        noise = np.random.default_rng(spec.seed).normal(0, spec.noise_sigma, image.shape)
        image = image + noise.astype(np.float32)
    gray = np.clip(image, 0, 255).astype(np.uint8)
    if spec.mode == "lineart":
        _, gray = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        out: np.ndarray = gray
    elif spec.mode == "color":
        tint = np.array([rng.uniform(0.92, 1.0) for _ in range(3)], np.float32)
        out = (gray[..., None].astype(np.float32) * tint).astype(np.uint8)
    else:
        out = gray
    if spec.jpeg_quality is not None and spec.mode != "lineart":
        ok, data = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, spec.jpeg_quality])
        assert ok
        out = cv2.imdecode(data, cv2.IMREAD_UNCHANGED)
        if spec.mode == "color":
            out = cv2.cvtColor(out, cv2.COLOR_BGR2RGB)  # pages are RGB, as the importer gives
    return out


def make_page(spec: PageSpec) -> np.ndarray:
    rng = random.Random(spec.seed)
    page = blank_page(spec.dpi)
    add_text_lines(page, rng, spec.dpi)
    place(page, printed(spec.text, spec.format, spec.dpi), spec.angle, rng)
    return degrade(page, spec, rng)


def random_spec(text: str, format_name: str, seed: int, dpis: tuple[int, ...]) -> PageSpec:
    rng = random.Random(seed)
    dpi = rng.choice(dpis)
    # Lineart at 150 dpi closes the narrow spaces of a 0.38 mm Code 39 turned near 45 degrees;
    # the station scans at 200 dpi or more (DOMAIN.md §1), so that pairing is left out for the
    # formats beyond the three a dossier's papers carry.
    modes = MODES if dpi >= 200 or format_name in LINEART_AT_150 else ("color", "gray")
    return PageSpec(
        text=text,
        format=format_name,
        dpi=dpi,
        angle=rng.uniform(0, 360),
        mode=rng.choice(modes),
        jpeg_quality=rng.randint(50, 90),
        blur_sigma=rng.uniform(0.0, 1.0),
        noise_sigma=rng.uniform(0.0, 12.0),
        seed=seed,
    )


def scanned_card(dpi: int, seed: int, card: str = "cccd") -> tuple[np.ndarray, str]:
    """A citizen ID card on the virtual scanner's bed, anywhere and turned up to 45 degrees, in
    colour, gray or lineart (JPEG 50-90 unless lineart), with the text of its QR code; `card`
    "2024" is the Căn cước card issued since July 2024."""
    from drivers.contract import CancelToken, ColorMode, ScanSettings
    from drivers.virtual import VirtualDriver
    from drivers.virtual.options import parse_virtual_options
    from drivers.virtual.pages import card_qr_text
    from station.paper import parse_paper

    rng = random.Random(seed)
    mode = rng.choice((ColorMode.COLOR, ColorMode.GRAY, ColorMode.LINEART))
    pairs = (
        ("content", "card"), ("seed", str(seed)), ("skew", f"{rng.uniform(-45, 45):.1f}"),
        ("card", card),
    )  # fmt: skip
    settings = ScanSettings(paper=parse_paper("auto"), dpi=dpi, mode=mode, options=pairs)
    (scanned,) = list(VirtualDriver().scan("virtual", settings, CancelToken()))
    page = scanned.pixels
    if mode is not ColorMode.LINEART:
        quality = rng.randint(50, 90)
        ok, data = cv2.imencode(".jpg", page, [cv2.IMWRITE_JPEG_QUALITY, quality])
        assert ok
        page = cv2.imdecode(data, cv2.IMREAD_UNCHANGED)
    return page, card_qr_text(parse_virtual_options(pairs), 1)
