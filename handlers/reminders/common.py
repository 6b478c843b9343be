"""Shared by the reminders module: wording of times, countdowns, audiences, targets; whether pushes can arrive."""

from __future__ import annotations

from datetime import datetime

from bot.message import Message
from handlers.context import Context
from knowledge.schedule import Audience

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


# The WeCom AI bot can only answer a message; it cannot start one, so pushes need the group's robot.
ANSWER_ONLY_CHANNEL = "wecom_bot"


def needs_robot(msg: Message, ctx: Context) -> bool:
    """Whether reminders for this group have no way in until a group robot is attached (/机器人)."""
    if msg.channel != ANSWER_ONLY_CHANNEL:
        return False
    return (
        ctx.repos.groups.robot_key(msg.channel, msg.chat_id) is None
        and msg.chat_id not in ctx.settings.wecom_robots
    )
