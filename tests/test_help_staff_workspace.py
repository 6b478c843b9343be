"""Staff /帮助 names /后台 where the workspace is on (a staff member reading their help did not learn of it), and
says nothing of it where it is off, since /后台 would only say it is not open."""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr

from tests.harness import Harness, make_harness, make_settings

WORKSPACE_LINE = "/后台 ——私聊发送，获取工作台（网页）的登录链接"


async def test_staff_help_names_the_workspace_where_it_is_on(tmp_path: Path) -> None:
    settings = make_settings(
        f"sqlite:///{tmp_path}/bot.db",
        public_url="https://bot.example.cn",
        session_secret=SecretStr("s" * 32),
    )
    harness = make_harness(settings)
    assert WORKSPACE_LINE in await harness.text("王科长", "/帮助", chat="王科长", role="staff")
    assert "/后台" not in await harness.text("张三", "/帮助", chat="张三")


async def test_staff_help_leaves_the_workspace_out_where_it_is_off(harness: Harness) -> None:
    assert "/后台" not in await harness.text("王科长", "/帮助", chat="王科长", role="staff")


async def test_staff_help_says_a_reminder_is_set_without_confirmation(harness: Harness) -> None:
    helped = await harness.text("王科长", "/帮助", chat="王科长", role="staff")
    assert "（不用确认，发送即设好；到点前可用 /取消提醒 编号 撤回）" in helped
    assert "/广播 [县] 内容 ——确认后立即发到绑定的群" in helped
