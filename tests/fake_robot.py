"""A fake WeCom group-robot webhook on 127.0.0.1 (document 91770), for tests and benchmarks.

It speaks the real address shape, POST /cgi-bin/webhook/send?key=KEY, and enforces what WeCom does:
unknown keys (93000), message types (40008), 2048 bytes of text and 4096 of markdown (40058), and at
most `limit` messages per `window` per robot (45009), counted on arrival on the clock it is given.
Every refusal is recorded: a well-behaved sender causes none. `failure_rate` adds random transient
failures (alternately HTTP 502 and errcode -1), answered before the message is accepted, as the platform
does, so a retry cannot double a message.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.webhooks import WEBHOOK_PATH


class FakeTime:
    """Monotonic seconds that move only when someone sleeps: the delivery's and the fake robot's clock."""

    def __init__(self) -> None:
        self.now_value = 1_000.0
        self.slept = 0.0

    def now(self) -> float:
        return self.now_value

    async def sleep(self, seconds: float) -> None:
        self.now_value += seconds
        self.slept += seconds
        await asyncio.sleep(0)


@dataclass
class FakeRobots:
    """The robots of `keys`; `received[key]` holds the bodies each accepted, in order of arrival."""

    keys: set[str]
    now: Callable[[], float] = time.monotonic
    limit: int = 20
    window: float = 60.0
    failure_rate: float = 0.0
    seed: int = 5
    received: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    arrivals: dict[str, list[float]] = field(default_factory=dict)  # when each accepted message arrived
    refusals: list[tuple[str, int]] = field(default_factory=list)  # (key, errcode)
    failures: int = 0  # the random transient failures answered
    answer_with: tuple[int, Any] | None = None  # (HTTP status, body) to force an error answer
    delay: float = 0.0
    base: str = ""
    _recent: dict[str, deque[float]] = field(default_factory=dict)
    _random: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)

    def contents(self, key: str) -> list[str]:
        return [message[message["msgtype"]]["content"] for message in self.received.get(key, [])]

    def busiest_window(self) -> int:
        """The most messages any robot accepted within one window."""
        most = 0
        for times in self.arrivals.values():
            start = 0
            for end, moment in enumerate(times):
                while times[start] <= moment - self.window:
                    start += 1
                most = max(most, end - start + 1)
        return most

    def _errcode(self, key: str, body: Any) -> int:
        if key not in self.keys:
            return 93000  # invalid webhook url
        if not isinstance(body, dict) or body.get("msgtype") not in ("text", "markdown"):
            return 40008  # invalid message type
        content = body[body["msgtype"]].get("content", "")
        limit = 2048 if body["msgtype"] == "text" else 4096
        if len(content.encode("utf-8")) > limit:
            return 40058  # content too long
        recent = self._recent.setdefault(key, deque())
        while recent and self.now() - recent[0] >= self.window:
            recent.popleft()
        if len(recent) >= self.limit:
            return 45009  # api freq out of limit
        recent.append(self.now())
        return 0

    async def handle(self, request: web.Request) -> web.Response:
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.answer_with is not None:
            status, answer = self.answer_with
            if isinstance(answer, str):
                return web.Response(status=status, text=answer)
            return web.json_response(answer, status=status)
        key = request.query.get("key", "")
        body = await request.json()
        if self._random.random() < self.failure_rate:
            self.failures += 1
            if self.failures % 2:
                return web.Response(status=502, text="bad gateway")
            return web.json_response({"errcode": -1, "errmsg": "system busy"})
        errcode = self._errcode(key, body)
        if errcode:
            self.refusals.append((key, errcode))
            return web.json_response({"errcode": errcode, "errmsg": "refused by the fake"})
        self.received.setdefault(key, []).append(body)
        self.arrivals.setdefault(key, []).append(self.now())
        return web.json_response({"errcode": 0, "errmsg": "ok"})


@asynccontextmanager
async def robot_server(keys: Iterable[str], **options: Any) -> AsyncIterator[FakeRobots]:
    """The fake on a free loopback port; point BOT_WECOM_API_BASE (or a sender) at `fake.base`."""
    fake = FakeRobots(keys=set(keys), **options)
    app = web.Application()
    app.router.add_post(WEBHOOK_PATH, fake.handle)
    async with TestServer(app, host="127.0.0.1") as server:
        fake.base = str(server.make_url("")).rstrip("/")
        yield fake
