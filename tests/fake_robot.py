"""A fake WeCom group robot on 127.0.0.1: one webhook per chat, a per-chat rate limit, random failures.

A failed request is refused before the message is accepted (as the platform does when it answers with an
error), so a retry cannot double a message. A request over the rate limit is refused with errcode 45009
and counted as a violation: a well-behaved sender never causes one.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict, deque
from urllib.parse import quote

from aiohttp import web


class FakeRobot:
    def __init__(
        self, limit: int = 20, window: float = 60.0, failure_rate: float = 0.0, seed: int = 5
    ) -> None:
        self.limit = limit
        self.window = window
        self.failure_rate = failure_rate
        self.accepted: dict[str, list[tuple[float, str]]] = defaultdict(list)  # chat -> (time, text)
        self.violations: list[str] = []
        self.failures = 0
        self._recent: dict[str, deque[float]] = defaultdict(deque)
        self._random = random.Random(seed)
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/cgi-bin/webhook/send", self._send)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.base_url = f"http://{host}:{port}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def url_for(self, chat_id: str) -> str:
        return f"{self.base_url}/cgi-bin/webhook/send?key={quote(chat_id)}"

    async def _send(self, request: web.Request) -> web.Response:
        chat = request.query["key"]
        body = await request.json()
        if self._random.random() < self.failure_rate:
            self.failures += 1
            if self.failures % 2:
                return web.Response(status=502, text="bad gateway")
            return web.json_response({"errcode": -1, "errmsg": "system busy"})
        now = time.monotonic()
        recent = self._recent[chat]
        while recent and recent[0] <= now - self.window:
            recent.popleft()
        if len(recent) >= self.limit:
            self.violations.append(chat)
            return web.json_response({"errcode": 45009, "errmsg": "api freq out of limit"})
        recent.append(now)
        self.accepted[chat].append((now, body["text"]["content"]))
        return web.json_response({"errcode": 0, "errmsg": "ok"})

    def texts(self, chat: str) -> list[str]:
        return [text for _, text in self.accepted[chat]]

    def busiest_window(self) -> int:
        """The most messages any chat accepted within one window."""
        most = 0
        for entries in self.accepted.values():
            times = [t for t, _ in entries]
            start = 0
            for end, moment in enumerate(times):
                while times[start] <= moment - self.window:
                    start += 1
                most = max(most, end - start + 1)
        return most
