"""Causes of the misses of tests/data/qa_unanswerable36.yaml and of two older ones, each in other words than the sets':
a certificate a new environmental officer would sit, switching fuel back to coal, a power of attorney for whoever hands
the papers in, a paper's length, the high-tech enterprise certification, where construction spoil goes, a date said
moved by a branch, a filing of a change at the plant and a fee of the trading platform. The documents say none of these; the neighbours they do answer
keep their entries, and businesses asking whether they take part keep their verdicts. Driven through the console."""

from __future__ import annotations

import pytest

from knowledge.base import KnowledgeBase
from tests.harness import Harness, assert_answered_with, assert_declined, assert_verdict


@pytest.mark.parametrize(
    "question",
    [
        # the notice asks for environmental staff, never a certificate of theirs
        pytest.param("新来的环保员上岗要不要先考个资格证", id="certificate-new-hire"),
        pytest.param("专职环保管理员需要持什么上岗证吗", id="certificate-to-hold"),
        pytest.param("我们的环保负责人要不要考环保从业资格", id="certificate-qualification"),
        # the micro rules say a micro emitter burns no coal; switching fuel is a policy they never speak of
        pytest.param("气价太贵了，今年冬天能不能改回烧煤", id="fuel-back-to-coal"),
        pytest.param("我们铸造厂想把天然气炉子改回燃煤，行不行", id="fuel-back-to-coal-listed-plant"),
        pytest.param("煤改气以后还能再换回烧煤吗", id="fuel-coal-to-gas"),
        # who hands the list or the materials in, never by what paper someone else may
        pytest.param("我们替客户交名单，分局要不要看授权委托书", id="attorney-list"),
        pytest.param("代理机构去分局报材料得带委托书吗", id="attorney-materials"),
        pytest.param("帮企业跑申报，要企业出授权书吗", id="attorney-letter"),
        # templates are named, never a length
        pytest.param("减排方案一般写几页", id="length-pages"),
        pytest.param("申报材料要写多少字", id="length-characters"),
        pytest.param("自评报告写几页合适", id="length-of-a-report"),
        # another programme: applying for the certification, not the grading
        pytest.param("评上B级对认定高新技术企业有没有帮助", id="high-tech-certification"),
        pytest.param("申报高新技术企业要看环保评级吗", id="high-tech-applied-for"),
        # where a building site's spoil and waste go
        pytest.param("工地的建筑垃圾拉到哪处理", id="construction-waste"),
        pytest.param("扩建车间的建筑垃圾归谁清运，费用谁出", id="construction-waste-cost"),
        pytest.param("平山哪里有渣土消纳场", id="spoil-site"),
        # the notice sets each date once; a change of it only the branch can confirm
        pytest.param("听说申请名单截止推迟到7月25号了，是吗", id="date-said-put-off"),
        pytest.param("我们分局说材料提前到7月25号交，对吗", id="date-said-brought-forward-with-handing-in"),
        pytest.param("正定分局是不是把收名单的时间往前提到7月12号了", id="date-a-county-branch-moved"),
        # a filing of a change at the plant: the documents list what is handed in for the grading, nothing besides
        pytest.param("窑炉拆了一座，环保上需要报备吗", id="filing-kit-scrapped"),
        pytest.param("环保员换人了要不要去分局报备一下", id="filing-staff-changed"),
        # the trading entry says only in passing that prices are not given; the prices' gap says it whole
        pytest.param("排污权交易开户要交手续费吗", id="fee-of-the-platform"),
        pytest.param("省里排污权交易平台开户收不收开户费", id="fee-of-opening-an-account"),
        pytest.param("在交易平台上开户要多少钱", id="fee-of-an-account"),
    ],
)
async def test_what_the_documents_never_say_is_declined(harness: Harness, question: str) -> None:
    reply = await harness.text("张三", question)
    assert_declined(reply, "我们的资料里没有任何价格信息")


async def test_a_date_said_moved_offers_the_deadline_by_title(harness: Harness, kb: KnowledgeBase) -> None:
    # declined, but the date the notice does set is one message away
    reply = await harness.text("张三", "听说申请名单截止推迟到7月25号了，是吗")
    assert_declined(reply)
    assert kb.entries["deadline_application_list"].title in reply, reply


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("环保专员必须是专职的吗", "principle_env_staff"),
        ("烧煤的能算小微吗", "micro_fuel"),
        ("我们是代理公司，帮客户交材料，交给市局还是分局", "deadline_materials"),
        ("申报材料都写啥 有样本没", "materials_template"),
        ("高新区企业材料交给谁", "deadline_materials"),
        # a high-tech enterprise asking of Pingshan's incentive is the business asking, not the certification
        ("高新技术企业能享受激励性分级吗", "pingshan_incentive_target"),
        ("排污权交易里氮氧化物每吨什么价", "prices_gap"),
        # the trade's price asked, not a fee named: the trading entry says it is not written, and where to ask
        ("排污权交易多少钱，在哪个平台交易", "pingshan_quota_trading"),
        ("7月25号才开始准备材料，时间够吗", "deadline_materials"),
        ("名单我们18号下午才送到分局", "deadline_application_list"),
        ("评级费用谁出", "budget_resource_allocation"),
        ("一企一策的减排措施要写到生产线吗", "list_measures_by_warning"),
        # the notice's micro emitter is one by its emissions: the criteria answer a headcount or an output asked of
        ("厂里就二十来个人，产值也不高，能算小微企业吗", "micro_criteria_all"),
    ],
)
async def test_what_the_documents_do_say_keeps_its_entry(
    harness: Harness, kb: KnowledgeBase, question: str, entry: str
) -> None:
    await assert_answered_with(harness, kb, question, entry)


@pytest.mark.parametrize(
    ("description", "verdict", "named"),
    [("我们是做陶瓷的，要参加评级吗", "属于", "陶瓷"), ("我们是咨询公司，要报名单吗", "不属于", "咨询公司")],
)
async def test_a_business_asking_whether_it_takes_part_keeps_its_verdict(
    harness: Harness, description: str, verdict: str, named: str
) -> None:
    # the businesses of the declined questions above, asking only whether they take part
    assert_verdict(await harness.text("张三", description), verdict, named)
