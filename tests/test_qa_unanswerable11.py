"""Figures the documents do not give, asked anyway (the kinds of tests/data/qa_unanswerable11.yaml, in other
words): a count of a county or township, money, a duration, another industry's figures. An entry with a number
nearby does not answer them; an entry that states the figure still does (tests/data/qa_kinds11.yaml)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.settings import Settings
from tests.harness import GAP_STATED, Harness, assert_declined, bot_command


@pytest.mark.parametrize(
    ("question", "figure_nearby"),
    [
        pytest.param("井陉县这回要报评级的企业有几家", "5522", id="a-countys-count"),
        pytest.param("咱镇里有多少家企业要填名单", "5522", id="a-townships-count"),
        pytest.param("首次违法不罚，那第二次罚多少", "不简单采取罚款", id="a-fine"),
        pytest.param("评级的专项经费拨多少", "9月10日", id="money-for-the-campaign"),
        pytest.param("环评审批需要几个工作日", "长期推进", id="a-duration"),
        pytest.param("水泥之外的行业B级橙色预警限产多少", "20%", id="another-industrys-figures"),
    ],
)
async def test_a_figure_the_documents_do_not_give_is_declined(
    harness: Harness, question: str, figure_nearby: str
) -> None:
    reply = await harness.text("张三", question)
    assert_declined(reply, GAP_STATED)
    assert figure_nearby not in reply


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        pytest.param("全市一共有几家企业参加", "5522家", id="the-citys-count"),
        pytest.param("激励分级县分局几个工作日审完", "15个工作日", id="a-duration-stated"),
        pytest.param("水泥厂B级橙色预警限产百分之几", "20%", id="the-industrys-own-figure"),
        pytest.param("排污权交易多少钱，平山在哪办", "原文没有写", id="an-entry-that-says-it-is-not-given"),
    ],
)
async def test_a_figure_an_entry_states_keeps_its_answer(
    harness: Harness, question: str, figure: str
) -> None:
    assert figure in await harness.text("张三", question)


def test_knowledge_check_refuses_a_figure_unit_no_figure_states(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(Settings().knowledge_dir, data)
    faq = data / "faq_pingshan2022.yaml"
    # 升: a unit no figure of intents.yaml states (吨 was one until weights were asked)
    faq.write_text(
        faq.read_text("utf-8").replace("figures_not_given: [元]", "figures_not_given: [升]"), "utf-8"
    )
    done = bot_command(["knowledge", "check"], BOT_KNOWLEDGE_DIR=str(data))
    assert done.code == 1
    assert "faq_pingshan2022.yaml: pingshan_quota_trading.figures_not_given: “升”不是" in done.stderr
