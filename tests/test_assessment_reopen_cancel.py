"""取消 after 修改申请 drops only this time's changes: the saved draft stays as it was, and the contact person is
told so (they had read 填写的内容没有保存, as if the draft were gone)."""

from __future__ import annotations

from tests.harness import CEMENT, VALID_CODES, Harness, complete, question_line

USER = "李经理"
CHAT = "李经理"  # a private chat


async def test_cancelling_a_reopened_draft_says_the_saved_one_is_kept(harness: Harness) -> None:
    await complete(harness, USER, CEMENT, chat=CHAT)
    assert (await harness.text(USER, "确认", chat=CHAT)).startswith("已保存")
    await harness.say(USER, "修改申请", chat=CHAT)
    await harness.say(USER, "修改 联系电话", chat=CHAT)
    await harness.say(USER, "13900001111", chat=CHAT)
    asked = await harness.text(USER, "取消", chat=CHAT)
    assert asked == "确定要取消本次自评吗？这次填写或修改的内容不会保存。回复“是”取消，回复“否”继续。"
    cancelled = await harness.text(USER, "是", chat=CHAT)
    assert cancelled == (
        "已取消，这次的修改没有保存；已保存的申请名单草稿（鹿泉区鼎鑫水泥有限公司，第1版）保持不变。"
        "要改时发送“修改申请”重新打开。"
    )
    mine = await harness.text(USER, "我的申请", chat=CHAT)
    assert "联系人：张经理 13812345678" in mine  # the saved draft, not the change
    assert "13900001111" not in mine


async def test_cancelling_a_first_self_assessment_says_nothing_was_saved(harness: Harness) -> None:
    await harness.say(USER, "我要自评", chat=CHAT)
    await harness.say(USER, "鹿泉区鼎鑫水泥有限公司", chat=CHAT)
    await harness.say(USER, "取消", chat=CHAT)
    cancelled = await harness.text(USER, "是", chat=CHAT)
    assert cancelled == "已取消本次自评，填写的内容没有保存。需要时发送“我要自评”重新开始。"


async def test_starting_or_going_on_while_cancel_waits_says_which_answer_does_it(harness: Harness) -> None:
    await harness.say(USER, "我要自评", chat=CHAT)
    await harness.say(USER, "鹿泉区鼎鑫水泥有限公司", chat=CHAT)
    confirm = await harness.text(USER, "取消", chat=CHAT)
    restart = await harness.text(USER, "我要自评", chat=CHAT)
    assert "请回复“是”取消这一份，再发送“我要自评”" in restart
    assert "请先发送“取消”" not in restart  # it was sent: what waits is its 是 or 否
    assert restart.endswith(confirm)
    going_on = await harness.text(USER, "继续自评", chat=CHAT)
    assert going_on.startswith("要接着填，请回复“否”")
    assert "好的，接着上次的自评往下填" not in going_on  # not said while the cancel question still waits
    assert "【统一社会信用代码】" in await harness.text(USER, "否", chat=CHAT)


async def test_declining_to_cancel_goes_back_to_the_question_cancel_interrupted(harness: Harness) -> None:
    """取消 at "还有其他重点行业吗？", then 否: the industry named was lost and 【行业类别】 asked afresh, so the 没有 that
    answered the question asked before was read as an industry (ux30, two contacts in one county group)."""
    group = "鹿泉区企业群"
    for said in ("我要自评", "鹿泉区鼎鑫水泥有限公司", VALID_CODES[0], "鹿泉区", "水泥"):
        await harness.say(USER, said, chat=group)
    await harness.say(USER, "取消", chat=group)
    declined = await harness.text(USER, "否", chat=group)
    assert declined.endswith(
        "已记录行业：水泥。贵企业还有其他重点行业吗？有请回复行业名称，没有请回复“没有”。"
    )
    assert question_line(await harness.text(USER, "没有", chat=group)).startswith("【是否在工业园区】")
