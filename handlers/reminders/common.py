"""Shared by the reminders module: which county staff act on (times, countdowns, audiences read as knowledge/templates/_reminders.j2 says)."""

from __future__ import annotations

from bot.errors import UserError
from bot.message import Message
from handlers.context import Context, own_county
from storage.lazy import models


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


def reminder_of_own_county(msg: Message, ctx: Context, reminder: models.Announcement) -> bool:
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
