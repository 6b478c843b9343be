"""What is wrong in a data file people edit (the knowledge, the flows, the counties, a campaign schedule) is told
in Chinese, with the file, the line and column, the entry and the field: county staff and trainers keep these
files, and pydantic's and PyYAML's English ("Field required", "did not find expected ','") tells them nothing."""

from __future__ import annotations

import re
import shutil
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from bot.settings import Settings
from knowledge.base import Counties, SmallTalk, SourcesFile
from knowledge.catalogue import CatalogueFile, CuesFile, OutsideFile
from knowledge.faq import FaqFile, IntentFile, SynonymFile
from knowledge.flows import Flow, FlowMessages
from knowledge.others_data import OthersDataCues
from knowledge.schedule import Schedule
from knowledge.wording import Wording
from tests.harness import bot_command

DATA = Settings().knowledge_dir
WORDING = Wording(Settings().templates_dir)
# Each file people edit, with the schema the loader validates it with (knowledge/base.py, knowledge/schedule.py).
SCHEMAS: dict[str, type[BaseModel]] = {
    "sources.yaml": SourcesFile,
    "counties.yaml": Counties,
    "synonyms.yaml": SynonymFile,
    "industries.yaml": CatalogueFile,
    "industry_cues.yaml": CuesFile,
    "outside.yaml": OutsideFile,
    "smalltalk.yaml": SmallTalk,
    "intents.yaml": IntentFile,
    "others_data_cues.yaml": OthersDataCues,
    "faq_notice2020.yaml": FaqFile,
    "faq_more.yaml": FaqFile,
    "flows/messages.yaml": FlowMessages,
    "flows/self_assessment.yaml": Flow,
    "schedule_2020.yaml": Schedule,
}
SOURCES = {"notice2020", "pingshan2022", "mee_guide2020", "hebei8_guide", "guide_research", "gbt4754_2017"}
# Three English words in a row, or what pydantic and PyYAML say: an English sentence, not a field's name.
ENGLISH = re.compile(
    r"[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}|Input should|Field required|Extra inputs|validation error|"
    r"while (?:parsing|scanning)|did not find|Value error|not permitted|expected|found "
)
CHINESE = re.compile(r"[\u4e00-\u9fff]")
# What a mutation puts in a value's place: every kind of value a schema may refuse.
WRONG_VALUES: list[object] = [
    123,
    -1,
    0,
    2.5,
    True,
    None,
    "",
    "文字",
    "九点",
    "x" * 300,
    [],
    ["甲", 1],
    {},
    {"甲": 1},
    "2020-13-45",
    "2020-07-17",
    "25:61",
    "9:00",
    "3 weeks",
]
# What a typing slip puts into the text: a tab, a stray colon, an unclosed bracket or quote, a sigil.
SLIPS = [
    "\t",
    ": ",
    "[",
    "]",
    "{",
    "}",
    '"',
    "'",
    "- ",
    "*x",
    "&",
    "%",
    "@",
    "`",
    "\n  ",
    "\n",
    "? ",
    "|",
    ">",
]


@cache
def original(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


@cache
def sample(name: str) -> str:
    """The file with its long lists cut to their first three items: the same schema, checked just as well,
    at a tenth of the parsing (industries.yaml alone is 50 KB). Not the flow, whose steps name each other."""
    if SCHEMAS[name] is Flow:
        return original(name)

    def cut(node: object) -> object:
        if isinstance(node, dict):
            return {key: cut(value) for key, value in node.items()}
        if isinstance(node, list):
            return [cut(item) for item in node[:3]]
        return node

    data = cut(yaml.load(original(name), Loader=yaml.CSafeLoader))
    return str(yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False))


@cache
def paths(name: str) -> list[list[tuple[Any, ...]]]:
    """Every place in the file's data a mutation may change (each key of each mapping, each list item), by
    depth: drawing the depth first reaches the few top-level fields as often as the many deep ones."""
    found: list[list[tuple[Any, ...]]] = []

    def walk(node: object, path: tuple[Any, ...]) -> None:
        children: list[tuple[Any, object]] = []
        if isinstance(node, dict):
            children = list(node.items())
        elif isinstance(node, list):
            children = list(enumerate(node))
        for key, child in children:
            if len(found) <= len(path):
                found.append([])
            found[len(path)].append((*path, key))
            walk(child, (*path, key))

    walk(yaml.load(sample(name), Loader=yaml.CSafeLoader), ())
    return found


@st.composite
def edited(draw: st.DrawFn) -> tuple[str, str]:
    """A data file as someone may leave it: a typing slip in its text, or a field deleted, misspelt, or
    given a value of the wrong kind."""
    name = draw(st.sampled_from(sorted(SCHEMAS)))
    text = sample(name)
    if draw(st.booleans()):
        at = draw(st.integers(0, len(text)))
        return name, text[:at] + draw(st.sampled_from(SLIPS)) + text[at:]
    data = yaml.load(text, Loader=yaml.CSafeLoader)
    at_depth = draw(st.sampled_from(paths(name)))
    path = at_depth[draw(st.integers(0, len(at_depth) - 1))]
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    change = draw(st.sampled_from(["delete", "misspell", "replace"]))
    if change == "delete":
        del parent[path[-1]]
    elif change == "misspell" and isinstance(parent, dict):
        parent[f"{path[-1]}s"] = parent.pop(path[-1])
    else:
        parent[path[-1]] = draw(st.sampled_from(WRONG_VALUES))
    return name, yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)


def test_the_files_mutated_are_valid_as_they_are(tmp_path: Path) -> None:
    for name in SCHEMAS:
        path = tmp_path / Path(name).name
        path.write_text(sample(name), encoding="utf-8")
        assert WORDING.read(path, SCHEMAS[name], name, context={"sources": SOURCES})[1] == []


def assert_chinese(problems: list[str], text: str = "") -> None:
    """Every problem is Chinese; English in it is only the file's own words, shown back (a misspelt field, a
    comment a slip turned into a field)."""
    assert problems
    for problem in problems:
        assert CHINESE.search(problem), problem
        assert all(english in text for english in ENGLISH.findall(problem)), problem


@settings(max_examples=150)
@given(edit=edited())
def test_every_problem_in_an_edited_file_is_told_in_chinese(
    tmp_path_factory: Any, edit: tuple[str, str]
) -> None:
    name, text = edit
    path = tmp_path_factory.mktemp("data") / Path(name).name
    path.write_text(text, encoding="utf-8")
    loaded, problems = WORDING.read(path, SCHEMAS[name], name, context={"sources": SOURCES})
    if loaded is None:
        assert_chinese(problems, text)
        assert all(problem.startswith(name) for problem in problems)


def test_a_due_day_not_one_day_is_told_in_chinese(tmp_path: Path) -> None:
    """Found by the property above: a tab slipped into a document's due day (7月\t17日) was refused in English."""
    path = tmp_path / "intents.yaml"
    path.write_text(sample("intents.yaml").replace("due: 7月17日", "due: 7月 17日x", 1), encoding="utf-8")
    loaded, problems = WORDING.read(path, IntentFile, "intents.yaml", context={"sources": SOURCES})
    assert loaded is None
    assert_chinese(problems)
    assert any("“7月 17日x”不是某月某日的一天" in problem for problem in problems), problems


def test_a_word_that_negates_nothing_without_a_negator_is_told_in_chinese(tmp_path: Path) -> None:
    """Such a word in not_negations stopped `knowledge check` with a traceback when the catalogue was built."""
    data = yaml.load(sample("industry_cues.yaml"), Loader=yaml.CSafeLoader)
    data["not_negations"] = [*data["not_negations"], "张三"]
    path = tmp_path / "industry_cues.yaml"
    path.write_text(
        yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    loaded, problems = WORDING.read(path, CuesFile, "industry_cues.yaml", context={"sources": SOURCES})
    assert loaded is None
    assert_chinese(problems, path.read_text(encoding="utf-8"))
    assert any("“张三”里没有 negators 或 elsewhere 里的否定词" in problem for problem in problems), problems


def test_knowledge_check_tells_each_problem_with_its_place(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    faq = data / "faq_more.yaml"
    faq.write_text(original("faq_more.yaml").replace("    title:", "    titel:", 1), encoding="utf-8")
    (data / "counties.yaml").write_text("counties:\n  - {name: 平山县, aliases: [平山}\n", encoding="utf-8")
    flow = data / "flows" / "self_assessment.yaml"
    flow.write_text(
        original("flows/self_assessment.yaml").replace("type: choice", "type: choise", 1), "utf-8"
    )
    done = bot_command(["knowledge", "check"], BOT_KNOWLEDGE_DIR=str(data))
    assert done.code == 1
    lines = done.stderr.splitlines()
    assert lines[0] == "知识库有 4 处问题："
    assert (
        "  counties.yaml 第2行第29列：YAML 格式有误：方括号 [ ] 里的列表没有写完整：缺少逗号“,”或结尾的“]”"
        in lines
    )
    entry = "entries 第1项（application_list_revision）"
    assert f"  faq_more.yaml 第7行第5列：{entry}的 title：缺少这一项" in lines
    assert (
        f"  faq_more.yaml 第9行第5列：{entry}的 titel：不认识这个字段（拼写错了，还是放错了位置？）" in lines
    )
    [choice] = [line for line in lines if "flows/self_assessment.yaml" in line and "type：" in line]
    assert "的 type：只能是其中之一：text、credit_code、county、industry、yes_no、" in choice
    assert_chinese(lines)


def test_schedule_check_on_broken_knowledge_says_what_is_wrong_not_a_traceback(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "sources.yaml").write_text("sources:\n\t- id: notice2020\n", encoding="utf-8")
    for command in (
        ["schedule", "check", str(DATA / "schedule_2020.yaml")],
        ["export", "--county", "平山县", "--out", str(tmp_path / "x.xlsx")],
    ):
        done = bot_command(command, BOT_KNOWLEDGE_DIR=str(data))
        assert done.code == 1
        assert "Traceback" not in done.stderr
        assert "sources.yaml 第2行第1列：YAML 格式有误：这里有制表符（Tab），缩进只能用空格" in done.stderr


def test_a_file_that_is_not_utf8_or_not_there_is_told_so(tmp_path: Path) -> None:
    schedule = tmp_path / "schedule.yaml"
    schedule.write_bytes(original("schedule_2020.yaml").encode("gbk"))
    done = bot_command(["schedule", "check", str(schedule)])
    assert done.code == 1
    assert f"{schedule}: 读不了这个文件：不是 UTF-8 编码，请用 UTF-8 保存" in done.stdout
    done = bot_command(["schedule", "check", str(tmp_path / "none.yaml")])
    assert f"{tmp_path / 'none.yaml'}: 读不了这个文件：文件不存在" in done.stdout
