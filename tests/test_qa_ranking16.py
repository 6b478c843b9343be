"""Near ties among one subject's entries decided by the word that tells them apart: a keyword that belongs to one
entry and not to its siblings. Phrased unlike the development questions they were found with."""

from __future__ import annotations

import pytest

from tests.harness import BOTH, Harness


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("我们是个体作坊，就两个人，有点废气，包容性执法管我们吗", id="a-family-workshop"),
        pytest.param("我们个体经营，五个工人，包容性执法管得着吗", id="a-sole-trader"),
        pytest.param("个体户开的小喷漆点，包容性执法管不管我们", id="a-paint-stall"),
    ],
)
async def test_an_individual_business_asking_whom_inclusive_enforcement_covers_gets_its_scope_alone(
    harness: Harness, question: str
) -> None:
    # 个体 is said of who is covered (其他生产经营者), not of the policy's contact, content or duties, whose entries
    # also hold 包容性执法 among their keywords and so came out level with the scope
    reply = await harness.text("张三", question)
    assert "其他生产经营者" in reply, reply
    assert BOTH not in reply, reply
    assert "张振奇" not in reply, reply


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("我们别的都达到B级了，就在线监测这块差点，能评B吗", id="all-but-monitoring"),
        pytest.param("物料储存都够A，就运输方式差一点，最后给几级", id="all-but-transport"),
    ],
)
async def test_everything_met_but_one_item_falling_short_is_the_short_board(
    harness: Harness, question: str
) -> None:
    # 差一点 and 别的都 say the short board's case (one item behind, the rest met), not the grade forecast's gap or the
    # list of indicator dimensions, which "能评几级" and the indicator named pulled ahead
    reply = await harness.text("张三", question)
    assert "短板原则" in reply, reply
    assert BOTH not in reply, reply


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("门禁的车牌识别以后要连哪些系统", id="plate-reader-joins"),
        pytest.param("我们新装的门禁车牌识别，还要连到哪些系统上", id="new-plate-reader-joins"),
    ],
)
async def test_which_systems_the_gate_cameras_join_is_the_compatibility_answer(
    harness: Harness, question: str
) -> None:
    # 哪些系统 is what the compatibility entry lists (危险废物监控, 秸秆焚烧 …); the gate system's own entry, which
    # shares every word of the cameras, was answered alone before
    reply = await harness.text("张三", question)
    assert "危险废物监控" in reply, reply


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("四十七个行业的目录哪里能下载", id="where-to-download"),
        pytest.param("要报的那些行业的目录去哪里下载", id="the-industries-to-apply"),
    ],
)
async def test_the_catalogue_of_industries_asked_by_its_name_is_the_catalogue(
    harness: Harness, question: str
) -> None:
    # 目录 names the catalogue (附件1), which is printed after the notice; 下载 alone held the mailbox's entry level
    # with it, or ahead
    reply = await harness.text("张三", question)
    assert "印在通知正文后面" in reply, reply
    assert BOTH not in reply, reply


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("电子台账有几天记得不全，他们来了查什么", id="days-missing"),
        pytest.param("电子台账记得不全会怎么查", id="how-checked"),
    ],
)
async def test_an_incomplete_ledger_asked_how_it_is_checked_gets_what_the_check_covers(
    harness: Harness, question: str
) -> None:
    # 不全 is what the check looks at (信息的完整性), not the ledger's making or the guide's verification method
    reply = await harness.text("张三", question)
    assert "完整性" in reply, reply
