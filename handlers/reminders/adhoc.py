"""/提醒, /提醒列表, /取消提醒: reminders staff schedule themselves, next to the campaign's."""

from __future__ import annotations

from bot.errors import UserError
from bot.message import ChatKind, Message, Reply
from bot.timeparse import parse_when
from handlers.context import Context, own_county
from handlers.reminders.common import day_time, group_kind, reminder_of_own_county, within_own_county
from handlers.reminders.router import router
from knowledge.base import County
from knowledge.schedule import Audience
from storage.models import Announcement

REMIND_USAGE = (
    "用法：/提醒 时间 内容（发到本群），或 /提醒 县名 时间 内容（发到该县绑定的群）。"
    "例如：/提醒 明天9点 请按时报送申请名单；/提醒 平山县 7月17日9:00 申请名单今天12:00截止"
)
UPCOMING_CAMPAIGN_SHOWN = 8


@router.command("提醒", staff_only=True, summary="定时提醒本群或某县的群")
async def remind(msg: Message, ctx: Context, args: str) -> list[Reply]:
    now = ctx.clock.now()
    county: County | None = None
    parsed = None
    words = args.split(maxsplit=1)
    if len(words) == 2:
        county = ctx.kb.counties.match(words[0])
        parsed = parse_when(words[1], now) if county is not None else None
        if parsed is None:
            county = None
    if parsed is None:
        parsed = parse_when(args, now)
    if parsed is None:
        raise UserError(f"没看懂提醒时间。{REMIND_USAGE}")
    moment, text = parsed
    if not text:
        raise UserError(f"请在时间后面写上提醒内容。{REMIND_USAGE}")
    if moment <= now:
        raise UserError(
            f"{day_time(moment)}已经过去了（现在是{day_time(now)}），请给一个以后的时间。{REMIND_USAGE}"
        )
    if county is not None:
        within_own_county(msg, ctx, county.name, "给{county}的群设提醒")
    else:
        binding = ctx.repos.groups.get(msg.channel, msg.chat_id)
        if binding is not None:  # an unbound group is nobody's: staff may remind the one they are in
            within_own_county(msg, ctx, binding.county, "给{county}的群设提醒")
    if county is None and ctx.reach.push_via(msg.channel, msg.chat_id) is None:
        raise UserError(
            "企业微信智能机器人只能回答消息，不能主动发到这里，所以这条提醒发不出去。"
            "请在已用 /机器人 设置了群机器人的群里发，或写明县（市、区）：/提醒 平山县 时间 内容。"
        )
    reminder = ctx.repos.announcements.add(
        Announcement(
            kind="reminder",
            text=text,
            target_channel=None if county else msg.channel,
            target_chat_id=None if county else msg.chat_id,
            county=county.name if county else None,
            due_at=moment,
            status="scheduled",
            created_by=msg.sender_id,
            created_by_name=msg.sender_name,
            created_at=now,
        )
    )
    if county is None:
        target = "本群" if msg.chat_kind is ChatKind.GROUP else "这里"
        warning = ""
    else:
        count = len(ctx.repos.groups.bound(county.name))
        target = f"{county.name}绑定的群（现有{count}个）"
        warning = "" if count else f"\n注意：{county.name}还没有绑定的群，到时仍没有就不会发出。"
    return [
        msg.reply(
            f"好的，提醒#{reminder.id}将于{day_time(moment)}发到{target}：{text}\n"
            f"取消请发送 /取消提醒 {reminder.id}{warning}"
        )
    ]


@router.command("提醒列表", staff_only=True, summary="查看即将发出的提醒")
async def list_reminders(msg: Message, ctx: Context, args: str) -> list[Reply]:
    now = ctx.clock.now()
    staff = [
        {
            "id": reminder.id,
            "when": day_time(reminder.due_at),
            "target": _target_name(msg, reminder),
            "text": reminder.text,
            "sender": reminder.created_by_name,
        }
        for reminder in ctx.repos.announcements.scheduled_reminders()
        if reminder_of_own_county(msg, ctx, reminder)
    ]
    own = own_county(msg, ctx)
    groups = ctx.repos.groups.bound(own.name if own else None)
    per_audience = {a: sum(1 for g in groups if g.audience == a) for a in Audience}
    campaign = [
        {
            "when": day_time(occurrence.at),
            "target": "、".join(f"{group_kind(a)}{per_audience[a]}个" for a in occurrence.deadline.audience),
            "title": occurrence.deadline.title,
            "due": occurrence.deadline.due_text,
        }
        for occurrence in ctx.schedule.occurrences()
        if occurrence.at > now
    ]
    return [
        msg.reply(
            ctx.render(
                "reminder_list.j2",
                staff=staff,
                campaign=campaign[:UPCOMING_CAMPAIGN_SHOWN],
                more=max(0, len(campaign) - UPCOMING_CAMPAIGN_SHOWN),
            )
        )
    ]


def _target_name(msg: Message, reminder: Announcement) -> str:
    if reminder.county is not None:
        return f"{reminder.county}各群"
    if (reminder.target_channel, reminder.target_chat_id) == (msg.channel, msg.chat_id):
        return "本群" if msg.chat_kind is ChatKind.GROUP else "这里"
    return f"“{reminder.target_chat_id}”"


@router.command("取消提醒", staff_only=True, summary="取消一条自定提醒")
async def cancel_reminder(msg: Message, ctx: Context, args: str) -> list[Reply]:
    number = args.strip().lstrip("#＃")
    if not number.isdigit():
        raise UserError("请写上提醒编号，例如：/取消提醒 3（编号见 /提醒列表）")
    reminder = ctx.repos.announcements.get(int(number))
    if reminder is None or reminder.kind != "reminder":
        raise UserError(f"没有编号为{number}的提醒。发送 /提醒列表 查看。")
    if not reminder_of_own_county(msg, ctx, reminder):
        raise UserError(f"提醒#{number}不是发给您所在县的群的，只有设它的人或该县的工作人员能取消。")
    if not ctx.repos.announcements.move(int(number), "scheduled", "cancelled"):
        state = {"done": "已经发出", "missed": "已错过", "cancelled": "已经取消"}.get(
            reminder.status, "不能取消"
        )
        raise UserError(f"提醒#{number}{state}，无需取消。")
    return [msg.reply(f"已取消提醒#{number}（{day_time(reminder.due_at)}）：{reminder.text}")]
