"""The parent of `serve --workers N` (bot.workers.Supervisor) on fake processes and fake time: a worker that
dies is restarted after a back-off that grows while it keeps dying and resets once it ran well; only the
stop ends them all; a worker that cannot start stops the set."""

from __future__ import annotations

import asyncio
import itertools
import signal

from bot.workers import CANNOT_START, RestartDelay, Supervisor


class FakeWorker:
    """A worker process: exits when told (`die`) or when signalled."""

    pids = itertools.count(1000)

    def __init__(self) -> None:
        self.pid = next(self.pids)
        self.returncode: int | None = None
        self.signals: list[int] = []
        self._exited = asyncio.Event()

    def die(self, code: int) -> None:
        self.returncode = code
        self._exited.set()

    async def wait(self) -> int:
        await self._exited.wait()
        assert self.returncode is not None
        return self.returncode

    def send_signal(self, sig: int) -> None:
        self.signals.append(sig)
        self.die(-sig)

    def kill(self) -> None:
        self.die(-signal.SIGKILL)


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0
        self.waits: list[float] = []

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


class Started(list[FakeWorker]):
    """Every worker the supervisor started, in order; `start` is what it calls."""

    def __init__(self) -> None:
        super().__init__()
        self._changed = asyncio.Condition()

    async def start(self) -> FakeWorker:
        self.append(FakeWorker())
        async with self._changed:
            self._changed.notify_all()
        return self[-1]

    async def until(self, count: int) -> None:
        async with self._changed:
            await self._changed.wait_for(lambda: len(self) >= count)


async def test_a_dying_worker_is_restarted_with_a_growing_back_off_and_the_others_keep_running() -> None:
    workers = Started()
    fake = FakeTime()
    stop = asyncio.Event()
    supervisor = Supervisor(
        workers.start, 2, stop, stop_timeout=5, monotonic=fake.monotonic, sleep=fake.sleep
    )
    running = asyncio.ensure_future(supervisor.run())
    async with asyncio.timeout(5):
        await workers.until(2)
        for count in (3, 4, 5):  # the first slot's worker dies three times right after its start
            workers[-1 if count > 3 else 0].die(-signal.SIGKILL)
            await workers.until(count)
        fake.now += 120  # the fifth has run well for two minutes before it dies
        workers[-1].die(1)
        await workers.until(6)
        stop.set()
        codes = await running
    assert fake.waits == [0.5, 1.0, 2.0, 0.5]
    assert [w.signals for w in workers] == [[], [signal.SIGTERM], [], [], [], [signal.SIGTERM]]
    assert codes == [-signal.SIGTERM, -signal.SIGTERM]
    assert not supervisor.cannot_start


async def test_a_worker_that_cannot_start_stops_the_others() -> None:
    workers = Started()
    supervisor = Supervisor(workers.start, 2, asyncio.Event(), stop_timeout=5)
    running = asyncio.ensure_future(supervisor.run())
    async with asyncio.timeout(5):
        await workers.until(2)
        workers[0].die(CANNOT_START)
        codes = await running
    assert len(workers) == 2  # not restarted
    assert codes == [CANNOT_START, -signal.SIGTERM]
    assert supervisor.cannot_start


def test_the_back_off_doubles_up_to_its_ceiling() -> None:
    delay = RestartDelay(first=1, most=5, steady_after=60)
    assert [delay.after_death(lived_seconds=2) for _ in range(5)] == [1, 2, 4, 5, 5]
    assert delay.after_death(lived_seconds=61) == 1
