"""What the last round left of issue #11, each cause in several wordings: an industry of the 47 that is the subject of
a question about its grading, businesses told apart from questions, the contact mailbox, the small and micro
enterprises' threshold, the application list against the materials, and gap entries asked for another subject's
figures."""

from __future__ import annotations

import pytest

from tests.harness import Harness, assert_declined, assert_verdict

UNPLACED = "我没能确定贵企业是否属于"  # the verdict that cannot place the business (industry_unsure.j2)
INDICATORS_NOT_HELD = "逐级指标，我们的资料里没有原文"  # the gap entry of the industries' indicators


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        pytest.param("石灰窑的评级", "我们的资料里没有原文", id="lime-kiln-bare"),
        pytest.param("石灰窑厂的评级标准", INDICATORS_NOT_HELD, id="lime-kiln-plant-standard"),
        pytest.param("铸造厂的评级标准", "铸造", id="foundry-standard"),
        pytest.param("砖厂的评级标准", "指南", id="brickworks-standard"),
        pytest.param("包装印刷厂评级标准", "包装印刷", id="packaging-printing-without-de"),
    ],
)
async def test_an_industry_whose_grading_is_asked_gets_an_answer_not_an_unplaced_verdict(
    harness: Harness, question: str, answered: str
) -> None:
    # the industry named is the subject asked about, not the speaker's business: its grading is what an entry answers
    reply = await harness.text("张三", question)
    assert UNPLACED not in reply, reply
    assert not reply.startswith("属于"), reply
    assert answered in reply, reply


@pytest.mark.parametrize(
    ("question", "verdict", "named"),
    [
        pytest.param("铸造要不要报", "属于", "铸造", id="taking-part-asked"),
        pytest.param("我们是石灰窑，要报吗", "属于", "石灰窑", id="own-kiln"),
    ],
)
async def test_taking_part_asked_of_an_industry_keeps_its_verdict(
    harness: Harness, question: str, verdict: str, named: str
) -> None:
    assert_verdict(await harness.text("张三", question), verdict, named)


@pytest.mark.parametrize(
    ("message", "offered"),
    [
        pytest.param("分局说涉及焦化", "1. 焦化（附件1第4项）", id="said-to-involve"),
        pytest.param("印染要报我们也要报吗", "1. 印染精加工", id="compared-with-another"),
    ],
)
async def test_an_industry_talked_about_alone_is_offered_as_the_best_reading(
    harness: Harness, message: str, offered: str
) -> None:
    # whose business it is stays unknown (no 属于, no 不属于), but the industry named is what the speaker may be
    reply = await harness.text("张三", message)
    assert reply.startswith(UNPLACED), reply
    assert offered in reply, reply


async def test_the_industry_offered_can_be_picked(harness: Harness) -> None:
    await harness.text("张三", "分局说涉及焦化")
    reply = await harness.text("张三", "1")
    assert "按“焦化”（附件1第4项）说明" in reply, reply
    assert "需要申报" in reply, reply


@pytest.mark.parametrize(
    "description",
    [
        pytest.param("家具卖场，代理几个品牌，不生产", id="a-few-brands"),
        pytest.param("我们是家具卖场", id="bare"),
        pytest.param("家具卖场，只卖不做", id="only-sells"),
    ],
)
async def test_a_furniture_store_is_trade_told_when_it_would_make_furniture(
    harness: Harness, description: str
) -> None:
    # 几个 counts brands here, asking nothing: the trade told is the business, outside unless it makes furniture
    reply = await harness.text("张三", description)
    assert_verdict(reply, "不属于", "零售")
    assert "家具制造" in reply, reply


async def test_a_concrete_mixing_plant_is_cement_products_with_the_cement_caution(harness: Harness) -> None:
    # 附件1 lists 水泥 (GB/T 3011, cement made); ready-mixed concrete is 3021, cement products: outside, unless it
    # grinds cement or burns clinker itself
    reply = await harness.text("张三", "我们是搅拌站")
    assert_verdict(reply, "不属于", "水泥制品")
    assert "“水泥”" in reply, reply


async def test_an_environmental_assessment_firm_is_a_technical_service(harness: Harness) -> None:
    assert_verdict(await harness.text("张三", "我们是环评公司"), "不属于", "专业技术服务业")


NO_PRICES = "我们的资料里没有任何价格信息"  # the prices' gap entry (prices_gap)
NO_WARNING_MEASURES = "预警下的具体措施和限产比例，我们的资料里没有原文"  # the warning measures' gap entry


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("专家来现场要多少人", id="people-no-price"),
        pytest.param("我们做家具的，喷漆房的过滤棉多长时间换一次？", id="a-duration-no-indicator"),
    ],
)
async def test_a_gap_does_not_answer_a_figure_of_another_subject(harness: Harness, question: str) -> None:
    # the prices' gap is no answer to how many people, nor does 做家具 read as 做假 (fraud) once it is left out
    reply = await harness.text("张三", question)
    assert_declined(reply)
    assert NO_PRICES not in reply, reply
    assert "弄虚作假" not in reply, reply


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("门禁系统多少钱", id="by-its-title-word"),
        pytest.param("排污权指标现在每吨多少", id="by-the-unit-it-lacks"),
        pytest.param("石灰窑评级要花多少钱", id="an-industry-named-beside-the-price"),
    ],
)
async def test_a_gap_still_answers_a_figure_of_its_own_subject(harness: Harness, question: str) -> None:
    reply = await harness.text("张三", question)
    assert NO_PRICES in reply, reply
    assert NO_WARNING_MEASURES not in reply, reply  # 石灰窑 is one of its keywords, not its subject


async def test_a_count_of_graded_enterprises_is_the_results_gaps(harness: Harness) -> None:
    assert "评上A级、B级" in await harness.text("张三", "去年石家庄评上A级的有几家")


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("市局邮箱是多少", id="the-bureaus"),
        pytest.param("市局的联系邮箱发一下", id="asked-for"),
    ],
)
async def test_the_bureaus_mailbox_is_the_notices_contact_mailbox(harness: Harness, question: str) -> None:
    # the notice ends with its contacts and their mailbox: that is the one the bureau gives
    reply = await harness.text("张三", question)
    assert "sjzyjjp@163.com" in reply, reply


async def test_the_download_mailbox_is_told_apart_from_the_contact_one(harness: Harness) -> None:
    reply = await harness.text("张三", "附件在哪个邮箱下载")
    assert "jpqd2019@163.com" in reply, reply


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("小微企业一吨以下吗", id="a-ton-below"),
        pytest.param("小微是不是一年一吨以内", id="a-ton-a-year"),
        pytest.param("小微企业排放标准是不是按吨算", id="counted-in-tons"),
    ],
)
async def test_the_micro_threshold_asked_in_tons_is_told_in_kilograms(
    harness: Harness, question: str
) -> None:
    # people think of emissions in tons; the notice's threshold is 100 kg a year (0.3 kg a day for seasonal work)
    reply = await harness.text("张三", question)
    assert "100千克" in reply, reply
    # what becomes of an enterprise recognised as one is not what was asked
    assert "没有写认定后的具体管控措施" not in reply, reply


LIST_DEADLINE = "7月17日12:00"
MATERIALS_DEADLINE = "7月31日"


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("申报材料跟申请名单是一回事吗", id="one-thing"),
        pytest.param("名单和材料是一个东西吗", id="short-names"),
        pytest.param("申请名单是不是就是申报材料", id="the-list-is-the-materials"),
    ],
)
async def test_the_list_and_the_materials_are_told_apart_with_their_deadlines(
    harness: Harness, question: str
) -> None:
    reply = await harness.text("张三", question)
    assert "不是一回事" in reply, reply
    for told in (LIST_DEADLINE, MATERIALS_DEADLINE, "附件5", "模板"):
        assert told in reply, reply


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("环评公司能帮我们做申报材料吗", id="an-assessment-firm-helping"),
        pytest.param("咨询公司可以替我们去分局交材料吗", id="a-consultancy-standing-in"),
    ],
)
async def test_a_firm_working_for_the_speaker_is_asked_about_not_the_speakers_business(
    harness: Harness, question: str
) -> None:
    # 帮我们做 is the firm's work for the speaker, no 我们做 describing the speaker's business: no verdict on the firm
    reply = await harness.text("张三", question)
    assert not reply.startswith("不属于"), reply
    assert "国民经济行业分类" not in reply, reply
