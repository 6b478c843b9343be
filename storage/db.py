"""Engine creation and migrations: SQLite (WAL) by default, PostgreSQL by URL."""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from datetime import datetime
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import ClauseElement, Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.engine.interfaces import DBAPICursor, Dialect
from sqlalchemy.pool import PoolProxiedConnection, StaticPool
from sqlalchemy.sql.compiler import SQLCompiler

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger("storage.db")

MIGRATIONS = Path(__file__).parent / "migrations"
# Each migration's file starts with its revision ("0010_paused_dialogues.py" holds revision "0010"), and each
# revises the one before: tests/test_foundation_storage.py checks both against alembic's own reading.
REVISION_FILES = "[0-9][0-9][0-9][0-9]_*.py"
MIGRATION_LOCK = 0x6A69_7861_6F00_0001  # any constant; conversation locks hash to other keys (repos.py)
# On SQLite the WAL is checkpointed by DriverTransactions' thread. A commit on any other connection (a dialogue
# started) checkpointed it in the committing thread, the event loop's, syncing the files to disk there, whenever
# the WAL had passed SQLite's 1,000 pages, as it often has under load (the thread runs every 100 commits of a
# few pages each, and a checkpoint that commits overtook leaves the WAL growing). Those connections
# checkpoint only a WAL that nobody else does (a tool writing without the inbox): 40 MB of 4 KiB pages.
UNCHECKPOINTED_WAL_PAGES = 10_000


def engine_backend(url: str) -> str:
    """ "sqlite" or "postgresql" (or whatever else the URL names)."""
    return str(make_url(url).get_backend_name())


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10, hide_parameters=True)
    database = parsed.database or ":memory:"
    in_memory = database == ":memory:"
    if not in_memory:
        Path(database).parent.mkdir(parents=True, exist_ok=True)
        # Created before SQLite opens it, readable by the bot's user only: SQLite gives its WAL and
        # shared-memory files the database's own mode, and they hold the same enterprises' data.
        os.close(os.open(database, os.O_CREAT | os.O_WRONLY, 0o600))
    # hide_parameters: a failed statement's error (which may be logged) must not carry phone numbers,
    # credit codes or robot keys.
    kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False}, "hide_parameters": True}
    if in_memory:
        kwargs["poolclass"] = StaticPool
    engine = create_engine(url, **kwargs)
    event.listen(engine, "connect", _sqlite_pragmas)
    # sqlite3 adapts every parameter that is not an int, float or str: for None it finds no adapter, then asks
    # its protocol for one, a lookup that raises and clears an AttributeError (~3k instructions; a message
    # binds five Nones). Registered, None's adapter is found at once; it binds NULL as before.
    sqlite3.register_adapter(type(None), _null)
    # A datetime the driver binds (DriverStatement's writes) in SQLAlchemy's own text format: sqlite3's default
    # drops ".000000" at whole seconds, and SQLite compares datetimes as text, so equal instants were unequal.
    sqlite3.register_adapter(datetime, _datetime_text)
    return engine


def _null(_value: None) -> None:
    return None


def _datetime_text(value: datetime) -> str:
    return value.isoformat(" ", "microseconds")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA wal_autocheckpoint={UNCHECKPOINTED_WAL_PAGES}")
    cursor.close()


def _alembic_config() -> Config:
    from alembic.config import Config  # alembic only when the schema changes: it is a fifth of start-up

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def known_revisions() -> list[str]:
    """The schema revisions this code has migrations for, oldest first (read from the file names)."""
    return sorted(path.name[:4] for path in (MIGRATIONS / "versions").glob(REVISION_FILES))


def head_revision() -> str:
    """The newest schema revision this code knows."""
    return known_revisions()[-1]


def known_revision(revision: str) -> bool:
    """Whether this code has the revision among its migrations (an unknown one comes from newer code)."""
    return revision in known_revisions()


def schema_revision(connection: Connection) -> str | None:
    """The revision the database's schema is at (None: never migrated), read as alembic records it."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision; a deployed database survives upgrades. A database already at
    the newest revision is left alone without starting alembic (most starts)."""
    with engine.connect() as connection:
        if schema_revision(connection) == head_revision():
            return
    from alembic import command

    config = _alembic_config()
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            # several workers start at once: the first migrates, the others wait and then find nothing to do
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        before = schema_revision(connection)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        after = schema_revision(connection)
    if before != after:  # alembic's own lines are quiet below DEBUG (bot.logs): one line of ours instead
        log.info("database schema upgraded", extra={"from": before, "to": after})


class DriverStatement:
    """A statement SQLAlchemy builds and compiles once for the engine's dialect, then runs on the DBAPI cursor
    of a `DriverTransactions` transaction, its parameters passed through the columns' own bind processors.

    For the writes every incoming message makes (its inbox record; settling it once handled), SQLAlchemy's
    per-execution work (execution context, parameter processing, result set-up) cost as much again as the
    database itself (bench/bench_wecom_bot.py). Pooling and the statement's text stay SQLAlchemy's.
    """

    def __init__(self, engine: Engine, statement: ClauseElement) -> None:
        dialect = engine.dialect
        compiled = statement.compile(dialect=dialect)
        assert isinstance(compiled, SQLCompiler)  # a statement, not DDL: it has binds and their order
        self._sql = compiled.string
        # the column types' own processors (a datetime made naive UTC); SQLite's text for it is the adapter's
        # that make_engine registers, the same SQLAlchemy writes, at half the cost of SQLAlchemy's processor
        processors = {name: bind.type.bind_processor(dialect) for name, bind in compiled.binds.items()}
        # positional styles (SQLite's "?") take the values in the statement's order; None: by name (psycopg)
        self._positional = compiled.positiontup is not None
        self._names = compiled.positiontup if compiled.positiontup is not None else list(processors)
        # the values picked in C in one call (a row's dozen columns, three statements a message); only the
        # few columns whose type converts them (dates, booleans) pass through their processor
        self._values = itemgetter(*self._names) if len(self._names) > 1 else _one_tuple(self._names[0])
        self._processed = [
            (index, process)
            for index, name in enumerate(self._names)
            if (process := processors[name]) is not None
        ]

    def _parameters(self, values: Mapping[str, Any]) -> tuple[Any, ...] | dict[str, Any]:
        ready: tuple[Any, ...] = self._values(values)
        if self._processed:
            processed = list(ready)
            for index, process in self._processed:
                processed[index] = process(processed[index])
            ready = tuple(processed)
        return ready if self._positional else dict(zip(self._names, ready, strict=True))

    def run(self, cursor: DBAPICursor, rows: Sequence[Mapping[str, Any]]) -> int:
        """Executes once per row (one round trip for all of them where the driver can); rows affected."""
        parameters: list[Any] = [self._parameters(row) for row in rows]  # all tuples, or all dicts
        cursor.executemany(self._sql, parameters)
        return int(cursor.rowcount)


# DriverStatements by statement and kind of database (what compiling one reads of the dialect: its class,
# parameter style and the server's version)
_DRIVER_STATEMENTS: dict[
    tuple[ClauseElement, type[Dialect], str, tuple[Any, ...] | None], DriverStatement
] = {}


def driver_statement(engine: Engine, statement: ClauseElement) -> DriverStatement:
    """`statement` as a DriverStatement for the engine's kind of database, compiled once per process for each
    kind: it keeps nothing of the engine, and a process that opens several databases (the tests open one
    for each bot) compiled every statement again for each (~0.25 ms a statement)."""
    dialect = engine.dialect
    key = (statement, type(dialect), dialect.paramstyle, dialect.server_version_info)
    if (compiled := _DRIVER_STATEMENTS.get(key)) is None:
        compiled = _DRIVER_STATEMENTS[key] = DriverStatement(engine, statement)
    return compiled


class _Transaction:
    """`DriverTransactions.begin`: the held connection's turn taken, a cursor in a transaction, committed on leaving
    (rolled back on an exception), the turn given back. A class, not two nested generator context managers, whose
    objects, frames and resumptions cost ~27k instructions a transaction, a quarter of one recording a message
    (the inbox's group commit makes one every few messages)."""

    __slots__ = ("_connection", "_cursor", "_transactions")

    def __init__(self, transactions: DriverTransactions) -> None:
        self._transactions = transactions

    def __enter__(self) -> DBAPICursor:
        transactions = self._transactions
        if transactions._holds:
            transactions._turn.acquire()
        try:
            self._connection = connection = transactions._connection()
            try:
                self._cursor = connection.cursor()
            except BaseException:
                transactions._release(connection)
                raise
        except BaseException:
            if transactions._holds:
                transactions._turn.release()
            raise
        return self._cursor

    def __exit__(self, _kind: object, error: BaseException | None, _trace: object) -> None:
        transactions, connection = self._transactions, self._connection
        try:
            try:
                if error is None:
                    connection.commit()
                else:
                    connection.rollback()
            except BaseException:
                if error is None:  # the commit failed
                    connection.rollback()
                raise
            finally:
                self._cursor.close()
                transactions._release(connection)
            if error is None and connection is transactions._held:
                transactions._committed()
        finally:
            if transactions._holds:
                transactions._turn.release()


def _one_tuple(name: str) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    """What `itemgetter` of several names gives (a tuple), for one name."""
    return lambda values: (values[name],)


class DriverTransactions:
    """Transactions of `DriverStatement`s on the DBAPI connection, without SQLAlchemy's Connection.

    On SQLite, which one process serves, one connection is held for the process's life: a pool checkout,
    a Connection and the reset on return cost more than the statements and the commit together, twice per
    message (bench/bench_wecom_bot.py). Its commits never checkpoint the WAL themselves: a checkpoint
    syncs the files to disk, which on a busy disk held up every request in flight for up to ~150 ms.
    Every CHECKPOINT_EVERY commits one runs in a thread of its own instead (SQLite lets writers go on
    meanwhile, and the driver releases the GIL), so the WAL stays short. Elsewhere each transaction takes a
    connection from the pool, which checks it is alive (several processes share the server, and it may
    restart).
    """

    CHECKPOINT_EVERY = 100  # commits of a few pages each: the WAL stays under SQLite's own 1,000 pages

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._holds = engine.dialect.name == "sqlite"
        self._held: PoolProxiedConnection | None = None
        self._commits = 0
        self._checkpointer: ThreadPoolExecutor | None = None
        self._checkpoint: Future[None] | None = None
        # the held connection carries one transaction at a time: a thread using it (tests, tools) waits its turn
        self._turn = threading.Lock()

    def _connection(self) -> PoolProxiedConnection:
        if not self._holds:
            return self._engine.raw_connection()
        if self._held is None:
            self._held = self._engine.raw_connection()
            if self._on_file():
                self._held.cursor().execute("PRAGMA wal_autocheckpoint=0")  # this connection's own setting
        return self._held

    def _on_file(self) -> bool:
        return self._engine.url.database not in (None, "", ":memory:")

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """No transaction of the held connection runs meanwhile (a write on another connection would wait
        for its lock)."""
        if not self._holds:
            yield
            return
        with self._turn:
            yield

    def begin(self) -> _Transaction:
        """A cursor in a transaction committed on leaving, rolled back on an exception."""
        return _Transaction(self)

    def _release(self, connection: PoolProxiedConnection) -> None:
        """A connection done with: back to the pool, unless it is the one held."""
        if connection is not self._held:
            connection.close()

    def _committed(self) -> None:
        self._commits += 1
        if self._commits % self.CHECKPOINT_EVERY or not self._on_file():
            return
        if self._checkpoint is not None and not self._checkpoint.done():
            return  # the last one is still at it
        if self._checkpointer is None:
            self._checkpointer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wal-checkpoint")
        self._checkpoint = self._checkpointer.submit(self._checkpoint_wal)

    def _checkpoint_wal(self) -> None:
        """Copy what the WAL holds into the database, without waiting for any reader or writer (PASSIVE)."""
        try:
            connection = self._engine.raw_connection()
            try:
                connection.cursor().execute("PRAGMA wal_checkpoint(PASSIVE)")
            finally:
                connection.close()
        except Exception:
            # the next one tries again; meanwhile the WAL grows, and another connection's commit checkpoints it
            log.warning("WAL checkpoint failed", exc_info=True)
