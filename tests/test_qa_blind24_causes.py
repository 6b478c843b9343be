"""Causes of the question misses of the blind sets written at a9526fc (qa_fresh21, qa_unanswerable28) and of those
left of qa_fresh20, fixed by vocabulary: the formal words of accountants and lawyers as the plain ones the entries
use (未按期 = 逾期, 删改 = 删减, 未发布预警 = 非预警, 不参与绩效评级 = 非评级), a worker's words for the plant running
(照常开机), details the documents never give (a refund, someone writing the materials, a certificate), and two
grades listed by their letters before one 级 (AB级, A、B级) read as both grades, as A级B级 is."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.textnorm import Normalizer, grades
from tests.harness import NOT_SURE, Harness, assert_declined


@pytest.mark.parametrize(
    ("question", "answered", "instead"),
    [
        # lateness is the lowest grade (第（十七）条), not the materials' deadline
        ("申报材料未按期交到分局，企业要承担什么后果", "没有规定补报办法", "纸质版2份"),
        # cutting recordings is the mobile sources' fraud (第（五）条), not where cameras go
        ("删改了装卸区的监控视频会受到什么处理", "篡改车辆信息", "应装尽装"),
        # the time no warning is issued is Pingshan's 三个禁用, not the warning's timing
        ("没发布预警期间，环保部门可否采取停产措施", "三个禁用", "不预报天气"),
        ("评级当天车间还照常开机干活吗", "正常生产状态", NOT_SURE),
        # not taking part, the grading named with 绩效: the list still takes every plant that emits
        ("企业不参与绩效评级，是不是就不进减排清单了", "不论是否参加绩效评级", "自主采取减排措施"),
    ],
)
async def test_formal_and_workers_words_reach_the_entry_of_the_plain_ones(
    harness: Harness, question: str, answered: str, instead: str
) -> None:
    """The entry the plain words name answers first; what the formal words' absence let win comes after, if at all."""
    reply = await harness.text("张三", question)
    assert answered in reply, reply
    assert instead not in reply.split(answered)[0], reply


@pytest.mark.parametrize(
    "question",
    ["评级没过，买视频监控的钱能退吗", "分局能不能派人代写材料", "评上A级发证书吗"],
)
async def test_details_the_documents_never_give_are_declined(harness: Harness, question: str) -> None:
    assert_declined(await harness.text("张三", question))


async def test_a_service_asking_whether_it_may_write_the_materials_gets_its_verdict(harness: Harness) -> None:
    """代写 alone is no detail asked: a business that writes for enterprises is described, and told it is outside."""
    reply = await harness.text("张三", "我们是环保咨询公司，专门替企业写报告，评级材料能代写吗")
    assert "不属于" in reply, reply


@given(
    first=st.sampled_from("ABCDabcd"),
    joiner=st.sampled_from(["", "、", "，", "/", " "]),
    second=st.sampled_from("ABCDabcd"),
    after=st.sampled_from(["的企业要建台账吗", "企业", "要装门禁吗"]),
)
def test_two_letters_before_one_grade_word_are_both_grades(
    first: str, joiner: str, second: str, after: str
) -> None:
    normalize = Normalizer([])
    listed = normalize(f"报{first}{joiner}{second}级{after}")
    if first.lower() == second.lower():
        assert grades(listed) == {second.lower()}  # AA级 is no list of two
    else:
        assert listed == normalize(f"报{first}级{second}级{after}")
        assert grades(listed) == {first.lower(), second.lower()}
    # inside a word (a model number) the letters are no grades
    assert grades(normalize(f"型号x{first}{second}级")) <= {second.lower()}


async def test_the_ledger_asked_of_grades_listed_is_the_ledgers_entry(harness: Harness) -> None:
    """The ledger is every applicant's, the gate and video system only the A and B grades' (第（五）条)."""
    reply = await harness.text("张三", "电子台账是不是报A级B级的企业才要建")
    assert reply.startswith("所有申报评级的企业都应建立运输车辆电子台账"), reply
