"""``make bench``: run every ``benchmarks/bench_*.py`` module's ``measures()`` and print one table."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

from benchmarks.common import print_table


def main(selected: list[str]) -> int:
    here = Path(__file__).parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    measures = []
    for name in names:
        if selected and not any(s in name for s in selected):
            continue
        print(f"running {name} …", file=sys.stderr, flush=True)
        measures += importlib.import_module(f"benchmarks.{name}").measures()
    print_table(measures)
    missed = [m for m in measures if not m.met]
    if missed:
        print(f"\n{len(missed)} goal(s) missed: " + ", ".join(m.name for m in missed))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
