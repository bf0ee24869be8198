"""Pages with known text for OCR tests and bench/ocr.py.

- Virtual-scanner forms: the scanner's own scene says which lines are printed on the sheet.
- Printed-then-scanned pages: Vietnamese lines rendered at the scan's resolution, then turned,
  blurred, given noise and saved as JPEG, as a cheap scanner and a tired toner would.
"""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from drivers.contract import Side
from drivers.virtual.content import FORM_TITLES
from drivers.virtual.elements import Text
from drivers.virtual.options import parse_virtual_options
from drivers.virtual.pages import build_scene
from resources import __file__ as _resources
from tests.station.pipeline.pages import virtual_page

FONTS = __import__("pathlib").Path(_resources).parent / "fonts"
A4_MM = (210.0, 297.0)
SENTENCES = (
    "Căn cứ Luật Hộ tịch ngày 20 tháng 11 năm 2014, người yêu cầu đề nghị cơ quan có thẩm "
    "quyền giải quyết việc đăng ký khai sinh cho người dưới đây.",
    "Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp "
    "luật về cam đoan của mình.",
    "Ủy ban nhân dân xã Tân Phước, tỉnh Đồng Nai đã tiếp nhận hồ sơ đề nghị cấp bản sao trích "
    "lục hộ tịch của ông Nguyễn Văn Hưởng.",
    "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất "
    "được cấp lại do bị mất, hư hỏng hoặc ố nhòe.",
    "Người đi đăng ký khai tử phải nộp Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử do cơ quan "
    "có thẩm quyền cấp trong thời hạn mười lăm ngày.",
)


def virtual_form(seed: int, dpi: int = 300, skew: float = 0.0) -> tuple[np.ndarray, list[str]]:
    """A form's front (BGR) and the lines printed on it, top to bottom."""
    options = (("seed", str(seed)), ("skew", str(skew)), ("content", "document"))
    pixels = virtual_page(*options, paper="A4", dpi=dpi)
    scene = build_scene(parse_virtual_options(options), A4_MM, False, 1, Side.FRONT)
    texts = [e for e in scene.sheet.elements if isinstance(e, Text)]
    lines = [" ".join(w for _, w in t.words) for t in sorted(texts, key=lambda t: (t.y, t.x))]
    return pixels, lines


def form_title(lines: list[str]) -> str | None:
    """The form's title when it is one of the scanner's form titles on one line."""
    return next((line for line in lines if line in FORM_TITLES), None)


def printed_page(
    rng: np.random.Generator, dpi: int, angle: float = 0.0, blur: float = 0.0,
    noise: float = 0.0, jpeg: int = 90,
) -> tuple[np.ndarray, list[str]]:  # fmt: skip
    """Rendered Vietnamese text on A4 as printed and scanned (gray), and its lines."""
    width, height = round(A4_MM[0] / 25.4 * dpi), round(A4_MM[1] / 25.4 * dpi)
    page = Image.new("L", (width, height), 250)
    draw = ImageDraw.Draw(page)
    body = ImageFont.truetype(str(FONTS / "DejaVuSerif.ttf"), round(12 / 72 * dpi))
    title = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), round(14 / 72 * dpi))
    heading = str(rng.choice(FORM_TITLES))
    lines = [heading]
    draw.text((dpi, dpi), heading, font=title, fill=20)
    y, margin = int(1.6 * dpi), dpi
    words = " ".join(rng.permutation(SENTENCES)).split()
    line: list[str] = []
    for word in words:
        if draw.textlength(" ".join([*line, word]), font=body) > width - 2 * margin:
            draw.text((margin, y), " ".join(line), font=body, fill=20)
            lines.append(" ".join(line))
            y += round(body.size * 1.6)
            line = [word]
        else:
            line.append(word)
    draw.text((margin, y), " ".join(line), font=body, fill=20)
    lines.append(" ".join(line))
    pixels = np.asarray(page)
    if angle:
        turn = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
        pixels = cv2.warpAffine(pixels, turn, (width, height), borderValue=250)
    if blur:
        pixels = cv2.GaussianBlur(pixels, (0, 0), blur)
    if noise:
        grain = rng.normal(0, noise, pixels.shape)
        pixels = np.clip(pixels.astype(np.float64) + grain, 0, 255).astype(np.uint8)
    ok, data = cv2.imencode(".jpg", pixels, [cv2.IMWRITE_JPEG_QUALITY, jpeg])
    assert ok
    return cv2.imdecode(data, cv2.IMREAD_GRAYSCALE), lines


def word_accuracy(truth: list[str], read: str) -> float:
    """Share of the true words (with their diacritics, NFC) found among the words read,
    each read word counted once."""
    wanted = [w for line in truth for w in line.split() if any(c.isalnum() for c in w)]
    pool: dict[str, int] = {}
    for word in read.split():
        pool[word] = pool.get(word, 0) + 1
    hits = 0
    for word in wanted:
        if pool.get(word, 0) > 0:
            pool[word] -= 1
            hits += 1
    return hits / max(len(wanted), 1)
