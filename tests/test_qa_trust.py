"""Answers enterprises can trust: "属于" only on evidence, "不属于" only on evidence, typos of pinyin input
forgiven, negations respected, the numbered clarifying question taken up, sources and confidence shown."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.render import Renderer
from bot.settings import Settings
from handlers.qa import compose_answer
from knowledge.answering import decide
from knowledge.base import KnowledgeBase, fidelity_problems, load_knowledge
from tests.conftest import ROOT, Harness

NEED_NOT_APPLY = ("不需要参加", "不用参加", "不属于")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge(Settings().knowledge_dir)


@pytest.mark.parametrize("question", ["做砖瓦的要参加评级吗", "我们烧砖的，要报吗", "我们做石灰的要评级吗"])
async def test_listed_businesses_by_their_bare_words_are_told_to_apply(
    harness: Harness, question: str
) -> None:
    reply = await harness.text("张三", question)
    assert reply.startswith("属于"), reply
    assert not any(phrase in reply for phrase in NEED_NOT_APPLY)


async def test_a_business_outside_names_its_class_and_still_mentions_the_list(harness: Harness) -> None:
    reply = await harness.text("张三", "我们是开饭店的，算重点行业吗")
    assert reply.startswith("不属于")
    assert "餐饮业" in reply
    assert "《国民经济行业分类》（GB/T 4754-2017）" in reply
    assert "应急减排清单" in reply


async def test_a_denied_process_is_no_evidence_but_becomes_the_condition(harness: Harness) -> None:
    reply = await harness.text("张三", "我们做五金冲压件，不做表面处理也不喷漆")
    assert not reply.startswith("属于")
    assert "如有“喷漆”工序，则属于“工业涂装”" in reply


async def test_a_denied_process_leaves_the_listed_business(harness: Harness) -> None:
    reply = await harness.text("张三", "我们做实木家具，不喷漆，要报吗")
    assert reply.startswith("属于")
    assert "“家具制造”" in reply


async def test_questions_are_no_negations(harness: Harness) -> None:
    reply = await harness.text("张三", "有没有喷漆工序的厂都要报吗，我们厂喷漆")
    assert reply.startswith("属于")
    assert "“工业涂装”" in reply


@pytest.mark.parametrize(
    ("question", "typed", "meant", "industry"),
    [("我们做涂聊的", "涂聊", "涂料", "涂料制造"), ("我们是陶资厂", "陶资厂", "陶瓷厂", "陶瓷")],
)
async def test_pinyin_typos_are_read_and_say_how(
    harness: Harness, question: str, typed: str, meant: str, industry: str
) -> None:
    reply = await harness.text("张三", question)
    assert re.search(f"“[^”]*{typed}[^”]*”按“[^”]*{meant}[^”]*”理解", reply), reply
    assert f"“{industry}”" in reply


async def test_a_vague_business_gets_candidates_never_a_no(harness: Harness) -> None:
    reply = await harness.text("张三", "我们是化工厂，要报吗")
    assert reply.startswith("我没能确定")
    assert "1. 有机化工行业" in reply
    assert "按最低等级管理" in reply
    assert not any(phrase in reply for phrase in NEED_NOT_APPLY)


async def test_the_clarifying_question_takes_a_number_or_a_name(harness: Harness) -> None:
    await harness.text("张三", "我们是化工厂，要报吗")
    chosen = await harness.text("张三", "2")
    assert chosen.startswith("好的，按“炼油与石油化工”")
    await harness.text("李四", "我们是化工厂")
    assert (await harness.text("李四", "涂料制造")).startswith("好的，按“涂料制造”")


async def test_after_the_clarifying_question_anything_else_is_answered_as_usual(harness: Harness) -> None:
    await harness.text("张三", "我们是化工厂")
    reply = await harness.text("张三", "申请名单什么时候交")
    assert "7月17日" in reply
    assert "1" not in (await harness.text("张三", "1"))[:2]  # the choice was used up by the question


async def test_a_short_deadline_question_leads_with_the_list_and_the_materials(harness: Harness) -> None:
    reply = await harness.text("张三", "啥时候截止")
    first_two = reply.split("——来源")[:2]
    assert "7月17日12:00" in first_two[0]
    assert "7月31日" in first_two[1]
    assert "平山" not in reply.split("您要问的如果是别的")[0]
    assert "全部时间节点汇总" in reply


async def test_revising_the_application_list_is_its_own_question(harness: Harness) -> None:
    reply = await harness.text("张三", "申请名单能修改吗")
    assert "修改" in reply
    assert reply.count("——来源") == 1


async def test_guide_statements_show_their_confidence_and_chinese_source(harness: Harness) -> None:
    reply = await harness.text("张三", "我们是铸造厂")
    assert "可信度中" in reply
    assert "平山县分局2022年助企政策 一、2.适用对象" in reply
    hebei = await harness.text("张三", "我们做注塑件")
    assert "推断" in hebei
    assert "可信度低" in hebei
    for question in ("340号文是什么", "河北八个行业是哪八个", "视频和台账保存多久"):
        answer = await harness.text("张三", question)
        assert "§" not in answer, answer
        assert "The " not in answer, answer


def test_every_listed_term_in_a_description_is_never_told_no(kb: KnowledgeBase) -> None:
    """Zero false "不属于" over the whole vocabulary: each term, said as a business, is one of the 47."""
    wrong = []
    for industry in kb.catalogue.industries:
        for term in industry.terms:
            for text in (f"我们做{term}的", f"{term}要报吗"):
                match = decide(kb, text).industry
                if match is None or match.verdict == "outside":
                    wrong.append(f"{text} → {match.verdict if match else '问答'}")
    assert not wrong, wrong


# compiled once: building a Renderer compiles every template, too slow for each of 300 examples
templates = functools.cache(lambda: Renderer(Settings().templates_dir))


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        alphabet=st.sampled_from(
            "我们做不没有是喷漆涂料铸造饭店厂，。 要报吗除了都化工五金冲压砖瓦石灰聊资a1"
        ),
        max_size=40,
    )
)
def test_every_industry_verdict_says_what_it_must(kb: KnowledgeBase, text: str) -> None:
    """Whatever the wording: "不属于" only with the class or the denial it rests on, "属于" always with "需要申报",
    and "not sure" always with the lowest-grade warning."""
    match = decide(kb, text).industry
    reply = compose_answer(kb, templates(), text).text
    if match is None:
        assert "不属于" not in reply
    elif match.verdict == "outside" and match.outside is not None:
        assert reply.startswith("不属于")
        assert match.outside.name in reply
    elif match.verdict == "outside":
        assert "如有“" in reply
    elif match.verdict in ("one", "ambiguous"):
        assert "需要申报" in reply
    elif match.verdict == "unsure":
        assert "按最低等级管理" in reply


def test_knowledge_check_refuses_an_english_source_heading_and_a_missing_confidence(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(Settings().knowledge_dir, data)
    guide = data / "faq_guide.yaml"
    text = guide.read_text(encoding="utf-8")
    first = text.index("section:")
    text = text[:first] + "section: §2 Partial facts}" + text[text.index("\n", first) :]
    guide.write_text(text.replace("    confidence: medium\n", "", 1), encoding="utf-8")
    problems = fidelity_problems(load_knowledge(data))
    assert any("不是中文的文件和条目名称" in problem for problem in problems)
    assert any("须注明可信度" in problem for problem in problems)
    done = subprocess.run(
        [sys.executable, "-m", "bot", "knowledge", "check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "BOT_KNOWLEDGE_DIR": str(data)},
        check=False,
    )
    assert done.returncode == 1
    assert "来源或可信度问题" in done.stderr


async def test_the_self_assessment_industry_question_respects_negation(harness: Harness) -> None:
    from tests.assessment_driver import VALID_CODES

    replies = [
        await harness.text("王会计", text)
        for text in ("我要自评", "平山县木艺家具厂", VALID_CODES[0], "平山县")
    ]
    assert "【行业类别】" in replies[-1]
    reply = await harness.text("王会计", "我们做实木家具，不喷漆")
    assert "家具制造" in reply
    assert "工业涂装" not in reply
