"""/截止 (还有几天截止): the upcoming deadlines for the asker's audience, with a countdown."""

from __future__ import annotations

from bot.message import Message, Reply
from handlers.context import Context, audiences_of
from handlers.reminders.router import router
from knowledge.schedule import Audience


@router.command("deadlines")
async def deadlines(msg: Message, ctx: Context, args: str) -> list[Reply]:
    now = ctx.clock.now()
    audiences = audiences_of(msg, ctx)
    upcoming = ctx.schedule.upcoming(now, audiences)
    items = [
        {"deadline": deadline, "for": [a for a in deadline.audience if a in audiences]}
        for deadline in upcoming
    ]
    return [
        msg.reply(
            ctx.render(
                "deadlines.j2",
                campaign=ctx.schedule.title,
                now=now,
                items=items,
                show_audience=len(audiences) > 1,
                heading=[a for a in Audience if a in audiences],
                source=ctx.kb.cite_all(deadline.source for deadline in upcoming),
            )
        )
    ]
