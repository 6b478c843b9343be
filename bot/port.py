"""What an adapter needs of the running bot: a way in, the clock's tick, and a way to finish."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Protocol

from bot.message import Message, Reply


class BotPort(Protocol):
    async def submit(self, msg: Message) -> None:
        """Handle a message and send its replies through the outbox."""
        ...

    async def handle(self, msg: Message) -> list[Reply]:
        """Handle a message and return its replies (for channels that answer in the HTTP response).

        A redelivered message (same channel and id) returns no replies.
        """
        ...

    async def enqueue(
        self, msg: Message, wait_seconds: float = 0.0, replay_key: str | None = None
    ) -> list[Reply]:
        """Record the message in its conversation's queue (for channels that answer by active sending).

        Whichever worker takes the queue handles it in turn and sends its replies through the outbox. If they
        are ready within `wait_seconds` and are one message to the sender's chat, they are returned instead
        for the callback's own response; otherwise (and for a redelivery) the result is empty. A message whose
        `replay_key` (e.g. a signature that does not cover the body) was recorded before is a redelivery too.
        """
        ...

    async def tick(self) -> int: ...

    def spawn(self, work: Awaitable[None]) -> None:
        """Run work in the background; `drain` waits for it."""
        ...

    async def settle(self) -> None:
        """Wait for background work until it is done or waits on a platform (a send under way)."""
        ...

    async def drain(self) -> None: ...
