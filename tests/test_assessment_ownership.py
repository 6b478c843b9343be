"""Who may replace a draft: only the person who created it; county staff can hand it to someone else."""

from __future__ import annotations

from bot.settings import Settings
from tests.harness import (
    ANSWERED_IN_GROUP,
    CEMENT,
    VALID_CODES,
    Harness,
    basics,
    complete,
    make_harness,
    question_line,
    save_draft,
)

CODE = VALID_CODES[0]
OWNER, OTHER, STAFF = "李经理", "赵六", "王科长"
GROUP, OTHER_GROUP = "鹿泉区企业群", "平山县企业群"
# The other person's own answers: another name, contact and phone, but the same credit code.
IMPOSTOR = [
    (r"【联系人】", "赵六"),
    (r"【联系电话】", "13900001111"),
    (r"【水泥·清洁运输比例】", "40"),
    *basics("鹿泉区另一家水泥厂", CODE, "鹿泉", ["熟料"], "C级"),
    *CEMENT,
]
# What the owner's draft holds: none of it may reach the other person.
OWNERS_DETAILS = ("鹿泉区鼎鑫水泥有限公司", "张经理", "13812345678", OWNER, "第2版", "历史", "B级")


async def owner_saves_a_draft(harness: Harness) -> None:
    await complete(harness, OWNER, CEMENT, chat=GROUP)
    assert "第1版" in await save_draft(harness, OWNER, chat=GROUP)


def assert_told_nothing(text: str) -> None:
    assert "已有人在办理" in text
    assert "分局" in text
    for detail in OWNERS_DETAILS:
        assert detail not in text


async def test_another_person_entering_the_code_is_refused_and_learns_nothing(harness: Harness) -> None:
    await owner_saves_a_draft(harness)
    await harness.say(OTHER, "我要自评", chat=OTHER_GROUP)
    await harness.say(OTHER, "鹿泉区另一家水泥厂", chat=OTHER_GROUP)
    refused = await harness.text(OTHER, CODE, chat=OTHER_GROUP)
    assert_told_nothing(refused)
    assert "【统一社会信用代码】" in refused  # asked again
    # Another code is taken; changing it back with 修改 at the review is refused the same way.
    await harness.say(OTHER, VALID_CODES[1], chat=OTHER_GROUP)
    script = [(r"【统一社会信用代码】", VALID_CODES[1]), *IMPOSTOR]
    assert ANSWERED_IN_GROUP in (await complete(harness, OTHER, script, chat=OTHER_GROUP)).text
    await harness.say(OTHER, "修改 统一社会信用代码", chat=OTHER_GROUP)
    assert_told_nothing(await harness.text(OTHER, CODE, chat=OTHER_GROUP))
    await assert_owners_draft_intact(harness)


async def test_a_code_taken_while_both_were_answering_is_refused_at_confirmation(harness: Harness) -> None:
    other = await complete(harness, OTHER, IMPOSTOR, chat=OTHER_GROUP)  # entered before the owner saved
    assert ANSWERED_IN_GROUP in other.text
    await owner_saves_a_draft(harness)
    refused = await save_draft(harness, OTHER, chat=OTHER_GROUP)
    assert_told_nothing(refused)
    assert "已保存" not in refused
    # Re-running 我要自评 after cancelling is refused too.
    await harness.say(OTHER, "取消", chat=OTHER)
    await harness.say(OTHER, "是", chat=OTHER)
    await harness.say(OTHER, "我要自评", chat=OTHER_GROUP)
    await harness.say(OTHER, "鹿泉区另一家水泥厂", chat=OTHER_GROUP)
    assert_told_nothing(await harness.text(OTHER, CODE, chat=OTHER_GROUP))
    assert "还没有保存过" in await harness.text(OTHER, "/我的申请", chat=OTHER)
    await assert_owners_draft_intact(harness)


async def assert_owners_draft_intact(harness: Harness) -> None:
    drafts = harness.app.context.repos.drafts
    current = drafts.current(CODE)
    assert current is not None
    assert (current.sender_id, current.version, current.contact_phone) == (OWNER, 1, "13812345678")
    assert drafts.history(CODE) == []
    mine = await harness.text(OWNER, "/我的申请", chat=OWNER)
    assert "鹿泉区鼎鑫水泥有限公司（第1版" in mine
    listing = await harness.text(STAFF, "/申请列表 鹿泉区", chat=STAFF, role="staff")
    assert "鹿泉区鼎鑫水泥有限公司" in listing
    assert "另一家" not in listing


async def test_staff_transfer_a_draft_after_confirming(harness: Harness) -> None:
    await owner_saves_a_draft(harness)
    usage = await harness.text(STAFF, "/转交", chat=STAFF, role="staff")
    assert "/转交 统一社会信用代码 新负责人的账号" in usage
    assert "/转交" in await harness.text(STAFF, "/帮助", chat=STAFF, role="staff")
    assert "仅限" in await harness.text(OTHER, f"/转交 {CODE} {OTHER}", chat=OTHER)
    in_group = await harness.text(STAFF, f"/转交 {CODE} {OTHER}", chat=GROUP, role="staff")
    assert "私聊" in in_group
    assert CODE not in in_group
    assert "没有找到" in await harness.text(
        STAFF, f"/转交 {VALID_CODES[1]} {OTHER}", chat=STAFF, role="staff"
    )

    question = await harness.text(STAFF, f"/转交 {CODE} {OTHER}", chat=STAFF, role="staff")
    assert "鹿泉区鼎鑫水泥有限公司" in question
    assert f"从{OWNER}转交给{OTHER}" in question
    assert "确认" in question
    assert "已取消" in await harness.text(STAFF, "取消", chat=STAFF, role="staff")
    drafts = harness.app.context.repos.drafts
    assert drafts.current(CODE).owner_id == OWNER  # type: ignore[union-attr]

    swapped = await harness.text(
        STAFF, f"/转交 {OTHER} {CODE}", chat=STAFF, role="staff"
    )  # the account first
    assert swapped == question
    done = await harness.text(STAFF, "确认", chat=STAFF, role="staff")
    assert f"已转交给{OTHER}" in done
    current = drafts.current(CODE)
    assert current is not None
    assert (current.owner_id, current.version, current.contact_phone) == (OTHER, 2, "13812345678")
    assert [(old.version, old.owner_id) for old in drafts.history(CODE)] == [(1, OWNER)]
    assert "还没有保存过" in await harness.text(OWNER, "/我的申请", chat=OWNER)
    assert "鹿泉区鼎鑫水泥有限公司（第2版" in await harness.text(OTHER, "/我的申请", chat=OTHER)

    # The new owner may now replace it; the former owner may not.
    run = await complete(harness, OTHER, IMPOSTOR, chat=OTHER_GROUP)
    assert ANSWERED_IN_GROUP in run.text
    assert "第3版" in await save_draft(harness, OTHER, chat=OTHER_GROUP)
    await harness.say(OWNER, "我要自评", chat=GROUP)
    await harness.say(OWNER, "鹿泉区鼎鑫水泥有限公司", chat=GROUP)
    assert "已有人在办理" in await harness.text(OWNER, CODE, chat=GROUP)


async def test_staff_of_another_county_cannot_transfer(settings: Settings) -> None:
    harness = make_harness(settings.model_copy(update={"staff": {"平山科长": "平山县"}}))
    await owner_saves_a_draft(harness)
    refused = await harness.text("平山科长", f"/转交 {CODE} {OTHER}", chat="平山科长", role="staff")
    assert "只能转交平山县" in refused
    assert "鹿泉区鼎鑫水泥有限公司" not in refused


async def test_a_second_person_of_the_enterprise_is_told_at_the_code_that_someone_else_is_answering(
    harness: Harness,
) -> None:
    """Two people of one enterprise in the same group: the second answered every question for its code and was
    refused only at 确认. Told when the code is taken, nothing of the other's answers said; the code still taken."""
    await harness.say(OWNER, "我要自评", chat=OWNER)
    await harness.say(OWNER, "鹿泉区鼎鑫水泥有限公司", chat=OWNER)
    first = await harness.text(OWNER, CODE, chat=OWNER)
    assert "另有人正在做自评" not in first
    await harness.say(OTHER, "我要自评", chat=OTHER_GROUP)
    await harness.say(OTHER, "鹿泉区鼎鑫水泥", chat=OTHER_GROUP)
    told = await harness.text(OTHER, CODE, chat=OTHER_GROUP)
    assert told.startswith("注意：这个统一社会信用代码另有人正在做自评")
    for detail in (OWNER, "鹿泉区鼎鑫水泥有限公司"):  # neither who nor what the other answered
        assert detail not in told
    assert question_line(told).startswith("【县（市、区）】")  # taken: the next question


async def test_a_new_contact_taking_over_is_told_how_and_saves_once_the_first_drops_theirs(
    harness: Harness,
) -> None:
    """ux31: the enterprise's contact changed halfway; the new one, in private, was told only to agree who answers,
    not that the answers given so far do not pass to them nor how the first one's is dropped."""
    await harness.say(OWNER, "我要自评", chat=OWNER)
    await harness.say(OWNER, "鹿泉区鼎鑫水泥有限公司", chat=OWNER)
    await harness.say(OWNER, CODE, chat=OWNER)
    await harness.say(OTHER, "我要自评", chat=OTHER)
    await harness.say(OTHER, "鹿泉区鼎鑫水泥有限公司", chat=OTHER)
    told = await harness.text(OTHER, CODE, chat=OTHER)
    assert (
        "换人接手的话：之前那位填的答案不会转给您，请您在这里接着填完并确认；也请那位回复“取消”放弃他那一份。"
        in told
    )
    assert OWNER not in told
    await harness.say(OWNER, "取消", chat=OWNER)
    assert "已取消" in await harness.text(OWNER, "是", chat=OWNER)
    await harness.say(OTHER, "取消", chat=OTHER)  # the new contact's own run, answered through to the draft
    await harness.say(OTHER, "是", chat=OTHER)
    await complete(harness, OTHER, CEMENT, chat=OTHER)
    assert "第1版" in await save_draft(harness, OTHER, chat=OTHER)
