"""Storage on SQLite and PostgreSQL: migrations, de-duplication under concurrency, dialogue state."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

from sqlalchemy import event, inspect

from bot.inbox import InboxEntry
from storage.db import MIGRATIONS, head_revision, known_revisions, make_engine, migrate
from storage.models import DialogueRecord
from storage.repos import Repositories
from tests.harness import ROOT, START


def test_migrations_create_tables_and_rerun_cleanly(empty_database_url: str) -> None:
    engine = make_engine(empty_database_url)
    migrate(engine)
    migrate(engine)  # an upgraded database stays as it is
    assert {"inbox", "dialogue", "alembic_version"} <= set(inspect(engine).get_table_names())
    engine.dispose()


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
    reads: list[str] = []

    @event.listens_for(engine, "before_cursor_execute")
    def count_reads(_conn, _cursor, statement: str, *_args: object) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().startswith("SELECT") and "FROM dialogue" in statement:
            reads.append(statement)

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


def test_a_start_on_a_database_at_the_newest_schema_leaves_the_heavy_imports_out(tmp_path: Path) -> None:
    """What `serve` imports and builds before its first answer, on a database already migrated: alembic,
    openpyxl, wechatpy's API clients, SQLAlchemy's PostgreSQL dialect (on SQLite) and the staff workspace
    (when it is off) are not among them (together about half of start-up)."""
    database = f"sqlite:///{tmp_path}/bot.db"
    migrate(make_engine(database))
    program = f"""
import sys
import bot.__main__
from bot.clock import SystemClock
from bot.outbox import RoutingOutbox
from bot.server import compose, make_web_app
from bot.settings import Settings
from tests.wecom_peer import AES_KEY, TOKEN
settings = Settings(database_url={database!r}, wecom_bot_token=TOKEN, wecom_bot_aes_key=AES_KEY)
make_web_app(*compose(settings, SystemClock(), RoutingOutbox({{}})))
heavy = ("alembic", "openpyxl", "wechatpy.client", "requests", "sqlalchemy.dialects.postgresql", "bot.web")
print(sorted(name for name in heavy if name in sys.modules))
"""
    environment = {**os.environ, "BOT_CONFIG_FILE": str(tmp_path / "absent.toml")}
    done = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
