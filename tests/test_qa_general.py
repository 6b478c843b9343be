"""General questions understood as questions, however they are typed in a WeChat group: what makes a clause ask
(a question word, a word asked both ways, a last word that asks), a clause that goes on with the question before
it, and a second question only where a clause asks something new."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from knowledge.answering import ANSWERED, decide
from knowledge.base import KnowledgeBase
from tests.harness import Harness

TWO_THINGS = "您问了两件事"
MATERIALS_REVIEW = "按照八大绩效评级原则对企业申报材料进行汇总和初审"


@pytest.mark.parametrize(
    ("question", "first", "second"),
    [
        ("门禁要装吗 材料谁来审", "自动识别车牌", MATERIALS_REVIEW),  # 谁 asks
        ("名单几号交 材料谁审核", "7月17日12:00前", MATERIALS_REVIEW),
    ],
)
async def test_each_asking_clause_of_two_questions_is_answered(
    harness: Harness, question: str, first: str, second: str
) -> None:
    reply = await harness.text("张三", question)
    assert reply.startswith(TWO_THINGS)
    assert first in reply
    assert second in reply


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("材料齐了是攒一块报 还是随时报", "成熟一个申报一个"),  # a clause starting with 还是 goes on
        ("申报材料交到哪 交市局还是分局", "纸质版2份和电子版"),  # one asking by 还是 alone does too
        ("包容执法找谁 张振奇电话多少", "张振奇"),  # the second clause finds nothing new surely
        ("俺们不报行不行 有啥后果", "按最低等级进行管理"),  # "有啥后果" alone fits several entries alike
    ],
)
async def test_a_clause_that_asks_nothing_new_is_no_second_question(
    harness: Harness, question: str, fact: str
) -> None:
    reply = await harness.text("张三", question)
    assert fact in reply
    assert not reply.startswith(TWO_THINGS)


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("市政工程能进正面清单是不是", "民生建设项目"),  # a tag confirms: no cue of taking part
        ("我们是物流园，门禁也得装对吧", "货物集散地的车辆进出门口"),
        ("水泥厂运输车得是国五吧", "国五及以上"),  # 吧 asks: not a cement works describing itself
    ],
)
async def test_a_question_ending_in_a_tag_is_answered_not_read_as_a_business(
    harness: Harness, question: str, fact: str
) -> None:
    reply = await harness.text("张三", question)
    assert fact in reply
    assert not reply.startswith(("属于", "不属于", "我没能确定"))


@pytest.mark.parametrize(
    ("message", "industry"),
    [
        ("砖厂应该算吧", "砖瓦窑"),
        ("我们做喷漆的是不是也得报", "工业涂装"),
        ("我们做家具的 也得报名单吧", "家具制造"),
    ],
)
async def test_asking_whether_ones_own_trade_takes_part_still_gets_the_verdict(
    harness: Harness, message: str, industry: str
) -> None:
    reply = await harness.text("张三", message)
    assert reply.startswith("属于")
    assert f"“{industry}”" in reply


ENDINGS = ("不", "没", "没有", "么", "吧", "是吧", "对吧", "是不是")
ASKED_ONCE = re.compile("能|会|要|用|可以|需要")  # each asked both ways below: 能不能, 会不会, 可不可以


def _answered(kb: KnowledgeBase, question: str) -> set[str]:
    decision = decide(kb, question)
    return {hit.entry.id for hit in decision.hits[:2]} if decision.kind in ANSWERED else set()


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_any_faq_question_asked_another_way_finds_what_it_found(
    kb: KnowledgeBase, data: st.DataObject
) -> None:
    # Every phrasing of the FAQ that ends in 吗, asked with another last word or with its verb asked both ways
    # ("名单能改吗" -> "名单能改不", "名单能改吧", "名单能不能改"): the same answer, not a business's verdict.
    phrasings = sorted(q for entry in kb.entries.values() for q in entry.questions if q.endswith("吗"))
    question = data.draw(st.sampled_from(phrasings))
    found = _answered(kb, question)
    assume(found)
    stem = question[:-1]
    verb = ASKED_ONCE.search(stem[:-1])
    ways = [stem + ending for ending in ENDINGS]
    if verb:
        ways.append(f"{stem[: verb.start()]}{verb.group()[0]}不{stem[verb.start() :]}")
    asked = data.draw(st.sampled_from(ways))
    assert _answered(kb, asked) & found, asked


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("几号?", "7月17日12:00前"),  # a bare question word of the deadline intent
        ("截至时间是几号", "7月17日12:00前"),  # two words of one intent: still short
        ("后果?", "按最低等级进行管理"),
        ("名单?", "即通知附件5"),
        ("名单能不能改", "通知没有写申请名单报出后能否修改"),
        ("名单交了分局刷不刷", "科学、合理筛查"),  # 刷不刷: screened out
        ("一共有几个档次", "A、B、B-"),  # 档次: 等级
        ("窑炉停不下来咋限产", "不可中断工序"),
        ("俺们就一个小作坊 算小微不", "污染物年排放总量100千克以下"),
        # the grading's materials first, not the Pingshan positive list's ("正面清单材料交给谁" names that one)
        ("材料交给谁", "7月31日"),
        (
            "要交哪些材料",
            "附件9",
        ),  # the template says what goes in (it was paired with the small/micro one's)
    ],
)
async def test_short_and_colloquial_questions_find_their_entry(
    harness: Harness, question: str, fact: str
) -> None:
    assert fact in await harness.text("张三", question)


@pytest.mark.parametrize(
    ("question", "gap"),
    [
        ("申报材料要不要盖公章", "通知都没有写"),
        ("平山分局办公室在几楼", "我们的资料里没有市局和各县（市、区）分局的地址"),
        ("明天会不会启动橙色预警", "机器人也不预报天气"),
        ("环保局招聘考试啥时候报名", "两份资料都没有写"),  # not the application list's deadline
        ("电动车上牌去哪办", "这个问题我不确定"),  # an e-bike is no transport vehicle of the notice (新能源)
    ],
)
async def test_what_the_documents_do_not_say_is_said_to_be_missing(
    harness: Harness, question: str, gap: str
) -> None:
    assert gap in await harness.text("张三", question)
