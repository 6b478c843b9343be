"""Routing: the sender's dialogue (read once per message, handled by the router of its flow), then commands
(or what to say of an unknown one), then the Q&A fallback.

A failing handler costs one apology, never the bot. The order of a conversation's messages is the runtime's
(bot.runtime.ConversationQueue).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Generic, Protocol, TypeVar

from bot.errors import UserError
from bot.message import ChatKind, Message, Reply, Role
from bot.render import Renderer

C = TypeVar("C")


@dataclass(frozen=True, slots=True)
class Aside:
    """A dialogue's word on the side: the message is not the dialogue's and is answered as usual, with this
    note added to the answer (a paused self-assessment says how to go on; a running one, or a confirmation, asks its
    question again)."""

    text: str
    # the note as it stands once the message is answered (None: nothing to add): the command answered may have
    # replaced what the note would ask again
    settled: Callable[[], str | None] | None = None

    def once_answered(self) -> str | None:
        return self.text if self.settled is None else self.settled()


class DialogueRow(Protocol):
    """A person's dialogue as the dispatcher reads it: which flow it belongs to (the rest is the flow's)."""

    @property
    def flow(self) -> str: ...


# (conversation: channel, chat, sender) -> that person's dialogue row, if any
DialogueLookup = Callable[[str, str, str], DialogueRow | None]
Handler = Callable[[Message, C], Awaitable[list[Reply] | None]]
# (message, context, the row `DialogueLookup` read: the handler's own flow's)
DialogueHandler = Callable[[Message, C, Any], Awaitable[list[Reply] | Aside | None]]
CommandHandler = Callable[[Message, C, str], Awaitable[list[Reply]]]
# (message, context, the name that was typed, the commands this sender may use)
UnknownCommandHandler = Callable[[Message, C, str, "list[Command[C]]"], Awaitable[list[Reply]]]
# (message, context, the command's key, its argument text) -> the command's own help, or None to run it
CommandHelpHandler = Callable[[Message, C, str, str], Awaitable[list[Reply] | None]]

log = logging.getLogger("bot.dispatch")

SLASHES = ("/", "／")  # a command's slash, half- or full-width
_SLASH = re.compile(r"^[/／]\s*(\S+)\s*(.*)$", re.DOTALL)  # "/ 帮助": phones put a space after the slash
COMMAND_TRIM = " \t\r\n。.！!？?，,"  # around a command's word said alone ("还有几天？")
# what follows a command's lead word said without the slash (修改申请 9113…, 取消提醒 #1): a code or a number, full
# width too, not words
_LED_ARGUMENT = re.compile(r"\s*([0-9A-Za-z０-９Ａ-Ｚａ-ｚ#＃].*)$", re.DOTALL)


def led_command(text: str, leads: tuple[str, ...]) -> tuple[str, str] | None:
    """The longest of `leads` the text starts with and the code or number after it ("修改申请 9113…"); None
    where no lead starts it or words follow one ("修改申请名单要找谁")."""
    said = text.strip()
    if not said.startswith(leads):  # one test in C for nearly every message, which starts with no lead
        return None
    lead = max((word for word in leads if said.startswith(word)), key=len)
    argument = _LED_ARGUMENT.match(said[len(lead) :])
    return (lead, argument.group(1).strip()) if argument else None


def _slashed(text: str) -> re.Match[str] | None:
    """A /command's name and arguments; None for anything else, which nearly every message (a question) is
    told to be in C, without starting the pattern."""
    said = text.strip()
    return _SLASH.match(said) if said.startswith(SLASHES) else None


class CommandWords(Protocol):
    """What a command is called in the knowledge (knowledge/data/commands.yaml), under the key its router
    registered it with: the names typed after the slash (the first is its own) and every message that runs it
    said alone. Who may use it is the registration's (Router.command), never the data's."""

    @property
    def names(self) -> Sequence[str]: ...

    @property
    def spoken(self) -> Sequence[str]: ...

    @property
    def leads(self) -> Sequence[str]: ...


@dataclass(frozen=True)
class Command(Generic[C]):
    """A command as its router registers it; what it is called is the dispatcher's CommandWords for `key`."""

    key: str
    handler: CommandHandler[C]
    staff_only: bool


@dataclass
class Router(Generic[C]):
    """One handler module's entry points, registered in bot/app.py in priority order."""

    name: str
    commands: list[Command[C]] = field(default_factory=list)
    dialogues: dict[str, DialogueHandler[C]] = field(default_factory=dict)  # flow -> its handler
    fallback_handler: Handler[C] | None = None
    unknown_command_handler: UnknownCommandHandler[C] | None = None
    command_help_handler: CommandHelpHandler[C] | None = None

    def command(self, key: str, staff_only: bool = False) -> Callable[[CommandHandler[C]], CommandHandler[C]]:
        """The handler of the command the dispatcher's CommandWords name under `key`: `/name args` runs it, and
        so does a message that is exactly one of its words."""

        def register(handler: CommandHandler[C]) -> CommandHandler[C]:
            self.commands.append(Command(key, handler, staff_only))
            return handler

        return register

    def dialogue(self, *flows: str) -> Callable[[DialogueHandler[C]], DialogueHandler[C]]:
        """The handler gets first say on a message whose sender's dialogue row is of one of `flows`, with that
        row; it returns None to have the message answered as usual, or an `Aside` to add a note to that."""

        def register(handler: DialogueHandler[C]) -> DialogueHandler[C]:
            for flow in flows:
                self.dialogues[flow] = handler
            return handler

        return register

    def fallback(self, handler: Handler[C]) -> Handler[C]:
        self.fallback_handler = handler
        return handler

    def unknown_command(self, handler: UnknownCommandHandler[C]) -> UnknownCommandHandler[C]:
        """Answers `/name` when no router has that command (so it is not taken for a question)."""
        self.unknown_command_handler = handler
        return handler

    def command_help(self, handler: CommandHelpHandler[C]) -> CommandHelpHandler[C]:
        """Sees a command's argument before its handler (`/提醒 帮助`): a reply says how to use the command, None
        runs it."""
        self.command_help_handler = handler
        return handler


class Dispatcher(Generic[C]):
    def __init__(
        self,
        routers: Sequence[Router[C]],
        context: C,
        dialogue_of: DialogueLookup,
        render: Renderer,
        command_words: Mapping[str, CommandWords],
    ) -> None:
        self._context = context
        self._dialogue_of = dialogue_of
        self._apology = render("bot_words.j2", step="apology")  # said when a handler fails
        self._staff_only = render("bot_words.j2", step="staff_only")
        self._dialogues: dict[str, DialogueHandler[C]] = {}
        for router in routers:
            for flow, handler in router.dialogues.items():
                if flow in self._dialogues:
                    raise ValueError(f"dialogue flow {flow} registered twice")
                self._dialogues[flow] = handler
        self._fallbacks = [r.fallback_handler for r in routers if r.fallback_handler is not None]
        # the first router's handler of an unknown command and of a command's own help, where one has it
        self._unknown_command = next(
            (r.unknown_command_handler for r in routers if r.unknown_command_handler is not None), None
        )
        self._command_help = next(
            (r.command_help_handler for r in routers if r.command_help_handler is not None), None
        )
        # by every name it is typed under, Latin letters in any case (/HELP, /Help are /help)
        self._commands: dict[str, Command[C]] = {}
        self._words: dict[str, Command[C]] = {}
        self._leads: dict[str, Command[C]] = {}
        for router in routers:
            for command in router.commands:
                said = command_words.get(command.key)
                if said is None:
                    raise CommandWithoutWords(command.key)
                for name in map(str.casefold, said.names):
                    if name in self._commands:
                        raise ValueError(f"command /{name} registered twice")
                    self._commands[name] = command
                self._words |= dict.fromkeys(map(str.casefold, said.spoken), command)
                self._leads |= dict.fromkeys(said.leads, command)
        self._lead_words = tuple(self._leads)

    def available_to(self, role: Role) -> list[Command[C]]:
        """The commands someone of this role may use, each once, in priority order."""
        available = dict.fromkeys(self._commands.values())
        return [command for command in available if not command.staff_only or role is Role.STAFF]

    def parse_command(self, text: str) -> tuple[Command[C], str] | None:
        """The command a text addresses, with its argument text; None for anything else."""
        match = _slashed(text)
        if match:
            # a phone's full-width mode types /ｈｅｌｐ and /取消提醒３ as it types ／: read as their plain letters
            typed, args = unicodedata.normalize("NFKC", match.group(1)), match.group(2).strip()
            name = typed.casefold()
            if name in self._commands:
                return self._commands[name], args
            if name in self._words:  # a word the command takes said alone, slashed (/继续自评, /我要自评)
                return self._words[name], args
            # typed without the space (/绑定平山县, /取消提醒1): the longest name it starts with
            glued = max((known for known in self._commands if name.startswith(known)), key=len, default=None)
            if glued is None:
                return None
            return self._commands[
                glued
            ], f"{typed[len(glued) :]} {args}".strip()  # as typed: codes keep their case
        command = self._words.get(text.strip(COMMAND_TRIM).casefold())
        if command is not None:
            return command, ""
        led = led_command(text, self._lead_words)
        return (self._leads[led[0]], led[1]) if led else None

    async def dispatch(self, msg: Message) -> list[Reply]:
        """The replies to one message. Callers serialise a conversation (bot.runtime's conversation queue)."""
        parsed = self.parse_command(msg.text)
        if msg.chat_kind is ChatKind.GROUP and not msg.mentions_bot and parsed is None:
            return []
        asides: list[Aside] = []
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
            raise HandlerFailed(msg.reply(self._apology)) from None

    async def _answer(
        self, msg: Message, parsed: tuple[Command[C], str] | None, asides: list[Aside]
    ) -> list[Reply]:
        row = self._dialogue_of(*msg.conversation)
        dialogue = self._dialogues.get(row.flow) if row is not None else None
        if dialogue is not None:
            replies = await dialogue(msg, self._context, row)
            if isinstance(replies, Aside):
                asides.append(replies)
            elif replies is not None:
                return replies
        if parsed is not None:
            command, args = parsed
            if command.staff_only and msg.role is not Role.STAFF:
                return [msg.reply(self._staff_only)]
            if args and self._command_help is not None:
                helped = await self._command_help(msg, self._context, command.key, args)
                if helped is not None:
                    return helped
            return await command.handler(msg, self._context, args)
        slash = _slashed(msg.text)
        if slash and self._unknown_command is not None:
            available = self.available_to(msg.role)
            return await self._unknown_command(msg, self._context, slash.group(1), available)
        for fallback in self._fallbacks:
            replies = await fallback(msg, self._context)
            if replies is not None:
                return replies
        return []


def _with_asides(msg: Message, replies: list[Reply], asides: list[Aside]) -> list[Reply]:
    """The dialogues' notes as they stand once the message is answered, but for what the answer says already
    (a confirmation asked anew in the same words), after the answer in its last message (or alone when nothing else is said)."""
    if not asides:  # nearly every message: no dialogue waits on the sender
        return replies
    said = [reply.text for reply in replies]
    notes = [aside.once_answered() for aside in asides]
    held = [note for note in notes if note and not any(note in text for text in said)]
    if not held:
        return replies
    note = "\n".join(held)
    last = replies[-1] if replies else None
    if last is None or (last.channel, last.chat_id) != (msg.channel, msg.chat_id):
        return [*replies, msg.reply(note)]
    return [*replies[:-1], replace(last, text=f"{last.text}\n\n{note}")]


class CommandWithoutWords(ValueError):
    """A router registered a command whose key the dispatcher's CommandWords do not name: it could never be
    typed (a key missing from knowledge/data/commands.yaml, or misspelt in the code)."""

    def __init__(self, key: str) -> None:
        super().__init__(f"command {key} has no names in the command words (knowledge/data/commands.yaml)")
        self.key = key


class HandlerFailed(Exception):
    """A handler raised: the apology to send instead, already logged with its traceback."""

    def __init__(self, apology: Reply) -> None:
        super().__init__(apology.text)
        self.apology = apology
