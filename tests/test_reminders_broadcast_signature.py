"""A broadcast goes out signed exactly as its preview showed it: the name the staff member had when asking, not
the one the confirmation came with (another device, or a platform that gave no display name that time)."""

from __future__ import annotations

from tests.harness import Harness

GROUP = "平山县企业群"


async def test_the_groups_read_the_notice_as_previewed(harness: Harness) -> None:
    await harness.say("wangke", "/绑定 平山县", chat=GROUP, role="staff")
    asked = await harness.text(
        "wangke", "/广播 平山县 明天上午检查", chat="wangke", role="staff", name="王科长"
    )
    previewed = "【通知】明天上午检查\n——王科长"
    assert f"以下通知：\n{previewed}\n" in asked
    replies = await harness.say("wangke", "确认", chat="wangke", role="staff")  # no display name this time
    await harness.app.drain()
    replies += harness.outbox.take()
    assert [reply.text for reply in replies if reply.chat_id == GROUP] == [previewed]
