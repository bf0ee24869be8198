"""Vietnamese text on pages: a cheap detection step, then Tesseract (`vie`) for words with
their boxes and confidences, in NFC. Pure: pixels in, words out; `records` keeps them with
the page and `jobs` runs a page in a worker."""

from station.ocr.engine import read_page, read_title, tessdata_dir
from station.ocr.model import Detection, PageText, Word

__all__ = ["Detection", "PageText", "Word", "read_page", "read_title", "tessdata_dir"]
