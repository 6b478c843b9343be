"""Keeping N worker processes running: a worker that dies is restarted after a back-off; all stop together
only when the parent is told to stop (SIGTERM or SIGINT, `serve_workers` in bot.server)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import time
from collections.abc import Awaitable, Callable
from typing import Protocol

log = logging.getLogger("bot.workers")

# A worker that exits with this status could not start (bad configuration or data, bot.__main__): starting
# it again would fail the same way, so the parent stops the others and exits with it.
CANNOT_START = 2


class Child(Protocol):
    """What the supervisor needs of a worker process (asyncio.subprocess.Process has it)."""

    @property
    def pid(self) -> int: ...

    @property
    def returncode(self) -> int | None: ...

    async def wait(self) -> int: ...

    def send_signal(self, sig: int) -> None: ...

    def kill(self) -> None: ...


class RestartDelay:
    """How long to wait before restarting a slot's worker: `first` after a death, doubling while the
    worker keeps dying soon after its start (a crash loop must not spin), at most `most`; a worker that
    lived `steady_after` seconds had started well, and the next death waits `first` again."""

    def __init__(self, first: float = 0.5, most: float = 30.0, steady_after: float = 60.0) -> None:
        self._first = first
        self._most = most
        self._steady_after = steady_after
        self._next = first

    def after_death(self, lived_seconds: float) -> float:
        if lived_seconds >= self._steady_after:
            self._next = self._first
        delay = self._next
        self._next = min(self._most, delay * 2)
        return delay


class Supervisor:
    """Runs `count` workers made by `start`, each in a slot that restarts it when it dies, until `stop`."""

    def __init__(
        self,
        start: Callable[[], Awaitable[Child]],
        count: int,
        stop: asyncio.Event,
        stop_timeout: float,
        *,
        delay: Callable[[], RestartDelay] = RestartDelay,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._start = start
        self._stop = stop
        self._stop_timeout = stop_timeout
        self._delay = delay
        self._monotonic = monotonic
        self._sleep = sleep
        self.children: list[Child | None] = [None] * count
        self.cannot_start = False

    async def run(self) -> list[int | None]:
        """Until told to stop (or a worker cannot start): then SIGTERM to all, a kill for those still
        running after the timeout; returns the last workers' exit statuses."""
        slots = [asyncio.ensure_future(self._keep_running(slot)) for slot in range(len(self.children))]
        try:
            await asyncio.gather(*slots)
        finally:
            for task in slots:
                task.cancel()
            await asyncio.gather(*slots, return_exceptions=True)
            await self._stop_all()
        return [child.returncode if child else None for child in self.children]

    async def _keep_running(self, slot: int) -> None:
        delay = self._delay()
        while not self._stop.is_set():
            child = await self._start()
            self.children[slot] = child
            log.info("worker started", extra={"pid": child.pid, "slot": slot})
            began = self._monotonic()
            if not await self._until_stop(child.wait()):
                return
            if child.returncode == CANNOT_START:
                log.error("a worker cannot start; stopping the others", extra={"pid": child.pid})
                self.cannot_start = True
                self._stop.set()
                return
            wait = delay.after_death(self._monotonic() - began)
            log.error(
                "a worker died; restarting it",
                extra={"pid": child.pid, "exit_code": child.returncode, "restart_in_seconds": wait},
            )
            if not await self._until_stop(self._sleep(wait)):
                return

    async def _until_stop(self, work: Awaitable[object]) -> bool:
        """Waits for `work`; False if the stop came first (the work is abandoned)."""
        done = asyncio.ensure_future(work)
        stopping = asyncio.ensure_future(self._stop.wait())
        try:
            await asyncio.wait([done, stopping], return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopping.cancel()
            if not done.done():
                done.cancel()
        return done.done() and not done.cancelled()

    async def _stop_all(self) -> None:
        running = [child for child in self.children if child is not None and child.returncode is None]
        for child in running:
            with contextlib.suppress(ProcessLookupError):
                child.send_signal(signal.SIGTERM)
        exits = [asyncio.ensure_future(child.wait()) for child in running]
        if not exits:
            return
        _done, hanging = await asyncio.wait(exits, timeout=self._stop_timeout)
        for child in running:
            if child.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    child.kill()
        if hanging:
            await asyncio.wait(hanging)
