"""What signing adds to finishing a dossier file, measured in one run.

    .venv/bin/python bench/signing.py [--runs 15]

For a 3-page and a 20-page component PDF (A4 200 dpi colour virtual-scanner pages, JPEG, as
`sohoa dossier finish --profile jpeg` writes them), prints the median milliseconds of:
  write     - encoding the pages and writing the unsigned PDF (the baseline, same process);
  pkcs12    - sign_pdf with a PKCS#12 key (RSA 2048), stamp included, file replaced atomically;
  softhsm2  - the same with the key on a SoftHSM2 token (PKCS#11), session opened once per shift;
  session   - opening the token session (login), paid once per shift, not per file.
Target: signing adds under 300 ms per dossier file.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from station.imaging.results import ColourClass  # noqa: E402
from station.pades.keys import Pkcs11Key, Pkcs12Key, open_session  # noqa: E402
from station.pades.sign import Stamp, sign_pdf  # noqa: E402
from station.pdf import EncodeOptions, Encoding, PdfMetadata, encode_page, write_pdf  # noqa: E402
from tests.station.pades.support import CLERK, PASSWORD, make_ca, pkcs12_file, softhsm_token  # noqa: E402
from tests.station.pipeline.pages import virtual_page  # noqa: E402

METADATA = PdfMetadata("000.00.14.H05-251122-0001", "1.001193", "TP1", "Trạm 1", CLERK,
                       datetime(2026, 11, 22, 9, 30, tzinfo=UTC))  # fmt: skip


def median_ms(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def measure(folder: Path, page, pages: int, sessions, runs: int) -> list:
    """[name, unsigned write ms, then the ms each session's signing adds]."""
    path = folder / f"component-{pages}.pdf"
    write = median_ms(lambda: write_pdf([page] * pages, METADATA, path), runs)
    unsigned = path.read_bytes()
    copy = median_ms(lambda: path.write_bytes(unsigned), runs)  # taken out of the signing time
    row = [f"{pages} pages, {len(unsigned) // 1024} KB", write]
    for session in sessions:
        stamp = Stamp(session.subject_name(), METADATA.scan_time)

        def sign_fresh(session=session, stamp=stamp) -> None:
            path.write_bytes(unsigned)
            sign_pdf(path, session, stamp)

        row.append(median_ms(sign_fresh, runs) - copy)
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    image = virtual_page(("seed", "7"), ("skew", "0"), paper="A4", dpi=200)
    page = encode_page(image, 200, ColourClass.COLOR, EncodeOptions(encoding=Encoding.JPEG))
    with tempfile.TemporaryDirectory(prefix="sohoa-bench-sign-") as scratch:
        folder = Path(scratch)
        ca = make_ca(folder / "ca")
        token = softhsm_token(folder / "hsm", ca.clerk)
        p12 = Pkcs12Key(pkcs12_file(folder, ca.clerk, ca), PASSWORD.encode())
        hsm = Pkcs11Key(token.module, token.label, token.pin)
        session_ms = median_ms(lambda: open_session(hsm).close(), max(3, args.runs // 3))
        with open_session(p12) as p12_session, open_session(hsm) as hsm_session:
            rows = [
                measure(folder, page, pages, (p12_session, hsm_session), args.runs)
                for pages in (3, 20)
            ]
    print(f"median of {args.runs} runs, ms; cores: {os.cpu_count()}")
    print(f"{'component file':<22} {'write':>8} {'pkcs12':>8} {'softhsm2':>9} {'added/write':>12}")
    for name, write, p12_ms, hsm_ms in rows:
        ratio = max(p12_ms, hsm_ms) / write
        print(f"{name:<22} {write:>8.1f} {p12_ms:>8.1f} {hsm_ms:>9.1f} {ratio:>11.2f}x")
    print(f"token session (login), once per shift: {session_ms:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
