"""The outbound sender port: handlers return replies, the composition root sends them here."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from bot.message import Reply


class Outbox(Protocol):
    async def send(self, reply: Reply) -> None: ...


class SendFailed(Exception):
    """A message did not go out; `retryable` says whether sending it again later may succeed."""

    def __init__(self, reason: str, retryable: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable


class RecordingOutbox:
    """Keeps what was sent, for tests."""

    def __init__(self) -> None:
        self.sent: list[Reply] = []

    async def send(self, reply: Reply) -> None:
        self.sent.append(reply)

    def take(self) -> list[Reply]:
        sent, self.sent = self.sent, []
        return sent


class RoutingOutbox:
    """Sends each reply through the outbox of its channel (console, WeCom group robots, …)."""

    def __init__(self, routes: Mapping[str, Outbox]) -> None:
        self._routes = dict(routes)

    async def send(self, reply: Reply) -> None:
        outbox = self._routes.get(reply.channel)
        if outbox is None:
            raise SendFailed(f"no outbox for channel {reply.channel!r}", retryable=False)
        await outbox.send(reply)
