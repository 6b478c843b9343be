"""What gave qa_fresh27's and qa_fresh26's situations the neighbouring entry of their topic, each cause in other words:
who speaks (someone at a county branch asks the branches' own deadline), the clause a day is said in (a late day
beside a document handed in on time), whom a count is for (a report for a township quoting the whole city's count),
and the detail asked outranking the topic (a misrecorded fleet register, a grade's measures in a warning, a stove's
fuel for the micro rule, an office's opening hour). Each with wordings that must keep their answer."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.base import KnowledgeBase
from tests.harness import Harness, assert_answered_with

# the branches' deadlines: 7月18日 for the list, 8月7日 for the materials; the enterprises' 7月17日 and 7月31日
BRANCH_LIST, BRANCH_MATERIALS = "deadline_branch_list", "deadline_branch_materials"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        pytest.param(
            "我在区分局负责汇总，企业的名单最晚几点要报到市局", BRANCH_LIST, id="at-a-branch-summing-lists"
        ),
        pytest.param("我是分局的，名单我们最晚什么时候报上去", BRANCH_LIST, id="i-am-the-branch"),
        pytest.param("我在分局上班，名单最晚哪天报", BRANCH_LIST, id="working-at-the-branch"),
        pytest.param("辖区企业的材料收齐了，最晚几号报", BRANCH_MATERIALS, id="the-districts-materials"),
        pytest.param(
            "分局这边把辖区的申报材料汇总了，最晚哪天交到市里",
            BRANCH_MATERIALS,
            id="the-branch-hands-materials-on",
        ),
        pytest.param(
            "县局同事问，企业材料收齐以后最晚几号往市里报", BRANCH_MATERIALS, id="a-county-colleague-asks"
        ),
    ],
)
async def test_a_deadline_asked_by_a_branch_or_of_handing_on_is_the_branches(
    harness: Harness, kb: KnowledgeBase, question: str, entry: str
) -> None:
    # the sender sums up the county's documents or works at a branch: the enterprises' earlier day is not theirs
    await assert_answered_with(harness, kb, question, entry)


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        pytest.param("申请名单最晚几号交到分局", "deadline_application_list", id="the-enterprises-list-day"),
        pytest.param(
            "申请名单是报到市局专班吗", "deadline_application_list", id="whether-to-the-city-no-day"
        ),
        pytest.param("申报材料什么时候截止", "deadline_materials", id="the-enterprises-materials-day"),
        pytest.param("我在分局门口，名单最晚几点交", "deadline_application_list", id="at-the-branchs-door"),
        pytest.param("分局这边说名单最晚17号交，对吗", "deadline_application_list", id="quoting-the-branch"),
    ],
)
async def test_the_enterprises_own_deadline_is_kept(
    harness: Harness, kb: KnowledgeBase, question: str, entry: str
) -> None:
    # no handing on and no branch speaking (being at the branch or quoting it is an enterprise's too), or no deadline
    # asked: the enterprises' entry as before
    await assert_answered_with(harness, kb, question, entry)


DOCUMENTS = ["名单", "申请名单", "材料", "申报材料"]
HANDING_ON = ["汇总后报市局", "往市里报", "报专班", "分局这边汇总"]
ASKING_A_DEADLINE = ["最晚哪天", "几号截止", "什么时候", "最晚几点"]
OTHER_ASKING = ["怎么填", "要盖章吗", "找谁问"]


@given(
    document=st.sampled_from(DOCUMENTS),
    handing=st.sampled_from(HANDING_ON),
    asked=st.sampled_from(ASKING_A_DEADLINE),
)
def test_handing_on_with_a_deadline_asked_is_the_branches_day(
    kb: KnowledgeBase, document: str, handing: str, asked: str
) -> None:
    entry = kb.deadline_handed_on(f"{document}{handing}，{asked}")
    assert entry is not None
    assert entry.id == (BRANCH_MATERIALS if "材料" in document else BRANCH_LIST)


@given(
    document=st.sampled_from(DOCUMENTS),
    handing=st.sampled_from(HANDING_ON),
    asked=st.sampled_from(OTHER_ASKING),
)
def test_handing_on_asking_no_deadline_is_left_to_the_search(
    kb: KnowledgeBase, document: str, handing: str, asked: str
) -> None:
    assert kb.deadline_handed_on(f"{document}{handing}，{asked}") is None


def test_two_documents_named_beside_the_deadline_asked_say_no_one_of_them(kb: KnowledgeBase) -> None:
    assert kb.deadline_handed_on("名单和材料汇总后最晚几号报市局") is None


def test_how_long_something_is_kept_asks_no_deadline(kb: KnowledgeBase) -> None:
    # 几个月 (多久) of the video asks a duration; where the materials go is the other question, no day asked
    assert kb.deadline_handed_on("门禁视频存几个月，材料是交市局还是交分局") is None


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("名单早就交了，材料8月5号才送到分局，会怎么样", id="list-on-time-materials-late"),
        pytest.param("申请名单按时报了，申报材料8月份才交上去，还算数吗", id="late-in-the-month"),
        pytest.param("材料8月份才交上去，还算数吗", id="one-document-as-before"),
    ],
)
async def test_a_late_day_is_said_of_the_document_in_its_own_clause(
    harness: Harness, kb: KnowledgeBase, question: str
) -> None:
    # the materials handed in after 7月31日 are managed at the lowest grade; the list handed in on time says nothing
    await assert_answered_with(harness, kb, question, "consequence_not_applying")


def test_both_documents_in_the_days_clause_name_no_one_deadline(kb: KnowledgeBase) -> None:
    assert kb.deadline_by_the_day("名单和材料8月3号一起交的，会怎么样") is None


@pytest.mark.parametrize(
    "question",
    [
        pytest.param(
            "领导让我给乡里准备个发言稿，全市涉及评级的企业有多少家", id="a-speech-for-the-township"
        ),
        pytest.param("村里要出个简报，要写全市这轮评级涉及多少家企业", id="a-village-bulletin"),
    ],
)
async def test_the_whole_citys_count_asked_for_a_part_is_the_citys(
    harness: Harness, kb: KnowledgeBase, question: str
) -> None:
    # the township or village is whom the count is for, not what is counted: the city's 5522
    await assert_answered_with(harness, kb, question, "enterprise_count")


async def test_a_parts_own_count_is_still_not_the_citys(harness: Harness) -> None:
    # the documents count only the whole city: a township's number is not 5522
    reply = await harness.text("张三", "我们乡里有多少家企业要参加评级")
    assert "5522" not in reply, reply


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        pytest.param(
            "我们材料上个月就交齐了，分局会不会压着等全县其他厂都交了再一块往上报",
            "mature_one_submit_one",
            id="held-back-for-the-others",
        ),
        pytest.param(
            "听说分局要等辖区企业的材料都收齐了才一起送市里，我们先交的是不是得干等着",
            "mature_one_submit_one",
            id="waiting-for-the-county",
        ),
        pytest.param(
            "我们不打算参评了，到时候按最低等级，预警时限产方案谁说了算",
            "lowest_measures_confirm",
            id="who-settles-the-ungradeds-measures",
        ),
        pytest.param(
            "厂里不报绩效评级了，预警期间减排措施谁说了算",
            "lowest_measures_confirm",
            id="not-applying-whose-call",
        ),
        pytest.param(
            "车队的人把两台国三车在台账里登记成了国五，被查出来会怎样",
            "consequence_mobile_fraud",
            id="a-truck-registered-a-stage-higher",
        ),
        pytest.param(
            "电子台账里有几台车的排放标准录成了国六，这个查出来后果严重吗",
            "consequence_mobile_fraud",
            id="a-register-misrecorded",
        ),
        pytest.param(
            "我们评的是B级，重污染天气来了B级企业要怎么减排", "guide_grade_b", id="the-senders-b-grade"
        ),
        pytest.param("B级企业预警期间一般要采取什么减排措施", "guide_grade_b", id="a-b-grades-measures"),
        pytest.param(
            "厂里刚评上A级，以后橙色红色预警还要停产不", "guide_grade_a_leading", id="the-senders-a-grade"
        ),
        pytest.param(
            "评上A级的企业碰上红色预警，生产线还用停吗", "guide_grade_a_leading", id="an-a-grade-in-red"
        ),
        pytest.param(
            "车牌识别和装卸区的监控，以后要跟市里的哪些监控平台联网",
            "mobile_compat",
            id="the-platforms-to-join",
        ),
        pytest.param("门禁系统装好以后要接入环保局哪几个平台", "mobile_compat", id="the-gate-joins-which"),
        pytest.param(
            "我们是玻璃厂，熔窑一旦点火就不能停，预警来了怎么办",
            "non_interruptible_process",
            id="a-glass-furnace-cannot-stop",
        ),
        pytest.param(
            "熔窑停不下来的企业遇到橙色预警咋执行", "non_interruptible_process", id="a-furnace-in-orange"
        ),
        pytest.param("我们只报C级，门禁道闸也必须装吗", "mobile_system_who", id="must-a-c-grade-install"),
        pytest.param("打算只申报C级，移动源系统必须装吗", "mobile_system_who", id="must-the-system-be-built"),
        pytest.param("厂里冬天取暖还烧着个煤炉子，这样能算小微吗", "micro_fuel", id="a-coal-stove-and-micro"),
        pytest.param("车间取暖烧的是柴油炉子，还能认定小微吗", "micro_fuel", id="an-oil-stove-and-micro"),
        pytest.param("明天上午去分局送材料，分局几点开门", "office_details_gap", id="when-the-branch-opens"),
        pytest.param(
            "平山激励性绩效分级的事归谁管", "pingshan_incentive_contact", id="the-incentives-own-contact"
        ),
    ],
)
async def test_the_detail_or_situation_told_outranks_the_topics_neighbour(
    harness: Harness, kb: KnowledgeBase, question: str, entry: str
) -> None:
    await assert_answered_with(harness, kb, question, entry)


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        pytest.param("门禁系统要什么功能", "gate_system", id="the-gates-functions"),
        pytest.param("小微涉气企业标准是什么", "micro_criteria_all", id="the-micro-criteria"),
        pytest.param("平山政策的联系人都有谁", "pingshan_contacts_all", id="every-pingshan-contact"),
        pytest.param("B级企业预警期间要干什么", "guide_grade_b", id="the-b-grade-as-before"),
        pytest.param("不参加评级的企业减排措施谁定", "lowest_measures_confirm", id="the-ungraded-as-before"),
        pytest.param("删监控视频会怎么样", "consequence_mobile_fraud", id="deleting-video"),
        pytest.param("材料造假会怎么处理", "consequence_fraud", id="forged-materials-stay-general-fraud"),
    ],
)
async def test_the_topics_general_entries_keep_their_own_questions(
    harness: Harness, kb: KnowledgeBase, question: str, entry: str
) -> None:
    await assert_answered_with(harness, kb, question, entry)
