"""The test harness: the bot driven as its users drive it, in-process (the console adapter, the command line
`python -m bot …`, or the private channels on a real HTTP server on 127.0.0.1) or as the real process where
the process itself is under test, and a self-assessment answered by script.

What every bot in a test session would otherwise redo is done once: the knowledge and the schedule are
loaded and the templates compiled once (read-only data), a SQLite database migrated to head is copied for
each test instead of migrated again, and a PostgreSQL database migrated to head is emptied after a test for
the next.
"""

from __future__ import annotations

import atexit
import functools
import io
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any
from unittest import mock

import psycopg
import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.engine import make_url

from bot.__main__ import main
from bot.adapters.console import ConsoleAdapter
from bot.app import build_app
from bot.clock import ManualClock
from bot.dispatch import CommandWords, Router
from bot.evaluate import DEV_INDUSTRIES, DEV_QUESTIONS, UNANSWERABLE_SETS, load_cases
from bot.message import Reply
from bot.outbox import Outbox, RecordingOutbox, RoutingOutbox
from bot.render import Renderer
from bot.runtime import BotApp
from bot.server import compose, make_web_app
from bot.settings import Settings, config_file
from handlers.context import Context
from handlers.qa import Answers
from knowledge.base import KnowledgeBase, load_knowledge
from knowledge.catalogue import OutsideClass, OutsideFile
from knowledge.models import read_yaml
from knowledge.schedule import Schedule, load_schedule
from storage import tables
from storage.db import make_engine, migrate
from storage.models import InboxRecord
from tests.fake_robot import FakeTime
from tests.fake_wechat_api import (
    AGENT_ID,
    CORP_ID,
    CORP_SECRET,
    MP_APP_ID,
    MP_APP_SECRET,
    FakeWeChatApi,
    wechat_api,
)
from tests.private_peer import APP_AES_KEY, APP_TOKEN, MP_AES_KEY, MP_TOKEN, AppPeer, MpPeer

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE_DATA = ROOT / "knowledge" / "data"
# how the industry answer opens where it cannot place the business (neither 属于 nor 不属于)
UNSURE = "我没能确定"
START = datetime.fromisoformat("2020-07-15T09:00:00+08:00")
PG_ENV = "BOT_TEST_POSTGRES_URL"


# ---------------------------------------------------------------- what a session builds once


_KNOWLEDGE: dict[tuple[Path, Path], KnowledgeBase] = {}


def shared_knowledge(folder: Path, templates: Path, cache: Path | None = None) -> KnowledgeBase:
    """The knowledge in `folder`, loaded once per session (a build ~0.5 s); nothing changes it. `cache` only
    says where a build is kept (what is read from it is what a build gives, tests/test_startup_cache.py): the
    commands that load without one (`knowledge check`, `eval`) share what the bots loaded through it, and a
    test's own knowledge is built without it, since the cache keeps one build and it would replace the
    shipped knowledge's there, which every `python -m bot` a test starts would then build again (~0.7 s)."""
    key = (folder, templates)
    if key not in _KNOWLEDGE:
        shipped = Settings()
        keep = cache if key == (shipped.knowledge_dir, shipped.templates_dir) else None
        _KNOWLEDGE[key] = load_knowledge(folder, templates, keep)
    return _KNOWLEDGE[key]


_RENDERERS: dict[tuple[Path, Path | None, int], tuple[Renderer, object]] = {}


def shared_renderer(
    folder: Path, cache: Path | None = None, commands: Mapping[str, Any] | None = None
) -> Renderer:
    """The templates in `folder` naming `commands`, compiled once per session for each knowledge's commands
    (told apart by identity: each knowledge folder is loaded once, shared_knowledge; the renderer keeps them
    alive, so an identity is never reused)."""
    key = (folder, cache, id(commands))
    if key not in _RENDERERS:
        _RENDERERS[key] = (Renderer(folder, cache=cache, commands=commands), commands)
    return _RENDERERS[key][0]


def shipped_knowledge() -> KnowledgeBase:
    """The shipped knowledge, as the bots built in-process load it (through the cache)."""
    settings = Settings()
    return shared_knowledge(settings.knowledge_dir, settings.templates_dir, settings.cache_dir)


def shipped_renderer() -> Renderer:
    """The shipped templates naming the shipped commands, as the bot renders them."""
    settings = Settings()
    return shared_renderer(settings.templates_dir, settings.cache_dir, shipped_knowledge().commands)


@functools.cache
def shared_answers(kb: KnowledgeBase, render: Renderer) -> Answers:
    """The Q&A replies on the session's knowledge and templates, their shared parts rendered once."""
    return Answers(kb, render)


@functools.cache
def _read_schedule(path: Path, text: str, templates: Path, sources: frozenset[str] | None) -> Schedule:
    return load_schedule(path, templates, None if sources is None else set(sources))


def shared_schedule(path: Path, templates: Path, sources: set[str] | None = None) -> Schedule:
    """The schedule in `path`, read and validated once per session for each text it has (a test may write
    its own; ~3 ms a bot otherwise); a Schedule is frozen."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return load_schedule(path, templates, sources)  # which says what is wrong, as the bot would
    return _read_schedule(path, text, templates, None if sources is None else frozenset(sources))


@functools.cache
def evaluation_cases(name: str) -> tuple[dict[str, object], ...]:
    """One evaluation set's cases (tests/data/`name`, as the evaluation reads it), read once per process and
    never changed: test_qa_retrieval and test_qa_determinism read every development set at collection, in each
    worker, and test_qa counts them."""
    return tuple(load_cases(ROOT / "tests" / "data", name))


@functools.cache
def outside_classes() -> tuple[OutsideClass, ...]:
    """The classes outside the 47 as outside.yaml lists them, read and validated once per process: five causes
    loops take their words, and each reading of the file was ~0.08 s of CPU."""
    return tuple(OutsideFile.model_validate(read_yaml(KNOWLEDGE_DATA / "outside.yaml")).classes)


def development_texts() -> list[str]:
    """Every development message (the question sets, the unanswerable ones, the industry descriptions), in the
    sets' order, repeats included."""
    return [
        str(case.get("q") or case.get("text"))
        for name in (*DEV_QUESTIONS, *UNANSWERABLE_SETS, *DEV_INDUSTRIES)
        for case in evaluation_cases(name)
    ]


@contextmanager
def loaded_once() -> Iterator[None]:
    """While it lasts, every bot built in-process reuses the session's knowledge, schedules, templates and
    Q&A replies (conftest holds it for the whole session)."""
    with (
        mock.patch("bot.app.load_knowledge", shared_knowledge),
        mock.patch("knowledge.base.load_knowledge", shared_knowledge),  # bot.__main__ imports it when run
        mock.patch("bot.app.load_schedule", shared_schedule),
        mock.patch("bot.app.Renderer", shared_renderer),
        mock.patch("handlers.qa.Answers", shared_answers),
    ):
        yield


@functools.cache
def _migrated_sqlite() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="bot-template-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    template = folder / "bot.db"
    engine = make_engine(f"sqlite:///{template}")
    migrate(engine)
    engine.dispose()  # the last connection closed: the WAL is checkpointed into the file
    return template


def copy_migrated_sqlite(url: str) -> None:
    """A SQLite file database that does not exist yet starts as a copy of one migrated once per session
    (a migration from empty costs 50–200 ms; the bot then finds the schema at head)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return
    target = Path(str(parsed.database))
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(_migrated_sqlite(), target)  # the mode too: 0600, as the bot creates it


def selects_holding(engine: Engine, words: str) -> list[str]:
    """The SELECT statements `engine` runs from now on that hold `words` (FROM dialogue, a column's name), each
    added as it runs: what a repository reads from the database rather than from what it remembers."""
    reads: list[str] = []

    def seen(_connection: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if statement.lstrip().startswith("SELECT") and words in statement:
            reads.append(statement)

    event.listen(engine, "before_cursor_execute", seen)
    return reads


# ---------------------------------------------------------------- the console, in-process


def console_adapter(app: BotApp[Context], clock: ManualClock, outbox: Outbox) -> ConsoleAdapter:
    """The console adapter over `app`, its answers to `outbox`, its error lines dropped."""
    context = app.context
    return ConsoleAdapter(
        app,
        clock,
        lambda _text: None,
        context.render,
        outbox,
        context.kb.words.reason,
        context.config.bot_name,
    )


class Harness:
    """Drives the bot the way the console does, in-process, and returns what it sent."""

    def __init__(self, app: BotApp[Context], clock: ManualClock, outbox: RecordingOutbox) -> None:
        self.app = app
        self.clock = clock
        self.outbox = outbox
        self.adapter = console_adapter(app, clock, outbox)

    async def say(
        self,
        user: str,
        text: str,
        chat: str = "平山县企业群",
        role: str = "enterprise",
        time: str | None = None,
        name: str | None = None,
    ) -> list[Reply]:
        record: dict[str, str] = {"chat": chat, "user": user, "text": text, "role": role}
        if time:
            record["time"] = time
        if name:  # the display name the platform gives with this message (the user id otherwise)
            record["name"] = name
        await self.adapter.handle_record(record)
        return self.outbox.take()

    async def text(self, user: str, text: str, **kwargs: str) -> str:
        """All reply texts to one message, joined."""
        return "\n".join(reply.text for reply in await self.say(user, text, **kwargs))

    async def tick(self) -> int:
        return await self.app.tick()

    async def answer_industry_question(self, user: str, said: str) -> str:
        """The reply to `said` given as the self-assessment's industry question, the dialogue begun and its
        first answers given."""
        for text in ("我要自评", "平山县某商贸公司", VALID_CODES[0], "平山县"):
            await self.text(user, text)
        return await self.text(user, said)


NOT_SURE = "这个问题我不确定"  # how the unsure reply opens (qa_unsure.j2)
GAP_STATED = "资料里没有"  # an entry stating the gap says the documents hold none: as good as not sure
BOTH = "您问的可能是下面两项之一"  # how a pair of entries opens (qa_answer.j2)
OFFERED = "您要问的如果是别的，可以直接发下面的标题"  # the other meanings offered after an answer


def assert_declined(reply: str, *gaps: str) -> None:
    """A question the documents do not answer: the unsure reply, or a gap entry saying what they do not give (any of
    `gaps`, its opening words)."""
    assert reply.startswith(NOT_SURE) or any(gap in reply for gap in gaps), reply


def assert_verdict(reply: str, verdict: str, named: str) -> None:
    """A reply to a description starts with the verdict (属于, 不属于), or says it of what it read, and names `named`."""
    assert reply.startswith(verdict) or f"单从这点看{verdict}" in reply, reply
    assert named in reply, reply


def follow_up_lead(previous: str, reading: str) -> str:
    """What a reply to a follow-up read with the question before it starts with (qa_followup.j2)."""
    return shipped_renderer()("qa_followup.j2", previous=previous, reading=reading)


def answers_with(kb: KnowledgeBase, reply: str, entries: str | list[str]) -> bool:
    """Whether a reply gives the answer of the entry wanted (or of either of two)."""
    wanted = entries if isinstance(entries, list) else [entries]
    return any(kb.entries[entry].answer.strip()[:20] in reply for entry in wanted)


async def assert_answered_with(
    harness: Harness, kb: KnowledgeBase, question: str, entries: str | list[str]
) -> None:
    """Asked in the group by someone who asked nothing before it, the question gets the answer of the entry wanted (or
    of either of two): what a test of a cause's wordings asserts of each."""
    reply = await harness.text("张三", question)
    assert answers_with(kb, reply, entries), reply


async def assert_answered_with_each(
    harness: Harness, kb: KnowledgeBase, question: str, *entries: str
) -> None:
    """Asked in the group by someone who asked nothing before it, a message of several questions (a letter's numbered
    items) gets the answer of every entry wanted."""
    reply = await harness.text("张三", question)
    missing = [entry for entry in entries if not answers_with(kb, reply, entry)]
    assert not missing, (missing, reply)


def listed_products(kb: KnowledgeBase) -> list[str]:
    """Every product of every listed industry (industries.yaml), each once, in a fixed order: what a loop over the
    ways goods are said runs through."""
    return sorted({product for industry in kb.catalogue.industries for product in industry.products})


def listed_plants(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(industry, plant): every name of a listed plant ending with 厂 (industries.yaml's aliases)."""
    return [
        (industry.name, alias)
        for industry in kb.catalogue.industries
        for alias in industry.aliases
        if alias.endswith("厂")
    ]


def assert_placed_in_class(kb: KnowledgeBase, description: str, placed: str) -> None:
    """The catalogue tells a description 不属于, naming the outside class `placed`."""
    match = kb.catalogue.match(description)
    assert match.verdict == "outside", (description, match)
    assert match.outside is not None, (description, match)
    assert match.outside.name == placed, (description, match)


def assert_placed_in_industry(kb: KnowledgeBase, description: str, industry: str) -> None:
    """The catalogue places a description in one listed industry, `industry`."""
    match = kb.catalogue.match(description)
    assert match.verdict == "one", (description, match)
    assert match.candidates[0].name == industry, (description, match)


def told_outside(kb: KnowledgeBase, wordings: Iterable[str]) -> list[tuple[str, list[str]]]:
    """The wordings the catalogue tells 不属于, each with the terms it read: what a loop over a shape of listed
    businesses asserts is empty."""
    return [
        (wording, match.terms)
        for wording in wordings
        if (match := kb.catalogue.match(wording)).verdict == "outside"
    ]


def assert_never_outside_and_kept(kb: KnowledgeBase, wordings: Iterable[tuple[str, str]]) -> None:
    """For (industry, wording) pairs: no wording is told 不属于 and each keeps its industry among the candidates,
    each wording read once for both claims (reading it again for the second was half a loop's CPU)."""
    outside: list[str] = []
    lost: list[str] = []
    for industry, said in wordings:
        match = kb.catalogue.match(said)
        if match.verdict == "outside":
            outside.append(said)
        if industry not in [one.name for one in match.candidates]:
            lost.append(said)
    assert not outside, outside
    assert not lost, lost


def make_settings(database_url: str, **overrides: object) -> Settings:
    """`Settings(database_url=…, log_format="text", **overrides)`, with what the environment sets read once for
    each environment: its reading (pydantic-settings' sources) was ~0.9 ms of every test's bot, validating
    the values ~10 µs. Where a config file is present it is read each time, as by the bot
    (tests/test_harness_isolation.py checks the two ways give equal settings)."""
    values = {"database_url": database_url, "log_format": "text", **overrides}
    environment = None if Path(config_file()).exists() else _environment_settings(_bot_environment())
    if environment is None:
        return Settings(**values)  # type: ignore[arg-type]
    settings = Settings.__new__(Settings)
    # what BaseModel.__init__ does, without the sources BaseSettings.__init__ adds
    Settings.__pydantic_validator__.validate_python(_merged(environment, values), self_instance=settings)
    return settings


def _merged(lower: Mapping[str, object], higher: Mapping[str, object]) -> dict[str, object]:
    """`higher`'s values over `lower`'s, two dictionaries under one name merged (BOT_STAFF's members and a test's
    own staff), as pydantic-settings merges what its sources read."""
    result = dict(lower)
    for name, value in higher.items():
        below = result.get(name)
        if isinstance(below, dict) and isinstance(value, dict):
            result[name] = _merged(below, value)
        else:
            result[name] = value
    return result


def _bot_environment() -> tuple[tuple[str, str], ...]:
    """The environment variables Settings reads (their names are not case-sensitive)."""
    return tuple(
        sorted((name, value) for name, value in os.environ.items() if name.upper().startswith("BOT_"))
    )


@functools.cache
def _environment_settings(environment: tuple[tuple[str, str], ...]) -> Mapping[str, object] | None:
    """The fields `environment` (the present one, the cache's key) sets, as Settings reads them; None if it
    cannot be read alone (Settings itself then says why, or a test's values mend it)."""
    try:
        read = Settings()
    except ValueError:  # pydantic's ValidationError among them
        return None
    return MappingProxyType({name: getattr(read, name) for name in read.model_fields_set})


@dataclass(frozen=True)
class TypedAsKey:
    """A test router's command as bot.dispatch.CommandWords: typed under its key, and `spoken` said alone."""

    names: tuple[str, ...]
    spoken: tuple[str, ...] = ()
    leads: tuple[str, ...] = ()


def own_commands(
    *routers: Router[Any], words: Mapping[str, Sequence[str]] = MappingProxyType({})
) -> dict[str, CommandWords]:
    """The command words for a test that builds its own routers: the shipped commands' (commands.yaml), and
    each command of `routers` typed under its own key, with `words[key]` running it said alone."""
    kb = shipped_knowledge()
    own = {
        command.key: TypedAsKey((command.key,), tuple(words.get(command.key, ())))
        for router in routers
        for command in router.commands
    }
    return {**kb.commands, **own}


def make_harness(
    settings: Settings,
    handler_routers: list[Router[Context]] | None = None,
    command_words: Mapping[str, CommandWords] | None = None,
) -> Harness:
    clock = ManualClock(START)
    outbox = RecordingOutbox()
    copy_migrated_sqlite(settings.database_url)
    app = build_app(settings, clock, outbox, handler_routers, command_words=command_words)
    return Harness(app, clock, outbox)


# ---------------------------------------------------------------- databases of both kinds


def postgres_admin_url() -> str | None:
    url = os.environ.get(PG_ENV)
    if not url and os.environ.get("CI"):
        pytest.fail(f"{PG_ENV} must be set in CI: the storage tests must also run on PostgreSQL")
    return url


# What a migrated database's schema is: compared before a database is reused, in case a test changed it.
SCHEMA_SHAPE = """SELECT md5(string_agg(table_name || '.' || column_name || ':' || data_type, ','
                                ORDER BY table_name, column_name)),
                         (SELECT version_num FROM alembic_version)
                  FROM information_schema.columns WHERE table_schema = 'public'"""
# Every row deleted (foreign keys not checked, as nothing is left) and every sequence back at its start: what
# a new database would hold. Quicker than TRUNCATE (~0.3 s), which makes new files for every table and index.
EMPTY_EVERY_TABLE = """DO $$ DECLARE r record; BEGIN
  SET LOCAL session_replication_role = replica;
  FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version' LOOP
    EXECUTE format('DELETE FROM %I', r.tablename);
  END LOOP;
  FOR r IN SELECT sequencename FROM pg_sequences WHERE schemaname = 'public' LOOP
    EXECUTE format('ALTER SEQUENCE %I RESTART', r.sequencename);
  END LOOP;
END $$"""


class PostgresDatabases:
    """This session's databases on the test PostgreSQL server. A database at the newest schema that a test is
    done with is emptied for the next one (its connections ended, its rows deleted: ~0.1 s) rather than
    dropped; one whose schema a test changed is dropped instead. The emptying runs on a thread of its own while
    the next test runs. Each database at the newest schema is a copy of one migrated once per session and never
    used (~0.1 s of the server's time, against a second of CPU and two or three of waiting to migrate one),
    and there are two: a test takes the one emptied while the test before it ran instead of waiting for the
    emptying of the one that test used (~75 ms, each of ~75 tests in a worker)."""

    IN_TURN = 2  # databases at the newest schema, taken in turn; the next test waits when all are in use

    def __init__(self, admin: str) -> None:
        self.server, self.admin_database = admin.split("://", 1)[1].rsplit("/", 1)  # user@host:port, postgres
        self.idle: list[str] = []  # at the newest schema, with no rows: ready for the next test
        # given back and being emptied (the name once emptied, None once dropped), oldest first
        self.emptying: list[Future[str | None]] = []
        self.cleaner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="postgres-empty")
        self.migrated: set[str] = set()  # every database copied here at the newest schema, idle or in use
        self.template: str | None = None  # migrated once, copied for each of them, never connected to again
        self.shape: tuple[str, str] | None = None  # SCHEMA_SHAPE of the template
        atexit.register(self.drop_all)

    def url(self, name: str, driver: str = "+psycopg") -> str:
        return f"postgresql{driver}://{self.server}/{name}"

    def take(self, migrated: bool) -> str:
        if migrated:
            self._collect_emptied(wait=len(self.migrated) >= self.IN_TURN)
            if self.idle:
                return self.idle.pop()
        name = new_database_name()
        if migrated:
            self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{self._migrated_template()}"')
            self.migrated.add(name)
        else:
            self._admin(f'CREATE DATABASE "{name}"')
        return name

    def give_back(self, name: str) -> None:
        self.emptying.append(self.cleaner.submit(self._empty_or_drop, name))

    def _collect_emptied(self, wait: bool) -> None:
        """The databases emptied by now made idle; with `wait`, and none idle, the oldest being emptied waited
        for (and the next, where that one was dropped)."""
        while self.emptying and (self.emptying[0].done() or (wait and not self.idle)):
            if (emptied := self.emptying.pop(0).result()) is not None:
                self.idle.append(emptied)

    def _migrated_template(self) -> str:
        if self.template is None:
            name = new_database_name()
            self._admin(f'CREATE DATABASE "{name}"')
            engine = make_engine(self.url(name))
            migrate(engine)
            engine.dispose()
            with self._connect(name) as connection:
                self.shape = connection.execute(SCHEMA_SHAPE).fetchone()
            self.template = name
        return self.template

    def _empty_or_drop(self, name: str) -> str | None:
        if name in self.migrated and self._emptied(name):
            return name
        self.migrated.discard(name)
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        return None

    def _emptied(self, name: str) -> bool:
        with self._connect(name) as connection:
            connection.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            if connection.execute(SCHEMA_SHAPE).fetchone() != self.shape:
                return False
            connection.execute(EMPTY_EVERY_TABLE)
        return True

    def _connect(self, name: str) -> psycopg.Connection[tuple[Any, ...]]:
        return psycopg.connect(self.url(name, driver=""), autocommit=True)

    def _admin(self, statement: str) -> None:
        with self._connect(self.admin_database) as connection:
            connection.execute(statement)

    def drop_all(self) -> None:
        self.cleaner.shutdown(wait=True)
        for name in [*self.migrated, *filter(None, [self.template])]:
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.idle.clear()
        self.emptying.clear()
        self.migrated.clear()
        self.template = None


def new_database_name() -> str:
    return f"bot_test_{uuid.uuid4().hex[:12]}"


@functools.cache
def postgres_databases(admin: str) -> PostgresDatabases:
    return PostgresDatabases(admin)


@contextmanager
def fresh_postgres_database(migrated: bool) -> Iterator[str]:
    """A database on the test PostgreSQL server for the block (skips without a server): at the newest schema
    with no rows, or, not `migrated`, with nothing in it (for the tests of migrations and first starts)."""
    admin = postgres_admin_url()
    if not admin:
        pytest.skip(f"set {PG_ENV} to run against PostgreSQL")
    databases = postgres_databases(admin)
    name = databases.take(migrated)
    try:
        yield databases.url(name)
    finally:
        databases.give_back(name)


# ---------------------------------------------------------------- the command line, in-process


@dataclass(frozen=True)
class Ran:
    """What a `python -m bot` command did: its exit code and what it wrote to stdout and stderr."""

    code: int
    stdout: str
    stderr: str

    def objects(self) -> list[dict[str, object]]:
        """The JSON lines on stdout (the console's replies and {"error"} lines)."""
        return [json.loads(line) for line in self.stdout.splitlines()]


def bot_command(args: Sequence[str], stdin: bytes = b"", **env: str) -> Ran:
    """`python -m bot ARGS` run in this process: `bot.__main__.main` with `stdin`, the environment with `env`
    added, and stdout and stderr that encode as a process's do when piped (UTF-8, strict on stdout: a reply
    that cannot be encoded fails as it would there). It costs no interpreter start, import or knowledge
    load; the process itself is tested end to end where it matters (tests/test_foundation_console.py)."""
    stdout, stderr = io.BytesIO(), io.BytesIO()
    # kept here: a wrapper dropped (as the patch ends) closes the buffer under it
    streams = (
        io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"),
        io.TextIOWrapper(stdout, encoding="utf-8", errors="strict", write_through=True),
        io.TextIOWrapper(stderr, encoding="utf-8", errors="backslashreplace", write_through=True),
    )
    engines: list[Engine] = []

    def create_and_keep(*args: Any, **kwargs: Any) -> Engine:
        engines.append(create_engine(*args, **kwargs))
        return engines[-1]

    root, alembic = logging.getLogger(), logging.getLogger("alembic")
    logging_before = (root.handlers[:], root.level, alembic.level)
    with (
        mock.patch.dict(os.environ, env),
        mock.patch.multiple(sys, stdin=streams[0], stdout=streams[1], stderr=streams[2]),
        mock.patch("storage.db.create_engine", create_and_keep),
    ):
        try:
            code = main(list(args))
        except SystemExit as exit:  # argparse: --version, --help and its own usage errors
            code = exit.code if isinstance(exit.code, int) else 2
        finally:
            # what the end of the process would do: its connections closed, its logging gone
            for engine in engines:
                engine.dispose()
            root.handlers[:], level, alembic_level = logging_before
            root.setLevel(level)
            alembic.setLevel(alembic_level)
    return Ran(code, stdout.getvalue().decode("utf-8"), stderr.getvalue().decode("utf-8"))


# ---------------------------------------------------------------- the JSON-lines console


def jsonl_input(lines: Sequence[Mapping[str, object] | str]) -> bytes:
    """JSON lines as the console reads them: objects encoded, strings (malformed lines) as they are."""
    encoded = (line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines)
    return "".join(f"{line}\n" for line in encoded).encode("utf-8")


def jsonl_args(now: str | None) -> list[str]:
    return ["console", "--jsonl"] + (["--now", now] if now else [])


def run_jsonl(
    lines: Sequence[Mapping[str, object] | str],
    database_url: str,
    now: str | None = "2020-07-15T09:00:00",
    **env: str,
) -> list[dict[str, object]]:
    """`python -m bot console --jsonl` (in-process, `bot_command`) fed these lines; the stdout objects."""
    return run_jsonl_with_logs(lines, database_url, now, **env)[0]


def run_jsonl_with_logs(
    lines: Sequence[Mapping[str, object] | str],
    database_url: str,
    now: str | None = "2020-07-15T09:00:00",
    **env: str,
) -> tuple[list[dict[str, object]], str]:
    """`python -m bot console --jsonl` fed these lines; the stdout objects and the logs (stderr)."""
    return run_jsonl_raw(jsonl_input(lines), database_url, now, **env)


def run_jsonl_raw(
    stdin: bytes, database_url: str, now: str | None = "2020-07-15T09:00:00", **env: str
) -> tuple[list[dict[str, object]], str]:
    """`python -m bot console --jsonl` fed these bytes; the stdout objects and the logs. It must exit 0."""
    ran = bot_command(
        jsonl_args(now), stdin, **{"BOT_DATABASE_URL": database_url, "BOT_LOG_FORMAT": "json", **env}
    )
    assert ran.code == 0, ran.stderr
    return ran.objects(), ran.stderr


def jsonl_process(
    stdin: bytes,
    database_url: str,
    now: str | None = "2020-07-15T09:00:00",
    stdout: int = subprocess.PIPE,
    **env: str,
) -> subprocess.CompletedProcess[bytes]:
    """The real `python -m bot console --jsonl` process fed these bytes, for the tests of the process's own
    contract (stdin, stdout, exit code); everything else runs the console in-process. `stdout` may be a file
    descriptor of the test's own."""
    environment = {**os.environ, "BOT_DATABASE_URL": database_url, "BOT_LOG_FORMAT": "json", **env}
    return subprocess.run(
        [sys.executable, "-m", "bot", *jsonl_args(now)],
        input=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=environment,
        timeout=120,
        check=False,
    )


# ---------------------------------------------------------------- the private channels, over HTTP

STAFF = {"wangke": "平山县", "o_staff_openid_1": "平山县"}


@dataclass
class Rig:
    client: TestClient[Any, Any]
    bot: BotApp[Context]
    clock: ManualClock
    api: FakeWeChatApi
    app_peer: AppPeer
    mp_peer: MpPeer

    def now(self) -> int:
        return int(self.clock.now().timestamp())

    def inbox(self) -> list[InboxRecord]:
        engine = self.bot.context.repos.inbox._engine
        with engine.connect() as connection:
            rows = connection.execute(select(tables.inbox).order_by(tables.inbox.c.id))
            return [InboxRecord(**row._mapping) for row in rows]


@asynccontextmanager
async def private_rig(
    database_url: str,
    routers: list[Router[Context]] | None = None,
    command_words: Mapping[str, CommandWords] | None = None,
    start: datetime = START,
    mp_safe: bool = True,
    app_token: str = APP_TOKEN,
    app_aes_key: str = APP_AES_KEY,
    corp_id: str = CORP_ID,
    agent_id: int = AGENT_ID,
    **overrides: Any,
) -> AsyncIterator[Rig]:
    """Both private channels configured as `serve` configures them; `mp_safe=False`: plain mode only."""
    async with wechat_api(corp_id, agent_id) as api:
        values: dict[str, Any] = {
            "wecom_corp_id": corp_id,
            "wecom_agent_id": agent_id,
            "wecom_secret": CORP_SECRET,
            "wecom_token": app_token,
            "wecom_aes_key": app_aes_key,
            "wecom_api_base": api.base,
            "mp_app_id": MP_APP_ID,
            "mp_app_secret": MP_APP_SECRET,
            "mp_token": MP_TOKEN,
            "mp_aes_key": MP_AES_KEY if mp_safe else "",
            "mp_api_base": api.base,
            "staff": STAFF,
            # the app's answers through message/send, unless a test gives its passive replies a budget
            "wecom_app_reply_budget_seconds": 0,
            **overrides,
        }
        settings = make_settings(database_url, **values)
        clock = ManualClock(start)
        copy_migrated_sqlite(database_url)
        pacing = FakeTime()  # backoff after 45009 / -1 and rate-limit waits pass without waiting
        bot, mounts = compose(
            settings,
            clock,
            RoutingOutbox({}),
            routers,
            command_words=command_words,
            monotonic=pacing.now,
            sleep=pacing.sleep,
        )
        try:
            async with TestClient(TestServer(make_web_app(bot, mounts))) as client:
                peer = AppPeer(app_token, app_aes_key, corp_id, agent_id)
                yield Rig(client, bot, clock, api, peer, MpPeer())
        finally:
            await bot.close()
            bot.context.repos.inbox._engine.dispose()  # before the test database is dropped


# ---------------------------------------------------------------- a self-assessment answered by script

REVIEW_MARK = "【申请名单草稿】"
# what a group is told instead of the result and the draft row: every question answered, see them in private
ANSWERED_IN_GROUP = "题目都答完了"
Rule = tuple[str, str | list[str]]  # (regex searched in the question line, the answer or answers in turn)

VALID_CODES = ("91330100716105852F", "91440300708461136T", "91110000600037341L", "91350100M000100Y43")

# Every indicator ladder answered "meets grade A", and the common questions answered plainly.
ALL_A: list[Rule] = [
    (r"·.*A级", "是"),
    (r"【门禁车牌识别系统】|【装卸场所视频监控】|【运输车辆电子台账】", "是"),
    (r"【小微涉气企业核对】", "否"),
    (r"【是否在工业园区】", "是"),
    (r"【主要生产线或工序】", "主要生产线1条"),
    (r"【主要运输方式】", "公路运输"),
    (r"【年运输量】", "12.5"),
    (r"【联系人】", "张经理"),
    (r"【联系电话】", "13812345678"),
]


def basics(name: str, code: str, county: str, industries: Sequence[str], intended: str) -> list[Rule]:
    return [
        (r"【企业名称】", name),
        (r"【统一社会信用代码】", code),
        (r"【县（市、区）】", county),
        (r"【行业类别】", industries[0]),
        (r"还有其他重点行业", [*industries[1:], "没有"]),
        (r"行业吗？（回复", "是"),
        (r"吗？（回复“是”或“否”）", "是"),
        (r"【拟申报等级】", intended),
    ]


def cement(name: str, code: str, county: str, clean_transport: str) -> list[Rule]:
    """A cement works meeting grade A but for its share of clean transport (85 % limits it to B)."""
    return [
        (r"【水泥·清洁运输比例】", clean_transport),
        (r"【水泥·其余车辆国四】|【水泥·厂内运输车辆】|【水泥·非道路移动机械】", "是"),
        *basics(name, code, county, ["熟料"], "A级"),
        *ALL_A,
    ]


# A cement works in 鹿泉区 whose transport (85% clean vehicles) limits it to grade B.
CEMENT = cement("鹿泉区鼎鑫水泥有限公司", VALID_CODES[0], "鹿泉", "85")


def question_line(text: str) -> str:
    """The line that names the question (its 【title】), else the last line (a confirmation prompt)."""
    titled = [line for line in text.splitlines() if line.startswith("【")]
    return titled[-1] if titled else text.splitlines()[-1]


@dataclass
class Run:
    sent: list[str] = field(default_factory=list)  # every message the person sent, start word first
    replies: list[Reply] = field(default_factory=list)  # the replies to the last message
    transcript: list[str] = field(default_factory=list)  # every reply text, in order

    @property
    def text(self) -> str:
        return "\n".join(reply.text for reply in self.replies)


async def complete(
    harness: Harness, user: str, rules: Sequence[Rule], chat: str = "平山县企业群", limit: int = 150
) -> Run:
    """Start a self-assessment and answer until the draft summary is shown, in a group until it says every question
    is answered (the first matching rule wins)."""
    pending = [(pattern, list(answer) if isinstance(answer, list) else answer) for pattern, answer in rules]
    run = Run(sent=["我要自评"], replies=await harness.say(user, "我要自评", chat=chat))
    run.transcript += [reply.text for reply in run.replies]
    for _ in range(limit):
        if REVIEW_MARK in run.text or ANSWERED_IN_GROUP in run.text:
            return run
        asked = question_line(run.replies[-1].text)
        answer = next((a for pattern, a in pending if re.search(pattern, asked)), None)
        if answer is None:
            raise AssertionError(f"no scripted answer for: {asked}")
        said = answer.pop(0) if isinstance(answer, list) else answer
        run.sent.append(said)
        run.replies = await harness.say(user, said, chat=chat)
        run.transcript += [reply.text for reply in run.replies]
    raise AssertionError(f"no draft summary after {limit} answers; last: {run.text}")


async def save_draft(harness: Harness, user: str, chat: str = "平山县企业群") -> str:
    """确认 at the review, where it saves: in a private chat at once; a group is shown neither the result nor the
    draft, so, as its note says, the self-assessment moves to the private chat, is read there and confirmed. The
    reply to 确认."""
    if chat != user:
        await harness.say(user, "转私聊", chat=chat)
        await harness.say(user, "继续自评", chat=user)
    return await harness.text(user, "确认", chat=user)
