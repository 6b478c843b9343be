"""Q&A through the console: the development question sets, honest "not sure", sources, help."""

from __future__ import annotations

import contextlib
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.__main__ import parse_args, run_knowledge
from bot.evaluate import (
    DEV_INDUSTRIES,
    DEV_QUESTIONS,
    HELDOUT,
    HELDOUT_INDUSTRIES,
    HELDOUT_QUESTIONS,
    Miss,
    Report,
    Score,
    evaluate,
    print_report,
    question_score,
    summary,
)
from bot.render import Renderer
from bot.settings import Settings
from handlers.context import Answer
from handlers.qa import Answers, answerer
from knowledge.base import KnowledgeBase
from knowledge.catalogue import fold
from knowledge.textnorm import literal_alternation
from tests.harness import ROOT, Harness, bot_command, evaluation_cases

# Minimum accuracies; raise them as retrieval and data improve. The held-out floors guard against a
# regression only: those sets are never tuned on (tests/data/heldout/README in their headers).
MIN_QA_ACCURACY = 0.94  # 0.95 before the blind qa_fresh8.yaml (237/297 at its start) joined the dev sets
# 0.9 while the blind qa_unanswerable9.yaml stood at 16/24 (22/24 after qa9a); 0.94 since qa_unanswerable13.yaml (12/20
# at its start: the kinds a lower confidence bar must still decline, eight answered by other steps) joined; 0.93 since
# the blind qa_unanswerable12.yaml (19/22, unchanged by the round it measured) joined: 167/178 in all; 0.95 again
# after chat11 (195/203); 0.93 since qa_unanswerable16.yaml (11/18 at its start, seven answered confidently by other
# steps than the bar's) joined: 206/221 in all; 0.90 since the blind qa_unanswerable15.yaml (18/26 at 78fe927, the same
# after the round it measured) joined: 224/247 in all; 0.94 after unans12 (255/270 with qa_unanswerable17.yaml, 14/23 at
# its start: prices, benefits, other programmes and software declined); 0.93 since qa_unanswerable19.yaml (13/17 at its
# start, the four answered by other steps than the bar's) joined: 269/287 in all; 0.97 after unans13 (328/336 with
# qa_unanswerable20.yaml, 11/25 at its start: one enterprise's own results, yearly changes, forecasts, personal matters
# and rumours declined; 288/311 without it, under 0.93, at its start); 0.95 since the blind qa_unanswerable21.yaml
# (22/30 at 081da13: a number, a neighbouring environmental business or an everyday matter answered with the
# entry nearest in words) joined: 350/366 in all, 328/336 without it; 0.94 since the blind qa_unanswerable22.yaml (23/30
# at bc42ac8: a certificate, a vehicle registration, a permit, a tax, an exam, a past date and the heating season
# answered with the entry nearest in words) joined: 375/396 in all, 352/366 without it; 0.97 after blindfix15, 16 and 17
# (410/421 with the blind qa_unanswerable23.yaml, 16/25 at 85ab8ae: Pingshan's policies asked from other counties);
# 0.96 since the blind qa_unanswerable24.yaml (19/25 at 5ec213a: what the forwarded notice does not say, a forklift
# subsidy, a rumour of a blanket stop and a consultant's name answered with the entry nearest in words) joined:
# 430/446 in all, 411/421 without it; kept when the blind qa_unanswerable25.yaml (18/25 at ac0cafd: a bookkeeping
# question, a free gate system, a bonus, dust explosion and a worker's mask answered with the entry nearest in words)
# joined: 453/471 in all, 435/446 without it; 0.97 again after decline16, blindfix19 and blindfix20 (481/491 with the
# blind qa_unanswerable26.yaml, 15/20 at 1f85021: a plate reader's faults, last year's published list and another
# county's costs answered with the entry nearest in words); 0.96 since the blind qa_unanswerable29.yaml (12/20 at
# 692125b: a form's file format, a competitor's materials, a shared chimney, experts' names, an address, a missing
# permit and a staff count answered with the entry nearest in words) joined: 534/551 in all, 522/531 without it;
# 0.97 again after unans29 (542/551: a file format, a split, experts' names, an office's move, a contract, a staff
# count, a competitor's papers and a missing permit declined); 0.95 since qa_unanswerable32.yaml (23/40 at 68b8745,
# written before unans30's change: fees, the papers' format, people by name, named plants, makes and numbers never
# given answered with the entry nearest in words) joined: 580/606 in all, 557/566 without it; 0.97 again after unans30
# (594/606: fees besides the grading, hours, weights, a scan's resolution, officials by rank, makes, a named plant's
# case, who built a system and a makers' list declined); still 0.97 with the blind qa_unanswerable33.yaml (10/20 at
# 68b8745, 11/20 at 06b6cd6: a local-policy term the document leaves undefined, a deadline or office detail asked beside
# a neighbouring entry's words and a project's approval time answered with the entry nearest in words): 629/646 in all
# (638/646 at 75c568e); still 0.97 with qa_unanswerable35.yaml (9/35 at 75c568e, written blind before unans31's
# change: who signs, copies, an average, an age, the bureau's silence, a floor, a WeChat id answered with the entry
# nearest in words; 27/35 after it): 665/681 in all; still 0.97 with the blind voice-typed qa_unanswerable34.yaml
# (11/20 at b2591d7, 12/20 at c1d10a8, which would need 0.96 at b2591d7: 640/666): 683/701 at c1d10a8; 0.96 since the
# blind qa_unanswerable36.yaml (14/20 at 0f7ec01: a qualification, a fuel switch, a power of attorney, a plan's length,
# a tech-enterprise title and a project's spoil answered with the entry nearest in words) joined: 697/721 in all at
# 0f7ec01; 0.97 again with unans33 merged before it (qa_unanswerable34 12 → 20 of 20): 706/721 at the round's end
MIN_UNANSWERABLE_ACCURACY = 0.97
MIN_INDUSTRY_ACCURACY = 0.93
MIN_HOLDOUT_QA_ACCURACY = 0.85
MIN_HOLDOUT_INDUSTRY_ACCURACY = 0.85


def cases(name: str) -> tuple[dict[str, object], ...]:
    loaded = evaluation_cases(name)
    assert loaded, name  # an absent set is read as empty
    return loaded


def test_evaluation_sets_are_large_enough() -> None:
    assert sum(len(cases(name)) for name in DEV_QUESTIONS) >= 500
    assert sum(len(cases(name)) for name in DEV_INDUSTRIES) >= 400
    assert len(cases("heldout/questions.yaml")) >= 150
    assert len(cases("heldout/industries.yaml")) >= 150
    assert len(cases("heldout2/questions.yaml")) >= 200
    assert len(cases("heldout2/industries.yaml")) >= 200
    assert len(cases("heldout3/questions.yaml")) >= 180
    assert len(cases("heldout3/industries.yaml")) >= 180
    assert len(cases("qa_unanswerable.yaml")) >= 30


@dataclass(frozen=True)
class Evaluated:
    report: Report
    printed: str


@pytest.fixture(scope="module")
def evaluated() -> Evaluated:
    """`python -m bot knowledge eval` run once (in-process, a few seconds) for the tests below: the report it
    printed and what it printed. It reads the sets as the harness read them for this process already (the same
    reader, once: reading them again was ~0.3 s of CPU)."""
    reports: list[Report] = []

    def kept(*args: Any) -> Report:
        reports.append(evaluate(*args))
        return reports[-1]

    def read_once(folder: Path, name: str) -> list[dict[str, object]]:
        assert folder == ROOT / "tests" / "data", folder
        return list(evaluation_cases(name))

    printed = io.StringIO()
    with (
        mock.patch("bot.evaluate.evaluate", kept),
        mock.patch("bot.evaluate.load_cases", read_once),
        contextlib.redirect_stdout(printed),
    ):
        assert run_knowledge(Settings(), "eval") == 0
    return Evaluated(reports[0], printed.getvalue())


@pytest.mark.slow
def test_accuracy_on_every_set_and_never_a_false_no(evaluated: Evaluated) -> None:
    report = evaluated.report
    figures = dict(summary(report))
    floors = {
        "qa_dev": MIN_QA_ACCURACY,
        "qa_heldout": MIN_HOLDOUT_QA_ACCURACY,
        "unanswerable": MIN_UNANSWERABLE_ACCURACY,
        "industry_dev": MIN_INDUSTRY_ACCURACY,
        "industry_heldout": MIN_HOLDOUT_INDUSTRY_ACCURACY,
    }
    for title, floor in floors.items():
        accuracy = figures[title].accuracy  # the figure only: held-out failures are never shown while tuning
        assert accuracy >= floor, f"{title}: {accuracy:.1%}"
    told_outside = {name: len(score.false_outside) for name, score in report.industries.items()}
    dev_texts = [text for name in DEV_INDUSTRIES for text in report.industries[name].false_outside]
    assert not any(told_outside.values()), (told_outside, dev_texts)  # held-out texts stay unread


async def test_deadline_question_answered_with_time_and_source(harness: Harness) -> None:
    reply = await harness.text("张三", "申请名单最晚啥时候交到分局")
    assert "7月17日" in reply
    assert "12:00" in reply
    assert "——来源：石家庄市生态环境局2020年绩效分级紧急通知 第（一）条、第（十五）条、第（十七）条" in reply


async def test_pingshan_policy_answer_keeps_contact_exact(harness: Harness) -> None:
    reply = await harness.text("张三", "平山的激励性绩效分级找谁联系")
    assert "李国恒" in reply
    assert "13832363726" in reply
    assert "平山县分局2022年助企政策" in reply


async def test_unknown_question_is_not_sure_and_invents_no_number(harness: Harness) -> None:
    question = "食堂明天中午吃什么"
    reply = await harness.text("张三", question)
    assert reply.startswith("这个问题我不确定")
    assert "sjzyjjp@163.com" in reply
    assert "您是不是想问" in reply
    own_words = [line for line in reply.splitlines() if not line.startswith("· ")]  # not the topic list
    assert not re.findall(r"\d", "".join(own_words).replace("163.com", ""))


async def test_known_gap_says_it_does_not_know_the_figure(harness: Harness) -> None:
    reply = await harness.text("张三", "水泥行业A级颗粒物排放限值是多少毫克每立方米")
    assert "mg" not in reply
    assert re.search(r"没有|未找到|不掌握|查不到|不确定", reply)


@pytest.mark.parametrize(
    ("description", "industry"),
    [("我们是做PVC管材的，算重点行业吗", "塑料制品"), ("我们厂生产红砖，要不要参加评级", "砖瓦窑")],
)
async def test_industry_membership(harness: Harness, description: str, industry: str) -> None:
    reply = await harness.text("张三", description)
    assert f"“{industry}”" in reply
    assert "附件1" in reply


async def test_business_outside_the_47(harness: Harness) -> None:
    reply = await harness.text("张三", "我们是开饭店的，算重点行业吗")
    assert "不在2020年47个重点行业目录" in reply
    assert "应急减排清单" in reply
    assert "小微涉气企业" in reply


async def test_help_lists_examples(harness: Harness) -> None:
    reply = await harness.text("张三", "你能做什么")
    assert "申请名单什么时候交" in reply
    assert "我要自评" in reply


async def test_template_syntax_in_user_text_is_only_data(harness: Harness) -> None:
    reply = await harness.text("张三", "{{ 7*7 }} {% for x in y %} 申请名单什么时候交")
    assert "49" not in reply


@pytest.mark.slow
def test_knowledge_check_passes_on_shipped_data() -> None:
    done = bot_command(["knowledge", "check"])
    assert done.code == 0, done.stderr
    assert "知识库检查通过" in done.stdout


def test_knowledge_check_reports_every_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = Settings()
    for source in settings.knowledge_dir.glob("*.yaml"):
        (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    faq = tmp_path / "faq_notice2020.yaml"
    text = faq.read_text(encoding="utf-8")
    text = text.replace("doc: notice2020", "doc: nowhere", 1).replace(
        "see_also: [", "see_also: [missing_entry, ", 1
    )
    faq.write_text(text + "\n  - id: notice_issuer_date\n    topic: 背景\n", encoding="utf-8")
    # what `python -m bot knowledge check` runs (the whole command is tested on the shipped data above)
    assert run_knowledge(settings.model_copy(update={"knowledge_dir": tmp_path}), "check") == 1
    complaint = capsys.readouterr().err
    assert "faq_notice2020.yaml" in complaint
    assert "title" in complaint  # the broken entry's missing fields are each named


def test_eval_asks_a_question_as_the_handler_does(
    kb: KnowledgeBase, render: Renderer, tmp_path: Path
) -> None:
    # the chat apps' emoji ([捂脸]) are taken out before a message is answered: the measure must not count them in
    (tmp_path / "emoji.yaml").write_text(
        "- q: 几号截止[捂脸][流泪]\n  expect: deadline_application_list\n", encoding="utf-8"
    )
    assert question_score(kb, Answers(kb, render), tmp_path, "emoji.yaml").passed == 1


@pytest.mark.slow
def test_eval_prints_per_topic_accuracy(evaluated: Evaluated) -> None:
    printed = evaluated.printed
    assert "各话题问答准确率" in printed
    assert "行业判断" in printed


def test_eval_lists_held_out_failures_only_when_asked(
    capsys: pytest.CaptureFixture[str], render: Renderer
) -> None:
    def failing(name: str, heldout_text: str, dev_text: str) -> Score:
        score = Score()
        text = heldout_text if name in HELDOUT else dev_text
        score.record(False, Miss(text, "unsure", [], "deadlines_overview"))
        return score

    questions = {
        name: failing(name, "留出集里答错的问题", "开发集里答错的问题")
        for name in DEV_QUESTIONS + HELDOUT_QUESTIONS
    }
    industries = {
        name: failing(name, "留出集里判错的企业", "开发集里判错的企业")
        for name in DEV_INDUSTRIES + HELDOUT_INDUSTRIES
    }
    industries[HELDOUT_INDUSTRIES[2]].false_outside.append("留出集里说成不属于的企业")
    report = Report(questions, {}, Score(), industries)
    print_report(report, render)
    printed = capsys.readouterr().out
    assert "开发集里答错的问题" in printed
    assert "开发集里判错的企业" in printed
    assert "个失败项不列出" in printed
    assert "--show-heldout" in printed
    assert not any(
        text in printed for text in ("留出集里答错的问题", "留出集里判错的企业", "留出集里说成不属于的企业")
    )
    assert "问答·留出集2（heldout2/questions.yaml）：0/1" in printed
    assert "行业判断·留出集2（heldout2/industries.yaml）：0/1" in printed
    assert "问答·留出集3（heldout3/questions.yaml）：0/1" in printed
    assert "行业判断·留出集3（heldout3/industries.yaml）：0/1" in printed
    assert "把重点行业说成“不属于”（所有集合）：1" in printed

    print_report(report, render, show_heldout=True)
    printed = capsys.readouterr().out
    assert all(
        text in printed for text in ("留出集里答错的问题", "留出集里判错的企业", "留出集里说成不属于的企业")
    )
    assert parse_args(["knowledge", "eval", "--show-heldout"]).show_heldout


def test_eval_confusion_lists_the_development_sets_entry_pairs_most_frequent_first(
    capsys: pytest.CaptureFixture[str], render: Renderer
) -> None:
    def missed(*misses: Miss) -> Score:
        score = Score()
        for miss in misses:
            score.record(False, miss)
        return score

    questions = {name: Score() for name in DEV_QUESTIONS + HELDOUT_QUESTIONS}
    questions[DEV_QUESTIONS[0]] = missed(
        Miss("名单交哪", "answer", ["two_mailboxes"], "deadline_application_list"),
        Miss("名单什么时候交", "pair", ["deadline_materials", "two_mailboxes"], "deadline_application_list"),
        Miss(
            "材料截止", "answer", ["deadline_materials"], "deadline_materials", ["7月31日"]
        ),  # facts, not entry
        Miss("天气", "answer", ["two_mailboxes"], "unsure"),
    )
    questions[DEV_QUESTIONS[1]] = missed(
        Miss("邮箱是哪个", "answer", ["deadline_application_list"], "two_mailboxes")
    )
    questions[HELDOUT_QUESTIONS[0]] = missed(Miss("留出集的问题", "answer", ["prices_gap"], "gate_system"))
    industries = {name: Score() for name in DEV_INDUSTRIES + HELDOUT_INDUSTRIES}
    print_report(Report(questions, {}, Score(), industries), render, confusion=True)
    printed = capsys.readouterr().out
    lines = [line.strip() for line in printed.splitlines()]
    assert lines[1:3] == [
        "3  deadline_application_list → two_mailboxes ×2；two_mailboxes → deadline_application_list ×1",
        "1  deadline_application_list → deadline_materials ×1",
    ]
    assert "gate_system" not in printed  # a held-out set's misses stay unread
    assert "共 4 次，2 对" in printed
    assert parse_args(["knowledge", "eval", "--confusion"]).confusion


async def test_greeting_and_thanks_get_a_friendly_reply(harness: Harness) -> None:
    assert "我是绩效分级助手" in await harness.text("张三", "你好")
    assert "不客气" in await harness.text("张三", "谢谢！")


async def test_greeting_or_thanks_said_to_the_staff_is_still_one(harness: Harness) -> None:
    """In a group people thank and greet the bureau's staff by their title (谢谢领导, 老师您好) or just
    acknowledge (嗯嗯, 明白): a friendly word back, not an FAQ entry or "不确定"."""
    for said in ("好的，谢谢领导🙏", "领导辛苦了", "明白", "嗯嗯"):
        assert "不客气" in await harness.text("张三", said), said
    for said in (
        "大家好",
        "各位领导好",
        "老师您好",
    ):  # each in a chat of its own: a second one there is short
        assert "我是绩效分级助手" in await harness.text("张三", said, chat=f"{said}群"), said
    assert "7月31日" in await harness.text("张三", "谢谢领导，那材料几号交")


@pytest.fixture(scope="module")
def social_pair(kb: KnowledgeBase) -> tuple[list[str], re.Pattern[str]]:
    """Every greeting and thanks, and a pattern of two of them said together: the longest first word that
    leaves a whole second one, as the bot found such pairs before it looked them up."""
    social = sorted(word for word, kind in kb._smalltalk.items() if kind in ("greeting", "thanks"))
    words = literal_alternation(social)
    return social, re.compile(f"(?:{words})(?P<last>{words})")


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(min_value=0),
    st.integers(min_value=0),
    st.sampled_from(["", "吗", "，", "请问"]),
    st.booleans(),
)
def test_two_greetings_or_thanks_said_together_are_one_of_the_last_ones_kind(
    kb: KnowledgeBase,
    social_pair: tuple[list[str], re.Pattern[str]],
    first: int,
    last: int,
    between: str,
    cut: bool,
) -> None:
    """Whatever the two words, and nothing where they do not fill the message (but the particles said after small
    talk, smalltalk.yaml's endings: "hello专家哈" is a greeting)."""
    social, pair = social_pair
    said = social[first % len(social)] + between + social[last % len(social)]
    folded = fold(said[:-1] if cut else said)

    def kind_of(text: str) -> str | None:
        found = pair.fullmatch(text)
        return kb._smalltalk.get(text) or (found and kb._smalltalk[found.group("last")]) or None

    bare = folded.rstrip(kb._smalltalk_endings)
    expected = kind_of(folded) or (kind_of(bare) if bare != folded else None)
    assert kb.smalltalk(folded) == expected


async def test_industry_reply_quotes_the_words_as_catalogued(harness: Harness) -> None:
    reply = await harness.text("张三", "我们是做pvc管材的，算重点行业吗")
    assert "“PVC管材”" in reply


async def test_membership_question_without_a_business_asks_what_they_make(harness: Harness) -> None:
    reply = await harness.text("张三", "我们算重点行业吗")
    assert "主要生产什么" in reply
    assert "不在" not in reply


def test_b_minus_is_not_read_as_b(kb: KnowledgeBase) -> None:
    from knowledge.textnorm import grades

    normalize = kb.faq._normalize
    assert grades(normalize("申报B-级要什么条件")) == {"b减", "b"}
    assert grades(normalize("A+级是什么")) == {"a加"}


async def test_lone_confirmation_says_nothing_is_waiting(harness: Harness) -> None:
    reply = await harness.text("张三", "确认")
    assert reply.startswith("现在没有等您回复的事项")


@pytest.mark.parametrize("question", ["今天天气怎么样", "股票怎么样", "考驾照要多久"])
async def test_off_topic_question_sharing_only_question_words_is_not_answered(
    harness: Harness, question: str
) -> None:
    reply = await harness.text("张三", question)
    # chatter is told it is off the subject
    assert reply.startswith(("这个问题我不确定", "这个不在我能回答的范围里"))
    assert "——来源" not in reply


@pytest.mark.parametrize("description", ["我们是化工厂", "我们是机械加工厂"])
async def test_vague_business_is_asked_what_it_makes_not_told_it_is_outside(
    harness: Harness, description: str
) -> None:
    reply = await harness.text("张三", description)
    assert reply.startswith("我没能确定")
    assert "主要产品、工艺或原料" in reply
    assert "不在" not in reply
    assert "不属于" not in reply


def never(_question: str) -> bool:
    """No question asks for other enterprises' data."""
    return False


async def test_a_question_asked_again_is_answered_from_the_answer_cache_alike(
    harness: Harness, answers: Answers
) -> None:
    asked: list[str] = []

    def counting(question: str) -> Answer:
        asked.append(question)
        return answers(question)

    remembering, forgetting = answerer(counting, never, 8), answerer(counting, never, 0)
    first = remembering("申请名单什么时候交")
    assert remembering("申请名单什么时候交") == first == answers("申请名单什么时候交")
    assert first.text
    assert len(asked) == 1  # the second time costs neither retrieval nor rendering
    assert forgetting("申请名单什么时候交") == first
    assert len(asked) == 2  # BOT_ANSWER_CACHE_SIZE=0: every time
    # Through the bot: the same words get the same answer (sent right again, said to be answered above), a different
    # question its own.
    replies = [
        await harness.text("张三", text) for text in ("申请名单什么时候交", "申请名单什么时候交", "你好")
    ]
    assert replies[1] == f"这个问题上面刚回答过，再发一遍：\n{replies[0]}"
    assert replies[0] not in replies[2]
