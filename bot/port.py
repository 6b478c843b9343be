"""What an adapter needs of the running bot: a way in, the clock's tick, and a way to finish."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import datetime
from typing import Protocol

from bot.message import Message, Reply


class BotPort(Protocol):
    async def submit(
        self, msg: Message, answer_within: float | None = None, *, replay_key: str | None = None
    ) -> list[Reply]:
        """Record the message and have it answered, in its conversation's order (bot.runtime.BotApp.submit).

        `answer_within`: seconds the caller's response can wait. The answer is returned if it is ready by
        then and is one message to the sender's chat that fits a passive reply; otherwise it is sent actively,
        and the result is empty. None: wait for every reply, returned for the caller to deliver (the console).
        A redelivery is answered only if no answer of it went out: still queued (its worker died), recorded
        and never sent, or answered in the response of an earlier run's callback.
        """
        ...

    async def tick(self) -> int: ...

    def falling_due(self, after: datetime, until: datetime) -> list[datetime]:
        """The moments in (after, until] at which something falls due (a reminder), soonest first."""
        ...

    def spawn(self, work: Awaitable[None]) -> None:
        """Run work in the background; `drain` waits for it."""
        ...

    async def settle(self) -> None:
        """Wait for background work until it is done or waits on a platform (a send under way)."""
        ...

    async def drain(self) -> None: ...
