"""Marks drawn onto test pages at physical sizes: page numbers, handwriting, stamps, hairs."""

from __future__ import annotations

import cv2
import numpy as np


def mm(value: float, dpi: int) -> int:
    return int(round(value / 25.4 * dpi))


def page_number(image: np.ndarray, dpi: int, text: str = "1") -> np.ndarray:
    """A small printed page number (about 8 pt) centred near the bottom edge."""
    out = image.copy()
    height, width = out.shape[:2]
    scale = dpi / 300
    cv2.putText(out, text, (width // 2, height - mm(12, dpi)), cv2.FONT_HERSHEY_SIMPLEX,
                scale, _colour(out, 40), max(1, mm(0.3, dpi)), cv2.LINE_AA)  # fmt: skip
    return out


def handwritten_line(image: np.ndarray, dpi: int) -> np.ndarray:
    out = image.copy()
    cv2.putText(out, "Da nhan du ho so", (mm(30, dpi), mm(150, dpi)),
                cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, dpi / 300 * 1.6, _colour(out, 160, 60, 30),
                max(1, mm(0.35, dpi)), cv2.LINE_AA)  # fmt: skip
    return out


def stamp_ring(image: np.ndarray, dpi: int, radius_mm: float = 8.0) -> np.ndarray:
    """A red seal's outer ring, as a small round stamp leaves it."""
    out = image.copy()
    centre = (mm(150, dpi), mm(200, dpi))
    cv2.circle(out, centre, mm(radius_mm, dpi), _colour(out, 50, 40, 200),
               max(1, mm(0.6, dpi)), cv2.LINE_AA)  # fmt: skip
    return out


def hair(image: np.ndarray, dpi: int, length_mm: float = 20.0) -> np.ndarray:
    """A thin curved hair, one pixel wide at the scan's resolution."""
    out = image.copy()
    points = [
        [mm(50 + k, dpi), mm(100, dpi) + int(mm(3, dpi) * np.sin(k / 4))]
        for k in range(int(length_mm))
    ]
    cv2.polylines(out, [np.array(points, np.int32)], False, _colour(out, 60), 1, cv2.LINE_AA)
    return out


def show_through(front: np.ndarray, strength: float, seed: int = 1) -> np.ndarray:
    """A blank back showing the front's print mirrored, blurred and faint."""
    paper = np.empty_like(front)
    paper[:] = (236, 244, 246) if front.ndim == 3 else 242
    ghost = cv2.GaussianBlur(cv2.flip(front, 1), (0, 0), 2.0).astype(np.float32)
    back = paper.astype(np.float32) * (1 - strength * (1 - ghost / 255.0))
    back += np.random.default_rng(seed).normal(0, 2, back.shape)
    return np.clip(back, 0, 255).astype(np.uint8)


def _colour(image: np.ndarray, blue: int, green: int | None = None, red: int | None = None):
    if image.ndim == 2:
        return int(blue if green is None else (blue + green + red) / 3)  # type: ignore[operator]
    return (blue, blue if green is None else green, blue if red is None else red)
