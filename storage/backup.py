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
    """Why a backup or a restore cannot be made: `reason` and its particulars (a path, revisions), worded
    for whoever runs the command by knowledge/templates/cli.j2 (step backup_failed)."""

    def __init__(self, reason: str, **values: object) -> None:
        super().__init__(reason)
        self.reason = reason
        self.values = values


def sqlite_path(url: str) -> Path:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        raise BackupError("not_sqlite")
    if parsed.database in (None, "", ":memory:"):
        raise BackupError("in_memory")
    return Path(parsed.database)


def backup(url: str, out: Path) -> str:
    """A consistent copy of the database at `url` in `out` (created 0600, refused if it exists), taken while
    the bot may be writing; returns the copy's schema revision."""
    source = sqlite_path(url)
    if not source.is_file():
        raise BackupError("no_database", path=source)
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
        raise BackupError("no_backup", path=backup_file)
    revision = _revision(backup_file)
    if not known_revision(revision):
        raise BackupError("newer_schema", revision=revision, head=head_revision())
    if target.exists() and target.stat().st_size:
        raise BackupError("target_exists", path=target)
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
        raise BackupError("not_ours", path=path, detail=error) from error
    if row is None:
        raise BackupError("no_revision", path=path)
    return str(row[0])


def _create_private(path: Path, replace_empty: bool = False) -> None:
    """The file, new and readable by the bot's user only: it holds the enterprises' data."""
    flags = os.O_CREAT | os.O_WRONLY | (0 if replace_empty else os.O_EXCL)
    try:
        os.close(os.open(path, flags, 0o600))
    except FileExistsError as error:
        raise BackupError("exists", path=path) from error
