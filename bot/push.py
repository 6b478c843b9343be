"""Push routing: where what the bot starts itself (reminders, broadcasts, their reports) goes, for every
channel, and the platform senders the pushes and later answers leave through."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from bot.message import Reply
from bot.outbox import NoRoute, Outbox
from bot.text import WECOM_TEXT_LIMIT
from bot.webhooks import configured_robots

RobotLookup = Callable[[str, str], str | None]  # (channel, chat id) -> the key of the chat's group robot


class GroupRobots(Protocol):
    """Group robots' webhooks (bot.adapters.wecom_robot.WeComRobotSender)."""

    @property
    def limit(self) -> int:
        """Bytes of UTF-8 one robot message may carry."""
        ...

    async def post(self, key: str, text: str, mention: str | None = None) -> None: ...


def robot_lookup(attached: RobotLookup, configured: Mapping[str, str]) -> RobotLookup:
    """A chat's group robot: the one a staff member attached with /机器人 (`attached`), else the one
    BOT_WECOM_ROBOTS names."""
    robots = configured_robots(configured)

    def key_for(channel: str, chat_id: str) -> str | None:
        return attached(channel, chat_id) or robots.get(chat_id)

    return key_for


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

    async def send(self, reply: Reply) -> None:
        key = self._key_for(reply.channel, reply.chat_id)
        if key is None:
            await self._channels.send(reply)
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
