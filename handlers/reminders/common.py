"""Shared by the reminders module: wording of times, countdowns, audiences, targets; the county staff act on."""

from __future__ import annotations

from datetime import datetime

from bot.errors import UserError
from bot.message import Message
from handlers.context import Context, own_county
from knowledge.schedule import Audience
from storage.models import Announcement

GROUP_KIND = {Audience.ENTERPRISE: "企业群", Audience.COUNTY_BRANCH: "分局群"}


def day_time(moment: datetime) -> str:
    """7月17日 12:00"""
    return f"{moment.month}月{moment.day}日 {moment:%H:%M}"


def countdown(now: datetime, due: datetime) -> str:
    """还有2天3小时 / 还有5小时 / 还有40分钟 / 已截止"""
    left = due - now
    if left.total_seconds() <= 0:
        return "已截止"
    days, hours, minutes = left.days, left.seconds // 3600, left.seconds % 3600 // 60
    if days:
        return f"还有{days}天{hours}小时" if hours else f"还有{days}天"
    if hours:
        return f"还有{hours}小时{minutes}分钟" if minutes else f"还有{hours}小时"
    return f"还有{max(minutes, 1)}分钟"


def group_kind(audience: str) -> str:
    return GROUP_KIND[Audience(audience)]


def within_own_county(msg: Message, ctx: Context, county: str | None, doing: str) -> str | None:
    """The county a staff command acts on. Staff of a county (BOT_STAFF) act on their own only, and naming
    none means theirs; other staff act on what they named (None: every county). `doing` reads
    "向{county}的群广播"."""
    own = own_county(msg, ctx)
    if own is None:
        return county
    if county is not None and county != own.name:
        raise UserError(f"您是{own.name}的工作人员，只能{doing.format(county=own.name)}。")
    return own.name


def reminder_of_own_county(msg: Message, ctx: Context, reminder: Announcement) -> bool:
    """Whether staff may see and cancel a staff reminder: always, unless BOT_STAFF gives them a county;
    then their own reminders and those for their county or one of its groups."""
    own = own_county(msg, ctx)
    if own is None or reminder.created_by == msg.sender_id:
        return True
    if reminder.county is not None:
        return reminder.county == own.name
    if reminder.target_channel is None or reminder.target_chat_id is None:
        return False
    binding = ctx.repos.groups.get(reminder.target_channel, reminder.target_chat_id)
    return binding is not None and binding.county == own.name
