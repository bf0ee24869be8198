"""Code reading: decode rate, wrong texts and ms per page over generated scans.

    .venv/bin/python bench/codes.py [--pages 40] [--dpis 150,200,300] [--jobs 2] [--more]

Pages: for QR, Code 128 and Data Matrix with Vietnamese text, `--pages` A4 pages per dpi carry
one code at a random angle, in colour, gray or lineart, with JPEG 50-90, blur and noise
(tests/station/codes/synth.py, seeded); then virtual-scanner ID cards (a QR of the holder's
fields) lying anywhere on the bed at any angle up to 45 degrees, in colour, gray or lineart,
JPEG 50-90. `--more` adds Aztec, PDF417 and Code 39. Last, QR, Code 128 and Data Matrix again
with every page in lineart at 150 dpi (the hardest case: scanner blur closes narrow spaces
before the threshold); the "all" line counts every page above it. Columns: the station's reader
(station.codes.read_codes) against plain zxing-cpp on the same page (the baseline, same
process), codes read wrong (must be 0), median ms per page of each, and the median ms of the
scan loop's separator check (station.codes.sheet_check) with any false separator counted.
A last table sets the separator check against storing the same virtual A4 scans (the scan
loop's own work per page), in this process.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

import numpy as np
import zxingcpp

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from drivers.contract import CancelToken, ColorMode, ScanSettings, Source  # noqa: E402
from drivers.virtual import VirtualDriver  # noqa: E402
from station.capture import PageOrigin, draft_dossier, store_pixels  # noqa: E402
from station.codes import read_codes  # noqa: E402
from station.codes.sheet_check import separator_sign  # noqa: E402
from station.paper import parse_paper  # noqa: E402
from station.store import Store  # noqa: E402
from tests.station.codes.synth import make_page, random_spec, scanned_card  # noqa: E402

SAMPLES = {
    "QRCode": "001090000000||NGUYỄN VĂN A|01011990|Nam|Xã Tân Phú, Tỉnh Đồng Nai|15042021",
    "Code128": "000.00.14.H05-250601-0042",
    "DataMatrix": "Giấy khai sinh — bản sao trích lục",
}
MORE = {
    "Aztec": "Hồ sơ đăng ký thường trú",
    "PDF417": "Tờ khai đăng ký thường trú",
    "Code39": "SOHOA-SEP",
}
CARD = "CCCD card"
LINEART = " lineart"  # a format's pages all in lineart, at LINEART_DPI
LINEART_DPI = 150  # the lowest dpi read, where lineart loses most
CARD_DPIS = (300, 600)  # the card profile scans small originals finely


def one_page(kind: str, dpi: int, seed: int) -> tuple[bool, int, bool, float, float, float, int]:
    """(read right, wrong texts, baseline read right, ms, baseline ms, check ms, false
    separators) for one generated page; a kind ending in LINEART is that format in lineart."""
    if kind == CARD:
        page, text = scanned_card(dpi, seed)
    else:
        page, text = _printed(kind.removesuffix(LINEART), dpi, seed, kind.endswith(LINEART))
    start = time.perf_counter()
    texts = [code.text for code in read_codes(page)]
    ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    baseline = [b.text for b in zxingcpp.read_barcodes(page) if b.valid]
    base_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    sign = separator_sign(page, dpi)
    check_ms = (time.perf_counter() - start) * 1000
    wrong = sum(t != text for t in texts)
    return text in texts, wrong, text in baseline, ms, base_ms, check_ms, int(sign is not None)


def _printed(format_name: str, dpi: int, seed: int, lineart: bool) -> tuple[np.ndarray, str]:
    text = {**SAMPLES, **MORE}[format_name]
    spec = random_spec(text, format_name, seed, dpis=(dpi,))
    return make_page(replace(spec, mode="lineart") if lineart else spec), text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--dpis", default="150,200,300")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--more", action="store_true", help="Also Aztec, PDF417, Code 39.")
    args = parser.parse_args()
    dpis = [int(d) for d in args.dpis.split(",")]
    kinds = list(SAMPLES) + (list(MORE) if args.more else [])
    cells = [(k, d, 1000 * d + s) for k in kinds for d in dpis for s in range(args.pages)]
    cells += [(CARD, d, 1000 * d + s) for d in CARD_DPIS for s in range(args.pages)]
    forced = [k + LINEART for k in SAMPLES]
    cells += [(k, LINEART_DPI, 1000 * LINEART_DPI + s) for k in forced for s in range(args.pages)]
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(one_page, *zip(*cells, strict=True), chunksize=2))
    head = ("kind", "dpi", "pages", "read", "zxing", "wrong", "ms", "zx ms", "check ms", "false")
    print("{:<19}{:>5}{:>7}{:>8}{:>8}{:>7}{:>7}{:>7}{:>10}{:>11}".format(*head))
    rows_all = []
    for kind in [*kinds, CARD]:
        for dpi in CARD_DPIS if kind == CARD else dpis:
            rows = [r for c, r in zip(cells, results, strict=True) if c[:2] == (kind, dpi)]
            rows_all += rows
            print(_line(kind, str(dpi), rows))
    for kind in forced:  # the set above has lineart in a third of its pages
        rows = [r for c, r in zip(cells, results, strict=True) if c[0] == kind]
        rows_all += rows
        print(_line(kind.strip(), str(LINEART_DPI), rows))
    print(_line("all", "", rows_all))
    print()
    _scan_loop()


def _scan_loop(pages: int = 6) -> None:
    """Median ms per virtual A4 page: the separator check against storing the page."""
    print(f"{'A4 page':<14}{'store ms':>10}{'check ms':>10}{'ratio':>8}")
    for dpi, mode in ((200, ColorMode.GRAY), (300, ColorMode.COLOR)):
        settings = ScanSettings(paper=parse_paper("A4"), dpi=dpi, mode=mode, count=pages,
                                source=Source.ADF, options=(("sheets", str(pages)),))  # fmt: skip
        store_ms, check_ms = [], []
        with tempfile.TemporaryDirectory() as home, Store.open(Path(home)) as store:
            code = draft_dossier(store).code
            for page in VirtualDriver().scan("virtual", settings, CancelToken()):
                start = time.perf_counter()
                separator_sign(page.pixels, dpi)
                check_ms.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                store_pixels(store, code, page.pixels, dpi, PageOrigin("virtual", "A4", None))
                store_ms.append((time.perf_counter() - start) * 1000)
        stored, checked = statistics.median(store_ms), statistics.median(check_ms)
        label = f"{dpi} dpi {mode.value}"
        print(f"{label:<14}{stored:>10.0f}{checked:>10.1f}{checked / stored:>8.1%}")


def _line(kind: str, dpi: str, rows: list[tuple[bool, int, bool, float, float, float, int]]) -> str:
    read = sum(r[0] for r in rows) / len(rows)
    base = sum(r[2] for r in rows) / len(rows)
    wrong, false = sum(r[1] for r in rows), sum(r[6] for r in rows)
    ms, base_ms, check = (statistics.median(r[i] for r in rows) for i in (3, 4, 5))
    return (
        f"{kind:<19}{dpi:>5}{len(rows):>7}{read:>8.1%}{base:>8.1%}{wrong:>7}{ms:>7.0f}"
        f"{base_ms:>7.0f}{check:>10.1f}{false:>11}"
    )


if __name__ == "__main__":
    main()
