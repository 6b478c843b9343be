"""A group robot that cannot be reached: the console goes on answering while the sends retry, the broadcast's
report comes back the way the staff member spoke, and /发送失败 says what went wrong in words."""

from __future__ import annotations

import asyncio
import re
import socket

from bot.app import build_app
from bot.clock import ManualClock
from bot.outbox import RecordingOutbox
from bot.settings import Settings
from tests.harness import START, Harness

KEY = "3f1c9a2e-5b7d-4e8f-9a0b-1c2d3e4f7a9b"
GROUP = "平山县企业群"
LUQUAN = "鹿泉区企业群"
STAFF = "王科长"
EXCEPTION_NAME = re.compile(r"[A-Z][A-Za-z]+(Error|Exception)")


def nothing_listens() -> str:
    """An address whose connections are refused at once: a port that was free a moment ago."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


class HeldWaits:
    """The waits of the pushes (a retry's backoff) last until the test lets them go."""

    def __init__(self) -> None:
        self.began = asyncio.Event()
        self.gate = asyncio.Event()

    async def sleep(self, _seconds: float) -> None:
        self.began.set()
        await self.gate.wait()


async def test_sends_retrying_hold_up_nothing_and_the_report_comes_back_to_the_staff(
    settings: Settings,
) -> None:
    waits = HeldWaits()
    clock = ManualClock(START)
    outbox = RecordingOutbox()
    unreachable = settings.model_copy(update={"wecom_api_base": nothing_listens(), "send_max_attempts": 3})
    app = build_app(unreachable, clock, outbox, sleep=waits.sleep)
    harness = Harness(app, clock, outbox)
    try:
        await harness.say(STAFF, "/绑定 平山县", chat=GROUP, role="staff")
        await harness.say(STAFF, f"/机器人 {KEY}", chat=GROUP, role="staff")
        assert "1个群发送" in await harness.text(STAFF, "/广播 明天上午检查", chat=GROUP, role="staff")
        async with asyncio.timeout(60):  # a safety net, no measure: unfixed, this line waits for every retry
            started = await harness.text(STAFF, "确认", chat=GROUP, role="staff")
            assert "开始发送广播#1" in started
            await waits.began.wait()  # the robot refused the connection; the retry waits
            answer = await harness.text("李经理", "申请名单什么时候交", chat=GROUP)
            # a broadcast to a group without a robot is out, report and all, before the next line
            await harness.say(STAFF, "/绑定 鹿泉区", chat=LUQUAN, role="staff")
            await harness.say(STAFF, "/广播 鹿泉区 下午开会", chat=STAFF, role="staff")
            second = await harness.say(STAFF, "确认", chat=STAFF, role="staff")
        assert "7月17日" in answer  # the console answered while the broadcast was still retrying
        assert [(r.chat_id, r.text.splitlines()[0]) for r in second] == [
            (STAFF, "开始发送广播#2，共1个群，发完告诉您结果。"),
            (LUQUAN, "【通知】下午开会"),
            (STAFF, "广播#2发送完毕：共1个群，送达1个，失败0个。"),
        ]
        waits.gate.set()
        await app.drain()
        reports = outbox.take()
        assert [(r.chat_id, r.to) for r in reports] == [(GROUP, STAFF)]  # not through the failing robot
        assert "广播#1发送完毕：共1个群，送达0个，失败1个" in reports[0].text
        failures = await harness.text(STAFF, "/发送失败", chat=STAFF, role="staff")
        assert "连接失败" in failures
        assert "（已试3次）" in failures
        assert not EXCEPTION_NAME.search(failures)
    finally:
        await app.close()
