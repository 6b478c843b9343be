"""What an adapter needs of the running bot: a way in, the clock's tick, and a way to finish."""

from __future__ import annotations

from typing import Protocol

from bot.message import Message


class BotPort(Protocol):
    async def submit(self, msg: Message) -> None: ...
    async def tick(self) -> int: ...
    async def drain(self) -> None: ...
