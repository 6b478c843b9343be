"""What a user found wrong, tried through the console (round 19): the line listing what else a long message asked
repeated the asker's words as they were, a phone number or credit code in them too, in a group as in a private
chat; "张三的手机号是多少" was not told that the bot gives no one's personal number; a lone "随便" after /提醒's usage got
an answer about Pingshan's 三个禁用; "voc治理用活性炭行不行" got the foundry's requirements as if a foundry were named."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from knowledge.credit_code import CHARSET
from tests.harness import Harness

GROUP = "平山县企业群"
BEFORE_THE_LIST = "2020-07-16T09:00"
ASKED_BESIDES = "您这条消息还问了"
LANDLINE = "86688888"
# three questions of different topics: the reply answers the first, and lists the second, the number in it
SEVERAL = "申请名单什么时候截止？企业没主动申报绩效评级会怎么样会按最低等级管理吗{number}？整改方案怎么写？"
PHONE_OR_CODE = re.compile(r"(?<![0-9A-Z])(1\d{10}|[0-9A-Z]{18})(?![0-9A-Z])")


async def test_a_number_in_what_else_was_asked_is_masked_in_a_group(harness: Harness) -> None:
    reply = await harness.text("张三", SEVERAL.format(number=LANDLINE), chat=GROUP, time=BEFORE_THE_LIST)
    listed = reply.rsplit("\n", 1)[-1]
    assert listed.startswith(ASKED_BESIDES), reply
    assert "会按最低等级管理吗****" in listed
    assert LANDLINE not in reply


async def test_a_number_in_what_else_was_asked_is_kept_in_a_private_chat(harness: Harness) -> None:
    reply = await harness.text("张三", SEVERAL.format(number=LANDLINE), chat="张三", time=BEFORE_THE_LIST)
    assert reply.rsplit("\n", 1)[-1].startswith(ASKED_BESIDES), reply
    assert LANDLINE in reply  # the asker's own words, to the asker alone


_MOBILES = st.from_regex(r"1[3-9]\d{9}", fullmatch=True)
_LANDLINES = st.from_regex(r"(0311-?)?[2-9]\d{6,7}", fullmatch=True)
_CODES = st.text(alphabet=CHARSET, min_size=18, max_size=18)


@hypothesis_settings(max_examples=30)  # each example a message answered in-process (~0.05 s)
@given(st.one_of(_MOBILES, _LANDLINES, _CODES))
async def test_no_phone_or_credit_code_in_the_askers_words_survives_in_a_group(
    harness: Harness, number: str
) -> None:
    reply = await harness.text("张三", SEVERAL.format(number=number), chat=GROUP, time=BEFORE_THE_LIST)
    assert number not in reply, reply
    assert PHONE_OR_CODE.search(reply) is None, reply


@pytest.mark.parametrize("asked", ["张三的手机号是多少", "李四电话多少"])
async def test_a_persons_phone_is_refused_with_the_documents_contacts(harness: Harness, asked: str) -> None:
    reply = await harness.text("王五", asked, chat=GROUP)
    assert reply.startswith("任何人的私人电话、手机号我都不提供。"), reply
    assert "樊永平、易鑫" in reply  # the contacts the notice names
    assert "sjzyjjp@163.com" in reply


@pytest.mark.parametrize("said", ["随便", "随便吧", "都行", "无所谓"])
async def test_a_lone_whatever_after_a_commands_usage_is_no_question(harness: Harness, said: str) -> None:
    usage = await harness.text("王科长", "/提醒 请按时报送申请名单", chat="王科长", role="staff")
    assert usage.startswith("没看懂提醒时间"), usage
    reply = await harness.text("王科长", said, chat="王科长", role="staff")
    assert reply.startswith("现在没有等您回复的事项"), reply
    assert "三个禁用" not in reply


async def test_an_entry_about_one_industry_is_offered_as_a_guess_when_no_industry_is_named(
    harness: Harness,
) -> None:
    reply = await harness.text("张三", "voc治理用活性炭行不行", chat=GROUP)
    assert reply.startswith("您是不是想问“铸造行业污染治理要求”？"), reply
    named = await harness.text("张三", "铸造厂voc治理用活性炭行不行", chat=GROUP)
    assert named.startswith("铸造污染治理"), named  # the foundry named: answered as before
