"""Storage on SQLite and PostgreSQL: migrations, de-duplication under concurrency, dialogue state."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import inspect

from storage.db import make_engine, migrate
from storage.models import DialogueRecord
from storage.repos import Repositories
from tests.conftest import START


def test_migrations_create_tables_and_rerun_cleanly(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    migrate(engine)  # an upgraded database stays as it is
    assert {"inbox", "dialogue", "alembic_version"} <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_inbox_claims_each_message_once_under_concurrency(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    repos = Repositories.on(engine)

    def claim(i: int) -> bool:
        return repos.inbox.claim("wecom", f"m{i % 10}", "g", "u", "问", START)

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


def test_one_message_reads_a_dialogue_once_and_sees_its_own_writes(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    dialogues = Repositories.on(engine).dialogues
    record = DialogueRecord(
        channel="console", chat_id="群", sender_id="张三", flow="f", step="a", answers={}, updated_at=START
    )
    with dialogues.one_message():
        assert dialogues.get("console", "群", "张三") is None
        dialogues.save(record)
        assert dialogues.get("console", "群", "张三") is record
        dialogues.end("console", "群", "张三")
        assert dialogues.get("console", "群", "张三") is None
    dialogues.save(record)
    with dialogues.one_message():  # a new message reads afresh: another worker may have changed it
        assert dialogues.get("console", "群", "张三").step == "a"  # type: ignore[union-attr]
    engine.dispose()
