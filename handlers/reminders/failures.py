"""/发送失败: pushes that did not arrive: final failures, missed reminders, sends cut short."""

from __future__ import annotations

from datetime import timedelta

from bot.message import Message, Reply
from bot.outbox import SendFailure
from handlers.context import Context, own_county
from handlers.reminders.router import router

ROWS_READ = 1000  # the most recent rows looked at; one broadcast to every group fails at most that many
ITEMS_SHOWN = 10
CHATS_NAMED = 3
# A claim still "sending" after this long was cut short (the process stopped mid-send).
STUCK_AFTER = timedelta(minutes=10)


@router.command("发送失败", staff_only=True)
async def failures(msg: Message, ctx: Context, args: str) -> list[Reply]:
    rows = ctx.repos.deliveries.undelivered(stuck_before=ctx.clock.now() - STUCK_AFTER, limit=ROWS_READ)
    own = own_county(msg, ctx)
    if own is not None:  # staff of a county do not see what failed to reach other counties' groups
        others = {(g.channel, g.chat_id) for g in ctx.repos.groups.bound() if g.county != own.name}
        rows = [row for row in rows if (row.channel, row.chat_id) not in others]
    # One item per message and reason, naming a few of its chats: a failed broadcast is one line, not 300.
    items: dict[tuple[str, str, str | None], list[str]] = {}
    for row in rows:
        items.setdefault((row.status, row.label, row.error), []).append(row.chat_id)
    shown = [
        {
            "status": status,
            "label": label,
            "error": None if error is None else SendFailure.decode(error),
            "chats": sorted(chats)[:CHATS_NAMED],
            "chat_count": len(chats),
        }
        for (status, label, error), chats in list(items.items())[:ITEMS_SHOWN]
    ]
    return [msg.reply(ctx.render("failures.j2", items=shown, more=max(0, len(items) - ITEMS_SHOWN)))]
