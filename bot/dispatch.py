"""Routing: the sender's active dialogue, then commands (or what to say of an unknown one), then the Q&A
fallback.

A failing handler costs one apology, never the bot. The order of a conversation's messages is the runtime's
(bot.runtime.ConversationQueue).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Generic, TypeVar

from bot.errors import APOLOGY, UserError
from bot.message import ChatKind, Message, Reply, Role

C = TypeVar("C")


@dataclass(frozen=True, slots=True)
class Aside:
    """A dialogue's word on the side: the message is not the dialogue's and is answered as usual, with this
    note added to the answer (a paused self-assessment says how to go on)."""

    text: str


Handler = Callable[[Message, C], Awaitable[list[Reply] | None]]
DialogueHandler = Callable[[Message, C], Awaitable[list[Reply] | Aside | None]]
CommandHandler = Callable[[Message, C, str], Awaitable[list[Reply]]]
# (message, context, the name that was typed, the commands this sender may use)
UnknownCommandHandler = Callable[[Message, C, str, "list[Command[C]]"], Awaitable[list[Reply]]]

log = logging.getLogger("bot.dispatch")

STAFF_ONLY = "这个命令仅限县（市、区）生态环境分局工作人员使用。如需帮助，请发送“/帮助”。"
_SLASH = re.compile(r"^[/／](\S+)\s*(.*)$", re.DOTALL)
_TRIM = " \t\r\n。.！!？?，,"


@dataclass(frozen=True)
class Command(Generic[C]):
    name: str
    handler: CommandHandler[C]
    staff_only: bool
    summary: str


@dataclass
class Router(Generic[C]):
    """One handler module's entry points, registered in bot/app.py in priority order."""

    name: str
    commands: list[Command[C]] = field(default_factory=list)
    words: dict[str, str] = field(default_factory=dict)  # bare phrase -> command name
    dialogue: DialogueHandler[C] | None = None
    fallback_handler: Handler[C] | None = None
    unknown_command_handler: UnknownCommandHandler[C] | None = None

    def command(
        self, name: str, *aliases: str, words: Sequence[str] = (), staff_only: bool = False, summary: str = ""
    ) -> Callable[[CommandHandler[C]], CommandHandler[C]]:
        """`/name args` (or `/alias args`) runs the handler; so does a message that is exactly one of `words`."""

        def register(handler: CommandHandler[C]) -> CommandHandler[C]:
            for each in (name, *aliases):
                self.commands.append(Command(each, handler, staff_only, summary))
            for word in words:
                self.words[word] = name
            return handler

        return register

    def active_dialogue(self, handler: DialogueHandler[C]) -> DialogueHandler[C]:
        """Gets first say on every message; returns None when the sender has no dialogue of this router, or an
        `Aside` to have the message answered as usual with a note."""
        self.dialogue = handler
        return handler

    def fallback(self, handler: Handler[C]) -> Handler[C]:
        self.fallback_handler = handler
        return handler

    def unknown_command(self, handler: UnknownCommandHandler[C]) -> UnknownCommandHandler[C]:
        """Answers `/name` when no router has that command (so it is not taken for a question)."""
        self.unknown_command_handler = handler
        return handler


class Dispatcher(Generic[C]):
    def __init__(self, routers: Sequence[Router[C]], context: C) -> None:
        self._context = context
        self._dialogues = [r.dialogue for r in routers if r.dialogue is not None]
        self._fallbacks = [r.fallback_handler for r in routers if r.fallback_handler is not None]
        unknown = [r.unknown_command_handler for r in routers if r.unknown_command_handler is not None]
        self._unknown_command = unknown[0] if unknown else None
        self._commands: dict[str, Command[C]] = {}
        self._words: dict[str, Command[C]] = {}
        for router in routers:
            for command in router.commands:
                if command.name in self._commands:
                    raise ValueError(f"command /{command.name} registered twice")
                self._commands[command.name] = command
        for router in routers:
            for word, name in router.words.items():
                self._words[word] = self._commands[name]

    @property
    def commands(self) -> dict[str, Command[C]]:
        return self._commands

    def available_to(self, role: Role) -> list[Command[C]]:
        """The commands someone of this role may use, each once (under its first name), in priority order."""
        seen: set[CommandHandler[C]] = set()
        available = []
        for command in self._commands.values():
            if command.handler in seen or (command.staff_only and role is not Role.STAFF):
                continue
            seen.add(command.handler)
            available.append(command)
        return available

    def parse_command(self, text: str) -> tuple[Command[C], str] | None:
        """The command a text addresses, with its argument text; None for anything else."""
        match = _SLASH.match(text.strip())
        if match:
            command = self._commands.get(match.group(1))
            return (command, match.group(2).strip()) if command else None
        command = self._words.get(text.strip(_TRIM))
        return (command, "") if command else None

    async def dispatch(self, msg: Message) -> list[Reply]:
        """The replies to one message. Callers serialise a conversation (bot.runtime's conversation queue)."""
        parsed = self.parse_command(msg.text)
        if msg.chat_kind is ChatKind.GROUP and not msg.mentions_bot and parsed is None:
            return []
        asides: list[str] = []
        try:
            return _with_asides(msg, await self._answer(msg, parsed, asides), asides)
        except UserError as error:
            return _with_asides(msg, [msg.reply(error.text)], asides)
        except Exception:
            log.exception(
                "handler failed",
                extra={
                    "msg_id": msg.id,
                    "channel": msg.channel,
                    "chat": msg.chat_id,
                    "sender": msg.sender_id,
                },
            )
            raise HandlerFailed(msg.reply(APOLOGY)) from None

    async def _answer(
        self, msg: Message, parsed: tuple[Command[C], str] | None, asides: list[str]
    ) -> list[Reply]:
        for dialogue in self._dialogues:
            replies = await dialogue(msg, self._context)
            if isinstance(replies, Aside):
                asides.append(replies.text)
            elif replies is not None:
                return replies
        if parsed is not None:
            command, args = parsed
            if command.staff_only and msg.role is not Role.STAFF:
                return [msg.reply(STAFF_ONLY)]
            return await command.handler(msg, self._context, args)
        slash = _SLASH.match(msg.text.strip())
        if slash and self._unknown_command is not None:
            available = self.available_to(msg.role)
            return await self._unknown_command(msg, self._context, slash.group(1), available)
        for fallback in self._fallbacks:
            replies = await fallback(msg, self._context)
            if replies is not None:
                return replies
        return []


def _with_asides(msg: Message, replies: list[Reply], asides: list[str]) -> list[Reply]:
    """The dialogues' notes, after the answer in its last message (or alone when nothing else is said)."""
    if not asides:
        return replies
    note = "\n".join(asides)
    last = replies[-1] if replies else None
    if last is None or (last.channel, last.chat_id) != (msg.channel, msg.chat_id):
        return [*replies, msg.reply(note)]
    return [*replies[:-1], replace(last, text=f"{last.text}\n\n{note}")]


class HandlerFailed(Exception):
    """A handler raised: the apology to send instead, already logged with its traceback."""

    def __init__(self, apology: Reply) -> None:
        super().__init__(apology.text)
        self.apology = apology
