"""Asking in a group which county it is bound to ("这个群是哪个县的"): answered from the group's binding, the
way /截止 reads it, with who may change it; never by the FAQ or "not sure"."""

from __future__ import annotations

import pytest

from tests.harness import Harness

GROUP = "平山县企业群"
# Written before the answer existed, as people ask it in a group (at main each got the FAQ or "not sure").
BINDING_QUESTIONS = [
    "这个群是哪个县的",
    "我们群绑的哪个县",
    "本群绑定了吗",
    "这个群绑定了吗？",
    "咱们群绑定的哪个县",
    "本群是哪个县的",
    "我们群绑定了没有",
    "这个群属于哪个县",
    "这群是哪个县的",
    "本群绑定的是哪个县",
    "咱群绑了哪个县",
    "我们这个群有没有绑定",
    "这是哪个县的群",
    "本群绑定情况",
]


@pytest.mark.parametrize("question", BINDING_QUESTIONS)
async def test_a_bound_group_is_told_its_county_and_who_changes_it(harness: Harness, question: str) -> None:
    await harness.say("王科长", "/绑定 平山县", chat=GROUP, role="staff")
    text = await harness.text("张三", question, chat=GROUP)
    assert text.startswith("本群已绑定平山县（企业群）")
    assert "平山县生态环境分局" in text  # an enterprise asks the branch to change it


async def test_staff_are_told_the_commands_that_change_the_binding(harness: Harness) -> None:
    await harness.say("王科长", "/绑定 平山县 分局", chat=GROUP, role="staff")
    text = await harness.text("王科长", "这个群是哪个县的", chat=GROUP, role="staff")
    assert text.startswith("本群已绑定平山县（分局群）")
    assert "/绑定 县名" in text
    assert "/解绑" in text


@pytest.mark.parametrize("question", BINDING_QUESTIONS[:4])
async def test_an_unbound_group_is_told_how_county_staff_bind_it(harness: Harness, question: str) -> None:
    text = await harness.text("张三", question, chat="某企业群")
    assert text.startswith("本群还没有绑定县（市、区）")
    assert "/绑定 平山县" in text  # the command county staff send, with an example


async def test_asked_in_a_private_chat_it_says_bindings_are_for_groups(harness: Harness) -> None:
    text = await harness.text("张三", "本群绑定了吗", chat="张三")
    assert "私聊" in text
    assert "/绑定" in text


async def test_the_command_answers_too_and_other_questions_are_not_taken(harness: Harness) -> None:
    assert (await harness.text("张三", "/本群", chat="某企业群")).startswith("本群还没有绑定")
    text = await harness.text("张三", "申请名单什么时候交", chat=GROUP)
    assert "绑定" not in text
