"""WeCom group robots (群机器人, now filed under 消息推送): pushes into a group through its webhook.

POST {api_base}/cgi-bin/webhook/send?key=KEY with {"msgtype": "text", "text": {"content", "mentioned_list"}}
or {"msgtype": "markdown", "markdown": {"content"}}; WeCom answers {"errcode": 0, "errmsg": "ok"}.
Limits (document 91770): 20 messages a minute per robot; text 2048 and markdown 4096 bytes of UTF-8.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Literal
from urllib.parse import parse_qs, urlsplit

import aiohttp

from bot.message import Reply
from bot.outbox import SendError, TransientSendError
from bot.text import WECOM_ROBOT_MARKDOWN_LIMIT, WECOM_TEXT_LIMIT, split_text

log = logging.getLogger("bot.adapters.wecom_robot")

RATE_LIMIT = 20
RATE_WINDOW_SECONDS = 60.0
# 45009: "API freq out of limit"; -1: "system busy". Both say: the same message may go through later.
RETRYABLE_ERRCODES = frozenset({45009, -1})
_KEY = re.compile(r"[A-Za-z0-9_-]{8,128}")

MsgType = Literal["text", "markdown"]


def robot_key(value: str) -> str:
    """The key of a group robot, from its whole webhook address or from the key itself."""
    value = value.strip()
    if "://" in value:
        keys = parse_qs(urlsplit(value).query).get("key", [])
        value = keys[0] if keys else ""
    if not _KEY.fullmatch(value):
        raise ValueError("not a group-robot webhook address or key")
    return value


def message_limit(msgtype: MsgType) -> int:
    return WECOM_ROBOT_MARKDOWN_LIMIT if msgtype == "markdown" else WECOM_TEXT_LIMIT


class RateLimiter:
    """At most `limit` sends per `window` seconds for each key.

    A send counts from when it finished, so the platform, which counts on arrival, never sees more.
    The caller serialises `wait` and `record` for one key (the sender holds a lock per robot).
    """

    def __init__(
        self,
        limit: int = RATE_LIMIT,
        window: float = RATE_WINDOW_SECONDS,
        now: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._limit = limit
        self._window = window
        self._now = now
        self._sleep = sleep
        self._sent: dict[str, deque[float]] = {}

    async def wait(self, key: str) -> None:
        sent = self._sent.setdefault(key, deque())
        while len(sent) >= self._limit:  # each pass drops the oldest send or sleeps until it is old enough
            age = self._now() - sent[0]
            if age >= self._window:
                sent.popleft()
            else:
                await self._sleep(self._window - age)

    def record(self, key: str) -> None:
        self._sent.setdefault(key, deque()).append(self._now())


class WeComRobotSender:
    """Outbox for pushes into WeCom groups: each chat id maps to its group robot's key.

    A text longer than one robot message goes out as several, cut at sentence ends, in order and
    never interleaved with another push to the same robot.
    """

    def __init__(
        self,
        api_base: str,
        key_for: Callable[[str], str | None],
        msgtype: MsgType = "text",
        limiter: RateLimiter | None = None,
        timeout_seconds: float = 10.0,
    ) -> None:
        self._url = api_base.rstrip("/") + "/cgi-bin/webhook/send"
        self._key_for = key_for
        self._msgtype = msgtype
        self._limiter = limiter or RateLimiter()
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self._locks: dict[str, asyncio.Lock] = {}
        self._session: aiohttp.ClientSession | None = None

    @property
    def limit(self) -> int:
        """Bytes of UTF-8 one robot message may carry."""
        return message_limit(self._msgtype)

    async def send(self, reply: Reply) -> None:
        key = self._key_for(reply.chat_id)
        if key is None:
            raise SendError("这个群没有设置群机器人")
        await self.push(key, reply.text, mention=reply.to)

    async def push(self, key: str, text: str, mention: str | None = None) -> None:
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            for piece in split_text(text, self.limit):
                await self._limiter.wait(key)
                try:
                    await self._post(key, self._body(piece, mention))
                finally:
                    self._limiter.record(key)

    def _body(self, content: str, mention: str | None) -> dict[str, object]:
        if self._msgtype == "markdown":
            # a mention inside markdown is written <@userid>; it must fit the byte limit too
            mentioned = f"<@{mention}>\n{content}" if mention else content
            if len(mentioned.encode("utf-8")) <= self.limit:
                content = mentioned
            return {"msgtype": "markdown", "markdown": {"content": content}}
        text: dict[str, object] = {"content": content}
        if mention:
            text["mentioned_list"] = [mention]
        return {"msgtype": "text", "text": text}

    async def _post(self, key: str, body: dict[str, object]) -> None:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        try:
            async with self._session.post(self._url, params={"key": key}, json=body) as response:
                if response.status >= 500:
                    raise TransientSendError(f"群机器人服务器出错（HTTP {response.status}）")
                if response.status != 200:
                    raise SendError(f"群机器人拒收（HTTP {response.status}）")
                answer = await response.json(content_type=None)
        except (aiohttp.ClientError, TimeoutError) as error:
            # the error's text may hold the webhook address, whose key is a secret: log its kind only
            raise TransientSendError(f"群机器人连不上（{type(error).__name__}）") from None
        except ValueError:
            raise SendError("群机器人的回应看不懂（不是 JSON）") from None
        errcode = answer.get("errcode") if isinstance(answer, dict) else None
        if errcode == 0:
            return
        errmsg = str(answer.get("errmsg", ""))[:200] if isinstance(answer, dict) else ""
        failure = TransientSendError if errcode in RETRYABLE_ERRCODES else SendError
        raise failure(f"群机器人拒收（errcode {errcode}：{errmsg}）")

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
