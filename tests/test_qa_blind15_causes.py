"""What made the bot answer the blind sets of fresh15 (tests/data/qa_fresh15.yaml, qa_unanswerable22.yaml) wrongly,
each cause in other words: a paper lost and asked again, machinery's registration plates, a permit's management
category, the heating season, a qualification's exam asked with where to sign up for it. The documents give none of
them; questions they do answer keep their entries."""

from __future__ import annotations

import pytest

from tests.harness import Harness, assert_declined

GAP = "资料里没有"  # an entry stating the gap says the documents hold none: as good as not sure


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
    assert_declined(await harness.text("张三", question), GAP)


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
