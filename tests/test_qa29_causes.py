"""Causes of the misses of the blind set qa_fresh29 (figures and formal letters), each in other words than the set's:
a formal letter's heading (贵局：, 致…局：, 关于…的请示：), its sentence saying what it asks (现就…咨询如下) and its closing
(特此函询, 妥否，请批示) wrap the question; the company introducing itself (我公司系…企业, 我单位…) before what it asks
is the business statement, and the question after it is answered (the verdict only where taking part is asked);
formal question words (何种, 何时, 能否); numbered sub-questions (一、…二、…, 1.…2.…, （1）…（2）…) each a question,
asked of the topic named before them and of the part of the city the letter names."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.base import KnowledgeBase
from knowledge.textnorm import numbered_items
from tests.decisions import decided
from tests.harness import (
    Harness,
    assert_answered_with,
    assert_answered_with_each,
    assert_verdict,
)


@pytest.mark.parametrize(
    ("letter", "entry"),
    [
        ("贵局：我公司系年产5万吨的铸件生产企业，申报材料应按何种模板编制，特此函询", "materials_template"),
        (
            "致市生态环境局：我司拥有3条瓦楞纸箱印刷线，申报材料应按何种模板编制，敬请函复",
            "materials_template",
        ),
        (
            "关于未按期申报后果的咨询：我公司年产玻璃制品2万吨，如今年未报名，将受何种管理",
            "consequence_not_applying",
        ),
        (
            "关于环评受理的请示：我公司在平山拟建年产5万吨饲料项目，环评材料尚缺2项，能否先行受理",
            "pingshan_eia_procedure",
        ),
        ("关于专班职责的咨询函：通知所称市局专班负责哪些工作", "city_task_force"),
        (
            "关于申报时限的请示：我公司年产水泥熟料100万吨，申请名单何时截止，妥否，请批示",
            "deadline_application_list",
        ),
        (
            "致分局：本单位为包装印刷企业，现就申请名单的截止日期及报送对象请示如下，望回复",
            "deadline_application_list",
        ),
    ],
)
async def test_a_letter_introducing_its_company_gets_the_answer_to_what_it_asks(
    harness: Harness, kb: KnowledgeBase, letter: str, entry: str
) -> None:
    # the heading, the closing and the company's capacity are the letter's wrapping and the business said first: what
    # it asks after them is answered, not the business's industry
    await assert_answered_with(harness, kb, letter, entry)


@pytest.mark.parametrize(
    ("letter", "industry"),
    [
        ("贵局：我公司系年产30万吨的石灰生产企业，是否属于重点行业，特此函询", "石灰窑"),
        ("我公司系年产30万吨的石灰生产企业，要不要参加评级", "石灰窑"),
        ("致分局：我单位是一家铸件生产企业，是否需要参加评级，敬请函复", "铸造"),
    ],
)
async def test_a_company_introducing_itself_and_asking_whether_it_takes_part_still_gets_the_verdict(
    harness: Harness, letter: str, industry: str
) -> None:
    assert_verdict(await harness.text("张三", letter), "属于", industry)


@pytest.mark.parametrize(
    ("letter", "first", "second"),
    [
        (
            "现就两事咨询如下：1.申请名单几号截止；2.纸质材料交几份",
            "deadline_application_list",
            "deadline_materials",
        ),
        (
            "贵局：现就两事咨询如下：一、申请名单报送截止时间；二、申报材料纸质版份数。特此函询",
            "deadline_application_list",
            "deadline_materials",
        ),
        (
            "关于小微涉气企业的请示：（1）年排放量上限多少；（2）认定意见由谁出具",
            "micro_annual_amount",
            "micro_certification",
        ),
        (
            "现就移动源咨询如下：一、装卸场所视频须保存多久；二、删减视频将受何处理",
            "loading_video",
            "consequence_mobile_fraud",
        ),
        (
            "平山某建设项目请示：一、预警期间哪些工序须停；二、联系人电话多少",
            "pingshan_poslist_content",
            "pingshan_contacts_all",
        ),
    ],
)
async def test_each_numbered_sub_question_of_a_letter_is_answered(
    harness: Harness, kb: KnowledgeBase, letter: str, first: str, second: str
) -> None:
    await assert_answered_with_each(harness, kb, letter, first, second)


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        # plain questions and a decimal's point are no letter's wrapping nor numbered items: as before
        ("申请名单何时截止", "deadline_application_list"),
        ("关于申请名单，几号截止", "deadline_application_list"),
        ("小微涉气企业年排放量上限是多少", "micro_annual_amount"),
    ],
)
def test_questions_without_a_letters_form_keep_their_entry(
    kb: KnowledgeBase, question: str, entry: str
) -> None:
    kind, entries, step, *_ = decided(kb, question)
    assert entries[:1] == (entry,), (kind, entries, step)


_ITEM_CHARS = st.text(
    alphabet=st.sampled_from("名单材料截止时间份数门禁视频保存多久谁出具意见"), min_size=2, max_size=12
)


@given(st.lists(_ITEM_CHARS, min_size=2, max_size=5), st.sampled_from(["chinese", "digit", "bracket"]))
def test_numbered_items_are_read_back_whatever_their_markers(items: list[str], style: str) -> None:
    markers = {
        "chinese": [f"{numeral}、" for numeral in "一二三四五"],
        "digit": [f"{number}." for number in range(1, 6)],
        "bracket": [f"（{number}）" for number in range(1, 6)],
    }[style]
    letter = "现就以下事项咨询如下：" + "；".join(
        marker + item for marker, item in zip(markers, items, strict=False)
    )
    assert numbered_items(letter) == items


@given(st.lists(st.integers(min_value=1, max_value=9), min_size=1, max_size=4))
def test_decimals_and_a_single_item_number_nothing(tenths: list[int]) -> None:
    figures = "，".join(f"{tenth}.{tenth}吨" for tenth in tenths)
    assert numbered_items(f"排放量{figures}，算小微吗") == []
    assert numbered_items("一、申请名单几号截止") == []


@pytest.mark.parametrize(
    ("question", "entries"),
    [
        # a generator burns oil: the fuel rule decides it, whatever hours it runs
        ("备用发电机烧柴油，影响算小微不", ["micro_fuel"]),
        ("备用的2台柴油发电机一年只开三四十个小时，别的全用电，这种情况小微涉气还算得上吗", ["micro_fuel"]),
        # a project's allowance named by what it allows (排放量指标) is the total-quota policy
        ("平山新上的项目缺排放量指标，怎么办", ["pingshan_quota_content", "pingshan_quota_procedure"]),
        # a kiln that cannot be let go out, however said, is a process that cannot be interrupted
        ("轮窑不能随便熄火，重污染预警期间怎么办", ["non_interruptible_process"]),
        ("我们的窑一年到头连续烧，预警来了减排咋落实", ["non_interruptible_process"]),
    ],
)
async def test_the_rule_deciding_the_senders_own_figures_answers(
    harness: Harness, kb: KnowledgeBase, question: str, entries: list[str]
) -> None:
    await assert_answered_with(harness, kb, question, entries)


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        # a letter's written words are the spoken ones: 隐瞒 is 瞒报, 派员赴厂 is people sent to the plant, 省级指南 the
        # notice's Hebei guide
        ("企业隐瞒了一条生产线没报清单会怎样", "list_false_report_penalty"),
        ("某街道办函：辖区企业如隐瞒1条涉气生产线未报入清单，将如何处理", "list_false_report_penalty"),
        ("评级期间分局是否派员赴厂实地核查", "onsite_inspection"),
        ("致分局：贵局评级期间是否派员赴厂核查？我公司需提前安排生产，特此函询", "onsite_inspection"),
        ("省级指南在哪里下载", "guide_hebei8_what"),
    ],
)
async def test_a_letters_written_words_find_the_entry_of_the_spoken_ones(
    harness: Harness, kb: KnowledgeBase, question: str, entry: str
) -> None:
    await assert_answered_with(harness, kb, question, entry)


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        # one indicator only good enough for a lower grade (只够) is the short-board rule's case
        ("其余指标都够B级，就一项只够C级，定几级", "guide_short_board"),
        ("7个方面的指标6项够A级，就运输那1项只够B级，最后能评几级", "guide_short_board"),
        # video deleted (被删) is the mobile-source fraud's consequence, not the video rule
        ("车辆进出的监控视频被删了会受什么处理", "consequence_mobile_fraud"),
        ("门口的视频被删了要紧吗", "consequence_mobile_fraud"),
    ],
)
async def test_a_case_told_with_figures_gets_the_rule_that_decides_it(
    harness: Harness, kb: KnowledgeBase, question: str, entry: str
) -> None:
    await assert_answered_with(harness, kb, question, entry)
