"""What made the bot answer the blind sets of fresh15 (tests/data/qa_fresh15.yaml, qa_unanswerable22.yaml) wrongly,
each cause in other words: a paper lost and asked again, machinery's registration plates, a permit's management
category, the heating season, a qualification's exam asked with where to sign up for it. The documents give none of
them; questions they do answer keep their entries."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.textnorm import asked_after_forwarded
from tests.harness import GAP_STATED, Harness, assert_declined


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("上回发的绩效等级证明弄丢了，还能补发吗", id="a-paper-lost-issued-again"),
        pytest.param("厂里叉车环保挂牌找哪个部门", id="machinerys-plates"),
        pytest.param("排污许可证的类别是重点管理还是登记管理，在哪个平台查", id="a-permits-category"),
        pytest.param("今年啥时候开始集中供暖", id="the-heating-season"),
        pytest.param("环保管理员要考什么证，怎么报名", id="an-exam-and-where-to-sign-up"),
    ],
)
async def test_a_detail_the_documents_do_not_give_is_declined(harness: Harness, question: str) -> None:
    assert_declined(await harness.text("张三", question), GAP_STATED)


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        # signing up asked of the notice's own expert volunteers, after naming them
        pytest.param("技术骨干想报名专家，去哪报名", "附件6", id="the-experts-sign-up"),
        # a clause after the figure's that names its own subject is asked besides it
        pytest.param("排污权交易多少钱，平山在哪办", "排污权", id="where-to-go-besides-a-price"),
    ],
)
async def test_a_question_the_documents_answer_keeps_its_answer(
    harness: Harness, question: str, answered: str
) -> None:
    assert answered in await harness.text("张三", question)


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("〔2020〕-126这个号是啥文件", id="as-printed"),
        pytest.param("2020-126号文内容是什么", id="without-brackets"),
    ],
)
async def test_the_notice_named_by_its_number_is_the_notice(harness: Harness, question: str) -> None:
    # the number printed on the notice's first page names it: its issuer and date, not the national guide's
    reply = await harness.text("张三", question)
    assert "〔2020〕-126" in reply, reply
    assert "7月15日" in reply, reply


async def test_a_warning_quoted_before_when_is_asked_gets_the_deadline(harness: Harness) -> None:
    # the quoted line's 逾期后果自负 is what the group was told; what is asked of it is the date
    reply = await harness.text("张三", "县里工作群通知：“名单请按时报分局，逾期后果自负。”按时是指哪天前")
    assert "7月17日" in reply, reply


async def test_the_question_after_a_forwarded_message_is_what_is_asked(harness: Harness) -> None:
    # the forwarded notice names its year and the consequences; the words after the dash ask about the ledger
    reply = await harness.text(
        "张三", "转发：2020年评级的通知大家看一下，按要求报送，逾期后果自负——厂里运输车辆台账需要记哪些内容"
    )
    assert "台账" in reply, reply
    assert GAP_STATED not in reply, reply
    assert "不确定" not in reply, reply


# a message's words without a dash or the word for forwarding, as people type them in a group
_WORDS = st.text(
    alphabet=st.sampled_from("请各企业按时报送名单材料，。？的吗要装门禁2020年AB"), min_size=1, max_size=30
)


@given(told=_WORDS, asked=_WORDS, lead=st.sampled_from(["【转发】", "转发：", "转发:", " 转发 ："]))
def test_the_words_after_a_forwarded_messages_dash_are_what_is_asked(
    told: str, asked: str, lead: str
) -> None:
    assert asked_after_forwarded(f"{lead}{told}——{asked}") == asked.strip() or asked.strip() == ""


@given(text=_WORDS)
def test_a_message_forwarding_nothing_is_kept_whole(text: str) -> None:
    assert asked_after_forwarded(text) == text
    assert asked_after_forwarded(f"{text}——{text}") == f"{text}——{text}"
