"""The one message model every adapter converts to and from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from bot.text import split_text, storable, storable_all


class ChatKind(StrEnum):
    GROUP = "group"
    PRIVATE = "private"


class Role(StrEnum):
    ENTERPRISE = "enterprise"
    STAFF = "staff"


@dataclass(frozen=True, slots=True)
class Message:
    """An incoming message, whatever channel it came from. Its texts are storable (bot.text.storable): one
    message's NUL or lone surrogate must not fail the write it shares with others (the inbox's group commit)."""

    id: str  # channel message id: retried callbacks carry the same one
    channel: str  # "console" | "wecom_bot" | "wecom_app" | "mp"
    chat_id: str  # the group, or the sender in a private chat
    chat_kind: ChatKind
    sender_id: str
    sender_name: str
    role: Role
    text: str
    mentions_bot: bool
    received_at: datetime

    def __post_init__(self) -> None:
        if storable_all(self.id, self.chat_id, self.sender_id, self.sender_name, self.text):
            return  # nearly always: one search over the texts together
        for name in ("id", "chat_id", "sender_id", "sender_name", "text"):
            value = getattr(self, name)
            safe = storable(value)
            if safe is not value:
                object.__setattr__(self, name, safe)  # frozen: the edge is its construction

    @property
    def conversation(self) -> tuple[str, str, str]:
        """Key under which this sender's messages in this chat are handled in order."""
        return (self.channel, self.chat_id, self.sender_id)

    @property
    def private_conversation(self) -> tuple[str, str, str]:
        """Where this sender talks to the bot alone on this channel. Every channel that delivers group
        messages (the console, the WeCom AI bot) has private chats too, whose chat id is the sender's."""
        return (self.channel, self.sender_id, self.sender_id)

    def reply(self, text: str) -> Reply:
        """An answer to this message: in a group it is addressed to the sender."""
        return Reply(self.channel, self.chat_id, text, self._addressee)

    def file_reply(self, file: Path, fallback: str = "") -> Reply:
        """A file sent back the way this message came, as a message of its own (see Reply.file); `fallback`
        is said instead where the file cannot go (a download link)."""
        return Reply(self.channel, self.chat_id, "", self._addressee, file, fallback)

    @property
    def _addressee(self) -> str | None:
        return self.sender_id if self.chat_kind is ChatKind.GROUP else None


@dataclass(frozen=True, slots=True)
class Reply:
    """An outgoing message: to a chat, optionally addressed to one person in it.

    A reply with a `file` is a file message and has no text: each way out carries it its own way (WeCom's
    file message, the path in the console). Where the file cannot go, the bot says so in a text reply
    instead (bot.files.FileCarriage), so no sender meets a file it cannot carry.
    """

    channel: str
    chat_id: str
    text: str
    to: str | None = None
    file: Path | None = None
    file_fallback: str = ""  # said instead of the file where it cannot go; "" for the bot's general advice

    def pieces(self, limit: int) -> list[Reply]:
        """The platform messages this reply makes: its file, or its text cut at sentence ends to `limit` bytes
        of UTF-8."""
        if self.file is not None:
            return [self]
        return [Reply(self.channel, self.chat_id, piece, self.to) for piece in split_text(self.text, limit)]
