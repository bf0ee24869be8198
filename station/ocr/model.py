"""What reading a page found: its words with their boxes and confidences, in NFC Vietnamese.

Boxes are in pixels of the page as analysed (its transforms replayed, upright), top-left origin;
`width`, `height` and `dpi` say which raster that was, so a PDF page of any size can place them.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Word:
    text: str  # NFC
    left: int
    top: int
    width: int
    height: int
    confidence: float  # 0..100, as Tesseract gives it
    line: int  # words of one text line share this number, in reading order


@dataclass(frozen=True)
class PageText:
    width: int  # pixels of the raster the boxes refer to
    height: int
    dpi: int
    rotation: int = 0  # the quarter turn the page's analysis applied before reading
    words: tuple[Word, ...] = ()
    detected: bool = True  # False: the detection step found no text, so nothing was read
    engine: str = ""
    # share of the page's height read from its top: 1.0 is the whole page, less a title read
    # (enough for a suggestion, not for the PDF's text layer)
    extent: float = 1.0

    @property
    def whole(self) -> bool:
        return self.extent >= 1.0

    @property
    def lines(self) -> list[list[Word]]:
        grouped: dict[int, list[Word]] = {}
        for word in self.words:
            grouped.setdefault(word.line, []).append(word)
        return [grouped[key] for key in sorted(grouped)]

    @property
    def text(self) -> str:
        return "\n".join(" ".join(w.text for w in line) for line in self.lines)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, data: str) -> PageText:
        raw = json.loads(data)
        words = tuple(Word(**w) for w in raw.pop("words"))
        return cls(words=words, **raw)


@dataclass(frozen=True)
class Detection:
    """The cheap step before reading: does the page carry lines of text at all?"""

    found: bool
    lines: int  # text-like lines seen
    boxes: tuple[tuple[int, int, int, int], ...] = field(default=(), repr=False)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
