"""Follow-ups asked one after another in a group (followup28), through the console: the development table of pairs
(tests/data/qa_followups28.yaml), a short question answered surely alone far from the conversation read with the
question before, a follow-up that asks of something else answered alone, a command's line asked of /帮助, and another
person's progress refused as their data."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.base import KnowledgeBase
from knowledge.models import read_yaml
from tests.harness import Harness, answers_with

GROUP = "平山县企业群"
PAIRS = read_yaml(Path(__file__).parent / "data" / "qa_followups28.yaml")
# Pairs of the table the bot does not yet answer as wanted (the follow-up's reading or the retrieval of it): the
# loop holds every other pair to its entry; a later fix of one of these passes (take it out of the set then).
MISSED = {
    ("评级会现场检查吗", "谁来查"),
    ("申请名单交了还能改吗", "材料呢"),
    ("一个企业有多个行业怎么评", "按哪个定级"),
    ("平山激励性分级怎么申报", "多久兑现"),
    ("平山激励性分级怎么申报", "哪些企业能参加"),
    ("三个禁用是什么", "重污染预警期间呢"),
    ("专家志愿者团队做什么", "怎么报名"),
    ("分局初审申报材料要多久", "之后市局干啥"),
}


async def test_the_follow_up_pairs_are_answered_with_the_entry_they_want(harness: Harness) -> None:
    kb = harness.app.context.kb
    got = set()
    for number, pair in enumerate(PAIRS):
        chat = f"{GROUP}{number}"
        await harness.say("张三", pair["before"], chat=chat)
        reply = await harness.text("张三", pair["then"], chat=chat)
        if answers_with(kb, reply, pair["entry"]):
            got.add((pair["before"], pair["then"]))
    every = {(pair["before"], pair["then"]) for pair in PAIRS}
    # 47 of 60 before followup28, 50 after, 52 after followup29
    assert every - got <= MISSED, every - got - MISSED


async def test_a_short_question_answered_surely_elsewhere_is_read_with_the_subject_before(
    harness: Harness,
) -> None:
    """ "模板在哪下载" alone is the application list's form (附件5); after a question on the materials, the
    materials' template (附件9), which that question found close."""
    kb = harness.app.context.kb
    await harness.say("张三", "申报材料要哪些", chat=GROUP)
    replied = await harness.text("张三", "模板在哪下载", chat=GROUP)
    assert replied.startswith("接着上一个问题（申报材料要哪些），按“申报材料模板在哪下载”理解：")
    assert answers_with(kb, replied, "materials_template")


async def test_a_short_question_after_another_subject_keeps_its_own_answer(harness: Harness) -> None:
    """ "指南去哪下载" after "附件5在哪下" would read as the attachment's question again: answered alone."""
    await harness.say("张三", "附件5在哪下", chat=GROUP)
    replied = await harness.text("张三", "指南去哪下载", chat=GROUP)
    assert not replied.startswith("接着上一个问题")
    assert answers_with(harness.app.context.kb, replied, "tech_guide_download")


async def test_a_follow_up_asking_of_something_else_is_answered_alone(harness: Harness) -> None:
    """Read with an A-level question, "那要是我们没装门禁呢" only gave the A-level measures again: the gate system's
    entry answers it."""
    await harness.say("张三", "A级企业重污染天气要停产吗", chat=GROUP)
    replied = await harness.text("张三", "那要是我们没装门禁呢", chat=GROUP)
    assert not replied.startswith("接着上一个问题")
    assert answers_with(harness.app.context.kb, replied, "gate_system")


async def test_a_grade_named_alone_still_asks_what_was_asked(harness: Harness) -> None:
    """The same entry read again is what a grade or a warning level named alone asks ("那橙色呢")."""
    await harness.say("张三", "水泥B级红色预警停不停", chat=GROUP)
    replied = await harness.text("张三", "那橙色呢", chat=GROUP)
    assert replied.startswith("接着上一个问题（水泥B级红色预警停不停），按“水泥B级橙色预警停不停”理解：")


@pytest.mark.parametrize(("asked", "key"), [("/帮助 提醒", "remind"), ("/帮助 /导出", "export_drafts")])
async def test_help_of_a_command_gives_that_commands_line(harness: Harness, asked: str, key: str) -> None:
    """ "/帮助 提醒" is answered as "/提醒 帮助" is: that command's line, not the whole help."""
    replied = await harness.text("王科长", asked, chat="王科长", role="staff")
    name = harness.app.context.kb.commands[key].name
    assert replied == await harness.text("王科长", f"/{name} 帮助", chat="王科长", role="staff")
    assert replied.startswith(f"/{name} ")


@pytest.mark.parametrize("asked", ["李四填到哪了", "老王的进度怎么样", "他自评做到哪一步了"])
async def test_another_persons_progress_is_refused_as_their_data(harness: Harness, asked: str) -> None:
    reply = await harness.text("张三", asked, chat=GROUP)
    assert "不能提供其他企业的信息" in reply


@pytest.mark.parametrize("asked", ["我们填到哪了", "申请名单填到哪了"])
async def test_own_progress_is_no_request_for_others_data(kb: KnowledgeBase, asked: str) -> None:
    assert not kb.others_data.asked_for(asked)


NAME_CHARS = st.text(alphabet="四五明华伟强军芳丽经理科长", min_size=1, max_size=2)


@given(
    data=st.data(), given_name=NAME_CHARS, title=st.sampled_from(["", "老", "小"]), ending=st.text(max_size=6)
)
def test_a_name_before_progress_asks_of_another_person(
    kb: KnowledgeBase, data: st.DataObject, given_name: str, title: str, ending: str
) -> None:
    cues = kb.others_data
    surname = data.draw(st.sampled_from(cues.surnames))
    progress = data.draw(st.sampled_from(cues.progress))
    assert cues.asked_for(f"{title}{surname}{given_name}{progress}{ending}")


@given(data=st.data(), ending=st.text(alphabet="了吗呢啊？?。", max_size=4))
def test_the_askers_own_progress_is_never_anothers(
    kb: KnowledgeBase, data: st.DataObject, ending: str
) -> None:
    cues = kb.others_data
    own = data.draw(st.sampled_from(["我们", "我们公司", "我司", "咱们", "本厂"]))
    progress = data.draw(st.sampled_from(cues.progress))
    assert not cues.asked_for(f"{own}{progress}{ending}")
