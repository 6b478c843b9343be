"""Push routing: where what the bot starts itself (reminders, broadcasts, their reports) goes, for every
channel, and the platform senders the pushes and later answers leave through."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from bot.files import FileLimits
from bot.message import Reply
from bot.outbox import NoRoute, Outbox
from bot.reachability import RobotLookup
from bot.text import WECOM_TEXT_LIMIT


class GroupRobots(Protocol):
    """Group robots' webhooks (bot.adapters.wecom_robot.WeComRobotSender)."""

    @property
    def limit(self) -> int:
        """Bytes of UTF-8 one robot message may carry."""
        ...

    @property
    def file_limits(self) -> FileLimits:
        """The files one robot takes."""
        ...

    async def post(self, key: str, text: str, mention: str | None = None) -> None: ...

    async def post_file(self, key: str, file: Path) -> None: ...


class PushRoute:
    """Where pushes (reminders, broadcasts, their progress) go: the one rule, for every channel.

    A chat with a group robot gets its pushes through the robot, and any other chat through its channel's
    outbox. So a group bound in the console with a robot sees its reminders arrive at that robot (a fake one
    in tests), not on stdout; a WeCom group without a robot cannot be pushed to (the AI bot only answers).
    Answers to a message never come here first: they go back the way the message came.
    """

    def __init__(self, robots: GroupRobots, key_for: RobotLookup, channels: Outbox) -> None:
        self._robots = robots
        self._key_for = key_for
        self._channels = channels

    def limit_for(self, reply: Reply) -> int:
        """Bytes of UTF-8 one push to this chat may carry."""
        if self._robots.limit == WECOM_TEXT_LIMIT:  # text robots take what channels take: no need to look
            return WECOM_TEXT_LIMIT
        has_robot = self._key_for(reply.channel, reply.chat_id) is not None
        return self._robots.limit if has_robot else WECOM_TEXT_LIMIT

    def file_limits(self, channel: str, chat_id: str) -> FileLimits | None:
        """The files this chat's group robot takes; None without one."""
        return self._robots.file_limits if self._key_for(channel, chat_id) is not None else None

    async def send(self, reply: Reply) -> None:
        key = self._key_for(reply.channel, reply.chat_id)
        if key is None:
            await self._channels.send(reply)
        elif reply.file is not None:
            await self._robots.post_file(key, reply.file)
        else:
            await self._robots.post(key, reply.text, mention=reply.to)


class ElsePush:
    """A channel's way back for later answers, and the push route when it has none (NoRoute): the AI bot's
    response_url is good once, for an hour, and a restart forgets it."""

    def __init__(self, answers: Outbox, pushes: Outbox) -> None:
        self._answers = answers
        self._pushes = pushes

    async def send(self, reply: Reply) -> None:
        try:
            await self._answers.send(reply)
        except NoRoute:
            await self._pushes.send(reply)


@dataclass
class PlatformSenders:
    """The outboxes that reach the platforms, by channel, and what closes their HTTP clients."""

    routes: dict[str, Outbox] = field(default_factory=dict)
    closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)

    async def close(self) -> None:
        for close in self.closers:
            await close()
