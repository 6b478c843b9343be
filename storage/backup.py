"""Backups of a SQLite database while the bot runs (sqlite3's backup API), and restoring one.

PostgreSQL is backed up with its own tools (pg_dump / pg_restore, see README).
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy.engine import make_url

from storage.db import head_revision, known_revision


class BackupError(Exception):
    """Why a backup or a restore cannot be made (Chinese, shown to whoever runs the command)."""


def sqlite_path(url: str) -> Path:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        raise BackupError(
            "BOT_DATABASE_URL 不是 SQLite 数据库：PostgreSQL 请用 pg_dump / pg_restore（见 README）"
        )
    if parsed.database in (None, "", ":memory:"):
        raise BackupError("内存数据库没有可备份的文件")
    return Path(parsed.database)


def backup(url: str, out: Path) -> str:
    """A consistent copy of the database at `url` in `out` (created 0600, refused if it exists), taken while
    the bot may be writing; returns the copy's schema revision."""
    source = sqlite_path(url)
    if not source.is_file():
        raise BackupError(f"数据库文件 {source} 不存在")
    _create_private(out)
    # one step (pages=-1): the copy is the database as of one read transaction, whatever is written meanwhile
    with closing(sqlite3.connect(source, timeout=10)) as live, closing(sqlite3.connect(out)) as copy:
        live.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    return _revision(out)


def restore(backup_file: Path, url: str) -> str:
    """Copy a backup into the (new) database file of `url` after checking its schema revision; returns the
    revision. The caller migrates it to the newest one."""
    target = sqlite_path(url)
    if not backup_file.is_file():
        raise BackupError(f"备份文件 {backup_file} 不存在")
    revision = _revision(backup_file)
    if not known_revision(revision):
        raise BackupError(
            f"备份的数据库结构版本是 {revision}，比这个程序认识的 {head_revision()} 新：请用更新的程序恢复"
        )
    if target.exists() and target.stat().st_size:
        raise BackupError(f"{target} 已经存在：恢复只写入新的数据库文件，请先移走它")
    target.parent.mkdir(parents=True, exist_ok=True)
    _create_private(target, replace_empty=True)
    with closing(sqlite3.connect(backup_file)) as saved, closing(sqlite3.connect(target)) as fresh:
        saved.backup(fresh)
    return revision


def _revision(path: Path) -> str:
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as connection:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} 不是本项目的数据库（{error}）") from error
    if row is None:
        raise BackupError(f"{path} 没有数据库结构版本（alembic_version 为空）")
    return str(row[0])


def _create_private(path: Path, replace_empty: bool = False) -> None:
    """The file, new and readable by the bot's user only: it holds the enterprises' data."""
    flags = os.O_CREAT | os.O_WRONLY | (0 if replace_empty else os.O_EXCL)
    try:
        os.close(os.open(path, flags, 0o600))
    except FileExistsError as error:
        raise BackupError(f"{path} 已经存在，不覆盖") from error
