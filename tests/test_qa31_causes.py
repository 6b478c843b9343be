"""Causes of the misses of the blind set qa_fresh30 (trade jargon, abbreviations and what-ifs), each in other words than
the set's: a grade's letter said after a word of obtaining or reaching it (拿到B, 只够C, 结果是D, 等级是C) or ended by a
comma before other Latin letters (评A，PM…) is that grade; the pollutants and their unit by their abbreviations (PM, NOx,
SO2, mg/m³); the two contacts asked as 哪两位/哪几位; what-ifs in the domain's own words (满负荷生产 through a warning, a
line 漏填 or 少填了一条 in the list, a plant open 2 or 3 months typed in digits, an ammonia smell). Of industry_fresh30: a pellet
mill (颗粒机) is no typo of the granules (颗粒剂) a drug maker makes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.base import KnowledgeBase
from knowledge.textnorm import grades
from tests.decisions import decided
from tests.harness import Harness, assert_answered_with, assert_verdict


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        # a grade's letter after a word of obtaining or reaching it, or of what the result is
        ("拿到B以后红色预警还能生产吗", "guide_grade_b"),
        ("评级结果是D，预警来了是不是全停", "guide_grade_c_d"),
        ("我们等级是C，橙色预警时要停哪些", "guide_grade_c_d"),
        # a comma ends the letter, and the pollutants and their unit are read by their abbreviations
        ("PM评A要压到多少mg/m³", "guide_gap_emission_limits"),
        ("SO2到底多少mg/m³算A级", "guide_gap_emission_limits"),
        # the contacts asked by how many they are
        ("市局那边对接的是哪几位", "contacts"),
        # what-ifs and their consequences in the trade's words
        ("发了预警还满负荷生产，会怎样", "list_false_report_penalty"),
        ("万一清单里漏填了一台锅炉，查出来会怎样", "list_false_report_penalty"),
        ("如果一年只开2个月，日排放量怎么算小微", "micro_seasonal_daily"),
        ("厂里有点氨味，还能按小微认定吗", "micro_no_toxic"),
    ],
)
async def test_jargon_and_what_ifs_reach_their_entry(
    harness: Harness, kb: KnowledgeBase, question: str, entry: str
) -> None:
    await assert_answered_with(harness, kb, question, entry)


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        # grades as a range or listed or compared by their letters: as before
        ("A到D四个等级分别是什么", "guide_grade_levels"),
        ("评级分A、B、C、D几档", "guide_grade_levels"),
        ("B和C差在哪", "guide_grade_levels"),
        ("申请名单截止还有多少天", "deadline_application_list"),
    ],
)
def test_grades_listed_and_deadlines_keep_their_entry(kb: KnowledgeBase, question: str, entry: str) -> None:
    kind, entries, step, *_ = decided(kb, question)
    assert entries[:1] == (entry,), (kind, entries, step)


@pytest.mark.parametrize(
    "question",
    [
        # 多少天 sounds as 少填: no under-reported line is read in it
        "交上去多少天能出结果",
        "门禁装好以后多少天之内必须联网",
        # the air's PM2.5 and PM10 are no plant's emission of 颗粒物: no limits' gap
        "今天PM2.5是多少",
        "PM10超标怎么处理",
    ],
)
def test_how_many_days_and_the_airs_pm_are_not_read_as_the_trades_words(
    kb: KnowledgeBase, question: str
) -> None:
    kind, entries, step, *_ = decided(kb, question)
    assert kind == "unsure", (kind, entries, step)


@given(
    said=st.sampled_from(["拿到", "拿了", "只够", "只到", "结果是", "等级是", "想评", "评"]),
    letter=st.sampled_from("ABCD"),
    after=st.sampled_from(["，PM", "，NOx浓度多少", " ，VOCs", "。SO2呢", "，要停产吗"]),
)
def test_a_grades_letter_after_reaching_it_is_that_grade_up_to_its_comma(
    kb: KnowledgeBase, said: str, letter: str, after: str
) -> None:
    assert letter.lower() in grades(kb.faq._normalize(f"今年{said}{letter}{after}"))


@pytest.mark.parametrize(
    ("description", "verdict", "named"),
    [
        ("用颗粒机把秸秆压成生物质颗粒，卖给电厂", "不属于", "生物质致密成型燃料加工"),
        ("颗粒机压木屑颗粒燃料", "不属于", "生物质致密成型燃料加工"),
        # a pellet mill making feed, and a drug maker's granules: as before
        ("颗粒机压饲料，卖给养殖场", "属于", "饲料加工"),
        ("制药厂，颗粒剂车间", "属于", "制药"),
    ],
)
async def test_a_pellet_mill_is_no_drug_granule(
    harness: Harness, description: str, verdict: str, named: str
) -> None:
    assert_verdict(await harness.text("张三", description), verdict, named)
