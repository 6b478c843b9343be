"""Shared by the reminders module: which county staff act on; whether pushes can arrive.

How times, countdowns and audiences read is knowledge/templates/_reminders.j2.
"""

from __future__ import annotations

from bot.errors import UserError
from bot.message import Message
from handlers.context import Context, own_county
from storage.models import Announcement, GroupBinding

# The WeCom AI bot can only answer a message; it cannot start one, so pushes need the group's robot.
ANSWER_ONLY_CHANNEL = "wecom_bot"


def needs_robot(msg: Message, ctx: Context) -> bool:
    """Whether reminders for this group have no way in until a group robot is attached (/机器人)."""
    if msg.channel != ANSWER_ONLY_CHANNEL:
        return False
    return ctx.repos.groups.robot_key(msg.channel, msg.chat_id) is None and not configured_robot(
        ctx, msg.chat_id
    )


def unreachable(ctx: Context, group: GroupBinding) -> bool:
    """A bound group pushes cannot reach: a WeCom AI-bot group with no group robot."""
    return (
        group.channel == ANSWER_ONLY_CHANNEL
        and not group.robot_key
        and not configured_robot(ctx, group.chat_id)
    )


def configured_robot(ctx: Context, chat_id: str) -> bool:
    return chat_id in ctx.settings.wecom_robots


def within_own_county(msg: Message, ctx: Context, county: str | None, doing: str) -> str | None:
    """The county a staff command acts on. Staff of a county (BOT_STAFF) act on their own only, and naming
    none means theirs; other staff act on what they named (None: every county). `doing` ("broadcast",
    "remind", …) is what own_county_only.j2 says they may do in their own."""
    own = own_county(msg, ctx)
    if own is None:
        return county
    if county is not None and county != own.name:
        raise UserError(ctx.render("own_county_only.j2", own=own.name, doing=doing))
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
