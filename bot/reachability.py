"""Whether pushes (reminders, broadcasts) reach a chat, and by which route: the one place that knows.

A chat with a group robot (群机器人) gets its pushes through the robot; any other chat through its own
channel, unless that channel only answers messages (the WeCom AI bot cannot start one).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from enum import StrEnum
from typing import Protocol

RobotLookup = Callable[[str, str], str | None]  # (channel, chat id) -> the key of the chat's group robot


class PushVia(StrEnum):
    ATTACHED_ROBOT = "attached_robot"  # the group robot staff attached with /机器人
    CONFIGURED_ROBOT = "configured_robot"  # the group robot BOT_WECOM_ROBOTS names for the chat
    CHANNEL = "channel"  # the chat's own channel


class Reachability(Protocol):
    """The port handlers ask; the core implements it."""

    def push_via(self, channel: str, chat_id: str) -> PushVia | None:
        """How pushes reach the chat; None when they cannot."""
        ...

    def robot_configured_elsewhere(self, robot_key: str, chat_id: str) -> bool:
        """Whether BOT_WECOM_ROBOTS gives this group robot to a chat other than `chat_id`."""
        ...


class ChatReachability:
    """Reachability from the robots staff attached (`attached`), those configured (chat id -> key) and the
    channels that only answer; `robot_key` is the route pushes take."""

    def __init__(
        self, attached: RobotLookup, configured: Mapping[str, str], answer_only: Collection[str]
    ) -> None:
        self._attached = attached
        self._configured = dict(configured)
        self._answer_only = frozenset(answer_only)

    def robot_key(self, channel: str, chat_id: str) -> str | None:
        return self._attached(channel, chat_id) or self._configured.get(chat_id)

    def push_via(self, channel: str, chat_id: str) -> PushVia | None:
        if self._attached(channel, chat_id):
            return PushVia.ATTACHED_ROBOT
        if chat_id in self._configured:
            return PushVia.CONFIGURED_ROBOT
        return None if channel in self._answer_only else PushVia.CHANNEL

    def robot_configured_elsewhere(self, robot_key: str, chat_id: str) -> bool:
        return any(chat != chat_id and key == robot_key for chat, key in self._configured.items())
