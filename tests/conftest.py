"""Fixtures over the harness (tests/harness.py): a bot on a fresh database, the databases of both kinds."""

from __future__ import annotations

import gc
import os
import re
import shutil
import tempfile
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# The bot and the harness are imported by the fixtures that use them, not here: with `-n 2` the process that
# hands the tests to the two workers loads this file too, and runs no test (importing them cost it ~1 s of CPU).
if TYPE_CHECKING:
    from bot.render import Renderer
    from bot.settings import Settings
    from handlers.qa import Answers
    from knowledge.base import KnowledgeBase
    from tests.harness import Harness

# Property-based tests: the same examples on every run (derandomized, no example database), few enough that
# `make test` stays fast. Their fixtures (a bot, a server) are built once per test, not per example, on
# purpose: the properties hold whatever came before.
hypothesis_settings.register_profile(
    "bot",
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=30,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
hypothesis_settings.load_profile("bot")


_COLLECTOR_DEFAULTS = gc.get_threshold()
_TEMPORARY_DEFAULT = tempfile.tempdir
# Where the tests' temporary files go when the machine has it: a file system in memory (tmpfs)
IN_MEMORY = Path("/dev/shm")


def pytest_configure() -> None:
    """The cyclic garbage collector runs every 50,000 new objects instead of every 700, from collection on:
    collection makes the items, and the tests millions of short-lived readings and replies, nearly all freed by
    their counts, which each young collection walked for nothing. Collection 3.6 → 3.0 s of CPU in each worker;
    four conversation modules (-n 0) 14.4 → 13.8 s, 13.1 s with no collection at all (and 10 % more memory).

    The temporary files (tmp_path, each test's SQLite database among them, the session's migrated template) are
    made in memory where /dev/shm is writable: a bot's first write to its WAL database waits for three or four
    fdatasync calls, ~7 ms on this machine's disk, in ~2,000 tests (test_walkthrough alone waited 4.8 s of its
    wall time in 715 of them, 0.02 s on tmpfs). Nothing a test checks depends on the disk; the bot's own
    settings (WAL, synchronous=NORMAL) are unchanged. The directories are removed when their test passes."""
    gc.set_threshold(50_000, 20, 20)
    # unless TMPDIR says where; pytest's capture has made its files by now, so gettempdir has its default
    chosen = any(os.environ.get(name) for name in ("TMPDIR", "TEMP", "TMP"))
    if not chosen and os.access(IN_MEMORY, os.W_OK | os.X_OK):
        tempfile.tempdir = str(IN_MEMORY)  # pytest's base directories are made under tempfile.gettempdir()


def pytest_unconfigure() -> None:
    gc.set_threshold(*_COLLECTOR_DEFAULTS)
    tempfile.tempdir = _TEMPORARY_DEFAULT


_FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Remembers a failed setup or call, whose test keeps its temporary directory to be looked at."""
    report = yield
    if report.failed:
        item.stash[_FAILED] = True
    return report


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests marked slow first, in their own order, then the others: with --dist worksteal each worker
    works from the front of its share and an idle one takes the back of another's, so the run ends on short
    tests instead of one worker finishing a slow one while the other waits (it ended ~8 s late that way). A
    module fixture that a module's slow tests share with its others is built for each part."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)  # a stable sort


@pytest.fixture(scope="session", autouse=True)
def _knowledge_and_templates_once() -> Iterator[None]:
    """The shipped knowledge, templates and replies loaded, then frozen with what collection built, as `serve`
    freezes what its start built (bot.server.freeze_startup_objects): otherwise each full collection of the
    garbage collector walks them all again (about a tenth of a worker's CPU, most of it those walks)."""
    from tests.harness import loaded_once, shared_answers, shipped_knowledge, shipped_renderer

    with loaded_once():
        shared_answers(shipped_knowledge(), shipped_renderer())
        gc.freeze()
        yield


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    from tests.harness import shipped_knowledge

    return shipped_knowledge()  # the one bots built in-process use


@pytest.fixture(scope="session")
def render() -> Renderer:
    from tests.harness import shipped_renderer

    return shipped_renderer()


@pytest.fixture(scope="session")
def answers(kb: KnowledgeBase, render: Renderer) -> Answers:
    from tests.harness import shared_answers

    return shared_answers(kb, render)


@pytest.fixture
def tmp_path(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A new empty directory for each test, named after it in the worker's base directory, as pytest's own;
    made without pytest's numbering, which lists every directory the session made before it and links the
    newest of each name (~0.6 ms a test on average, 1.2 ms after 1,300 tests, in each worker). Removed when
    its test passes, as pytest's own under `tmp_path_retention_policy = "failed"`: in memory (pytest_configure)
    a run's databases would otherwise hold some 3 GB (1.6 MB a bot's) until the run after next."""
    name = re.sub(r"\W", "_", request.node.name)[:30]  # pytest's own naming
    path = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=tmp_path_factory.getbasetemp()))
    yield path
    if not request.node.stash.get(_FAILED, False):
        shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """On a SQLite file already migrated to head (a copy of the session's), exports under tmp_path."""
    from tests.harness import copy_migrated_sqlite, make_settings

    url = f"sqlite:///{tmp_path}/bot.db"
    copy_migrated_sqlite(url)
    return make_settings(url, exports_dir=tmp_path / "exports")


@pytest.fixture
def harness(settings: Settings) -> Harness:
    from tests.harness import make_harness

    return make_harness(settings)


@contextmanager
def database_of_kind(kind: str, folder: Path, migrated: bool) -> Iterator[str]:
    from tests.harness import copy_migrated_sqlite, fresh_postgres_database

    if kind == "postgresql":
        with fresh_postgres_database(migrated) as url:
            yield url
        return
    url = f"sqlite:///{folder}/bot.db"
    if migrated:
        copy_migrated_sqlite(url)
    yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database of each kind at the newest schema, with no rows (PostgreSQL when BOT_TEST_POSTGRES_URL is
    set)."""
    with database_of_kind(request.param, tmp_path, migrated=True) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database of each kind with nothing in it yet: for migrations and first starts."""
    with database_of_kind(request.param, tmp_path, migrated=False) as url:
        yield url
