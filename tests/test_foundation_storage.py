"""Storage on SQLite and PostgreSQL: migrations, de-duplication under concurrency, dialogue state."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import event, inspect

from bot.inbox import InboxEntry
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


def test_a_dialogue_is_read_once_per_message_and_only_one_process_remembers_it(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    dialogues = Repositories.on(engine).dialogues
    reads: list[str] = []

    @event.listens_for(engine, "before_cursor_execute")
    def count_reads(_conn, _cursor, statement: str, *_args: object) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().startswith("SELECT") and "FROM dialogue" in statement:
            reads.append(statement)

    record = DialogueRecord(
        channel="console", chat_id="群", sender_id="张三", flow="f", step="a", answers={}, updated_at=START
    )
    with dialogues.one_message():
        assert dialogues.get("console", "群", "张三") is None
        dialogues.save(record)
        assert dialogues.get("console", "群", "张三").step == "a"  # type: ignore[union-attr]
        dialogues.end("console", "群", "张三")
        assert dialogues.get("console", "群", "张三") is None
    assert len(reads) == 1  # the first read; what the message wrote is known without reading
    dialogues.save(record)

    # Another worker on the same database changes the dialogue between two messages.
    Repositories.on(engine).dialogues.save(DialogueRecord(**{**record.model_dump(), "step": "b"}))
    with dialogues.one_message():
        seen = dialogues.get("console", "群", "张三")
    assert seen is not None
    if engine.dialect.name == "postgresql":  # several workers may serve it: each message reads afresh
        assert seen.step == "b"
        assert len(reads) == 2
    else:  # one process serves SQLite (serve --workers needs PostgreSQL): what it wrote is still true
        assert seen.step == "a"
        assert seen.updated_at == START
        assert seen.updated_at.tzinfo is not None
        assert len(reads) == 1
    engine.dispose()
