"""The JSON-lines console: the process's own contract (stdin to stdout, the exit code), then the rest of it
in-process through the same `main`."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tests.harness import bot_command, jsonl_input, jsonl_process, run_jsonl

CONVERSATION: list[dict[str, str] | str] = [
    {"chat": "平山县企业群", "user": "张三", "text": "/帮助"},
    {"chat": "鹿泉区企业群", "user": "李四", "text": "/帮助", "role": "staff"},
    "{this is not json",
    {"chat": "平山县企业群", "user": "张三", "text": "你能做什么", "name": "张经理"},
    {"chat": "平山县企业群", "user": "王五"},
    {"chat": "鹿泉区企业群", "user": "李四", "text": "帮助", "role": "staff"},
]


@pytest.mark.slow
def test_two_users_in_two_chats_interleaved_through_the_process(tmp_path: Path) -> None:
    done = jsonl_process(jsonl_input(CONVERSATION), f"sqlite:///{tmp_path}/bot.db")
    assert done.returncode == 0, done.stderr.decode()
    out = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert set(out[2]) == {"error"}
    assert "第3行" in str(out[2]["error"])
    assert set(out[4]) == {"error"}
    assert "text" in str(out[4]["error"])
    replies = [o for o in out if "error" not in o]
    assert [(o["chat"], o["to"]) for o in replies] == [
        ("平山县企业群", "张三"),
        ("鹿泉区企业群", "李四"),
        ("平山县企业群", "张三"),
        ("鹿泉区企业群", "李四"),
    ]
    assert all(set(o) == {"chat", "to", "text"} for o in replies)
    staff = [o for o in replies if o["to"] == "李四"]
    enterprise = [o for o in replies if o["to"] == "张三"]
    assert all("/绑定" in str(o["text"]) for o in staff)
    assert all("/绑定" not in str(o["text"]) for o in enterprise)


@pytest.mark.slow
def test_a_reader_that_goes_away_ends_the_run_quietly_with_exit_code_1(tmp_path: Path) -> None:
    """`… --jsonl | head -1`: once the reader of stdout had gone, the next reply raised BrokenPipeError, logged
    with its traceback as a failed line, then again, uncaught, for the error line meant to say so."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # gone before the first reply
    try:
        done = jsonl_process(jsonl_input(CONVERSATION), f"sqlite:///{tmp_path}/bot.db", stdout=write_end)
    finally:
        os.close(write_end)
    assert done.returncode == 1
    assert b"Traceback" not in done.stderr
    assert b"BrokenPipeError" not in done.stderr


@pytest.mark.slow
def test_bad_configuration_ends_the_process_with_exit_code_2(tmp_path: Path) -> None:
    done = jsonl_process(
        b"", f"sqlite:///{tmp_path}/bot.db", now=None, BOT_STAFF="not json", PYTHONPROFILEIMPORTTIME="1"
    )
    assert done.returncode == 2
    assert done.stdout == b""
    errors = done.stderr.decode("utf-8")
    assert "配置有问题" in errors
    # the settings are read before what only the bot's running needs is imported: refused, it costs little
    imported = {
        line.rsplit("|", 1)[1].strip() for line in errors.splitlines() if line.startswith("import time:")
    }
    assert imported
    assert not imported & {"bot.app", "bot.server", "storage.db", "sqlalchemy", "aiohttp"}


def test_private_chat_has_no_addressee(tmp_path: Path) -> None:
    out = run_jsonl([{"chat": "张三", "user": "张三", "text": "/帮助"}], f"sqlite:///{tmp_path}/bot.db")
    assert out[0]["chat"] == "张三"
    assert out[0]["to"] is None


def test_default_database_is_created_under_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BOT_DATABASE_URL", raising=False)
    ran = bot_command(
        ["console", "--jsonl", "--now", "2020-07-15T09:00"],
        jsonl_input([{"chat": "g", "user": "u", "text": "/帮助"}]),
    )
    assert ran.code == 0, ran.stderr
    assert '"to": "u"' in ran.stdout
    assert (tmp_path / "data" / "bot.db").exists()


@pytest.mark.parametrize(
    ("variable", "value", "said"),
    [
        ("BOT_STAFF", "not json", "BOT_STAFF 不是有效的 JSON"),
        ("BOT_WECOM_BOT_AES_KEY", "short", "BOT_WECOM_BOT_AES_KEY："),
        ("BOT_LOG_FORMAT", "xml", "BOT_LOG_FORMAT：只能是其中之一：json、text"),
        ("BOT_TICK_SECONDS", "abc", "BOT_TICK_SECONDS：应当是数字"),
    ],
)
def test_bad_configuration_is_reported_in_chinese_without_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str, value: str, said: str
) -> None:
    monkeypatch.setenv(variable, value)
    ran = bot_command(["console", "--jsonl"], BOT_DATABASE_URL=f"sqlite:///{tmp_path}/bot.db")
    assert ran.code == 2
    assert "配置有问题" in ran.stderr
    assert said in ran.stderr
    assert "Traceback" not in ran.stderr
    assert not re.search(r"[A-Za-z]+ [A-Za-z]+ [A-Za-z]+", ran.stderr), ran.stderr  # no English sentence


def test_a_config_file_that_is_not_toml_is_reported_with_its_place(tmp_path: Path) -> None:
    config = tmp_path / "bot.toml"
    config.write_text("tick_seconds = \n", encoding="utf-8")
    ran = bot_command(["knowledge", "check"], BOT_CONFIG_FILE=str(config))
    assert ran.code == 2
    assert (
        ran.stderr.strip()
        == f"配置有问题，无法启动：配置文件 {config} 第1行第16列不是有效的 TOML（每行写成 名称 = 值，文字加引号）"
    )


def test_a_secret_in_the_config_file_is_refused_in_chinese(tmp_path: Path) -> None:
    config = tmp_path / "bot.toml"
    config.write_text('mp_token = "x"\n', encoding="utf-8")
    ran = bot_command(["knowledge", "check"], BOT_CONFIG_FILE=str(config))
    assert ran.code == 2
    assert f"BOT_MP_TOKEN 是密钥，只能放在环境变量里，不能写在配置文件 {config} 中" in ran.stderr
    assert "Traceback" not in ran.stderr


def test_a_time_before_the_clock_is_an_error_line_and_the_message_is_not_handled(tmp_path: Path) -> None:
    """`time` moves the simulated clock forward; a line asking it to go back is refused, never run at a
    time it did not ask for."""
    asks = {"chat": "张三", "user": "张三", "text": "/截止"}
    lines = [
        asks | {"time": "2020-07-16T10:00"},
        asks | {"time": "2020-07-16T10:00"},  # the same time again: the clock is there already
        asks | {"time": "2020-07-16T09:59"},
        asks,  # no time: at the clock's time, as before
    ]
    out = run_jsonl(lines, f"sqlite:///{tmp_path}/bot.db")
    assert [set(o) for o in out] == [{"chat", "to", "text"}] * 2 + [{"error"}] + [{"chat", "to", "text"}]
    error = str(out[2]["error"])
    assert error.startswith("第3行")
    assert "2020-07-16 09:59" in error  # the time asked for
    assert "2020-07-16 10:00" in error  # and the clock's
    assert out[3]["text"] == out[1]["text"]  # still 10:00: the refused line moved nothing


def test_without_now_a_time_in_the_past_is_refused_too(tmp_path: Path) -> None:
    line = {"chat": "张三", "user": "张三", "text": "/截止", "time": "2020-07-16T10:00"}
    out = run_jsonl([line], f"sqlite:///{tmp_path}/bot.db", now=None)
    assert [set(o) for o in out] == [{"error"}]
