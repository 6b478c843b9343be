"""Broadcasts through the groups' robots on the fake webhook server: time taken against the rate limit's
minimum, throughput. Prints figures.

Each scenario binds N groups, each with its group robot (BOT_WECOM_ROBOTS), then M staff members each
confirm a /广播 at once, so every group must take M messages at L per window: the least time it can take
is floor((M - 1) / L) windows. The window is scaled down from the platform's 60 s so a run takes seconds;
the fake robot fails 5% of requests.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.adapters.console import ConsoleAdapter  # noqa: E402
from bot.app import build_app  # noqa: E402
from bot.clock import ManualClock  # noqa: E402
from bot.outbox import RecordingOutbox  # noqa: E402
from bot.settings import Settings  # noqa: E402
from tests.fake_robot import robot_server  # noqa: E402

LIMIT = 20
START = datetime.fromisoformat("2020-07-15T09:00:00+08:00")
SCENARIOS = [  # (groups, messages per group, window seconds)
    (300, 1, 1.0),
    (300, 21, 1.0),
    (300, 41, 1.0),
    (50, 61, 0.5),
]


async def scenario(folder: Path, groups: int, per_group: int, window: float) -> dict[str, float]:
    names = [f"群{n:04d}" for n in range(groups)]
    robots = {
        name: f"{n:08x}-0000-4000-8000-{n:012x}" for n, name in enumerate(names)
    }  # WeCom keys are UUIDs
    staff = [f"专员{n}" for n in range(per_group)]
    database = f"sqlite:///{folder}/bot-{groups}-{per_group}.db"
    binder_settings = Settings(database_url=database, log_level="WARNING")
    binder_clock = ManualClock(START)
    binder_outbox = RecordingOutbox()
    binder = build_app(binder_settings, binder_clock, binder_outbox)
    binding = ConsoleAdapter(
        binder,
        binder_clock,
        lambda _text: None,
        binder.context.render,
        binder_outbox,
        binder.context.kb.words.reason,
    )
    for name in names:
        await binding.handle_record({"chat": name, "user": "王科长", "role": "staff", "text": "/绑定 平山县"})

    async with robot_server(robots.values(), limit=LIMIT, window=window, failure_rate=0.05) as robot:
        settings = binder_settings.model_copy(
            update={
                "send_rate_limit": LIMIT,
                "send_rate_window_seconds": window,
                "send_retry_base_seconds": 0.01,
                "send_max_attempts": 8,
                "wecom_robots": robots,
                "wecom_api_base": robot.base,
            }
        )
        clock = ManualClock(START.replace(minute=1))
        progress = RecordingOutbox()  # the staff's progress; groups use their robots
        app = build_app(settings, clock, progress)
        adapter = ConsoleAdapter(
            app, clock, lambda _text: None, app.context.render, progress, app.context.kb.words.reason
        )
        for person in staff:
            await adapter.handle_record(
                {"chat": person, "user": person, "role": "staff", "text": f"/广播 {person}的通知"}
            )
        began = time.perf_counter()
        await asyncio.gather(
            *(adapter.handle_record({"chat": p, "user": p, "role": "staff", "text": "确认"}) for p in staff)
        )
        elapsed = time.perf_counter() - began
        await app.close()
    delivered = sum(len(robot.received.get(key, [])) for key in robots.values())
    assert delivered == groups * per_group, "a message was lost or doubled"
    assert robot.refusals == [], "the rate limit (or another robot limit) was exceeded"
    return {
        "elapsed": elapsed,
        "minimum": (per_group - 1) // LIMIT * window,
        "delivered": delivered,
        "failures": robot.failures,
        "busiest": robot.busiest_window(),
    }


async def main() -> None:
    print(
        f"broadcast through the groups' robots (fake webhook): {LIMIT} messages per window per robot, "
        "5% of requests fail"
    )
    print(
        f"{'groups':>6} {'msgs/group':>10} {'window s':>8} {'minimum s':>9} {'elapsed s':>9} "
        f"{'over min s':>10} {'delivered':>9} {'msg/s':>7} {'retried':>7} {'busiest':>7}"
    )
    with tempfile.TemporaryDirectory() as folder:
        for groups, per_group, window in SCENARIOS:
            figures = await scenario(Path(folder), groups, per_group, window)
            print(
                f"{groups:>6} {per_group:>10} {window:>8.1f} {figures['minimum']:>9.2f} {figures['elapsed']:>9.2f} "
                f"{figures['elapsed'] - figures['minimum']:>10.2f} {figures['delivered']:>9.0f} "
                f"{figures['delivered'] / figures['elapsed']:>7.0f} {figures['failures']:>7.0f} "
                f"{figures['busiest']:>7.0f}"
            )
    print(
        "minimum = floor((msgs/group - 1) / limit) windows; 'over min' is the sending cost itself "
        "(claim row, robot lookup, HTTP post, settle row per message; SQLite)."
    )
    print("At the platform's real 60 s window the minimum scales to 60 s per extra 20 messages a group.")


if __name__ == "__main__":
    asyncio.run(main())
