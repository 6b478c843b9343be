"""The commands' names and words are data (knowledge/data/commands.yaml): a word or a name changed there is
heard, listed and shown in the help without a change of code, and `knowledge check` refuses a word two
commands claim."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.__main__ import run_knowledge
from bot.app import StartupError, routers
from bot.settings import Settings
from knowledge.base import KnowledgeBase, KnowledgeError, load_knowledge
from tests.harness import Harness, make_harness
from tests.test_wording import RENDER

# Commands on drafts, broadcasts, bindings, others' reminders, robots, exports and the workspace
STAFF_COMMANDS = {
    "bind", "unbind", "robot", "remind", "list_reminders", "cancel_reminder", "failures", "broadcast",
    "list_drafts", "export_drafts", "transfer_draft", "workspace_link",
}  # fmt: skip


def _data_with(tmp_path: Path, change: dict[str, dict[str, object]]) -> Path:
    """A copy of the shipped knowledge whose commands.yaml has `change` merged into the commands it names."""
    data = tmp_path / "data"
    shutil.copytree(Settings().knowledge_dir, data)
    path = data / "commands.yaml"
    commands = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, fields in change.items():
        commands["commands"][key].update(fields)
    path.write_text(yaml.safe_dump(commands, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return data


def _harness_on(data: Path, settings: Settings) -> Harness:
    return make_harness(settings.model_copy(update={"knowledge_dir": data}))


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped knowledge with the changes the three tests below read each their own of: a word added to
    /截止, /申请列表 and /绑定 renamed, words added to what /绑定 reads. One knowledge build (~0.5 s) and one
    compilation of the templates for its commands instead of one each."""
    words = ["还有几天截止", "截止时间", "截止日期", "什么时候截止", "离截止还有几天"]
    reads = {"enterprise": ["企业", "企业群"], "county_branch": ["分局", "分局群", "局里"]}
    return _data_with(
        tmp_path_factory.mktemp("commands"),
        {
            "deadlines": {"words": words},
            "list_drafts": {"names": ["草稿列表"]},
            "bind": {"names": ["绑群"], "reads": reads},
        },
    )


async def test_a_word_added_in_the_data_runs_its_command(edited: Path, settings: Settings) -> None:
    harness = _harness_on(edited, settings)
    assert "7月17日12:00" in await harness.text("张三", "离截止还有几天")
    assert "7月17日12:00" in await harness.text("张三", "还有几天截止")


async def test_a_command_renamed_in_the_data_is_typed_listed_and_helped_under_its_new_name(
    edited: Path, settings: Settings
) -> None:
    harness = _harness_on(edited, settings)
    assert "平山县" in await harness.text("王科长", "/草稿列表 平山县", role="staff")
    assert "没有“/申请列表”这个命令" in await harness.text("王科长", "/申请列表", role="staff")
    listed = await harness.text("王科长", "/foo", role="staff")
    assert "/草稿列表 ——" in listed
    assert "/绑群 ——" in listed
    helped = await harness.text("王科长", "/帮助", role="staff")
    assert "/草稿列表 [县]" in helped
    assert "/绑群 平山县" in helped
    assert "/草稿列表 平山县" in await harness.text("王科长", "/草稿列表 火星县", role="staff")
    hint = await harness.text(
        "张三", "这个群是哪个县的", chat="平山县企业群"
    )  # the binding hint (group_binding.j2)
    assert "“/绑群 县名”" in hint
    assert "/绑定" not in helped + listed + hint
    assert (await harness.text("王科长", "/绑群 平山县", chat="平山县企业群", role="staff")).startswith(
        "已把本群绑定到平山县"
    )


async def test_a_word_the_binding_command_reads_added_in_the_data_is_read(
    edited: Path, settings: Settings
) -> None:
    harness = _harness_on(edited, settings)
    bound = await harness.text("王科长", "/绑群 平山县 局里", chat="平山县分局群", role="staff")
    assert bound.startswith("已把本群绑定到平山县（分局群）")


def test_a_command_the_data_does_not_name_stops_the_start_naming_it(
    tmp_path: Path, settings: Settings
) -> None:
    data = _data_with(tmp_path, {})
    commands = yaml.safe_load((data / "commands.yaml").read_text(encoding="utf-8"))
    del commands["commands"]["failures"]
    (data / "commands.yaml").write_text(yaml.safe_dump(commands, allow_unicode=True), encoding="utf-8")
    with pytest.raises(StartupError) as stopped:
        _harness_on(data, settings)
    assert stopped.value.problems == [RENDER("bot_words.j2", step="command_without_words", key="failures")]
    assert "commands.yaml 里没有命令 failures" in stopped.value.problems[0]


def test_every_command_the_code_handles_has_its_words_and_every_entry_a_handler(kb: KnowledgeBase) -> None:
    handled = [command.key for router in routers() for command in router.commands]
    assert sorted(handled) == sorted(kb.commands)


async def test_commands_on_drafts_broadcasts_bindings_reminders_robots_exports_and_the_workspace_are_staff_only_whatever_the_data_says(
    tmp_path: Path, settings: Settings, harness: Harness, kb: KnowledgeBase
) -> None:
    registered = {command.key for router in routers() for command in router.commands if command.staff_only}
    assert registered >= STAFF_COMMANDS
    refused = RENDER("bot_words.j2", step="staff_only")
    for key in sorted(STAFF_COMMANDS):
        for name in kb.commands[key].names:
            assert await harness.text("张三", f"/{name} 平山县") == refused, name
    with pytest.raises(KnowledgeError):  # the data cannot say who may use a command
        load_knowledge(_data_with(tmp_path, {"export_drafts": {"staff_only": False}}), settings.templates_dir)


def test_knowledge_check_refuses_a_word_or_a_name_two_commands_claim(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _data_with(
        tmp_path,
        {
            "help": {"words": ["帮助", "截止日期"]},
            "my_drafts": {"names": ["我的申请", "导出"], "leads": ["修改申请"]},
        },
    )
    with pytest.raises(KnowledgeError) as refused:
        load_knowledge(data, Settings().templates_dir)
    assert sorted(refused.value.problems) == [
        "commands.yaml: commands.export_drafts: 命令名“/导出”已属于命令 my_drafts，一个名只能属于一个命令",
        "commands.yaml: commands.help: 命令词“截止日期”已属于命令 deadlines，一个词只能属于一个命令",
        "commands.yaml: commands.my_drafts: 命令词“修改申请”已属于命令 reopen_draft，一个词只能属于一个命令",
    ]
    assert run_knowledge(Settings(knowledge_dir=data), "check") == 1
    assert "命令名“/导出”已属于命令 my_drafts" in capsys.readouterr().err


def test_knowledge_check_refuses_a_command_name_in_the_data_s_text_that_commands_yaml_does_not_have(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _data_with(tmp_path, {"help": {"names": ["求助", "help"]}})  # flows/messages.yaml still says /帮助
    faq = data / "faq_more.yaml"
    entries = yaml.safe_load(faq.read_text(encoding="utf-8"))
    entries["entries"][0]["answer"] += "发送“/申请清单 平山县”。"
    faq.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(KnowledgeError) as refused:
        load_knowledge(data, Settings().templates_dir)
    assert sorted(problem for problem in refused.value.problems if "不是 commands.yaml" in problem) == [
        "faq_more.yaml: “/申请清单”不是 commands.yaml 里任何命令的名字：请写命令现在的名字（在 commands.yaml 改名时，这里一并改）",
        "flows/messages.yaml: “/帮助”不是 commands.yaml 里任何命令的名字：请写命令现在的名字（在 commands.yaml 改名时，这里一并改）",
    ]
    assert run_knowledge(Settings(knowledge_dir=data), "check") == 1
    assert "“/帮助”不是 commands.yaml 里任何命令的名字" in capsys.readouterr().err


def test_knowledge_check_tells_of_a_command_word_that_is_also_an_intent_s_and_passes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_knowledge(Settings(), "check") == 0
    err = capsys.readouterr().err
    assert "commands.yaml: commands.deadlines: 命令词“什么时候截止”也是 intents.yaml 里短问题的词" in err
    assert "帮助" not in err  # a command word no intent has is not told


async def test_the_help_shows_staff_alone_only_commands_registered_staff_only(
    harness: Harness, kb: KnowledgeBase
) -> None:
    """help.j2 writes its staff part by hand: what it shows staff alone must be staff-only in the code (it
    leaves out /后台 where the workspace is off, as in this harness: test_help_staff_workspace)."""
    staff_only = {command.key for router in routers() for command in router.commands if command.staff_only}
    for_all = await harness.text("张三", "/帮助")
    for_staff = await harness.text("王科长", "/帮助", role="staff")
    named = {key for key, entry in kb.commands.items() if f"/{entry.name}" in for_staff}
    assert {key for key in named if f"/{kb.commands[key].name}" not in for_all} == staff_only - {
        "workspace_link"
    }
