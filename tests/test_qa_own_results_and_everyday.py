"""Questions the documents do not answer, of the kinds main 3a0288e answered anyway (tests/data/qa_unanswerable20.yaml,
in other words): one enterprise's or county's own result, a count of monitoring points, whether things change from
year to year, a forecast of one's own grade, personal and everyday matters near a topic word, a rumour that the
grading is dropped. Each is declined, or answered by the gap entry that says what the documents do not give and whom
to ask; questions of the same shapes that an entry answers still get it (tests/data/qa_kinds21.yaml)."""

from __future__ import annotations

import pytest

from tests.harness import NOT_SURE, Harness, assert_declined

# the gap entries' openings: what the documents do not give, and whom to ask
NOT_IN_OUR_SOURCES = ("我们的资料里没有", "我们的资料只有")


@pytest.mark.parametrize(
    "message",
    [
        # one enterprise's or county's own result
        pytest.param("藁城那家玻璃厂去年评的是几级", id="a-named-plant-grade"),
        pytest.param("听说有家铸造厂为啥被降级了", id="why-a-plant-was-lowered"),
        pytest.param("去年那几家A级企业现在还是A级吗", id="still-a-grade"),
        pytest.param("我们县的评级工作在全市第几名", id="a-county-rank"),
        # a count, a yearly change, a forecast
        pytest.param("烟囱上的在线监测要几个点位", id="monitoring-points"),
        pytest.param("评级的要求每年都变吗", id="changes-yearly"),
        pytest.param("评审专家从哪个专家库里出", id="the-expert-pool"),
        pytest.param("我们这个条件今年能评上A级吗", id="a-forecast"),
    ],
)
async def test_a_result_a_count_a_yearly_change_or_a_forecast_is_declined_or_told_the_gap(
    harness: Harness, message: str
) -> None:
    reply = await harness.text("张三", message)
    assert_declined(reply, *NOT_IN_OUR_SOURCES)


@pytest.mark.parametrize(
    "message",
    [
        pytest.param("我们的环保员下个月请婚假", id="leave"),
        pytest.param("送货的车又被交警拦下了", id="the-traffic-police"),
        pytest.param("厂里的监控设备要交税吗", id="taxes"),
        pytest.param("新来的环保员要考啥证", id="a-certificate"),
        pytest.param("专家来那天要不要管饭", id="a-meal"),
        pytest.param("听说今年改成备案了，不用评级了", id="a-rumour"),
        # a document repealed or replaced by a later one is what came after the documents too
        pytest.param("市里那个紧急通知已经废止了吧", id="a-document-repealed"),
        pytest.param("技术指南出了新文件替代没有", id="a-document-replaced"),
    ],
)
async def test_personal_and_everyday_matters_and_rumours_are_declined(harness: Harness, message: str) -> None:
    reply = await harness.text("张三", message)
    assert reply.startswith(NOT_SURE), reply


@pytest.mark.parametrize(
    ("message", "answered"),
    [
        pytest.param("评上B级的企业名单哪里能看", "评级结果", id="the-results-gap-entry"),
        pytest.param("明年什么时候报名单", "其他年份", id="another-year-the-gap-entry-answers"),
        pytest.param("企业要配专职的环保人员吗", "环保", id="the-staff-entry"),
        pytest.param("门口车辆门禁系统一定要装吗", "门禁", id="the-gate-entry"),
    ],
)
async def test_the_same_shapes_an_entry_answers_still_get_it(
    harness: Harness, message: str, answered: str
) -> None:
    reply = await harness.text("张三", message)
    assert answered in reply, reply
    assert not reply.startswith(NOT_SURE), reply
