"""Fidelity, size and cost of the page pipeline against OCRmyPDF, side by side, in one run.

    .venv/bin/python bench/fidelity.py [--pages N] [--virtual 4] [--no-ocrmypdf]
        [--only NAME ...] [--reference corrected|delivered]

Pages: the 29 real scans in tests/corpus (each file as the clerk would import it: dpi from the
file or inferred) and virtual-scanner A4 pages at 300 dpi (red seals, blue signatures, forms
filled in by hand in blue).

Reference: every reading is compared with Tesseract's reading of the page as the station
corrected it (`--reference corrected`, the default): the original after the standard profile's
crop, deskew and orientation, at the scan's resolution, before any encoding. So word agreement
measures what encoding loses, not what straightening a skewed page gains. `--reference
delivered` compares with the reading of the file as delivered (skewed pages included), as the
first version of this bench did. Every PDF is rendered at its page's dpi as told (the scan's),
so its pixels line up with the reference's; a page scanned below 200 dpi is read at 200 (its
reference resampled up bicubically, as the station does).

Methods:
  delivered  the page's own file (PNG for virtual pages), read as it is;
  standard   `sohoa process --profile standard` (MRC);
  jpeg       `sohoa process --profile jpeg`;
  ocrmypdf   `ocrmypdf -O3 --deskew --tesseract-timeout 0` when installed (no OCR layer, so
             only its image handling is measured), one job.
Per method: median and p90 KB/page, CPU seconds for all pages (this process for the station's
profiles, the children's rusage for OCRmyPDF), word agreement of Tesseract (lang vie) on the
rendered page against its reading of the reference (bag-of-words F1 and the
SequenceMatcher ratio of the word sequences), the five worst pages, the regions the fidelity
check found and replaced, and the lowest image resolution on any page (pdfimages -list).
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from drivers.importer import import_file  # noqa: E402
from station.pdf import write_pdf  # noqa: E402
from station.pipeline.jobs import run_page  # noqa: E402
from station.pipeline.process import process_page, working_image  # noqa: E402
from station.pipeline.profile import get_profile  # noqa: E402
from tests.station.pdf.support import METADATA  # noqa: E402

CORPUS = REPO / "tests" / "corpus"
PROFILES = ("standard", "jpeg")
# Pages scanned below this are read at it: Tesseract reads next to nothing of a 45 or 75 dpi
# rendering, whatever the encoding.
READ_DPI = 200
RESIZED: set[str] = set()  # pages OCRmyPDF only took at a resolution it was told
# installed with the bench extra into this environment, which need not be on PATH
OCRMYPDF = shutil.which("ocrmypdf", path=os.pathsep.join([str(Path(sys.executable).parent),
                                                          os.environ.get("PATH", "")]))  # fmt: skip


@dataclass
class Result:
    page: str
    kb: float
    f1: float
    order: float
    replaced: int | None
    min_ppi: float
    reference_words: int = 0


@dataclass
class Method:
    name: str
    cpu: float = 0.0
    results: list[Result] = field(default_factory=list)


def words(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text).lower()
    stripped = (w.strip(".,:;()[]{}\"'“”‘’-–—/|!?*") for w in text.split())
    return [w for w in stripped if any(ch.isalnum() for ch in w)]


def ocr(image_path: Path, dpi: int | None = None) -> list[str]:
    told = ["--dpi", str(dpi)] if dpi else []
    out = subprocess.run(
        ["tesseract", str(image_path), "-", "-l", "vie", *told], capture_output=True, text=True
    ).stdout
    return words(out)


def bag_f1(reference: list[str], read: list[str]) -> float:
    if not reference and not read:
        return 1.0
    common = sum((Counter(reference) & Counter(read)).values())
    if common == 0:
        return 0.0
    precision, recall = common / len(read), common / len(reference)
    return 2 * precision * recall / (precision + recall)


def order_ratio(reference: list[str], read: list[str]) -> float:
    if not reference and not read:
        return 1.0
    return SequenceMatcher(None, reference, read, autojunk=False).ratio()


def render_first_page(pdf: Path, dpi: int, out: Path) -> None:
    """Page 1 rendered at `dpi`: the resolution the method was told the scan has, so one pixel
    of the scan is one pixel of the rendering. A hair under dpi/72: at dpi/72 pdfium rounds the
    bitmap up by a pixel and resamples the whole page onto it (a 1-bit page drawn bit for bit
    came back in 256 greys and read 0.82 against the original's own reading)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        page = document[0]
        bitmap = page.render(scale=dpi / 72.0 * (1 - 1e-6), rev_byteorder=True)
        del page
        cv2.imwrite(str(out), cv2.cvtColor(bitmap.to_numpy()[:, :, :3], cv2.COLOR_RGB2BGR))
    finally:
        document.close()


def min_ppi(pdf: Path) -> float:
    listing = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True
    ).stdout.splitlines()[2:]
    values = [min(float(row.split()[12]), float(row.split()[13])) for row in listing if row]
    return min(values) if values else float("nan")


def station_pdf(source: Path, profile: str, out: Path) -> tuple[int | None, float]:
    """The file through the station's import and pipeline; (regions replaced, CPU seconds)."""
    started = time.process_time()
    pages, replaced = [], 0
    for imported in import_file(source):
        image = working_image(imported.pixels, rgb=imported.pixels.ndim == 3)
        outcome = run_page(image, imported.dpi, profile)
        if outcome.encoded is not None:
            pages.append(outcome.encoded)
            replaced += outcome.encoded.regions_replaced
        break  # first page only: every corpus file is one page
    buffer = io.BytesIO()
    write_pdf(pages, METADATA, buffer)
    out.write_bytes(buffer.getvalue())
    return replaced, time.process_time() - started


def ocrmypdf_pdf(source: Path, out: Path) -> tuple[float, int]:
    """OCRmyPDF's CPU seconds (children's user + system time) and the dpi it took the page at."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    command = [
        str(OCRMYPDF), "-O3", "--deskew", "--tesseract-timeout", "0", "--output-type", "pdf",
        "--jobs", "1", "--quiet",
    ]  # fmt: skip
    imported = next(iter(import_file(source)))
    told = imported.dpi
    if imported.dpi_source != "file":  # it refuses images without a resolution
        command += ["--image-dpi", str(imported.dpi)]
    done = subprocess.run([*command, str(source), str(out)], capture_output=True)
    if done.returncode != 0 and b"DpiError" in done.stderr:  # below what it calls credible
        told = max(imported.dpi, 200)
        command += ["--image-dpi", str(told)]
        done = subprocess.run([*command, str(source), str(out)], capture_output=True)
        RESIZED.add(source.name)  # a smaller page than the station's: not like for like
    if done.returncode != 0:
        out.unlink(missing_ok=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), told


def corrected_reference(source: Path, out: Path) -> int:
    """The original as the station straightened it (the standard profile's crop, deskew and
    orientation at the scan's resolution, nothing encoded), written to `out`; its dpi."""
    imported = next(iter(import_file(source)))
    image = working_image(imported.pixels, rgb=imported.pixels.ndim == 3)
    processed = process_page(image, imported.dpi, get_profile("standard"))
    cv2.imwrite(str(out), at_read_dpi(processed.image, imported.dpi))
    return max(imported.dpi, READ_DPI)


def at_read_dpi(image: np.ndarray, dpi: int) -> np.ndarray:
    """A page scanned below READ_DPI resampled up to it (bicubic, as the station does)."""
    if dpi >= READ_DPI:
        return image
    factor = READ_DPI / dpi
    size = (round(image.shape[1] * factor), round(image.shape[0] * factor))
    return cv2.resize(image, size, interpolation=cv2.INTER_CUBIC)


def read_delivered(source: Path, dpi: int, folder: Path) -> list[str]:
    """Tesseract's reading of the delivered file, at READ_DPI at least."""
    if dpi >= READ_DPI:
        return ocr(source, dpi)
    pixels = np.asarray(cv2.imread(str(source), cv2.IMREAD_UNCHANGED))
    path = folder / f"{source.stem}.delivered.png"
    cv2.imwrite(str(path), at_read_dpi(pixels, dpi))
    return ocr(path, READ_DPI)


def virtual_sources(count: int, folder: Path) -> list[Path]:
    from bench.pipeline import virtual_pages

    paths = []
    for index, image in enumerate(virtual_pages(count, 300) if count else [], start=1):
        path = folder / f"virtual-{index}.png"
        cv2.imwrite(str(path), image)
        # PNG written by OpenCV carries no dpi: say 300 as the scanner would
        from PIL import Image

        Image.open(path).save(path, dpi=(300, 300))
        paths.append(path)
    return paths


def run(sources: list[Path], with_ocrmypdf: bool, folder: Path, corrected: bool) -> list[Method]:
    methods = [Method("delivered"), *(Method(p) for p in PROFILES)]
    if with_ocrmypdf:
        methods.append(Method("ocrmypdf"))
    for source in sources:
        delivered_dpi = next(iter(import_file(source))).dpi
        as_delivered = read_delivered(source, delivered_dpi, folder)
        reference = as_delivered
        if corrected:
            straight = folder / f"{source.stem}.reference.png"
            reference = ocr(straight, corrected_reference(source, straight))
        kb = source.stat().st_size / 1024
        methods[0].results.append(
            Result(
                source.name,
                kb,
                bag_f1(reference, as_delivered),
                order_ratio(reference, as_delivered),
                None,
                float("nan"),
            )
        )
        for method in methods[1:]:
            pdf = folder / f"{source.stem}.{method.name}.pdf"
            replaced = None
            told = delivered_dpi
            if method.name == "ocrmypdf":
                seconds, told = ocrmypdf_pdf(source, pdf)
                method.cpu += seconds
                if not pdf.exists():
                    print(f"  ocrmypdf failed on {source.name}", file=sys.stderr)
                    method.results.append(
                        Result(source.name, *[float("nan")] * 3, None, *[float("nan")])
                    )
                    continue
            else:
                replaced, seconds = station_pdf(source, method.name, pdf)
                method.cpu += seconds
            png = folder / f"{source.stem}.{method.name}.png"
            render_first_page(pdf, max(told, READ_DPI), png)
            read = ocr(png, max(told, READ_DPI))
            method.results.append(
                Result(
                    source.name,
                    pdf.stat().st_size / 1024,
                    bag_f1(reference, read),
                    order_ratio(reference, read),
                    replaced,
                    min_ppi(pdf),
                    len(reference),
                )
            )
        print(f"  {source.name}: " + ", ".join(
            f"{m.name} {m.results[-1].kb:.0f} KB F1 {m.results[-1].f1:.3f}" for m in methods
        ), file=sys.stderr, flush=True)  # fmt: skip
    return methods


def p90(values: list[float]) -> float:
    return float(np.percentile(values, 90))


def report(methods: list[Method], label: str, corrected: bool) -> None:
    print(f"\n{label}: {len(methods[0].results)} pages")
    if corrected:
        print("word agreement against the reading of the original as the station corrected it"
              " (crop, deskew, orientation; nothing encoded)")  # fmt: skip
    else:
        print("word agreement against the reading of the file as delivered (skew included)")
    print(
        f"{'method':<10} {'KB med':>7} {'KB p90':>7} {'CPU s':>7} {'F1 med':>7} {'F1 mean':>8}"
        f" {'order':>6} {'replaced':>9} {'min ppi':>8} {'<200ppi':>8}"
    )
    for method in methods:
        results = [r for r in method.results if not np.isnan(r.kb)]
        kb = [r.kb for r in results]
        f1 = [r.f1 for r in results]
        order = [r.order for r in results]
        ppis = [r.min_ppi for r in results if not np.isnan(r.min_ppi)]
        replaced = [r.replaced for r in results if r.replaced is not None]
        print(
            f"{method.name:<10} {statistics.median(kb):>7.0f} {p90(kb):>7.0f}"
            f" {method.cpu:>7.1f} {statistics.median(f1):>7.3f} {statistics.mean(f1):>8.3f}"
            f" {statistics.mean(order):>6.3f}"
            f" {sum(replaced) if replaced else '-':>9} {min(ppis) if ppis else '-':>8}"
            f" {sum(p < 199.5 for p in ppis) if ppis else '-':>8}"
        )
    alike = [
        index
        for index, page in enumerate(methods[0].results)
        if page.page not in RESIZED and all(m.results[index].min_ppi >= 199.5 for m in methods[1:])
    ]
    if alike and len(alike) < len(methods[0].results):
        sizes = ", ".join(
            f"{m.name} {statistics.median(m.results[i].kb for i in alike):.0f}" for m in methods
        )
        print(f"  like for like ({len(alike)} pages every method keeps at >= 200 ppi and the same"
              f" size), median KB/page: {sizes}")  # fmt: skip
    for method in methods[1:]:
        worst = sorted((r for r in method.results if not np.isnan(r.f1)), key=lambda r: r.f1)[:5]
        listed = ", ".join(f"{r.page.split('__')[-1]} {r.f1:.2f}/{r.order:.2f}" for r in worst)
        print(f"  worst five {method.name} (F1/order): {listed}")


def targets(methods: list[Method], label: str) -> None:
    """The standard profile against OCRmyPDF, page by page, as the targets are set: word
    agreement within 0.02 of OCRmyPDF's on every page whose reference reads 50 words or more,
    median size at or below OCRmyPDF's, every image at 200 ppi or more."""
    by_name = {m.name: m for m in methods}
    standard, peer = by_name["standard"], by_name.get("ocrmypdf")
    print(f"\ntargets, {label}: standard profile" + (" against OCRmyPDF" if peer else ""))
    low = [r.page for r in standard.results if r.min_ppi < 199.5]
    print(f"  every image at >= 200 ppi: {'met' if not low else 'MISSED on ' + ', '.join(low)}")
    if peer is None:
        print("  word agreement and size against OCRmyPDF: not measured (OCRmyPDF not installed)")
        return
    pairs = [
        (ours, theirs)
        for ours, theirs in zip(standard.results, peer.results, strict=True)
        if not np.isnan(theirs.kb)
    ]
    wordy = [(o, t) for o, t in pairs if o.reference_words >= 50]
    behind = [(o, t) for o, t in wordy if o.f1 < t.f1 - 0.02]
    verdict = "met" if not behind else f"MISSED on {len(behind)}"
    print(f"  word agreement within 0.02 of OCRmyPDF, {len(wordy)} pages of >= 50 words: {verdict}")
    for ours, theirs in behind:
        print(f"    {ours.page.split('__')[-1]}: {ours.f1:.3f} against {theirs.f1:.3f}")
    mine = statistics.median(o.kb for o, _ in pairs)
    theirs_kb = statistics.median(t.kb for _, t in pairs)
    size = "met" if mine <= theirs_kb else "MISSED"
    print(f"  median KB/page {mine:.0f} against OCRmyPDF's {theirs_kb:.0f}: {size}")


def per_page(methods: list[Method]) -> None:
    print("\nper page: KB, F1, min ppi, regions replaced")
    for index, result in enumerate(methods[0].results):
        cells = [f"{result.page.split('__')[-1][:24]:<24} {result.kb:>6.0f}"]
        for method in methods[1:]:
            r = method.results[index]
            extra = f" r{r.replaced}" if r.replaced is not None else ""
            cells.append(f"{method.name[:4]} {r.kb:>5.0f} {r.f1:.2f} {r.min_ppi:>4.0f}{extra}")
        print(" | ".join(cells))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--virtual", type=int, default=4, help="virtual-scanner pages")
    parser.add_argument(
        "--pages", type=int, help="this many corpus pages, spread over the sorted list"
    )
    parser.add_argument(
        "--reference",
        choices=("corrected", "delivered"),
        default="corrected",
        help="what every reading is compared with (see above)",
    )
    parser.add_argument("--no-ocrmypdf", action="store_true")
    parser.add_argument("--only", nargs="*", help="corpus file names to run")
    args = parser.parse_args(argv)
    import cv2 as _cv2

    _cv2.setNumThreads(1)
    with_ocrmypdf = not args.no_ocrmypdf and OCRMYPDF is not None
    if not with_ocrmypdf:
        print("OCRmyPDF not installed (or --no-ocrmypdf): its column is left out")
    corpus = sorted(p for p in CORPUS.iterdir() if p.suffix in (".png", ".jpg", ".tif"))
    if args.only:
        corpus = [p for p in corpus if p.name in args.only]
    if args.pages is not None and 0 < args.pages < len(corpus):
        step = len(corpus) / args.pages
        corpus = [corpus[int(i * step)] for i in range(args.pages)]
    corrected = args.reference == "corrected"
    with tempfile.TemporaryDirectory(prefix="sohoa-fidelity-") as name:
        folder = Path(name)
        real = run(corpus, with_ocrmypdf, folder, corrected)
        if real[0].results:
            report(real, "corpus (real scans)", corrected)
            targets(real, "corpus")
        virtual = run(virtual_sources(args.virtual, folder), with_ocrmypdf, folder, corrected)
        if virtual[0].results:
            label = "virtual scanner (A4 300 dpi: red seals, blue signatures, handwriting)"
            report(virtual, label, corrected)
            targets(virtual, "virtual scanner")
        per_page(real)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
