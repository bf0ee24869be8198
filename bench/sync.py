"""Sync client speed over loopback, measured in one run.

    .venv/bin/python bench/sync.py [--quick] [--runs 3] [--file-mb 64] [--files 4] [--jobs 1000]

Prints:
  1. upload throughput in MB/s (median of runs) of the sync client — SyncWorker sending tus
     PATCHes through HubTarget to a real hub on 127.0.0.1 — against a plain `requests` PUT of
     the same files to a minimal http.server handler that writes them to disk, and the ratio;
  2. how long a queue of small jobs (20 KB files) takes to drain through the worker to the
     hub, in jobs per second;
  3. goodput on a flaky link: six dossiers of 18–104 MB sent through a loopback proxy that
     cuts every connection after a random 0–8 MB, beside the same proxy without faults
     (target: at least 60 % of it).

Both servers live in this process, as the hub does in the tests. The hub's side includes
what a hub must do and the plain server does not: a bearer-token check per request, an
fsync every 4 MB, and a sha256 of the whole file before it answers "complete".
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import requests  # noqa: E402
import uvicorn  # noqa: E402

from hub.app import create_app  # noqa: E402
from hub.config import HubConfig  # noqa: E402
from station.store import Store  # noqa: E402
from station.store.files import sha256_file  # noqa: E402
from sync.jobs import JobKind, JobState, NewJob  # noqa: E402
from sync.outbox import Outbox  # noqa: E402
from sync.settings import save_settings  # noqa: E402
from sync.worker import SyncWorker, WorkerOptions  # noqa: E402
from tests.helpers.hub import HubHandle  # noqa: E402
from tests.sync.client.faults import FaultProxy  # noqa: E402

MB = 1024 * 1024
CLIENT_ID = "ST-BENCH-01"
FLAKY_SIZES_MB = (18, 35, 52, 69, 86, 104)  # six dossiers, 364 MB in all
FLAKY_CUT = (0, 8 * MB)
OPTIONS = WorkerOptions(poll_seconds=0.05, heartbeat_seconds=3600, purge_seconds=3600)


class _PutHandler(BaseHTTPRequestHandler):
    """The least a receiver can do: read Content-Length bytes into a file, answer 201."""

    target: Path

    def do_PUT(self) -> None:  # (http.server's naming)
        left = int(self.headers["Content-Length"])
        with (self.target / Path(self.path).name).open("wb") as handle:
            while left:
                block = self.rfile.read(min(left, MB))
                if not block:
                    break
                handle.write(block)
                left -= len(block)
        self.send_response(201)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def start_hub(data_dir: Path) -> HubHandle:
    """`tests.helpers.hub.start_hub`, but its listener is made with IPPROTO_TCP: asyncio sets
    TCP_NODELAY only on sockets whose proto says TCP, and without it every JSON answer on a
    kept-alive connection waits ~40 ms for a delayed ACK (Nagle), which the hub as deployed
    (`uvicorn.run(host=, port=)`) does not."""
    config = HubConfig(data_dir=data_dir)
    app = create_app(config)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listener.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise SystemExit("the hub did not start")
        time.sleep(0.01)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    return HubHandle(url, config, app.state.hub, server, thread)


def plain_put_server(target: Path) -> ThreadingHTTPServer:
    handler = type("Handler", (_PutHandler,), {"target": target})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def new_station(home: Path, hub_url: str, secret: str) -> None:
    with Store.open(home) as store:
        secret_file = home / "client-secret"
        fd = os.open(secret_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.write(fd, secret.encode() + b"\n")
        os.close(fd)
        save_settings(store, url=hub_url, client_id=CLIENT_ID, secret_file=str(secret_file))


def write_files(folder: Path, count: int, size: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"file-{index:04d}.bin"
        with path.open("wb") as handle:
            left = size
            while left:
                handle.write(os.urandom(min(left, 4 * MB)))
                left -= min(left, 4 * MB)
        paths.append(path)
    return paths


def queue_files(home: Path, batch: str, paths: list[Path], per_file: bool = False) -> None:
    """File jobs in the station's outbox, as `enqueue_dossier` makes them (no manifest);
    `per_file`: each file a dossier of its own."""
    jobs = [
        NewJob(
            dossier_code=f"BENCH-{batch}-{path.stem}" if per_file else f"BENCH-{batch}",
            kind=JobKind.FILE,
            idempotency_key=f"{batch}-{path.name}",
            component_code="TP1",
            file_name=path.name,
            path=path.relative_to(home).as_posix(),
            size=path.stat().st_size,
            sha256=sha256_file(path),
        )
        for path in paths
    ]
    with Outbox.open(home) as outbox:
        outbox.add(jobs)


def drain(home: Path) -> float:
    """Seconds the worker needs to send every queued job; fails loudly on a parked one."""
    started = time.perf_counter()
    SyncWorker(home, options=OPTIONS).run(until_idle=True, timeout=600)
    elapsed = time.perf_counter() - started
    with Outbox.open(home) as outbox:
        counts = outbox.status().counts
    if counts[JobState.DONE] != sum(counts.values()):
        raise SystemExit(f"the queue did not drain: {counts}")
    return elapsed


def sync_upload_seconds(home: Path, run: int, paths: list[Path]) -> float:
    queue_files(home, f"tput{run}", paths)
    return drain(home)


def write_sized_files(folder: Path, sizes_mb: tuple[int, ...]) -> list[Path]:
    paths = []
    for index, size in enumerate(sizes_mb):
        (written,) = write_files(folder, 1, size * MB)
        paths.append(written.rename(folder / f"dossier-{index}.bin"))
    return paths


def proxied_goodput(home: Path, proxy: FaultProxy, batch: str, paths: list[Path]) -> float:
    """MB/s of the worker draining `paths` (one dossier each) through `proxy`."""
    with Store.open(home) as store:
        save_settings(store, url=proxy.url)
    queue_files(home, batch, paths, per_file=True)
    return sum(p.stat().st_size for p in paths) / MB / drain(home)


@dataclass(frozen=True)
class FlakyRows:
    clean: float  # MB/s through the proxy without faults
    flaky: float  # MB/s through the same proxy cutting every connection after FLAKY_CUT bytes
    cuts: int  # cuts per flaky run

    @property
    def ratio(self) -> float:
        return self.flaky / self.clean


def flaky_rows(hub: HubHandle, home: Path, sizes_mb: tuple[int, ...], runs: int) -> FlakyRows:
    """Medians of `runs` runs of one dossier per size through one proxy, without faults and
    with a cut every 0–8 MB, the two kinds taking turns (this machine's speed drifts)."""
    paths = write_sized_files(home / "finished" / "flaky", sizes_mb)
    proxy = FaultProxy(int(hub.url.rsplit(":", 1)[1]), seed=7)
    clean, flaky = [], []
    try:
        for run in range(runs):
            proxy.faults.cut_each_between = None
            clean.append(proxied_goodput(home, proxy, f"clean{run}", paths))
            proxy.faults.cut_each_between = FLAKY_CUT
            flaky.append(proxied_goodput(home, proxy, f"flaky{run}", paths))
        return FlakyRows(statistics.median(clean), statistics.median(flaky),
                         proxy.faults.cuts // runs)  # fmt: skip
    finally:
        proxy.close()
        with Store.open(home) as store:
            save_settings(store, url=hub.url)


def plain_put_seconds(url: str, paths: list[Path]) -> float:
    started = time.perf_counter()
    with requests.Session() as session:
        for path in paths:
            with path.open("rb") as body:
                session.put(f"{url}/{path.name}", data=body, timeout=60).raise_for_status()
    return time.perf_counter() - started


def flaky_table(rows: FlakyRows, sizes_mb: tuple[int, ...], runs: int) -> str:
    sizes = "/".join(map(str, sizes_mb))
    flaky_name = f"proxy, cut every 0–8 MB (~{rows.cuts} cuts)"
    return "\n".join(
        [
            f"through a loopback proxy, {len(sizes_mb)} dossiers of {sizes} MB,"
            f" {runs} runs (median)",
            f"{'link':<36} {'MB/s':>8} {'vs no faults':>13}",
            f"{'proxy, no faults':<36} {rows.clean:>8.1f} {1:>12.0%}",
            f"{flaky_name:<36} {rows.flaky:>8.1f} {rows.ratio:>12.0%}",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="Smaller files, fewer runs and jobs.")
    parser.add_argument("--runs", type=int, default=None)
    parser.add_argument("--files", type=int, default=None, help="Files per throughput run.")
    parser.add_argument("--file-mb", type=int, default=None)
    parser.add_argument("--jobs", type=int, default=None, help="Small jobs in the drain run.")
    args = parser.parse_args(argv)
    runs = args.runs or (2 if args.quick else 3)
    count = args.files or (2 if args.quick else 4)
    size = (args.file_mb or (16 if args.quick else 64)) * MB
    small_jobs = args.jobs or (200 if args.quick else 1000)

    with tempfile.TemporaryDirectory(prefix="sohoa-bench-sync-") as scratch:
        root = Path(scratch)
        hub = start_hub(root / "hub")
        plain = plain_put_server(root / "plain")
        (root / "plain").mkdir()
        try:
            home = root / "station"
            new_station(home, hub.url, hub.add_station(CLIENT_ID))
            paths = write_files(home / "outbox" / "big", count, size)
            total_mb = count * size / MB
            plain_url = f"http://127.0.0.1:{plain.server_address[1]}"
            ours, theirs = [], []
            for run in range(runs):
                ours.append(total_mb / sync_upload_seconds(home, run, paths))
                theirs.append(total_mb / plain_put_seconds(plain_url, paths))
            small = write_files(home / "outbox" / "small", small_jobs, 20 * 1024)
            queue_files(home, "drain", small)
            drain_seconds = drain(home)
            sizes = tuple(max(1, m // 4) for m in FLAKY_SIZES_MB) if args.quick else FLAKY_SIZES_MB
            flaky = flaky_rows(hub, home, sizes, runs)
        finally:
            plain.shutdown()
            hub.stop()

    sync_rate, plain_rate = statistics.median(ours), statistics.median(theirs)
    print(f"loopback, {count} x {size // MB} MB per run, {runs} runs (median)")
    rows = [
        ("sync client (SyncWorker, tus → hub)", sync_rate),
        ("plain requests PUT → http.server", plain_rate),
    ]
    print(f"{'path':<36} {'MB/s':>8} {'vs plain PUT':>13}")
    for name, rate in rows:
        print(f"{name:<36} {rate:>8.1f} {rate / plain_rate:>12.2f}x")
    print(
        f"queue drain: {small_jobs} jobs x 20 KB in {drain_seconds:.1f} s"
        f" = {small_jobs / drain_seconds:.1f} jobs/s"
    )
    print(flaky_table(flaky, sizes, runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
