"""County staff's second round through the console: a confirmation replaced by another command's is not asked
again after it (the staff member would read, last, a question that is no longer the one 确认 answers), a
replaced broadcast is said dropped once, and a group bound to one county points to the private chat with the
county that was asked for. Then (staff18) the reminder's hour asked until it is given or declined, and a county
reminder that found no bound group listed by /发送失败."""

from __future__ import annotations

import pytest

from bot.settings import Settings
from tests.harness import CEMENT, VALID_CODES, Harness, complete, make_harness

GROUP = "平山县企业群"
OFFICE = "平山县分局群"


async def bind_two_counties(harness: Harness) -> None:
    await harness.say("wangke", "/绑定 平山县", chat=GROUP, role="staff")
    await harness.say("wangke", "/绑定 平山县 分局", chat=OFFICE, role="staff")
    await harness.say("like", "/绑定 鹿泉区", chat="鹿泉区企业群", role="staff")


async def confirmed(harness: Harness, chat: str) -> tuple[str, list[str]]:
    """What 确认 was answered, and the groups that got something besides."""
    replies = await harness.say("wangke", "确认", chat=chat, role="staff")
    await harness.app.drain()
    replies += harness.outbox.take()
    return replies[0].text, [reply.chat_id for reply in replies[1:] if reply.chat_id not in (chat, "wangke")]


async def test_a_second_broadcast_asks_only_its_own_confirmation(harness: Harness) -> None:
    await bind_two_counties(harness)
    await harness.say("wangke", "/广播 鹿泉区 交材料", chat="wangke", role="staff")
    asked = await harness.text("wangke", "/广播 平山县 明天检查", chat="wangke", role="staff")
    assert asked.startswith("上一条广播（交材料）还没有确认，已作废，不会发出。\n将向平山县2个群发送")
    assert "鹿泉区" not in asked
    assert asked.count("请回复“确认”发送") == 1
    # asked again later, the question no longer speaks of the broadcast it replaced
    again = await harness.text("wangke", "/截止", chat="wangke", role="staff")
    assert again.endswith(
        "将向平山县2个群发送以下通知：\n【通知】明天检查\n——wangke\n请回复“确认”发送，或“取消”放弃。"
    )
    assert "作废" not in again
    answer, groups = await confirmed(harness, "wangke")
    assert answer.startswith("开始发送广播#1，共2个群")
    assert sorted(groups) == [GROUP, OFFICE]


async def test_the_same_broadcast_sent_again_is_asked_once(harness: Harness) -> None:
    await bind_two_counties(harness)
    await harness.say("wangke", "/广播 平山县 明天检查", chat="wangke", role="staff")
    asked = await harness.text("wangke", "/广播 平山县 明天检查", chat="wangke", role="staff")
    assert asked.startswith("上一条广播（明天检查）还没有确认，已作废，不会发出。\n将向平山县2个群发送")
    assert asked.count("【通知】明天检查") == 1


async def test_unbinding_asked_while_a_broadcast_waits_says_the_broadcast_is_dropped(
    harness: Harness,
) -> None:
    await bind_two_counties(harness)
    await harness.say("wangke", "/广播 平山县 明天检查", chat=GROUP, role="staff")
    asked = await harness.text("wangke", "/解绑", chat=GROUP, role="staff")
    assert asked.startswith("确定解绑本群（平山县·企业群）吗？")
    # 确认 now unbinds: the broadcast's preview is not asked again, and it is said to be dropped
    assert "发送以下通知" not in asked
    assert asked.endswith("\n\n上一条广播（明天检查）还没有确认，已作废，不会发出。")
    answer, groups = await confirmed(harness, GROUP)
    assert answer.startswith("已解绑")
    assert groups == []


async def test_a_self_assessment_started_while_a_broadcast_waits_says_it_is_dropped(harness: Harness) -> None:
    await bind_two_counties(harness)
    await harness.say("wangke", "/广播 平山县 明天检查", chat="wangke", role="staff")
    started = await harness.text("wangke", "我要自评", chat="wangke", role="staff")
    assert "【企业名称】" in started
    assert started.endswith("上一条广播（明天检查）还没有确认，已作废，不会发出。")
    assert "发送以下通知" not in started


async def test_a_reminders_hour_asked_while_an_unbinding_waits_says_it_is_dropped(harness: Harness) -> None:
    await bind_two_counties(harness)
    await harness.say("wangke", "/解绑", chat=GROUP, role="staff")
    asked = await harness.text("wangke", "/提醒 明天 开会", chat=GROUP, role="staff")
    assert asked.startswith("只写了日期“明天”，没写几点发。")
    assert asked.endswith("刚才的解绑还没有确认，已作废：本群的绑定不变。")
    assert "已把" not in await harness.text("wangke", "9点", chat=GROUP, role="staff")
    assert "本群已绑定平山县" in await harness.text("wangke", "/本群", chat=GROUP, role="staff")


async def test_a_broadcast_asked_while_a_transfer_waits_says_the_transfer_is_dropped(
    harness: Harness,
) -> None:
    await bind_two_counties(harness)
    await complete(harness, "li", CEMENT, chat="li")
    await harness.say("li", "确认", chat="li")
    await harness.say("wangke", f"/转交 {VALID_CODES[0]} wangwu", chat="wangke", role="staff")
    asked = await harness.text("wangke", "/广播 鹿泉区 明天检查", chat="wangke", role="staff")
    assert asked.endswith(
        "请回复“确认”发送，或“取消”放弃。\n\n刚才的转交还没有确认，已作废：草稿的负责人不变。"
    )
    await harness.say("wangke", "取消", chat="wangke", role="staff")
    assert "鹿泉区鼎鑫水泥有限公司" in await harness.text("li", "我的申请", chat="li")


async def test_another_command_still_asks_the_waiting_confirmation_again(harness: Harness) -> None:
    await bind_two_counties(harness)
    await harness.say("wangke", "/广播 平山县 明天检查", chat="wangke", role="staff")
    listed = await harness.text("wangke", "/提醒列表", chat="wangke", role="staff")
    assert listed.endswith("【通知】明天检查\n——wangke\n请回复“确认”发送，或“取消”放弃。")


async def test_a_bound_group_points_to_the_private_chat_with_the_county_asked_for(harness: Harness) -> None:
    await bind_two_counties(harness)
    for command in ("/申请列表", "/导出"):
        refused = await harness.text("wangke", f"{command} 鹿泉区", chat=OFFICE, role="staff")
        assert refused == (
            "本群绑定的是平山县，在这里只能查看和导出平山县的申请名单。"
            f"其他县（市、区）的请私聊我发送，例如“{command} 鹿泉区”。"
        )


async def test_the_campaign_reminders_of_a_named_county_count_its_own_groups(harness: Harness) -> None:
    await bind_two_counties(harness)
    listed = await harness.text("wangke", "/提醒列表 鹿泉区", chat="wangke", role="staff")
    assert "→ 企业群1个：企业报送绩效评级申请名单" in listed
    assert "→ 分局群（还没有绑定，到时仍没有就不发）：分局汇总上报申请名单" in listed
    everywhere = await harness.text("wangke", "/提醒列表", chat="wangke", role="staff")
    assert "→ 企业群2个：企业报送绩效评级申请名单" in everywhere
    assert "→ 分局群1个：分局汇总上报申请名单" in everywhere


async def test_export_asked_in_another_countys_group_points_to_the_staff_members_own(
    settings: Settings,
) -> None:
    harness = make_harness(settings.model_copy(update={"staff": {"wangke": "平山县", "like": "鹿泉区"}}))
    await harness.say("like", "/绑定 鹿泉区", chat="鹿泉区企业群", role="staff")
    refused = await harness.text("wangke", "/导出", chat="鹿泉区企业群", role="staff")
    assert "请私聊我发送“/导出 平山县”" in refused  # 鹿泉区's list is not this staff member's to export
    assert "请私聊我发送“/导出 鹿泉区”" in await harness.text(
        "like", "/导出", chat="鹿泉区企业群", role="staff"
    )


async def test_a_county_reminder_whose_groups_were_unbound_says_it_reaches_none(harness: Harness) -> None:
    await harness.say("wangke", "/绑定 平山县", chat=GROUP, role="staff")
    await harness.say("wangke", "/提醒 平山县 明天9点 交材料", chat="wangke", role="staff")
    listed = await harness.text("wangke", "/提醒列表", chat="wangke", role="staff")
    assert "#1 7月16日 09:00 → 平山县各群：交材料（wangke）" in listed
    await harness.say("wangke", "/解绑", chat=GROUP, role="staff")
    await harness.say("wangke", "确认", chat=GROUP, role="staff")
    listed = await harness.text("wangke", "/提醒列表", chat="wangke", role="staff")
    assert "#1 7月16日 09:00 → 平山县各群（现在没有绑定的群，到时仍没有就不发）：交材料（wangke）" in listed


async def test_an_hour_gone_by_is_asked_again_with_the_day_and_text_kept(harness: Harness) -> None:
    await harness.say("wangke", "/绑定 平山县", chat=GROUP, role="staff")
    asked = await harness.text("wangke", "/提醒 今天 下午开会", chat=GROUP, role="staff")  # at 09:00
    assert asked.startswith("只写了日期“今天”，没写几点发。请直接回复几点发")
    again = await harness.text("wangke", "8点", chat=GROUP, role="staff")
    assert again.startswith("7月15日 08:00已经过去了（现在是7月15日 09:00）。请直接回复一个还没到的钟点")
    set_for = await harness.text("wangke", "下午2点", chat=GROUP, role="staff")
    assert set_for.startswith("好的，提醒#1将于7月15日 14:00发到本群：下午开会")


async def test_industries_named_before_a_pause_are_kept(harness: Harness) -> None:
    for said in ("我要自评", "平山县某水泥有限公司", VALID_CODES[1], "平山", "水泥"):
        asked = await harness.text("zhang", said, chat="zhang")
    assert asked.startswith("已记录行业：水泥。贵企业还有其他重点行业吗？")
    paused = await harness.text("zhang", "/截止", chat="zhang", time="2020-07-15T12:00")  # idle 3 hours
    assert "您有一份未完成的自评" in paused
    resumed = await harness.text("zhang", "继续自评", chat="zhang")
    assert resumed.endswith(
        "已记录行业：水泥。贵企业还有其他重点行业吗？有请回复行业名称，没有请回复“没有”。"
    )
    assert "【是否在工业园区】" in await harness.text("zhang", "没有", chat="zhang")


# ---- staff18: the reminder's hour asked until given, and a county reminder that found no group ----------------

HOUR_ASKED = (
    "只写了日期“7月17日”，没写几点发。请直接回复几点发，例如“9点”“下午3点”（不设这条提醒请回复“取消”）；"
    "或者写上时间重新发送，例如：/提醒 平山县 7月17日 9:00 开会。"
)


async def test_the_reminders_hour_is_asked_again_after_anything_else_until_it_is_given(
    harness: Harness,
) -> None:
    """The hour's question lasted one message: "25点", "下午" or a typo was answered as a question to the Q&A, the day,
    the county and the text lost, and the hour given next set nothing."""
    await bind_two_counties(harness)
    assert (
        await harness.text("wangke", "/提醒 平山县 7月17日 开会", chat="wangke", role="staff") == HOUR_ASKED
    )
    for said in ("25点", "9电"):  # "下午" narrows the day instead (below)
        again = await harness.text("wangke", said, chat="wangke", role="staff")
        assert again.startswith(f"没能从“{said}”看出几点发：钟点要写数字")
        assert "平山县的提醒日期“7月17日”和内容已记下" in again
        assert again.endswith(HOUR_ASKED)
    # a question or another command is answered as usual, then the hour asked again
    answered = await harness.text("wangke", "申请名单什么时候交？", chat="wangke", role="staff")
    assert "7月17日12:00" in answered
    assert answered.endswith(f"\n\n{HOUR_ASKED}")
    listed = await harness.text("wangke", "/提醒列表", chat="wangke", role="staff")
    assert "自定提醒" in listed
    assert listed.endswith(f"\n\n{HOUR_ASKED}")
    set_for = await harness.text("wangke", "下午3点", chat="wangke", role="staff")
    assert set_for.startswith("好的，提醒#1将于7月17日 15:00发到平山县绑定的群（现有2个）：开会")
    assert "提醒#2" not in await harness.text("wangke", "9点", chat="wangke", role="staff")


async def test_a_part_of_the_day_given_for_the_hour_is_kept_with_the_day(harness: Harness) -> None:
    """ "/提醒 平山县 7月17日 开会", then "下午", then "3点": 下午 was refused as no hour and forgotten, and the
    reminder set for 03:00 (凌晨). The part of the day is kept with the day and the hour asked for it."""
    await bind_two_counties(harness)
    await harness.say("wangke", "/提醒 平山县 7月17日 开会", chat="wangke", role="staff")
    narrowed = await harness.text("wangke", "下午", chat="wangke", role="staff")
    assert narrowed.startswith("只写了“7月17日下午”，没写几点发")
    assert "看出几点发" not in narrowed
    again = await harness.text("wangke", "晚上", chat="wangke", role="staff")  # a second part is no hour
    assert again.startswith("没能从“晚上”看出几点发")
    set_for = await harness.text("wangke", "3点", chat="wangke", role="staff")
    assert set_for.startswith("好的，提醒#1将于7月17日 15:00发到平山县绑定的群（现有2个）：开会")
    assert "凌晨" not in set_for


async def test_the_reminders_hour_declined_sets_nothing(harness: Harness) -> None:
    await bind_two_counties(harness)
    await harness.say("wangke", "/提醒 7月17日 开会", chat=GROUP, role="staff")
    assert await harness.text("wangke", "取消", chat=GROUP, role="staff") == "好的，这条提醒没有设置。"
    assert "提醒#" not in await harness.text("wangke", "9点", chat=GROUP, role="staff")
    assert "（没有）" in await harness.text("wangke", "/提醒列表", chat="wangke", role="staff")


async def test_a_reminder_given_a_day_alone_asks_for_its_text_after_the_hour(harness: Harness) -> None:
    """ "/提醒 明天" and then "9点" was refused for want of a text, the day forgotten."""
    await bind_two_counties(harness)
    asked = await harness.text("wangke", "/提醒 明天", chat=GROUP, role="staff")
    assert asked.startswith(
        "只写了日期“明天”，没写几点发，也没写提醒内容。请直接回复几点发和提醒内容，例如“9点 请按时报送申请名单”"
    )
    missing = await harness.text("wangke", "9点", chat=GROUP, role="staff")
    assert missing.startswith(
        "还没写提醒内容：请在钟点后面写上要提醒的话，例如“9点 请按时报送申请名单”。日期“明天”已记下。\n只写了日期“明天”"
    )
    set_for = await harness.text("wangke", "9点 交材料", chat=GROUP, role="staff")
    assert set_for.startswith("好的，提醒#1将于7月16日 09:00发到本群：交材料")


async def test_a_reminders_hour_replaced_by_a_self_assessment_is_said_dropped(harness: Harness) -> None:
    await harness.say("wangke", "/提醒 7月17日 开会", chat="wangke", role="staff")
    started = await harness.text("wangke", "我要自评", chat="wangke", role="staff")
    assert "【企业名称】" in started
    assert started.endswith("刚才的提醒（7月17日 开会）还没写几点发，已作废，没有设置。")


async def test_a_county_reminder_that_found_no_group_is_listed_once_as_not_sent(harness: Harness) -> None:
    """A reminder for a county with no bound group fell due and was marked done: /发送失败 said nothing failed."""
    await harness.say("like", "/绑定 鹿泉区", chat="鹿泉区企业群", role="staff")
    set_for = await harness.text("wangke", "/提醒 平山县 明天9点 交材料", chat="wangke", role="staff")
    assert (
        "注意：平山县还没有绑定的群，到时仍没有就不会发出。绑定方法：在要接收的群里发送“/绑定 平山县”"
        in set_for
    )
    await harness.say("wangke", "/截止", chat="wangke", role="staff", time="2020-07-16T09:01")
    await harness.tick()  # a second tick, as another worker's, records nothing more
    listed = await harness.text("wangke", "/发送失败", chat="wangke", role="staff")
    reason = "没有发出（到点时该县没有绑定的群；在群里发送 /绑定 县名 绑定后，请重新设提醒）：\n"
    assert f"{reason}1. 提醒#1（7月16日 09:00）：交材料：平山县（没有绑定的群）" in listed
    assert listed.count("提醒#1") == 1
    assert "提醒#1" in await harness.text("wangke", "/发送失败 平山县", chat="wangke", role="staff")
    assert "提醒#1" not in await harness.text("wangke", "/发送失败 鹿泉区", chat="wangke", role="staff")
    assert "提醒#1到点时没有绑定的群，没有发出，无需取消。" in await harness.text(
        "wangke", "/取消提醒 1", chat="wangke", role="staff"
    )
    assert "交材料" not in await harness.text("wangke", "/提醒列表", chat="wangke", role="staff")


async def test_a_reminder_sent_again_whole_ends_the_hours_question(harness: Harness) -> None:
    """The hour's question offers sending the command again with the time: done so, the question was still
    asked, and the hour given to it set the same reminder twice."""
    await bind_two_counties(harness)
    assert (
        await harness.text("wangke", "/提醒 平山县 7月17日 开会", chat="wangke", role="staff") == HOUR_ASKED
    )
    set_for = await harness.text("wangke", "/提醒 平山县 7月17日 9:00 开会", chat="wangke", role="staff")
    assert set_for.startswith("好的，提醒#1将于7月17日 09:00发到平山县绑定的群")
    assert HOUR_ASKED not in set_for
    assert "作废" not in set_for
    assert "提醒#2" not in await harness.text("wangke", "10点", chat="wangke", role="staff")
    # another reminder set in its place: the one waiting is said dropped
    await harness.say("wangke", "/提醒 平山县 7月18日 交材料", chat="wangke", role="staff")
    other = await harness.text("wangke", "/提醒 明天9点 打电话", chat="wangke", role="staff")
    assert other.startswith("好的，提醒#2将于7月16日 09:00发到这里：打电话")
    assert other.endswith("刚才的提醒（7月18日 交材料）还没写几点发，已作废，没有设置。")


async def test_a_reminder_given_a_county_alone_is_told_what_is_missing(harness: Harness) -> None:
    reply = await harness.text("wangke", "/提醒 平山县", chat="wangke", role="staff")
    assert reply.startswith("只写了县名“平山县”，还没写提醒时间和内容。用法：/提醒 时间 内容")


# ---- ux22: a reminder given a part of the day, and a broadcast's recipients asked while it waits ----------------


async def test_a_reminder_given_a_part_of_the_day_asks_its_hour_with_the_day_and_text_kept(
    harness: Harness,
) -> None:
    """ "/提醒 下午 交材料" got "没看懂提醒时间" with the usage, as if no time had been said."""
    await bind_two_counties(harness)
    asked = await harness.text("wangke", "/提醒 下午 交材料", chat=GROUP, role="staff")
    assert asked.startswith("只写了“下午”，没写几点发。请直接回复几点发，例如“3点”“下午3点半”")
    assert asked.endswith("例如：/提醒 下午 3点 交材料。")
    set_for = await harness.text("wangke", "3点", chat=GROUP, role="staff")
    assert set_for.startswith("好的，提醒#1将于7月15日 15:00发到本群：交材料")
    # with its day: the day kept, the reply's own part of the day read on it
    asked = await harness.text("wangke", "/提醒 平山县 明天下午 开会", chat="wangke", role="staff")
    assert asked.startswith("只写了“明天下午”，没写几点发。")
    again = await harness.text("wangke", "下午", chat="wangke", role="staff")
    assert "平山县的提醒时间“明天下午”和内容已记下" in again
    set_for = await harness.text("wangke", "下午4点", chat="wangke", role="staff")
    assert set_for.startswith("好的，提醒#2将于7月16日 16:00发到平山县绑定的群（现有2个）：开会")


@pytest.mark.parametrize("asked", ["会发给谁？", "发几个群", "都发到哪些群啊"])
async def test_whom_a_broadcast_reaches_asked_while_it_waits_is_answered_from_its_preview(
    harness: Harness, asked: str
) -> None:
    """A question at the broadcast's confirmation got the preview again, which says how many groups but not where."""
    await bind_two_counties(harness)
    await harness.say("wangke", "/广播 平山县 明天检查", chat="wangke", role="staff")
    answered = await harness.text("wangke", asked, chat="wangke", role="staff")
    assert (
        answered
        == "这条通知会发到平山县绑定的2个群：平山县（企业群1个、分局群1个）。\n请回复“确认”或“取消”。"
    )
    everywhere = await harness.text("wangke", "/广播 交材料", chat="wangke", role="staff")
    assert "将向所有绑定的3个群发送" in everywhere
    answered = await harness.text("wangke", asked, chat="wangke", role="staff")
    assert answered.startswith(
        "这条通知会发到所有绑定的3个群：平山县（企业群1个、分局群1个）、鹿泉区（企业群1个）。"
    )
    answer, groups = await confirmed(harness, "wangke")
    assert answer.startswith("开始发送广播#1，共3个群")
    assert sorted(groups) == sorted([GROUP, OFFICE, "鹿泉区企业群"])
