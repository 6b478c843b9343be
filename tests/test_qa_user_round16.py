"""What an enterprise user found wrong, tried through the console (round 16): a deadline asked after it had passed was
answered as if it were still ahead; a count of one industry's enterprises got the whole city's 5522; "能评A吗" got the
A+ entry and no grade question offered the self-assessment; "我们是小微企业也要报吗" got "我没能确定" about its trade;
a bare 👍 was asked for its question."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.settings import Settings
from knowledge.answering import asks
from knowledge.base import KnowledgeBase
from knowledge.schedule import load_schedule
from tests.harness import Harness

GROUP = "平山县企业群"
AFTER_THE_LIST = "2020-07-20T10:00"  # past the list's 7月17日 and the branches' 7月18日, before 7月31日
PASSED = "已经截止"
WHOM_TO_ASK = "请尽快问辖区生态环境分局"


async def test_a_deadline_asked_after_it_passed_opens_with_the_note(harness: Harness) -> None:
    reply = await harness.text("张三", "申请名单什么时候截止", chat=GROUP, time=AFTER_THE_LIST)
    assert reply.startswith("注意：现在已是7月20日 10:00"), reply
    note, answer = reply.split("\n", 1)
    assert "企业报送绩效评级申请名单" in note
    assert PASSED in note
    assert WHOM_TO_ASK in note
    assert "2020年7月17日12:00前" in answer  # the answer itself is unchanged


async def test_the_note_is_read_from_the_clock_as_the_answer_is_sent(harness: Harness) -> None:
    """The answer is remembered by its text (the answer cache): the same question before and after the deadline."""
    before = await harness.text("张三", "申请名单什么时候交", chat=GROUP, time="2020-07-16T09:00")
    after = await harness.text("张三", "申请名单什么时候交", chat=GROUP, time=AFTER_THE_LIST)
    assert PASSED not in before
    assert before.startswith("企业须在"), before
    assert after.startswith("注意："), after
    assert after.endswith(before)


async def test_a_deadline_still_ahead_gets_no_note(harness: Harness) -> None:
    reply = await harness.text("张三", "申报材料什么时候交", chat=GROUP, time=AFTER_THE_LIST)
    assert PASSED not in reply
    assert "7月31日" in reply, reply


async def test_the_branches_step_is_not_told_to_an_enterprise_as_its_own(harness: Harness) -> None:
    """7月18日 is the branches' deadline: an enterprise hears that it passed, not whom to ask about being late; staff
    do."""
    enterprise = await harness.text("张三", "分局什么时候把名单报市里", chat=GROUP, time=AFTER_THE_LIST)
    assert "“分局汇总上报申请名单”（2020年7月18日12:00前）是分局的节点" in enterprise, enterprise
    assert PASSED in enterprise
    assert WHOM_TO_ASK not in enterprise
    staff = await harness.text("王科长", "分局什么时候把名单报市里", chat="王科长", role="staff")
    assert WHOM_TO_ASK in staff, staff


async def test_every_passed_deadline_of_the_overview_is_named_as_whose_it_is(harness: Harness) -> None:
    reply = await harness.text("张三", "有哪些时间节点", chat=GROUP, time=AFTER_THE_LIST)
    note = reply.split("\n", 1)[0]
    assert "“企业报送绩效评级申请名单”（2020年7月17日12:00前）已经截止" in note, note
    assert "另外，“分局汇总上报申请名单”（2020年7月18日12:00前）是分局的节点，也已经截止" in note
    assert "申报材料" not in note  # 7月31日 and 8月7日 are still ahead


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("名单里有多少家焦化企业", id="on-the-list"),
        pytest.param("焦化企业有几家在名单上", id="the-industry-first"),
        pytest.param("市里今年限产名单上一共有多少家钢厂", id="an-industrys-own-name"),
    ],
)
async def test_a_count_of_one_industry_gets_the_gap_not_the_citys_count(
    harness: Harness, question: str
) -> None:
    reply = await harness.text("张三", question, chat=GROUP)
    assert "5522" not in reply, reply
    assert reply.startswith("我们的资料里没有任何年份"), reply  # the results' gap entry


async def test_the_citys_count_is_still_told(harness: Harness) -> None:
    """ "有几家企业" holds 家…企业, which the typo reading takes for 家具企业: no industry is named."""
    reply = await harness.text("张三", "全市一共有多少家企业要参加评级", chat=GROUP)
    assert "5522家" in reply, reply


@pytest.mark.parametrize("question", ["能评A吗", "能评几级", "我们厂能评B吗", "能评上A吗", "帮我评一下"])
async def test_a_grade_asked_for_is_not_forecast_and_the_self_assessment_is_offered(
    harness: Harness, question: str
) -> None:
    reply = await harness.text("张三", question, chat=GROUP)
    assert "不替企业预估等级" in reply, reply
    assert "短板原则" in reply
    assert "发送“我要自评”" in reply
    assert "A+" not in reply


async def test_the_self_assessment_offered_starts_when_asked_for(harness: Harness) -> None:
    await harness.text("张三", "能评几级", chat="张三")
    started = await harness.text("张三", "我要自评", chat="张三")
    assert "企业名称" in started, started


async def test_a_question_asked_at_the_cancel_confirmation_is_answered_and_it_is_asked_again(
    harness: Harness,
) -> None:
    """Asked 确定要取消本次自评吗, every question got only 请回复“是”或“否”: the person could ask nothing until they
    answered."""
    await harness.text("李四", "我要自评", chat="李四")
    assert "确定要取消本次自评吗" in await harness.text("李四", "取消", chat="李四")
    asked = await harness.text("李四", "申请名单什么时候交", chat="李四")
    assert asked.startswith("企业须在2020年7月17日12:00前"), asked
    assert asked.endswith(
        "\n\n确定要取消本次自评吗？这次填写或修改的内容不会保存。回复“是”取消，回复“否”继续。"
    ), asked
    assert "已取消本次自评" in await harness.text("李四", "是", chat="李四")


async def test_how_to_self_assess_offers_the_dialogue_too(harness: Harness) -> None:
    reply = await harness.text("张三", "自评的步骤有哪些", chat=GROUP)
    assert reply.startswith("自评可以这样做"), reply
    assert "发送“我要自评”" in reply


@pytest.mark.parametrize("question", ["我们是小微企业也要报吗", "我们是小企业也要报吗", "我们是小微企业"])
async def test_a_business_told_by_its_size_alone_gets_the_rules_not_a_verdict(
    harness: Harness, question: str
) -> None:
    reply = await harness.text("张三", question, chat=GROUP)
    assert "我没能确定" not in reply, reply
    assert "小微" in reply or "47个重点行业的所有企业" in reply, reply


@pytest.mark.parametrize("said", ["👍", "👍🏻", "🙏 🙏", "[强]", "[OK][抱拳]"])
async def test_a_thumbs_up_alone_is_thanks(harness: Harness, said: str) -> None:
    assert await harness.text("张三", said, chat=GROUP) == await harness.text("张三", "好的", chat=GROUP)


async def test_other_emoji_alone_still_ask_for_the_question(harness: Harness) -> None:
    assert (await harness.text("张三", "😀", chat=GROUP)).startswith("您好，请直接说您的问题")


_THANKS = ["👍", "👌", "🙏", "🤝", "💪", "[强]", "[OK]", "[抱拳]", "[握手]", "[合十]", "[胜利]"]


@given(st.lists(st.sampled_from([*_THANKS, " ", "\ufe0f", "\U0001f3fb"]), max_size=8))
def test_thanks_emoji_with_spaces_and_modifiers_are_thanks_if_any_is_there(
    kb: KnowledgeBase, parts: list[str]
) -> None:
    text = "".join(parts)
    assert kb.thanks_by_emoji(text) == any(part in _THANKS for part in parts)


@given(
    st.lists(st.sampled_from(_THANKS), min_size=1, max_size=4),
    st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=6),
)
def test_thanks_emoji_beside_words_are_no_thanks_alone(
    kb: KnowledgeBase, emoji: list[str], words: str
) -> None:
    assert not kb.thanks_by_emoji(words + "".join(emoji))
    assert not kb.thanks_by_emoji("".join(emoji) + words)


@pytest.mark.parametrize(
    ("text", "asking"),
    [
        ("名单交了？", True),
        ("名单交了?", True),
        ("名单交了吗", True),
        ("名单交了", False),
        ("交没交", True),
        ("短流程铸造分开评吧", True),
    ],
)
def test_one_helper_says_whether_a_message_asks(kb: KnowledgeBase, text: str, asking: bool) -> None:
    assert asks(kb, text) is asking


def test_every_deadline_an_entry_states_is_the_shipped_schedules(kb: KnowledgeBase) -> None:
    """An entry's `deadlines` name the schedule's (schedule_2020.yaml): one misspelt would never be noted as passed."""
    settings = Settings()
    schedule = load_schedule(settings.schedule_file, settings.templates_dir)
    known = {deadline.id for deadline in schedule.deadlines}
    stated = {deadline for entry in kb.entries.values() for deadline in entry.deadlines}
    assert stated
    assert stated <= known, stated - known


@pytest.mark.parametrize("question", ["焦化能评A吗", "我们水泥厂能评B吗"])
async def test_a_grade_asked_of_a_named_business_is_not_its_verdict(harness: Harness, question: str) -> None:
    reply = await harness.text("张三", question, chat=GROUP)
    assert "不替企业预估等级" in reply, reply
