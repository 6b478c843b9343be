"""Work kept: an idle self-assessment is paused, not discarded; it resumes with 继续自评 (also after a restart
and days later), is dropped after BOT_DIALOGUE_KEEP_DAYS; a confirmed draft is reopened with 修改申请."""

from __future__ import annotations

import re
from typing import Any

import pytest

from bot.settings import Settings
from tests.harness import CEMENT, REVIEW_MARK, VALID_CODES, Harness, complete, make_harness, question_line

USER = "张三"
CHAT = "张三"  # a private chat


def record(harness: Harness) -> dict[str, Any] | None:
    found = harness.app.context.repos.dialogues.get("console", CHAT, USER)
    return None if found is None else dict(found.answers["answers"])


async def start_and_answer_two(harness: Harness) -> None:
    await harness.say(USER, "我要自评", chat=CHAT, time="2020-07-15T09:00")
    await harness.say(USER, "平山县利民建材有限公司", chat=CHAT, time="2020-07-15T09:05")
    await harness.say(USER, VALID_CODES[0], chat=CHAT, time="2020-07-15T09:10")


async def test_an_idle_dialogue_is_paused_and_the_next_message_answered_as_usual(harness: Harness) -> None:
    await start_and_answer_two(harness)
    later = await harness.text(USER, "/截止", chat=CHAT, time="2020-07-15T11:11")  # past the 120 idle minutes
    assert "企业报送绩效评级申请名单：2020年7月17日12:00前" in later  # answered as usual
    assert later.endswith(  # no total before the industry adds its questions (2/15 read as wrong once 5/27)
        "您有一份未完成的自评（已答2题，选好行业类别后还有该行业的题目），回复“继续自评”接着填，回复“取消”放弃。"
    )
    assert record(harness) is None  # no longer waiting for an answer
    question = await harness.text(USER, "不报会怎么样？", chat=CHAT, time="2020-07-15T11:12")
    assert "按最低等级进行管理" in question
    assert "未完成的自评" not in question  # the note once, not on every message

    resumed = await harness.text(USER, "继续自评", chat=CHAT, time="2020-07-15T11:13")
    assert question_line(resumed).startswith("【县（市、区）】")  # the first unanswered question
    assert record(harness) == {"enterprise_name": "平山县利民建材有限公司", "credit_code": VALID_CODES[0]}


async def test_a_paused_dialogue_resumes_after_a_restart_and_three_days(settings: Settings) -> None:
    first = make_harness(settings)
    await start_and_answer_two(first)
    await first.say(USER, "鹿泉", chat=CHAT, time="2020-07-15T09:15")
    note = await first.text(USER, "你好", chat=CHAT, time="2020-07-15T12:00")
    assert "您有一份未完成的自评（已答3题，" in note

    restarted = make_harness(settings)  # a new process on the same database
    resumed = await restarted.text(USER, "继续自评", chat=CHAT, time="2020-07-18T12:00")
    assert question_line(resumed).startswith("【行业类别】")
    run = await complete(restarted, USER, CEMENT, chat=CHAT)
    # the driver's 我要自评 finds the resumed dialogue and goes on: every earlier answer is intact
    assert run.transcript[0].startswith("您有一份进行中的自评")
    assert "企业名称：平山县利民建材有限公司" in run.text
    assert f"统一社会信用代码：{VALID_CODES[0]}" in run.text
    assert "县（市、区）：鹿泉区" in run.text


async def test_a_start_word_after_the_idle_time_resumes_at_once(harness: Harness) -> None:
    await start_and_answer_two(harness)
    resumed = await harness.text(USER, "我要自评", chat=CHAT, time="2020-07-16T09:00")
    # within 48 hours of the application list's deadline: said first, as when one starts
    assert resumed.startswith("提醒：须在2020年7月17日12:00前")
    assert "\n\n您有一份进行中的自评" in resumed
    assert question_line(resumed).startswith("【县（市、区）】")


@pytest.mark.parametrize("said", ["继续评", "接着弄", "继续吧", "我要继续", "继续上次的", "刚才那个"])
@pytest.mark.parametrize("first", [True, False])  # the first message back, or after the pause's note
async def test_what_people_type_to_go_on_resumes_a_paused_one_with_every_answer(
    harness: Harness, said: str, first: bool
) -> None:
    """ux31: only 继续 and 继续自评 resumed; 继续评 or 刚才那个 got the Q&A's unsure answer and the note again."""
    await start_and_answer_two(harness)
    if not first:
        await harness.say(USER, "你好", chat=CHAT, time="2020-07-15T12:00")
    resumed = await harness.text(USER, said, chat=CHAT, time="2020-07-15T12:05")
    assert "好的，接着上次的自评往下填，之前的回答都保留。" in resumed
    assert "我不确定" not in resumed
    assert question_line(resumed).startswith("【县（市、区）】")
    assert record(harness) == {"enterprise_name": "平山县利民建材有限公司", "credit_code": VALID_CODES[0]}


async def test_paused_dialogues_are_dropped_after_the_keep_days(harness: Harness) -> None:
    await start_and_answer_two(harness)
    await harness.say(USER, "你好", chat=CHAT, time="2020-07-15T12:00")  # paused
    dialogues = harness.app.context.repos.dialogues
    assert dialogues.paused("console", CHAT, USER, "self_assessment") is not None
    harness.clock.advance(days=7, minutes=11)  # 7 days after the last answer (09:10)
    await harness.tick()
    assert dialogues.paused("console", CHAT, USER, "self_assessment") is None
    again = await harness.text(USER, "继续自评", chat=CHAT)
    assert again.startswith("没有找到可以接着填的自评（取消了的和暂停超过7天的都不保留）")
    assert question_line(again).startswith("【企业名称】")


async def test_an_idle_dialogue_past_the_keep_days_is_dropped_on_the_next_message(harness: Harness) -> None:
    await start_and_answer_two(harness)
    harness.clock.advance(days=8)  # no tick ran: the dialogue is still in the active slot
    note = await harness.text(USER, "不报会怎么样？", chat=CHAT)
    assert "按最低等级进行管理" in note
    assert note.endswith(
        "您的自评超过7天没有继续，已清除，填写的内容没有保存。需要时发送“我要自评”重新开始。"
    )
    assert record(harness) is None


@pytest.mark.parametrize("before", [[], ["/截止"]])  # 确认 the first message back, or after the pause's note
async def test_confirm_after_a_pause_at_the_review_shows_the_draft_again_and_saves_on_the_next(
    harness: Harness, before: list[str]
) -> None:
    """确认 typed at the review after lunch was "现在没有等您回复的事项（可能已经完成、取消或超时了）": read as done,
    the draft was never saved. It is told it is not saved yet, shown the result and the draft, and the next 确认
    saves them."""
    await complete(harness, USER, CEMENT, chat=CHAT)
    harness.clock.advance(hours=3)
    for said in before:
        await harness.say(USER, said, chat=CHAT)
    again = await harness.text(USER, "确认", chat=CHAT)
    assert "现在没有等您回复的事项" not in again
    assert "还没有保存：自评停了一段时间" in again
    assert REVIEW_MARK in again
    assert "第1版" in await harness.text(USER, "确认", chat=CHAT)


async def test_a_confirmed_draft_is_reopened_by_its_owner_and_saved_as_a_new_version(
    harness: Harness,
) -> None:
    await complete(harness, USER, CEMENT, chat=CHAT)
    assert "第1版" in await harness.text(USER, "确认", chat=CHAT)
    assert "您还没有可以修改的申请名单草稿" in await harness.text("李四", "修改申请", chat="李四")

    reopened = await harness.say(USER, "修改申请", chat=CHAT)
    assert len(reopened) == 1  # the draft for review, not the whole result again
    assert reopened[0].text.startswith("已打开“鹿泉区鼎鑫水泥有限公司”的申请名单草稿（第1版）")
    assert REVIEW_MARK in reopened[0].text
    await harness.say(USER, "修改 联系电话", chat=CHAT)
    changed = await harness.text(USER, "13987654321", chat=CHAT)
    assert changed.startswith("已更改：联系电话：13987654321。")
    saved = await harness.text(USER, "确认", chat=CHAT)
    assert "第2版" in saved
    mine = await harness.text(USER, "/我的申请", chat=CHAT)
    assert "13987654321" in mine


async def test_continuing_after_cancelling_says_a_cancelled_one_is_not_kept(harness: Harness) -> None:
    await start_and_answer_two(harness)
    assert "确定要取消本次自评吗" in await harness.text(USER, "取消", chat=CHAT)
    assert "已取消本次自评" in await harness.text(USER, "是", chat=CHAT)
    again = await harness.text(USER, "继续自评", chat=CHAT)
    assert "取消了的" in again.split("\n")[0]  # not only that it was dropped after days of pause
    assert question_line(again).startswith("【企业名称】")


async def test_a_county_named_exactly_after_a_pause_answers_the_county_question(harness: Harness) -> None:
    """At the county question, "平山县" after a pause is the answer it waits for, not a question about the county
    (an expected answer wins over the Q&A): as the first message after the pause and as a later one."""
    await start_and_answer_two(harness)
    first = await harness.text(
        USER, "平山县", chat=CHAT, time="2020-07-15T11:11"
    )  # past the 120 idle minutes
    assert question_line(first).startswith("【行业类别】"), first
    assert record(harness) == {
        "enterprise_name": "平山县利民建材有限公司",
        "credit_code": VALID_CODES[0],
        "county": "平山县",
    }


async def test_a_county_named_exactly_after_the_pause_note_answers_the_county_question(
    harness: Harness,
) -> None:
    await start_and_answer_two(harness)
    await harness.say(USER, "/截止", chat=CHAT, time="2020-07-15T11:11")  # paused, the note said
    later = await harness.text(USER, "鹿泉区", chat=CHAT, time="2020-07-15T11:12")
    assert question_line(later).startswith("【行业类别】"), later
    assert record(harness)["county"] == "鹿泉区"  # type: ignore[index]


async def test_an_industrys_name_alone_after_a_pause_answers_the_industry_question(harness: Harness) -> None:
    """ "铸造" three hours after 【行业类别】 was asked was told 属于 …, the self-assessment paused, and after 继续自评
    the industry was asked again: a name of 附件1 alone is the answer it waits for. Words about the business are
    still the Q&A's after a pause."""
    await start_and_answer_two(harness)
    await harness.say(USER, "平山县", chat=CHAT, time="2020-07-15T09:15")
    taken = await harness.text(USER, "铸造", chat=CHAT, time="2020-07-15T12:15")  # past the 120 idle minutes
    assert taken.startswith("已记录行业：铸造。贵企业还有其他重点行业吗"), taken
    assert "您有一份未完成的自评" not in taken
    for said in ("我要自评", "平山县恒达铸造有限公司", VALID_CODES[1], "平山县"):
        await harness.say("李四", said, chat="李四")
    told = await harness.text("李四", "我们是做铸件的", chat="李四", time="2020-07-15T14:20")
    assert told.startswith("属于。"), told
    assert "您有一份未完成的自评" in told


async def test_the_pause_note_counts_the_industrys_questions_once_it_is_chosen(harness: Harness) -> None:
    await start_and_answer_two(harness)
    for said in ("平山县", "熟料", "是", "没有"):  # the industry confirmed, then no other one
        await harness.say(USER, said, chat=CHAT, time="2020-07-15T09:15")
    note = await harness.text(USER, "你好", chat=CHAT, time="2020-07-15T12:00")
    answered, total = re.search(r"（已答(\d+)/(\d+)题）", note).groups()  # type: ignore[union-attr]
    assert (int(answered), int(total)) > (4, 15)  # the cement questions counted


async def test_saying_it_stops_for_today_keeps_the_answers_and_is_no_answer(harness: Harness) -> None:
    """ "今天先到这吧，明天再填" at a name or description was taken as the answer (into the list as the enterprise's
    name); now it is told the answers are kept, and the next day 继续自评 asks the same question."""
    await harness.say(USER, "我要自评", chat=CHAT, time="2020-07-15T09:00")
    stopped = await harness.text(USER, "今天先到这吧，明天再填", chat=CHAT)
    assert "已填的答案都保留着" in stopped
    assert "继续自评" in stopped
    assert record(harness) == {}  # nothing taken as the enterprise's name
    await harness.say(USER, "平山县利民建材有限公司", chat=CHAT)
    await harness.say(USER, VALID_CODES[0], chat=CHAT)
    await harness.say(USER, "平山", chat=CHAT)
    assert "已填的答案都保留着" in await harness.text(USER, "先不填了，回头再说", chat=CHAT)
    resumed = await harness.text(USER, "继续自评", chat=CHAT, time="2020-07-16T08:30")
    assert question_line(resumed).startswith("【行业类别】")
    kept = record(harness)
    assert kept is not None
    assert kept["enterprise_name"] == "平山县利民建材有限公司"


@pytest.mark.parametrize("said", ["一年大概3万吨", "3万吨左右", "12.5万吨"])
async def test_a_figure_with_the_questions_unit_after_a_pause_answers_it(harness: Harness, said: str) -> None:
    """ "一年大概3万吨" sent three hours after 【年运输量】 was asked was read as a question ("这个问题我不确定"), the
    figure lost: a figure with the question's own unit answers nothing else, as a credit code does."""
    for text in (
        "我要自评",
        "平山县利民建材有限公司",
        VALID_CODES[0],
        "平山县",
        "铸造",
        "没有",
        "是",
        "熔炼线1条",
    ):
        await harness.say(USER, text, chat=CHAT, time="2020-07-15T09:00")
    asked = await harness.text(USER, "公路运输", chat=CHAT, time="2020-07-15T09:01")
    assert question_line(asked).startswith("【年运输量】")
    taken = await harness.text(USER, said, chat=CHAT, time="2020-07-15T12:05")  # past the 120 idle minutes
    assert "这个问题我不确定" not in taken
    assert question_line(taken).startswith("【铸造·熔炼方式】")  # the next question: the figure was taken
    assert "transport_volume" in (record(harness) or {})
