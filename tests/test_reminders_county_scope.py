"""Staff whose county BOT_STAFF names act within it: binding, broadcasts, reminders, failures."""

from __future__ import annotations

import pytest

from bot.app import StartupError
from bot.settings import Settings
from tests.harness import START, Harness, make_harness

PINGSHAN_GROUP = "平山县企业群"
LUQUAN_GROUP = "鹿泉区企业群"


@pytest.fixture
def two_counties(settings: Settings) -> Harness:
    return make_harness(settings.model_copy(update={"staff": {"wangke": "平山县", "lisi": "鹿泉区"}}))


async def staff(harness: Harness, user: str, text: str, chat: str) -> str:
    return await harness.text(user, text, role="staff", chat=chat)


async def bind_both(harness: Harness) -> None:
    assert "已把本群绑定到平山县" in await staff(harness, "wangke", "/绑定 平山县", PINGSHAN_GROUP)
    assert "已把本群绑定到鹿泉区" in await staff(harness, "lisi", "/绑定 鹿泉区", LUQUAN_GROUP)


async def test_staff_bind_and_unbind_only_their_own_countys_groups(two_counties: Harness) -> None:
    await bind_both(two_counties)
    refused = await staff(two_counties, "wangke", "/绑定 鹿泉区", "新群")
    assert "您是平山县的工作人员，只能把群绑定到平山县" in refused
    taken = await staff(two_counties, "wangke", "/绑定 平山县", LUQUAN_GROUP)
    assert "只能改绑平山县的群" in taken
    assert "只能解绑平山县的群" in await staff(two_counties, "wangke", "/解绑", LUQUAN_GROUP)
    assert "鹿泉区" in await staff(two_counties, "lisi", "/解绑", LUQUAN_GROUP)  # asks to confirm: theirs


async def test_staff_set_test_and_remove_the_robot_of_their_own_countys_groups_only(
    two_counties: Harness,
) -> None:
    await bind_both(two_counties)
    key = "0a1b2c3d-1111-2222-3333-444455556666"
    for command in (f"/机器人 {key}", "/机器人 测试", "/机器人 删除", "/机器人"):
        refused = await staff(two_counties, "lisi", command, PINGSHAN_GROUP)
        assert "您是鹿泉区的工作人员，只能管理鹿泉区各群的群机器人" in refused, command
    assert two_counties.app.context.repos.groups.robot_key("console", PINGSHAN_GROUP) is None
    assert "已为本群设置群机器人" in await staff(two_counties, "wangke", f"/机器人 {key}", PINGSHAN_GROUP)


async def test_a_broadcast_without_a_county_goes_to_the_senders_county_only(two_counties: Harness) -> None:
    await bind_both(two_counties)
    question = await staff(two_counties, "wangke", "/广播 明天上午检查", "wangke")
    assert question.startswith("将向平山县1个群发送")
    replies = await two_counties.say("wangke", "确认", chat="wangke", role="staff")
    assert [r.chat_id for r in replies if "明天上午检查" in r.text] == [PINGSHAN_GROUP]
    refused = await staff(two_counties, "wangke", "/广播 鹿泉区 明天上午检查", "wangke")
    assert "只能向平山县的群广播" in refused


async def test_a_mistyped_county_refuses_the_broadcast_as_it_refuses_a_reminder(
    two_counties: Harness,
) -> None:
    """Pointed out before the confirmation, a mistyped county still led to a notice for every county's groups on a
    plain 确认; refused instead, as /提醒 refuses it, with nothing waiting for a yes."""
    await bind_both(two_counties)
    for mistyped in ("/广播 火星县 明天上午检查", "/广播 邢台县 明天上午检查"):
        refused = await staff(two_counties, "市局", mistyped, "市局")
        assert refused.startswith("没有找到“"), mistyped
        assert "这个县（市、区），没有发送。" in refused, mistyped
        assert "/广播 平山县 " in refused
        replies = await two_counties.say("市局", "确认", chat="市局", role="staff")
        assert not [r for r in replies if r.chat_id != "市局"], mistyped
    addressed = await staff(two_counties, "市局", "/广播 各县区：明天上午检查", "市局")
    assert addressed.startswith(
        "将向所有绑定的2个群发送以下通知：\n【通知】各县区：明天上午检查"
    )  # an address
    await two_counties.say("市局", "取消", chat="市局", role="staff")
    ordinary = await staff(two_counties, "wangke", "/广播 全市企业 明天上午检查", "wangke")
    assert ordinary.startswith(
        "将向平山县1个群发送"
    )  # a first word that is not a place name is just the notice


@pytest.mark.parametrize(
    "said", ["/广播 鹿泉区，明天上午检查", "/广播 鹿泉区：明天上午检查", "/广播 鹿泉区、明天上午检查"]
)
async def test_a_county_followed_by_a_comma_or_colon_is_the_county(two_counties: Harness, said: str) -> None:
    """ "鹿泉区，明天上午检查" went to every county's groups as a notice beginning with 鹿泉区."""
    await bind_both(two_counties)
    question = await staff(two_counties, "市局", said, "市局")
    assert question.startswith("将向鹿泉区1个群发送以下通知：\n【通知】明天上午检查\n")
    replies = await two_counties.say("市局", "确认", chat="市局", role="staff")
    assert [r.chat_id for r in replies if "明天上午检查" in r.text] == [LUQUAN_GROUP]


async def test_a_reminder_for_a_mistyped_county_names_the_county_not_the_time(two_counties: Harness) -> None:
    await bind_both(two_counties)
    refused = await staff(two_counties, "市局", "/提醒 火星县 明天10点 请报送", "市局")
    assert refused.startswith(
        "没有找到“火星县”这个县（市、区）"
    )  # the time was fine: "没看懂提醒时间" misled
    assert "/提醒 平山县 7月17日9:00" in refused
    assert "没看懂提醒时间" in await staff(two_counties, "市局", "/提醒 火星县 后天下下午 请报送", "市局")


@pytest.mark.parametrize("typed", ["石家庄市平山县", "平山", "平山县。", "平山县，"])
async def test_a_reminder_reads_its_county_as_binding_and_the_self_assessment_do(
    two_counties: Harness, typed: str
) -> None:
    """/提醒 and /广播 looked their county up with the old fuzzy match: 石家庄市平山县 was "没看懂提醒时间", and a
    broadcast to it went to every county's groups with the county at the start of the notice."""
    await bind_both(two_counties)
    set_for = await staff(two_counties, "市局", f"/提醒 {typed} 明天10点 请报送", "市局")
    assert set_for.startswith("好的，提醒#1将于7月16日 10:00发到平山县绑定的群（现有1个）：请报送")
    question = await staff(two_counties, "市局", f"/广播 {typed} 请报送", "市局")
    assert question.startswith("将向平山县1个群发送以下通知：\n【通知】请报送")


@pytest.mark.parametrize(
    ("typed", "meant"), [("平三县", "平山县"), ("鹿泉市", "鹿泉区"), ("平山县岗南镇", "平山县")]
)
async def test_a_county_only_close_to_a_name_is_confirmed_before_a_reminder_or_broadcast(
    two_counties: Harness, typed: str, meant: str
) -> None:
    """平三县 and 鹿泉市 set a reminder for 平山县 and 鹿泉区 without a word, and 平山县岗南镇 was no county at all: a
    broadcast to it went to every county. They are asked as /绑定 asks, and nothing goes out before 确认."""
    await bind_both(two_counties)
    asked = await staff(two_counties, "市局", f"/提醒 {typed} 明天10点 请报送", "市局")
    assert asked.startswith(f"您写的是“{typed}”，说的是“{meant}”吗？")
    assert "提醒#" not in await staff(two_counties, "市局", "/提醒列表", "市局")
    set_for = await staff(two_counties, "市局", "确认", "市局")
    assert set_for.startswith(f"好的，提醒#1将于7月16日 10:00发到{meant}绑定的群（现有1个）：请报送")
    asked = await staff(two_counties, "市局", f"/提醒 {typed} 明天 请报送", "市局")  # the hour asked after
    assert "只写了日期“明天”" in await staff(two_counties, "市局", "确认", "市局")
    assert f"发到{meant}绑定的群" in await staff(two_counties, "市局", "11点", "市局")
    question = await staff(two_counties, "市局", f"/广播 {typed} 请报送", "市局")
    assert question.startswith(
        f"您写的是“{typed}”，说的是“{meant}”吗？是的话，将向{meant}1个群发送以下通知："
    )
    assert "【通知】请报送" in question
    replies = await two_counties.say("市局", "确认", chat="市局", role="staff")
    meant_group = PINGSHAN_GROUP if meant == "平山县" else LUQUAN_GROUP
    assert [reply.chat_id for reply in replies if "请报送" in reply.text] == [meant_group]


async def test_a_county_guessed_and_declined_sets_nothing(two_counties: Harness) -> None:
    await bind_both(two_counties)
    refused = await staff(two_counties, "wangke", "/提醒 鹿泉市 明天10点 请报送", "wangke")  # 平山县's staff
    assert "您是平山县的工作人员" in refused
    assert "说的是" not in refused
    await staff(two_counties, "市局", "/提醒 平三县 明天10点 请报送", "市局")
    assert await staff(two_counties, "市局", "取消", "市局") == "好的，这条提醒没有设置。"
    assert "提醒#" not in await staff(two_counties, "市局", "/提醒列表", "市局")


@pytest.mark.parametrize(
    "command", ["/提醒 火星县 明天9点 请报送", "/广播 火星县 请报送", "/绑定 火星县", "/申请列表 火星县"]
)
async def test_an_unknown_county_is_told_with_the_counties_there_are(
    two_counties: Harness, command: str
) -> None:
    refused = await staff(two_counties, "市局", command, PINGSHAN_GROUP if "绑定" in command else "市局")
    assert "火星县" in refused
    assert "石家庄市的县（市、区）有：长安区、桥西区" in refused
    assert "化工园区。" in refused


async def test_a_county_typed_without_a_space_before_the_time_is_the_county(two_counties: Harness) -> None:
    await bind_both(two_counties)
    set_for = await staff(two_counties, "市局", "/提醒 平山县明天10点 请报送", "市局")
    assert set_for.startswith("好的，提醒#1将于7月16日 10:00发到平山县绑定的群（现有1个）：请报送")


async def test_reminders_of_another_county_are_neither_shown_nor_cancelled(two_counties: Harness) -> None:
    await bind_both(two_counties)
    assert "提醒#1" in await staff(two_counties, "lisi", "/提醒 明天9点 鹿泉区请报送", LUQUAN_GROUP)
    assert "提醒#2" in await staff(two_counties, "wangke", "/提醒 平山县 明天10点 平山县请报送", "wangke")
    listed = await staff(two_counties, "wangke", "/提醒列表", "wangke")
    assert "平山县请报送" in listed
    assert "鹿泉区请报送" not in listed
    refused = await staff(two_counties, "wangke", "/取消提醒 1", "wangke")
    assert "提醒#1不是发给您所在县的群的" in refused
    assert "已取消提醒#1" in await staff(two_counties, "lisi", "/取消提醒 1", "lisi")
    assert "只能给平山县的群设提醒" in await staff(
        two_counties, "wangke", "/提醒 鹿泉区 明天9点 检查", "wangke"
    )
    assert "只能给平山县的群设提醒" in await staff(two_counties, "wangke", "/提醒 明天9点 检查", LUQUAN_GROUP)
    # Staff without a county in BOT_STAFF (the console's simulated staff) see and may cancel everything.
    assert "已取消提醒#2" in await staff(two_counties, "市局", "/取消提醒 2", "市局")


async def test_failures_of_another_countys_groups_are_not_shown(two_counties: Harness) -> None:
    await bind_both(two_counties)
    deliveries = two_counties.app.context.repos.deliveries
    deliveries.record("reminder:9", "console", LUQUAN_GROUP, "提醒#9：鹿泉区的提醒", "missed", START)
    deliveries.record("reminder:8", "console", PINGSHAN_GROUP, "提醒#8：平山县的提醒", "missed", START)
    shown = await staff(two_counties, "wangke", "/发送失败", "wangke")
    assert "平山县的提醒" in shown
    assert "鹿泉区的提醒" not in shown
    assert "鹿泉区的提醒" in await staff(two_counties, "lisi", "/发送失败", "lisi")


async def test_failures_of_other_chats_are_not_listed_in_an_enterprise_group(two_counties: Harness) -> None:
    """Enterprises read a bound group: /发送失败 there names only that group's failed pushes, and counts the
    rest, which staff see in private (ux8 found every group's failures listed in an enterprise group)."""
    await bind_both(two_counties)
    await staff(two_counties, "wangke", "/绑定 平山县 分局", "平山分局群")
    deliveries = two_counties.app.context.repos.deliveries
    deliveries.record("reminder:8", "console", PINGSHAN_GROUP, "提醒#8：平山县的提醒", "missed", START)
    deliveries.record("reminder:7", "console", "wangke", "提醒#7：给张经理打电话13812345678", "missed", START)
    shown = await staff(two_counties, "wangke", "/发送失败", PINGSHAN_GROUP)
    assert "平山县的提醒" in shown
    assert "13812345678" not in shown
    assert "另有1条发到其他群或私聊的记录，不在群里列出：私聊我发送 /发送失败 查看" in shown
    assert "13812345678" in await staff(two_counties, "wangke", "/发送失败", "wangke")
    assert "13812345678" in await staff(two_counties, "wangke", "/发送失败", "平山分局群")


def test_a_county_in_bot_staff_that_does_not_exist_stops_the_start(settings: Settings) -> None:
    with pytest.raises(StartupError, match="BOT_STAFF 里的 wangke：没找到“平三县”对应的县"):
        make_harness(settings.model_copy(update={"staff": {"wangke": "平三县", "lisi": ""}}))


async def test_a_reminder_that_found_no_group_is_listed_to_its_countys_staff_only(
    two_counties: Harness,
) -> None:
    """staff18: the row a county reminder leaves when no group is bound there names the county, not a group, and
    staff of another county do not see it."""
    await staff(two_counties, "lisi", "/绑定 鹿泉区", LUQUAN_GROUP)
    await staff(two_counties, "wangke", "/提醒 平山县 明天9点 交名单", "wangke")
    await two_counties.say("wangke", "/截止", role="staff", chat="wangke", time="2020-07-16T09:05")
    listed = await staff(two_counties, "wangke", "/发送失败", "wangke")
    assert "提醒#1（7月16日 09:00）：交名单：平山县（没有绑定的群）" in listed
    assert "没有发送失败或错过的消息" in await staff(two_counties, "lisi", "/发送失败", "lisi")


@pytest.mark.parametrize(
    ("command", "said"),
    [
        ("/广播 平山县 鹿泉区 请报送申请名单", "请报送申请名单"),
        ("/广播 平山县、鹿泉区：请报送申请名单", "请报送申请名单"),
        ("/提醒 平山县，鹿泉市 明天10点 请报送", "明天10点 请报送"),
    ],
)
async def test_several_counties_named_together_are_refused_with_one_command_a_county(
    two_counties: Harness, command: str, said: str
) -> None:
    """ "/广播 平山县 鹿泉区 …" went to 平山县's groups only, the notice opening with "鹿泉区": several counties are
    refused, nothing waiting for a yes, with the command for each county to send on its own."""
    await bind_both(two_counties)
    refused = await staff(two_counties, "市局", command, "市局")
    name = command.split()[0]
    assert refused.startswith(f"一条{name}只能发给一个县（市、区）：您写了平山县、鹿泉区")
    assert f"\n{name} 平山县 {said}\n{name} 鹿泉区 {said}" in refused
    assert "没有等您回复的事项" in await staff(two_counties, "市局", "确认", "市局")
    assert "提醒#" not in await staff(two_counties, "市局", "/提醒列表", "市局")
    # a county inside the text is the text's, and so is a notice that opens with a county's name and goes on
    set_for = await staff(two_counties, "市局", "/提醒 平山县 明天10点 鹿泉区的企业也要报", "市局")
    assert set_for.startswith("好的，提醒#1将于7月16日 10:00发到平山县")
    asked = await staff(two_counties, "市局", "/广播 鹿泉区 平山县的企业也请注意：明天检查", "市局")
    assert asked.startswith("将向鹿泉区1个群发送以下通知：\n【通知】平山县的企业也请注意：明天检查")


@pytest.mark.parametrize("command", ["/申请列表", "/导出", "/提醒列表", "/发送失败"])
async def test_a_list_given_a_close_county_name_says_how_it_read_it(
    two_counties: Harness, command: str
) -> None:
    """ "/申请列表 平三县" listed 平山县's drafts without a word while /提醒 and /广播 ask first: a list only shows, so
    it answers at once, saying which county it read the name as."""
    await bind_both(two_counties)
    shown = await staff(two_counties, "市局", f"{command} 平三县", "市局")
    assert shown.startswith("按“平山县”查询（您写的是“平三县”"), shown
    exact = await staff(two_counties, "市局", f"{command} 平山县", "市局")
    assert "查询（您写的是" not in exact
