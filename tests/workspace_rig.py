"""The bot with its staff workspace on a real loopback HTTP server, in a thread of its own.

Browser tests drive Chromium synchronously (selenium), so the server cannot share their event loop: it runs
in this thread's, and the tests reach the bot (chat messages, the simulated clock) through `run`.
"""

from __future__ import annotations

import asyncio
import re
import socket
import threading
from collections.abc import Coroutine, Iterator
from contextlib import AsyncExitStack, contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar

from aiohttp import web

from bot.message import Reply
from bot.server import make_web_app, workspace_mounts
from tests.fake_robot import FakeRobots, robot_server
from tests.harness import Harness, make_harness, make_settings

T = TypeVar("T")
SECRET = "a session secret of at least thirty-two characters"
STAFF = {"wangke": "平山县", "lishi": ""}  # a county's staff member and one of the city's


class WorkspaceRig:
    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._stack = AsyncExitStack()
        self.harness: Harness
        self.robots: FakeRobots
        self.base = ""

    def run(self, work: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(work, self._loop).result(timeout=60)

    def start(self) -> None:
        self._thread.start()
        self.run(self._start())

    async def _start(self) -> None:
        self.robots = await self._stack.enter_async_context(robot_server(keys=set()))
        port = _free_port()
        self.base = f"http://127.0.0.1:{port}"
        settings = make_settings(
            f"sqlite:///{self._folder}/bot.db",
            exports_dir=self._folder / "exports",
            public_url=self.base,
            session_secret=SECRET,
            staff=STAFF,
            wecom_api_base=self.robots.base,
            send_max_attempts=1,
        )
        self.harness = make_harness(settings)
        app = make_web_app(self.harness.app, workspace_mounts(self.harness.app, settings))
        runner = web.AppRunner(app)
        await runner.setup()
        self._stack.push_async_callback(runner.cleanup)
        await web.TCPSite(runner, "127.0.0.1", port).start()

    def stop(self) -> None:
        self.run(self._stack.aclose())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)

    def say(self, user: str, text: str, chat: str, role: str = "staff") -> list[Reply]:
        async def said() -> list[Reply]:
            replies = await self.harness.say(user, text, chat=chat, role=role)
            await self.harness.app.settle()
            return replies + self.harness.outbox.take()

        return self.run(said())

    def sign_in_link(self, user: str) -> str:
        text = "\n".join(reply.text for reply in self.say(user, "/后台", chat=user))
        found = re.search(r"http://\S+/staff/signin\?token=\S+", text)
        assert found, text
        return found.group(0)

    def advance(self, **delta: float) -> None:
        async def moved() -> None:
            self.harness.clock.advance(timedelta(**delta))

        self.run(moved())

    def drain(self) -> None:
        self.run(self.harness.app.drain())


@contextmanager
def workspace_rig(folder: Path) -> Iterator[WorkspaceRig]:
    rig = WorkspaceRig(folder)
    rig.start()
    try:
        yield rig
    finally:
        rig.stop()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port
