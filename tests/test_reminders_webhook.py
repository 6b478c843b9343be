"""Broadcasts to 300 groups through a fake robot webhook that rate-limits and fails 5% of requests."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from datetime import timedelta

import pytest
from aiohttp import web

from bot.adapters.console import ConsoleAdapter
from bot.adapters.webhook import WebhookOutbox
from bot.app import build_app
from bot.clock import ManualClock
from bot.message import Reply
from bot.outbox import RecordingOutbox, SendError, TransientSendError
from bot.settings import Settings
from tests.conftest import START, make_harness, make_settings
from tests.fake_robot import FakeRobot

GROUPS = [f"群{n:03d}" for n in range(300)]
STAFF = [f"专员{n}" for n in range(22)]  # 22 broadcasts: more than a window's 20 per group


class GroupsToRobot:
    """Group chats go to the robot webhooks; the staff's private chats are recorded for the test."""

    def __init__(self, robot: WebhookOutbox, private: RecordingOutbox) -> None:
        self.robot = robot
        self.private = private

    async def send(self, reply: Reply) -> None:
        await (self.robot if reply.chat_id in GROUPS else self.private).send(reply)


async def test_broadcasts_reach_300_groups_once_within_the_rate_limit(settings: Settings) -> None:
    binder = make_harness(settings)
    for group in GROUPS:
        await binder.say(
            "王科长", f"/绑定 {'平山县' if group < '群150' else '鹿泉区'}", chat=group, role="staff"
        )
    fast = make_settings(
        settings.database_url,
        send_rate_limit=20,
        send_rate_window_seconds=1.0,
        send_retry_base_seconds=0.01,
        send_max_attempts=8,
    )
    robot = FakeRobot(limit=20, window=1.0, failure_rate=0.05)
    await robot.start()
    webhook = WebhookOutbox(robot.url_for)
    private = RecordingOutbox()
    clock = ManualClock(START + timedelta(minutes=1))  # console message ids derive from the start time
    app = build_app(fast, clock, GroupsToRobot(webhook, private))
    adapter = ConsoleAdapter(app, clock, lambda _text: None)
    try:
        for staff in STAFF:
            await adapter.handle_record(
                {"chat": staff, "user": staff, "role": "staff", "text": f"/广播 {staff}的通知"}
            )
        questions = private.take()
        assert len(questions) == len(STAFF)
        assert all("将向所有绑定的300个群发送" in r.text for r in questions)
        await asyncio.gather(
            *(adapter.handle_record({"chat": s, "user": s, "role": "staff", "text": "确认"}) for s in STAFF)
        )
    finally:
        await webhook.close()
        await robot.stop()

    expected = {f"【通知】{staff}的通知\n——{staff}": 1 for staff in STAFF}
    assert all(Counter(robot.texts(group)) == expected for group in GROUPS)
    assert robot.violations == []
    assert robot.busiest_window() <= 20
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


async def test_webhook_outbox_posts_robot_json_and_sorts_errors_into_retryable_or_not() -> None:
    answers: dict[str, Callable[[], web.StreamResponse]] = {
        "ok": lambda: web.json_response({"errcode": 0, "errmsg": "ok"}),
        "limited": lambda: web.json_response({"errcode": 45009, "errmsg": "api freq out of limit"}),
        "busy": lambda: web.json_response({"errcode": -1, "errmsg": "system busy"}),
        "gone": lambda: web.json_response({"errcode": 93000, "errmsg": "invalid webhook url"}),
        "broken": lambda: web.Response(status=502),
        "forbidden": lambda: web.Response(status=403),
        "garbage": lambda: web.Response(text="<html>"),
    }
    bodies: list[object] = []
    never = asyncio.Event()

    async def robot(request: web.Request) -> web.StreamResponse:
        bodies.append(await request.json())
        if request.query["key"] == "slow":
            await never.wait()
        return answers[request.query["key"]]()

    app = web.Application()
    app.router.add_post("/send", robot)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    urls = {key: f"http://{host}:{port}/send?key={key}" for key in [*answers, "slow"]}
    urls["closed"] = "http://127.0.0.1:9/send"  # nothing listens on the discard port
    outbox = WebhookOutbox(urls.get, timeout_seconds=0.2)
    try:
        await outbox.send(Reply("wecom", "ok", "你好", to="zhangsan"))
        assert bodies[-1] == {"msgtype": "text", "text": {"content": "你好", "mentioned_list": ["zhangsan"]}}
        await outbox.send(Reply("wecom", "ok", "群通知"))
        assert bodies[-1] == {"msgtype": "text", "text": {"content": "群通知"}}
        for chat in ("limited", "busy", "broken", "slow", "closed"):
            with pytest.raises(TransientSendError):
                await outbox.send(Reply("wecom", chat, "x"))
        for chat, reason in [
            ("gone", "errcode 93000：invalid webhook url"),
            ("forbidden", "HTTP 403"),
            ("garbage", "看不懂"),
            ("unknown", "没有设置机器人地址"),
        ]:
            with pytest.raises(SendError, match=reason) as raised:
                await outbox.send(Reply("wecom", chat, "x"))
            assert not isinstance(raised.value, TransientSendError)
    finally:
        never.set()
        await outbox.close()
        await runner.cleanup()
