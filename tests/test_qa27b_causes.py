"""Causes of the misses of the blind sets qa_fresh27 and qa_fresh26 where the sender names a trade or project in
passing and asks something else, each in other words and trades than the sets': a word asked both ways before a
denial (能不能不报) kept a question rather than said once as a restart (能不报, a statement the verdict answered); a
grade's measures or requirements asked of the business in a story, found by the entry about that business with a
guess's evidence or once a homophone typo is read (遇警), rather than the verdict."""

from __future__ import annotations

import pytest

from knowledge.base import KnowledgeBase
from knowledge.textnorm import said_once
from tests.harness import Harness, answers_with, assert_verdict


@pytest.mark.parametrize(
    ("said", "kept"),
    [
        ("能不能不报", "能不能不报"),
        ("是不是不用装", "是不是不用装"),
        ("有没有没交的", "有没有没交的"),
        ("名单名单几号交", "名单几号交"),  # a restart is still said once
    ],
)
def test_a_word_asked_both_ways_before_a_denial_is_no_restart(said: str, kept: str) -> None:
    assert said_once(said) == kept


@pytest.mark.parametrize(
    "question",
    [
        "我们是做家具的，属于那47个行业，不想参加，能不能不报",
        "我们是砖厂，在那47个里头，是不是不用报也行",
        "俺们是烧石灰的，是重点行业，能不能不参加",
    ],
)
async def test_opting_out_asked_of_a_listed_business_is_who_must_apply(
    harness: Harness, kb: KnowledgeBase, question: str
) -> None:
    reply = await harness.text("张三", question)
    assert answers_with(kb, reply, ["who_must_apply", "consequence_not_applying"]), reply


@pytest.mark.parametrize(
    ("question", "industry"),
    [
        ("我们是做家具的，要参加吗", "家具制造"),
        ("我们是做铸件的，要报名单吗", "铸造"),
        ("俺们是砖厂，算不算重点行业", "砖瓦窑"),
    ],
)
async def test_taking_part_asked_of_a_business_is_still_its_verdict(
    harness: Harness, question: str, industry: str
) -> None:
    assert_verdict(await harness.text("张三", question), "属于", industry)


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        (
            "我们是一条日产2500吨的熟料线，去年定的B级，今年入冬要是发了黄色预警，我们具体要做哪些事",
            "guide_cement_measures_ab",
        ),
        ("我们是烧熟料的要是评个B来了黄色遇警具体得咋办", "guide_cement_measures_ab"),
        (
            "我们是做铸件的，厂里二十来个人，去年刚换了中频炉，今年想评A级，造型线具体有什么要求",
            "guide_foundry_equipment",
        ),
    ],
)
async def test_a_grades_measures_asked_in_a_story_get_the_entry_about_the_business(
    harness: Harness, kb: KnowledgeBase, question: str, entry: str
) -> None:
    reply = await harness.text("张三", question)
    assert answers_with(kb, reply, entry), reply
