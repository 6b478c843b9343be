"""The inbox under callback load: a group commit of the claims that arrive together, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path

import pytest

from bot.app import build_app
from bot.clock import ManualClock
from bot.inbox import InboxEntry, InboxWrites, SendResult, Settlement
from bot.message import ChatKind, Message, Role
from bot.outbox import RecordingOutbox
from storage.db import make_engine, migrate
from storage.repos import InboxRepository, Repositories
from tests.harness import START, make_settings


def entry(msg_id: str) -> InboxEntry:
    return InboxEntry("wecom_bot", msg_id, "g", "u", "问", START)


def message(msg_id: str, sender: str = "u") -> Message:
    return Message(
        msg_id, "wecom_bot", "g", ChatKind.GROUP, sender, sender, Role.ENTERPRISE, "/帮助", True, START
    )


def test_claim_many_records_each_message_once(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    inbox = Repositories.on(engine).inbox
    assert inbox.write([entry("a"), entry("b"), entry("a")]) == [True, True, False]
    assert inbox.write([entry("a"), entry("c")]) == [False, True]
    assert inbox.write([entry("c"), entry("d")]) == [False, True]  # the new one is kept
    assert inbox.count() == 4
    engine.dispose()


class CountingInbox(InboxRepository):
    def __init__(self, inner: InboxRepository) -> None:
        self.inner = inner
        self.batches: list[int] = []
        self.settled: list[int] = []

    def write(  # type: ignore[override]
        self,
        entries: Sequence[InboxEntry],
        settled: Sequence[Settlement] = (),
        sent: Sequence[SendResult] = (),
    ) -> list[bool]:
        self.batches.append(len(entries))
        self.settled.append(len(settled))
        return self.inner.write(entries, settled, sent)


async def test_claims_arriving_together_share_one_transaction(database_url: str, tmp_path: Path) -> None:
    bot = build_app(make_settings(database_url, exports_dir=tmp_path), ManualClock(START), RecordingOutbox())
    counting = CountingInbox(bot.context.repos.inbox)
    claims = InboxWrites(counting)
    together = await asyncio.gather(*(claims.claim(message(f"m{i % 4}", f"u{i}")) for i in range(8)))
    assert together == [True] * 4 + [False] * 4  # redeliveries in the same batch lose to the first
    assert counting.batches == [8]
    assert [await claims.claim(message(f"n{i}")) for i in range(3)] == [True] * 3
    assert counting.batches == [8, 1, 1, 1]  # one at a time: nothing to wait for
    bot.context.repos.inbox._engine.dispose()


async def test_settles_share_the_transaction_of_the_claims_arriving_with_them(
    database_url: str, tmp_path: Path
) -> None:
    bot = build_app(make_settings(database_url, exports_dir=tmp_path), ManualClock(START), RecordingOutbox())
    counting = CountingInbox(bot.context.repos.inbox)
    writes = InboxWrites(counting)
    assert await writes.claim(message("q1"))
    outcome = await asyncio.gather(
        writes.settle(Settlement("wecom_bot", "q1")),
        writes.claim(message("q2")),
        writes.claim(message("q1")),
    )
    assert outcome == [None, True, False]
    assert (counting.batches, counting.settled) == ([1, 2], [0, 1])  # the settle went with the two claims
    held = bot.context.repos.inbox.take_conversation("wecom_bot", "g", "u")
    assert held is not None
    try:
        assert [row["msg_id"] for row in held.queued()] == ["q2"]  # q1 left the queue
    finally:
        held.release()
    bot.context.repos.inbox._engine.dispose()


async def test_a_failed_claim_fails_every_message_of_its_batch() -> None:
    class Unreachable(InboxRepository):
        def __init__(self) -> None:
            pass

        def write(  # type: ignore[override]
            self,
            entries: Sequence[InboxEntry],
            settled: Sequence[Settlement] = (),
            sent: Sequence[SendResult] = (),
        ) -> list[bool]:
            raise ConnectionError("database down")

    claims = InboxWrites(Unreachable())
    results = await asyncio.gather(
        *(claims.claim(message(f"m{i}")) for i in range(3)), return_exceptions=True
    )
    assert all(isinstance(result, ConnectionError) for result in results)
    with pytest.raises(ConnectionError):
        await claims.claim(message("later"))
