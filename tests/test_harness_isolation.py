"""What the harness shares between tests (the knowledge, compiled statements, the environment's settings) never
carries one test's state into another's: each bot has a database of its own, each test a new directory, and a
test's settings are those Settings would read."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.settings import Settings
from storage import tables
from storage.lazy import models
from tests.harness import Harness, make_harness, make_settings

VALID_AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"


def rows(harness: Harness) -> dict[str, int]:
    """Rows per table of the bot's database."""
    engine = harness.app.context.repos.inbox._engine
    with engine.connect() as connection:
        return {
            table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in [*tables.metadata.sorted_tables, *models.SQLModel.metadata.sorted_tables]
        }


async def start_an_assessment(harness: Harness, company: str) -> None:
    assert "【企业名称】" in await harness.text("张三", "我要自评")
    assert "【统一社会信用代码】" in await harness.text("张三", company)


@pytest.mark.parametrize("company", ["平山县甲铸造有限公司", "平山县乙铸造有限公司"], ids=["one", "another"])
async def test_a_tests_bot_holds_nothing_another_test_wrote(harness: Harness, company: str) -> None:
    """Both cases write the same rows: whichever runs second, in any order or worker, starts from none."""
    assert not any(rows(harness).values())
    await start_an_assessment(harness, company)
    written = rows(harness)
    assert written["inbox"] == 2
    assert written["dialogue"] == 1


@pytest.mark.parametrize("turn", ["one", "another"])
def test_a_tests_directory_is_its_own_and_empty(tmp_path: Path, turn: str) -> None:
    assert tmp_path.is_dir()
    assert not any(tmp_path.iterdir())
    (tmp_path / "written").write_text(turn, encoding="utf-8")


async def test_two_bots_of_one_test_write_each_to_its_own_database(tmp_path: Path) -> None:
    first, second = (
        make_harness(make_settings(f"sqlite:///{tmp_path}/{name}.db", exports_dir=tmp_path / name))
        for name in ("first", "second")
    )
    await start_an_assessment(first, "平山县甲铸造有限公司")
    assert rows(first)["inbox"] == 2
    assert not any(rows(second).values())
    await start_an_assessment(second, "平山县乙铸造有限公司")
    assert rows(first)["inbox"] == rows(second)["inbox"] == 2


ENVIRONMENTS = [
    {},
    {"BOT_STAFF": '{"wangke": "平山县"}', "BOT_WECOM_TOKEN": "token", "bot_answer_cache_size": "5"},
    # wrong alone, mended by the test's own value
    {"BOT_MP_AES_KEY": "too-short"},
]
OVERRIDES = [{}, {"mp_aes_key": VALID_AES_KEY, "staff": {"lisi": "鹿泉区"}, "wecom_agent_id": "7"}]


@pytest.mark.parametrize("environment", ENVIRONMENTS)
@pytest.mark.parametrize("overrides", OVERRIDES)
def test_a_tests_settings_are_those_settings_reads_from_its_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, environment: dict[str, str], overrides: dict[str, object]
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    url = f"sqlite:///{tmp_path}/bot.db"
    values = {"exports_dir": tmp_path / "exports", **overrides}
    try:
        read = Settings(database_url=url, log_format="text", **values)  # type: ignore[arg-type]
    except ValueError:
        with pytest.raises(ValueError, match="aes_key_invalid"):
            make_settings(url, **values)
        return
    made = make_settings(url, **values)
    assert made == read
    assert made.model_fields_set == read.model_fields_set


def test_a_config_file_is_read_for_each_tests_settings(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = tmp_path / "bot.toml"
    monkeypatch.setenv("BOT_CONFIG_FILE", str(config))
    before = make_settings(f"sqlite:///{tmp_path}/bot.db")
    config.write_text('bot_name = "另一个助手"\n', encoding="utf-8")
    after = make_settings(f"sqlite:///{tmp_path}/bot.db")
    assert (before.bot_name, after.bot_name) == (Settings.model_fields["bot_name"].default, "另一个助手")
    assert after == Settings(database_url=f"sqlite:///{tmp_path}/bot.db", log_format="text")
