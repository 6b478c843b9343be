"""What made the bot answer unanswerable questions with the entry nearest in words (tests/data/qa_unanswerable30.yaml,
qa_unanswerable32.yaml), each cause in other words: practical details the documents never give."""

from __future__ import annotations

import pytest

from tests.harness import GAP_STATED, Harness, assert_declined


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("申报材料寄给分局，快递费谁出", id="a-fee-besides-the-grading"),
        pytest.param("专家组在厂里查一次要几个小时", id="hours"),
        pytest.param("一台锅炉一天烧多少吨煤算小锅炉", id="a-weight"),
        pytest.param("分局要的扫描件分辨率多少合适", id="a-resolution"),
        pytest.param("我们县分局管评级的科长叫什么", id="an-official-by-rank"),
        pytest.param("视频存储硬盘买希捷的行吗", id="a-make-of-disk"),
        pytest.param("隔壁焦化厂上回预警停没停产", id="another-plants-case"),
        pytest.param("人家是怎么升到A级的", id="how-another-plant-rose"),
    ],
)
async def test_a_practical_detail_the_documents_never_give_is_declined(
    harness: Harness, question: str
) -> None:
    # the documents set the grading's rules, deadlines and contacts; a fee, an hour, a weight, an image's resolution,
    # an official, a make or one plant's case is none of them, and the entry nearest in words would offer its own
    assert_declined(await harness.text("张三", question), GAP_STATED)


async def test_figures_and_names_the_documents_give_keep_their_answers(harness: Harness) -> None:
    assert "100千克" in await harness.text("张三", "小微一年排放多少公斤以下")
    assert "樊永平" in await harness.text("张三", "市局联系人是谁")
    assert "半年" in await harness.text("张三", "一般性激励给几个月整改")
