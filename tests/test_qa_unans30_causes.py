"""What made the bot answer unanswerable questions with the entry nearest in words (tests/data/qa_unanswerable30.yaml,
qa_unanswerable32.yaml), each cause in other words: practical details the documents never give, and a last clause
that names nothing of its own ("一般给多少", "该找谁报名") read as a question besides the detail."""

from __future__ import annotations

import pytest

from bot.settings import Settings
from knowledge.base import KnowledgeBase
from knowledge.faq import IntentFile
from knowledge.models import read_yaml
from tests.harness import GAP_STATED, Harness, assert_declined, assert_verdict


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("申报材料寄给分局，快递费谁出", id="a-fee-besides-the-grading"),
        pytest.param("专家组在厂里查一次要几个小时", id="hours"),
        pytest.param("一台锅炉一天烧多少吨煤算小锅炉", id="a-weight"),
        pytest.param("分局要的扫描件分辨率多少合适", id="a-resolution"),
        pytest.param("我们县分局管评级的科长叫什么", id="an-official-by-rank"),
        pytest.param("县分局里专门看我们材料的是哪位老师", id="who-does-a-task"),
        pytest.param("评级专班的组长叫什么", id="a-team-leader"),
        pytest.param("培训视频里讲课的是谁", id="a-trainer"),
        pytest.param("平山的张振奇是啥职务", id="a-contacts-post"),
        pytest.param("装卸区的摄像头要装多高", id="a-size"),
        pytest.param("车牌识别抬杆要几秒钟", id="seconds"),
        pytest.param("电子版材料文件大小有限制吗", id="a-files-size"),
        pytest.param("在线监测的数采仪用哪家的", id="whose-kit"),
        pytest.param("税务局说下个月要来查账", id="a-tax-audit"),
        pytest.param("一个门口要装几台抓拍机", id="how-many-devices"),
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


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("评上A级以后政府有没有设备更新的补助，一般给多少", id="an-adverb-opens-the-last-clause"),
        pytest.param("我是卖监控的，想进县里的推荐名录，应该找谁", id="a-modal-and-who"),
    ],
)
async def test_a_last_clause_naming_nothing_asks_of_the_detail_before_it(
    harness: Harness, question: str
) -> None:
    # "一般给多少" and "应该找谁" ask of the subsidy or the makers' list the clause before names, which the documents
    # never give; alone they found the incentive's or a contact's entry
    assert_declined(await harness.text("张三", question), GAP_STATED)


async def test_how_the_scans_are_made_is_the_formats_gap(harness: Harness) -> None:
    # the notice asks for every paper scanned, never how: the gap on stamps, paper and binding says so
    assert "通知都没有写" in await harness.text("张三", "盖了章的那几页要单独扫描吗")


async def test_figures_and_names_the_documents_give_keep_their_answers(harness: Harness) -> None:
    assert "100千克" in await harness.text("张三", "小微一年排放多少公斤以下")
    assert "樊永平" in await harness.text("张三", "市局联系人是谁")
    assert "李国恒" in await harness.text("张三", "平山激励政策该找哪位领导")
    assert "税务部门" in await harness.text("张三", "激励分级里税务局管什么")
    assert "6个月" in await harness.text("张三", "我们装了几台摄像头，视频要存多久")
    assert "半年" in await harness.text("张三", "一般性激励给几个月整改")


@pytest.mark.parametrize(
    ("description", "verdict", "named"),
    [
        pytest.param(
            "我们是第三方检测公司，收检测费，要报吗", "不属于", "47", id="a-fee-the-business-charges"
        ),
        pytest.param("我们是捷顺道闸的代理商，要报吗", "不属于", "47", id="a-dealer-of-a-make"),
        pytest.param("我们做涂料的，一年也就卖几吨", "属于", "涂料制造", id="a-few-tonnes-told"),
    ],
)
async def test_a_business_telling_a_fee_a_make_or_a_weight_keeps_its_verdict(
    harness: Harness, description: str, verdict: str, named: str
) -> None:
    # a fee, a make or a weight said in a clause that asks nothing tells what the business is, not what it asks
    assert_verdict(await harness.text("张三", description), verdict, named)


def test_a_named_word_asks_its_figure_only_in_a_clause_that_asks(kb: KnowledgeBase) -> None:
    # every word of every figure's `named`, asked and told: a loop over all of them (a few dozen) rather than a sample
    intents = IntentFile.model_validate(read_yaml(Settings().knowledge_dir / "intents.yaml"))
    named = [word for figure in intents.figures for word in figure.named]
    assert named
    for word in named:
        assert kb.asked_in(f"{word}一般是多少，谁来出").figure is not None, word
        assert kb.asked_in(f"我们这边收{word}，已经好几年了").figure is None, word
