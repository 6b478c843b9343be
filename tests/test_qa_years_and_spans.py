"""Questions naming a year the documents are not of. Whether something they state still holds then ("两进三送2023年
还搞不搞") is answered by the entry that states how long it runs, with the note that the documents are of 2020 and
2022; what they state of no year asked is declined as before, and another year's deadline gets the other years' entry.
A gap entry (what the documents do not give) is no county's, so a county named beside it is no other place."""

from __future__ import annotations

import pytest

from tests.harness import NOT_SURE, Harness

DOCUMENTS_OF = "手头资料是石家庄市2020年的绩效分级通知和平山县分局2022年的助企政策"


@pytest.mark.parametrize(
    ("message", "year", "span"),
    [
        pytest.param("两进三送2023年还搞不搞", "2023", "2022年底前", id="still-done"),
        pytest.param("三个禁用到2023年还管不管", "2023", "2022年9月30日前", id="still-in-force-to-a-year"),
        pytest.param("三个禁用2022年11月还有效吗", "2022", "2022年9月30日前", id="a-month-after-its-span"),
        pytest.param("激励性分级到2025年还能报吗", "2025", "长期推进", id="still-open"),
        pytest.param("正面清单项目2023年申报还行吗", "2023", "长期推进", id="still-all-right"),
        pytest.param("2024年两进三送还继续吗", "2024", "2022年底前", id="the-year-first"),
    ],
)
async def test_whether_a_policy_still_holds_in_a_later_year_is_told_its_span_with_the_note(
    harness: Harness, message: str, year: str, span: str
) -> None:
    reply = await harness.text("张三", message)
    assert not reply.startswith(NOT_SURE), reply
    assert reply.startswith(DOCUMENTS_OF), reply
    assert f"没有讲到“{year}”的情况" in reply, reply
    assert span in reply, reply


@pytest.mark.parametrize(
    "message",
    [
        pytest.param("保定那边三个禁用还有效吗", id="another-place"),
        pytest.param("平山2023年还有新的助企政策吗", id="what-came-after"),
    ],
)
async def test_what_the_documents_do_not_speak_of_is_still_declined(harness: Harness, message: str) -> None:
    reply = await harness.text("张三", message)
    assert reply.startswith(NOT_SURE), reply
    assert DOCUMENTS_OF in reply, reply


async def test_another_years_deadline_still_gets_the_other_years_entry(harness: Harness) -> None:
    reply = await harness.text("张三", "2023年申请名单几号截止")
    assert "没有其他年份的申报安排" in reply, reply
    assert not reply.startswith(DOCUMENTS_OF), reply


async def test_a_gap_entry_is_no_countys_own(harness: Harness) -> None:
    reply = await harness.text("张三", "您好 分局地址在哪，想去送材料 ——栾城 某家具厂")
    assert "我们的资料里没有市局和各县（市、区）分局的地址" in reply, reply
