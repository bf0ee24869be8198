"""Vietnamese OCR: word accuracy with diacritics, ms per A4 page, text-layer bytes, suggestions.

    .venv/bin/python bench/ocr.py [--forms 6] [--printed 4] [--dpis 300,200] [--papers 48]
                                  [--engines 3]

Two page sets with known text, per dpi:
- virtual-scanner forms (application forms and decisions; the scanner's scene gives the lines),
  scanned level, analysed with the standard profile, then read;
- printed-then-scanned pages (tests/station/ocr/forms.py): rendered Vietnamese lines, turned
  0.3-2°, blurred, with noise, saved as JPEG 50-85.
Word accuracy is 1 - (substitutions + deletions + insertions) / true words, the Levenshtein
distance over word sequences (words with diacritics, NFC; tests/station/ocr/forms.py), so extra
or garbage words cost; recall is the earlier measure, the share of true words found anywhere.
ms is the median wall time of station.ocr.read_page (detection included; Tesseract runs on one
core), cpu ms the CPU time that thread used (what a busy machine does not inflate); title cpu is
the same for station.ocr.read_title (the top of the page, read first for a suggestion); bytes
is the median growth of a one-page PDF when the page's text layer is added. Suggestions, from
the title read and from the whole read: on each virtual form with a known title, whether the
page gets its component; wrong suggestions with high confidence (must be 0) are counted on
those forms and on every decision page matched against every procedure. A photo-like page shows
the detection step's cost.

Papers (`--papers`): the virtual scanner's `content=papers` sheets (birth notices, card copies of
both cards, contracts, issued certificates, result notices, forms; drivers/virtual/papers.py) at
200 dpi, each matched against a procedure whose checklist names it (forms.PAPER_COMPONENTS):
right suggestions and wrong ones with high confidence, from the title read and the whole read.

Engines (`--engines`): the same virtual forms at 200 dpi, gray, recognised by tesserocr (this
process, `vie` loaded once) and by pytesseract (a `tesseract` process per page, OMP_THREAD_LIMIT
1): median wall ms and CPU ms per page (the child's CPU for pytesseract), and word accuracy.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from drivers.virtual.content import FORM_TITLES  # noqa: E402
from station.catalog import bundled_catalog_dir, load_catalog  # noqa: E402
from station.imaging.results import ColourClass  # noqa: E402
from station.ocr import read_page, read_title  # noqa: E402
from station.ocr.engine import recognise  # noqa: E402
from station.ocr.leaders import without_leaders  # noqa: E402
from station.pdf import EncodeOptions, PdfMetadata, encode_page, write_pdf  # noqa: E402
from station.pipeline.process import process_page  # noqa: E402
from station.pipeline.profile import get_profile  # noqa: E402
from station.suggest import fold, suggest  # noqa: E402
from tests.station.ocr.forms import (  # noqa: E402
    paper_case,
    printed_page,
    virtual_form,
    virtual_paper,
    word_accuracy,
    word_recall,
)
from tests.station.ocr.test_read import _photo  # noqa: E402

# Which procedure and component each of the virtual scanner's form titles belongs to.
TITLE_COMPONENT = {
    "TỜ KHAI ĐĂNG KÝ KHAI SINH": ("1.001193", "TP1"),
    "TỜ KHAI ĐĂNG KÝ KẾT HÔN": ("1.000894", "TP1"),
    "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ": ("1.004222", "TP1"),
    "ĐƠN ĐĂNG KÝ BIẾN ĐỘNG ĐẤT ĐAI, TÀI SẢN GẮN LIỀN VỚI ĐẤT": ("1.013831", "TP1"),
    "TỜ KHAI CẤP BẢN SAO TRÍCH LỤC HỘ TỊCH": ("2.000635", "TP1"),
}
METADATA = PdfMetadata("bench", "", "", "bench", "", __import__("datetime").datetime(2026, 1, 1))


def _title_of(lines: list[str]) -> str | None:
    words = " ".join(fold(" ".join(lines)))
    return next((t for t in FORM_TITLES if " ".join(fold(t)) in words), None)


def _layer_bytes(image: np.ndarray, dpi: int, text) -> int:
    colour = ColourClass.COLOR if image.ndim == 3 else ColourClass.GRAY
    page = encode_page(image, dpi, colour, EncodeOptions())
    sizes = []
    for candidate in (page, replace(page, text=text)):
        out = io.BytesIO()
        write_pdf([candidate], METADATA, out)
        sizes.append(len(out.getvalue()))
    return sizes[1] - sizes[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=int, default=6)
    parser.add_argument("--printed", type=int, default=4)
    parser.add_argument("--dpis", default="300,200")
    parser.add_argument("--papers", type=int, default=48)
    parser.add_argument("--engines", type=int, default=3)
    args = parser.parse_args()
    catalog = load_catalog([bundled_catalog_dir()])
    rows = []
    suggested = others = 0
    right = {"title": 0, "whole": 0}
    wrong_high = {"title": 0, "whole": 0}
    for dpi in (int(d) for d in args.dpis.split(",")):
        for kind in ("virtual form", "printed+scanned"):
            accuracy, recall, millis, cpu, title_cpu, extra = [], [], [], [], [], []
            for n in range(args.forms if kind == "virtual form" else args.printed):
                if kind == "virtual form":
                    pixels, lines = virtual_form(100 + n, dpi)
                    pixels = process_page(pixels, dpi, get_profile("standard")).image
                else:
                    rng = np.random.default_rng(n)
                    pixels, lines = printed_page(
                        rng, dpi, angle=float(rng.uniform(0.3, 2.0)) * rng.choice([-1, 1]),
                        blur=float(rng.uniform(0.5, 1.2)), noise=float(rng.uniform(4, 10)),
                        jpeg=int(rng.integers(50, 86)),
                    )  # fmt: skip
                started, used = time.perf_counter(), time.thread_time()
                text = read_page(pixels, dpi)
                millis.append((time.perf_counter() - started) * 1000)
                cpu.append((time.thread_time() - used) * 1000)
                used = time.thread_time()
                top = read_title(pixels, dpi)
                title_cpu.append((time.thread_time() - used) * 1000)
                accuracy.append(word_accuracy(lines, text.text))
                recall.append(word_recall(lines, text.text))
                extra.append(_layer_bytes(pixels, dpi, text))
                title = _title_of(lines)
                if kind == "virtual form" and title is None:  # a decision: no form's title
                    for procedure in catalog:
                        for read, found in (("title", top), ("whole", text)):
                            hit = suggest(procedure, found)
                            wrong_high[read] += hit is not None and hit.high
                        others += 1
                if kind == "virtual form" and title is not None:
                    code, component = TITLE_COMPONENT[title]
                    suggested += 1
                    for read, found in (("title", top), ("whole", text)):
                        hit = suggest(catalog.get(code), found)
                        right[read] += hit is not None and hit.component_code == component
                        wrong = hit is not None and hit.component_code != component
                        wrong_high[read] += wrong and hit is not None and hit.high
            measured = (accuracy, recall, millis, cpu, title_cpu, extra)
            medians = [statistics.median(v) for v in measured]
            rows.append((kind, dpi, len(accuracy), medians[0], min(accuracy), *medians[1:]))
    head = (
        "pages", "dpi", "n", "word acc", "worst", "recall", "ms/page", "cpu ms", "title cpu",
        "layer B",
    )  # fmt: skip
    print("{:<18}{:>5}{:>4}{:>10}{:>8}{:>8}{:>9}{:>8}{:>11}{:>9}".format(*head))
    for kind, dpi, n, acc, worst, found, ms, used, top_used, extra in rows:
        print(
            f"{kind:<18}{dpi:>5}{n:>4}{acc:>10.1%}{worst:>8.1%}{found:>8.1%}{ms:>9.0f}"
            f"{used:>8.0f}{top_used:>11.0f}{extra:>9.0f}"
        )
    photo = _photo(np.random.default_rng(2))
    started = time.perf_counter()
    found = read_page(photo, 150)
    spent = 1000 * (time.perf_counter() - started)
    print(f"photo, 150 dpi: read {bool(found.words)}, {spent:.0f} ms (detection only)")
    for read in ("title", "whole"):
        rate = right[read] / max(suggested, 1)
        print(
            f"suggestions from the {read} read: {right[read]}/{suggested} forms right "
            f"({rate:.0%}); wrong with high confidence: {wrong_high[read]} (forms, and "
            f"decisions against all {len(catalog)} procedures: {others})"
        )

    if args.papers:
        _papers(catalog, args.papers)
    if args.engines:
        _engines(args.engines)


def _papers(catalog, count: int) -> None:
    right = {"title": 0, "whole": 0}
    wrong_high = {"title": 0, "whole": 0}
    missed: list[str] = []
    for seed in range(count):
        title, code, component = paper_case(seed)
        pixels, _ = virtual_paper(seed, 200, skew=(-1.2, 0.0, 1.8)[seed % 3])
        upright = process_page(pixels, 200, get_profile("standard")).image
        for read, found in (
            ("title", read_title(upright, 200)),
            ("whole", read_page(upright, 200)),
        ):
            hit = suggest(catalog.get(code), found)
            ok = hit is not None and hit.component_code == component
            right[read] += ok
            wrong_high[read] += not ok and hit is not None and hit.high
            if not ok and read == "title":
                missed.append(f"{seed}:{title}->{hit.component_code if hit else None}")
    for read in ("title", "whole"):
        print(
            f"papers, suggestions from the {read} read: {right[read]}/{count} right "
            f"({right[read] / count:.0%}); wrong with high confidence: {wrong_high[read]}"
        )
    if missed:
        print("  missed (title read): " + ", ".join(missed))


def _engines(count: int) -> None:
    import resource

    import pytesseract

    pages = []
    for n in range(count):
        pixels, lines = virtual_form(100 + n, 200)
        gray = process_page(pixels, 200, get_profile("standard")).image
        gray = gray if gray.ndim == 2 else cv2.cvtColor(gray, cv2.COLOR_BGR2GRAY)
        pages.append((gray, lines))
    recognise(pages[0][0][:400], 200)  # load `vie` once, as a reading thread does
    results = {}
    for engine in ("tesserocr", "pytesseract"):
        wall, cpu, accuracy = [], [], []
        for gray, lines in pages:
            started = time.perf_counter()
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            used = time.thread_time()
            if engine == "tesserocr":
                text = " ".join(w.text for w in recognise(gray, 200))
                spent = time.thread_time() - used
            else:
                cleaned = without_leaders(gray, 200)
                text = pytesseract.image_to_string(cleaned, lang="vie", config="--psm 3 --dpi 200")
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                spent = (
                    (time.thread_time() - used)
                    + (after.ru_utime - before.ru_utime)
                    + (after.ru_stime - before.ru_stime)
                )
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append(spent * 1000)
            accuracy.append(word_accuracy(lines, text))
        results[engine] = (
            statistics.median(wall),
            statistics.median(cpu),
            statistics.median(accuracy),
        )
    print(f"engines, {count} virtual forms at 200 dpi, gray, one core:")
    for engine, (wall_ms, cpu_ms, acc) in results.items():
        print(f"  {engine:<12} {wall_ms:>7.0f} ms/page {cpu_ms:>7.0f} cpu ms  word acc {acc:.1%}")


if __name__ == "__main__":
    main()
