"""One hub with a known province per test module: the dashboard's tests only read it, apart
from their own logins."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.helpers.hub import running_hub
from tests.hub.web.province import Province, set_up

# Every test logs in from 127.0.0.1: the per-address token throttle is not what they test.
GENEROUS = {"token_requests_per_address": 10_000, "token_requests_per_client": 10_000}


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory, signing_ca) -> Iterator[Province]:
    with running_hub(tmp_path_factory.mktemp("hub") / "hub", **GENEROUS) as hub:
        yield set_up(hub, signing_ca)
