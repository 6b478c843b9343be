"""Storage on SQLite and PostgreSQL: migrations, de-duplication under concurrency, dialogue state."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import inspect

from bot.inbox import InboxEntry
from storage import tables
from storage.db import MIGRATIONS, head_revision, known_revisions, make_engine, migrate
from storage.models import DialogueRecord
from storage.repos import Repositories
from storage.types import LOCAL_TZ, UTCDateTime
from tests.harness import ROOT, START, selects_holding

# the zones the bot's times come in (the clock's, UTC) and fixed offsets either side
ZONES = [LOCAL_TZ, UTC, timezone(timedelta(hours=-11, minutes=-30)), timezone(timedelta(hours=14))]


def test_migrations_create_tables_and_rerun_cleanly(empty_database_url: str) -> None:
    engine = make_engine(empty_database_url)
    migrate(engine)
    migrate(engine)  # an upgraded database stays as it is
    assert {"inbox", "dialogue", "alembic_version"} <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_the_message_paths_tables_are_declared_as_the_migrations_make_them(database_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    def declared_here(item: Any, _name: str | None, kind: str, _reflected: bool, _compare_to: Any) -> bool:
        table = item if kind == "table" else item.table  # the other tables are SQLModel's (storage.models)
        return table.name in tables.metadata.tables

    engine = make_engine(database_url)
    migrate(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": declared_here})
        differences = compare_metadata(context, tables.metadata)
    engine.dispose()
    assert differences == []


def test_inbox_claims_each_message_once_under_concurrency(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    repos = Repositories.on(engine)

    def claim(i: int) -> bool:
        return repos.inbox.write([InboxEntry("wecom", f"m{i % 10}", "g", "u", "问", START)])[0]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(claim, range(80)))
    assert sum(results) == 10
    engine.dispose()


def test_a_write_beside_the_inbox_leaves_a_long_wal_to_the_checkpoint_thread(tmp_path: Path) -> None:
    """On SQLite only the checkpoint thread copies the WAL into the database file (its sync to disk would hold
    up the event loop): a dialogue started while the WAL is past SQLite's 1,000 pages does not checkpoint it."""
    database = tmp_path / "bot.db"
    engine = make_engine(f"sqlite:///{database}")
    migrate(engine)
    repos = Repositories.on(engine)
    for batch in range(4):  # ~1,300 pages of WAL in a few commits of the inbox's held connection
        entries = [InboxEntry("wecom", f"m{batch}-{i}", "g", "u", "问" * 5000, START) for i in range(100)]
        repos.inbox.write(entries)
    in_file = database.stat().st_size
    record = DialogueRecord(
        channel="console", chat_id="群", sender_id="张三", flow="self_assessment", step="industry",
        answers={}, updated_at=START,
    )  # fmt: skip
    repos.dialogues.save(record)
    assert database.stat().st_size == in_file
    engine.dispose()


def test_dialogue_state_round_trip(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    repos = Repositories.on(engine)
    record = DialogueRecord(
        channel="console",
        chat_id="群",
        sender_id="张三",
        flow="self_assessment",
        step="industry",
        answers={"name": "石家庄某铸造厂", "industries": ["铸造"]},
        updated_at=START,
    )
    repos.dialogues.save(record)
    loaded = repos.dialogues.get("console", "群", "张三")
    assert loaded is not None
    assert loaded.answers == {"name": "石家庄某铸造厂", "industries": ["铸造"]}
    assert loaded.updated_at == START
    repos.dialogues.save(DialogueRecord(**{**record.model_dump(), "step": "park"}))
    assert repos.dialogues.get("console", "群", "张三").step == "park"  # type: ignore[union-attr]
    repos.dialogues.end("console", "群", "张三")
    assert repos.dialogues.get("console", "群", "张三") is None
    engine.dispose()


def test_only_the_process_serving_a_database_alone_remembers_its_dialogues(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    dialogues = Repositories.on(engine).dialogues
    reads = selects_holding(engine, "FROM dialogue")

    shared = engine.dialect.name == "postgresql"  # several workers may serve it: every get reads
    record = DialogueRecord(
        channel="console", chat_id="群", sender_id="张三", flow="f", step="a", answers={}, updated_at=START
    )
    assert dialogues.get("console", "群", "张三") is None
    dialogues.save(record)
    assert dialogues.get("console", "群", "张三").step == "a"  # type: ignore[union-attr]
    dialogues.end("console", "群", "张三")
    assert dialogues.get("console", "群", "张三") is None
    assert len(reads) == (3 if shared else 1)  # alone, what it wrote is known without reading
    dialogues.save(record)

    # Another worker on the same database changes the dialogue between two messages.
    Repositories.on(engine).dialogues.save(DialogueRecord(**{**record.model_dump(), "step": "b"}))
    seen = dialogues.get("console", "群", "张三")
    assert seen is not None
    if shared:
        assert seen.step == "b"
        assert len(reads) == 4
    else:  # one process serves SQLite (serve --workers needs PostgreSQL): what it wrote is still true
        assert seen.step == "a"
        assert seen.updated_at == START
        assert seen.updated_at.tzinfo is not None
        assert len(reads) == 1
    engine.dispose()


def test_a_groups_binding_is_read_again_after_each_change_the_repository_makes(database_url: str) -> None:
    """Alone on its database the repository reads a group's binding once and again only after it changed it
    (every answer in a group stating a deadline gone by asks whose group it is); shared, every get reads."""
    engine = make_engine(database_url)
    migrate(engine)
    groups = Repositories.on(engine).groups
    reads = selects_holding(engine, "FROM groups")

    shared = engine.dialect.name == "postgresql"  # several workers may serve it: every get reads

    def twice(changed: bool = True) -> tuple[str, str | None] | None:
        """The group's audience and robot as two gets read them, which read the database as they must."""
        before = len(reads)
        first, second = groups.get("console", "群"), groups.get("console", "群")
        assert first == second
        assert len(reads) - before == (2 if shared else int(changed))
        return None if first is None else (first.audience, first.robot_key)

    assert twice() is None
    groups.bind("console", "群", "平山县", "enterprise", "李四", START)
    assert twice() == ("enterprise", None)
    assert twice(changed=False) == ("enterprise", None)
    assert groups.set_robot("console", "群", "key-1")
    assert twice() == ("enterprise", "key-1")
    assert not groups.ensure("console", "群", "平山县", "enterprise", "BOT_WECOM_APP_CHATS", START)
    assert twice(changed=False) == ("enterprise", "key-1")
    assert groups.ensure("console", "群", "平山县", "county_branch", "BOT_WECOM_APP_CHATS", START)
    assert twice() == ("county_branch", "key-1")
    assert groups.unbind("console", "群")
    assert twice() is None
    assert groups.ensure("console", "群", "平山县", "enterprise", "BOT_WECOM_APP_CHATS", START)
    assert twice() == ("enterprise", None)
    engine.dispose()


def test_starting_a_dialogue_never_overwrites_one_going_on(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    dialogues = Repositories.on(engine).dialogues
    other_worker = Repositories.on(engine).dialogues
    key = ("console", "群", "张三")

    def row(flow: str, step: str, minutes: int) -> DialogueRecord:
        moment = START + timedelta(minutes=minutes)
        return DialogueRecord(
            channel=key[0],
            chat_id=key[1],
            sender_id=key[2],
            flow=flow,
            step=step,
            answers={},
            updated_at=moment,
        )

    assert dialogues.start(row("broadcast", "ask", 0), ["ask"], stale_before=START)  # nothing there
    assert dialogues.start(row("unbind", "ask", 1), ["ask"], stale_before=START)  # a one-step one is replaced
    other_worker.save(row("self_assessment", "name", 2))
    assert not dialogues.start(row("broadcast", "ask", 3), ["ask"], stale_before=START)
    assert dialogues.get(*key).flow == "self_assessment"  # type: ignore[union-attr]
    late = START + timedelta(minutes=60)  # idle so long it no longer holds the slot
    assert dialogues.start(row("broadcast", "ask", 61), ["ask"], stale_before=late)
    assert dialogues.get(*key).flow == "broadcast"  # type: ignore[union-attr]
    engine.dispose()


def test_threads_first_asking_for_the_sqlmodel_classes_at_once_all_get_them_built() -> None:
    """storage.lazy: whichever thread asks first builds the classes; the others wait for the whole module
    (mappers configured), and none sees half of it."""
    program = """
import sys, threading
from datetime import datetime, UTC
from storage.lazy import models

start = threading.Barrier(8)
built = []

def ask() -> None:
    start.wait()
    record = models.DialogueRecord.model_construct(
        channel="c", chat_id="g", sender_id="u", flow="f", step="s", answers={}, updated_at=datetime.now(UTC)
    )
    built.append((models.DialogueRecord, record.step, models.GroupBinding.__table__.name))

assert "storage.models" not in sys.modules
threads = [threading.Thread(target=ask) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(len(built), len(set(built)))
"""
    done = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.split() == ["8", "1"]


def test_the_revision_files_name_alembics_own_chain() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    chain = [
        script.revision for script in reversed(list(ScriptDirectory.from_config(config).walk_revisions()))
    ]
    assert chain == known_revisions()  # storage.db reads them from the file names, without alembic
    assert head_revision() == chain[-1]


@pytest.mark.slow
def test_a_start_that_answers_leaves_the_heavy_imports_out(tmp_path: Path) -> None:
    """What `serve` imports before and while it answers its first question, on a database already migrated:
    alembic, the SQLModel classes and SQLAlchemy's ORM, openpyxl, wechatpy's API clients, SQLAlchemy's
    PostgreSQL dialect (on SQLite) and the staff workspace (when it is off) are not among them (together over
    half of start-up). A command on the SQLModel classes right after (binding a group) builds them then and
    works, and so does the next (the reminders list reads the binding back)."""
    database = f"sqlite:///{tmp_path}/bot.db"
    migrate(make_engine(database))
    program = f"""
import asyncio, json, sys
from datetime import datetime
import bot.__main__
from aiohttp.test_utils import TestClient, TestServer
from bot.clock import ManualClock
from bot.outbox import RoutingOutbox
from bot.server import compose, make_web_app
from bot.settings import Settings
from tests.wecom_peer import AES_KEY, TOKEN, WeComPeer, text_callback

HEAVY = ("alembic", "storage.models", "sqlalchemy.orm", "openpyxl", "wechatpy.client", "requests",
         "sqlalchemy.dialects.postgresql", "bot.web", "bot.adapters.official", "bot.adapters.wecom_app")

async def main() -> None:
    settings = Settings(
        database_url={database!r}, wecom_bot_token=TOKEN, wecom_bot_aes_key=AES_KEY, staff={{"wangke": "平山县"}}
    )
    clock = ManualClock(datetime.fromisoformat({START.isoformat()!r}))
    bot, mounts = compose(settings, clock, RoutingOutbox({{}}))
    peer = WeComPeer()
    seen = {{}}
    async with TestClient(TestServer(make_web_app(bot, mounts))) as client:
        for number, (user, text) in enumerate(
            [("zhangsan", "申请名单什么时候交"), ("wangke", "/绑定 平山县"), ("wangke", "/提醒列表")]
        ):
            callback = text_callback(f"m{{number}}", f"@绩效分级助手 {{text}}", user=user)
            params, body = peer.callback(callback, int(clock.now().timestamp()))
            async with client.post("/wecom/bot", params=params, data=body) as response:
                reply = peer.open_reply(await response.json(), params["nonce"])
            seen[text] = {{"reply": reply["stream"]["content"], "heavy": [m for m in HEAVY if m in sys.modules]}}
    await bot.close()
    print(json.dumps(seen, ensure_ascii=False))

asyncio.run(main())
"""
    environment = {**os.environ, "BOT_CONFIG_FILE": str(tmp_path / "absent.toml")}
    done = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    )
    seen = json.loads(done.stdout)
    assert "2020年7月17日12:00前" in seen["申请名单什么时候交"]["reply"]
    assert seen["申请名单什么时候交"]["heavy"] == []
    assert seen["/绑定 平山县"]["reply"].startswith("已把本群绑定到平山县")
    assert seen["/绑定 平山县"]["heavy"] == ["storage.models", "sqlalchemy.orm"]  # built on first use
    assert "企业群1个" in seen["/提醒列表"]["reply"]  # the binding just made, read back


@given(
    moment=st.datetimes(
        min_value=datetime(1900, 1, 1), max_value=datetime(9000, 1, 1), timezones=st.sampled_from(ZONES)
    )
)
def test_an_aware_time_is_bound_as_its_utc_instant_without_a_zone(moment: datetime) -> None:
    bound = UTCDateTime().process_bind_param(moment, None)
    assert bound == moment.astimezone(UTC).replace(tzinfo=None)
    assert bound is not None
    assert (bound.tzinfo, bound.fold) == (None, 0)


def test_a_naive_time_is_refused_by_the_database() -> None:
    for naive in (START.replace(tzinfo=None), datetime(2020, 7, 1, tzinfo=_NoOffset())):
        with pytest.raises(ValueError, match="naive"):
            UTCDateTime().process_bind_param(naive, None)


class _NoOffset(tzinfo):
    """A zone that gives no offset: its times are naive, as Python reads them."""

    def utcoffset(self, _moment: datetime | None) -> None:
        return None

    def dst(self, _moment: datetime | None) -> None:
        return None

    def tzname(self, _moment: datetime | None) -> None:
        return None
