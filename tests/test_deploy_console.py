"""The console for the campaign: its clock starts inside the campaign (or where NOW says), its start-up is
quiet; and the version, with the schema revision, on the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from storage.db import head_revision
from tests.harness import ROOT, Ran, bot_command


def console_env(tmp_path: Path) -> dict[str, str]:
    return {
        "BOT_DATABASE_URL": f"sqlite:///{tmp_path}/bot.db",
        "BOT_CONFIG_FILE": str(tmp_path / "absent.toml"),
    }


def console_process(tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """The real interactive console: started, `/now`, `/quit`."""
    env = {**os.environ, **console_env(tmp_path)}
    env.pop("BOT_LOG_LEVEL", None)
    return subprocess.run(
        [sys.executable, "-m", "bot", "console"],
        input="/now\n/quit\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
    )


def console(tmp_path: Path, *args: str, stdin: str = "/now\n/quit\n") -> Ran:
    """`python -m bot console ARGS` in-process."""
    ran = bot_command(["console", *args], stdin.encode("utf-8"), **console_env(tmp_path))
    assert ran.code == 0, ran.stderr
    return ran


@pytest.mark.slow
def test_the_console_starts_inside_the_campaign_and_says_how_to_change_it(tmp_path: Path) -> None:
    done = console_process(tmp_path)
    assert "模拟时间从 2020-07-16 09:00 开始" in done.stdout
    assert "make console NOW=" in done.stdout
    assert "NOW=real" in done.stdout
    assert "模拟时间：2020-07-16 09:00" in done.stdout  # /now
    assert done.stderr == ""  # a first start migrates the database, quietly


def test_now_sets_the_start_and_real_keeps_todays_clock(tmp_path: Path) -> None:
    assert "模拟时间：2020-07-20 10:00" in console(tmp_path, "--now", "2020-07-20T10:00").stdout
    real = console(tmp_path, "--now", "real").stdout
    assert "模拟时间：2020-" not in real
    assert "模拟时间从" not in real


def test_make_console_passes_now() -> None:
    planned = subprocess.run(
        ["make", "-n", "console", "NOW=2020-07-16T09:00"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout
    assert "-m bot console --now 2020-07-16T09:00" in planned
    plain = subprocess.run(
        ["make", "-n", "console"], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout
    assert "--now" not in plain


def test_jsonl_keeps_its_contract_without_now(tmp_path: Path) -> None:
    line = '{"chat": "平山县企业群", "user": "张三", "text": "/截止"}\n'
    done = console(tmp_path, "--jsonl", stdin=line)
    assert "模拟时间" not in done.stdout  # stdout carries only the bot's messages


def test_version_names_the_schema_revision() -> None:
    done = bot_command(["--version"])
    assert done.code == 0
    assert done.stdout.strip().startswith("jixiao-bot ")
    assert f"(schema {head_revision()})" in done.stdout
