"""What an adapter needs of the running bot: a way in, the clock's tick, and a way to finish."""

from __future__ import annotations

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

    async def tick(self) -> int: ...
    async def drain(self) -> None: ...
