"""The memory a process tree holds as the OS counts it: this process and every process it starts
(`sohoa process` runs a page in a spawned pool worker while the CLI process stays resident), read
from /proc while the tree runs. Used by tests/station/test_large_memory.py and bench/large.py.

Two figures: `together_mb`, the largest sum of the tree's resident sets seen at one moment
(sampled, so a spike shorter than the interval may be missed), and `peaks_mb`, the sum of each
process's own peak (VmHWM), an upper bound of the first that no sampling can miss by much."""

from __future__ import annotations

import os
import resource
import threading
from pathlib import Path
from types import TracebackType

INTERVAL_S = 0.01


def _status_kb(pid: int, *fields: str) -> tuple[int, ...] | None:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:  # gone meanwhile
        return None
    values = dict.fromkeys(fields, 0)
    for line in text.splitlines():
        name, _, rest = line.partition(":")
        if name in values:
            values[name] = int(rest.split()[0])
    return tuple(values[name] for name in fields)


def _descendants(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])  # after "(comm) state"
        parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        children = parents.get(todo.pop(), [])
        found.extend(children)
        todo.extend(children)
    return found


class TreeMemory:
    """Samples this process's tree from a thread while the `with` block runs."""

    def __init__(self, interval_s: float = INTERVAL_S) -> None:
        self._interval = interval_s
        self._root = os.getpid()
        self._together_kb = 0
        self._child_peaks_kb: dict[int, int] = {}  # last VmHWM seen of each child
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="tree-memory", daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            self._sample()

    def _sample(self) -> None:
        together = 0
        for pid in [self._root, *_descendants(self._root)]:
            figures = _status_kb(pid, "VmRSS", "VmHWM")
            if figures is None:
                continue
            rss, hwm = figures
            together += rss
            if pid != self._root:
                self._child_peaks_kb[pid] = max(hwm, self._child_peaks_kb.get(pid, 0))
        self._together_kb = max(self._together_kb, together)

    @property
    def own_peak_mb(self) -> float:
        figures = _status_kb(self._root, "VmHWM")
        return (figures[0] if figures else 0) / 1024

    @property
    def together_mb(self) -> float:
        return self._together_kb / 1024

    @property
    def peaks_mb(self) -> float:
        """This process's peak plus each child's: the largest child's peak is also what the
        kernel kept for it when it was reaped (RUSAGE_CHILDREN), should it have grown after
        the last sample."""
        seen = sorted(self._child_peaks_kb.values())
        largest = max(
            seen[-1] if seen else 0, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        )
        return self.own_peak_mb + (sum(seen[:-1]) + largest) / 1024

    def figures(self) -> dict[str, float]:
        return {
            "peak_mb": self.peaks_mb,
            "together_mb": self.together_mb,
            "own_mb": self.own_peak_mb,
        }
