"""What staff read of groups that are not bound yet: 分局群（还没有绑定…）, not 分局群0个, and a reminder to a county
without groups says so once, not （现有0个） beside the note."""

from __future__ import annotations

from tests.harness import Harness


async def test_the_reminder_list_says_a_kind_of_group_is_not_bound_yet(harness: Harness) -> None:
    await harness.say("王科长", "/绑定 平山县", chat="平山县企业群", role="staff")
    listing = await harness.text("王科长", "/提醒列表", chat="王科长", role="staff")
    assert "· 7月15日 12:00 → 分局群（还没有绑定，到时仍没有就不发）：分局汇总上报申请名单" in listing
    assert "· 7月16日 12:00 → 企业群1个：企业报送绩效评级申请名单" in listing
    assert "0个" not in listing


async def test_a_reminder_to_a_county_without_groups_is_told_once(harness: Harness) -> None:
    reply = await harness.text("王科长", "/提醒 鹿泉 明天9点 请带好公章", chat="王科长", role="staff")
    assert reply.startswith("好的，提醒#1将于7月16日 09:00发到鹿泉区绑定的群：请带好公章")
    assert "注意：鹿泉区还没有绑定的群，到时仍没有就不会发出。" in reply
    assert "0个" not in reply
