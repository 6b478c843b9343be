"""Counting a server's instructions per request under valgrind's callgrind, for the benchmarks' `--instructions`
modes: deterministic (PYTHONHASHSEED=0), so two trees compare on a busy machine too, but for SQLite's and the
collector's share, which timing moves; the "beyond SQLite, gc" column leaves that share out.

The server runs under `command(out)` with its instrumentation off; `instrument(pid, "on")` before the requests
counted and "off" after them; `totals(out, count)` reads the counts per request.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

START_SECONDS = 600.0  # serve under valgrind starts some thirty times slower
EVENTS = {
    "Ir": "instructions",
    "steady": "beyond SQLite, gc",
    "I1mr": "L1i misses",
    "D1mr": "L1d read misses",
    "L2": "L2 misses",
}
# Instructions of SQLite itself (a commit's pages, the checkpoint thread's copying: how many messages a commit
# carries and where a checkpoint falls depend on timing) and of the collector (where a collection falls): under
# load they moved a full request's count by up to ~9k between two runs of the same code (a README-only commit);
# the "steady" count leaves them out.
_UNSTEADY = re.compile(r"libsqlite3\.so|gcmodule\.c:|:\w+_traverse\b|:visit_\w+")
_COST = re.compile(r"\s*([\d,]+) ")
SETTINGS = {
    "BOT_TICK_SECONDS": "0",
    "PYTHONHASHSEED": "0",
}  # the tick's work would fall into the counts by chance


def command(out: Path) -> tuple[str, ...]:
    """valgrind's callgrind, its instrumentation off until `callgrind_control` turns it on, simulating this
    machine's caches with its per-core L2 as the last level (what one core keeps between requests)."""
    cache = Path("/sys/devices/system/cpu/cpu0/cache/index2")
    size = int((cache / "size").read_text().strip().rstrip("K")) * 1024
    ways = int((cache / "ways_of_associativity").read_text())
    line = int((cache / "coherency_line_size").read_text())
    return (
        "valgrind", "--tool=callgrind", "--instr-atstart=no", "--cache-sim=yes", f"--LL={size},{ways},{line}",
        f"--callgrind-out-file={out}", f"--log-file={out}.log",
    )  # fmt: skip


def instrument(pid: int, state: str) -> None:
    subprocess.run(["callgrind_control", f"--instr={state}", str(pid)], check=True, capture_output=True)


def totals(out: Path, count: int) -> dict[str, float]:
    """Per request (or answer): instructions, L1 misses and misses of the simulated L2 (reads and writes)."""
    events: list[str] = []
    counted_totals: list[int] = []
    for line in out.read_text().splitlines():
        if line.startswith("events:"):
            events = line.split()[1:]
        elif line.startswith("totals:"):
            counted_totals = [int(value) for value in line.split()[1:]]
    counted = dict(zip(events, counted_totals, strict=True))
    counted["L2"] = counted["ILmr"] + counted["DLmr"] + counted["DLmw"]
    counted["steady"] = counted["Ir"] - _unsteady(out)
    return {event: counted[event] / count for event in EVENTS}


def _unsteady(out: Path) -> int:
    """The instructions of SQLite's and the collector's own functions (callgrind_annotate's self costs)."""
    listing = subprocess.run(
        ["callgrind_annotate", "--inclusive=no", "--threshold=100", str(out)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return sum(
        int(cost.group(1).replace(",", ""))
        for line in listing.splitlines()
        if "PROGRAM TOTALS" not in line and _UNSTEADY.search(line) and (cost := _COST.match(line))
    )


def print_table(figures: dict[str, dict[str, float]], what: str) -> None:
    print(f"Per request under callgrind, {what}; simulated L2 as LL")
    width = max(12, *(len(name) + 2 for name in figures))
    print(f"{'':<{width}}" + "".join(f"{name:>16}" for name in EVENTS.values()))
    for name, counted in figures.items():
        print(f"{name:<{width}}" + "".join(f"{counted[event]:>16,.0f}" for event in EVENTS))
