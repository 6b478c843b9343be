"""A fake WeCom group-robot webhook on 127.0.0.1 (document 91770), for tests and benchmarks.

It speaks the real address shape, POST /cgi-bin/webhook/send?key=KEY, and enforces what WeCom does:
unknown keys (93000), message types (40008), 2048 bytes of text and 4096 of markdown (40058), and at
most `limit` messages per `window` per robot (45009), counted on arrival on the clock it is given.
POST /cgi-bin/webhook/upload_media?key=KEY&type=file takes a file as WeCom does (tests.fake_wechat_api.
read_upload); a message of type file must name a media_id that robot was given (40007 otherwise).
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

from bot.adapters.wecom_robot import UPLOAD_MEDIA_PATH
from bot.webhooks import WEBHOOK_PATH
from tests.fake_wechat_api import Upload, read_upload


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
    uploads: dict[str, tuple[str, Upload]] = field(default_factory=dict)  # media_id -> (key, file)
    _recent: dict[str, deque[float]] = field(default_factory=dict)
    _random: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)

    def contents(self, key: str) -> list[str]:
        return [
            message[message["msgtype"]]["content"]
            for message in self.received.get(key, [])
            if message["msgtype"] != "file"
        ]

    def files(self, key: str) -> list[Upload]:
        """The files the robot posted into its group, in order."""
        return [
            self.uploads[message["file"]["media_id"]][1]
            for message in self.received.get(key, [])
            if message["msgtype"] == "file"
        ]

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
        if not isinstance(body, dict) or body.get("msgtype") not in ("text", "markdown", "file"):
            return 40008  # invalid message type
        if body["msgtype"] == "file":
            if self.uploads.get(body["file"].get("media_id", ""), ("", None))[0] != key:
                return 40007  # invalid media_id: a robot's media serve only that robot
        else:
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

    async def upload_media(self, request: web.Request) -> web.Response:
        key = request.query.get("key", "")
        upload = await read_upload(request) if key in self.keys else 93000
        if isinstance(upload, int):
            self.refusals.append((key, upload))
            return web.json_response({"errcode": upload, "errmsg": "refused by the fake"})
        media_id = f"robot-media-{len(self.uploads)}"
        self.uploads[media_id] = (key, upload)
        return web.json_response(
            {"errcode": 0, "errmsg": "ok", "type": "file", "media_id": media_id, "created_at": "1594774800"}
        )


@asynccontextmanager
async def robot_server(keys: Iterable[str], **options: Any) -> AsyncIterator[FakeRobots]:
    """The fake on a free loopback port; point BOT_WECOM_API_BASE (or a sender) at `fake.base`."""
    fake = FakeRobots(keys=set(keys), **options)
    app = web.Application()
    app.router.add_post(WEBHOOK_PATH, fake.handle)
    app.router.add_post(UPLOAD_MEDIA_PATH, fake.upload_media)
    server = TestServer(app, host="127.0.0.1")
    # no access log: a test that reads the bot's logs in-process must not find the fake platform's lines there
    await server.start_server(access_log=None)
    async with server:
        fake.base = str(server.make_url("")).rstrip("/")
        yield fake
