"""What made the bot answer the blind sets of fresh19 (tests/data/qa_fresh19.yaml, qa_unanswerable26.yaml) wrongly,
each cause in other words: people typing fast on a phone, drivers and gate guards, enterprises graded last year."""

from __future__ import annotations

import pytest

from tests.harness import GAP_STATED, Harness, assert_declined, assert_verdict


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("门口道闸老是抬不起杆，咋修", id="how-to-repair-the-barrier"),
        pytest.param("摄像头晚上识别不了车牌", id="a-plate-not-read-is-a-fault"),
        pytest.param("谁手里有台二手的门禁道闸，想收一个", id="a-second-hand-gate"),
        pytest.param("装门禁的钱政府给报销吗", id="the-gates-cost-paid-back"),
    ],
)
async def test_a_gates_repair_second_hand_kit_or_cost_paid_back_is_declined(
    harness: Harness, question: str
) -> None:
    # the notice says what the gate must do, never how it is repaired, where used kit is found or who pays it back
    assert_declined(await harness.text("张三", question), GAP_STATED)


@pytest.mark.parametrize(
    ("description", "industry"),
    [
        pytest.param("去年买了三台二手注塑机，做塑料盆", "塑料制品", id="used-moulding-machines-bought"),
        pytest.param("厂里用的是二手的冲天炉，化铁浇井盖", "铸造", id="a-used-cupola-in-use"),
    ],
)
async def test_used_kit_a_plant_bought_describes_the_plant(
    harness: Harness, description: str, industry: str
) -> None:
    # kit sought second-hand is a detail never given; kit bought second-hand and run is the business described
    assert_verdict(await harness.text("张三", description), "属于", industry)


async def test_the_gates_requirements_keep_their_answer(harness: Harness) -> None:
    assert "自动抬杆" in await harness.text("张三", "车牌识别要能抬杆吗")


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        pytest.param("我们现在是B级，想升到A级要做哪些", "逐项对照", id="a-grade-aimed-at-is-self-assessed"),
        pytest.param(
            "我们厂以前评过级，名单还得再报一次吗", "47个重点行业的所有企业", id="graded-before-still-applies"
        ),
        pytest.param(
            "前年填的应急减排清单，今年还得重填吗", "更新现有应急减排清单", id="a-list-filled-before"
        ),
    ],
)
async def test_an_enterprise_graded_before_asks_what_this_year_asks(
    harness: Harness, question: str, answered: str
) -> None:
    # a grade held is no exemption: moving up is compared item by item, the application list is filled by every
    # enterprise of the 47 industries, and the emission-reduction list already filled is updated by the 2020 template
    assert answered in await harness.text("张三", question)


async def test_a_quote_pointed_back_to_by_a_pronoun_is_what_is_asked(harness: Harness) -> None:
    # "按它" makes the document quoted part of the question: the entry naming that document answers, not the one the
    # words after the quote find alone (what the list is)
    assert "街道办" in await harness.text("张三", "“石气指办发〔2019〕2号”，清单修订是不是按它")


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        pytest.param("有事找哪个联系人，电话有吗", "没有公布电话号码", id="the-notices-contacts"),
        pytest.param("平山这些政策的联系人电话", "秦会鹏", id="pingshans-named-keeps-its-summary"),
    ],
)
async def test_pingshans_summaries_answer_where_pingshan_or_its_policies_are_named(
    harness: Harness, question: str, answered: str
) -> None:
    # a contact asked of nothing in particular is the notice's; the summary of Pingshan's eight policies is asked of them
    assert answered in await harness.text("张三", question)


async def test_an_older_truck_at_a_graded_plant_asks_the_low_emission_share(harness: Harness) -> None:
    # whether 国四 trucks may still serve a graded plant is what the share of low-emission vehicles decides, which the
    # notice leaves to the guide's tables
    assert "没有给出具体比例" in await harness.text("张三", "我们厂评了A，国四车还能进来吗")


async def test_the_published_list_of_graded_enterprises_is_a_gap(harness: Harness) -> None:
    # the notice says graded enterprises are published; the list itself is in no document, which the results' gap says
    reply = await harness.text("张三", "公示的评级企业名单谁手里有，发群里看看")
    assert reply.startswith("我们的资料里没有任何年份"), reply  # alone, not beside the working groups' entry
