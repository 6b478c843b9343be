"""What a key term means or what it is for, asked in short (qa_whatis28.yaml: every term the documents define times
the ways people ask a meaning or a purpose): the entry that defines the term answers first, the others of its topic
offered after it; a term too broad to be a question alone (评级, A级) is read so only where its meaning is asked. A
term the documents use without defining it (专班, 正面清单, 预警, 总量指标) gets the entry saying what they say of it.
And the details qa_unanswerable31.yaml asks that the documents never give, in other words than the set's."""

from __future__ import annotations

import pytest

from knowledge.answering import ANSWERED, decide
from knowledge.base import KnowledgeBase
from tests.harness import NOT_SURE, OFFERED, Harness, assert_declined, evaluation_cases

TABLE = evaluation_cases("qa_whatis28.yaml")


def test_every_term_asked_its_meaning_or_purpose_gets_the_entry_defining_it(kb: KnowledgeBase) -> None:
    # through the catalogue and decide only: a conversation per row would cost ~300 bots for what one decision shows
    missed = []
    for case in TABLE:
        decision = decide(kb, str(case["q"]))
        answered = [hit.entry.id for hit in decision.hits] if decision.kind in ANSWERED else []
        acceptable = {str(case["expect"]), *map(str, case.get("also_ok", []))}  # type: ignore[call-overload]
        if acceptable.isdisjoint(answered[:2]):
            missed.append((case["q"], decision.kind, answered))
    assert not missed, missed


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        # the grading itself asked of: what it is for, not Pingshan's 两进三送 nor the incentive's timeline
        pytest.param("环保评级到底是干什么的", "差异化管控", id="the-grading"),
        pytest.param("激励性分级是什么意思呀", "一般性激励", id="the-incentive-grading"),
        pytest.param("应急减排清单是啥意思", "不同级别重污染天气预警", id="the-emission-reduction-list"),
        pytest.param("门禁系统是干嘛的", "自动识别车牌", id="the-gate"),
        pytest.param("什么叫B级", "A级最高", id="a-grade"),
        # words of asking the table does not hold: 啥是, 是做啥的, a Pingshan policy's name
        pytest.param("啥是减排清单", "不同级别重污染天气预警", id="what-is-said-first"),
        pytest.param("车牌识别是做啥的", "自动抬杆", id="what-it-is-made-for"),
        pytest.param("两进三送到底是个啥", "送法律、送政策、送技术", id="a-pingshan-policy"),
    ],
)
async def test_a_terms_meaning_asked_in_the_group_is_answered_with_its_definition(
    harness: Harness, question: str, answered: str
) -> None:
    reply = await harness.text("张三", question)
    assert answered in reply, reply
    assert OFFERED in reply, reply  # the term's other entries, offered by title after the definition


@pytest.mark.parametrize(
    ("question", "not_answered"),
    [
        # a grade with another thing asked (要干啥, 什么时候) is about that grade's measures or its date
        pytest.param("B级预警时要干啥", "A级最高", id="a-grades-measures"),
        # the grading's deadline asked is the deadline's, not what the grading is for
        pytest.param("评级是什么时候截止", "差异化管控", id="the-gradings-deadline"),
    ],
)
async def test_a_broad_term_with_something_else_asked_is_not_read_as_its_meaning(
    harness: Harness, question: str, not_answered: str
) -> None:
    reply = await harness.text("张三", question)
    assert not_answered not in reply, reply
    assert not reply.startswith(NOT_SURE), reply


@pytest.mark.parametrize(
    "question",
    [
        # the materials' form beyond the template and the copies: a scan's colour, the medium, the paper
        pytest.param("扫描的时候用彩色扫还是黑白扫", id="a-scans-colour"),
        pytest.param("电子版拷U盘带过去行吗", id="the-medium"),
        pytest.param("申报材料用A4纸吗", id="the-paper"),
        # a group's member limit, the experts' visits, a technique no entry names, dust sold or stored
        pytest.param("这个群最多能拉几个人", id="a-groups-member-limit"),
        pytest.param("两进三送的专家去过哪些厂", id="the-experts-visits"),
        pytest.param("低温等离子的设备还让用吗", id="a-technique-unnamed"),
        pytest.param("除尘灰堆在厂里要备案吗", id="collected-dust"),
    ],
)
async def test_a_detail_the_documents_never_give_is_declined(harness: Harness, question: str) -> None:
    assert_declined(await harness.text("张三", question), "通知对申报材料的格式只写了三点")


async def test_the_materials_copies_are_still_the_materials_entrys(harness: Harness) -> None:
    # the gap of their form took the medium's words; how many copies and by when stays the materials' own
    reply = await harness.text("张三", "材料纸质版要几份，电子版刻光盘吗")
    assert "2份" in reply, reply


async def test_what_the_application_list_is_for_is_the_budgets_basis_and_what_it_is_its_form(
    harness: Harness,
) -> None:
    # one term, two questions: its purpose is another entry's than its definition
    reply = await harness.text("张三", "申请名单是干嘛用的")
    assert "安排预算的依据" in reply, reply
    reply = await harness.text("李四", "什么是申请名单")
    assert "附件5" in reply, reply
    assert "安排预算的依据" not in reply, reply


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        # the case: 短板原则 and the 2026 reform answered it; the notice names the task force only as an address
        pytest.param("专班是什么意思", "只在通知第（十六）条出现", id="the-task-force"),
        pytest.param("正面清单到底是个啥", "不止一种", id="a-bare-positive-list"),
        # the levels' colours are the guide reference's, said with its confidence
        pytest.param("预警是啥", "黄色、橙色、红色分级（可信度中等）", id="the-warning"),
        pytest.param("总量指标是什么意思", "没有给“总量指标”下定义", id="the-quota"),
        pytest.param("啥叫包容性执法", "轻微不罚", id="a-pingshan-policy-by-its-name"),
    ],
)
async def test_a_term_the_documents_use_without_defining_it_is_answered_with_what_they_say_of_it(
    harness: Harness, question: str, answered: str
) -> None:
    reply = await harness.text("张三", question)
    assert answered in reply, reply
    assert OFFERED in reply, reply
    assert "短板" not in reply, reply


@pytest.mark.parametrize("question", ["什么是工业园区", "工业园区是什么"])
async def test_what_an_industrial_park_is_says_the_notice_leaves_it_undefined(
    harness: Harness, question: str
) -> None:
    """ux31: the notice only names 是否在工业园区 as a field of the list; its entry read as if that defined the term."""
    reply = await harness.text("张三", question)
    assert "准确填报以下关键信息：行业类别、绩效等级、是否在工业园区" in reply
    assert "哪些算工业园区，通知未作说明，请向当地环保部门问清楚。" in reply


async def test_the_quota_alone_is_still_pingshans_support_for_it(harness: Harness) -> None:
    # its meaning is another entry's than what the word said alone most often wants
    reply = await harness.text("张三", "总量指标")
    assert "政府总量储备" in reply, reply
    assert "下定义" not in reply, reply


async def test_when_a_warning_ends_is_not_asked_of_what_a_warning_is(harness: Harness) -> None:
    reply = await harness.text("张三", "预警什么时候解除")
    assert "重污染天气预警下定义" not in reply, reply
    assert not reply.startswith(NOT_SURE), reply


async def test_a_formal_promotion_is_the_incentives_both_terms(harness: Harness) -> None:
    # 晋级 is said only of Pingshan's incentive: managed a grade higher first, formal once met (half a year or a year)
    reply = await harness.text("张三", "正式晋级是什么意思")
    assert "半年内" in reply, reply
    assert "一年内" in reply, reply
