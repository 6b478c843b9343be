"""Follow-ups in a group conversation (followup29), through the console: the development table of pairs and chains
of three (tests/data/qa_followups29.yaml), a follow-up naming nothing of its own ("找谁", "到什么时候") read with the
question before, the guide's 引领性 as a grade named alone, a thing named alone asked of the industry named before,
and 重点 in a question's subject."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from knowledge.base import KnowledgeBase
from knowledge.followup import readings
from knowledge.models import read_yaml
from tests.harness import KNOWLEDGE_DATA, Harness, answers_with, follow_up_lead

GROUP = "平山县企业群"
TABLE = read_yaml(Path(__file__).parent / "data" / "qa_followups29.yaml")
# What the bot does not yet answer as wanted (the follow-up's reading or the retrieval of it), by the table's last
# message after the one before it: the loop holds every other row to its entry; take out a row once it passes.
MISSED = {
    ("应急减排清单要填哪些信息", "有模板吗"),
    ("申请名单几号截止", "超了呢"),
    ("申请名单和申报材料是一回事吗", "哪个先交"),
    ("申请名单报给谁", "那分局报给谁"),
    ("申报材料交到哪", "分局什么时候报市局"),
    ("清单填报模板在哪", "是哪个附件"),
    ("小微企业怎么认定", "找谁"),
    ("评级会现场检查吗", "查什么"),
    ("电子台账怎么核查", "比例不够呢"),
    ("专家志愿者怎么报名", "发哪个邮箱"),
    ("总量指标怎么办理", "多久"),
    ("平山激励性分级怎么申报", "在哪交"),
    ("正面清单企业受上下游制约怎么办", "联系人是谁"),
    ("适用哪些企业", "联系人呢"),
    ("那C级呢", "运输呢"),
    ("到什么时候", "找谁"),
    ("要交啥证明", "交给谁"),
}


async def test_the_table_is_answered_with_the_entries_it_wants(harness: Harness) -> None:
    kb = harness.app.context.kb
    got = set()
    for number, row in enumerate(TABLE):
        chat = f"{GROUP}{number}"
        *before, last = row["said"]
        for said in before:
            await harness.say("张三", said, chat=chat)
        reply = await harness.text("张三", last, chat=chat)
        read = reply.startswith("接着上一个问题")
        if answers_with(kb, reply, row["entry"]) and not (row.get("alone") and read):
            got.add((before[-1], last))
    every = {(row["said"][-2], row["said"][-1]) for row in TABLE}
    assert every - got <= MISSED, every - got - MISSED  # 37 of 64 before followup29, 47 after


async def assert_read_with_the_question_before(
    harness: Harness, question: str, follow_up: str, reading: str, entry: str
) -> None:
    """`follow_up` said after `question` in the group is read with it as `reading`, and `entry` answers it."""
    await harness.say("张三", question, chat=GROUP)
    replied = await harness.text("张三", follow_up, chat=GROUP)
    assert replied.startswith(follow_up_lead(question, reading)), replied
    assert answers_with(harness.app.context.kb, replied, entry), replied


async def test_who_to_ask_is_asked_of_the_policy_asked_about(harness: Harness) -> None:
    """ "找谁" alone is the notice's contacts; after a question on Pingshan's inclusive enforcement, its contact."""
    await assert_read_with_the_question_before(
        harness, "包容性执法怎么办理", "找谁", "包容性执法找谁", "pingshan_inclusive_contact"
    )


async def test_a_bare_follow_up_read_so_is_what_the_next_goes_on_from(harness: Harness) -> None:
    """ "到什么时候" after "三个禁用是什么" is the ban's date; "那包容性执法呢" then asks the date of the other policy, read
    with what "到什么时候" was read as, not with its few words."""
    kb = harness.app.context.kb
    await assert_read_with_the_question_before(
        harness, "三个禁用是什么", "到什么时候", "三个禁用到什么时候", "pingshan_threeban_timeline_contact"
    )
    replied = await harness.text("张三", "那包容性执法呢", chat=GROUP)
    assert replied.startswith(follow_up_lead("三个禁用到什么时候", "包容性执法什么时候"))
    assert answers_with(kb, replied, "pingshan_inclusive_timeline_duty")


async def test_a_thing_answered_surely_alone_may_still_be_the_subjects(harness: Harness) -> None:
    """ "联系人呢" alone is the notice's contacts; after a question on the inclusive enforcement, its contact."""
    await assert_read_with_the_question_before(
        harness, "包容性执法适用哪些企业", "联系人呢", "包容性执法适用联系人", "pingshan_inclusive_contact"
    )


async def test_a_question_of_two_clauses_says_no_one_thing_to_ask_who_of(harness: Harness) -> None:
    """After a message asking two things, "啥时候截止" is the deadline it asks alone, not read with them."""
    await harness.say("张三", "平山分局各项政策找谁 电话都发下", chat=GROUP)
    replied = await harness.text("张三", "啥时候截止", chat=GROUP)
    assert not replied.startswith("接着上一个问题")


async def test_the_leading_grade_named_alone_takes_the_place_of_the_grade_asked(harness: Harness) -> None:
    await assert_read_with_the_question_before(
        harness,
        "C级企业预警期间要停产吗",
        "那引领性呢",
        "引领性企业预警期间要停产吗",
        "guide_grade_a_leading",
    )


async def test_the_grade_one_applies_for_goes_before_a_question_that_named_none(harness: Harness) -> None:
    """ "我们报C级的呢": the speaker's words and 报…的 name nothing but the grade, and the final 呢 goes on."""
    await assert_read_with_the_question_before(
        harness, "谁要建移动源管理系统", "我们报C级的呢", "C级谁要建移动源管理系统", "mobile_system_who"
    )


async def test_a_thing_named_alone_is_asked_of_the_industry_named_before(harness: Harness) -> None:
    await assert_read_with_the_question_before(
        harness, "铸造行业污染治理有啥要求", "装备呢", "铸造装备有啥要求", "guide_foundry_equipment"
    )


NAMING = st.text(alphabet="建设项目正面清单企业行业工程", max_size=4)


@given(before=NAMING, after=NAMING, asked=st.sampled_from(["是啥", "是什么", "有哪些"]))
def test_a_subject_holding_zhongdian_ends_at_its_question_word(
    kb: KnowledgeBase, before: str, after: str, asked: str
) -> None:
    """点 asks in 几点, never in 重点: "重点建设项目正面清单是啥" + "怎么申报" is asked of the whole list."""
    subject = f"{before}重点{after}"
    assert readings(kb, subject + asked, "怎么申报") == [f"{subject}怎么申报"]


def test_the_acknowledgements_before_a_follow_up_are_thanks_of_the_data() -> None:
    """The words a follow-up may open with (谢谢那B级呢) are thanks as smalltalk.yaml has them, kept apart because
    they are left out even joined to what follows: the data's others begin questions so (好难啊…, 好心人帮忙看下…,
    哈哈哈群里好热闹…), where 好, 好心 and 哈哈 are no thanks."""
    smalltalk = read_yaml(KNOWLEDGE_DATA / "smalltalk.yaml")
    assert set(smalltalk["follow_up"]["acknowledgements"]) <= set(smalltalk["thanks"])
