"""The injected clock: every time-dependent decision reads it, never datetime.now()."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Shanghai")
# The simulated clock goes no further: the bot adds days to the time it reads (leases, idle and keep times,
# retention), and dates end with the year 9999.
LATEST = datetime(9000, 1, 1, tzinfo=TZ)


class Clock(Protocol):
    def now(self) -> datetime: ...

    def timestamp(self) -> float:
        """Unix seconds now, as `now().timestamp()` gives them: the callbacks' signed timestamps are compared
        with it and their replies stamped with it, without an aware datetime's conversion (~2 µs a read,
        twice a callback)."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(TZ)

    def timestamp(self) -> float:
        return time.time()


class ManualClock:
    """A simulated clock for tests and the console; it only moves when told to."""

    def __init__(self, start: datetime) -> None:
        self._now = as_local(start)

    def now(self) -> datetime:
        return self._now

    def timestamp(self) -> float:
        return self._now.timestamp()

    def set(self, moment: datetime) -> None:
        self._now = as_local(moment)

    def advance(self, delta: timedelta | None = None, **parts: float) -> datetime:
        self._now += delta if delta is not None else timedelta(**parts)
        return self._now


def as_local(moment: datetime) -> datetime:
    """A naive time is read as Asia/Shanghai; an aware one is converted to it."""
    return moment.replace(tzinfo=TZ) if moment.tzinfo is None else moment.astimezone(TZ)


class ShiftedClock:
    """Real time plus an offset: the console without --now, where /time and /advance still work."""

    def __init__(self) -> None:
        self._offset = timedelta()

    def now(self) -> datetime:
        return datetime.now(TZ) + self._offset

    def timestamp(self) -> float:
        return time.time() + self._offset.total_seconds()

    def set(self, moment: datetime) -> None:
        self._offset = as_local(moment) - datetime.now(TZ)

    def advance(self, delta: timedelta | None = None, **parts: float) -> datetime:
        self._offset += delta if delta is not None else timedelta(**parts)
        return self.now()
