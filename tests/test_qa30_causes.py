"""Causes of development misses left by qa29 (qa_fresh29, qa_fresh11), each in other words than the sets': a letter's
written names for the contact and the phone (经办同志, 办公电话); the notice named before its eight principles (通知所述);
a numbered item asked as it would be alone (a deadline handed on to the city) or, of two close entries, of the first
item's document; applying again in a later year after entering the integrity file, answered by the ban's span;
recordings deleted by someone (被人删); and a graded industry's own measures before a general ratio at the lower bar."""

from __future__ import annotations

import pytest

from knowledge.base import KnowledgeBase
from tests.decisions import decided
from tests.harness import Harness, answers_with, assert_answered_with, assert_answered_with_each


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        # a letter's 经办同志/经办人员 is the contact, 办公电话 a phone: the notice gives none (the gap entry)
        ("致分局：烦请告知经办同志的办公电话，以便联系", "contact_phone_gap"),
        ("贵单位：请提供经办人员的办公电话", "contact_phone_gap"),
        ("为方便对接，恳请告知经办同志办公电话", "contact_phone_gap"),
        # the notice named before its eight principles asks them all, not the seventh alone
        ("通知所称八项原则指哪些", "principles_all"),
        ("关于评级原则的咨询函：通知所述八大原则都有哪些", "principles_all"),
        ("请问通知所述评级原则具体内容为何，以便组织学习", "principles_all"),
        # recordings someone deleted are the mobile-source fraud, not the video rule
        ("装卸口的录像被人删了几段，会有什么后果", "consequence_mobile_fraud"),
        ("监控视频被人删掉了，查到会怎么处理", "consequence_mobile_fraud"),
        # a cement business's B or A grade at a warning: cement's own measures, not the general plan's ratio
        ("熟料年产能200万吨，评的A，遇上红色预警产量要压多少", "guide_cement_measures_ab"),
    ],
)
async def test_the_written_or_figured_wording_finds_the_entry_it_asks(
    harness: Harness, kb: KnowledgeBase, question: str, entry: str
) -> None:
    await assert_answered_with(harness, kb, question, entry)


@pytest.mark.parametrize(
    ("letter", "first", "second"),
    [
        # of two contacts' entries close, the one of the document the first item is answered from (the notice's)
        (
            "致分局：一、申报材料模板从哪个邮箱下载；二、联系人是谁",
            "materials_template",
            "contacts",
        ),
        # an item naming a document handed on to the city is the branches' day, as the item alone is read
        (
            "某区分局请示：一、汇总名单何时报市局专班；二、企业申报材料何时报市局专班",
            "deadline_branch_list",
            "deadline_branch_materials",
        ),
    ],
)
async def test_a_letters_second_item_is_answered_as_it_would_be_alone(
    harness: Harness, kb: KnowledgeBase, letter: str, first: str, second: str
) -> None:
    await assert_answered_with_each(harness, kb, letter, first, second)


@pytest.mark.parametrize(
    "question",
    [
        "2020年9月因监测数据造假被记入诚信档案，2021年10月能重新申报吗",
        "记入诚信档案是2020年的事，2021年还能申报吗",
        "被记入诚信档案是2020年11月，2021年能再申报吗",
    ],
)
async def test_applying_in_a_later_year_after_the_integrity_file_gets_the_ban_and_its_span(
    harness: Harness, kb: KnowledgeBase, question: str
) -> None:
    # the ban runs a year from the record (一年内不得申报): the later year is asked of it, not of documents unknown
    reply = await harness.text("张三", question)
    assert answers_with(kb, reply, "integrity_file"), reply
    assert "一年内不得申报" in reply, reply


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        # the seventh principle asked by its own words keeps its entry
        ("通知里评级结果那条原则", "principle_short_board"),
        ("八大原则第七条是什么", "principle_short_board"),
        # another year asked without a ban: the deadlines of other years, as before
        ("2021年能报吗", "other_years_schedule_gap"),
        ("2019年的申请名单几号截止", "other_years_schedule_gap"),
        # video asked of, none deleted: the video rule
        ("原料库装卸的地方要装摄像头吗", "loading_video"),
        # a business's grading asked at the lower bar where no entry is narrowed to its industry: the first entry
        ("我们是做铸造的，听说最后定级看最差的那一项指标，是这样吗", "guide_short_board"),
    ],
)
def test_questions_of_other_shapes_keep_their_entry(kb: KnowledgeBase, question: str, entry: str) -> None:
    kind, entries, step, *_ = decided(kb, question)
    assert entries[:1] == (entry,), (kind, entries, step)
