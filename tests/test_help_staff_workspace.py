"""Staff /帮助 names /后台 where the workspace is on (a staff member reading their help did not learn of it), and
says nothing of it where it is off, since /后台 would only say it is not open."""

from __future__ import annotations

from pathlib import Path

import pytest
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


async def test_staff_help_is_one_message_within_its_limit_where_the_workspace_is_on(tmp_path: Path) -> None:
    """With the workspace on, staff /帮助 was 2,136 bytes, cut by the delivery mid-way into two messages ("回答都注明
    出处；" ending the first): one message of WeCom's 2,048 bytes holds it, the line on each command's help too."""
    settings = make_settings(
        f"sqlite:///{tmp_path}/bot.db",
        public_url="https://bot.example.cn",
        session_secret=SecretStr("s" * 32),
    )
    harness = make_harness(settings)
    [helped] = await harness.say("王科长", "/帮助", chat="王科长", role="staff")
    assert WORKSPACE_LINE in helped.text
    assert "命令后加“帮助”看用法，如“/提醒 帮助”" in helped.text
    assert helped.text.endswith("并告诉您该问谁。")


@pytest.mark.parametrize(
    ("typed", "usage"),
    [
        ("/申请列表 帮助", "/申请列表 [县] ——"),  # was 没有找到“帮助”, read as a county
        ("/导出 帮助", "/导出 [县] [csv] ——"),  # was refused in a group, "请私聊我发送“/导出 帮助”"
        ("/发送失败 帮助", "/发送失败 [县] ——"),
        ("/机器人 帮助", "/机器人 webhook地址 ——"),  # was "本群还没有绑定"
        ("/提醒 用法", "/提醒 [县] 时间 内容 ——"),
        ("/广播 帮助", "/广播 [县] 内容 ——"),  # not a broadcast of "帮助" waiting for 确认
        ("/取消提醒 ？", "/取消提醒 编号 ——"),
        ("/解绑 怎么用", "/解绑 ——"),  # not "确定解绑本群吗"
        ("/转交 help", "/转交 信用代码 新负责人账号 ——"),
    ],
)
async def test_a_staff_command_followed_by_help_says_how_to_use_it(
    harness: Harness, typed: str, usage: str
) -> None:
    await harness.say("王科长", "/绑定 平山县", chat="平山县企业群", role="staff")
    reply = await harness.text("王科长", typed, chat="平山县企业群", role="staff")
    assert reply.startswith(usage)
    assert reply.endswith("发送“/帮助”查看全部功能。")
    nothing_waits = await harness.text("王科长", "确认", chat="平山县企业群", role="staff")
    assert nothing_waits.startswith("现在没有等您回复的事项")  # nothing was set going, to be confirmed


@pytest.mark.parametrize(
    ("typed", "usage"),
    [
        ("/截止 帮助", "/截止 ——"),
        ("/自评 帮助", "/自评 ——"),
        ("/我的申请 怎么用", "/我的申请 ——"),
        ("/本群 帮助", "/本群 ——"),
    ],
)
async def test_an_enterprise_command_followed_by_help_says_how_to_use_it(
    harness: Harness, typed: str, usage: str
) -> None:
    assert (await harness.text("张三", typed, chat="平山县企业群")).startswith(usage)
    assert "【企业名称】" not in await harness.text(
        "张三", "宏达铸造", chat="平山县企业群"
    )  # no dialogue began


async def test_a_staff_command_followed_by_help_is_still_staff_only(harness: Harness) -> None:
    assert "仅限县（市、区）生态环境分局工作人员" in await harness.text(
        "张三", "/提醒 帮助", chat="平山县企业群"
    )


@pytest.mark.parametrize(
    ("asked", "usage"),
    [
        ("怎么发广播", "/广播 [县] 内容 ——"),
        ("提醒怎么设", "/提醒 [县] 时间 内容 ——"),
        ("提醒列表怎么看", "/提醒列表 [县] ——"),  # the longer name, not /提醒's
        ("怎么导出名单", "/导出 [县] [csv] ——"),
        ("群机器人如何设置", "/机器人 webhook地址 ——"),
    ],
)
async def test_staff_asking_how_to_use_a_command_in_words_get_its_usage(
    harness: Harness, asked: str, usage: str
) -> None:
    """ "怎么发广播" was answered "这个问题我不确定" with unrelated titles: the documents hold nothing of the bot."""
    reply = await harness.text("王科长", asked, chat="王科长", role="staff")
    assert reply.startswith(usage)


async def test_how_to_words_leave_enterprises_and_policy_questions_to_the_q_and_a(harness: Harness) -> None:
    assert not (await harness.text("张三", "怎么发广播", chat="张三")).startswith("/广播")
    deadline = await harness.text("王科长", "申请名单怎么交", chat="王科长", role="staff")
    assert "2020年7月17日12:00前" in deadline


@pytest.mark.parametrize(
    ("asked", "usage"),
    [
        ("怎么自评", "/自评 ——"),
        ("自评怎么弄？", "/自评 ——"),
        ("怎么开始自评", "/自评 ——"),
        ("我的申请怎么看", "/我的申请 ——"),
        ("怎么修改申请", "/修改申请 [信用代码] ——"),
    ],
)
async def test_enterprises_asking_how_to_use_their_command_get_its_usage(
    harness: Harness, asked: str, usage: str
) -> None:
    """ "怎么自评" got the notice's rules on assessing oneself, not how to start the bot's self-assessment; the
    rules stay one question away."""
    reply = await harness.text("张三", asked, chat="张三")
    assert reply.startswith(usage), reply
    if usage.startswith("/自评"):
        assert "可以问“自评要考虑哪些方面”" in reply
        assert "综合考虑自身财力" in await harness.text("张三", "自评要考虑哪些方面", chat="张三")


async def test_an_enterprises_question_on_the_matter_stays_the_q_and_as(harness: Harness) -> None:
    """Anything besides the command's name and how-words (对标) asks about assessing oneself, not the bot."""
    reply = await harness.text("张三", "自评到底咋对标", chat="张三")
    assert not reply.startswith("/自评"), reply
    assert "短板原则" in reply
