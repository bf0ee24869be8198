"""Deterministic page images for store tests: real PGM files of a chosen size."""

from __future__ import annotations

import random


def pgm_page(seed: int, min_bytes: int = 20_000, max_bytes: int = 400_000) -> bytes:
    rng = random.Random(seed)
    width = 1000
    height = max(1, rng.randint(min_bytes, max_bytes) // width)
    header = f"P5\n{width} {height}\n255\n".encode()
    return header + rng.randbytes(width * height)
