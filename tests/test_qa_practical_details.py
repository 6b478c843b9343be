"""Workplace chatter naming a thing an entry also names (a mishap told in a group: the forklift broke down again) and
practical questions the documents do not answer about a thing they name (who repairs it, which brand or vendor,
paying in instalments, which ranks first) are declined, not answered with the entry about that thing
(tests/data/qa_unanswerable14.yaml, in other words); questions of the same shapes that an entry does answer still get
it (tests/data/qa_kinds14.yaml). Chatter passed on (群里有人问午饭吃啥) is chatter."""

from __future__ import annotations

import pytest

from tests.harness import NOT_SURE, Harness


@pytest.mark.parametrize(
    "message",
    [
        pytest.param("食堂门口那个车牌识别又坏了", id="a-mishap-of-the-gate"),
        pytest.param("我们仓库的电动叉车充不上电，坏了", id="a-mishap-of-the-forklift"),
        pytest.param("在线监测设备坏了谁来修", id="who-repairs"),
        pytest.param("领导交代的，门口抬杆的摄像头坏了找哪家修", id="who-repairs-after-a-story"),
        pytest.param("门禁摄像头用哪个牌子的比较耐用", id="which-brand"),
        pytest.param("排污权的费用能分期交吗", id="instalments"),
        pytest.param("全市哪个县的重点企业最多", id="which-ranks-first"),
        pytest.param("我们县评级排第几", id="a-ranking"),
    ],
)
async def test_chatter_and_practical_details_of_a_named_thing_are_declined(
    harness: Harness, message: str
) -> None:
    reply = await harness.text("张三", message)
    assert reply.startswith(NOT_SURE), reply


async def test_a_gap_entry_does_not_answer_a_mishap(harness: Harness) -> None:
    # the office gap entry says the documents hold no address or hours, nothing of a printer
    reply = await harness.text("张三", "办公室的打印机又没墨了")
    assert reply.startswith(NOT_SURE), reply


@pytest.mark.parametrize(
    ("message", "answered"),
    [
        pytest.param("物流园的叉车要登记吗", "非道路移动机械", id="the-forklift-asked-of"),
        pytest.param("门禁系统的费用谁出", "合理配置绩效评级资源", id="money-the-documents-speak-of"),
    ],
)
async def test_the_same_shapes_an_entry_answers_still_get_it(
    harness: Harness, message: str, answered: str
) -> None:
    reply = await harness.text("张三", message)
    assert answered in reply, reply


async def test_a_mishap_then_a_question_of_it_is_declined_with_the_rule_offered(harness: Harness) -> None:
    # the notice's rule (第（五）条) lowers the grade for deleting clips on purpose and says nothing of recordings a
    # fault lost: the question is declined, and the deleting rule's entry offered by its title, not told as the answer
    reply = await harness.text("张三", "门禁前几天坏了，有两天视频没录上，会不会按删视频处理")
    assert reply.startswith(NOT_SURE), reply
    assert "移动源造假的后果" in reply, reply


@pytest.mark.parametrize("message", ["群里有人问午饭吃啥", "同事问明天会下雨吗"])
async def test_chatter_passed_on_is_told_what_the_bot_answers(harness: Harness, message: str) -> None:
    reply = await harness.text("张三", message, chat="平山县企业群")
    assert reply.startswith("这个不在我能回答的范围里。"), reply


async def test_a_question_passed_on_is_still_answered(harness: Harness) -> None:
    reply = await harness.text("张三", "群里有人问申请名单几号交", chat="平山县企业群")
    assert "7月17日" in reply, reply
