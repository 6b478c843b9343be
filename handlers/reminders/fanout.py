"""Sending one push to many chats exactly once: claim the ledger row, send, settle it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from bot.delivery import Outcome
from bot.message import Reply
from handlers.context import Context


@dataclass(frozen=True)
class Push:
    key: str  # with the chat, the ledger's unique key: campaign/deadline/time, reminder:12, broadcast:3
    reply: Reply
    label: str  # what the staff's failure list calls it


@dataclass(frozen=True)
class Tally:
    """What this call sent; pushes someone else had claimed first count in neither."""

    delivered: int
    failed: int


async def push_all(
    ctx: Context, pushes: Sequence[Push], after_each: Callable[[Outcome], Awaitable[None]] | None = None
) -> Tally:
    """Send each push unless its row is already claimed; a few chats at a time (send_concurrency).

    The row is claimed right before the message goes out, so a process that dies mid-way leaves at most
    `send_concurrency` rows in "sending", which the failure list shows.
    """
    gate = asyncio.Semaphore(ctx.config.send_concurrency)
    repos = ctx.repos.deliveries

    async def one(push: Push) -> Outcome | None:
        channel, chat_id = push.reply.channel, push.reply.chat_id
        async with gate:
            if not repos.claim(push.key, channel, chat_id, push.label, ctx.clock.now()):
                return None
            outcome = await ctx.delivery.send(push.reply)
            repos.finish(
                push.key,
                channel,
                chat_id,
                outcome.delivered,
                outcome.attempts,
                None if outcome.error is None else outcome.error.encode(),
                ctx.clock.now(),
            )
        if after_each is not None:
            await after_each(outcome)
        return outcome

    outcomes = await asyncio.gather(*(one(push) for push in pushes))
    return Tally(
        delivered=sum(1 for o in outcomes if o is not None and o.delivered),
        failed=sum(1 for o in outcomes if o is not None and not o.delivered),
    )
