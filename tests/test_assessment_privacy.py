"""Nothing said in a group that belongs to one person: credit codes, phones and contact names are masked
there, drafts are listed only in private chats, and a self-assessment can move to the private chat."""

from __future__ import annotations

import pytest

from tests.harness import (
    ANSWERED_IN_GROUP,
    CEMENT,
    REVIEW_MARK,
    VALID_CODES,
    Harness,
    complete,
    question_line,
    save_draft,
)

GROUP = "鹿泉区企业群"
USER = "李经理"
SECRETS = (VALID_CODES[0], "13812345678", "张经理")


# what the result and the draft row hold, none of which a group may read (/我的申请 there shows none of it)
DRAFT_CONTENTS = ("自评等级：", "短板指标：", "水泥·运输方式", "B级", REVIEW_MARK)


def assert_no_draft_shown(text: str) -> None:
    assert not [secret for secret in SECRETS if secret in text]
    assert not [content for content in DRAFT_CONTENTS if content in text]


async def test_a_self_assessment_finished_in_a_group_shows_its_result_in_private_only(
    harness: Harness,
) -> None:
    run = await complete(harness, USER, CEMENT, chat=GROUP)
    assert ANSWERED_IN_GROUP in run.text
    assert "回复“转私聊”" in run.text
    assert_no_draft_shown(run.text)
    asked = await harness.text(USER, "修改 联系电话", chat=GROUP)
    assert question_line(asked).startswith("【联系电话】")
    assert "当前答案：138****5678" in asked
    assert "13812345678" not in asked
    asked = await harness.text(USER, "修改 统一社会信用代码", chat=GROUP)
    assert "当前答案：9133**********2F" in asked
    again = await harness.text(USER, "不变", chat=GROUP)
    assert ANSWERED_IN_GROUP in again
    assert_no_draft_shown(again)
    # a change that moves the grade is not shown there either
    await harness.say(USER, "修改 水泥·清洁运输比例", chat=GROUP)
    changed = await harness.text(USER, "40", chat=GROUP)
    assert ANSWERED_IN_GROUP in changed
    assert_no_draft_shown(changed)
    # nor after a pause, resumed in the group
    harness.clock.advance(hours=3)
    await harness.say(USER, "/截止", chat=GROUP)
    resumed = await harness.text(USER, "继续自评", chat=GROUP)
    assert ANSWERED_IN_GROUP in resumed
    assert_no_draft_shown(resumed)
    # in private, the whole result and the draft
    assert "已转到私聊" in await harness.text(USER, "转私聊", chat=GROUP)
    review = await harness.text(USER, "继续自评", chat=USER)
    assert "自评等级：D级" in review
    assert REVIEW_MARK in review
    assert f"统一社会信用代码：{VALID_CODES[0]}" in review
    assert "第1版" in await harness.text(USER, "确认", chat=USER)


async def test_confirmed_in_a_group_or_before_the_draft_was_read_nothing_is_saved(harness: Harness) -> None:
    """确认 typed in the group saved a draft the group, and its sender there, had never seen; so did 确认 in the
    private chat right after 转私聊, before 继续自评 had shown anything there. A confirmation confirms only what the
    same person was shown in the same chat."""
    await complete(harness, USER, CEMENT, chat=GROUP)
    await harness.say(USER, "修改 联系电话", chat=GROUP)
    changed = await harness.text(USER, "13912345678", chat=GROUP)
    assert changed.startswith("已更改：联系电话：139****5678。")  # acknowledged, masked, and still not saved
    for said in ("确认", "/确认", "确认无误"):
        unsaved = await harness.text(USER, said, chat=GROUP)
        assert unsaved.startswith("还没有保存：要先看过自评结果和申请名单草稿")
        assert ANSWERED_IN_GROUP in unsaved  # how to read it in private
        assert_no_draft_shown(unsaved)
    assert "您还没有保存过申请名单草稿" in await harness.text(USER, "/我的申请", chat=USER)
    await harness.say(USER, "转私聊", chat=GROUP)
    shown = await harness.text(USER, "确认", chat=USER)
    assert shown.startswith("还没有保存：要先看过自评结果和申请名单草稿")
    assert "自评等级：B级" in shown
    assert f"统一社会信用代码：{VALID_CODES[0]}" in shown
    assert REVIEW_MARK in shown
    assert "第1版" in await harness.text(USER, "确认", chat=USER)  # now read here: saved
    assert "短板指标：水泥·运输方式" in await harness.text(USER, "/我的申请", chat=USER)


async def test_in_a_private_chat_the_draft_is_shown_in_full(harness: Harness) -> None:
    run = await complete(harness, USER, CEMENT, chat=USER)
    assert "私聊" not in run.replies[0].text  # no offer to move where it already is
    review = run.replies[-1].text
    assert f"统一社会信用代码：{VALID_CODES[0]}" in review
    assert "联系电话：13812345678" in review
    assert "联系人：张经理" in review


async def test_my_drafts_in_a_group_show_no_draft_contents(harness: Harness) -> None:
    await complete(harness, USER, CEMENT, chat=GROUP)
    await save_draft(harness, USER, chat=GROUP)
    in_group = await harness.text(USER, "/我的申请", chat=GROUP)
    assert "鹿泉区鼎鑫水泥有限公司" in in_group
    assert "9133**********2F" in in_group
    assert not [secret for secret in SECRETS if secret in in_group]
    for content in ("自评等级", "短板指标", "水泥·运输方式", "拟申报"):
        assert content not in in_group
    assert "私聊我发送“/我的申请”" in in_group
    in_private = await harness.text(USER, "/我的申请", chat=USER)
    assert all(secret in in_private for secret in SECRETS)
    assert "短板指标：水泥·运输方式" in in_private


async def test_the_application_list_is_shown_in_private_chats_and_branch_groups_only(
    harness: Harness,
) -> None:
    await complete(harness, USER, CEMENT, chat=GROUP)
    await save_draft(harness, USER, chat=GROUP)
    in_group = await harness.text("王科长", "/申请列表 鹿泉区", chat=GROUP, role="staff")
    assert "鹿泉区申请名单草稿（共1家）" in in_group
    assert "鹿泉区鼎鑫水泥有限公司" not in in_group
    assert "私聊我发送“/申请列表 鹿泉区”" in in_group
    assert "鹿泉区鼎鑫水泥有限公司" in await harness.text(
        "王科长", "/申请列表 鹿泉区", chat="王科长", role="staff"
    )
    await harness.say("王科长", "/绑定 鹿泉区 分局", chat="鹿泉区分局群", role="staff")
    in_branch = await harness.text("王科长", "/申请列表", chat="鹿泉区分局群", role="staff")
    assert "鹿泉区鼎鑫水泥有限公司" in in_branch
    assert not [secret for secret in SECRETS if secret in in_branch]


async def test_a_self_assessment_started_in_a_group_moves_to_the_private_chat(harness: Harness) -> None:
    started = await harness.text(USER, "我要自评", chat=GROUP)
    assert "回复“转私聊”" in started
    await harness.say(USER, "鹿泉区鼎鑫水泥有限公司", chat=GROUP)
    moved = await harness.text(USER, "转私聊", chat=GROUP)
    assert "私聊我发送“继续自评”" in moved
    dialogues = harness.app.context.repos.dialogues
    assert dialogues.get("console", GROUP, USER) is None
    resumed = await harness.text(USER, "继续自评", chat=USER)
    assert question_line(resumed).startswith("【统一社会信用代码】")
    run = await complete(harness, USER, CEMENT, chat=USER)  # answers the rest in private
    assert "企业名称：鹿泉区鼎鑫水泥有限公司" in run.text  # answered in the group before the move
    assert f"统一社会信用代码：{VALID_CODES[0]}" in run.text
    assert "已保存" in await harness.text(USER, "确认", chat=USER)


async def test_moving_does_not_overwrite_a_dialogue_in_the_private_chat(harness: Harness) -> None:
    await harness.say(USER, "我要自评", chat=USER)
    await harness.say(USER, "私聊里的企业", chat=USER)
    await harness.say(USER, "我要自评", chat=GROUP)
    refused = await harness.text(USER, "转私聊", chat=GROUP)
    assert "私聊里还有一份进行中的自评" in refused
    dialogues = harness.app.context.repos.dialogues
    assert dialogues.get("console", GROUP, USER) is not None
    private = dialogues.get("console", USER, USER)
    assert private is not None
    assert private.answers["answers"]["enterprise_name"] == "私聊里的企业"


async def test_a_phone_number_sent_alone_is_told_where_it_goes_and_in_a_group_not_to_post_it(
    harness: Harness,
) -> None:
    for number in ("13812345678", "138 1234 5678。", "0311-86012345"):
        said = await harness.text(USER, number, chat=GROUP)
        assert said.startswith("这是电话号码吧？"), number
        assert "【联系电话】" in said
        assert "群里请不要发" in said
        assert "您好，请直接说您的问题" not in said
    alone = await harness.text(USER, "13812345678", chat=USER)
    assert alone.startswith("这是电话号码吧？")
    assert "群里请不要发" not in alone
    # a question with a number in it is still a question
    assert "这是电话号码吧" not in await harness.text(USER, "0311-86012345是哪个部门的电话", chat=GROUP)


async def test_a_code_or_phone_typed_at_the_wrong_question_in_a_group_is_repeated_masked(
    harness: Harness,
) -> None:
    """ "13812345678" at 【县（市、区）】 in a group was told 没有找到“13812345678”, the number in full for the group to
    read (only answers already given were masked); another enterprise's code at 【行业类别】 too."""
    for said in ("我要自评", "恒达铸造有限公司", VALID_CODES[1]):
        await harness.say(USER, said, chat=GROUP)
    refused = await harness.text(USER, "13812345678", chat=GROUP)
    assert "没有找到“138****5678”" in refused
    assert question_line(refused).startswith("【县（市、区）】")
    await harness.say(USER, "鹿泉区", chat=GROUP)
    refused = await harness.text(USER, VALID_CODES[0], chat=GROUP)
    assert "“9133**********2F”是数字或代码" in refused
    assert not [secret for secret in (*SECRETS, VALID_CODES[1]) if secret in refused]
    # in private the words are repeated as typed
    await harness.say(USER, "转私聊", chat=GROUP)
    await harness.say(USER, "继续自评", chat=USER)
    assert f"“{VALID_CODES[0]}”是数字或代码" in await harness.text(USER, VALID_CODES[0], chat=USER)


async def test_a_code_glued_to_the_names_last_letters_is_taken_and_masked_in_the_group(
    harness: Harness,
) -> None:
    """ux31: 恒达科技有限公司ABC9133… was taken whole as the name (and the code with it, unmasked, wherever the name is
    repeated); asked about in the group, the code was read as words."""
    await harness.say(USER, "我要自评", chat=GROUP)
    taken = await harness.text(USER, f"恒达科技有限公司ABC{VALID_CODES[0]}", chat=GROUP)
    assert "“企业名称”记为：恒达科技有限公司ABC，后面的统一社会信用代码也一并记下了" in taken
    assert question_line(taken).startswith("【县（市、区）】")
    assert VALID_CODES[0] not in taken
    dialogue = harness.app.context.repos.dialogues.get("console", GROUP, USER)
    assert dialogue is not None
    assert dialogue.answers["answers"] == {
        "enterprise_name": "恒达科技有限公司ABC",
        "credit_code": VALID_CODES[0],
    }
    asked = await harness.text("王五", f"恒达科技有限公司XY{VALID_CODES[0]}要报吗", chat=GROUP)
    assert "您发的代码：9133**********2F" in asked
    assert VALID_CODES[0] not in asked


@pytest.mark.parametrize("paused", [False, True])
async def test_a_code_sent_to_the_group_while_the_private_self_assessment_waits_for_it_is_sent_there(
    harness: Harness, paused: bool
) -> None:
    """ux31: the code the private chat's self-assessment asked for, sent to the group by mistake, was answered as a
    question about an unknown enterprise (masked, but not told where it belongs)."""
    await harness.say(USER, "我要自评", chat=USER, time="2020-07-15T09:00")
    await harness.say(USER, "恒达铸造有限公司", chat=USER, time="2020-07-15T09:01")
    later = "2020-07-15T13:00" if paused else "2020-07-15T09:02"
    told = await harness.text(USER, VALID_CODES[0], chat=GROUP, time=later)
    assert told.startswith("您在和我的私聊里有一份自评正等着这一项：请私聊我发送，群里发的没有记下。")
    assert VALID_CODES[0] not in told
    other = await harness.text("王五", VALID_CODES[0], chat=GROUP)  # nobody's private one waits: as before
    assert "您发的代码：9133**********2F" in other
    resumed = await harness.text(USER, VALID_CODES[0], chat=USER)  # sent there, it is taken there
    assert question_line(resumed).startswith("【县（市、区）】")


async def test_a_new_self_assessment_in_the_group_names_the_one_moved_to_the_private_chat(
    harness: Harness,
) -> None:
    """After 转私聊, 我要自评 in the group started a new one without a word of the one waiting in private."""
    await harness.say(USER, "我要自评", chat=GROUP)
    await harness.say(USER, "鹿泉区鼎鑫水泥有限公司", chat=GROUP)
    await harness.say(USER, VALID_CODES[0], chat=GROUP)
    await harness.say(USER, "转私聊", chat=GROUP)
    started = await harness.text(USER, "我要自评", chat=GROUP)
    assert started.startswith(
        "您在和我的私聊里还有一份没做完的自评（已答2题，选好行业类别后还有该行业的题目），那里的回答都在：要接着填那一份，请私聊我发送“继续自评”。"
    )
    assert "鹿泉区鼎鑫水泥有限公司" not in started
    assert VALID_CODES[0] not in started
    assert question_line(started).startswith("【企业名称】")
    resumed = await harness.text(USER, "继续自评", chat=USER)
    assert question_line(resumed).startswith("【县（市、区）】")


async def test_reopening_a_draft_in_a_group_opens_it_in_private_only(harness: Harness) -> None:
    """修改申请 shows the draft's review (grades, short boards, answers), which a group reads of no draft."""
    await complete(harness, USER, CEMENT, chat=GROUP)
    await save_draft(harness, USER, chat=GROUP)
    in_group = await harness.text(USER, "修改申请", chat=GROUP)
    assert in_group.startswith("草稿内容只在私聊里显示：请私聊我发送“修改申请”")
    assert "鹿泉区鼎鑫水泥有限公司（9133**********2F，第1版）" in in_group
    for content in ("自评等级", "短板指标", "拟申报", REVIEW_MARK):
        assert content not in in_group
    assert harness.app.context.repos.dialogues.get("console", GROUP, USER) is None  # nothing opened there
    how = await harness.text(USER, "修改 联系电话", chat=GROUP)
    assert "要改，请先私聊我发送“修改申请”打开它" in how  # not sent where it opens nothing
    in_private = await harness.text(USER, "修改申请", chat=USER)
    assert in_private.startswith("已打开“鹿泉区鼎鑫水泥有限公司”的申请名单草稿（第1版）")
