"""`python -m bot backup` copies a SQLite database while the bot writes to it; `restore` puts it into a fresh
directory with no row lost, and refuses a backup whose schema is newer than the code."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

import pytest

from storage.db import head_revision
from tests.harness import ROOT, Ran, bot_command, make_harness, make_settings

Rows = dict[str, list[tuple[object, ...]]]


def command_env(database: Path, tmp_path: Path) -> dict[str, str]:
    return {
        "BOT_DATABASE_URL": f"sqlite:///{database}",
        "BOT_CONFIG_FILE": str(tmp_path / "absent.toml"),
    }


def run(database: Path, tmp_path: Path, *args: str) -> Ran:
    """`python -m bot ARGS` (in-process) on this SQLite database."""
    return bot_command(args, b"", **command_env(database, tmp_path))


def rows(database: Path) -> Rows:
    with closing(sqlite3.connect(database)) as connection:
        tables = [
            name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        return {table: sorted(connection.execute(f'SELECT * FROM "{table}"'), key=repr) for table in tables}


@pytest.mark.slow
async def test_a_backup_taken_during_traffic_restores_with_no_row_lost(tmp_path: Path) -> None:
    live = tmp_path / "live" / "bot.db"
    harness = make_harness(make_settings(f"sqlite:///{live}", exports_dir=tmp_path / "exports"))
    await harness.say("王科长", "/绑定 平山县", chat="平山县企业群", role="staff")
    for number in range(20):
        await harness.say(f"企业{number}", "申请名单什么时候交")
    before = rows(live)

    out = tmp_path / "backup.db"
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "backup",
        "--out",
        str(out),
        cwd=ROOT,
        env={**os.environ, **command_env(live, tmp_path)},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    finished = asyncio.ensure_future(process.communicate())
    during = 0
    while not finished.done() and during < 5000:  # the bot keeps writing while the backup runs
        await harness.say(f"访客{during}", "截止时间是哪天")
        during += 1
        await asyncio.sleep(0)  # lets the loop notice the backup's exit
    stdout, stderr = await finished
    assert process.returncode == 0, stderr.decode()
    assert f"（数据库结构版本 {head_revision()}）" in stdout.decode()
    assert during > 0
    assert oct(out.stat().st_mode & 0o777) == "0o600"

    saved = rows(out)
    for table, kept in before.items():  # everything written before the backup began is in it
        assert set(kept) <= set(saved[table]), table
    after = rows(live)
    for table, copied in saved.items():  # and nothing that was not in the live database
        # a message and its answers change status once written (queued → handled, pending → sent): by id
        key = (lambda row: row[0]) if table in ("inbox", "outbox") else (lambda row: row)
        assert {key(row) for row in copied} <= {key(row) for row in after[table]}, table

    fresh = tmp_path / "fresh" / "bot.db"
    restored = run(fresh, tmp_path, "restore", str(out))
    assert restored.code == 0, restored.stderr
    assert rows(fresh) == saved
    assert oct(fresh.stat().st_mode & 0o777) == "0o600"
    again = run(fresh, tmp_path, "restore", str(out))
    assert again.code == 2
    assert "已经存在" in again.stderr


def test_a_backup_of_a_newer_schema_is_refused(tmp_path: Path) -> None:
    live = tmp_path / "bot.db"
    make_harness(make_settings(f"sqlite:///{live}"))  # creates and migrates it
    out = tmp_path / "backup.db"
    assert run(live, tmp_path, "backup", "--out", str(out)).code == 0
    assert run(live, tmp_path, "backup", "--out", str(out)).code == 2  # never overwritten
    with closing(sqlite3.connect(out)) as connection, connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    fresh = tmp_path / "fresh" / "bot.db"
    refused = run(fresh, tmp_path, "restore", str(out))
    assert refused.code == 2
    assert "9999_from_the_future" in refused.stderr
    assert head_revision() in refused.stderr
    assert not fresh.exists()


def test_postgresql_is_pointed_to_pg_dump(tmp_path: Path) -> None:
    done = bot_command(
        ["backup", "--out", str(tmp_path / "x.db")],
        b"",
        **{
            **command_env(tmp_path / "x", tmp_path),
            "BOT_DATABASE_URL": "postgresql+psycopg://u@127.0.0.1/db",
        },
    )
    assert done.code == 2
    assert "pg_dump" in done.stderr
