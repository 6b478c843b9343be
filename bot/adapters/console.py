"""The console adapter: JSON lines for scripts and tests, an interactive REPL for people.

JSON-lines contract (public; scripts and acceptance checks depend on it):
  stdin, one object a line: {"chat", "user", "text", "role"?: "enterprise"|"staff", "name"?, "time"?: ISO-8601}
  stdout, one object a line per outgoing message: {"chat", "to", "text"}; a bad line gives {"error"}.
`time` moves the simulated clock forward before the message is handled; a time before it is a bad line.
Every JSON-lines message counts as addressed to the bot. A chat named like the user is a private chat.
Lines are handled one after the other, so the output order is deterministic. Whatever a line holds (any bytes,
any nesting, any size) it gets its replies or one {"error"} line, and the run goes on.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import re
import sys
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, BinaryIO, Literal, Protocol

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from bot.adapters.channels import CONSOLE as CHANNEL
from bot.clock import LATEST, Clock, as_local
from bot.message import ChatKind, Message, Reply, Role
from bot.outbox import Outbox
from bot.port import BotPort
from bot.render import Renderer
from bot.text import WECOM_TEXT_LIMIT, strip_mention, utf8_len
from bot.timeparse import parse_duration, parse_when

# A line carries one message of at most WECOM_TEXT_LIMIT bytes, whose JSON (escapes included) is far
# smaller than this; a longer line is refused unparsed, so a 10 MB line never reaches retrieval.
MAX_LINE_BYTES = 64 * 1024
_MINUS = ("-", "－", "−")  # before a duration: the clock asked to go back
# one /advance moves the simulated clock at most a year (a campaign's whole season): it never goes back, so a slip
# of the keyboard (99999天) would leave the trainer centuries past every deadline for the rest of the session
ADVANCE_LIMIT = timedelta(days=366)
_SKIP_CHUNK = 64 * 1024
log = logging.getLogger("bot.adapters.console")


class SettableClock(Clock, Protocol):
    def set(self, moment: datetime) -> None: ...
    def advance(self, delta: timedelta | None = None, **parts: float) -> datetime: ...


class ConsoleLine(BaseModel):
    # The contract's other tools may carry fields of their own, so a field it does not have is ignored; parse_record
    # logs it, for a misspelt "tiem" runs the line without the time it meant.
    model_config = ConfigDict(extra="ignore")

    chat: str
    user: str
    text: str
    role: Literal["enterprise", "staff"] = "enterprise"
    name: str | None = None
    time: datetime | None = None

    @field_validator("chat", "user")
    @classmethod
    def not_blank(cls, value: str) -> str:
        if not value.strip():
            raise PydanticCustomError("blank", "blank")
        return value


_TEXT_FIELDS = ("chat", "user", "text", "name")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class BadLine(Exception):
    """A JSON line the console refuses: `reason` and its particulars, worded by console.j2 (step bad_line)."""

    def __init__(self, reason: str, **values: object) -> None:
        super().__init__(reason)
        self.reason = reason
        self.values = values


def parse_line(raw: bytes) -> object:
    """The JSON value of one line of input; BadLine for anything else."""
    if len(raw) > MAX_LINE_BYTES:
        raise BadLine("line_too_long", limit=MAX_LINE_BYTES)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadLine("not_utf8", byte=error.start + 1) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise BadLine("not_json", column=error.colno) from None
    except RecursionError:
        raise BadLine("too_deep") from None
    except ValueError:  # e.g. an integer longer than Python converts
        raise BadLine("not_json") from None


def parse_record(record: object) -> ConsoleLine:
    """A message of the JSON-lines contract; BadLine names what is wrong with it."""
    try:
        line = ConsoleLine.model_validate(record)
    except ValidationError as error:
        problems = [(".".join(map(str, e["loc"])), e) for e in error.errors()]
        raise BadLine("bad_shape", problems=problems) from None
    if isinstance(record, dict) and (unknown := sorted(set(record) - set(ConsoleLine.model_fields))):
        log.warning("console line fields the contract does not have are ignored", extra={"fields": unknown})
    # "\ud800" escaped alone in JSON decodes to no character text can hold: refused, not failed on later
    broken = next(
        (field for field in _TEXT_FIELDS if _LONE_SURROGATE.search(getattr(line, field) or "")), None
    )
    if broken is not None:
        raise BadLine("lone_surrogate", field=broken)
    size = oversize(line.text)
    if size:
        raise BadLine("text_too_long", size=size, limit=WECOM_TEXT_LIMIT)
    return line


def oversize(text: str) -> int | None:
    """The text's size in bytes when it is longer than the platforms take; None if it is not."""
    size = utf8_len(text)
    return size if size > WECOM_TEXT_LIMIT else None


class ConsoleOutbox:
    """Writes each outgoing message to a stream (stdout) in the JSON-lines or the human format."""

    def __init__(self, write: Callable[[str], Any], human: bool = False) -> None:
        self._write = write
        self._human = human

    async def send(self, reply: Reply) -> None:
        text = reply.text if reply.file is None else str(reply.file)  # a file is shown where it was written
        if self._human:
            addressee = f" → @{reply.to}" if reply.to else ""
            self._write(f"\n[{reply.chat_id}]{addressee}\n{text}\n")
        else:
            self._write(
                json.dumps({"chat": reply.chat_id, "to": reply.to, "text": text}, ensure_ascii=False) + "\n"
            )


class ConsoleAdapter:
    """`outbox`: where the answers to what is typed go (stdout; a recording outbox in tests)."""

    def __init__(
        self,
        bot: BotPort,
        clock: SettableClock,
        write_error: Callable[[str], Any],
        render: Renderer,
        outbox: Outbox,
        word_problem: Callable[[Any], str],
        bot_name: str,
    ) -> None:
        self._bot = bot
        self._clock = clock
        self._write_error = write_error
        self.render = render  # the console's own words (console.j2), the REPL's too
        self._outbox = outbox
        self._word_problem = word_problem  # a field's problem (pydantic's error details) in Chinese
        self._bot_name = bot_name  # its @-mention is no words of a group message, as on WeCom
        self._ids = itertools.count(1)
        self._run = uuid.uuid4().hex[:12]  # message ids stay unique across runs on one database
        self._line_time: datetime | None = None  # the latest `time` a JSON line moved the clock to

    async def move_clock(self, moment: datetime) -> None:
        """Move the simulated clock forward (never back) and send whatever became due (see `settle`)."""
        moment = as_local(moment)
        if moment > self._clock.now():
            self._clock.set(moment)
        self._bot.spawn(self._tick())
        await self._bot.settle()

    async def pass_time(self, until: datetime) -> None:
        """The simulated clock run forward to `until`, stopping at each moment something falls due on the way, so
        that each reminder goes out at its own time, once, as in a day the bot ran through (the interactive
        console's /advance and /time; a JSON line's `time` sets the clock there at once: `move_clock`)."""
        for moment in self._bot.falling_due(self._clock.now(), until):
            await self.move_clock(moment)
        await self.move_clock(until)

    async def _tick(self) -> None:
        await self._bot.tick()

    def message(
        self, chat: str, user: str, text: str, role: str, name: str | None, mentioned: bool
    ) -> Message:
        kind = ChatKind.PRIVATE if chat == user else ChatKind.GROUP
        return Message(
            id=f"console-{self._run}-{next(self._ids)}",
            channel=CHANNEL,
            chat_id=chat,
            chat_kind=kind,
            sender_id=user,
            sender_name=name or user,
            role=Role(role),
            text=strip_mention(text, self._bot_name, group=kind is ChatKind.GROUP),
            mentions_bot=mentioned,
            received_at=self._clock.now(),
        )

    async def say(
        self, chat: str, user: str, text: str, role: str, name: str | None, mentioned: bool
    ) -> None:
        for reply in await self._bot.submit(self.message(chat, user, text, role, name, mentioned)):
            for piece in reply.pieces(WECOM_TEXT_LIMIT):  # as a WeCom chat would show it
                await self._outbox.send(piece)

    async def finish(self) -> None:
        await self._bot.drain()

    async def handle_record(self, record: object) -> None:
        """One message of the JSON-lines contract; raises BadLine if it is not one."""
        line = parse_record(record)
        if line.time is not None:
            await self.move_clock(self._forward(line.time))
        await self.say(line.chat, line.user, line.text, line.role, line.name, True)
        # Work a message started in the background (a broadcast) goes as far as it can before the next line
        # is read, so the output order stays deterministic; but a send waiting on a platform (a robot that
        # cannot be reached, a retry's backoff) holds up no line: what it reports comes when it is done.
        await self._bot.settle()

    def _forward(self, time: datetime) -> datetime:
        """A line's `time`, which only moves the clock forward: BadLine for one before the latest time a line
        gave (before any, the clock's reading), or past the furthest the simulated clock goes. Without --now
        the clock runs on real time, so a time a line repeats is a few milliseconds behind it, which is no step
        back."""
        moment = _within_reach(time)
        if moment is None:
            raise BadLine("time_too_far", time=time, latest=LATEST)
        if moment < (self._line_time or self._clock.now()):
            raise BadLine("time_backwards", time=moment, now=self._clock.now())
        self._line_time = moment
        return moment

    async def handle_json_line(self, raw: bytes, number: int) -> None:
        """One line of input: its replies, or one {"error"} line. Never raises."""
        raw = raw.removesuffix(b"\n")
        if not raw.strip():
            return
        try:
            await self.handle_record(parse_line(raw))
        except BadLine as refusal:
            self._error(number, refusal.reason, **refusal.values)
        except BrokenPipeError:  # stdout's reader has gone (… | head): no line can be answered any more
            raise
        except Exception:
            # e.g. the database went away: this line is lost, the run goes on with the next one
            log.exception("console line failed", extra={"line": number})
            self._error(number, "failed")

    def _error(self, number: int, reason: str, **values: Any) -> None:
        if reason == "bad_shape":  # worded as `knowledge check` words a field, never in pydantic's English
            values["problems"] = [
                (field, self._word_problem(problem)) for field, problem in values["problems"]
            ]
        text = self.render("console.j2", step="bad_line", number=number, reason=reason, **values)
        self._write_error(json.dumps({"error": text}, ensure_ascii=False) + "\n")

    async def run_jsonl(self, read: Callable[[], bytes]) -> None:
        """Lines from `read` (b"" at the end) until the input ends, then pending work."""
        loop = asyncio.get_running_loop()
        for number in itertools.count(1):
            raw = await loop.run_in_executor(None, read)
            if raw == b"":
                break
            await self.handle_json_line(raw, number)
        await self.finish()


def _within_reach(time: datetime) -> datetime | None:
    """The time in the bot's zone, or None past the furthest the simulated clock goes (clock.LATEST)."""
    try:
        moment = as_local(time)
    except OverflowError:  # 9999-12-31 in a zone west of ours
        return None
    return moment if moment < LATEST else None


class Repl:
    """An interactive session simulating WeChat groups with several people."""

    def __init__(
        self, adapter: ConsoleAdapter, clock: SettableClock, bot_name: str, write: Callable[[str], Any]
    ) -> None:
        self._adapter = adapter
        self._clock = clock
        self._bot_name = bot_name
        self._write = write
        self.user = self._words("first_user")
        self.role = "enterprise"
        self.chat = self._words("first_chat")
        self.auto_mention = True

    def _words(self, step: str, **values: object) -> str:
        return self._adapter.render("console.j2", step=step, **values)

    def _say_back(self, step: str, **values: object) -> None:
        self._write(self._words(step, advance_days=ADVANCE_LIMIT.days, **values) + "\n")

    def prompt(self) -> str:
        now = self._clock.now()
        return self._words("prompt", now=now, chat=self.chat, user=self.user, role=self.role) + " "

    async def handle_input(self, line: str) -> bool:
        """One line typed by the person at the console; False when they want to quit."""
        line = line.strip()
        if not line:
            return True
        command, _, arg = line.partition(" ")
        arg = arg.strip()
        if command in ("/quit", "/exit"):
            return False
        if command == "/help":
            self._say_back("help", bot_name=self._bot_name)
        elif command == "/as" and arg:
            was_private = self.chat == self.user
            self.user = arg
            if was_private:
                self.chat = arg
            self._say_back("speaking_as", user=arg)
        elif command == "/role" and arg in ("staff", "enterprise"):
            self.role = arg
            self._say_back("role", role=arg)
        elif command == "/chat" and arg:
            self.chat = arg
            # a chat named like the speaker is their private chat (as in the JSON lines): said as such
            self._say_back("private" if arg == self.user else "chat", chat=arg)
        elif command == "/private":
            self.chat = self.user
            self._say_back("private")
        elif command == "/at" and arg in ("on", "off"):
            self.auto_mention = arg == "on"
            self._say_back("mention", on=self.auto_mention)
        elif command == "/time" and arg:
            await self._pass_time_to(self._time(arg))
        elif command == "/advance" and arg:
            await self._pass_time_to(self._advance(arg))
        elif command == "/now":
            self._say_back("now", now=self._clock.now())
        elif command in ("/as", "/role", "/chat", "/at", "/time", "/advance"):
            self._say_back("usage", command=command, bot_name=self._bot_name)
        else:
            await self._say(line)
        return True

    async def _pass_time_to(self, moment: datetime | None) -> None:
        """The clock run to `moment` (None: refused, said why), said first, reminders going out on the way."""
        if moment is None:
            return
        self._say_back("now", now=moment)
        await self._adapter.pass_time(moment)

    def _time(self, arg: str) -> datetime | None:
        try:
            asked = datetime.fromisoformat(arg)
        except ValueError:
            said = parse_when(arg, self._clock.now())  # or as staff type a time after /提醒 (7月17日9点)
            if said is None or said[1]:
                self._say_back("bad_time")
                return None
            asked = said[0]
        moment = _within_reach(asked)
        if moment is None:
            self._say_back("too_far", latest=LATEST)
            return None
        if moment < self._clock.now():
            self._say_back("backwards")
            return None
        return moment

    def _advance(self, arg: str) -> datetime | None:
        duration = parse_duration(arg)
        if duration is None:
            # a date or time of day (/advance 2020-07-20, /advance 明天10点) is /time's; a minus would go back
            backwards = arg.lstrip().startswith(_MINUS)
            self._say_back("advance_backwards" if backwards else "bad_duration", moment=self._as_moment(arg))
            return None
        if duration > ADVANCE_LIMIT:
            self._say_back("advance_too_long")
            return None
        try:
            moment = _within_reach(self._clock.now() + duration)
        except OverflowError:  # past the year 9999
            moment = None
        if moment is None:
            self._say_back("too_far", latest=LATEST)
        return moment

    def _as_moment(self, arg: str) -> bool:
        """Whether /advance's argument reads as a moment, which /time moves the clock to."""
        try:
            datetime.fromisoformat(arg.strip())
        except ValueError:
            return parse_when(arg, self._clock.now()) is not None
        return True

    async def _say(self, text: str) -> None:
        mentioned = self.auto_mention or f"@{self._bot_name}" in text
        text = text.strip()
        size = oversize(text)
        if size:
            self._say_back("message_too_long", size=size, limit=WECOM_TEXT_LIMIT)
            return
        await self._adapter.say(self.chat, self.user, text, self.role, None, mentioned)

    async def run(self, ask: Callable[[str], str], start: datetime | None = None) -> None:
        """`start`: where the simulated clock was set to start, said after the greeting with how to change it."""
        loop = asyncio.get_running_loop()
        self._say_back("greeting", start=start)
        while True:
            try:
                line = await loop.run_in_executor(None, ask, self.prompt())
            except EOFError:
                break
            except UnicodeDecodeError:  # a strict UTF-8 locale and a byte that is not UTF-8
                self._say_back("not_utf8")
                continue
            if not await self.handle_input(line):
                break
        await self._adapter.finish()


def read_line(stream: BinaryIO) -> bytes:
    """The next line as bytes (decoded per line, so one bad byte costs one line). Of a line longer than
    MAX_LINE_BYTES only enough is kept to tell it is too long; the rest is read and dropped."""
    line = stream.readline(MAX_LINE_BYTES + 1)
    if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
        while (rest := stream.readline(_SKIP_CHUNK)) and not rest.endswith(b"\n"):
            pass
    return line


def stdin_line() -> bytes:
    return read_line(sys.stdin.buffer)
