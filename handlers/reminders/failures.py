"""/发送失败: pushes that did not arrive: final failures, missed reminders, reminders that found no group, sends cut
short."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from bot.delivery import Outcome
from bot.message import Message, Reply
from bot.outbox import SendFailure
from handlers.context import Context, county_read_as, own_county, read_as_said, staff_alone_read
from handlers.reminders import broadcast
from handlers.reminders.common import (
    NO_GROUP_CHANNEL,
    Chat,
    chat_names,
    chats_of_named_county,
    private_reminder_owners,
)
from handlers.reminders.router import router
from handlers.reminders.scheduler import render_reminder, staff_reminder_text
from storage.lazy import models

ROWS_READ = 1000  # the most recent rows looked at; one broadcast to every group fails at most that many
ITEMS_SHOWN = 10
CHATS_NAMED = 3
# A claim still "sending" after this long was cut short (the process stopped mid-send).
STUCK_AFTER = timedelta(minutes=10)


@router.command("failures", staff_only=True)
async def failures(msg: Message, ctx: Context, args: str) -> list[Reply]:
    rows = ctx.repos.deliveries.undelivered(stuck_before=ctx.clock.now() - STUCK_AFTER, limit=ROWS_READ)
    rows = visible_to(msg, ctx, rows)
    county, its_groups = chats_of_named_county(ctx, args, "failures")
    if county is not None:
        rows = [row for row in rows if (row.channel, row.chat_id) in its_groups]
    elsewhere = 0
    if not staff_alone_read(msg, ctx):
        # enterprises read this group: only its own pushes are listed, not which other groups failed
        here = [row for row in rows if (row.channel, row.chat_id) == (msg.channel, msg.chat_id)]
        rows, elsewhere = here, len(rows) - len(here)
    # One item per message and reason, naming a few of its chats: a failed broadcast is one line, not 300.
    items: dict[tuple[str, str, str | None], list[Chat]] = {}
    for row in rows:
        items.setdefault((row.status, row.label, row.error), []).append((row.channel, row.chat_id))
    listed = list(items.items())[:ITEMS_SHOWN]
    named = {chat for _, chats in listed for chat in sorted(chats)[:CHATS_NAMED]}
    names = chat_names(ctx, named, private_reminder_owners(reminders_pushed(ctx, rows)))
    shown = [
        {
            "status": status,
            "label": label,
            "error": None if error is None else SendFailure.decode(error),
            "chats": [names[chat] for chat in sorted(chats)[:CHATS_NAMED]],
            "chat_count": len(chats),
        }
        for (status, label, error), chats in listed
    ]
    more = max(0, len(items) - ITEMS_SHOWN)
    listing = ctx.render("failures.j2", items=shown, more=more, elsewhere=elsewhere)
    return [msg.reply(read_as_said(county_read_as(ctx, args), listing))]


def reminders_pushed(ctx: Context, rows: Iterable[models.DeliveryRecord]) -> list[models.Announcement]:
    """The staff reminders that some of the ledger's `rows` are pushes of."""
    numbers = {row.key.partition(":")[2] for row in rows if row.key.startswith("reminder:")}
    reminders = (ctx.repos.announcements.get(int(number)) for number in numbers if number.isdigit())
    return [reminder for reminder in reminders if reminder is not None]


def visible_to(msg: Message, ctx: Context, rows: list[models.DeliveryRecord]) -> list[models.DeliveryRecord]:
    """The ledger rows a staff member may see: staff of a county not those of other counties' groups, nor of
    other counties' reminders that found no group."""
    own = own_county(msg, ctx)
    if own is None:
        return rows
    others = {(g.channel, g.chat_id) for g in ctx.repos.groups.bound() if g.county != own.name}
    return [
        row
        for row in rows
        if (row.channel, row.chat_id) not in others
        and (row.channel != NO_GROUP_CHANNEL or row.chat_id == own.name)
    ]


def push_text(ctx: Context, key: str) -> str | None:
    """The text a ledger key stands for, as it is sent now; None when its source is gone."""
    prefix, _, number = key.partition(":")
    if prefix in ("broadcast", "reminder") and number.isdigit():
        notice = ctx.repos.announcements.get(int(number))
        if notice is None:
            return None
        return broadcast.text_of(ctx, notice) if prefix == "broadcast" else staff_reminder_text(ctx, notice)
    occurrence = next((o for o in ctx.schedule.occurrences() if o.key == key), None)
    return None if occurrence is None else render_reminder(ctx, occurrence)


async def resend(ctx: Context, row_id: int) -> Outcome | None:
    """Send a failed push again (重发) under its own ledger row, so at most once however often it is asked
    for: None when the row is not failed (any more) or its text cannot be made again."""
    row = ctx.repos.deliveries.get(row_id)
    text = None if row is None else push_text(ctx, row.key)
    if row is None or text is None or ctx.repos.deliveries.reclaim_failed(row_id, ctx.clock.now()) is None:
        return None
    outcome = await ctx.delivery.send(Reply(row.channel, row.chat_id, text))
    ctx.repos.deliveries.finish(
        row.key,
        row.channel,
        row.chat_id,
        outcome.delivered,
        outcome.attempts,
        None if outcome.error is None else outcome.error.encode(),
        ctx.clock.now(),
    )
    return outcome
