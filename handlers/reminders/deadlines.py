"""/截止 (还有几天截止): the upcoming deadlines for the asker's audience, with a countdown."""

from __future__ import annotations

from bot.message import ChatKind, Message, Reply, Role
from handlers.context import Context
from handlers.reminders.router import router
from knowledge.schedule import Audience


def audiences_of(msg: Message, ctx: Context) -> set[Audience]:
    """A bound group's audience; otherwise staff see every deadline and enterprises their own."""
    if msg.chat_kind is ChatKind.GROUP:
        binding = ctx.repos.groups.get(msg.channel, msg.chat_id)
        if binding is not None:
            return {Audience(binding.audience)}
    return set(Audience) if msg.role is Role.STAFF else {Audience.ENTERPRISE}


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
