"""One enterprise, one draft: a contact person who starts the same enterprise's self-assessment in a second
chat (a group and the private chat, or two groups) is sent back to where its answers are, never lets one
chat's answers silently replace the other's."""

from __future__ import annotations

from tests.harness import ANSWERED_IN_GROUP, CEMENT, VALID_CODES, Harness, complete, save_draft

CODE = VALID_CODES[0]
OWNER = "李经理"
GROUP, OTHER_GROUP = "鹿泉区企业群", "平山县企业群"
NAME = "鹿泉区鼎鑫水泥有限公司"


async def start_with_code(harness: Harness, chat: str, name: str = NAME, code: str = CODE) -> str:
    await harness.say(OWNER, "我要自评", chat=chat)
    await harness.say(OWNER, name, chat=chat)
    return await harness.text(OWNER, code, chat=chat)


async def test_the_code_answered_in_a_group_is_refused_in_the_private_chat(harness: Harness) -> None:
    await start_with_code(harness, GROUP)
    refused = await start_with_code(harness, OWNER, name="鼎鑫水泥")
    assert "“鹿泉区企业群”" in refused  # where its answers are
    assert "继续自评" in refused  # how to go on there
    assert "【统一社会信用代码】" in refused  # asked again here
    assert "已有人在办理" not in refused  # it is the person's own
    # the group's dialogue is untouched and goes on to its draft, with its own answers
    run = await complete(harness, OWNER, CEMENT, chat=GROUP)
    assert ANSWERED_IN_GROUP in run.text
    for said in ("取消", "是"):  # the private one dropped: the group's is read and confirmed there
        await harness.say(OWNER, said, chat=OWNER)
    assert "第1版" in await save_draft(harness, OWNER, chat=GROUP)
    current = harness.app.context.repos.drafts.current(CODE)
    assert current is not None
    assert current.enterprise_name == NAME


async def test_two_groups_and_a_paused_dialogue_too(harness: Harness) -> None:
    await start_with_code(harness, OWNER)
    harness.clock.advance(hours=3)  # idle: the private one is paused by the next message there
    assert "继续自评" in await harness.text(OWNER, "/截止", chat=OWNER)
    refused = await start_with_code(harness, OTHER_GROUP)
    assert "私聊" in refused
    assert "继续自评" in refused
    assert "9133" not in refused.replace("9133**********2F", "")  # the code stays masked in a group


async def test_another_code_in_the_second_chat_is_taken(harness: Harness) -> None:
    await start_with_code(harness, GROUP)
    taken = await start_with_code(harness, OWNER, name="另一家公司", code=VALID_CODES[1])
    assert "“鹿泉区企业群”" not in taken
    assert "【统一社会信用代码】" not in taken  # the next question


async def test_an_answer_said_in_the_group_after_moving_to_private_is_told_where_the_question_waits(
    harness: Harness,
) -> None:
    """After 转私聊, "是" said in the group was told "现在没有等您回复的事项 … 想做自评请发送我要自评", as if
    nothing were going on: it is told the self-assessment waits in the private chat, and nothing is taken."""
    await start_with_code(harness, GROUP)
    await harness.say(OWNER, "转私聊", chat=GROUP)
    await harness.say(OWNER, "继续自评", chat=OWNER)
    for said in ("是", "@绩效分级助手 返回", "不变"):
        told = await harness.text(OWNER, said, chat=GROUP)
        assert told.startswith("这里没有等您回答的问题，这句没有记下：您的自评在和我的私聊里等您回答"), said
        assert "我要自评" not in told
    asked = await harness.text(OWNER, "继续自评", chat=OWNER)
    assert "【县（市、区）】" in asked  # where it was: nothing said in the group was taken
    # one with no dialogue anywhere is told as before
    assert (await harness.text("王会计", "是", chat=GROUP)).startswith("现在没有等您回复的事项")
