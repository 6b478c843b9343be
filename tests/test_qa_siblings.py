"""Near entries of one subject (one topic, or one pointing to the other) that a question finds close together: the
likelier answered first and the other beside it, in full when its answer is short, else offered by its title, which
sent alone gets its answer. The same for a runner-up whose title names a word of the question that the first
never uses. A gap entry ahead of a fact sibling still declines alone, and a clear first is answered alone
(tests/data/qa_kinds15.yaml, in other words)."""

from __future__ import annotations

import pytest

from tests.harness import BOTH, OFFERED, Harness


@pytest.mark.parametrize(
    ("question", "titles"),
    [
        pytest.param(
            "排污权交易的事平山管到什么时候",
            ("【排污权交易怎么支持项目】", "【总量指标支持时间与分工】"),
            id="a-policy-and-its-dates",
        ),
        pytest.param(
            "小微企业标准里排放量那条是多少",
            ("【小微年排放量标准】", "【小微涉气企业标准】"),
            id="micro-rules",
        ),
    ],
)
async def test_a_close_sibling_with_a_short_answer_is_answered_beside_the_first(
    harness: Harness, question: str, titles: tuple[str, str]
) -> None:
    reply = await harness.text("张三", question)
    assert reply.startswith(BOTH), reply
    assert reply.index(titles[0]) < reply.index(titles[1]), reply  # the likelier first


async def test_a_close_sibling_with_a_long_answer_is_offered_by_its_title(harness: Harness) -> None:
    reply = await harness.text("张三", "铸造厂有几个等级")
    assert "A、B、B-" in reply, reply  # the grades, in full
    assert OFFERED in reply, reply
    assert "· 铸造行业装备水平要求" in reply, reply
    assert BOTH not in reply, reply
    # the title sent alone is answered by its entry
    assert "黏土砂" in await harness.text("张三", "铸造行业装备水平要求")


async def test_a_runner_up_named_by_a_word_the_first_never_uses_is_answered_beside_it(
    harness: Harness,
) -> None:
    # 邮件 (邮箱) is in the city contacts' title, never in the Pingshan contacts entry that comes first
    reply = await harness.text("张三", "找联系人是打电话好还是发邮件好")
    assert reply.startswith(BOTH), reply
    assert "【市局联系人和邮箱】" in reply, reply


async def test_a_business_placed_is_told_beside_two_siblings(harness: Harness) -> None:
    reply = await harness.text("张三", "开石灰窑的，材料最晚哪天交")
    assert reply.startswith(BOTH), reply
    assert "2020年7月31日" in reply, reply
    assert "2020年8月7日" in reply, reply  # the branch's deadline beside the enterprise's
    assert "“石灰窑”" in reply, reply
    assert "需要申报" in reply, reply


async def test_a_gap_entry_ahead_of_a_fact_sibling_declines_alone(harness: Harness) -> None:
    # the materials' deadline states a day, not an hour: its answer beside the gap would read as one
    reply = await harness.text("张三", "材料31号夜里送到还作数吗")
    assert "没有写几点" in reply, reply
    assert BOTH not in reply, reply
    assert OFFERED not in reply, reply


async def test_a_clear_first_is_answered_alone(harness: Harness) -> None:
    reply = await harness.text("张三", "分局那边什么时候把汇总的名单送到市局")
    assert "7月18日12:00" in reply, reply
    assert BOTH not in reply, reply
    assert OFFERED not in reply, reply
