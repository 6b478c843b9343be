"""Files that hold enterprises' data are the bot's own (issue 12, failure 9): the SQLite database, its WAL and
shared-memory files and the exported application lists are created 0600, the export folder 0700."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge.application_list import ApplicationRow, write_csv, write_xlsx
from tests.conftest import make_harness, make_settings

ROW = ApplicationRow(
    "平山县", "某某铸造有限公司", "91130131MA0000000X", "铸造", "是", "B", "A", "", "李经理", "13800000000", ""
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """A umask that lets everyone read what is created (the common 022): the bot must not rely on it."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


async def test_the_sqlite_database_and_its_wal_are_private(tmp_path: Path) -> None:
    database = tmp_path / "data" / "bot.db"
    harness = make_harness(make_settings(f"sqlite:///{database}"))
    await harness.say("张三", "/帮助")
    files = [database, database.with_name("bot.db-wal"), database.with_name("bot.db-shm")]
    assert [(path.name, oct(mode(path))) for path in files] == [(path.name, "0o600") for path in files]


@pytest.mark.parametrize("write", [write_xlsx, write_csv])
def test_exports_and_their_folder_are_private(tmp_path: Path, write: object) -> None:
    folder = tmp_path / "exports" / "平山县"
    path = write([ROW], folder / "申请名单")  # type: ignore[operator]
    assert oct(mode(folder)) == "0o700"
    assert oct(mode(path)) == "0o600"
