"""The outbound sender port: handlers return replies, the composition root sends them here."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from bot.message import Reply


class SendError(Exception):
    """The platform refused the message for good (bad address, too long, not allowed): do not retry.

    The text says why, in Chinese, for the staff's failure list.
    """


class NoRoute(SendError):
    """This outbox has no way to the chat (a channel that cannot start a message, a way back used up)."""


class TransientSendError(SendError):
    """The platform may accept the same message later (rate limited, busy, 5xx, timeout): retry it."""


class Outbox(Protocol):
    async def send(self, reply: Reply) -> None:
        """Send one message; raise SendError or TransientSendError when the platform does not take it."""
        ...


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
    """Sends each reply through the outbox of its channel; a channel without one goes to `fallback`, or
    cannot start a message."""

    def __init__(self, routes: Mapping[str, Outbox], fallback: Outbox | None = None) -> None:
        self._routes = dict(routes)
        self._fallback = fallback

    async def send(self, reply: Reply) -> None:
        outbox = self._routes.get(reply.channel, self._fallback)
        if outbox is None:
            raise NoRoute(f"渠道 {reply.channel} 不能主动发消息，这个聊天也没有设置群机器人（/机器人）")
        await outbox.send(reply)
