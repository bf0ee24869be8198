"""Where each name got a token lately: a day, then forgotten; never more than `most` pairs."""

from __future__ import annotations

from hub.throttle import KnownAddresses


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_an_address_that_got_a_token_is_counted_apart_for_a_day() -> None:
    clock = Clock()
    known = KnownAddresses(keep=86_400, clock=clock)
    assert known.key("station:ST-A", "10.0.0.5") == "station:ST-A"
    assert known.remember("station:ST-A", "10.0.0.5") is True
    assert known.remember("station:ST-A", "10.0.0.5") is False  # known already
    assert known.key("station:ST-A", "10.0.0.5") == "station:ST-A@10.0.0.5"
    assert known.key("station:ST-A", "10.0.0.6") == "station:ST-A"  # a stranger
    assert known.key("station:ST-B", "10.0.0.5") == "station:ST-B"  # another name
    clock.now += 86_401
    assert known.key("station:ST-A", "10.0.0.5") == "station:ST-A"
    assert known.remember("station:ST-A", "10.0.0.5") is True  # new again after the day


def test_at_most_the_newest_pairs_are_kept() -> None:
    clock = Clock()
    known = KnownAddresses(most=3, clock=clock)
    for n in range(5):
        clock.now += 1
        known.remember("station:ST-A", f"10.0.0.{n}")
    kept = [n for n in range(5) if "@" in known.key("station:ST-A", f"10.0.0.{n}")]
    assert kept == [2, 3, 4]
