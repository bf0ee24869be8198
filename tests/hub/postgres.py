"""A throwaway PostgreSQL cluster for the hub's --dsn path, when the machine has one.

Skips (rather than fails) without `initdb`/`pg_ctl` or the psycopg driver.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _tool(name: str) -> str | None:
    found = shutil.which(name) or sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if isinstance(found, list):
        return found[-1] if found else None
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def postgres_cluster(base: Path) -> Iterator[str]:
    """Yields the DSN of a superuser `hub` on a fresh cluster under `base`."""
    # Missing parts fail rather than skip: `scripts/setup.sh test` installs them, and a skipped
    # PostgreSQL run would hide a broken multi-process hub.
    import psycopg  # noqa: F401 - the hub's PostgreSQL driver (the test extra)

    initdb, pg_ctl = _tool("initdb"), _tool("pg_ctl")
    assert initdb and pg_ctl, "PostgreSQL server binaries are missing: apt install postgresql"
    prefix: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        try:
            account = pwd.getpwnam("postgres")
        except KeyError:
            pytest.fail("running as root without a postgres account (apt install postgresql)")
        prefix = ["runuser", "-u", "postgres", "--"]
        os.chown(base, account.pw_uid, account.pw_gid)
    data, port = base / "pg", _free_port()
    run = {"check": True, "capture_output": True}
    subprocess.run([*prefix, initdb, "-D", str(data), "-A", "trust", "-U", "hub"], **run)
    options = f"-k {base} -h 127.0.0.1 -p {port} -F"
    start = [*prefix, pg_ctl, "-D", str(data), "-o", options, "-l", str(base / "log"), "-w"]
    subprocess.run([*start, "start"], **run)
    try:
        yield f"postgresql://hub@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*prefix, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], **run)


def fresh_database(server_dsn: str, name: str) -> str:
    import psycopg

    with psycopg.connect(server_dsn, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return server_dsn.rsplit("/", 1)[0] + f"/{name}"
