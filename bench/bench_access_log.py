"""What one access line costs (BOT_ACCESS_LOG): the bot's own, in both formats, beside aiohttp's default access
logger writing through `logging` to the same kind of stream. Prints µs per line; target < 20 µs.

Each figure is the fastest of several repetitions (the least disturbed by the rest of a shared machine);
the lines go to /dev/null, line-buffered as stderr is.

    .venv/bin/python bench/bench_access_log.py
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aiohttp import web  # noqa: E402
from aiohttp.test_utils import make_mocked_request  # noqa: E402
from aiohttp.web_log import AccessLogger as AiohttpAccessLogger  # noqa: E402

from bot.logs import access_logger  # noqa: E402

LINES = 20_000
REPEATS = 7
TARGET_US = 20.0
QUERY = "msg_signature=5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3&timestamp=1409659589&nonce=263014780"


def per_line(log: web.AbstractAccessLogger) -> float:
    """µs per line, the fastest repetition."""
    request = make_mocked_request("POST", f"/wecom/bot?{QUERY}", headers={"Host": "127.0.0.1:8080"})
    response = web.Response(text="{}")
    best = float("inf")
    for _ in range(REPEATS):
        started = time.perf_counter()
        for _ in range(LINES):
            log.log(request, response, 0.0012)
        best = min(best, time.perf_counter() - started)
    return best / LINES * 1e6


def main() -> None:
    sink = open(os.devnull, "w", buffering=1, encoding="utf-8")
    baseline_logger = logging.getLogger("bench.aiohttp.access")
    handler = logging.StreamHandler(sink)
    baseline_logger.handlers[:] = [handler]
    baseline_logger.setLevel(logging.INFO)
    baseline_logger.propagate = False
    baseline = per_line(AiohttpAccessLogger(baseline_logger, AiohttpAccessLogger.LOG_FORMAT))
    figures = {}
    for fmt in ("json", "text"):
        writer = access_logger(fmt, sink)
        figures[fmt] = per_line(writer(logging.getLogger("aiohttp.access"), ""))
    print(f"access line, µs (fastest of {REPEATS} × {LINES:,} lines)")
    print(f"  aiohttp's default access logger through logging (baseline): {baseline:6.1f}")
    for fmt, figure in figures.items():
        met = "met" if figure < TARGET_US else "NOT met"
        print(
            f"  the bot's, BOT_LOG_FORMAT={fmt:<4}: {figure:6.1f}  ({figure / baseline:.2f} × baseline; < {TARGET_US:.0f} µs: {met})"
        )


if __name__ == "__main__":
    main()
