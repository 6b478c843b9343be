"""Staff commands through the console harness: binding, ad-hoc reminders, broadcasts, failures."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from bot.app import build_app
from bot.clock import ManualClock
from bot.message import Reply
from bot.outbox import Failure, RecordingOutbox, SendError, SendFailure, TransientSendError
from bot.settings import Settings
from storage.models import DialogueRecord
from tests.fake_robot import FakeTime
from tests.harness import START, Harness, make_harness, make_settings

PINGSHAN = "平山县企业群"
LUQUAN = "鹿泉区企业群"
BRANCH = "平山县分局群"


async def bind_three(harness: Harness) -> None:
    await harness.say("王科长", "/绑定 平山县", chat=PINGSHAN, role="staff")
    await harness.say("王科长", "/绑定 鹿泉区", chat=LUQUAN, role="staff")
    await harness.say("王科长", "/绑定 平山分局", chat=BRANCH, role="staff")


def pushed(replies: list[Reply], prefix: str = "") -> dict[str, str]:
    """Group pushes (not addressed to anyone) whose text starts with `prefix`, by chat."""
    return {
        r.chat_id: r.text
        for r in replies
        if r.to is None and r.chat_id in (PINGSHAN, LUQUAN, BRANCH) and r.text.startswith(prefix)
    }


async def test_binding_understands_county_and_audience_and_explains_mistakes(harness: Harness) -> None:
    text = await harness.text("王科长", "/绑定 平山 分局", chat="某群", role="staff")
    assert text.startswith("已把本群绑定到平山县（分局群）")
    assert "分局汇总上报申请名单，2020年7月18日12:00前" in text
    asked = await harness.text(
        "王科长", "/绑定 鹿泉区", chat="某群", role="staff"
    )  # a rebinding is confirmed first
    assert asked.startswith("本群现在绑定平山县·分局群。确定改绑到鹿泉区（企业群）吗？")
    text = await harness.text("王科长", "确认", chat="某群", role="staff")
    assert text.startswith("已把本群绑定到鹿泉区（企业群），原为平山县·分局群")
    for wrong, reason in [
        ("", "请写上要绑定的县"),
        ("火星县", "没找到“火星县”"),
        ("平山 分局 企业", "没看懂"),
        (
            "平山县 乡镇",
            "“乡镇”不是群的种类：群只能绑定为平山县的企业群（默认）或分局群。",
        ),  # was "没看懂要绑定哪个县"
    ]:
        text = await harness.text("王科长", f"/绑定 {wrong}", chat="某群", role="staff")
        assert reason in text
        assert "/绑定 平山县 分局" in text  # how to ask again
    assert "请在要绑定的群里发送" in await harness.text("王科长", "/绑定 平山县", chat="王科长", role="staff")


async def test_unbinding_asks_first_and_the_question_survives_a_restart(settings: Settings) -> None:
    harness = make_harness(settings)
    await bind_three(harness)
    question = await harness.text("王科长", "/解绑", chat=PINGSHAN, role="staff")
    assert "确定解绑本群（平山县·企业群）吗" in question
    again = await harness.text("王科长", "嗯嗯", chat=PINGSHAN, role="staff")
    assert again.startswith("请回复“确认”或“取消”。")
    assert "确定解绑本群" in again
    assert (
        await harness.text("王科长", "取消", chat=PINGSHAN, role="staff")
        == "已取消，本群仍绑定平山县·企业群。"
    )
    await harness.say("王科长", "/解绑", chat=PINGSHAN, role="staff")

    restarted = harness_on(settings, START.replace(hour=10), RecordingOutbox())  # a new process
    assert "已解绑" in await restarted.text("王科长", "确认", chat=PINGSHAN, role="staff")
    assert "还没有绑定" in await restarted.text("王科长", "/解绑", chat=PINGSHAN, role="staff")
    replies = await restarted.say("张三", "hi", chat=PINGSHAN, time="2020-07-16T12:00")
    assert PINGSHAN not in pushed(replies)  # the unbound group gets no reminder
    assert "还有1天" in pushed(replies)[LUQUAN]


def harness_on(settings: Settings, start: datetime, outbox: RecordingOutbox) -> Harness:
    """A harness whose sends are paced on fake time: a retry's backoff passes without waiting."""
    clock = ManualClock(start)
    pacing = FakeTime()
    return Harness(
        build_app(settings, clock, outbox, monotonic=pacing.now, sleep=pacing.sleep), clock, outbox
    )


async def test_staff_reminders_go_to_their_group_or_county_at_their_time(harness: Harness) -> None:
    await bind_three(harness)
    mine = await harness.text("王科长", "/提醒 明天9点 请带好公章", chat=PINGSHAN, role="staff")
    assert mine == "好的，提醒#1将于7月16日 09:00发到本群：请带好公章\n取消请发送 /取消提醒 1"
    county = await harness.text(
        "王科长", "/提醒 平山 7月17日9:00 申请名单今天12:00截止", chat="王科长", role="staff"
    )
    assert "提醒#2将于7月17日 09:00发到平山县绑定的群（现有2个）" in county
    assert "#3将于7月15日 11:00" in await harness.text(
        "王科长", "/提醒 2小时后 开会", chat=LUQUAN, role="staff"
    )
    for wrong, reason in [
        ("2020-07-14 09:00 过去的事", "7月14日 09:00已经过去了（现在是7月15日 09:00）"),
        ("9点 开会", "7月15日 09:00就是现在，请给一个以后的时间。"),  # was "已经过去了（现在是…09:00）"
        ("请交材料", "没看懂提醒时间"),
        ("明天9点", "请在时间后面写上提醒内容"),
        ("明天9点 。。。", "请在时间后面写上提醒内容"),  # punctuation alone was a reminder reading "。。。"
    ]:
        text = await harness.text("王科长", f"/提醒 {wrong}", chat=PINGSHAN, role="staff")
        assert reason in text
        assert "用法：/提醒 时间 内容" in text

    listing = await harness.text("王科长", "/提醒列表", chat=PINGSHAN, role="staff")
    assert "#1 7月16日 09:00 → 本群：请带好公章（王科长）" in listing
    assert "#2 7月17日 09:00 → 平山县各群：申请名单今天12:00截止（王科长）" in listing
    assert "· 7月15日 12:00 → 分局群1个：分局汇总上报申请名单（2020年7月18日12:00前）" in listing
    assert "· 7月16日 12:00 → 企业群2个：企业报送绩效评级申请名单（2020年7月17日12:00前）" in listing

    assert "已取消提醒#3" in await harness.text("王科长", "/取消提醒 3", chat=PINGSHAN, role="staff")
    assert "提醒#3已经取消" in await harness.text("王科长", "/取消提醒 #3", chat=PINGSHAN, role="staff")
    assert "没有编号为99的提醒" in await harness.text("王科长", "/取消提醒 99", chat=PINGSHAN, role="staff")
    # a number past any database integer failed the reply ("处理您的消息时出了点问题"), "²" too (a digit int() cannot
    # read); a full-width one is the number
    huge = "9" * 30
    assert f"没有编号为{huge}的提醒" in await harness.text(
        "王科长", f"/取消提醒 {huge}", chat=PINGSHAN, role="staff"
    )
    assert "不是提醒编号" in await harness.text("王科长", "/取消提醒 ²", chat=PINGSHAN, role="staff")
    assert "提醒#3已经取消" in await harness.text("王科长", "/取消提醒 ＃３", chat=PINGSHAN, role="staff")
    # ux30: the reminder's name as the bot writes it, copied from its confirmation, was told 不是提醒编号
    for copied in ("提醒#3", "提醒＃３", "提醒3"):
        assert "提醒#3已经取消" in await harness.text(
            "王科长", f"/取消提醒 {copied}", chat=PINGSHAN, role="staff"
        )
    worded = await harness.text("王科长", "/取消提醒 明天的", chat=PINGSHAN, role="staff")
    assert worded.startswith("“明天的”不是提醒编号。请写上提醒编号")  # what was wrong with what was written
    bare = await harness.text("王科长", "/取消提醒", chat=PINGSHAN, role="staff")
    assert bare.startswith("请写上提醒编号")

    at_11 = pushed(await harness.say("张三", "hi", chat=PINGSHAN, time="2020-07-15T11:30"), "【提醒】")
    assert at_11 == {}  # #3 was cancelled
    at_9 = pushed(await harness.say("张三", "hi", chat=PINGSHAN, time="2020-07-16T09:00"), "【提醒】")
    assert at_9 == {PINGSHAN: "【提醒】请带好公章\n——王科长"}
    next_day = pushed(await harness.say("张三", "hi", chat=PINGSHAN, time="2020-07-17T09:00"), "【提醒】")
    assert set(next_day) == {PINGSHAN, BRANCH}
    assert next_day[BRANCH] == "【提醒】申请名单今天12:00截止\n——王科长"
    assert await harness.tick() == 0
    assert "提醒#1已经发出" in await harness.text("王科长", "/取消提醒 1", chat=PINGSHAN, role="staff")


async def test_staff_cancel_a_reminder_typed_without_the_slash(harness: Harness) -> None:
    """ux31: county staff typed 取消提醒 2 as they say it and got the Q&A's unsure answer; the reminder stayed."""
    await bind_three(harness)
    for when in ("明天9点", "明天10点", "明天11点"):
        await harness.say("王科长", f"/提醒 {when} 请带好公章", chat=PINGSHAN, role="staff")
    assert "已取消提醒#2" in await harness.text("王科长", "取消提醒 2", chat=PINGSHAN, role="staff")
    assert "已取消提醒#3" in await harness.text("王科长", "取消提醒＃３", chat=PINGSHAN, role="staff")
    assert (await harness.text("王科长", "取消提醒", chat=PINGSHAN, role="staff")).startswith(
        "请写上提醒编号"
    )
    listing = await harness.text("王科长", "/提醒列表", chat=PINGSHAN, role="staff")
    assert "#1 7月16日 09:00" in listing
    assert "#2 " not in listing
    assert "#3 " not in listing
    # words after it leave it a question, as 修改申请名单要找谁 is one
    assert "提醒#1" not in await harness.text("王科长", "取消提醒要找谁", chat=PINGSHAN, role="staff")


async def test_a_reminder_set_in_the_small_hours_unsaid_is_said_to_fall_in_the_night(
    harness: Harness,
) -> None:
    """ "7月17日" then "3点半" set a reminder to the county's groups for 03:30 with nothing said of it: the hour of a
    day named is taken as said, and a notice at night is rarely meant."""
    await bind_three(harness)
    await harness.say("王科长", "/提醒 平山县 7月17日 提交名单", chat="王科长", role="staff")
    night = await harness.text("王科长", "3点半", chat="王科长", role="staff")
    assert night.startswith("好的，提醒#1将于7月17日 03:30发到平山县绑定的群")
    assert "注意：03:30是凌晨。要的如果是下午，请发送 /取消提醒 1，再写明“下午”重新设置。" in night
    said = await harness.text("王科长", "/提醒 平山县 7月17日凌晨3点半 开机检查", chat="王科长", role="staff")
    assert "凌晨" not in said.replace("7月17日凌晨3点半", "")  # said so: nothing to warn of
    afternoon = await harness.text(
        "王科长", "/提醒 平山县 7月17日下午3点半 提交名单", chat="王科长", role="staff"
    )
    assert "是凌晨" not in afternoon
    # a part of the day said in the reminder's text is no part of its time: 3点 is still 03:00
    in_text = await harness.text("王科长", "/提醒 平山县 7月17日3点 下午开会", chat="王科长", role="staff")
    assert "注意：03:00是凌晨。" in in_text


async def test_a_reminder_in_another_year_says_its_year(harness: Harness) -> None:
    """ "/提醒 2021年1月1日9点 开会" (or 9999年) was confirmed and listed as "1月1日 09:00", as if this campaign's."""
    await bind_three(harness)
    later = await harness.text("王科长", "/提醒 平山县 2021年1月1日9点 开会", chat="王科长", role="staff")
    assert later.startswith("好的，提醒#1将于2021年1月1日 09:00发到平山县绑定的群")
    this_year = await harness.text("王科长", "/提醒 平山县 7月20日9点 开会", chat="王科长", role="staff")
    assert this_year.startswith("好的，提醒#2将于7月20日 09:00发到")
    listing = await harness.text("王科长", "/提醒列表", chat="王科长", role="staff")
    assert "#1 2021年1月1日 09:00 → 平山县各群：开会" in listing
    assert "#2 7月20日 09:00 → 平山县各群：开会" in listing


async def test_overdue_staff_reminder_is_sent_within_grace_then_recorded_missed(harness: Harness) -> None:
    await bind_three(harness)
    await harness.say("王科长", "/提醒 7月20日9:00 早到的", chat=PINGSHAN, role="staff")
    await harness.say("王科长", "/提醒 7月21日9:00 太迟的", chat=PINGSHAN, role="staff")
    late = pushed(await harness.say("张三", "hi", chat=PINGSHAN, time="2020-07-20T10:59"), "【提醒】")
    assert late == {PINGSHAN: "【提醒】早到的\n——王科长"}  # 1 h 59 min late: still useful
    missed = pushed(await harness.say("张三", "hi", chat=PINGSHAN, time="2020-07-21T11:01"), "【提醒】")
    assert missed == {}  # 2 h 1 min late: recorded, not sent
    failures = await harness.text("王科长", "/发送失败", chat="王科长", role="staff")
    assert "提醒#2（7月21日 09:00）：太迟的：平山县·企业群" in failures
    assert "早到的" not in failures


class FailingOutbox(RecordingOutbox):
    """A robot that is gone for one group and busy twice for another."""

    def __init__(self) -> None:
        super().__init__()
        self.busy = 2

    async def send(self, reply: Reply) -> None:
        if reply.chat_id == LUQUAN and reply.to is None:
            raise SendError(SendFailure(Failure.REFUSED, "wecom_robot", errcode=93001, errmsg="invalid url"))
        if reply.chat_id == BRANCH and reply.to is None and self.busy:
            self.busy -= 1
            raise TransientSendError(SendFailure(Failure.BUSY, "wecom_robot", errcode=-1))
        await super().send(reply)


async def test_broadcast_confirms_counts_reports_and_lists_failures(tmp_path: Path) -> None:
    harness = harness_on(make_settings(f"sqlite:///{tmp_path}/bot.db"), START, FailingOutbox())
    await bind_three(harness)
    assert "还没有绑定的群" in await harness.text(
        "王科长", "/广播 化工园区 通知", chat="王科长", role="staff"
    )
    assert "请写上要广播的内容" in await harness.text("王科长", "/广播", chat="王科长", role="staff")
    # an empty notice with a slip of punctuation was previewed as 【通知】。 and sent on 确认
    for empty in ("/广播 平山县 。", "/广播 ……", "/广播 ？？"):
        assert "请写上要广播的内容" in await harness.text("王科长", empty, chat="王科长", role="staff"), empty
    question = await harness.text("王科长", "/广播 平山县 明天上午检查", chat="王科长", role="staff")
    assert question.startswith("将向平山县2个群发送以下通知：\n【通知】明天上午检查\n——王科长")
    assert await harness.text("王科长", "取消", chat="王科长", role="staff") == "已取消，没有发送。"
    question = await harness.text("王科长", "/广播 请各企业按时报送", chat="王科长", role="staff")
    assert question.startswith("将向所有绑定的3个群发送以下通知")
    replies = await harness.say("王科长", "确认", chat="王科长", role="staff")
    await harness.app.drain()  # a retry's backoff held nothing up: the rest comes when it is done
    replies += harness.outbox.take()
    to_staff = [r.text for r in replies if r.chat_id == "王科长"]
    assert to_staff[0] == "开始发送广播#1，共3个群，发完告诉您结果。"
    assert "广播#1发送完毕：共3个群，送达2个，失败1个。\n发送 /发送失败 查看失败的群和原因。" == to_staff[-1]
    assert set(pushed(replies)) == {PINGSHAN, BRANCH}  # the branch's robot was busy twice, then took it
    failures = await harness.text("王科长", "/发送失败", chat="王科长", role="staff")
    assert "发送失败（已按规则重试）：" in failures
    assert (
        "1. 广播#1：请各企业按时报送——群机器人拒收（errcode 93001：invalid url）：鹿泉区·企业群" in failures
    )
    assert "平山县分局群" not in failures


async def test_a_broadcast_of_a_county_name_alone_asks_for_the_notice(harness: Harness) -> None:
    await bind_three(harness)
    for county in ("平山县", "平山"):
        refused = await harness.text("王科长", f"/广播 {county}", chat="王科长", role="staff")
        assert refused.startswith("只写了县名“平山县”，还没有写要广播的内容")  # not "平山县" to every group
        assert "/广播 平山县 请各企业" in refused
    assert "开始发送广播" not in await harness.text("王科长", "确认", chat="王科长", role="staff")


async def test_a_confirmation_never_overwrites_another_modules_dialogue(harness: Harness) -> None:
    await bind_three(harness)
    other = DialogueRecord(
        channel="console",
        chat_id="王科长",
        sender_id="王科长",
        flow="self_assessment",
        step="industry",
        answers={"name": "某铸造厂"},
        updated_at=harness.clock.now(),
    )
    harness.app.context.repos.dialogues.save(other)
    text = await harness.text("王科长", "/广播 请注意", chat="王科长", role="staff")
    assert "您还有一个没完成的对话" in text
    kept = harness.app.context.repos.dialogues.get("console", "王科长", "王科长")
    assert kept is not None
    assert (kept.flow, kept.answers) == ("self_assessment", {"name": "某铸造厂"})


async def test_binding_a_wecom_group_without_a_robot_says_pushes_cannot_arrive(harness: Harness) -> None:
    from dataclasses import replace

    message = harness.adapter.message("wrkGroup01", "王科长", "/绑定 平山县", "staff", None, True)
    replies = await harness.app.submit(replace(message, channel="wecom_bot"))
    assert "本群还没有群机器人" in replies[0].text
    assert "截止前我会在本群提醒" not in replies[0].text


async def test_a_reminder_where_the_ai_bot_cannot_push_is_refused(harness: Harness) -> None:
    from dataclasses import replace

    message = harness.adapter.message("wangke", "wangke", "/提醒 明天9点 交材料", "staff", None, True)
    replies = await harness.app.submit(replace(message, channel="wecom_bot"))
    assert "发不出去" in replies[0].text
    assert "/提醒 平山县" in replies[0].text
    assert harness.app.context.repos.announcements.scheduled_reminders() == []


async def test_rebinding_a_group_to_another_county_waits_for_a_confirmation(harness: Harness) -> None:
    """It moves where the group's reminders and broadcasts go: one mistyped county used to move them silently."""
    await harness.say("王科长", "/绑定 平山县", chat="某群", role="staff")
    asked = await harness.text("王科长", "/绑定 鹿泉区", chat="某群", role="staff")
    assert asked.startswith(
        "本群现在绑定平山县·企业群。确定改绑到鹿泉区（企业群）吗？改绑后本群收到鹿泉区的截止提醒和广播，不再收到平山县的。"
    )
    assert harness.app.context.repos.groups.get("console", "某群").county == "平山县"  # type: ignore[union-attr]
    kept = await harness.text("王科长", "取消", chat="某群", role="staff")
    assert kept.startswith("已取消，本群仍绑定平山县·企业群。")
    assert harness.app.context.repos.groups.get("console", "某群").county == "平山县"  # type: ignore[union-attr]
    await harness.say("王科长", "/绑定 鹿泉区", chat="某群", role="staff")
    moved = await harness.text("王科长", "确认", chat="某群", role="staff")
    assert moved.startswith("已把本群绑定到鹿泉区（企业群），原为平山县·企业群")
    assert harness.app.context.repos.groups.get("console", "某群").county == "鹿泉区"  # type: ignore[union-attr]
