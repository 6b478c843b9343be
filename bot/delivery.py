"""Pushes through the outbox: a rate limit per destination, retries with backoff, an outcome per message.

Platform limits run on real time (a WeCom group robot takes 20 messages a minute), so the limiter and the
backoff read a monotonic clock and sleep for real; both are injected so tests can shrink the window.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace

from bot.message import Reply
from bot.metrics import Metrics
from bot.outbox import Failure, Outbox, SendError, SendFailure, TransientSendError
from bot.text import WECOM_TEXT_LIMIT

log = logging.getLogger("bot.delivery")

Destination = tuple[str, str]  # (channel, chat_id)
Sleep = Callable[[float], Awaitable[None]]


@dataclass
class _Window:
    finished: deque[float] = field(default_factory=deque)  # when each recent send finished
    in_flight: int = 0
    released: asyncio.Event = field(default_factory=asyncio.Event)


class SlidingWindowLimiter:
    """At most `limit` sends to one destination in any `window` seconds.

    A send holds its slot from when it starts until `window` seconds after it finished. The platform counts
    a message somewhere in between, so however long each request takes, no window it sees holds more.
    """

    def __init__(
        self,
        limit: int,
        window: float,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("the rate limit needs limit >= 1 and window > 0")
        self.limit = limit
        self.window = window
        self._monotonic = monotonic
        self._sleep = sleep
        self._windows: dict[Destination, _Window] = {}
        self._swept_at = monotonic()

    @asynccontextmanager
    async def slot(self, destination: Destination) -> AsyncIterator[None]:
        state = await self._acquire(destination)
        try:
            yield
        finally:
            state.in_flight -= 1
            state.finished.append(self._monotonic())
            state.released.set()
            state.released = asyncio.Event()

    async def _acquire(self, destination: Destination) -> _Window:
        # Each pass either takes a slot or waits for one to free up (a window expiring, a send finishing).
        while True:
            self._forget_idle()
            # Looked up on every pass: while this waited, the sweep may have dropped an expired window.
            state = self._windows.setdefault(destination, _Window())
            now = self._monotonic()
            while state.finished and state.finished[0] <= now - self.window:
                state.finished.popleft()
            if len(state.finished) + state.in_flight < self.limit:
                state.in_flight += 1
                return state
            if state.finished:
                await self._sleep(state.finished[0] + self.window - now)
            else:
                await state.released.wait()

    def _forget_idle(self) -> None:
        """Once a window, drop destinations with nothing recent: a long-running bot meets many chats."""
        now = self._monotonic()
        if now - self._swept_at < self.window:
            return
        self._swept_at = now
        cutoff = now - self.window
        idle = [
            key
            for key, state in self._windows.items()
            if not state.in_flight and (not state.finished or state.finished[-1] <= cutoff)
        ]
        for key in idle:
            del self._windows[key]


@dataclass
class Tally:
    """Sends under way for one piece of background work (and the tasks it starts)."""

    count: int = 0


class SendsUnderWay:
    """Which background work has a send under way, for whoever must not wait for it (the console, between
    lines). A send to the console's own output finishes without yielding to the event loop, so a send seen
    under way is waiting on a platform: its answer, a retry's backoff, a rate-limit window.
    """

    def __init__(self) -> None:
        self._tally: ContextVar[Tally | None] = ContextVar("sends_under_way", default=None)
        self.generation = 0  # how many sends have begun: what a waiter compares against
        self._began = asyncio.Event()

    def count_into(self, tally: Tally) -> None:
        """The sends of the task running now, and of the tasks it starts, count into `tally`."""
        self._tally.set(tally)

    @contextmanager
    def one(self) -> Iterator[None]:
        tally = self._tally.get()
        if tally is not None:
            tally.count += 1
        self.generation += 1
        self._began.set()
        try:
            yield
        finally:
            if tally is not None:
                tally.count -= 1

    async def another_after(self, generation: int) -> None:
        """Returns once a send began after `generation` was read (at once if one has)."""
        while self.generation == generation:
            self._began.clear()
            await self._began.wait()


@dataclass(frozen=True)
class Outcome:
    """What became of one push: delivered or not, after how many attempts, and why not."""

    delivered: bool
    attempts: int
    error: SendFailure | None = None
    status: str = "delivered"  # else "failed", "gave_up" or "error" (bot.metrics counts sends by it)


class Delivery:
    """The one way pushes (reminders, broadcasts, progress) leave the bot."""

    def __init__(
        self,
        outbox: Outbox,
        limiter: SlidingWindowLimiter,
        max_attempts: int = 5,
        backoff_base: float = 2.0,
        backoff_max: float = 60.0,
        sleep: Sleep = asyncio.sleep,
        limit_for: Callable[[Reply], int] = lambda _reply: WECOM_TEXT_LIMIT,
        under_way: SendsUnderWay | None = None,
        metrics: Metrics | None = None,
    ) -> None:
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        self._under_way = under_way or SendsUnderWay()
        self._outbox = outbox
        self._limit_for = limit_for
        self._limiter = limiter
        self._max_attempts = max_attempts
        self._backoff_base = backoff_base
        self._backoff_max = backoff_max
        self._sleep = sleep
        self._sends = (metrics or Metrics()).sends

    def backoff(self, failed_attempts: int) -> float:
        """Seconds to wait after the n-th failed attempt: base, 2×base, 4×base … capped."""
        return float(min(self._backoff_base * 2 ** (failed_attempts - 1), self._backoff_max))

    async def send(self, reply: Reply) -> Outcome:
        """Send a message, retrying transient failures (a file's upload too).

        The text is cut at sentence ends to the destination's byte limit (`limit_for`), so each piece is one
        platform message: the window counts exactly what the platform counts.
        """
        with self._under_way.one():
            outcome = await self._send(reply)
        self._sends.labels(reply.channel, outcome.status).inc()
        return outcome

    async def _send(self, reply: Reply) -> Outcome:
        attempts = 0
        for message in reply.pieces(self._limit_for(reply)):
            for attempt in range(1, self._max_attempts + 1):
                attempts += 1
                try:
                    async with self._limiter.slot((reply.channel, reply.chat_id)):
                        await self._outbox.send(message)
                    break
                except TransientSendError as error:
                    if attempt == self._max_attempts:
                        return Outcome(False, attempts, replace(error.failure, attempts=attempts), "gave_up")
                    self._sends.labels(reply.channel, "retried").inc()
                    await self._sleep(self.backoff(attempt))
                except SendError as error:
                    return Outcome(False, attempts, error.failure, "failed")
                except Exception:
                    log.exception("outbox failed", extra={"channel": reply.channel, "chat": reply.chat_id})
                    return Outcome(False, attempts, SendFailure(Failure.BOT_ERROR), "error")
        return Outcome(True, attempts)


class DeliveryOutbox:
    """Delivery behind the Outbox port, for an adapter that sends a push as it would a reply."""

    def __init__(self, delivery: Delivery) -> None:
        self._delivery = delivery

    async def send(self, reply: Reply) -> None:
        outcome = await self._delivery.send(reply)
        if not outcome.delivered:
            raise SendError(outcome.error or SendFailure(Failure.BOT_ERROR))
