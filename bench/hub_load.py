"""A province's load on the hub: `sohoa-hub serve --workers 2` on PostgreSQL, driven from
loopback for a bounded time, then the province overview over a month of facts.

    .venv/bin/python bench/hub_load.py                      # 500 stations, 3 min, ×5
    .venv/bin/python bench/hub_load.py --quick              # 100 stations, 1 min, ×2
    .venv/bin/python bench/hub_load.py --stations 100 --duration 60 --compress 2 --month-events 0

The simulated province: every station sends a heartbeat each 60 s and its facts (new events
and the month's received dossiers) each 5 min and renews its token each hour; dossiers are
committed at 2,000 an hour across the stations, each two small unsigned PDFs sent by tus
(create + PATCH) and a manifest; supervisors reload the dashboard's province overview of the
last 30 days every 30 s. `--compress K` divides every interval by K (K times the rates of a
real province: a 3-minute run at ×5 is 15 simulated minutes at five times the traffic).
Stations hold tokens from the start (registered in bulk); the month of facts (about 2 million
events for 500 stations) is written with COPY and rolled up the way the hub's migration does.

Prints p50/p99 per route and the errors, the overview's time (through the dashboard under
load, where each hub process's first load of the period computes it; and after the load, in
the process, the page's figures computed afresh five times), the machine's load average,
which other programs share, and, measured before the load, the median token request for a
registered client id against an unknown one (the same scrypt work, so ids cannot be told
apart by timing). Targets: heartbeat p99 < 200 ms, manifest commit p99 < 1 s,
province overview < 1 s (p99 through the dashboard), no errors.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import hashlib
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import aiohttp  # noqa: E402
from fpdf import FPDF  # noqa: E402

from hub import accounts, clock, rollup  # noqa: E402
from hub.config import HubConfig  # noqa: E402
from hub.context import Hub  # noqa: E402
from hub.db import PostgresDatabase, open_database  # noqa: E402
from hub.principal import Principal, Role  # noqa: E402
from hub.secrets_hash import hash_secret, new_token, token_digest  # noqa: E402
from hub.web.drill import Drill, build_view  # noqa: E402
from station.stats.periods import Period, zone  # noqa: E402

UNITS = 170  # communes and the province level after the 2025 reform
TARGETS = {"heartbeat": 200.0, "manifest commit": 1000.0, "dashboard overview": 1000.0}


@dataclass(frozen=True)
class Plan:
    stations: int = 500
    duration: float = 180.0  # wall-clock seconds of load
    compress: float = 5.0
    dossiers_per_hour: float = 2000.0
    supervisors: int = 5
    month_events: int = 2_000_000
    workers: int = 2
    seed: int = 2026

    def every(self, seconds: float) -> float:
        return seconds / self.compress


@dataclass
class Outcome:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    samples: dict[str, str] = field(default_factory=dict)  # one error text per route

    def note(self, route: str, started: float, problem: str | None) -> None:
        self.latencies[route].append((time.perf_counter() - started) * 1000)
        if problem:
            self.errors[route] += 1
            self.samples.setdefault(route, problem)


# tests/hub/test_hub_load.py's bounded run
QUICK = Plan(stations=100, duration=60, compress=2, month_events=20_000)


def unit_code(number: int) -> str:
    return f"000.{number // 100:02d}.{number % 100:02d}.H{number % 90 + 10:02d}"


def station_id(number: int) -> str:
    return f"ST-{number:04d}"


# setting up ------------------------------------------------------------------------------------
@dataclass
class Seeded:
    tokens: dict[str, str]  # station id -> bearer token
    units: dict[str, str]  # station id -> unit code
    passwords: dict[str, str]  # supervisor -> password
    secret: str  # every station's client secret (one hash computed, for speed)


def seed(dsn: str, plan: Plan) -> Seeded:
    """Stations in units, tokens valid for a day, province supervisors."""
    db = open_database(dsn, Path("/nonexistent"))
    secret = "load-secret-" + "x" * 20
    hashed, now = hash_secret(secret), clock.now_text()
    ids = [station_id(n) for n in range(plan.stations)]
    units = {sid: unit_code(n % UNITS) for n, sid in enumerate(ids)}
    tokens = {sid: new_token() for sid in ids}
    expires = int(time.time()) + 86_400
    assert isinstance(db, PostgresDatabase)
    import psycopg

    with psycopg.connect(dsn) as connection, connection.cursor() as cursor:
        with cursor.copy(
            "COPY stations (client_id, name, secret_hash, created_at) FROM STDIN"
        ) as c:
            for sid in ids:
                c.write_row((sid, f"Một cửa {sid}", hashed, now))
        with cursor.copy(
            "COPY station_profiles (station_id, unit_code, unit_name) FROM STDIN"
        ) as c:
            for sid in ids:
                c.write_row((sid, units[sid], f"UBND xã {units[sid]}"))
        with cursor.copy("COPY tokens (token_hash, client_id, expires_at) FROM STDIN") as c:
            for sid in ids:
                c.write_row((token_digest(tokens[sid]), sid, expires))
    passwords = {
        f"tinh{n}": accounts.add_account(db, f"tinh{n}", Role.PROVINCE_SUPERVISOR)
        for n in range(plan.supervisors)
    }
    return Seeded(tokens, units, passwords, secret)


def month_of_facts(dsn: str, plan: Plan, today: date) -> tuple[int, float, float]:
    """About `plan.month_events` events over the 30 days before today, with their received
    dossiers; (events, seconds to COPY, seconds to roll up)."""
    if plan.month_events <= 0:
        return 0, 0.0, 0.0
    import psycopg

    rng = random.Random(plan.seed)
    per_station_day = plan.month_events / plan.stations / 30
    dossiers_per_day = max(1, round(per_station_day / 10.1))  # ~10 events a dossier
    started, events = time.perf_counter(), 0
    columns = (
        "station_id, store_id, event_id, kind, at, clerk_id, dossier_code, page_id, paper_size,"
        " pages, reason, first_page_at, stored_at"
    )
    received_columns = (
        "station_id, store_id, month, dossier_code, procedure_code, clerk_id, received_at,"
        " digitized, result_required, has_electronic_result"
    )
    with psycopg.connect(dsn) as connection, connection.cursor() as cursor:
        for number in range(plan.stations):
            rows, receipts = _station_month(rng, number, today, dossiers_per_day)
            with cursor.copy(f"COPY station_events ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            with cursor.copy(f"COPY received_dossiers ({received_columns}) FROM STDIN") as received:
                for row in receipts:
                    received.write_row(row)
            events += len(rows)
    with psycopg.connect(dsn, autocommit=True) as connection:
        # as autovacuum would have by then: statistics, and the visibility map index-only
        # scans rely on
        connection.execute("VACUUM ANALYZE station_events")
        connection.execute("VACUUM ANALYZE received_dossiers")
    copied = time.perf_counter() - started
    started = time.perf_counter()
    db = PostgresDatabase(dsn)
    with db.transaction(write=True) as session:
        rollup.rebuild(session)
    with psycopg.connect(dsn, autocommit=True) as connection:
        for table in rollup.ROLLUP_TABLES:
            connection.execute(f"VACUUM ANALYZE {table}")
    return events, copied, time.perf_counter() - started


def _station_month(
    rng: random.Random, number: int, today: date, dossiers_per_day: int
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    sid, store = station_id(number), f"store-{number}"
    clerks = [f"clerk-{number}-{c}" for c in range(rng.choice((1, 2, 2, 3)))]
    rows: list[tuple[Any, ...]] = []
    receipts: list[tuple[Any, ...]] = []
    event_id = 0
    code_unit = unit_code(number % UNITS)

    def add(kind: str, at: datetime, clerk: str, code: str, page: str = "", **more: Any) -> None:
        nonlocal event_id
        event_id += 1
        text = clock.to_text(at)
        rows.append(
            (sid, store, event_id, kind, text, clerk, code, page, more.get("paper", ""),
             more.get("pages", 0), more.get("reason", ""), more.get("first"), text)
        )  # fmt: skip

    for back in range(30, 0, -1):
        day = today - timedelta(days=back)
        opening = datetime(day.year, day.month, day.day, 1, 0, tzinfo=UTC)  # 08:00 in Hà Nội
        for n in range(rng.randint(dossiers_per_day - 3, dossiers_per_day + 3)):
            clerk = rng.choice(clerks)
            at = opening + timedelta(seconds=rng.randrange(8 * 3600))
            code = f"{code_unit}-{day:%y%m%d}-{number:03d}{n:02d}"
            add("dossier_opened", at, clerk, code)
            first, pages = at, rng.randint(3, 11)
            for p in range(pages):
                at += timedelta(seconds=rng.randint(5, 40))
                paper = rng.choice(("A4", "A4", "A4", "A3", ""))
                add("page_stored", at, clerk, code, f"{code}/{p}", paper=paper)
            if rng.random() < 0.05:
                add("page_deleted", at, clerk, code, f"{code}/0")
                add("page_restored", at + timedelta(seconds=3), clerk, code, f"{code}/0")
            at += timedelta(seconds=60)
            add("dossier_finished", at, clerk, code, pages=pages)
            confirmed = at + timedelta(seconds=rng.randint(20, 900))
            if rng.random() < 0.02:
                add("upload_failed", confirmed - timedelta(seconds=10), clerk, code, reason="busy")
            add("upload_confirmed", confirmed, clerk, code, first=clock.to_text(first))
            receipts.append(
                (sid, store, f"{day:%Y-%m}", code, "1.001193", clerk, clock.to_text(first),
                 1, int(rng.random() < 0.6), int(rng.random() < 0.5))
            )  # fmt: skip
    return rows, receipts


# the hub ---------------------------------------------------------------------------------------
@contextmanager
def served(dsn: str, data: Path, plan: Plan) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    pace = str(max(12, int(3 * plan.compress)))  # the compressed pace must pass the limits
    command = [
        sys.executable, "-m", "hub.cli", "serve", "--dsn", dsn, "--data", str(data),
        "--port", str(port), "--workers", str(plan.workers),
        "--heartbeats-per-minute", pace, "--metrics-per-minute", str(int(pace) * 5),
    ]  # fmt: skip
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
    }
    process = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("sohoa-hub serve did not start") from None
                time.sleep(0.2)
        time.sleep(1.0 + plan.workers)  # every worker accepting, not just the first
        yield f"http://127.0.0.1:{port}", process
    finally:
        process.terminate()
        process.wait(timeout=30)


def cpu_seconds(pid: int) -> float:
    """User and system time of a process and its children alive or reaped."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    pids += [int(c) for c in children]
    for each in pids:
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(v) for v in fields[11:15]) / ticks
    return total


# the load --------------------------------------------------------------------------------------
def small_pdf(text: str) -> bytes:
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_compression(False)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in range(40):
        pdf.cell(0, 6, f"{text} - dong {line} - " + "x" * 60, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


class Load:
    def __init__(self, url: str, plan: Plan, seeded: Seeded, http: aiohttp.ClientSession):
        self.url, self.plan, self.seeded, self.http = url, plan, seeded, http
        self.outcome = Outcome()
        self.rng = random.Random(plan.seed + 1)
        self.stop_at = 0.0
        self.sequence = 0
        self.events: dict[str, int] = defaultdict(int)
        self.committed: dict[str, list[dict[str, Any]]] = defaultdict(list)
        today = datetime.now(UTC).astimezone(zone()).date()
        self.overview = f"/?since={today - timedelta(days=29)}&until={today}"
        # made before the clock starts: building a PDF in the loop would stall every answer
        self.pdfs = [small_pdf(f"Mau {n}") for n in range(16)]

    def running(self) -> bool:
        return time.monotonic() < self.stop_at

    async def call(
        self, route: str, method: str, path: str, expect: int, **kwargs: Any
    ) -> aiohttp.ClientResponse | None:
        started = time.perf_counter()
        try:
            async with self.http.request(method, self.url + path, **kwargs) as response:
                body = await response.read()
                problem = None
                if response.status != expect:
                    problem = f"{response.status} {body[:200]!r}"
                self.outcome.note(route, started, problem)
                return response if problem is None else None
        except (aiohttp.ClientError, TimeoutError) as exc:
            self.outcome.note(route, started, f"{type(exc).__name__}: {exc}")
            return None

    def auth(self, station: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.seeded.tokens[station]}"}

    async def station(self, station: str) -> None:
        every_beat, every_facts = self.plan.every(60), self.plan.every(300)
        every_token = self.plan.every(3600)
        beat = time.monotonic() + self.rng.uniform(0, every_beat)
        facts = time.monotonic() + self.rng.uniform(0, every_facts)
        token = time.monotonic() + self.rng.uniform(0, every_token)
        while True:
            due = min(beat, facts, token)
            await asyncio.sleep(max(0.0, min(due, self.stop_at) - time.monotonic()))
            if not self.running():
                return
            if due == beat:
                beat += every_beat
                await self.heartbeat(station)
            elif due == facts:
                facts += every_facts
                await self.facts(station)
            else:
                token += every_token
                await self.renew_token(station)

    async def heartbeat(self, station: str) -> None:
        queue = {"queued": self.rng.randint(0, 3), "failed": 0}
        body = {"station_id": station, "version": "1.0", "queue": queue, "at": clock.now_text()}
        headers = self.auth(station)
        await self.call("heartbeat", "POST", "/api/v1/heartbeat", 204, json=body, headers=headers)

    async def facts(self, station: str) -> None:
        """What a station records in five minutes: a few pages and a dossier's events."""
        now = clock.now_text()
        events = []
        for kind in ("dossier_opened", "page_stored", "page_stored", "page_stored"):
            self.events[station] += 1
            events.append(
                {"id": self.events[station], "kind": kind, "at": now, "clerk_id": "lan",
                 "dossier_code": "", "paper_size": "A4" if kind == "page_stored" else ""}
            )  # fmt: skip
        rows = self.committed[station]
        month = clock.now_text()[:7]
        digest = hashlib.sha256(json.dumps(rows).encode()).hexdigest()
        facts = {
            "store_id": f"live-{station}",
            "after": self.events[station] - len(events),
            "events": events,
            "received": [{"month": month, "digest": digest, "rows": rows}] if rows else [],
            "queue": None,
        }
        body = {"station_id": station, "at": now, "facts": facts}
        await self.call(
            "metrics (facts)", "POST", "/api/v1/metrics", 200, json=body, headers=self.auth(station)
        )

    async def renew_token(self, station: str) -> None:
        form = {"grant_type": "client_credentials", "client_id": station}
        form["client_secret"] = self.seeded.secret
        # nginx forwards each station's own address; the hub trusts it from loopback
        number = int(station.split("-")[1])
        headers = {"X-Forwarded-For": f"10.{number // 250}.{number % 250}.7"}
        answer = await self.call(
            "oauth token", "POST", "/oauth/token", 200, data=form, headers=headers
        )
        if answer is not None:
            self.seeded.tokens[station] = (await answer.json())["access_token"]

    async def dossiers(self) -> None:
        rate = self.plan.dossiers_per_hour * self.plan.compress / 3600
        pending: set[asyncio.Task[None]] = set()
        while self.running():
            wait = self.rng.expovariate(rate)
            await asyncio.sleep(max(0.0, min(wait, self.stop_at - time.monotonic())))
            if not self.running():
                break
            task = asyncio.create_task(self.dossier())
            pending.add(task)
            task.add_done_callback(pending.discard)
        if pending:
            await asyncio.wait(pending)

    async def dossier(self) -> None:
        station = station_id(self.rng.randrange(self.plan.stations))
        self.sequence += 1
        today = datetime.now(UTC).astimezone(zone()).date()
        code = f"{self.seeded.units[station]}-{today:%y%m%d}-{self.sequence:04d}"
        components = []
        for part in (1, 2):
            data = self.rng.choice(self.pdfs)
            key = f"{code}-{part}"
            if not await self.upload(station, code, key, data):
                return
            components.append(
                {"component_code": f"TP{part}", "component_name": f"Thành phần {part}",
                 "file_name": f"{code}.{part}.pdf", "idempotency_key": key,
                 "sha256": hashlib.sha256(data).hexdigest(), "size": len(data), "pages": 1,
                 "kpi": {"digitized": True, "reused": False, "from_national_store": False}}
            )  # fmt: skip
        now = clock.now_text()
        manifest = {
            "manifest_id": f"M-{code}", "dossier_code": code, "procedure_code": "1.001193",
            "applicant_id_number": "001090000000", "station_id": station, "clerk_id": "lan",
            "received_at": now, "finished_at": now, "override_reason": None,
            "components": components,
        }  # fmt: skip
        done = await self.call(
            "manifest commit", "POST", "/api/v1/manifests", 200, json=manifest,
            headers=self.auth(station),
        )  # fmt: skip
        if done is not None:
            self.committed[station].append(
                {"code": code, "procedure_code": "1.001193", "clerk_id": "lan",
                 "received_at": now, "digitized": True, "result_required": False,
                 "has_electronic_result": False}
            )  # fmt: skip

    async def upload(self, station: str, code: str, key: str, data: bytes) -> bool:
        metadata = {
            "filename": f"{code}.{key[-1]}.pdf", "sha256": hashlib.sha256(data).hexdigest(),
            "idempotency_key": key, "dossier_code": code,
        }  # fmt: skip
        encoded = ",".join(
            f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in metadata.items()
        )
        headers = {**self.auth(station), "Tus-Resumable": "1.0.0"}
        created = await self.call(
            "tus create", "POST", "/files/", 201,
            headers={**headers, "Upload-Length": str(len(data)), "Upload-Metadata": encoded},
        )  # fmt: skip
        if created is None:
            return False
        location = created.headers["Location"]
        path = location[location.index("/files/") :]
        patch = {
            **headers, "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"
        }  # fmt: skip
        return (
            await self.call("tus patch", "PATCH", path, 204, data=data, headers=patch) is not None
        )

    async def supervisor(self, name: str) -> None:
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar) as browser:
            async with browser.get(self.url + "/login") as page:
                csrf = re.search(r'name="csrf" value="([^"]+)"', await page.text())
            assert csrf, "no CSRF field on the login page"
            form = {
                "csrf": csrf.group(1),
                "username": name,
                "password": self.seeded.passwords[name],
            }
            async with browser.post(
                self.url + "/login", data=form, headers={"Origin": self.url}, allow_redirects=False
            ) as answer:
                assert answer.status == 303, f"supervisor login: {answer.status}"
            await asyncio.sleep(min(self.rng.uniform(0, self.plan.every(30)), self.plan.duration))
            while self.running():
                started = time.perf_counter()
                problem = None
                try:
                    async with browser.get(self.url + self.overview) as page:
                        text = await page.text()
                        if page.status != 200 or "ST-" not in text:
                            problem = f"{page.status} {text[:200]!r}"
                except (aiohttp.ClientError, TimeoutError) as exc:
                    problem = f"{type(exc).__name__}: {exc}"
                self.outcome.note("dashboard overview", started, problem)
                await asyncio.sleep(
                    max(0.0, min(self.plan.every(30), self.stop_at - time.monotonic()))
                )

    async def run(self) -> Outcome:
        self.stop_at = time.monotonic() + self.plan.duration
        tasks = [self.station(station_id(n)) for n in range(self.plan.stations)]
        tasks += [self.supervisor(name) for name in self.seeded.passwords]
        tasks.append(self.dossiers())
        await asyncio.gather(*tasks)
        return self.outcome


async def drive(url: str, plan: Plan, seeded: Seeded) -> Outcome:
    timeout = aiohttp.ClientTimeout(total=60)
    # one pool of kept-alive connections, as nginx keeps to its upstream
    connector = aiohttp.TCPConnector(limit=64, keepalive_timeout=4)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as http:
        return await Load(url, plan, seeded, http).run()


# token timing ----------------------------------------------------------------------------------
TOKEN_KINDS = (
    "station: real id, right secret",
    "station: real id, wrong secret",
    "station: unknown id",
    "person: real name, wrong password",
    "person: unknown name",
)
# (what was guessed, what it is measured against): both should take as long
TOKEN_RATIOS = {"station ids": (2, 1), "person names": (4, 3)}
_SAME_NAME = 15  # token requests per username and hub worker, below the hub's 20 a minute


def _token_form(kind: int, n: int, plan: Plan, seeded: Seeded) -> tuple[dict[str, str], int]:
    """The form of the `n`th request of one kind, and the status it must get."""
    station, secret = station_id(n % plan.stations), seeded.secret
    name = f"tinh{n % plan.supervisors}"
    grant = {"grant_type": "client_credentials"}
    person = {"grant_type": "password"}
    return [
        ({**grant, "client_id": station, "client_secret": secret}, 200),
        ({**grant, "client_id": station, "client_secret": secret + "-wrong"}, 401),
        ({**grant, "client_id": f"ST-UNKNOWN-{n:04d}", "client_secret": secret + "-wrong"}, 401),
        ({**person, "username": name, "password": seeded.passwords[name] + "-wrong"}, 400),
        ({**person, "username": f"unknown-{n:04d}", "password": "wrong-" + name}, 400),
    ][kind]


def token_timing(url: str, plan: Plan, seeded: Seeded, rounds: int = 30) -> dict[str, float]:
    """Median milliseconds of a token request per kind, the kinds interleaved round by round.
    Each request has its own forwarded address and station ids differ, so that no limit is
    reached; a supervisor's name is used at most `_SAME_NAME` times."""
    import requests

    times: dict[str, list[float]] = {kind: [] for kind in TOKEN_KINDS}
    kinds = list(range(len(TOKEN_KINDS)))
    with requests.Session() as http:
        for n in range(rounds):
            if n == _SAME_NAME * plan.supervisors:
                kinds = kinds[:3]  # enough logins of each supervisor
            for turn in range(len(kinds)):
                kind = kinds[(n + turn) % len(kinds)]
                form, expected = _token_form(kind, n, plan, seeded)
                headers = {"X-Forwarded-For": f"10.250.{n}.{turn + 1}"}
                started = time.perf_counter()
                answer = http.post(url + "/oauth/token", data=form, headers=headers, timeout=30)
                times[TOKEN_KINDS[kind]].append((time.perf_counter() - started) * 1000)
                assert answer.status_code == expected, f"{TOKEN_KINDS[kind]}: {answer.status_code}"
    return {kind: statistics.median(values) for kind, values in times.items() if values}


# the report ------------------------------------------------------------------------------------
def nearest_rank(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, -(-int(fraction * 1000) * len(ordered) // 1000) - 1)]


def overview_seconds(dsn: str, data: Path, repeats: int = 5) -> tuple[float, float]:
    """Median and slowest of `repeats` province overviews (by unit, last 30 days, with the
    charts' points), each computed afresh: what the dashboard's first load of a period does."""
    hub = Hub(HubConfig(data, dsn=dsn, figures_cache_seconds=0), PostgresDatabase(dsn))
    today = datetime.now(UTC).astimezone(zone()).date()
    period = Period(today - timedelta(days=29), today, zone())
    province = Principal("tinh0", Role.PROVINCE_SUPERVISOR)
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        view = build_view(hub, province, Drill(), period)
        times.append(time.perf_counter() - started)
    assert view.report.total.pages.stored >= 0
    return statistics.median(times), max(times)


@dataclass
class Result:
    plan: Plan
    outcome: Outcome
    seconds: float
    load_before: str
    load_after: str
    hub_cpu: float
    month: tuple[int, float, float] = (0, 0.0, 0.0)
    overview: tuple[float, float] = (0.0, 0.0)
    tokens: dict[str, float] = field(default_factory=dict)  # median ms per TOKEN_KINDS

    def p(self, route: str, fraction: float) -> float:
        return nearest_rank(self.outcome.latencies[route], fraction)

    @property
    def errors(self) -> int:
        return sum(self.outcome.errors.values())


def run(dsn: str, data: Path, plan: Plan) -> Result:
    seeded = seed(dsn, plan)
    today = datetime.now(UTC).astimezone(zone()).date()
    month = month_of_facts(dsn, plan, today)
    with served(dsn, data, plan) as (url, process):
        tokens = token_timing(url, plan, seeded)
        load_before = Path("/proc/loadavg").read_text().strip()
        cpu_before, started = cpu_seconds(process.pid), time.monotonic()
        outcome = asyncio.run(drive(url, plan, seeded))
        seconds = time.monotonic() - started
        hub_cpu = cpu_seconds(process.pid) - cpu_before
        load_after = Path("/proc/loadavg").read_text().strip()
    result = Result(plan, outcome, seconds, load_before, load_after, hub_cpu, month)
    result.tokens = tokens
    result.overview = overview_seconds(dsn, data)
    return result


def report(result: Result) -> str:
    plan, outcome = result.plan, result.outcome
    lines = [
        f"hub_load: {plan.stations} stations, {plan.supervisors} supervisors,"
        f" {plan.dossiers_per_hour:g} dossiers/h, PostgreSQL, {plan.workers} hub workers,"
        f" {os.cpu_count()} CPUs",
        f"time compressed ×{plan.compress:g}: heartbeat every {plan.every(60):.1f} s, facts every"
        f" {plan.every(300):.1f} s, dossiers {plan.dossiers_per_hour * plan.compress:g}/h,"
        f" dashboard every {plan.every(30):.1f} s; {result.seconds:.0f} s of load ="
        f" {result.seconds * plan.compress / 60:.0f} simulated minutes",
        "",
        f"{'route':<20}{'requests':>9}{'per s':>8}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}"
        f"{'errors':>8}{'target p99':>12}",
    ]
    for route in sorted(outcome.latencies):
        values = outcome.latencies[route]
        target = TARGETS.get(route)
        lines.append(
            f"{route:<20}{len(values):>9}{len(values) / result.seconds:>8.1f}"
            f"{result.p(route, 0.5):>9.1f}{result.p(route, 0.99):>9.1f}{max(values):>9.1f}"
            f"{outcome.errors.get(route, 0):>8}"
            f"{f'< {target:g}' if target else '':>12}"
        )
    for route, sample in outcome.samples.items():
        lines.append(f"  first error of {route}: {sample}")
    events, copied, rolled = result.month
    median, slowest = result.overview
    lines += [
        "",
        f"month of facts: {events:,} events, COPY {copied:.1f} s, rollup build {rolled:.1f} s",
        f"province overview page (30 days, by unit, charts; afresh, in process): median"
        f" {median * 1000:.0f} ms, slowest {slowest * 1000:.0f} ms of 5 (target < 1000 ms)",
        "",
        f"{'token request, before the load':<38}{'median ms':>10}",
        *(f"  {kind:<36}{ms:>10.1f}" for kind, ms in result.tokens.items()),
        *(
            f"  {'unknown / real, ' + what:<36}{ratio:>10.2f}  (target ≈ 1: cannot be told apart)"
            for what, ratio in _token_ratios(result.tokens).items()
        ),
        "",
        f"hub CPU (all workers): {result.hub_cpu:.1f} s in {result.seconds:.0f} s",
        f"load average (1/5/15 min, runnable/all): before {result.load_before};"
        f" after {result.load_after}",
    ]
    return "\n".join(lines)


def _token_ratios(tokens: dict[str, float]) -> dict[str, float]:
    ratios = {}
    for what, (guessed, known) in TOKEN_RATIOS.items():
        if TOKEN_KINDS[guessed] in tokens and TOKEN_KINDS[known] in tokens:
            ratios[what] = tokens[TOKEN_KINDS[guessed]] / tokens[TOKEN_KINDS[known]]
    return ratios


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stations", type=int, default=Plan.stations)
    parser.add_argument("--duration", type=float, default=Plan.duration, help="seconds of load")
    parser.add_argument("--compress", type=float, default=Plan.compress, help="time ×K")
    parser.add_argument("--dossiers-per-hour", type=float, default=Plan.dossiers_per_hour)
    parser.add_argument("--supervisors", type=int, default=Plan.supervisors)
    parser.add_argument("--month-events", type=int, default=Plan.month_events)
    parser.add_argument("--workers", type=int, default=Plan.workers)
    parser.add_argument(
        "--quick", action="store_true", help="the test suite's run: 100 stations, 60 s, ×2"
    )
    args = parser.parse_args()
    plan = Plan(
        args.stations, args.duration, args.compress, args.dossiers_per_hour, args.supervisors,
        args.month_events, args.workers,
    )  # fmt: skip
    if args.quick:
        plan = QUICK
    from tests.hub.postgres import fresh_database, postgres_cluster

    with (
        tempfile.TemporaryDirectory(prefix="hub-load-") as base,
        postgres_cluster(Path(base)) as server,
    ):
        dsn = fresh_database(server, "hub_load")
        print(report(run(dsn, Path(base) / "data", plan)))


if __name__ == "__main__":
    main()
