"""Whose claims and leases are free, as the database tells: what a dead process claimed or leased is taken up at
once, a live process's never, and of two processes racing for it one takes it. Each repository here stands
for a process (its own engine); on SQLite one process serves the database, so the live one is the taker
itself and every other holder is an earlier run."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from datetime import timedelta

import pytest
from sqlalchemy import Engine, text

from bot.inbox import PENDING, InboxEntry, RecordedAnswer, Settlement
from bot.message import Reply
from bot.runtime import ANSWER_LEASE
from storage.db import engine_backend, make_engine, migrate
from storage.repos import InboxRepository
from tests.harness import START

ANSWERS = 20
LATER = START + timedelta(seconds=5)  # well within every lease


@pytest.fixture
def processes(database_url: str) -> Iterator[list[InboxRepository]]:
    """Three processes' inboxes on one migrated database (one engine each, disposed at the end)."""
    engines: list[Engine] = []
    with ExitStack() as stack:
        for _ in range(3):
            engine = make_engine(database_url)
            stack.callback(engine.dispose)
            engines.append(engine)
        migrate(engines[0])
        yield [InboxRepository(engine) for engine in engines]


def several_processes(inbox: InboxRepository) -> bool:
    return engine_backend(str(inbox._engine.url)) == "postgresql"


def answered(inbox: InboxRepository, count: int = 1) -> None:
    """`count` messages recorded and handled in this process, each with a pending answer it leased."""
    for n in range(count):
        msg_id = f"m{n}"
        assert inbox.write([InboxEntry("wecom_app", msg_id, "zhangsan", "zhangsan", "/帮助", START)]) == [
            True
        ]
        reply = Reply("wecom_app", "zhangsan", f"答{n}", "zhangsan")
        answer = RecordedAnswer("wecom_app", msg_id, 0, reply, PENDING, START + ANSWER_LEASE)
        inbox.write([], [Settlement("wecom_app", msg_id, None, (answer,))])


def texts(rows: object) -> list[str]:
    return [RecordedAnswer.from_row(row).reply.text for row in rows]  # type: ignore[attr-defined]


def test_a_live_processs_lease_is_not_taken_and_a_dead_ones_is_at_once(
    processes: list[InboxRepository],
) -> None:
    holder, successor, third = processes
    answered(holder)
    alive_elsewhere = successor if several_processes(holder) else holder
    assert alive_elsewhere.take_unsent(LATER, LATER + ANSWER_LEASE) == []
    assert alive_elsewhere.take_unsent(LATER, LATER + ANSWER_LEASE, message=("wecom_app", "m0")) == []
    holder.close()  # the process dies: its session ends, and its lock with it
    assert texts(successor.take_unsent(LATER, LATER + ANSWER_LEASE)) == ["答0"]
    # now the successor's, alive: nobody takes it again (on SQLite the successor is the one process)
    alive_elsewhere = third if several_processes(holder) else successor
    assert alive_elsewhere.take_unsent(LATER, LATER + ANSWER_LEASE) == []


def test_a_live_processs_lease_is_taken_once_it_ran_out(processes: list[InboxRepository]) -> None:
    holder, successor, _ = processes
    answered(holder)
    alive_elsewhere = successor if several_processes(holder) else holder
    expired = START + ANSWER_LEASE + timedelta(seconds=1)  # its send failed half-way, long ago
    assert texts(alive_elsewhere.take_unsent(expired, expired + ANSWER_LEASE)) == ["答0"]


def test_a_dead_processs_queued_message_is_stalled_at_once(processes: list[InboxRepository]) -> None:
    holder, successor, _ = processes
    assert holder.write([InboxEntry("wecom_app", "q1", "zhangsan", "zhangsan", "/帮助", START)]) == [True]
    long_ago = START - timedelta(hours=1)  # nothing has waited long enough to count as given up
    alive_elsewhere = successor if several_processes(holder) else holder
    assert alive_elsewhere.stalled(long_ago) == []
    holder.close()
    assert successor.stalled(long_ago) == [("wecom_app", "zhangsan", "zhangsan")]
    assert successor.stalled(START + timedelta(seconds=1)) == [("wecom_app", "zhangsan", "zhangsan")]


def test_two_processes_racing_for_a_dead_processs_answers_take_each_once(
    processes: list[InboxRepository],
) -> None:
    holder, first, second = processes
    answered(holder, ANSWERS)
    holder.close()
    if not several_processes(holder):  # the one process races itself (its tick and a redelivery, say)
        second = first
    start = threading.Barrier(2)

    def take(inbox: InboxRepository) -> list[str]:
        taken: list[str] = []
        start.wait()
        for _ in range(ANSWERS):  # a few at a time, so the two interleave
            taken += texts(inbox.take_unsent(LATER, LATER + ANSWER_LEASE, limit=3))
        return taken

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(take, [first, second]))
    everything = Counter(results[0] + results[1])
    assert everything == Counter(f"答{n}" for n in range(ANSWERS))


def test_a_worker_whose_session_was_lost_goes_on_under_a_new_id(processes: list[InboxRepository]) -> None:
    holder, successor, third = processes
    if not several_processes(holder):
        pytest.skip("SQLite has no sessions: one process serves it")
    answered(holder)
    held = holder._liveness._held
    assert held is not None
    backend = held.execute(text("SELECT pg_backend_pid()")).scalar()
    with successor._engine.connect() as connection:  # the connection breaks (a restart of the server, say)
        assert connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend}).scalar()
    lost = holder._liveness.worker
    # the others find it dead: what it held is theirs (an answer it was sending may go twice)
    for _attempt in range(1000):  # the server lets the lock go a moment after the session ends
        if taken := successor.take_unsent(LATER, LATER + ANSWER_LEASE):
            break
    assert texts(taken) == ["答0"]
    assert holder.stalled(START - timedelta(hours=1)) == []  # the next tick finds its session lost
    assert holder._liveness.worker != lost
    assert holder.write([InboxEntry("wecom_app", "q2", "zhangsan", "zhangsan", "/帮助", START)]) == [True]
    assert third.stalled(START - timedelta(hours=1)) == []  # alive again, under its new id


def test_workers_no_row_names_any_more_are_forgotten_with_the_old_messages(
    processes: list[InboxRepository],
) -> None:
    """One worker row per start would pile up: the tick's clean-up drops the old ones nothing names, but never
    this process's, one a message still names, nor the newest (on SQLite its id would be handed out again)."""
    inbox = processes[0]
    assert inbox.write([InboxEntry("wecom", "m1", "g", "u", "问", START)]) == [True]
    engine = inbox._engine
    long_ago = START - timedelta(days=400)
    with engine.begin() as connection:
        ids = [
            connection.execute(
                text("INSERT INTO worker (host, pid, started_at) VALUES ('h', :pid, :at) RETURNING id"),
                {"pid": pid, "at": long_ago},
            ).scalar_one()
            for pid in (1, 2, 3)
        ]
        connection.execute(text("UPDATE inbox SET claimed_by = :id"), {"id": ids[1]})
    inbox.forget_before(START - timedelta(days=30))
    with engine.connect() as connection:
        left = {row[0] for row in connection.execute(text("SELECT id FROM worker"))}
    assert ids[0] not in left  # old, named by nothing
    assert ids[1] in left  # a kept message names it
    assert ids[2] in left  # the newest
    assert inbox._liveness.worker in left
