"""Pages with known text for OCR tests and bench/ocr.py.

- Virtual-scanner forms: the scanner's own scene says which lines are printed on the sheet.
- Virtual-scanner papers (`content=papers`): the papers of real dossiers, each with the
  procedures and components whose checklist names it (PAPER_COMPONENTS).
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
from drivers.virtual.papers import PAPERS, paper_of
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
    texts = sorted((e for e in scene.sheet.elements if isinstance(e, Text)), key=lambda t: t.y)
    return pixels, [" ".join(w for t in row for _, w in t.words) for row in _rows(texts)]


def _rows(texts: list[Text]) -> list[list[Text]]:
    """Texts sharing a line, left to right, top to bottom: a field's label and the value written
    after it (by hand a little off the baseline) are one line, as a reader reads them."""
    rows: list[list[Text]] = []
    for text in texts:
        if rows and abs(text.y - rows[-1][0].y) < 0.5 * max(text.size, rows[-1][0].size):
            rows[-1].append(text)
        else:
            rows.append([text])
    return [sorted(row, key=lambda t: t.x) for row in rows]


def virtual_paper(seed: int, dpi: int = 200, skew: float = 0.0) -> tuple[np.ndarray, str]:
    """The front (BGR) of sheet 1 of a `content=papers` batch, and the paper's title."""
    options = (("seed", str(seed)), ("skew", str(skew)), ("content", "papers"))
    return virtual_page(*options, paper="A4", dpi=dpi), paper_of(seed, 1).title


# Each paper the virtual scanner prints: the (procedure, component) whose checklist names it.
PAPER_COMPONENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "GIẤY CHỨNG SINH": (("1.001193", "TP2"),),
    "CĂN CƯỚC CÔNG DÂN": (
        ("1.001193", "TP6"), ("2.000884", "TP1"), ("1.001612", "TP2"), ("3.000333", "TP2"),
    ),
    "HỢP ĐỒNG CHUYỂN NHƯỢNG QUYỀN SỬ DỤNG ĐẤT": (("1.013831", "TP3"),),
    "GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN": (("1.000894", "TP4"), ("1.004873", "KQ1")),
    "TỜ KHAI ĐĂNG KÝ KHAI TỬ": (("1.000656", "TP1"),),
    "GIẤY BÁO TỬ": (("1.000656", "TP2"),),
    "CĂN CƯỚC": (("1.000894", "TP2"), ("3.000347", "TP3"), ("1.000656", "TP6")),
    "GIẤY ỦY QUYỀN": (("1.001193", "TP5"), ("2.000635", "TP2"), ("1.013831", "TP7")),
    "GIẤY CHỨNG NHẬN KẾT HÔN": (("1.001193", "TP7"), ("1.000894", "KQ1")),
    "GIẤY KHAI SINH": (("1.001193", "KQ1"), ("1.004222", "TP19")),
    "TRÍCH LỤC KHAI TỬ": (("1.000656", "KQ1"),),
    "THÔNG BÁO KẾT QUẢ GIẢI QUYẾT THỦ TỤC ĐĂNG KÝ CƯ TRÚ": (("1.004222", "KQ1"),),
    "HỢP ĐỒNG CHO THUÊ NHÀ": (("1.004222", "TP13"),),
    "GIẤY ĐỀ NGHỊ ĐĂNG KÝ HỘ KINH DOANH": (("1.001612", "TP1"),),
    "GIẤY CHỨNG NHẬN ĐĂNG KÝ HỘ KINH DOANH": (("1.001612", "KQ1"),),
    "TỜ KHAI YÊU CẦU CẤP PHIẾU LÝ LỊCH TƯ PHÁP": (("3.000333", "TP1"),),
    "PHIẾU LÝ LỊCH TƯ PHÁP": (("3.000333", "KQ1"),),
    "GIẤY KHÁM SỨC KHỎE CỦA NGƯỜI LÁI XE": (("3.000347", "TP2"),),
    "XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ": (("1.010041", "KQ1"), ("1.000894", "TP3"), ("1.001193", "TP8")),
    "THÔNG BÁO KẾT QUẢ ĐĂNG KÝ ĐẤT ĐAI": (("1.013978", "KQ2"),),
    "TỜ KHAI LỆ PHÍ TRƯỚC BẠ": (("1.013831", "TP4"), ("1.013978", "TP6")),
    "ĐƠN ĐỀ NGHỊ ĐỔI, CẤP LẠI GIẤY PHÉP LÁI XE": (("3.000347", "TP1"),),
    "BIÊN BẢN HỌP THÀNH VIÊN HỘ GIA ĐÌNH": (("1.001612", "TP3"),),
    "TỜ KHAI CẤP GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN": (("1.004873", "TP1"),),
}  # fmt: skip


def paper_case(seed: int) -> tuple[str, str, str]:
    """(title, procedure, component) of the paper on sheet 1 of seed `seed`: each seed that
    comes back to a paper checks it against the next procedure naming it."""
    title = paper_of(seed, 1).title
    places = PAPER_COMPONENTS[title]
    code, component = places[seed // len(PAPERS) % len(places)]
    return title, code, component


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
    """1 - (substitutions + deletions + insertions) / true words: the Levenshtein distance
    between the true and the read word sequences (words with their diacritics, NFC), so a
    garbage or extra word read costs as much as a true word missed. Can go below 0."""
    wanted = [w for line in truth for w in line.split() if any(c.isalnum() for c in w)]
    got = [w for w in read.split() if any(c.isalnum() for c in w)]
    return 1.0 - word_distance(wanted, got) / max(len(wanted), 1)


def word_recall(truth: list[str], read: str) -> float:
    """Share of the true words found among the words read, each read word counted once (the
    earlier measure: extra words cost nothing)."""
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


def word_distance(a: list[str], b: list[str]) -> int:
    """Levenshtein distance over words."""
    previous = list(range(len(b) + 1))
    for i, word in enumerate(a, start=1):
        current = [i]
        for j, other in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (word != other))
            )
        previous = current
    return previous[-1]
