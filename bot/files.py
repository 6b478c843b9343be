"""Files sent as messages: which destination takes what size of file, and what is said where none can go.

WeCom takes a file of more than 5 bytes and at most 20 MB, through the self-built app's `media/upload`
(type file, document 90253) and through a group robot's `webhook/upload_media` alike; the AI bot's answers
and the Official Account's customer-service messages carry no files at all.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from bot.message import Reply
from bot.outbox import Failure, SendError, SendFailure
from bot.render import Renderer

MB = 1024 * 1024


@dataclass(frozen=True)
class FileLimits:
    """The sizes of file, in bytes, one destination takes."""

    min_bytes: int
    max_bytes: int

    def allows(self, size: int) -> bool:
        return self.min_bytes <= size <= self.max_bytes


WECOM_FILE_LIMITS = FileLimits(min_bytes=6, max_bytes=20 * MB)
# the console shows where the file was written, whatever its size
ANY_SIZE = FileLimits(min_bytes=0, max_bytes=2**63 - 1)

ChatLimits = Callable[[str, str], FileLimits | None]  # (channel, chat id) -> what a chat's group robot takes


class FileCarriage:
    """An answer's file goes its channel's own way when that carries files, else through the chat's group
    robot; where neither can take it, or not at its size, the answer becomes a text that says so."""

    def __init__(
        self,
        render: Renderer,
        channels: Mapping[str, FileLimits],
        robots: ChatLimits,
    ) -> None:
        self._render = render
        self._channels = dict(channels)
        self._robots = robots

    def limits(self, reply: Reply) -> FileLimits | None:
        """The files this reply's destination takes; None when it takes none."""
        return self._channels.get(reply.channel) or self._robots(reply.channel, reply.chat_id)

    def prepare(self, reply: Reply) -> Reply:
        """The reply as its destination can take it."""
        if reply.file is None:
            return reply
        limits = self.limits(reply)
        if limits is None:
            return replace(reply, text=reply.file_fallback or self.no_way_for_files(reply), file=None)
        size = reply.file.stat().st_size
        if limits.allows(size):
            return reply
        text = self._render(
            "file_refused.j2",
            name=reply.file.name,
            size_mb=size / MB,
            too_large=size > limits.max_bytes,
            min_bytes=limits.min_bytes,
            max_mb=limits.max_bytes / MB,
        )
        return replace(reply, text=text, file=None)

    def no_way_for_files(self, reply: Reply) -> str:
        """Where the file can be had instead, when the answer offers no download link of its own."""
        assert reply.file is not None
        return self._render("file_unreachable.j2", name=reply.file.name)


async def read_for_upload(file: Path, limits: FileLimits) -> bytes:
    """The file's bytes, or SendError (why, in the words of the failure list) when the platform would refuse
    its size: checked before it is read, so an oversized file is neither read nor sent."""
    return await asyncio.to_thread(_read_within, file, limits)


def _read_within(file: Path, limits: FileLimits) -> bytes:
    try:
        size = file.stat().st_size
        if not limits.allows(size):
            raise SendError(SendFailure(Failure.FILE_SIZE, errmsg=str(size)))
        return file.read_bytes()
    except OSError as error:
        raise SendError(SendFailure(Failure.FILE_UNREADABLE, errmsg=type(error).__name__)) from None
