"""Questions the documents do not answer, of the kinds the entries near them were found giving at 01d6bcd
(tests/data/qa_unanswerable17.yaml, in other words): a price, a subsidy or another benefit, another programme, the
software a named thing is kept with. Each is declined, or answered by the entry that says the documents give no such
figure, never by the entry about the thing named; questions of the same groups that an entry answers still get it
(tests/data/qa_kinds17.yaml)."""

from __future__ import annotations

import pytest

from tests.harness import NOT_SURE, Harness, assert_declined


@pytest.mark.parametrize(
    "message",
    [
        pytest.param("电子台账系统什么价", id="a-price-by-its-word"),
        pytest.param("在线监测设备什么价位", id="a-price-range"),
        pytest.param("在线监测厂家的报价合理吗", id="a-price-offered"),
    ],
)
async def test_a_price_is_declined_or_told_the_documents_hold_none(harness: Harness, message: str) -> None:
    reply = await harness.text("张三", message)
    assert_declined(reply, "我们的资料里没有")


@pytest.mark.parametrize(
    "message",
    [
        # a subsidy, a reward or another benefit besides the grading's measures
        pytest.param("评上A级政府给补助吗", id="a-subsidy"),
        pytest.param("上了白名单的企业一年奖多少", id="a-reward"),
        pytest.param("评了A级电价有没有优惠", id="cheaper-power"),
        pytest.param("我们是铸造厂，评上B级银行贷款好批吗", id="a-loan-after-the-business"),
        # another programme
        pytest.param("不做清洁生产审核会影响评级吗", id="cleaner-production"),
        pytest.param("安全生产许可证延期在哪办", id="safety-licence"),
        pytest.param("碳排放核查要准备啥材料", id="carbon-emissions"),
        pytest.param("银行授信看不看绩效等级", id="a-bank"),
        # the software or device a named thing is kept with
        pytest.param("车辆台账用什么软件做", id="which-software"),
        pytest.param("门口抓拍的录像能不能存云盘", id="a-cloud-drive"),
        pytest.param("申报材料能用WPS做吗", id="an-office-suite"),
    ],
)
async def test_a_benefit_another_programme_or_software_is_declined(harness: Harness, message: str) -> None:
    reply = await harness.text("张三", message)
    assert reply.startswith(NOT_SURE), reply


@pytest.mark.parametrize(
    ("message", "answered"),
    [
        pytest.param("找第三方做评级材料收费多少", "没有任何价格信息", id="a-fee-the-gap-entry-answers"),
        pytest.param("限产基数按排污许可证的产能算吗", "限产基数", id="a-programme-the-documents-name"),
        pytest.param("明年还得重新报吗", "其他年份", id="another-year-the-gap-entry-answers"),
        pytest.param("能评几级", "A", id="a-grade-asked-with-能评"),
    ],
)
async def test_the_same_groups_an_entry_answers_still_get_it(
    harness: Harness, message: str, answered: str
) -> None:
    reply = await harness.text("张三", message)
    assert answered in reply, reply
