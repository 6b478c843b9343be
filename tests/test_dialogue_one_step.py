"""One dialogue mechanism: confirmations and the industry choice are one-step flows of the flow engine,
with its vocabulary; the dispatcher reads the sender's dialogue row once and routes by its flow."""

from __future__ import annotations

import re
import unicodedata
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.settings import Settings
from handlers.flow_engine import _EDGE_PUNCT, CHOSEN, OneStepEngine, Vocabulary, normalize
from knowledge.base import KnowledgeBase
from knowledge.flows import FlowMessages
from knowledge.models import read_yaml
from tests.harness import START, Harness

GROUP = "平山县企业群"
IDLE = timedelta(minutes=120)


@pytest.fixture(scope="module")
def engine(kb: KnowledgeBase) -> OneStepEngine:
    path = Settings().knowledge_dir / "flows" / "messages.yaml"
    return OneStepEngine(FlowMessages.model_validate(read_yaml(path)), IDLE, kb.catalogue)


async def staff(harness: Harness, text: str) -> str:
    return await harness.text("王科长", text, chat=GROUP, role="staff")


async def test_a_confirmation_takes_plain_yes_and_no_words_and_nothing_vaguer(harness: Harness) -> None:
    await staff(harness, "/绑定 平山县")
    assert "确定解绑本群（平山县·企业群）吗" in await staff(harness, "/解绑")
    vague = await staff(harness, "可以吧")
    assert vague.startswith("请回复“确认”或“取消”。\n确定解绑本群")
    assert await staff(harness, "算了") == "已取消，本群仍绑定平山县·企业群。"
    await staff(harness, "/解绑")
    assert await staff(harness, "好的。") == "已解绑，本群不再收到截止提醒和广播。"
    assert await staff(harness, "/解绑") == "本群还没有绑定，不用解绑。"


async def test_a_confirmation_left_too_long_is_not_carried_out(harness: Harness) -> None:
    await staff(harness, "/绑定 平山县")
    await staff(harness, "/解绑")
    harness.clock.advance(minutes=121)
    assert await staff(harness, "确认") == "上一个确认已超时，没有执行。如仍需要，请重新发送命令。"
    assert "确定解绑本群（平山县·企业群）吗" in await staff(harness, "/解绑")  # still bound
    harness.clock.advance(minutes=121)
    deadlines = await staff(harness, "/截止")  # anything else is answered as usual
    assert "请回复“确认”或“取消”" not in deadlines
    assert "申请名单" in deadlines


async def test_an_offered_industry_choice_gives_way_to_a_command_and_never_to_a_dialogue(
    harness: Harness,
) -> None:
    assert "1. 有机化工行业" in await staff(harness, "我们是化工厂，要报吗")
    await staff(harness, "/绑定 平山县")  # the choice lived for that one message
    assert "确定解绑本群" in await staff(harness, "/解绑")
    assert "确定解绑本群" in await staff(harness, "2")  # not taken as the choice: still the question
    assert await staff(harness, "取消") == "已取消，本群仍绑定平山县·企业群。"


@given(text=st.text(max_size=12))
def test_a_confirmation_is_done_only_on_a_yes_and_dropped_only_on_a_no(
    engine: OneStepEngine, text: str
) -> None:
    asked = engine.confirmation("确定吗？", "已取消。", {"county": "平山县"}, START)
    outcome = engine.advance(asked.state, text, START + timedelta(minutes=1))
    words = engine.messages.words
    said = normalize(text)
    yes = said in {normalize(word) for word in words.confirm}
    no = said in {normalize(word) for word in [*words.cancel, *words.negative]}
    if no:
        assert (outcome.status, outcome.text) == ("cancelled", "已取消。")
    elif yes:
        assert outcome.status == "done"
        assert outcome.state.answers["county"] == "平山县"
    else:
        assert (outcome.status, outcome.text) == ("ask", "请回复“确认”或“取消”。\n确定吗？")
    late = engine.advance(asked.state, text, START + IDLE + timedelta(minutes=1))
    assert late.status == ("cancelled" if yes or no else "passed")


# whitespace of every kind (ideographic, no-break, line separators), full-width letters and edge punctuation
_SPACED = st.text(alphabet=st.sampled_from(" \t\n\u3000\xa0\u2028\u200bＹｅｓ确认 。！,?abcAB1"), max_size=12)


@given(text=_SPACED | st.text(max_size=12))
def test_an_answer_is_compared_without_any_whitespace_the_pattern_would_drop(text: str) -> None:
    """normalize drops whitespace by str.split, without a pattern's call on every message: the same as \\s+."""
    unicode_form = unicodedata.normalize("NFKC", text).lower()
    assert normalize(text) == re.sub(r"\s+", "", unicode_form).strip(_EDGE_PUNCT)


@given(text=st.text(alphabet="12345一二两三第个号涂料制造有机化工行业 ，。", max_size=10))
def test_a_choice_is_a_pick_among_its_options_or_passes(engine: OneStepEngine, text: str) -> None:
    """A pick is done; a number the options do not have ("5", 第四个) asks again with them listed, the choice
    kept; anything else passes."""
    options = ["有机化工行业", "炼油与石油化工", "涂料制造"]
    offered = engine.choice(options, START)
    outcome = engine.advance(offered, text, START)
    assert outcome.status in ("done", "passed", "ask")
    if outcome.status == "done":
        assert outcome.state.answers[CHOSEN] in options
    if outcome.status == "ask":
        assert outcome.state.answers == offered.answers
        assert outcome.text.endswith("\n1. 有机化工行业\n2. 炼油与石油化工\n3. 涂料制造")
        assert engine.advance(outcome.state, "3", START).state.answers[CHOSEN] == "涂料制造"
    assert engine.advance(offered, "4", START).status == "ask"
    assert engine.advance(offered, "第四个", START).status == "ask"
    assert engine.advance(offered, "2", START).state.answers[CHOSEN] == "炼油与石油化工"
    assert engine.advance(offered, "第3个", START).state.answers[CHOSEN] == "涂料制造"
    assert engine.advance(offered, "2", START + IDLE + timedelta(minutes=1)).status == "passed"
    # a name said to deny it picks nothing: the message passes, to be answered as usual
    assert engine.advance(offered, "不是涂料制造", START).status == "passed"
    assert engine.advance(offered, "涂料制造", START).state.answers[CHOSEN] == "涂料制造"


@given(text=st.text(max_size=12))
def test_a_completion_hands_over_each_message_until_declined_or_expired(
    engine: OneStepEngine, text: str
) -> None:
    """Whatever comes next goes to the command that asked (which takes it only if it finishes the command, else
    asks again with what was half given kept); 取消 or a no drops it; after the idle time it passes, answered as usual."""
    asked = engine.completion({"day": "7月17日"}, "几点发？", "没有设置。", START)
    outcome = engine.advance(asked, text, START + timedelta(minutes=1))
    words = Vocabulary(engine.messages).words
    declined = normalize(text).lstrip("/") in words["cancel"] | words["negative"]
    assert outcome.status == ("cancelled" if declined else "done")
    assert outcome.state.answers["day"] == "7月17日"
    again = engine.ask_again(asked, "没看懂。", START + timedelta(minutes=2))
    assert (again.status, again.text) == ("ask", "没看懂。\n几点发？")
    assert again.state.answers == asked.answers
    assert engine.question(again.state, START + timedelta(minutes=3)) == "几点发？"
    assert engine.advance(asked, text, START + IDLE + timedelta(minutes=1)).status == "passed"
