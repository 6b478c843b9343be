"""A command said without its slash (我的申请, 还有几天截止, 你能做什么) while a dialogue waits for an answer is the
command, as a /command is: answered as usual, then the question asked again, never taken as the answer."""

from __future__ import annotations

import pytest

from tests.harness import Harness, question_line

USER = "张三"
CHAT = "张三"  # a private chat


def dialogue_answers(harness: Harness) -> dict[str, object]:
    found = harness.app.context.repos.dialogues.get("console", CHAT, USER)
    assert found is not None
    return dict(found.answers["answers"])


@pytest.mark.parametrize(
    ("said", "answered"),
    [
        ("我的申请", "您还没有保存过申请名单草稿"),
        ("还有几天截止", "2020年7月17日12:00前，还有2天3小时"),
        ("你能做什么", "我是绩效分级助手"),
        ("这个群是哪个县的", ""),  # a group's question in a private chat: answered, not the enterprise's name
    ],
)
async def test_a_spoken_command_at_a_text_question_is_the_command(
    harness: Harness, said: str, answered: str
) -> None:
    await harness.say(USER, "我要自评", chat=CHAT)
    reply = await harness.text(USER, said, chat=CHAT)
    assert answered in reply
    assert question_line(reply).startswith("【企业名称】")  # asked again, nothing recorded
    assert dialogue_answers(harness) == {}
    taken = await harness.text(USER, "平山县利民建材有限公司", chat=CHAT)
    assert question_line(taken).startswith("【统一社会信用代码】")
    assert dialogue_answers(harness) == {"enterprise_name": "平山县利民建材有限公司"}


async def test_the_dialogues_own_words_stay_the_dialogues(harness: Harness) -> None:
    await harness.say(USER, "我要自评", chat=CHAT)
    helped = await harness.text(USER, "帮助", chat=CHAT)  # also the bot's help word: the dialogue's help here
    assert helped.startswith("您正在进行环保绩效初步自评，可以发送：")
    asked = await harness.text(USER, "取消", chat=CHAT)
    assert asked.startswith("确定要取消本次自评吗？")
    spoken = await harness.text(USER, "我的申请", chat=CHAT)  # while 取消 waits for its yes or no
    assert spoken.startswith("您还没有保存过申请名单草稿")
    assert "回复“确认”后，就会保存在这里" in spoken  # not told to start the one being filled in
    assert "发送“我要自评”开始" not in spoken
    assert spoken.endswith("回复“是”取消，回复“否”继续。")
    assert (await harness.text(USER, "否", chat=CHAT)).startswith("好的，继续。")


async def test_a_spoken_command_while_a_broadcast_waits_is_answered_and_the_question_kept(
    harness: Harness,
) -> None:
    await harness.say("王科长", "/绑定 平山县", chat="平山县企业群", role="staff")
    await harness.say("王科长", "/广播 请各企业按时报送", chat="王科长", role="staff")
    aside = await harness.text("王科长", "还有几天截止", chat="王科长", role="staff")
    assert (
        "企业报送绩效评级申请名单：2020年7月17日12:00前" in aside
    )  # the deadlines, not 请回复“确认”或“取消”
    assert "请回复“确认”或“取消”。" not in aside
    assert aside.endswith("请回复“确认”发送，或“取消”放弃。")  # the broadcast's question again
    sent = await harness.text("王科长", "确认", chat="王科长", role="staff")
    assert sent.startswith("开始发送广播#1，共1个群")
