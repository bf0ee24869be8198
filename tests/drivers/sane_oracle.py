"""scanimage, libsane's own reference frontend, as the oracle for what a scan must contain."""

from __future__ import annotations

import subprocess

import cv2
import numpy as np


def scanimage(
    *args: str, device: str = "test:0", size_mm: float = 200.0, fmt: str = "png"
) -> np.ndarray:
    """Scan with scanimage and return the pixels as we store them (RGB, 0/255 lineart)."""
    command = [
        "scanimage", "-d", device, f"--format={fmt}",
        "-l", "0", "-t", "0", "-x", str(size_mm), "-y", str(size_mm), *args,
    ]  # fmt: skip
    png = subprocess.run(command, capture_output=True, check=True, timeout=60).stdout
    pixels = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_UNCHANGED)
    if pixels.dtype == bool or (pixels.ndim == 2 and pixels.max() == 1):
        pixels = pixels.astype(np.uint8) * 255
    if pixels.ndim == 3:
        pixels = cv2.cvtColor(pixels, cv2.COLOR_BGR2RGB)
    return pixels
