"""Fixtures: the in-process harness (the console adapter on a memory database) and the JSON-lines subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from bot.adapters.console import ConsoleAdapter
from bot.app import BotApp, build_app
from bot.clock import ManualClock
from bot.dispatch import Router
from bot.message import Reply
from bot.outbox import RecordingOutbox
from bot.settings import Settings
from handlers.context import Context

ROOT = Path(__file__).resolve().parent.parent
START = datetime.fromisoformat("2020-07-15T09:00:00+08:00")
PG_ENV = "BOT_TEST_POSTGRES_URL"

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


class Harness:
    """Drives the bot the way the console does, in-process, and returns what it sent."""

    def __init__(self, app: BotApp[Context], clock: ManualClock, outbox: RecordingOutbox) -> None:
        self.app = app
        self.clock = clock
        self.outbox = outbox
        self.adapter = ConsoleAdapter(app, clock, lambda _text: None, outbox)

    async def say(
        self,
        user: str,
        text: str,
        chat: str = "平山县企业群",
        role: str = "enterprise",
        time: str | None = None,
    ) -> list[Reply]:
        record: dict[str, str] = {"chat": chat, "user": user, "text": text, "role": role}
        if time:
            record["time"] = time
        await self.adapter.handle_record(record)
        return self.outbox.take()

    async def text(self, user: str, text: str, **kwargs: str) -> str:
        """All reply texts to one message, joined."""
        return "\n".join(reply.text for reply in await self.say(user, text, **kwargs))

    async def tick(self) -> int:
        return await self.app.tick()


def make_settings(database_url: str, **overrides: object) -> Settings:
    return Settings(database_url=database_url, log_format="text", **overrides)  # type: ignore[arg-type]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(f"sqlite:///{tmp_path}/bot.db", exports_dir=tmp_path / "exports")


def make_harness(settings: Settings, handler_routers: list[Router[Context]] | None = None) -> Harness:
    clock = ManualClock(START)
    outbox = RecordingOutbox()
    return Harness(build_app(settings, clock, outbox, handler_routers), clock, outbox)


@pytest.fixture
def harness(settings: Settings) -> Harness:
    return make_harness(settings)


def postgres_admin_url() -> str | None:
    url = os.environ.get(PG_ENV)
    if not url and os.environ.get("CI"):
        pytest.fail(f"{PG_ENV} must be set in CI: the storage tests must also run on PostgreSQL")
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database of each kind (PostgreSQL when BOT_TEST_POSTGRES_URL is set)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/bot.db"
        return
    with fresh_postgres_database() as url:
        yield url


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """A new, empty database on the test PostgreSQL server, dropped afterwards (skips without a server)."""
    admin = postgres_admin_url()
    if not admin:
        pytest.skip(f"set {PG_ENV} to run against PostgreSQL")
    import psycopg

    name = f"bot_test_{uuid.uuid4().hex[:12]}"
    plain = admin.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(plain, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_jsonl(
    lines: list[dict[str, object] | str],
    database_url: str,
    now: str | None = "2020-07-15T09:00:00",
    **env: str,
) -> list[dict[str, object]]:
    """Run `python -m bot console --jsonl` as a subprocess; returns the stdout objects."""
    return run_jsonl_with_logs(lines, database_url, now, **env)[0]


def run_jsonl_with_logs(
    lines: list[dict[str, object] | str],
    database_url: str,
    now: str | None = "2020-07-15T09:00:00",
    **env: str,
) -> tuple[list[dict[str, object]], str]:
    """Run `python -m bot console --jsonl` as a subprocess; returns the stdout objects and the logs (stderr)."""
    stdin = "\n".join(
        line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines
    )
    return run_jsonl_raw((stdin + "\n").encode("utf-8"), database_url, now, **env)


def run_jsonl_raw(
    stdin: bytes, database_url: str, now: str | None = "2020-07-15T09:00:00", **env: str
) -> tuple[list[dict[str, object]], str]:
    """`python -m bot console --jsonl` fed these bytes; the stdout objects and the logs. It must exit 0."""
    args = [sys.executable, "-m", "bot", "console", "--jsonl"] + (["--now", now] if now else [])
    environment = {**os.environ, "BOT_DATABASE_URL": database_url, "BOT_LOG_FORMAT": "json", **env}
    done = subprocess.run(
        args, input=stdin, capture_output=True, cwd=ROOT, env=environment, timeout=120, check=False
    )
    logs = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, logs
    return [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()], logs
