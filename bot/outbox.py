"""The outbound sender port: handlers return replies, the composition root sends them here."""

from __future__ import annotations

from typing import Protocol

from bot.message import Reply


class Outbox(Protocol):
    async def send(self, reply: Reply) -> None: ...


class RecordingOutbox:
    """Keeps what was sent, for tests."""

    def __init__(self) -> None:
        self.sent: list[Reply] = []

    async def send(self, reply: Reply) -> None:
        self.sent.append(reply)

    def take(self) -> list[Reply]:
        sent, self.sent = self.sent, []
        return sent
