"""The commands' names and words are data (knowledge/data/commands.yaml): `knowledge check` refuses a word two
commands claim."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.__main__ import run_knowledge
from bot.settings import Settings
from knowledge.base import KnowledgeError, load_knowledge


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


def test_knowledge_check_refuses_a_word_or_a_name_two_commands_claim(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _data_with(
        tmp_path,
        {"help": {"words": ["帮助", "截止日期"]}, "my_drafts": {"names": ["我的申请", "导出"]}},
    )
    with pytest.raises(KnowledgeError) as refused:
        load_knowledge(data, Settings().templates_dir)
    assert sorted(refused.value.problems) == [
        "commands.yaml: commands.export_drafts: 命令名“/导出”已属于命令 my_drafts，一个名只能属于一个命令",
        "commands.yaml: commands.help: 命令词“截止日期”已属于命令 deadlines，一个词只能属于一个命令",
    ]
    assert run_knowledge(Settings(knowledge_dir=data), "check") == 1
    assert "命令名“/导出”已属于命令 my_drafts" in capsys.readouterr().err


def test_knowledge_check_tells_of_a_command_word_that_is_also_an_intent_s_and_passes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_knowledge(Settings(), "check") == 0
    err = capsys.readouterr().err
    assert "commands.yaml: commands.deadlines: 命令词“什么时候截止”也是 intents.yaml 里短问题的词" in err
    assert "帮助" not in err  # a command word no intent has is not told
