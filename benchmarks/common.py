"""Timing helpers and the result table every benchmark module prints."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Measure:
    """One line of the benchmark table: our time against the floor, and the goal it is held to."""

    name: str
    ours_s: float
    floor_s: float | None
    goal_ratio: float | None = None
    goal_abs_s: float | None = None
    note: str = ""
    unit: str = "ms"  # "MiB": ours_s and floor_s hold peak memory in MiB instead of seconds

    @property
    def ratio(self) -> float | None:
        return None if not self.floor_s else self.ours_s / self.floor_s

    @property
    def met(self) -> bool:
        ok = True
        if self.goal_ratio is not None and self.ratio is not None:
            ok &= self.ratio <= self.goal_ratio
        if self.goal_abs_s is not None:
            ok &= self.ours_s < self.goal_abs_s
        return ok

    def goal_text(self) -> str:
        parts = []
        if self.goal_ratio is not None:
            parts.append(f"<= {self.goal_ratio:g}x")
        if self.goal_abs_s is not None:
            parts.append(f"< {self.goal_abs_s * 1000:g} ms")
        return " and ".join(parts) or "-"


def best_of(fn: Callable[[], object], repeat: int = 3) -> float:
    """The fastest of ``repeat`` runs in seconds (the least disturbed by the rest of the machine)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def best_of_each(fns: list[Callable[[], object]], repeat: int = 7, clock: Callable[[], float] = time.perf_counter) -> list[float]:
    """The fastest of ``repeat`` runs of each of ``fns`` in seconds, run in turn (ours, floor, ours, floor …) so that
    a burst of load on a shared machine falls on both alike rather than on whichever ran during it; ``clock``:
    ``time.process_time`` for the CPU time of this process instead of the wall time."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, taken in zip(fns, times):
            start = clock()
            fn()
            taken.append(clock() - start)
    return [min(taken) for taken in times]


def median_of(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _shown(value: float, unit: str) -> str:
    return f"{value:.0f} MiB" if unit == "MiB" else f"{value * 1000:.1f} ms"


def print_table(measures: list[Measure]) -> None:
    headers = ["measure", "ours", "floor", "ratio", "goal", "result", "note"]
    rows = [
        [
            m.name,
            _shown(m.ours_s, m.unit),
            "-" if m.floor_s is None else _shown(m.floor_s, m.unit),
            "-" if m.ratio is None else f"{m.ratio:.2f}x",
            m.goal_text(),
            "met" if m.met else "MISSED",
            m.note,
        ]
        for m in measures
    ]
    widths = [max(len(str(c)) for c in col) for col in zip(headers, *rows)]
    for line in [headers, ["-" * w for w in widths], *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(line, widths)).rstrip())
