"""Broadcasts to 300 groups through their group robots on a fake webhook server that rate-limits and
fails 5% of requests."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta

import pytest

from bot.app import build_app
from bot.clock import ManualClock
from bot.outbox import RecordingOutbox
from bot.settings import Settings
from tests.fake_robot import FakeTime, robot_server
from tests.harness import START, console_adapter, make_harness, make_settings

pytestmark = pytest.mark.slow  # some 1,300 sends over HTTP: run first (tests/conftest.py)

GROUPS = [f"群{n:03d}" for n in range(300)]
ROBOTS = {group: f"{n:08x}-0000-4000-8000-{n:012x}" for n, group in enumerate(GROUPS)}  # BOT_WECOM_ROBOTS
# A robot takes 20 messages a minute on WeCom; here 2, so that 4 broadcasts are already more than a window
# holds for every group (a fifth of the sends 20 and 22 would cost, for the same behaviour).
PER_WINDOW = 2
STAFF = [f"专员{n}" for n in range(PER_WINDOW + 2)]


async def test_broadcasts_reach_300_groups_once_within_the_rate_limit(settings: Settings) -> None:
    binder = make_harness(settings)
    # bound as /绑定 binds a group (tests/test_reminders_staff.py), in the database: 300 messages through the
    # bot were two thirds of this test's time
    for group in GROUPS:
        county = "平山县" if group < "群150" else "鹿泉区"
        binder.app.context.repos.groups.bind(
            "console", group, county, "enterprise", "王科长", binder.clock.now()
        )
    time = FakeTime()  # the bot's pacing and the robot's counting share it: windows pass without waiting
    async with robot_server(
        ROBOTS.values(), now=time.now, limit=PER_WINDOW, window=60.0, failure_rate=0.05
    ) as robot:
        configured = make_settings(
            settings.database_url,
            send_rate_limit=PER_WINDOW,
            send_rate_window_seconds=60.0,
            send_max_attempts=8,
            wecom_robots=ROBOTS,
            wecom_api_base=robot.base,
        )
        # the groups' pushes go through their robots; the staff's private chats have none: recorded here
        private = RecordingOutbox()
        clock = ManualClock(START + timedelta(minutes=1))
        app = build_app(configured, clock, private, monotonic=time.now, sleep=time.sleep)
        adapter = console_adapter(app, clock, private)
        try:
            for staff in STAFF:
                await adapter.handle_record(
                    {"chat": staff, "user": staff, "role": "staff", "text": f"/广播 {staff}的通知"}
                )
            questions = private.take()
            assert len(questions) == len(STAFF)
            assert all("将向所有绑定的300个群发送" in r.text for r in questions)
            await asyncio.gather(
                *(
                    adapter.handle_record({"chat": s, "user": s, "role": "staff", "text": "确认"})
                    for s in STAFF
                )
            )
            await app.drain()  # each line waited only until its broadcast's sends were under way
        finally:
            await app.close()

    expected = {f"【通知】{staff}的通知\n——{staff}": 1 for staff in STAFF}
    assert all(Counter(robot.contents(ROBOTS[group])) == expected for group in GROUPS)
    assert robot.refusals == []  # never over the limit (nor anything else the robot refuses)
    assert robot.busiest_window() == PER_WINDOW  # the window filled, never overflowed
    assert robot.failures > 0  # the retries were exercised
    to_staff = private.take()
    for staff in STAFF:
        texts = [r.text for r in to_staff if r.chat_id == staff]
        assert texts[0].startswith("开始发送广播#")
        assert [t for t in texts if "发送中" in t] == [
            t for t in texts if any(f"已完成{n}/300" in t for n in (75, 150, 225))
        ]
        assert len([t for t in texts if "发送中" in t]) == 3
        assert "共300个群，送达300个，失败0个" in texts[-1]
        assert "/发送失败" in texts[-1]
    assert "没有发送失败" in await binder.text("王科长", "/发送失败", chat="王科长", role="staff")
