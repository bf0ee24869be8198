"""Page images for the grid and the preview: rendered on worker threads, cached in memory (LRU)
and on disk, handed to the GUI thread as QImages. A page shows its processed look: the
original with its transforms replayed."""

from __future__ import annotations

import contextlib
import hashlib
import json
import uuid
from collections import OrderedDict
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage, QPixmap

from app.analysis import processed_pixels, shrink
from station.model import Page
from station.pipeline.process import working_image
from station.store import Store
from ui.tasks import TaskRunner

THUMB_SIZE = (150, 200)  # width, height the grid reserves for a page
PREVIEW_LONGEST = 2200  # pixels on the preview's long side: sharp at 100 % on a 1080p screen
MEMORY_ITEMS = 1200


def thumb_key(page: Page) -> str:
    transforms = json.dumps([[t.kind, t.params] for t in page.transforms], sort_keys=True)
    digest = hashlib.sha1(transforms.encode(), usedforsecurity=False).hexdigest()[:12]
    return f"{page.original.sha256[:24]}-{digest}"


def to_qimage(pixels: np.ndarray) -> QImage:
    """8-bit gray or BGR (the pipeline's form) to a QImage that owns its pixels."""
    pixels = np.ascontiguousarray(pixels)
    height, width = pixels.shape[:2]
    if pixels.ndim == 2:
        image = QImage(
            pixels.data, width, height, pixels.strides[0], QImage.Format.Format_Grayscale8
        )
    else:
        image = QImage(pixels.data, width, height, pixels.strides[0], QImage.Format.Format_BGR888)
    return image.copy()


def thumbnail_from_scan(small: np.ndarray) -> QImage:
    """A fresh scan's thumbnail from the small copy its page event carries: no decode."""
    return to_qimage(working_image(shrink(small, *THUMB_SIZE), rgb=small.ndim == 3))


def render_preview(store: Store, page: Page) -> tuple[QImage, tuple[int, int]]:
    """The processed page reduced for the preview, and its full size in pixels."""
    pixels = processed_pixels(store, page)
    size = (pixels.shape[1], pixels.shape[0])
    return to_qimage(shrink(pixels, PREVIEW_LONGEST, PREVIEW_LONGEST)), size


class ThumbnailCache(QObject):
    """`get` answers at once from memory or returns None and renders in the background;
    `ready(page_id)` tells when a page's thumbnail arrived."""

    ready = Signal(str)

    def __init__(self, store: Store, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._tasks = tasks
        self._memory: OrderedDict[str, QPixmap] = OrderedDict()
        self._latest: dict[str, QPixmap] = {}  # page id -> its last thumbnail, shown meanwhile
        self._rendering: set[str] = set()
        self.renders_started = 0  # thumbnails the grid asked for that were not in memory
        self._folder = Path(store.layout.home) / "cache" / "thumbnails"

    def get(self, page: Page) -> QPixmap | None:
        """The thumbnail, or the page's previous one (before a turn…) while the new renders."""
        key = thumb_key(page)
        pixmap = self._memory.get(key)
        if pixmap is not None:
            self._memory.move_to_end(key)
            self._latest[page.id] = pixmap
            return pixmap
        if key not in self._rendering:
            self._rendering.add(key)
            self.renders_started += 1
            self._tasks.work(self._render, page, key).urgent().success(
                lambda image, page=page, key=key: self._rendered(page.id, key, image)
            ).failure(lambda _error, key=key: self._rendering.discard(key)).run()
        return self._latest.get(page.id)

    def put(self, page: Page, image: QImage) -> None:
        """A thumbnail made elsewhere (from a fresh scan, or by the analysis)."""
        key = thumb_key(page)
        self._remember(key, QPixmap.fromImage(image))
        self._latest[page.id] = self._memory[key]
        self._tasks.work(self._save, key, image).run()
        self.ready.emit(page.id)

    def forget_pages(self) -> None:
        """Another dossier: the previous pages' stand-ins are no longer needed."""
        self._latest.clear()

    def has(self, page: Page) -> bool:
        return thumb_key(page) in self._memory

    def _remember(self, key: str, pixmap: QPixmap) -> None:
        self._memory[key] = pixmap
        self._memory.move_to_end(key)
        while len(self._memory) > MEMORY_ITEMS:
            self._memory.popitem(last=False)

    def _rendered(self, page_id: str, key: str, image: QImage) -> None:
        self._rendering.discard(key)
        self._remember(key, QPixmap.fromImage(image))
        self._latest[page_id] = self._memory[key]
        self.ready.emit(page_id)

    # worker threads ----------------------------------------------------------------------
    def _render(self, page: Page, key: str) -> QImage:
        cached = QImage(str(self._folder / f"{key}.jpg"))
        if not cached.isNull():
            return cached
        image = to_qimage(shrink(processed_pixels(self._store, page), *THUMB_SIZE))
        self._save(key, image)
        return image

    def _save(self, key: str, image: QImage) -> None:
        """Best effort: a thumbnail that could not be cached is simply rendered again."""
        path = self._folder / f"{key}.jpg"
        temp = self._folder / f".{key}.{uuid.uuid4().hex[:8]}.jpg"
        with contextlib.suppress(OSError):
            self._folder.mkdir(parents=True, exist_ok=True)
            if not path.exists() and image.save(str(temp), "JPG", 85):
                temp.replace(path)
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
