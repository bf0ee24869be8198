"""Code reading: decode rate and ms per page over generated scans.

    .venv/bin/python bench/codes.py [--pages 50] [--dpis 150,200,300,600] [--jobs 2]

For each format and dpi, `--pages` A4 pages carry one code at a random angle, in colour, gray
or lineart, with JPEG 50-90, blur and noise (tests/station/codes/synth.py, seeded). Prints the
rate of pages read right, the count of wrong texts (must be 0) and the median ms per page (one
core per worker).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from station.codes import read_codes  # noqa: E402
from tests.station.codes.synth import make_page, random_spec  # noqa: E402

SAMPLES = {
    "QRCode": "001090000000||NGUYỄN VĂN A|01011990|Nam|Xã Tân Phú, Tỉnh Đồng Nai|15042021",
    "DataMatrix": "Giấy khai sinh — bản sao trích lục",
    "Aztec": "Hồ sơ đăng ký thường trú",
    "PDF417": "Tờ khai đăng ký thường trú",
    "Code128": "000.00.14.H05-250601-0042",
    "Code39": "SOHOA-SEP",
}


def one_page(format_name: str, dpi: int, seed: int) -> tuple[bool, int, float]:
    """(read right, wrong texts, ms) for one generated page."""
    spec = random_spec(SAMPLES[format_name], format_name, seed, dpis=(dpi,))
    page = make_page(spec)
    start = time.perf_counter()
    texts = [code.text for code in read_codes(page)]
    ms = (time.perf_counter() - start) * 1000
    return spec.text in texts, sum(t != spec.text for t in texts), ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--dpis", default="150,200,300,600")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    dpis = [int(d) for d in args.dpis.split(",")]
    cells = [(f, d, 1000 * d + s) for f in SAMPLES for d in dpis for s in range(args.pages)]
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(one_page, *zip(*cells, strict=True), chunksize=4))
    print(f"{'format':<12}{'dpi':>5}{'pages':>7}{'read':>8}{'wrong':>7}{'ms/page':>9}")
    total_read = total = 0
    for format_name in SAMPLES:
        for dpi in dpis:
            rows = [r for c, r in zip(cells, results, strict=True) if c[:2] == (format_name, dpi)]
            read = sum(r[0] for r in rows)
            wrong = sum(r[1] for r in rows)
            ms = statistics.median(r[2] for r in rows)
            total_read, total = total_read + read, total + len(rows)
            rate = read / len(rows)
            print(f"{format_name:<12}{dpi:>5}{len(rows):>7}{rate:>8.1%}{wrong:>7}{ms:>9.0f}")
    print(f"{'all':<12}{'':>5}{total:>7}{total_read / total:>8.1%}")


if __name__ == "__main__":
    main()
