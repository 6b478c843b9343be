"""The Delivery engine on an injected clock: the per-chat window, retries with backoff, final failures."""

from __future__ import annotations

from dataclasses import replace

from bot.delivery import Delivery, SlidingWindowLimiter
from bot.message import Reply
from bot.outbox import Failure, SendError, SendFailure, TransientSendError


class FakeTime:
    """A monotonic clock that moves only when someone sleeps (sends here are sequential)."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


class TimedOutbox:
    """Takes `takes` seconds per message; fails as told, by chat, in order."""

    def __init__(self, time: FakeTime, takes: float = 0.0) -> None:
        self.time = time
        self.takes = takes
        self.sent: list[tuple[float, str, str]] = []
        self.failures: dict[str, list[Exception]] = {}

    async def send(self, reply: Reply) -> None:
        start = self.time.now
        self.time.now += self.takes
        planned = self.failures.get(reply.chat_id)
        if planned:
            raise planned.pop(0)
        self.sent.append((start, reply.chat_id, reply.text))


def delivery(
    time: FakeTime, outbox: TimedOutbox, limit: int = 3, window: float = 60.0, **retry: float
) -> Delivery:
    limiter = SlidingWindowLimiter(limit, window, monotonic=time.monotonic, sleep=time.sleep)
    return Delivery(outbox, limiter, sleep=time.sleep, **retry)  # type: ignore[arg-type]


async def test_each_chat_gets_at_most_limit_messages_in_any_window() -> None:
    time = FakeTime()
    outbox = TimedOutbox(time)
    sender = delivery(time, outbox)
    for n in range(7):
        assert (await sender.send(Reply("wecom", "群A", f"第{n}条"))).delivered
    assert (await sender.send(Reply("wecom", "群B", "别的群"))).delivered
    assert [start for start, chat, _ in outbox.sent if chat == "群A"] == [0, 0, 0, 60, 60, 60, 120]
    assert [start for start, chat, _ in outbox.sent if chat == "群B"] == [120]  # no wait of its own


async def test_the_window_counts_from_when_a_send_finished() -> None:
    time = FakeTime()
    outbox = TimedOutbox(time, takes=5.0)
    sender = delivery(time, outbox)
    for n in range(4):
        await sender.send(Reply("wecom", "群A", f"第{n}条"))
    # The first send finished at 5 s: the platform may have counted it as late as that.
    assert [start for start, _, _ in outbox.sent] == [0, 5, 10, 65]


async def test_transient_failures_are_retried_with_backoff() -> None:
    time = FakeTime()
    outbox = TimedOutbox(time)
    outbox.failures["群A"] = [TransientSendError(SendFailure(Failure.BUSY, "wecom_robot", errcode=-1))] * 2
    outcome = await delivery(time, outbox, limit=20).send(Reply("wecom", "群A", "通知"))
    assert (outcome.delivered, outcome.attempts) == (True, 3)
    assert time.sleeps == [2.0, 4.0]


async def test_retries_are_bounded_and_permanent_failures_not_retried() -> None:
    time = FakeTime()
    outbox = TimedOutbox(time)
    rate_limited = SendFailure(Failure.RATE_LIMITED, "wecom_robot", errcode=45009)
    key_invalid = SendFailure(Failure.ROBOT_KEY_INVALID, "wecom_robot", errcode=93000)
    outbox.failures["群A"] = [TransientSendError(rate_limited)] * 9
    outbox.failures["群B"] = [SendError(key_invalid)]
    sender = delivery(time, outbox, limit=20, max_attempts=5, backoff_base=2.0, backoff_max=5.0)
    busy = await sender.send(Reply("wecom", "群A", "通知"))
    assert (busy.delivered, busy.attempts) == (False, 5)
    assert busy.error == replace(rate_limited, attempts=5)
    assert time.sleeps == [2.0, 4.0, 5.0, 5.0]
    refused = await sender.send(Reply("wecom", "群B", "通知"))
    assert (refused.delivered, refused.attempts, refused.error) == (False, 1, key_invalid)
    assert outbox.sent == []


async def test_a_long_message_goes_out_in_pieces_each_counted() -> None:
    time = FakeTime()
    outbox = TimedOutbox(time)
    outcome = await delivery(time, outbox, limit=2).send(Reply("wecom", "群A", "这是一条很长的通知。" * 180))
    pieces = [(start, text) for start, _, text in outbox.sent]
    assert outcome.attempts == len(pieces) == 3
    assert all(len(text.encode()) <= 2048 for _, text in pieces)
    assert [start for start, _ in pieces] == [0, 0, 60]
