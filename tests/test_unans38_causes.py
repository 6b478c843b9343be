"""Causes of the misses of tests/data/qa_unanswerable37.yaml, each in other words than the set's: environmental
duties the documents never speak of (an enterprise's emergency plan, leak detection and repair, self-monitoring,
separating rain and sewage, the national credit site), a fine's amount typed as search words, a plaque or certificate
believed to come with a grade and confirmed by a clause repeating its verb, and the works a Pingshan policy plans
asked by name; and, of an older set, a part of the speaker's own plant told of ("厂里食堂…"), which is no business of
its own. The neighbours the documents do answer keep their entries, and businesses their verdicts. Driven through the
console."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.base import KnowledgeBase
from knowledge.textnorm import keywords_joined
from tests.harness import NOT_SURE, Harness, assert_answered_with, assert_declined, assert_verdict


@pytest.mark.parametrize(
    "question",
    [
        # the documents' plan is the city's heavy-pollution one, never an enterprise's environmental emergency plan
        pytest.param("突发环境事件应急预案 备案 找谁", id="emergency-plan-filing"),
        pytest.param("企业环境应急预案多久修订一次", id="emergency-plan-revision"),
        pytest.param("环境应急预案要不要专家评审", id="emergency-plan-review"),
        # leak detection and repair
        pytest.param("LDAR 检测 一年几次", id="ldar-keywords"),
        pytest.param("化工厂泄漏检测与修复要做几轮", id="leak-detection-rounds"),
        pytest.param("涂装线 ldar 要做吗", id="ldar-lower-case"),
        # the self-monitoring plan and its disclosure
        pytest.param("自行监测 数据 公开 网站", id="self-monitoring-disclosure"),
        pytest.param("自行监测方案 备案 哪个部门", id="self-monitoring-filing"),
        pytest.param("排污单位自行监测要测哪些指标", id="self-monitoring-indicators"),
        # separating rain and sewage
        pytest.param("雨污分流 改造 费用 谁出", id="rain-sewage-cost"),
        pytest.param("厂区雨污分离要做到什么程度", id="rain-sewage-extent"),
        # the notice says results are made public, never on the national credit site
        pytest.param("评级结果能不能在信用中国上查", id="credit-site-asked"),
        pytest.param("信用中国 评级结果 查询", id="credit-site-keywords"),
        pytest.param("听说评级结果会同步到信用中国，是吧", id="credit-site-belief"),
        # the notice names straw-burning cameras only as systems to stay compatible with; a fine's amount it never gives
        pytest.param("秸秆焚烧 罚款 额度", id="straw-fine-keywords"),
        pytest.param("秸秆焚烧罚款金额是多少", id="straw-fine-amount"),
        pytest.param("焚烧秸秆罚金多少", id="straw-fine-penalty"),
        # a plaque or certificate believed to come with a grade, a clause repeating the verb to confirm it
        pytest.param("评上A级以后会发个牌匾吧，会发的吧", id="plaque-confirmed"),
        pytest.param("评完级市局会给证书，会给的吧", id="certificate-confirmed"),
        pytest.param("评上级别以后市局会发块牌子，会发的吧", id="sign-confirmed"),
        # Pingshan's seventh policy says works are planned, never which
        pytest.param("平山谋划实施的重点减排工程都有哪些工程", id="works-which"),
        pytest.param("谋划实施重点减排工程 工程清单", id="works-list-keywords"),
        pytest.param("平山第七项的重点减排工程今年列了哪些", id="works-listed-this-year"),
    ],
)
async def test_what_the_documents_never_say_is_declined(harness: Harness, question: str) -> None:
    assert_declined(await harness.text("张三", question))


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("评级结果会公示吗", "ab_publicity"),
        ("评级结果市局会公示，会公示的吧", "ab_publicity"),
        # a clause confirming by a word of its own still asks
        ("市政工程能进正面清单，能进的吧", "pingshan_poslist_target"),
        ("申请名单7月17号截止，是17号吧", "deadline_application_list"),
        ("门禁系统要和秸秆焚烧监控兼容吗", "mobile_compat"),
        ("平山第七项总量指标支持 政策内容", "pingshan_quota_content"),
        ("重污染天气应急预案 修订 时间", "heavy_pollution_warning"),
        ("门禁系统 多少钱", "prices_gap"),
    ],
)
async def test_what_the_documents_do_say_keeps_its_entry(
    harness: Harness, kb: KnowledgeBase, question: str, entry: str
) -> None:
    await assert_answered_with(harness, kb, question, entry)


@pytest.mark.parametrize(
    "told",
    [
        pytest.param("厂里的食堂下周翻新，关门十天", id="canteen-renovated"),
        pytest.param("我们厂的食堂要装修一个月", id="our-plant-canteen"),
        pytest.param("厂区食堂换了个承包的老板", id="canteen-contractor"),
    ],
)
async def test_a_part_of_the_plant_told_of_is_no_business(harness: Harness, told: str) -> None:
    # the canteen is the plant's, whatever the plant makes: neither 不属于 nor a verdict asked for
    assert_declined(await harness.text("张三", told))


@pytest.mark.parametrize(
    ("description", "verdict", "named"),
    [
        # a firm hosted by a plant named, and a canteen run as the business, keep their verdicts
        ("我们是钢厂里的保安公司", "不属于", "保安公司"),
        ("我们开食堂的，要报吗", "不属于", "食堂"),
    ],
)
async def test_a_trade_of_its_own_keeps_its_verdict(
    harness: Harness, description: str, verdict: str, named: str
) -> None:
    assert_verdict(await harness.text("张三", description), verdict, named)


async def test_taking_part_asked_of_the_plant_of_a_canteen_is_not_told_outside(harness: Harness) -> None:
    reply = await harness.text("张三", "我们厂里食堂要参加评级吗")
    assert not reply.startswith("不属于"), reply
    assert "47个重点行业" in reply, reply


async def test_a_plant_making_plaques_is_read_as_a_business(harness: Harness) -> None:
    # a plaque asked as given by the bureau is declined above; one a business makes is what it does, which the
    # industry step reads (stainless steel may be a listed industry's), never told 不属于 nor declined as a question
    reply = await harness.text("张三", "我们是做不锈钢牌匾的，要报名单吗")
    assert not reply.startswith((NOT_SURE, "不属于")), reply
    assert "47个重点行业" in reply, reply


async def test_a_listed_business_telling_another_duty_keeps_its_verdict(harness: Harness) -> None:
    # a duty the documents never speak of, told beside the business, leaves taking part the question
    reply = await harness.text("张三", "我们是做陶瓷的，厂里也做了雨污分流，要参加评级吗")
    assert_verdict(reply, "属于", "陶瓷")


_CHINESE_WORD = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=4)


@given(st.lists(_CHINESE_WORD, min_size=1, max_size=5))
def test_search_words_are_joined_into_one_phrase(words: list[str]) -> None:
    assert keywords_joined(" ".join(words)) == "".join(words)


@given(st.text(max_size=30))
def test_joining_keeps_every_other_character_and_is_stable(text: str) -> None:
    joined = keywords_joined(text)
    assert [char for char in joined if not char.isspace()] == [char for char in text if not char.isspace()]
    assert keywords_joined(joined) == joined
