"""The console adapter: JSON lines for scripts and tests, an interactive REPL for people.

JSON-lines contract (public; scripts and acceptance checks depend on it):
  stdin, one object a line: {"chat", "user", "text", "role"?: "enterprise"|"staff", "name"?, "time"?: ISO-8601}
  stdout, one object a line per outgoing message: {"chat", "to", "text"}; a bad line gives {"error"}.
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

from bot.clock import Clock, as_local
from bot.message import ChatKind, Message, Reply, Role
from bot.outbox import Outbox
from bot.port import BotPort
from bot.text import WECOM_TEXT_LIMIT, split_text, utf8_len

CHANNEL = "console"
# A line carries one message of at most WECOM_TEXT_LIMIT bytes, whose JSON (escapes included) is far
# smaller than this; a longer line is refused unparsed, so a 10 MB line never reaches retrieval.
MAX_LINE_BYTES = 64 * 1024
_SKIP_CHUNK = 64 * 1024
log = logging.getLogger("bot.adapters.console")


class SettableClock(Clock, Protocol):
    def set(self, moment: datetime) -> None: ...
    def advance(self, delta: timedelta | None = None, **parts: float) -> datetime: ...


class ConsoleLine(BaseModel):
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
            raise ValueError("不能为空")
        return value


class BadLine(Exception):
    """A JSON line the console refuses; `reason` (Chinese) follows "第N行" in its error line."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def parse_line(raw: bytes) -> object:
    """The JSON value of one line of input; BadLine for anything else."""
    if len(raw) > MAX_LINE_BYTES:
        raise BadLine(f"太长：一行最多 {MAX_LINE_BYTES} 字节")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadLine(f"不是有效的 UTF-8 文本（第{error.start + 1}个字节）") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise BadLine(f"不是有效的 JSON：{error.msg}") from None
    except RecursionError:
        raise BadLine("不是有效的 JSON：嵌套太深") from None
    except ValueError:  # e.g. an integer longer than Python converts
        raise BadLine("不是有效的 JSON") from None


def parse_record(record: object) -> ConsoleLine:
    """A message of the JSON-lines contract; BadLine names what is wrong with it."""
    try:
        line = ConsoleLine.model_validate(record)
    except ValidationError as error:
        problems = "；".join(f"{'.'.join(map(str, e['loc'])) or '整行'}：{e['msg']}" for e in error.errors())
        raise BadLine(f"格式不对（{problems}）") from None
    problem = too_long(line.text)
    if problem:
        raise BadLine(f"的 text {problem}")
    return line


def too_long(text: str) -> str | None:
    """Why a message's text is longer than the platforms take, in Chinese; None if it is not."""
    size = utf8_len(text)
    if size <= WECOM_TEXT_LIMIT:
        return None
    return f"太长：{size} 字节，一条消息最多 {WECOM_TEXT_LIMIT} 字节（企业微信文字消息的上限）"


class ConsoleOutbox:
    """Writes each outgoing message to a stream (stdout) in the JSON-lines or the human format."""

    def __init__(self, write: Callable[[str], Any], human: bool = False) -> None:
        self._write = write
        self._human = human

    async def send(self, reply: Reply) -> None:
        if self._human:
            addressee = f" → @{reply.to}" if reply.to else ""
            self._write(f"\n[{reply.chat_id}]{addressee}\n{reply.text}\n")
        else:
            self._write(
                json.dumps({"chat": reply.chat_id, "to": reply.to, "text": reply.text}, ensure_ascii=False)
                + "\n"
            )


class ConsoleAdapter:
    """`outbox`: where the answers to what is typed go (stdout; a recording outbox in tests)."""

    def __init__(
        self, bot: BotPort, clock: SettableClock, write_error: Callable[[str], Any], outbox: Outbox
    ) -> None:
        self._bot = bot
        self._clock = clock
        self._write_error = write_error
        self._outbox = outbox
        self._ids = itertools.count(1)
        self._run = uuid.uuid4().hex[:12]  # message ids stay unique across runs on one database

    async def move_clock(self, moment: datetime) -> None:
        """Move the simulated clock forward (never back) and send whatever became due (see `settle`)."""
        moment = as_local(moment)
        if moment > self._clock.now():
            self._clock.set(moment)
        self._bot.spawn(self._tick())
        await self._bot.settle()

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
            text=text,
            mentions_bot=mentioned,
            received_at=self._clock.now(),
        )

    async def say(
        self, chat: str, user: str, text: str, role: str, name: str | None, mentioned: bool
    ) -> None:
        for reply in await self._bot.submit(self.message(chat, user, text, role, name, mentioned)):
            for piece in split_text(reply.text, WECOM_TEXT_LIMIT):  # as a WeCom chat would show it
                await self._outbox.send(Reply(reply.channel, reply.chat_id, piece, reply.to))

    async def finish(self) -> None:
        await self._bot.drain()

    async def handle_record(self, record: object) -> None:
        """One message of the JSON-lines contract; raises BadLine if it is not one."""
        line = parse_record(record)
        if line.time is not None:
            await self.move_clock(line.time)
        await self.say(line.chat, line.user, line.text, line.role, line.name, True)
        # Work a message started in the background (a broadcast) goes as far as it can before the next line
        # is read, so the output order stays deterministic; but a send waiting on a platform (a robot that
        # cannot be reached, a retry's backoff) holds up no line: what it reports comes when it is done.
        await self._bot.settle()

    async def handle_json_line(self, raw: bytes, number: int) -> None:
        """One line of input: its replies, or one {"error"} line. Never raises."""
        raw = raw.removesuffix(b"\n")
        if not raw.strip():
            return
        try:
            await self.handle_record(parse_line(raw))
        except BadLine as refusal:
            self._error(f"第{number}行{refusal.reason}")
        except Exception:
            # e.g. the database went away: this line is lost, the run goes on with the next one
            log.exception("console line failed", extra={"line": number})
            self._error(f"第{number}行处理失败：内部错误，已记录日志")

    def _error(self, text: str) -> None:
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


_DURATION = re.compile(r"^(\d+(?:\.\d+)?)\s*(d|h|m|min|s|天|小时|分钟|分|秒)$")
_UNITS = {
    "d": "days",
    "天": "days",
    "h": "hours",
    "小时": "hours",
    "m": "minutes",
    "min": "minutes",
    "分钟": "minutes",
    "分": "minutes",
    "s": "seconds",
    "秒": "seconds",
}

REPL_HELP = """控制台命令（只在控制台有效，不会发给机器人）：
  /as 张三            换成“张三”说话
  /role staff|enterprise   切换身份：分局工作人员 / 企业
  /chat 平山县企业群    切换到某个群；/private 切换到与机器人的私聊
  /at on|off          群里是否自动@机器人（默认 on；off 时要在消息里写 @{bot}）
  /time 2020-07-16 09:00   把模拟时钟拨到某一时刻（只能往后拨）
  /advance 2h         把模拟时钟往后拨（单位 d/h/m/s 或 天/小时/分钟/秒）
  /now                看当前模拟时间
  /help               显示本说明；/quit 退出
其余输入都作为当前用户在当前聊天里发的消息。"""


class Repl:
    """An interactive session simulating WeChat groups with several people."""

    def __init__(
        self, adapter: ConsoleAdapter, clock: SettableClock, bot_name: str, write: Callable[[str], Any]
    ) -> None:
        self._adapter = adapter
        self._clock = clock
        self._bot_name = bot_name
        self._write = write
        self.user = "张三"
        self.role = "enterprise"
        self.chat = "平山县企业群"
        self.auto_mention = True

    def prompt(self) -> str:
        where = "私聊" if self.chat == self.user else self.chat
        who = "分局" if self.role == "staff" else "企业"
        return f"[{self._clock.now():%m-%d %H:%M}] {where} | {self.user}({who})> "

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
            self._write(REPL_HELP.format(bot=self._bot_name) + "\n")
        elif command == "/as" and arg:
            was_private = self.chat == self.user
            self.user = arg
            if was_private:
                self.chat = arg
            self._write(f"现在以“{arg}”的身份说话。\n")
        elif command == "/role" and arg in ("staff", "enterprise"):
            self.role = arg
            self._write(f"身份已切换为{'分局工作人员' if arg == 'staff' else '企业'}。\n")
        elif command == "/chat" and arg:
            self.chat = arg
            self._write(f"已切换到群“{arg}”。\n")
        elif command == "/private":
            self.chat = self.user
            self._write("已切换到与机器人的私聊。\n")
        elif command == "/at" and arg in ("on", "off"):
            self.auto_mention = arg == "on"
            self._write(f"自动@机器人：{'开' if self.auto_mention else '关'}。\n")
        elif command == "/time" and arg:
            self._time(arg)
            await self._adapter.move_clock(self._clock.now())
        elif command == "/advance" and arg:
            self._advance(arg)
            await self._adapter.move_clock(self._clock.now())
        elif command == "/now":
            self._write(f"模拟时间：{self._clock.now():%Y-%m-%d %H:%M}\n")
        elif command in ("/as", "/role", "/chat", "/at", "/time", "/advance"):
            self._write(f"{command} 的用法不对，发送 /help 查看说明。\n")
        else:
            await self._say(line)
        return True

    def _time(self, arg: str) -> None:
        try:
            moment = as_local(datetime.fromisoformat(arg))
        except ValueError:
            self._write("时间格式不对，例如：/time 2020-07-16 09:00\n")
            return
        if moment < self._clock.now():
            self._write("模拟时钟只能往后拨。\n")
            return
        self._clock.set(moment)
        self._write(f"模拟时间：{moment:%Y-%m-%d %H:%M}\n")

    def _advance(self, arg: str) -> None:
        match = _DURATION.match(arg.strip())
        if not match:
            self._write("时长格式不对，例如：/advance 2h、/advance 3天\n")
            return
        self._clock.advance(timedelta(**{_UNITS[match.group(2)]: float(match.group(1))}))
        self._write(f"模拟时间：{self._clock.now():%Y-%m-%d %H:%M}\n")

    async def _say(self, text: str) -> None:
        mention = f"@{self._bot_name}"
        mentioned = self.auto_mention or mention in text
        text = text.replace(mention, "").strip()
        problem = too_long(text)
        if problem:
            self._write(f"消息{problem}，没有发出。\n")
            return
        await self._adapter.say(self.chat, self.user, text, self.role, None, mentioned)

    async def run(self, ask: Callable[[str], str], note: str = "") -> None:
        """`note`: said after the greeting (where the simulated clock starts and how to change it)."""
        loop = asyncio.get_running_loop()
        self._write("绩效分级助手控制台。发送 /帮助 看机器人能做什么，/help 看控制台命令。\n" + note)
        while True:
            try:
                line = await loop.run_in_executor(None, ask, self.prompt())
            except EOFError:
                break
            except UnicodeDecodeError:  # a strict UTF-8 locale and a byte that is not UTF-8
                self._write("这一行不是有效的 UTF-8 文本，已忽略。\n")
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
