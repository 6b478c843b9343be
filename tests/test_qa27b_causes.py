"""Causes of the misses of the blind sets qa_fresh27 and qa_fresh26 where the sender names a trade or project in
passing and asks something else, each in other words and trades than the sets': a word asked both ways before a
denial (能不能不报) kept a question rather than said once as a restart (能不报, a statement the verdict answered); a
grade's measures or requirements asked of the business in a story, found by the entry about that business with a
guess's evidence or once a homophone typo is read (遇警), rather than the verdict; a question ending its message with 不 (还能更正不)
asked beside an industry said to be the right one (其实该算家具制造), answered as the question it is; a builder's
project outside the list told in passing (给平山中学盖教学楼的), then a question an entry answers with a first guess's
evidence, offered that entry rather than told only 不属于; an office asked to take in an application before it is
complete in speech (先收下, 先接下), the policy's 先受理; held to account after a visit (追责), the visits' 不问责; a
supplier's grade raised with help (提等级), the chain policy's 提升绩效等级; 算不算 asking whether something done counts as
done (名单算不算交上了), no cue of taking part."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.base import KnowledgeBase
from knowledge.textnorm import said_once
from tests.harness import Harness, assert_answered_with, assert_verdict


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


@given(
    verb=st.sampled_from("能是要会用该"),
    negation=st.sampled_from("不没"),
    after=st.text(alphabet="报装交用罚参加", min_size=1, max_size=4),
)
def test_any_word_asked_both_ways_before_a_denial_is_kept(verb: str, negation: str, after: str) -> None:
    asked = f"{verb}{negation}{verb}{negation}"
    assert said_once(asked + after) == asked + said_once(after)


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
    await assert_answered_with(harness, kb, question, ["who_must_apply", "consequence_not_applying"])


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
        # a grade's measures asked in a story get the entry about the business
        (
            "我们是一条日产2500吨的熟料线，去年定的B级，今年入冬要是发了黄色预警，我们具体要做哪些事",
            "guide_cement_measures_ab",
        ),
        ("我们是烧熟料的要是评个B来了黄色遇警具体得咋办", "guide_cement_measures_ab"),
        (
            "我们是做铸件的，厂里二十来个人，去年刚换了中频炉，今年想评A级，造型线具体有什么要求",
            "guide_foundry_equipment",
        ),
        # a list corrected after naming the right industry gets the revision
        (
            "15号交的申请名单，昨天对照目录才发现行业类别填成了工业涂装，其实该算家具制造，报上去的还能更正不",
            "application_list_revision",
        ),
        ("上周交的名单，行业那栏写成了铸造，其实该算工业涂装，交上去的还能改不", "application_list_revision"),
        ("名单上行业类别填成了陶瓷，其实该算砖瓦窑，已经交到分局了，还能更正不", "application_list_revision"),
        # a builder asking how to apply for the positive list gets the procedure
        ("我们是给平山中学盖教学楼的想进那个保障正面清单材料往哪递谁来出审", "pingshan_poslist_procedure"),
        (
            "我们是给平山一小修操场的施工方，想进那个保障正面清单，材料递给谁，谁来审",
            "pingshan_poslist_procedure",
        ),
        # an incomplete EIA taken in first is the procedure
        (
            "平山一个水厂改扩建项目，环评的报批材料还缺土地证明和一份监测报告，审批局能不能先收下环评",
            "pingshan_eia_procedure",
        ),
        (
            "我们在平山新上的污水处理项目，环评材料还差一份专家意见，审批局能不能先收下",
            "pingshan_eia_procedure",
        ),
        ("平山一个养殖场扩建，环评手续缺个监测报告，能不能先接下来后面再补", "pingshan_eia_procedure"),
        # problems found in a visit held to account get the no penalty promise
        (
            "平山分局的班子成员带着专家来我们厂转了一圈，指出来七八个问题，会不会事后给我们做笔录追责",
            "pingshan_liangjin_nopenalty",
        ),
        ("帮扶的专家查出我们几个问题，回头会不会被追究责任", "pingshan_liangjin_nopenalty"),
        # a supplier asking for help raising its grade gets the chain procedure
        (
            "我们是给平山一家正面清单企业送石灰的，他家说以后只找B级以上的供货商，我们这种能找谁帮忙提等级",
            "pingshan_chain_target_procedure",
        ),
        (
            "我们给平山一家白名单企业供砂石，人家只要B级以上的，谁能帮我们提等级",
            "pingshan_chain_target_procedure",
        ),
        (
            "我们是给平山正面清单企业送包装箱的，人家要B级以上的，我们想提高等级找谁",
            "pingshan_chain_target_procedure",
        ),
        # whether a list sent counts as handed in is no taking part
        (
            "我们托村里的文书顺路把名单捎给了分局，到现在也没个回信，我们这名单到底算不算交上了，咋查",
            "application_list_received_gap",
        ),
        ("名单是让快递寄到分局的，签收了也没人回话，这算不算交上了", "application_list_received_gap"),
    ],
)
async def test_each_causes_wordings_get_the_entry_that_answers_them(
    harness: Harness, kb: KnowledgeBase, question: str, entry: str
) -> None:
    await assert_answered_with(harness, kb, question, entry)


@pytest.mark.parametrize(
    ("question", "industry"),
    [("我们是做陶瓷的，算不算砖瓦窑", "陶瓷"), ("我们是做铸件的，也喷漆，算铸造不", "铸造")],
)
async def test_what_the_business_counts_as_asked_alone_is_still_its_verdict(
    harness: Harness, question: str, industry: str
) -> None:
    reply = await harness.text("张三", question)
    assert "属于" in reply, reply
    assert industry in reply, reply


@pytest.mark.parametrize(
    "question",
    [
        "我们开饭店的，预警期间要停业吗",
        "我们是做钢材贸易的，要报名单吗",
        "驾校，十几台教练车，预警期间能上路吗",
    ],
)
async def test_a_trade_outside_the_list_asking_of_the_grading_is_still_told_so(
    harness: Harness, question: str
) -> None:
    assert_verdict(await harness.text("张三", question), "不属于", "47")


def test_acts_counted_are_no_cue_of_taking_part_but_a_business_counted_is(kb: KnowledgeBase) -> None:
    assert not kb.catalogue.asks_taking_part("我们这名单到底算不算交上了")
    assert not kb.catalogue.asks_taking_part("算不算按时交了")
    assert kb.catalogue.asks_taking_part("石材加工算不算")
    assert kb.catalogue.asks_taking_part("我们做家具的算不算重点行业")
