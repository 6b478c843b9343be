"""Repositories: one per aggregate, methods named by intent, one short transaction per call."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import socket
import threading
import weakref
from collections import OrderedDict, deque
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from operator import itemgetter
from types import ModuleType
from typing import Any, Protocol, TypeVar

from sqlalchemy import (
    ColumnElement,
    Connection,
    Delete,
    Engine,
    Insert,
    Select,
    Table,
    Update,
    and_,
    bindparam,
    delete,
    false,
    func,
    insert,
    literal,
    or_,
    select,
    text,
    tuple_,
    union,
    update,
)
from sqlalchemy.engine.interfaces import DBAPICursor
from sqlalchemy.exc import DBAPIError, IntegrityError

from storage import tables
from storage.db import DriverTransactions, driver_statement, schema_revision
from storage.lazy import models
from storage.types import LOCAL_TZ

log = logging.getLogger("storage.repos")

Conversation = tuple[str, str, str]  # (channel, chat, sender)
_Key = TypeVar("_Key")
_Value = TypeVar("_Value")


def _shared(engine: Engine) -> bool:
    """Whether several processes may serve this database: PostgreSQL; on SQLite one process serves."""
    return engine.dialect.name == "postgresql"


class _Remembered(OrderedDict[_Key, _Value | None]):
    """The rows a repository last read or wrote by key (None: there is none), the latest `limit` keys, for a
    database only this process serves (SQLite: `serve --workers` needs PostgreSQL): every change goes through
    the repository, so what it read or wrote stays true until it writes again, and a read per message is
    spared. None on a shared database, where another worker may change a row at any time."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self._limit = limit

    @classmethod
    def on(cls, engine: Engine, limit: int) -> _Remembered[_Key, _Value] | None:
        return None if _shared(engine) else cls(limit)

    def remember(self, key: _Key, row: _Value | None) -> None:
        self[key] = row
        self.move_to_end(key)
        if len(self) > self._limit:
            self.popitem(last=False)


def _dialect(name: str) -> ModuleType:
    """The dialect whose `insert … on conflict` a statement is built with. PostgreSQL's is imported for a
    PostgreSQL database only: ~50 ms of every start otherwise (bench/bench_startup.py)."""
    if name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql
    from sqlalchemy.dialects import sqlite

    return sqlite


def _table(model: type) -> Table:
    """A SQLModel class's table (building the classes, storage.lazy)."""
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


def autocommit(engine: Engine) -> Engine:
    """The engine for what runs outside a transaction: single-statement reads made for every message or
    answer (on PostgreSQL a transaction costs two more round trips: its BEGIN, and the rollback when the
    connection returns to the pool), and advisory locks, which live as long as their session."""
    return engine.execution_options(isolation_level="AUTOCOMMIT")


def insert_ignoring_duplicates(engine: Engine, table: type, values: dict[str, object]) -> bool:
    """Insert a row unless its unique key exists; True if this call inserted it.

    Core, not an ORM session: it runs once per incoming message (see the performance notes).
    """
    statement = _insert_ignoring_duplicates(_table(table), engine.dialect.name)
    with engine.begin() as connection:
        # RETURNING, not rowcount: psycopg reports no rowcount for an insert that returns rows
        return connection.execute(statement, values).first() is not None


@cache
def _insert_ignoring_duplicates(table: Table, dialect_name: str) -> Insert:
    """Built once per table: on the Core table, not the ORM class, and with the values bound at execution,
    an insert per message skips the ORM's statement building and cache-key work, which took half the
    AI-bot callback's time (bench/bench_wecom_bot.py)."""
    dialect = _dialect(dialect_name)
    return dialect.insert(table).on_conflict_do_nothing().returning(*table.primary_key.columns)


class _Row(Protocol):
    """A value the inbox writes (bot.inbox's InboxEntry, Settlement, RecordedAnswer, SendResult): the
    columns are its contract with the core, which storage does not import."""

    @property
    def channel(self) -> str: ...

    @property
    def msg_id(self) -> str: ...

    def row(self) -> dict[str, object]: ...


class _Settling(_Row, Protocol):
    @property
    def answers(self) -> Sequence[_Row]: ...


_INBOX = tables.inbox
_ENTRY_COLUMNS = [
    _INBOX.c.channel,
    _INBOX.c.msg_id,
    _INBOX.c.chat_id,
    _INBOX.c.sender_id,
    _INBOX.c.text,
    _INBOX.c.received_at,
    _INBOX.c.chat_kind,
    _INBOX.c.sender_name,
    _INBOX.c.role,
    _INBOX.c.mentions_bot,
    _INBOX.c.status,
    _INBOX.c.replay_key,
]
# A literal, not a bound parameter: PostgreSQL then knows the partial index ix_inbox_queued applies.
_QUEUED = text("inbox.status = 'queued'")
_QUEUED_IN_CONVERSATION = (
    select(*_ENTRY_COLUMNS)
    .where(
        _QUEUED,
        _INBOX.c.channel == bindparam("channel"),
        _INBOX.c.chat_id == bindparam("chat_id"),
        _INBOX.c.sender_id == bindparam("sender_id"),
    )
    .order_by(_INBOX.c.id)
    .limit(bindparam("limit"))
)
_SETTLE_QUEUED = (
    update(_INBOX)
    .where(_INBOX.c.channel == bindparam("row_channel"), _INBOX.c.msg_id == bindparam("row_msg_id"), _QUEUED)
    .values(status=bindparam("new_status"), error=bindparam("new_error"))
)
# A literal: the partial index ix_inbox_private then applies (on SQLite too).
_PRIVATE = text("inbox.chat_kind = 'private'")
_LAST_HEARD_PRIVATELY = (
    select(_INBOX.c.received_at)
    .where(_PRIVATE, _INBOX.c.channel == bindparam("channel"), _INBOX.c.sender_id == bindparam("sender_id"))
    .order_by(_INBOX.c.id.desc())
    .limit(1)
)
# A chat's latest messages (a follow-up's question before it): by time, the index on received_at.
_LATEST_IN_CHAT = (
    select(_INBOX.c.msg_id, _INBOX.c.sender_id, _INBOX.c.text, _INBOX.c.received_at, _INBOX.c.mentions_bot)
    .where(
        _INBOX.c.received_at >= bindparam("since"),
        _INBOX.c.channel == bindparam("channel"),
        _INBOX.c.chat_id == bindparam("chat_id"),
    )
    .order_by(_INBOX.c.received_at.desc(), _INBOX.c.id.desc())
    .limit(bindparam("latest"))
)


def _queued_on(connection: Connection, conversation: Conversation, limit: int) -> list[dict[str, Any]]:
    channel, chat_id, sender_id = conversation
    values = {"channel": channel, "chat_id": chat_id, "sender_id": sender_id, "limit": limit}
    return [dict(row._mapping) for row in connection.execute(_QUEUED_IN_CONVERSATION, values)]


class _SingleProcess:
    """SQLite: one process serves the database, and its in-process lock per conversation is enough."""

    def __init__(self, engine: Engine, conversation: Conversation) -> None:
        self._engine = engine
        self._conversation = conversation

    def queued(self, limit: int = 20) -> list[dict[str, Any]]:
        with self._engine.connect() as connection:
            return _queued_on(connection, self._conversation, limit)

    def release(self) -> None:
        return None


class _AdvisoryLock:
    """A PostgreSQL session-level advisory lock, held on its own autocommit connection until released;
    the queue is read on that same connection (no further pool checkouts per message)."""

    def __init__(self, connection: Connection, key: int, conversation: Conversation) -> None:
        self._connection = connection
        self._key = key
        self._conversation = conversation

    def queued(self, limit: int = 20) -> list[dict[str, Any]]:
        return _queued_on(self._connection, self._conversation, limit)

    def release(self) -> None:
        try:
            self._connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": self._key})
        except Exception:
            # a session lock outlives a rollback: never hand the connection back to the pool still holding it
            self._connection.invalidate()
            raise
        finally:
            self._connection.close()


# The advisory-lock class of worker ids: two-key locks, a key space apart from the one-key conversation and
# migration locks.
WORKER_LOCKS = 0x776B
_WORKERS = tables.worker


class Liveness:
    """This process as the database knows it, and whether the holders of claims and leases are alive.

    On first use it registers a `worker` row, whose id marks the messages this process claims and the answers it
    leases. On PostgreSQL a connection of its own holds a session advisory lock on that id until `close`, or
    until the process dies and the server ends its session: a holder whose lock can be taken is dead, and what
    it held is free at once, while a live holder's is never taken. On SQLite one process serves the database,
    so every other holder is an earlier run. It serves until `close` (or until it is dropped unclosed).
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._worker: int | None = None
        self._registering = threading.Lock()  # repositories are also used from threads (tests, to_thread)
        self._held: Connection | None = None  # PostgreSQL: the session holding this worker's lock
        self._end_session: Callable[[], None] = lambda: None
        self._dead: set[int] = set()  # ids are never reused: a worker found dead stays dead

    @property
    def worker(self) -> int:
        """This process's worker id."""
        if self._worker is None:
            with self._registering:
                if self._worker is None:
                    self._worker = self._register()
        return self._worker

    def _register(self) -> int:
        row = {"host": socket.gethostname()[:255], "pid": os.getpid(), "started_at": datetime.now(UTC)}
        registration = insert(_WORKERS).values(row).returning(_WORKERS.c.id)
        if not _shared(self._engine):
            with self._engine.begin() as connection:
                return int(connection.execute(registration).scalar_one())
        connection = autocommit(self._engine).connect()
        try:
            worker = int(connection.execute(registration).scalar_one())
            # locked before any row carries the id: nobody can find this worker dead while it lives
            connection.execute(
                text("SELECT pg_advisory_lock(:kind, :id)"), {"kind": WORKER_LOCKS, "id": worker}
            )
        except Exception:
            connection.close()
            raise
        self._held = connection
        # dropped unclosed, its session ends too (an engine_disposed listener would cost every statement)
        self._end_session = weakref.finalize(self, _end_session, connection)
        return worker

    def confirmed(self) -> int:
        """This process's worker id, its lock confirmed held. A session lost (the connection broke, the server
        restarted) let the lock go, and the others now take what this worker holds: it goes on under a new id
        rather than take up rows in a name the others find dead."""
        worker, held = self.worker, self._held
        if held is None:  # SQLite, or closed
            return worker
        try:
            held.execute(text("SELECT 1"))
            return worker
        except DBAPIError:
            log.error("this worker's database session was lost; registering again", extra={"worker": worker})
            self._end_session()
        with self._registering:
            if self._held is held:  # registered again just below (or on the next use, if that fails)
                self._held = None
                self._worker = None
        return self.worker

    def left_by_the_dead(
        self, connection: Connection, holder: ColumnElement[Any], held: Select[Any]
    ) -> ColumnElement[bool]:
        """A condition on `holder` (a worker id column of the rows `held` selects): the rows whose holder is no
        longer alive. Read on `connection`, where the liveness checks' locks last until its transaction ends."""
        if not _shared(self._engine):
            return or_(holder.is_(None), holder != self.worker)
        holders = connection.execute(held.with_only_columns(holder).where(holder != self.worker).distinct())
        dead = [worker for worker in holders.scalars() if self._gone(connection, worker)]
        return holder.in_(dead) if dead else false()

    def _gone(self, connection: Connection, worker: int) -> bool:
        # A transaction-level lock: it is let go with the transaction, so a check never leaves a lock behind.
        # It conflicts with the session lock the worker holds while it lives.
        if (
            worker not in self._dead
            and connection.execute(
                text("SELECT pg_try_advisory_xact_lock(:kind, :id)"), {"kind": WORKER_LOCKS, "id": worker}
            ).scalar()
        ):
            self._dead.add(worker)
        return worker in self._dead

    def close(self) -> None:
        """This process serves no more: what it still holds is free for the others at once."""
        if self._held is None:
            return
        held, self._held = self._held, None
        try:  # let go before the session ends: the server ends it a moment after the connection closes
            held.execute(
                text("SELECT pg_advisory_unlock(:kind, :id)"), {"kind": WORKER_LOCKS, "id": self._worker}
            )
        finally:
            self._end_session()


def _end_session(held: Connection) -> None:
    held.invalidate()  # never back to the pool: the session ends, and any lock with it
    held.close()


def conversation_key(channel: str, chat_id: str, sender_id: str) -> int:
    """A signed 64-bit advisory-lock key for a conversation (a collision only serialises two of them)."""
    digest = hashlib.blake2b("\x1f".join((channel, chat_id, sender_id)).encode("utf-8"), digest_size=8)
    return int.from_bytes(digest.digest(), "big", signed=True)


class _Redelivery(Exception):
    """A batch of messages held one recorded before."""


@cache
def _record_messages(dialect_name: str) -> Insert:
    """Nearly every batch is all new messages: the rows it inserted then say so, no RETURNING needed."""
    dialect = _dialect(dialect_name)
    columns = [*_ENTRY_COLUMNS, _INBOX.c.claimed_by]
    values = {column.name: bindparam(column.name, type_=column.type) for column in columns}
    return dialect.insert(_INBOX).values(values).on_conflict_do_nothing()


@cache
def _insert_new_messages(table: Table, dialect_name: str) -> Insert:
    """Built once, like the insert above; RETURNING names the messages this insert recorded."""
    dialect = _dialect(dialect_name)
    return dialect.insert(table).on_conflict_do_nothing().returning(table.c.channel, table.c.msg_id)


_OUTBOX = tables.outbox
_PENDING = text("outbox.status = 'pending'")  # a literal: PostgreSQL then uses ix_outbox_pending
_SENDING = text("outbox.status = 'sending'")  # and ix_outbox_sending
_ANSWER_COLUMNS = [
    _OUTBOX.c.channel,
    _OUTBOX.c.msg_id,
    _OUTBOX.c.seq,
    _OUTBOX.c.reply_channel,
    _OUTBOX.c.chat_id,
    _OUTBOX.c.recipient,
    _OUTBOX.c.text,
    _OUTBOX.c.file,
    _OUTBOX.c.status,
    _OUTBOX.c.lease_until,
]
_MARK_SENT = (
    update(_OUTBOX)
    .where(
        _OUTBOX.c.channel == bindparam("row_channel"),
        _OUTBOX.c.msg_id == bindparam("row_msg_id"),
        _OUTBOX.c.seq == bindparam("row_seq"),
    )
    .values(status=bindparam("new_status"), error=bindparam("new_error"))
)
_ANSWERS_OF = (
    select(*_ANSWER_COLUMNS)
    .where(_OUTBOX.c.channel == bindparam("channel"), _OUTBOX.c.msg_id == bindparam("msg_id"))
    .order_by(_OUTBOX.c.seq)
)


def _forgotten_workers(cutoff: datetime, own: int) -> Delete:
    """Workers started before `cutoff` that no message or answer names any more, but this process and the
    newest (SQLite gives a new row the highest id plus one: kept, no id is ever handed out twice)."""
    named = union(
        select(_INBOX.c.claimed_by).where(_INBOX.c.claimed_by.is_not(None)),
        select(_OUTBOX.c.leased_to).where(_OUTBOX.c.leased_to.is_not(None)),
    )
    return delete(_WORKERS).where(
        _WORKERS.c.started_at < cutoff,
        _WORKERS.c.id != own,
        _WORKERS.c.id < select(func.max(_WORKERS.c.id)).scalar_subquery(),
        _WORKERS.c.id.not_in(named),
    )


def _leased(answer: dict[str, object], worker: int) -> dict[str, object]:
    """A recorded answer's row; a pending one (with a lease) leased to `worker`."""
    return {**answer, "leased_to": worker if answer["lease_until"] is not None else None}


@cache
def _record_answers(dialect_name: str) -> Insert:
    dialect = _dialect(dialect_name)
    columns = [*_ANSWER_COLUMNS, _OUTBOX.c.leased_to]
    values = {column.name: bindparam(column.name, type_=column.type) for column in columns}
    return dialect.insert(_OUTBOX).values(values).on_conflict_do_nothing()


class InboxRepository:
    """The inbox (bot.inbox.Inbox): de-duplication on (channel, msg id) and on (channel, replay key); a queue
    per conversation that any worker may take, one at a time, oldest message first; and the outbox, each
    answer recorded with its message's settlement and marked once sent. Messages are claimed and answers
    leased in this process's name (Liveness): what a dead process held is taken up at once."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        # True when several processes may serve this database (PostgreSQL), so the queue is read from it; asked
        # of every message (BotApp's turn in the callback's own task)
        self.shared = _shared(engine)
        self._liveness = Liveness(engine)
        self._autocommit = autocommit(engine)  # no transaction is left open while an advisory lock is held
        self._transactions = DriverTransactions(engine)
        self._record = driver_statement(engine, _record_messages(engine.dialect.name))
        self._settle = driver_statement(engine, _SETTLE_QUEUED)
        self._record_answers = driver_statement(engine, _record_answers(engine.dialect.name))
        self._mark_sent = driver_statement(engine, _MARK_SENT)
        # On a database only this process serves, a chat's latest messages as this process recorded them:
        # latest_in_chat reads them back without a query (None on a shared database, where others record too)
        self._recent: dict[tuple[str, str], _RecentInChat] | None = None if self.shared else {}

    def write(
        self, entries: Sequence[_Row], settled: Sequence[_Settling] = (), sent: Sequence[_Row] = ()
    ) -> list[bool]:
        """Record messages before they are handled, settle handled ones with their answers, and mark answers
        sent, in one transaction (a group commit).

        For each entry: True if this call recorded it, False if it was recorded before (a redelivery),
        including by an earlier entry of the same call.
        """
        first: dict[tuple[str, str], int] = {}
        for index, entry in enumerate(entries):
            first.setdefault((entry.channel, entry.msg_id), index)
        # in key order: concurrent batches from several workers then lock rows in the same order (no deadlock)
        worker = self._liveness.worker
        rows = [{**entries[first[key]].row(), "claimed_by": worker} for key in sorted(first)]
        in_order = sorted(settled, key=lambda settlement: (settlement.channel, settlement.msg_id))
        settling = [settlement.row() for settlement in in_order]
        answers = [_leased(answer.row(), worker) for settlement in in_order for answer in settlement.answers]
        marking = [result.row() for result in sorted(sent, key=lambda r: (r.channel, r.msg_id))]

        def settle(cursor: DBAPICursor) -> None:
            if settling:
                self._settle.run(cursor, settling)
            if answers:
                self._record_answers.run(cursor, answers)
            if marking:
                self._mark_sent.run(cursor, marking)

        try:
            with self._transactions.begin() as cursor:
                settle(cursor)
                if rows and self._record.run(cursor, rows) != len(rows):
                    raise _Redelivery  # rolls the batch back, to find out below which ones were new
            recorded = set(first)
            self._remember(rows)
        except _Redelivery:
            # RETURNING over many rows needs SQLAlchemy's batching (a DBAPI executemany returns no rows)
            statement = _insert_new_messages(_INBOX, self._engine.dialect.name)
            with self._transactions.exclusive(), self._engine.begin() as connection:
                settle(connection.connection.cursor())
                recorded = {(row.channel, row.msg_id) for row in connection.execute(statement, rows)}
            self._remember([row for row in rows if (row["channel"], row["msg_id"]) in recorded])
        return [
            first[(entry.channel, entry.msg_id)] == index and (entry.channel, entry.msg_id) in recorded
            for index, entry in enumerate(entries)
        ]

    def take_conversation(
        self, channel: str, chat_id: str, sender_id: str
    ) -> _SingleProcess | _AdvisoryLock | None:
        """The right to handle a conversation's queued messages, or None while another process holds it.

        Never waits: the caller polls, so no thread and no pooled connection sits blocked in the database.
        """
        conversation = (channel, chat_id, sender_id)
        if not self.shared:
            return _SingleProcess(self._engine, conversation)
        key = conversation_key(channel, chat_id, sender_id)
        connection = self._autocommit.connect()
        try:
            locked = connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": key}).scalar()
        except Exception:
            connection.close()
            raise
        if not locked:
            connection.close()
            return None
        return _AdvisoryLock(connection, key, conversation)

    def stalled(self, received_before: datetime, limit: int = 100) -> list[Conversation]:
        """Conversations whose turn may never come: with a message claimed by a process no longer alive, or
        queued since before `received_before` (its live worker may have given up on it)."""
        self._liveness.confirmed()
        with self._engine.connect() as connection:
            claimed = select(_INBOX.c.claimed_by).where(_QUEUED)
            abandoned = self._liveness.left_by_the_dead(connection, _INBOX.c.claimed_by, claimed)
            query = (
                select(_INBOX.c.channel, _INBOX.c.chat_id, _INBOX.c.sender_id)
                .where(_QUEUED, or_(abandoned, _INBOX.c.received_at < received_before))
                .distinct()
                .limit(limit)
            )
            return [(row[0], row[1], row[2]) for row in connection.execute(query)]

    def state(self, channel: str, msg_id: str) -> tuple[str, list[dict[str, Any]]] | None:
        """A recorded message's inbox status and its recorded answers (None: never recorded)."""
        with self._autocommit.connect() as connection:
            status = connection.execute(
                select(_INBOX.c.status).where(_INBOX.c.channel == channel, _INBOX.c.msg_id == msg_id)
            ).scalar()
            if status is None:
                return None
            answers = connection.execute(_ANSWERS_OF, {"channel": channel, "msg_id": msg_id})
            return str(status), [dict(row._mapping) for row in answers]

    def take_unsent(
        self,
        now: datetime,
        lease_until: datetime,
        limit: int = 100,
        message: tuple[str, str] | None = None,
    ) -> list[dict[str, Any]]:
        """Pending answers (of one `message`, or of any) whose holder is no longer alive or whose lease ran
        out, oldest first, each leased to this process until `lease_until`; one another process took
        meanwhile is left to it."""
        pending = select(_OUTBOX.c.id, _OUTBOX.c.leased_to, *_ANSWER_COLUMNS).where(_PENDING)
        if message is not None:
            pending = pending.where(_OUTBOX.c.channel == message[0], _OUTBOX.c.msg_id == message[1])
        worker = self._liveness.confirmed()
        taken: list[dict[str, Any]] = []
        with self._engine.begin() as connection:
            free = or_(
                self._liveness.left_by_the_dead(connection, _OUTBOX.c.leased_to, pending),
                _OUTBOX.c.lease_until.is_(None),
                _OUTBOX.c.lease_until < now,
            )
            for row in connection.execute(pending.where(free).order_by(_OUTBOX.c.id).limit(limit)).all():
                # still free, and still its holder's as read: taken by another process meanwhile, it is theirs
                lease = update(_OUTBOX).where(
                    _PENDING,
                    _OUTBOX.c.id == row.id,
                    _OUTBOX.c.leased_to.is_not_distinct_from(row.leased_to),
                    free,
                )
                if connection.execute(lease.values(lease_until=lease_until, leased_to=worker)).rowcount:
                    answer = dict(row._mapping)
                    del answer["id"], answer["leased_to"]
                    taken.append({**answer, "lease_until": lease_until})
        return taken

    def give_up_cut_off(self, now: datetime, error: str, limit: int = 100) -> list[dict[str, Any]]:
        """Answers left 'sending' by a holder no longer alive or whose lease ran out, marked failed with
        `error`: they may have arrived, and are never sent again."""
        sending = select(_OUTBOX.c.id, *_ANSWER_COLUMNS).where(_SENDING)
        with self._engine.begin() as connection:
            free = or_(
                self._liveness.left_by_the_dead(connection, _OUTBOX.c.leased_to, sending),
                _OUTBOX.c.lease_until.is_(None),
                _OUTBOX.c.lease_until < now,
            )
            rows = connection.execute(sending.where(free).order_by(_OUTBOX.c.id).limit(limit)).all()
            if rows:
                cut_off = update(_OUTBOX).where(_SENDING, _OUTBOX.c.id.in_([row.id for row in rows]))
                connection.execute(cut_off.values(status="failed", error=error))
        return [{**row._mapping, "status": "failed"} for row in rows]

    def close(self) -> None:
        """This process serves no more: what it claimed or leased is free for the others at once."""
        self._liveness.close()

    def forget_before(self, cutoff: datetime) -> int:
        """Delete messages received before `cutoff` that were handled, with their answers, unless an answer
        is still pending; how many messages were deleted."""
        unsent = select(_OUTBOX.c.id).where(
            _PENDING, _OUTBOX.c.channel == _INBOX.c.channel, _OUTBOX.c.msg_id == _INBOX.c.msg_id
        )
        old = and_(
            _INBOX.c.received_at < cutoff,
            _INBOX.c.status.in_(("handled", "failed", "received")),
            ~unsent.exists(),
        )
        answered = select(_INBOX.c.channel, _INBOX.c.msg_id).where(old)
        with self._engine.begin() as connection:
            connection.execute(
                delete(_OUTBOX).where(tuple_(_OUTBOX.c.channel, _OUTBOX.c.msg_id).in_(answered))
            )
            forgotten = int(connection.execute(delete(_INBOX).where(old)).rowcount)
            connection.execute(_forgotten_workers(cutoff, self._liveness.worker))
        return forgotten

    def last_heard_privately(self, channel: str, sender_id: str) -> datetime | None:
        """When someone's latest message to the bot in a private chat arrived (the Official Account's 48-hour
        window)."""
        values = {"channel": channel, "sender_id": sender_id}
        with self._autocommit.connect() as connection:
            value = connection.execute(_LAST_HEARD_PRIVATELY, values).scalar()
        return value if isinstance(value, datetime) else None

    def _remember(self, rows: list[dict[str, Any]]) -> None:
        """The messages just recorded, kept with their chat's latest (the rows the write built: nothing more
        is made per message)."""
        recent = self._recent
        if recent is None:
            return
        for row in rows:
            key = (row["channel"], row["chat_id"])
            chat = recent.get(key)
            if chat is None:
                if len(recent) >= _RecentInChat.CHATS:
                    del recent[next(iter(recent))]  # the chat remembered first: it is read again if asked
                chat = recent[key] = _RecentInChat(row["received_at"])
            chat.rows.append(row)

    def latest_in_chat(
        self, channel: str, chat_id: str, since: datetime, latest: int = 20
    ) -> list[dict[str, Any]]:
        """A chat's messages received since `since`, newest first (msg_id, sender_id, text, received_at,
        mentions_bot), at most `latest`: read only for a message that may go on from one of them. From what
        this process recorded where that holds them all (the database is not shared, and the chat's
        messages since `since`, or its latest `latest`, were all recorded since this process began
        remembering it), else from the database."""
        chat = None if self._recent is None else self._recent.get((channel, chat_id))
        if chat is not None and latest <= _RecentInChat.KEPT and chat.holds(since, latest):
            return chat.latest(since, latest)
        values = {"channel": channel, "chat_id": chat_id, "since": since, "latest": latest}
        with self._autocommit.connect() as connection:
            return [dict(row) for row in connection.execute(_LATEST_IN_CHAT, values).mappings()]

    def said_to_bot_before(
        self, channel: str, chat_id: str, since: datetime, message: tuple[str, datetime], latest: int
    ) -> str | None:
        """What the message to the bot just before `message` (its id and time) said in the chat, among the chat's
        `latest` messages since `since`, from what this process recorded, never a query (none on a shared database):
        for what may go without (a question sent again, told it was answered above). In the order recorded."""
        chat = None if self._recent is None else self._recent.get((channel, chat_id))
        return (
            None if chat is None else chat.said_to_bot_before(since, message, min(latest, _RecentInChat.KEPT))
        )

    def ping(self) -> str | None:
        """The database's schema revision; raises unless the database answers (the readiness check)."""
        with self._engine.connect() as connection:
            return schema_revision(connection)

    def failed(self) -> list[models.InboxRecord]:
        with models.Session(self._engine) as session:
            query = (
                select(models.InboxRecord)
                .where(models.InboxRecord.status == "failed")  # type: ignore[arg-type]
                .order_by(models.InboxRecord.id)  # type: ignore[arg-type]
            )
            return list(session.scalars(query))

    def count(self) -> int:
        with models.Session(self._engine) as session:
            return len(session.scalars(select(models.InboxRecord.id)).all())  # type: ignore[call-overload]


_DIALOGUES = tables.dialogue
_DIALOGUE_OF = select(_DIALOGUES).where(
    _DIALOGUES.c.channel == bindparam("channel"),
    _DIALOGUES.c.chat_id == bindparam("chat_id"),
    _DIALOGUES.c.sender_id == bindparam("sender_id"),
)


class _RecentInChat:
    """A chat's latest messages as this process recorded them (inbox rows), oldest first."""

    KEPT = 32  # a follow-up looks back at most 20 (latest_in_chat)
    CHATS = 10_000  # chats remembered at once

    def __init__(self, first_received: datetime) -> None:
        self.rows: deque[dict[str, Any]] = deque(maxlen=self.KEPT)
        # every message of the chat received from then on was recorded by this process: those before may be
        # in the database alone (recorded before this process began, or before the chat was forgotten)
        self.complete_since = first_received

    def holds(self, since: datetime, latest: int) -> bool:
        """Whether the chat's messages since `since`, newest first and at most `latest`, are all here."""
        return self.complete_since <= since or len(self.rows) >= latest

    def said_to_bot_before(self, since: datetime, message: tuple[str, datetime], latest: int) -> str | None:
        """As InboxRepository.said_to_bot_before: the newest rows walked in one loop, no copy nor sort, nor a
        generator to resume for each row (every answered question asks)."""
        msg_id, received_at = message
        for row in reversed(self.rows):
            if row["received_at"] < since:
                continue  # not one of the `latest` looked at
            if not latest:
                return None
            latest -= 1
            if row["msg_id"] != msg_id and row["received_at"] <= received_at and row["mentions_bot"]:
                return str(row["text"])
        return None

    def latest(self, since: datetime, latest: int) -> list[dict[str, Any]]:
        """As the database gives them: newest first, the later recorded first at the same time."""
        rows = [row for row in reversed(self.rows) if row["received_at"] >= since]
        rows.sort(key=_RECEIVED_AT, reverse=True)
        return [{name: row[name] for name in _LATEST_COLUMNS} for row in rows[:latest]]


_LATEST_COLUMNS = ("msg_id", "sender_id", "text", "received_at", "mentions_bot")


_RECEIVED_AT = itemgetter(
    "received_at"
)  # a key read in C: every answered question sorts a chat's latest rows


class DialogueRepository:
    """The active dialogue per (channel, chat, sender).

    Every message asks for its sender's dialogue once, and nearly always there is none. On a database only
    this process serves (SQLite: `serve --workers` needs PostgreSQL), every dialogue is read or written here,
    so what it read or wrote stays true until it writes again: it is remembered (the latest `REMEMBERED`
    conversations) and a message costs no read. On a shared database another worker may change a dialogue
    at any time, so every message reads it.
    """

    REMEMBERED = 10_000

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._autocommit = autocommit(engine)
        self._known: _Remembered[Conversation, models.DialogueRecord] | None = _Remembered.on(
            engine, self.REMEMBERED
        )

    def get(self, channel: str, chat_id: str, sender_id: str) -> models.DialogueRecord | None:
        """Core, not an ORM session: the dialogue routers look here on every message (a session's get
        cost several times the query)."""
        key = (channel, chat_id, sender_id)
        if self._known is not None and key in self._known:
            return self._known[key]
        values = {"channel": channel, "chat_id": chat_id, "sender_id": sender_id}
        with self._autocommit.connect() as connection:
            row = connection.execute(_DIALOGUE_OF, values).first()
        record = None if row is None else models.DialogueRecord.model_construct(**row._asdict())
        self._remember(key, record)
        return record

    def _remember(self, key: Conversation, record: models.DialogueRecord | None) -> None:
        if self._known is not None:
            self._known.remember(key, record)

    def save(self, record: models.DialogueRecord) -> None:
        values = {column.name: getattr(record, column.name) for column in _DIALOGUES.columns}
        with self._engine.begin() as connection:
            connection.execute(_save_dialogue(self._engine.dialect.name), values)
        self._remember((record.channel, record.chat_id, record.sender_id), _as_read_back(record))

    def start(
        self, record: models.DialogueRecord, replaceable_steps: Collection[str], stale_before: datetime
    ) -> bool:
        """`record` becomes the sender's dialogue unless another one is going on: one answered at or after
        `stale_before` whose step is not one of `replaceable_steps`. Whether it did; one statement, so a
        dialogue another worker just started is never overwritten."""
        values = {column.name: getattr(record, column.name) for column in _DIALOGUES.columns}
        statement = _start_dialogue(self._engine.dialect.name, tuple(sorted(replaceable_steps)))
        with self._engine.begin() as connection:
            # RETURNING, not rowcount: psycopg reports none for an upsert
            started = (
                connection.execute(statement, {**values, "stale_before": stale_before}).first() is not None
            )
        key = (record.channel, record.chat_id, record.sender_id)
        if started:
            self._remember(key, _as_read_back(record))
        elif self._known is not None:
            self._known.pop(key, None)  # someone's dialogue is there: read it when it is asked for
        return started

    def end(self, channel: str, chat_id: str, sender_id: str) -> None:
        with self._engine.begin() as connection:
            connection.execute(
                _END_DIALOGUE, {"channel": channel, "chat_id": chat_id, "sender_id": sender_id}
            )
        self._remember((channel, chat_id, sender_id), None)

    def pause(self, record: models.DialogueRecord) -> None:
        """The dialogue leaves the active slot (which other flows may then use) and is kept by its flow, as it
        was, until `resume` or `forget_before`; a paused one of the same flow is replaced."""
        paused = models.PausedDialogueRecord(**{name: getattr(record, name) for name in _DIALOGUE_FIELDS})
        with models.Session(self._engine) as session:
            session.merge(paused)
            session.execute(
                _END_DIALOGUE,
                {"channel": record.channel, "chat_id": record.chat_id, "sender_id": record.sender_id},
            )
            session.commit()
        self._remember((record.channel, record.chat_id, record.sender_id), None)

    def paused(
        self, channel: str, chat_id: str, sender_id: str, flow: str
    ) -> models.PausedDialogueRecord | None:
        with models.Session(self._engine, expire_on_commit=False) as session:
            return session.get(models.PausedDialogueRecord, (channel, chat_id, sender_id, flow))

    def of_sender(
        self, channel: str, sender_id: str, flow: str
    ) -> list[models.DialogueRecord | models.PausedDialogueRecord]:
        """The sender's dialogues of `flow` in every chat of the channel, going on or paused (few: one a chat)."""
        found: list[models.DialogueRecord | models.PausedDialogueRecord] = []
        with models.Session(self._engine, expire_on_commit=False) as session:
            for kind in (models.DialogueRecord, models.PausedDialogueRecord):
                found.extend(
                    session.scalars(
                        select(kind).where(
                            kind.channel == channel,  # type: ignore[arg-type]
                            kind.sender_id == sender_id,  # type: ignore[arg-type]
                            kind.flow == flow,  # type: ignore[arg-type]
                        )
                    )
                )
        return found

    def resume(self, paused: models.PausedDialogueRecord, now: datetime) -> models.DialogueRecord:
        """The paused dialogue becomes the active one again (replacing whatever is active), as of now."""
        fields = {name: getattr(paused, name) for name in _DIALOGUE_FIELDS}
        record = models.DialogueRecord(**{**fields, "updated_at": now})
        values = {column.name: getattr(record, column.name) for column in _DIALOGUES.columns}
        with self._engine.begin() as connection:
            connection.execute(
                delete(models.PausedDialogueRecord).where(
                    models.PausedDialogueRecord.channel == paused.channel,  # type: ignore[arg-type]
                    models.PausedDialogueRecord.chat_id == paused.chat_id,  # type: ignore[arg-type]
                    models.PausedDialogueRecord.sender_id == paused.sender_id,  # type: ignore[arg-type]
                    models.PausedDialogueRecord.flow == paused.flow,  # type: ignore[arg-type]
                )
            )
            connection.execute(_save_dialogue(self._engine.dialect.name), values)
        self._remember((record.channel, record.chat_id, record.sender_id), _as_read_back(record))
        return record

    def forget_before(self, cutoff: datetime) -> int:
        """Drop the dialogues, paused or still in the active slot, last answered before `cutoff`; how many."""
        with self._engine.begin() as connection:
            dropped = connection.execute(
                delete(models.PausedDialogueRecord).where(models.PausedDialogueRecord.updated_at < cutoff)  # type: ignore[arg-type]
            ).rowcount
            dropped += connection.execute(
                delete(models.DialogueRecord).where(models.DialogueRecord.updated_at < cutoff)  # type: ignore[arg-type]
            ).rowcount
        if self._known is not None:
            for key, record in list(self._known.items()):
                if record is not None and record.updated_at < cutoff:
                    self._known[key] = None
        return int(dropped)

    def of_flow(self, flow: str) -> tuple[list[models.DialogueRecord], list[models.PausedDialogueRecord]]:
        """Every dialogue of `flow`: those in the active slot and those paused (the workspace's counts)."""
        with models.Session(self._engine, expire_on_commit=False) as session:
            active = session.scalars(select(models.DialogueRecord).where(models.DialogueRecord.flow == flow))  # type: ignore[arg-type]
            paused = session.scalars(
                select(models.PausedDialogueRecord).where(models.PausedDialogueRecord.flow == flow)  # type: ignore[arg-type]
            )
            return list(active), list(paused)


_DIALOGUE_FIELDS = ("channel", "chat_id", "sender_id", "flow", "step", "answers", "updated_at")


@cache
def _save_dialogue(dialect_name: str) -> Insert:
    return _upsert_dialogue(dialect_name)


# Built once: a message that offers a choice starts a one-step dialogue, and the next one ends it. Built per
# call, the ORM entity's delete and the upsert's `IN` list (an expanding parameter, rewritten into the SQL on
# every execution) cost several times the statements themselves (~0.65 ms of CPU for a start).
_END_DIALOGUE = delete(_DIALOGUES).where(
    _DIALOGUES.c.channel == bindparam("channel"),
    _DIALOGUES.c.chat_id == bindparam("chat_id"),
    _DIALOGUES.c.sender_id == bindparam("sender_id"),
)


@cache
def _start_dialogue(dialect_name: str, replaceable_steps: tuple[str, ...]) -> Insert:
    """The upsert of `DialogueRepository.start`: a row already there is replaced only at one of
    `replaceable_steps` or once it went stale (`stale_before`, bound when run); the steps are literals of the
    statement, one comparison each, so no list is expanded into it at each run."""
    stale = _DIALOGUES.c.updated_at < bindparam("stale_before", type_=_DIALOGUES.c.updated_at.type)
    steps = [_DIALOGUES.c.step == literal(step) for step in replaceable_steps]
    statement = _upsert_dialogue(dialect_name, replace_if=or_(*steps, stale))
    return statement.returning(_DIALOGUES.c.flow)


def _upsert_dialogue(dialect_name: str, replace_if: ColumnElement[bool] | None = None) -> Insert:
    """An upsert: one statement, where an ORM merge would read the row first; a row already there is
    replaced only where `replace_if` holds of it."""
    dialect = _dialect(dialect_name)
    statement = dialect.insert(_DIALOGUES)
    changing = ("flow", "step", "answers", "updated_at")
    return statement.on_conflict_do_update(
        index_elements=list(_DIALOGUES.primary_key.columns),
        set_={name: statement.excluded[name] for name in changing},
        where=replace_if,
    )


def _as_read_back(record: models.DialogueRecord) -> models.DialogueRecord:
    """The record as a read would return it: its answers through JSON, its time in local time. What is
    remembered then behaves exactly like what is stored."""
    return models.DialogueRecord.model_construct(
        channel=record.channel,
        chat_id=record.chat_id,
        sender_id=record.sender_id,
        flow=record.flow,
        step=record.step,
        answers=json.loads(json.dumps(record.answers)),
        updated_at=record.updated_at.astimezone(LOCAL_TZ),
    )


@cache
def _robot_key_of_chat() -> Select[Any]:
    groups = _table(models.GroupBinding)
    return select(groups.c.robot_key).where(
        groups.c.channel == bindparam("row_channel"), groups.c.chat_id == bindparam("row_chat_id")
    )


@cache
def _group_of_chat() -> Select[Any]:
    groups = _table(models.GroupBinding)
    return select(groups).where(
        groups.c.channel == bindparam("channel"), groups.c.chat_id == bindparam("chat_id")
    )


class GroupRepository:
    """Groups bound to a county and an audience.

    A group's binding is read for commands in groups and for every answer in a group that states a deadline gone
    by (whose deadline it is): on a database only this process serves it is remembered as DialogueRepository
    remembers dialogues, and forgotten whenever this repository changes the group's row."""

    REMEMBERED = 10_000

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._autocommit = autocommit(engine)
        self._known: _Remembered[tuple[str, str], models.GroupBinding] | None = _Remembered.on(
            engine, self.REMEMBERED
        )

    def _forget(self, channel: str, chat_id: str) -> None:
        """The group's row changed (or may have): read it again when it is asked for."""
        if self._known is not None:
            self._known.pop((channel, chat_id), None)

    def bind(
        self, channel: str, chat_id: str, county: str, audience: str, bound_by: str, now: datetime
    ) -> models.GroupBinding | None:
        """Bind (or re-bind) a group; returns the binding it replaced, if any. A re-bound group keeps its robot."""
        with models.Session(self._engine, expire_on_commit=False) as session:
            previous = session.get(models.GroupBinding, (channel, chat_id))
            if previous is not None:
                session.expunge(previous)
            session.merge(
                models.GroupBinding(
                    channel=channel,
                    chat_id=chat_id,
                    county=county,
                    audience=audience,
                    bound_by=bound_by,
                    bound_at=now,
                    robot_key=None if previous is None else previous.robot_key,
                )
            )
            session.commit()
        self._forget(channel, chat_id)
        return previous

    def get(self, channel: str, chat_id: str) -> models.GroupBinding | None:
        """Core, not an ORM session: commands in groups (/截止 …) look here on every message."""
        key = (channel, chat_id)
        if self._known is not None and key in self._known:
            return self._known[key]
        with self._autocommit.connect() as connection:
            row = connection.execute(_group_of_chat(), {"channel": channel, "chat_id": chat_id}).first()
        binding = None if row is None else models.GroupBinding.model_construct(**row._asdict())
        if self._known is not None:
            self._known.remember(key, binding)
        return binding

    def ensure(
        self, channel: str, chat_id: str, county: str, audience: str, bound_by: str, now: datetime
    ) -> bool:
        """Bind a group unless it is bound just so already; True if this call bound it (several workers
        apply the configured bindings at start: the first insert wins and the others change nothing)."""
        inserted = insert_ignoring_duplicates(
            self._engine,
            models.GroupBinding,
            {
                "channel": channel,
                "chat_id": chat_id,
                "county": county,
                "audience": audience,
                "bound_by": bound_by,
                "bound_at": now,
            },
        )
        if inserted:
            self._forget(channel, chat_id)
            return True
        current = self.get(channel, chat_id)
        if current is not None and (current.county, current.audience) == (county, audience):
            return False
        self.bind(channel, chat_id, county, audience, bound_by, now)
        return True

    def set_robot(self, channel: str, chat_id: str, robot_key: str | None) -> bool:
        """Attach a group robot to a bound group (None detaches it); False if the group is not bound."""
        groups = _table(models.GroupBinding)
        with self._engine.begin() as connection:
            result = connection.execute(
                update(groups)
                .where(groups.c.channel == channel, groups.c.chat_id == chat_id)
                .values(robot_key=robot_key)
            )
        self._forget(channel, chat_id)
        return result.rowcount > 0

    def robot_key(self, channel: str, chat_id: str) -> str | None:
        """The key of the group's robot, if it has one. Core, not a session: every push asks."""
        with self._autocommit.connect() as connection:
            return connection.execute(
                _robot_key_of_chat(), {"row_channel": channel, "row_chat_id": chat_id}
            ).scalar()

    def with_robot(self, robot_key: str) -> list[models.GroupBinding]:
        """The bound groups whose pushes go through this robot."""
        query = select(models.GroupBinding).where(models.GroupBinding.robot_key == robot_key)  # type: ignore[arg-type]
        with models.Session(self._engine, expire_on_commit=False) as session:
            return list(session.scalars(query))

    def unbind(self, channel: str, chat_id: str) -> bool:
        with self._engine.begin() as connection:
            result = connection.execute(
                delete(models.GroupBinding).where(
                    models.GroupBinding.channel == channel,  # type: ignore[arg-type]
                    models.GroupBinding.chat_id == chat_id,  # type: ignore[arg-type]
                )
            )
        self._forget(channel, chat_id)
        return result.rowcount > 0

    def bound(self, county: str | None = None) -> list[models.GroupBinding]:
        """Every bound group, or one county's, in a stable order."""
        query = select(models.GroupBinding).order_by(models.GroupBinding.county, models.GroupBinding.chat_id)
        if county is not None:
            query = query.where(models.GroupBinding.county == county)  # type: ignore[arg-type]
        with models.Session(self._engine, expire_on_commit=False) as session:
            return list(session.scalars(query))


@cache
def _finish_delivery() -> Update:
    deliveries = _table(models.DeliveryRecord)
    return (
        update(deliveries)
        .where(
            deliveries.c.key == bindparam("row_key"),
            deliveries.c.channel == bindparam("row_channel"),
            deliveries.c.chat_id == bindparam("row_chat_id"),
        )
        .values(
            status=bindparam("new_status"),
            attempts=bindparam("new_attempts"),
            error=bindparam("new_error"),
            finished_at=bindparam("new_finished_at"),
        )
    )


class DeliveryRepository:
    """The ledger of pushes: a row per (key, channel, chat) is claimed before the message goes out.

    Core statements, not ORM sessions: a broadcast writes two rows' worth per group.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def claim(self, key: str, channel: str, chat_id: str, label: str, now: datetime) -> bool:
        """True if this caller may send (and must then `finish`); False if someone already has."""
        return self.record(key, channel, chat_id, label, "sending", now)

    def record(self, key: str, channel: str, chat_id: str, label: str, status: str, now: datetime) -> bool:
        """Settle a push without sending it (missed, superseded, no_groups), unless it was claimed before."""
        return insert_ignoring_duplicates(
            self._engine,
            models.DeliveryRecord,
            {
                "key": key,
                "channel": channel,
                "chat_id": chat_id,
                "label": label[:200],
                "status": status,
                "attempts": 0,
                "claimed_at": now,
                "finished_at": None if status == "sending" else now,
            },
        )

    def finish(
        self,
        key: str,
        channel: str,
        chat_id: str,
        delivered: bool,
        attempts: int,
        error: str | None,
        now: datetime,
    ) -> None:
        with self._engine.begin() as connection:
            connection.execute(
                _finish_delivery(),
                {
                    "row_key": key,
                    "row_channel": channel,
                    "row_chat_id": chat_id,
                    "new_status": "sent" if delivered else "failed",
                    "new_attempts": attempts,
                    "new_error": None if error is None else error[:2000],
                    "new_finished_at": now,
                },
            )

    def settled(self, keys: list[str]) -> set[tuple[str, str, str]]:
        """(key, channel, chat_id) of every row under these keys, whatever its status."""
        if not keys:
            return set()
        query = select(
            models.col(models.DeliveryRecord.key),
            models.col(models.DeliveryRecord.channel),
            models.col(models.DeliveryRecord.chat_id),
        ).where(models.col(models.DeliveryRecord.key).in_(keys))
        with self._engine.connect() as connection:
            return {(row[0], row[1], row[2]) for row in connection.execute(query)}

    def undelivered(self, stuck_before: datetime, limit: int) -> list[models.DeliveryRecord]:
        """Final failures, missed reminders, reminders that found no group, and claims still 'sending' since before
        `stuck_before`."""
        status = models.DeliveryRecord.status
        query = (
            select(models.DeliveryRecord)
            .where(
                or_(
                    status.in_(["failed", "missed", "no_groups"]),  # type: ignore[attr-defined]
                    and_(status == "sending", models.DeliveryRecord.claimed_at < stuck_before),  # type: ignore[arg-type]
                )
            )
            .order_by(models.DeliveryRecord.claimed_at.desc(), models.DeliveryRecord.id.desc())  # type: ignore[attr-defined,union-attr]
            .limit(limit)
        )
        with models.Session(self._engine, expire_on_commit=False) as session:
            return list(session.scalars(query))

    def recent(self, limit: int) -> list[models.DeliveryRecord]:
        """The latest rows, newest first, whatever their status."""
        query = select(models.DeliveryRecord).order_by(models.DeliveryRecord.id.desc()).limit(limit)  # type: ignore[union-attr]
        with models.Session(self._engine, expire_on_commit=False) as session:
            return list(session.scalars(query))

    def for_key(self, key: str) -> list[models.DeliveryRecord]:
        """The rows of one push (every chat it went to), in the order they were claimed."""
        query = (
            select(models.DeliveryRecord)
            .where(models.DeliveryRecord.key == key)  # type: ignore[arg-type]
            .order_by(models.DeliveryRecord.id)  # type: ignore[arg-type]
        )
        with models.Session(self._engine, expire_on_commit=False) as session:
            return list(session.scalars(query))

    def get(self, row_id: int) -> models.DeliveryRecord | None:
        with models.Session(self._engine, expire_on_commit=False) as session:
            return session.get(models.DeliveryRecord, row_id)

    def reclaim_failed(self, row_id: int, now: datetime) -> models.DeliveryRecord | None:
        """Claim a failed row again for a resend (the caller then `finish`es it); None if it is not failed
        (any more): of two resends at once, one gets it."""
        with self._engine.begin() as connection:
            moved = connection.execute(
                update(models.DeliveryRecord)
                .where(models.DeliveryRecord.id == row_id, models.DeliveryRecord.status == "failed")  # type: ignore[arg-type]
                .values(status="sending", error=None, claimed_at=now, finished_at=None)
            ).rowcount
        return self.get(row_id) if moved else None


NUMBER_ATTEMPTS = (
    5  # workers adding announcements of one kind at the same moment each take the next free number
)


class AnnouncementRepository:
    """Staff reminders and broadcasts."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add(self, announcement: models.Announcement) -> models.Announcement:
        """Stored with the next number of its kind; two workers taking the same one: the later tries the next."""
        kind = models.Announcement.kind == announcement.kind
        last = select(func.max(models.Announcement.number)).where(kind)  # type: ignore[arg-type]
        for attempt in range(NUMBER_ATTEMPTS):
            with models.Session(self._engine, expire_on_commit=False) as session:
                announcement.number = (session.scalar(last) or 0) + 1
                session.add(announcement)
                try:
                    session.commit()
                except IntegrityError:
                    if attempt == NUMBER_ATTEMPTS - 1:
                        raise
                    continue
                session.refresh(announcement)
                return announcement
        raise AssertionError("unreachable")

    def get(self, announcement_id: int) -> models.Announcement | None:
        with models.Session(self._engine, expire_on_commit=False) as session:
            return session.get(models.Announcement, announcement_id)

    def numbered(self, kind: str, number: int) -> models.Announcement | None:
        """The reminder or broadcast (`kind`) staff know by this number (提醒#2, 广播#2)."""
        query = select(models.Announcement).where(
            models.Announcement.kind == kind,  # type: ignore[arg-type]
            models.Announcement.number == number,  # type: ignore[arg-type]
        )
        with models.Session(self._engine, expire_on_commit=False) as session:
            return session.scalars(query).first()

    def scheduled_reminders(self, due_by: datetime | None = None) -> list[models.Announcement]:
        """Reminders not yet sent, soonest first; only those due by `due_by` when given."""
        query = (
            select(models.Announcement)
            .where(models.Announcement.kind == "reminder", models.Announcement.status == "scheduled")  # type: ignore[arg-type]
            .order_by(models.Announcement.due_at, models.Announcement.id)  # type: ignore[arg-type]
        )
        if due_by is not None:
            query = query.where(models.Announcement.due_at <= due_by)  # type: ignore[arg-type]
        with models.Session(self._engine, expire_on_commit=False) as session:
            return list(session.scalars(query))

    def move(self, announcement_id: int, from_status: str, to_status: str) -> bool:
        """Change the status if it still is `from_status`; False if someone changed it first."""
        with self._engine.begin() as connection:
            result = connection.execute(
                update(models.Announcement)
                .where(models.Announcement.id == announcement_id, models.Announcement.status == from_status)  # type: ignore[arg-type]
                .values(status=to_status)
            )
            return result.rowcount > 0

    def broadcasts(self, limit: int) -> list[models.Announcement]:
        """The latest broadcasts, newest first."""
        query = (
            select(models.Announcement)
            .where(models.Announcement.kind == "broadcast")  # type: ignore[arg-type]
            .order_by(models.Announcement.id.desc())  # type: ignore[union-attr]
            .limit(limit)
        )
        with models.Session(self._engine, expire_on_commit=False) as session:
            return list(session.scalars(query))

    def reminders(self, limit: int) -> list[models.Announcement]:
        """The latest staff reminders, whatever their status, newest first."""
        query = (
            select(models.Announcement)
            .where(models.Announcement.kind == "reminder")  # type: ignore[arg-type]
            .order_by(models.Announcement.due_at.desc(), models.Announcement.id.desc())  # type: ignore[attr-defined,union-attr]
            .limit(limit)
        )
        with models.Session(self._engine, expire_on_commit=False) as session:
            return list(session.scalars(query))


class AccessTokenRepository:
    """Platform access tokens shared by every worker, and the lease of whoever is fetching a new one."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @property
    def _tokens(self) -> Table:
        return _table(models.AccessTokenRecord)

    def get(self, name: str) -> tuple[str, datetime | None] | None:
        """The stored token and when it expires (empty while none was fetched yet)."""
        query = select(self._tokens.c.token, self._tokens.c.expires_at).where(self._tokens.c.name == name)
        with self._engine.connect() as connection:
            row = connection.execute(query).first()
        return None if row is None else (row[0], row[1])

    def lease(self, name: str, now: datetime, until: datetime) -> bool:
        """True if the caller may fetch a new token now: none usable is stored, and nobody else is fetching one
        (or their lease ran out)."""
        if insert_ignoring_duplicates(
            self._engine,
            models.AccessTokenRecord,
            {"name": name, "token": "", "expires_at": None, "refreshing_until": until},
        ):
            return True
        tokens = self._tokens.c
        free = or_(tokens.refreshing_until.is_(None), tokens.refreshing_until < now)
        # checked here, not only by the caller before: a fetch that ended since stored its token and freed
        # the lease, and taking that lease would fetch a second token
        unusable = or_(tokens.expires_at.is_(None), tokens.expires_at <= now)
        with self._engine.begin() as connection:
            taken = connection.execute(
                update(self._tokens).where(tokens.name == name, free, unusable).values(refreshing_until=until)
            )
            return taken.rowcount > 0

    def put(self, name: str, token: str, expires_at: datetime) -> None:
        """The fetched token, for every worker; ends the lease."""
        with self._engine.begin() as connection:
            connection.execute(
                update(self._tokens)
                .where(self._tokens.c.name == name)
                .values(token=token, expires_at=expires_at, refreshing_until=None)
            )

    def release(self, name: str) -> None:
        """The fetch failed: someone else may try."""
        with self._engine.begin() as connection:
            connection.execute(
                update(self._tokens).where(self._tokens.c.name == name).values(refreshing_until=None)
            )

    def discard(self, name: str, token: str) -> None:
        """The platform refused this token: nobody uses it again (a newer one stays)."""
        with self._engine.begin() as connection:
            connection.execute(
                update(self._tokens)
                .where(self._tokens.c.name == name, self._tokens.c.token == token)
                .values(expires_at=None)
            )


@cache
def _drafts_owned_by() -> Select[Any]:
    drafts = _table(models.DraftRecord)
    return (
        select(drafts)
        .where(drafts.c.channel == bindparam("channel"), drafts.c.owner_id == bindparam("owner_id"))
        .order_by(drafts.c.submitted_at)
    )


class DraftRepository:
    """Application-list drafts: one current row per credit code; a replaced one moves to history.

    A draft belongs to the person who created it (`owner_id`, on the draft's channel): only they replace it,
    until county staff hand it to someone else (`transfer`).
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._autocommit = autocommit(engine)

    def submit(self, draft: models.DraftRecord) -> models.DraftRecord | None:
        """Store a confirmed draft as the enterprise's current one; returns it with its version and owner.
        None, changing nothing, when the code's current draft belongs to someone else."""
        with models.Session(self._engine, expire_on_commit=False) as session:
            previous = self._current_for_update(session, draft.credit_code)
            stored = models.DraftRecord.model_validate({**draft.model_dump(), "owner_id": draft.sender_id})
            if previous is not None:
                if not _owned_by(previous, draft.channel, draft.sender_id):
                    return None
                self._retire(session, previous, draft.submitted_at)
                stored.version = previous.version + 1
            session.add(stored)
            session.commit()
            return stored

    def held_by_another(self, credit_code: str, channel: str, sender_id: str) -> bool:
        """Whether the code has a current draft someone else owns (this person could not replace it)."""
        current = self.current(credit_code)
        return current is not None and not _owned_by(current, channel, sender_id)

    def transfer(
        self, credit_code: str, from_owner: str, to_owner: str, now: datetime
    ) -> models.DraftRecord | None:
        """Hand the current draft to another person on its channel, as a new version (the old one goes to
        history); None, changing nothing, unless it is still `from_owner`'s."""
        with models.Session(self._engine, expire_on_commit=False) as session:
            previous = self._current_for_update(session, credit_code)
            if previous is None or previous.owner_id != from_owner:
                return None
            moved = models.DraftRecord.model_validate(
                {**previous.model_dump(), "owner_id": to_owner, "version": previous.version + 1}
            )
            self._retire(session, previous, now)
            session.add(moved)
            session.commit()
            return moved

    @staticmethod
    def _current_for_update(session: models.Session, credit_code: str) -> models.DraftRecord | None:
        drafts = select(models.DraftRecord)
        query = drafts.where(models.DraftRecord.credit_code == credit_code).with_for_update()  # type: ignore[arg-type]
        return session.scalars(query).first()

    @staticmethod
    def _retire(session: models.Session, previous: models.DraftRecord, replaced_at: datetime) -> None:
        session.add(
            models.DraftHistoryRecord.model_validate({**previous.model_dump(), "replaced_at": replaced_at})
        )
        session.delete(previous)
        session.flush()

    def current(self, credit_code: str) -> models.DraftRecord | None:
        with models.Session(self._engine, expire_on_commit=False) as session:
            return session.get(models.DraftRecord, credit_code)

    def for_county(self, county: str) -> list[models.DraftRecord]:
        """The county's current drafts, in the order they were submitted."""
        with models.Session(self._engine, expire_on_commit=False) as session:
            query = (
                select(models.DraftRecord)
                .where(models.DraftRecord.county == county)  # type: ignore[arg-type]
                .order_by(models.DraftRecord.submitted_at, models.DraftRecord.credit_code)  # type: ignore[arg-type]
            )
            return list(session.scalars(query))

    def owned_by(self, channel: str, owner_id: str) -> list[models.DraftRecord]:
        """The current drafts this person owns (created on any chat of the channel, or was handed).
        Core, not an ORM session: /我的申请 asks on every use."""
        values = {"channel": channel, "owner_id": owner_id}
        with self._autocommit.connect() as connection:
            rows = connection.execute(_drafts_owned_by(), values).all()
        return [models.DraftRecord.model_construct(**row._asdict()) for row in rows]

    def history(self, credit_code: str) -> list[models.DraftHistoryRecord]:
        with models.Session(self._engine, expire_on_commit=False) as session:
            query = (
                select(models.DraftHistoryRecord)
                .where(models.DraftHistoryRecord.credit_code == credit_code)  # type: ignore[arg-type]
                .order_by(models.DraftHistoryRecord.version)  # type: ignore[arg-type]
            )
            return list(session.scalars(query))

    def every_county(self) -> list[models.DraftRecord]:
        """Every current draft, in the order they were submitted (city-level staff's list)."""
        with models.Session(self._engine, expire_on_commit=False) as session:
            query = select(models.DraftRecord).order_by(
                models.DraftRecord.submitted_at,  # type: ignore[arg-type]
                models.DraftRecord.credit_code,
            )
            return list(session.scalars(query))


class StaffLinkRepository:
    """One-time sign-in links to the staff workspace, stored by their token's hash."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add(self, link: models.StaffLinkRecord) -> None:
        with models.Session(self._engine) as session:
            session.add(link)
            session.commit()

    def redeem(self, token_hash: str, now: datetime) -> models.StaffLinkRecord | None:
        """Use the link once: None if unknown, used before or expired (of two uses at once, one gets it)."""
        links = _table(models.StaffLinkRecord)
        with self._engine.begin() as connection:
            used = connection.execute(
                update(links)
                .where(links.c.token_hash == token_hash, links.c.used_at.is_(None), links.c.expires_at > now)
                .values(used_at=now)
            ).rowcount
        if not used:
            return None
        with models.Session(self._engine, expire_on_commit=False) as session:
            return session.get(models.StaffLinkRecord, token_hash)

    def forget_before(self, cutoff: datetime) -> int:
        """Drop links that expired before `cutoff`; how many."""
        links = _table(models.StaffLinkRecord)
        with self._engine.begin() as connection:
            return int(connection.execute(delete(links).where(links.c.expires_at < cutoff)).rowcount)


def _owned_by(draft: models.DraftRecord, channel: str, person: str) -> bool:
    return (draft.channel, draft.owner_id) == (channel, person)


@dataclass(frozen=True)
class Repositories:
    inbox: InboxRepository
    dialogues: DialogueRepository
    groups: GroupRepository
    deliveries: DeliveryRepository
    announcements: AnnouncementRepository
    drafts: DraftRepository
    tokens: AccessTokenRepository
    staff_links: StaffLinkRepository

    @classmethod
    def on(cls, engine: Engine) -> Repositories:
        return cls(
            inbox=InboxRepository(engine),
            dialogues=DialogueRepository(engine),
            groups=GroupRepository(engine),
            deliveries=DeliveryRepository(engine),
            announcements=AnnouncementRepository(engine),
            drafts=DraftRepository(engine),
            tokens=AccessTokenRepository(engine),
            staff_links=StaffLinkRepository(engine),
        )
