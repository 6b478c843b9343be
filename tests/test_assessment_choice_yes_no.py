"""A yes or a no (是, 对, 有, 没有, 不) typed at a question with numbered options picks none of them: the question
is asked again, saying so, with its options, unless an option says that word itself (达不到 at 制芯VOCs治理).
Read fuzzily, 有 had been taken as 公路和铁路都有 and 不 as 不确定."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest

from tests.harness import VALID_CODES, Harness, Rule, basics, question_line

USER = "李经理"
CHAT = "李经理"  # a private chat
FOUNDRY = [
    (r"【铸造·熔炼方式】", "中频炉"),
    (r"【铸造·造型（制壳）装备】", "机械化"),
    (r"【铸造·颗粒物治理】", "是"),
    (r"【门禁车牌识别系统】|【装卸场所视频监控】|【运输车辆电子台账】", "是"),
    (r"【小微涉气企业核对】", "否"),
    (r"【是否在工业园区】", "是"),
    (r"【主要生产线或工序】", "中频炉2台、造型线1条"),
    (r"【主要运输方式】", "公路运输"),
    (r"【年运输量】", "3"),
    (r"·.*级", "是"),
    *basics("平山县恒达铸造有限公司", VALID_CODES[2], "平山县", ["铸造"], "A级"),
]


async def reach(harness: Harness, rules: Sequence[Rule], title: str) -> str:
    """Start a self-assessment and answer by `rules` until the question titled `title` is asked; that question."""
    text = await harness.text(USER, "我要自评", chat=CHAT)
    for _ in range(60):
        asked = question_line(text)
        if asked.startswith(title):
            return text
        answer = next((a for pattern, a in rules if re.search(pattern, asked)), None)
        assert answer is not None, f"no scripted answer for: {asked}"
        said = answer if isinstance(answer, str) else answer[0]
        text = await harness.text(USER, said, chat=CHAT)
    raise AssertionError(f"{title} was never asked")


def answers(harness: Harness) -> dict[str, object]:
    found = harness.app.context.repos.dialogues.get("console", CHAT, USER)
    assert found is not None
    return dict(found.answers["answers"])


@pytest.mark.parametrize("said", ["是", "对", "有", "没有", "不"])
async def test_a_yes_or_no_at_a_choice_is_asked_again_with_the_options(harness: Harness, said: str) -> None:
    await reach(harness, FOUNDRY, "【主要运输方式】")
    again = await harness.text(USER, said, chat=CHAT)
    assert again.startswith(
        f"这一题要从下面的选项里选一项，“{said}”选不出是哪一项。请回复选项编号（1到5）或选项文字。"
    )
    assert question_line(again).startswith("【主要运输方式】")
    assert "1. 公路运输\n2. 铁路运输\n3. 公路和铁路都有" in again
    assert "transport_mode" not in answers(harness)
    taken = await harness.text(USER, "1", chat=CHAT)
    assert question_line(taken).startswith("【年运输量】")
    assert answers(harness)["transport_mode"] == "road"


async def test_a_word_an_option_says_itself_picks_it(harness: Harness) -> None:
    await reach(harness, FOUNDRY, "【铸造·制芯VOCs治理】")
    refused = await harness.text(USER, "没有", chat=CHAT)  # no core-making, or no treatment good enough?
    assert refused.startswith("这一题要从下面的选项里选一项，“没有”选不出是哪一项")
    assert question_line(refused).startswith("【铸造·制芯VOCs治理】")
    taken = await harness.text(USER, "达不到", chat=CHAT)
    assert not question_line(taken).startswith("【铸造·制芯VOCs治理】")
    assert answers(harness)["foundry_core_voc@铸造"] == "below"


@pytest.mark.parametrize(
    ("said", "taken"),
    [
        ("在园区里", "是"),
        ("在园区内", "是"),
        ("在工业园区里面", "是"),
        ("不在园区", "否"),
        ("在园区外", None),
    ],
)
async def test_the_question_said_back_answers_it_and_another_place_does_not(
    harness: Harness, said: str, taken: str | None
) -> None:
    """ "在园区里" was asked again while "不在园区" was a no: a yes said with the question's own words is a yes, never
    another place ("在园区外")."""
    await reach(harness, FOUNDRY, "【是否在工业园区】")
    reply = await harness.text(USER, said, chat=CHAT)
    if taken is None:
        assert reply.startswith("请回答“是”或“否”")
        assert "in_park" not in answers(harness)
    else:
        assert question_line(reply).startswith("【主要生产线或工序】")
        assert answers(harness)["in_park"] == taken


@pytest.mark.parametrize(
    ("said", "taken"),
    [("主要是汽车，也有火车", "road_rail"), ("铁路为主，少量公路", "road_rail"), ("主要是汽车", "road")],
)
async def test_an_answer_naming_both_ways_is_the_option_of_both(
    harness: Harness, said: str, taken: str
) -> None:
    """ "主要是汽车，也有火车" named 公路 and 铁路 and was read as neither."""
    await reach(harness, FOUNDRY, "【主要运输方式】")
    assert question_line(await harness.text(USER, said, chat=CHAT)).startswith("【年运输量】")
    assert answers(harness)["transport_mode"] == taken


async def test_one_way_of_two_denied_is_not_both(harness: Harness) -> None:
    await reach(harness, FOUNDRY, "【主要运输方式】")
    await harness.text(USER, "汽车，没有火车", chat=CHAT)
    assert answers(harness).get("transport_mode") != "road_rail"


async def test_an_older_owner_s_spoken_yes_and_no_are_read_and_name_nothing(harness: Harness) -> None:
    """ux30: 中 (the spoken OK of Hebei) at 【行业类别】 was offered 集中喷涂 by its one character, and 好 added it;
    不了 at "还有其他重点行业吗" was looked up as an industry, and at 【主要生产线或工序】 went into the list as the lines."""
    await reach(harness, FOUNDRY, "【行业类别】")
    refused = await harness.text(USER, "中", chat=CHAT)
    assert refused.startswith("在47个重点行业里没有找到“中”对应的行业。")
    assert question_line(refused).startswith("【行业类别】")
    assert "集中喷涂" not in refused
    await harness.say(USER, "铸件", chat=CHAT)  # 您说的是附件1中的“铸造”行业吗？
    assert "已记录行业：铸造。" in await harness.text(USER, "中", chat=CHAT)
    assert question_line(await harness.text(USER, "不了", chat=CHAT)).startswith("【是否在工业园区】")
    assert question_line(await harness.text(USER, "行吧", chat=CHAT)).startswith("【主要生产线或工序】")
    assert answers(harness)["in_park"] == "是"
    kept_out = await harness.text(USER, "不了", chat=CHAT)
    assert kept_out.startswith("“不了”不会作为主要生产线或工序填进申请名单")
    assert "production_lines" not in answers(harness)
