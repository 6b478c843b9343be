"""What a user found wrong, tried through the console (round 19): the line listing what else a long message asked
repeated the asker's words as they were, a phone number or credit code in them too, in a group as in a private
chat."""

from __future__ import annotations

import re

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
