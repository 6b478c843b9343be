"""Group robots on a fake WeCom webhook server on loopback: limits, splitting, fan-out, error mapping."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import pytest

from bot.adapters.wecom_bot import CHANNEL
from bot.adapters.wecom_robot import RateLimiter, WeComRobotSender, robot_key
from bot.app import build_app
from bot.clock import ManualClock
from bot.message import Reply
from bot.outbox import RoutingOutbox, SendError, TransientSendError
from bot.settings import Settings
from bot.text import split_text, utf8_len
from handlers.context import Context
from tests.conftest import START
from tests.wecom_peer import FakeRobots, FakeTime, robot_server

KEYS = {
    "wrkGroupPingshan": "693a91f6-7aaa-4bc4-97a0-0ec2sifa5aaa",
    "wrkGroupLuquan": "0b5c2f7e-1bbb-4c8d-9e0f-1a2b3c4d5e6f",
    "wrkGroupZhengding": "5f4e3d2c-1a0b-4c9d-8e7f-6a5b4c3d2e1f",
}


def reminder(number: int, county: str) -> str:
    """A long reminder (three robot messages of text) whose sentences say where they belong."""
    sentences = [
        f"【{county}提醒{number}】第{i}条：请于7月20日前提交重点行业绩效分级申请名单及佐证材料。"
        for i in range(50)
    ]
    return "".join(sentences)


@asynccontextmanager
async def robots(
    time: FakeTime, msgtype: Any = "text", timeout_seconds: float = 10.0
) -> AsyncIterator[tuple[FakeRobots, WeComRobotSender]]:
    async with robot_server(time.now, set(KEYS.values())) as fake:
        limiter = RateLimiter(now=time.now, sleep=time.sleep)
        sender = WeComRobotSender(
            fake.base, KEYS.get, msgtype=msgtype, limiter=limiter, timeout_seconds=timeout_seconds
        )
        try:
            yield fake, sender
        finally:
            await sender.close()


async def test_reminder_fan_out_reaches_every_group_once_within_the_limits(settings: Settings) -> None:
    time = FakeTime()
    # The robot sender's own limiter (on the fake clock) is under test, not the delivery's window.
    settings = settings.model_copy(update={"send_rate_limit": 1000})
    async with robots(time) as (fake, sender):
        bot = build_app(settings, ManualClock(START), RoutingOutbox({CHANNEL: sender}))
        texts = {chat: [reminder(n, chat) for n in range(8)] for chat in KEYS}

        async def due_reminders(ctx: Context) -> int:
            outcomes = [
                await ctx.delivery.send(Reply(CHANNEL, chat, texts[chat][n]))
                for n in range(8)
                for chat in KEYS
            ]
            return sum(outcome.delivered for outcome in outcomes)

        bot.jobs = [due_reminders]
        expected = {
            chat: [piece for text in texts[chat] for piece in split_text(text, 2048)] for chat in KEYS
        }
        assert all(len(pieces) > 20 for pieces in expected.values())  # more than one minute's worth per robot

        assert await bot.tick() == 8 * len(KEYS)

    assert fake.refusals == []  # never over 20 a minute, never over 2048 bytes
    for chat, key in KEYS.items():
        assert fake.contents(key) == expected[chat]  # every piece once, in order, to its own group only
        assert all(utf8_len(content) <= 2048 for content in fake.contents(key))
        assert all(content.endswith("。") for content in fake.contents(key))  # cut at sentence ends
    assert time.slept >= 60  # the limiter waited instead of tripping the limit
    bot.context.repos.inbox._engine.dispose()


async def test_markdown_pushes_are_cut_to_4096_bytes() -> None:
    time = FakeTime()
    async with robots(time, msgtype="markdown") as (fake, sender):
        text = reminder(1, "平山县") * 2
        await sender.send(Reply(CHANNEL, "wrkGroupPingshan", text, to="wangke"))
    contents = fake.contents(KEYS["wrkGroupPingshan"])
    assert fake.refusals == []
    assert len(contents) == len(split_text(text, 4096))
    assert all(utf8_len(content) <= 4096 for content in contents)
    assert contents[0].startswith("<@wangke>")  # the addressee is mentioned where it still fits


async def test_text_push_mentions_the_addressee() -> None:
    async with robots(FakeTime()) as (fake, sender):
        await sender.send(Reply(CHANNEL, "wrkGroupLuquan", "请王科长确认。", to="wangke"))
    assert fake.received[KEYS["wrkGroupLuquan"]] == [
        {"msgtype": "text", "text": {"content": "请王科长确认。", "mentioned_list": ["wangke"]}}
    ]


def answer(status: int, body: Any) -> Callable[[FakeRobots], None]:
    def configure(fake: FakeRobots) -> None:
        fake.answer_with = (status, body)

    return configure


def slow(fake: FakeRobots) -> None:
    fake.delay = 1.0  # longer than the sender's timeout in this test


ERRORS = [
    ("too_frequent", answer(200, {"errcode": 45009, "errmsg": "api freq out of limit"}), True),
    ("system_busy", answer(200, {"errcode": -1, "errmsg": "system busy"}), True),
    ("invalid_webhook", answer(200, {"errcode": 93000, "errmsg": "invalid webhook url"}), False),
    ("content_too_long", answer(200, {"errcode": 40058, "errmsg": "content exceed max length"}), False),
    ("bad_gateway", answer(502, "bad gateway"), True),
    ("not_found", answer(404, "not found"), False),
    ("not_json", answer(200, "<html>ok</html>"), False),
    ("timeout", slow, True),
]


@pytest.mark.parametrize(
    ("configure", "retryable"), [(c, r) for _, c, r in ERRORS], ids=[n for n, _, _ in ERRORS]
)
async def test_errors_are_retryable_or_final(
    configure: Callable[[FakeRobots], None], retryable: bool
) -> None:
    async with robots(FakeTime(), timeout_seconds=0.2) as (fake, sender):
        configure(fake)
        with pytest.raises(SendError) as failure:
            await sender.send(Reply(CHANNEL, "wrkGroupPingshan", "提醒"))
    assert isinstance(failure.value, TransientSendError) is retryable
    assert KEYS["wrkGroupPingshan"] not in str(failure.value)  # the key is a secret


async def test_a_chat_without_robot_is_a_final_failure() -> None:
    async with robots(FakeTime()) as (fake, sender):
        with pytest.raises(SendError) as failure:
            await sender.send(Reply(CHANNEL, "wrkUnknownGroup", "提醒"))
    assert not isinstance(failure.value, TransientSendError)
    assert fake.received == {}


async def test_rate_limiter_waits_only_for_the_21st_message_of_a_minute() -> None:
    time = FakeTime()
    limiter = RateLimiter(limit=20, window=60.0, now=time.now, sleep=time.sleep)
    for _ in range(20):
        await limiter.wait("k")
        limiter.record("k")
        time.now_value += 1.0  # one message a second
    assert time.slept == 0
    await limiter.wait("k")  # the first was sent 20 s ago: wait 40 s more
    assert time.slept == pytest.approx(40.0)
    await limiter.wait("other")  # each robot has its own budget
    assert time.slept == pytest.approx(40.0)


def test_robot_key_from_webhook_address_or_key() -> None:
    key = KEYS["wrkGroupPingshan"]
    assert robot_key(f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={key}") == key
    assert robot_key(f"  {key} ") == key
    for bad in ("https://qyapi.weixin.qq.com/cgi-bin/webhook/send", "not a key!", ""):
        with pytest.raises(ValueError, match="group-robot"):
            robot_key(bad)
