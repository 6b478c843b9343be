"""Questions about a year or a place the documents are not of, and about the industries other than one named, as
transcripts through the console harness: the documents are Shijiazhuang's notice of 2020 and Pingshan's policies of
2022, so another year's deadline is told as 2020's with whom to ask for that year's, and Pingshan's policies are not
another county's."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.answering import decide
from knowledge.base import KnowledgeBase
from tests.harness import Harness

GROUP = "平山县企业群"
# what the other years' entry says: the documents' dates were 2020's, and this year's come from the branch
OTHER_YEARS = ("只有2020年", "7月17日12:00", "7月31日", "当年市局、县分局的通知")


@pytest.mark.parametrize("chat", [GROUP, "张三"])
@pytest.mark.parametrize(
    "question",
    ["明年申请名单什么时候截止", "2021年的材料几号交", "2022年的申请名单什么时候交", "后年名单几号交"],
)
async def test_another_years_deadline_is_told_as_2020s_with_whom_to_ask(
    harness: Harness, chat: str, question: str
) -> None:
    replied = await harness.text("张三", question, chat=chat)
    assert all(said in replied for said in OTHER_YEARS), replied


async def test_this_year_is_the_clocks_year(harness: Harness) -> None:
    """On the campaign's own clock (2020) "今年" is the documents' year; on a later one it is another year."""
    in_2020 = await harness.text("张三", "今年申请名单几号截止", chat=GROUP)
    assert in_2020 == await harness.text("李四", "申请名单几号截止", chat="李四")
    in_2026 = await harness.text("张三", "今年申请名单几号截止", chat=GROUP, time="2026-03-02T09:00:00+08:00")
    assert all(said in in_2026 for said in OTHER_YEARS), in_2026


async def test_a_year_written_after_this_year_is_that_year(harness: Harness) -> None:
    replied = await harness.text("张三", "今年（2026）申请名单几号截止", chat=GROUP)
    assert all(said in replied for said in OTHER_YEARS), replied
    assert "今年（2020）申请名单几号截止" not in replied
    kept = await harness.text("张三", "今年（2020）申请名单几号截止", chat=GROUP)
    assert kept == await harness.text("李四", "申请名单几号截止", chat="李四")


@pytest.mark.parametrize("chat", [GROUP, "张三"])
async def test_pingshans_policies_asked_of_another_county_are_told_as_pingshans(
    harness: Harness, chat: str
) -> None:
    replied = await harness.text("张三", "鹿泉区有什么扶持政策", chat=chat)
    assert "只适用于平山县" in replied
    assert "共八项" not in replied
    own = await harness.text("张三", "我们平山县有什么扶持政策", chat=chat)
    assert "共八项" in own


async def test_a_county_asked_what_the_whole_city_does_keeps_the_citys_answer(harness: Harness) -> None:
    replied = await harness.text("张三", "鹿泉区的申请名单几号截止", chat=GROUP)
    assert "7月17日12:00" in replied


@pytest.mark.parametrize(
    "question", ["水泥以外的行业要报吗", "除了铸造还有哪些行业要报", "除了焦化之外别的行业也要报吗"]
)
async def test_the_industries_besides_one_named_are_asked_about_not_that_one(
    harness: Harness, question: str
) -> None:
    kb = harness.app.context.kb
    assert decide(kb, question).hits[0].entry.id == "who_must_apply"
    replied = await harness.text("张三", question, chat=GROUP)
    assert not replied.startswith("属于")
    assert replied.startswith(kb.entries["who_must_apply"].answer[:20])


async def test_a_business_named_beside_a_leaving_out_word_of_another_is_still_placed(
    harness: Harness,
) -> None:
    replied = await harness.text("张三", "我们是水泥厂，除了水泥还做石灰，要报吗", chat=GROUP)
    assert "属于" in replied


@given(text=st.text(max_size=30), year=st.integers(1990, 2100))
def test_years_said_of_now_are_read_on_the_clock_in_any_text(kb: KnowledgeBase, text: str, year: int) -> None:
    """On the campaign's own clock "今年" stays as said (the documents' year); on another it becomes that year, and
    a text saying no year of now is left as it is."""
    assert kb.read_years(text + "今年", 2020, 2020).endswith("今年")
    if year != 2020:
        assert kb.read_years(text + "今年", year, 2020).endswith(f"{year}年")
    if not any(word in text for word in ("今年", "本年度")):
        assert kb.read_years(text, year, 2020) == text
