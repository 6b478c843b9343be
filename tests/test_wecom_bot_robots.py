"""Group robots on a fake WeCom webhook server on loopback: limits, splitting, fan-out, error mapping."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import pytest

from bot.adapters.wecom_bot import CHANNEL
from bot.adapters.wecom_robot import WeComRobotSender
from bot.app import BotApp, build_app
from bot.clock import ManualClock
from bot.delivery import DeliveryOutbox, SlidingWindowLimiter
from bot.message import Reply
from bot.outbox import RecordingOutbox, RoutingOutbox, SendError, SendFailure, TransientSendError
from bot.settings import Settings
from bot.text import split_text, utf8_len
from bot.webhooks import configured_robots, mask_key, robot_key
from handlers.context import Context
from tests.fake_robot import FakeRobots, FakeTime, robot_server
from tests.harness import START, shipped_renderer

KEYS = {
    "wrkGroupPingshan": "693a91f6-7aaa-4bc4-97a0-0ec2sifa5aaa",
    "wrkGroupLuquan": "0b5c2f7e-1bbb-4c8d-9e0f-1a2b3c4d5e6f",
    "wrkGroupZhengding": "5f4e3d2c-1a0b-4c9d-8e7f-6a5b4c3d2e1f",
}
PINGSHAN_KEY = KEYS["wrkGroupPingshan"]


def reminder(number: int, county: str) -> str:
    """A long reminder (three robot messages of text) whose sentences say where they belong."""
    sentences = [
        f"【{county}提醒{number}】第{i}条：请于7月20日前提交重点行业绩效分级申请名单及佐证材料。"
        for i in range(50)
    ]
    return "".join(sentences)


@asynccontextmanager
async def robot_bot(
    settings: Settings, time: FakeTime, channels: RecordingOutbox | RoutingOutbox, **overrides: Any
) -> AsyncIterator[tuple[FakeRobots, BotApp[Context]]]:
    """The bot with the groups' robots configured (BOT_WECOM_ROBOTS) on the fake, pushes paced on `time`."""
    async with robot_server(KEYS.values(), now=time.now) as fake:
        configured = settings.model_copy(
            update={"wecom_robots": KEYS, "wecom_api_base": fake.base, **overrides}
        )
        bot = build_app(configured, ManualClock(START), channels, monotonic=time.now, sleep=time.sleep)
        try:
            yield fake, bot
        finally:
            await bot.close()
            bot.context.repos.inbox._engine.dispose()


@asynccontextmanager
async def robots(timeout_seconds: float = 10.0) -> AsyncIterator[tuple[FakeRobots, WeComRobotSender]]:
    async with robot_server(KEYS.values()) as fake:
        sender = WeComRobotSender(fake.base, timeout_seconds=timeout_seconds)
        try:
            yield fake, sender
        finally:
            await sender.close()


async def test_reminder_fan_out_reaches_every_group_once_within_the_limits(settings: Settings) -> None:
    time = FakeTime()
    channels = RecordingOutbox()
    async with robot_bot(settings, time, channels) as (fake, bot):
        texts = {chat: [reminder(n, chat) for n in range(8)] for chat in KEYS}

        async def due_reminders() -> int:
            outcomes = [
                await bot.context.delivery.send(Reply(CHANNEL, chat, texts[chat][n]))
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
    assert fake.busiest_window() == 20
    for chat, key in KEYS.items():
        assert fake.contents(key) == expected[chat]  # every piece once, in order, to its own group only
        assert all(utf8_len(content) <= 2048 for content in fake.contents(key))
        assert all(content.endswith("。") for content in fake.contents(key))  # cut at sentence ends
    assert time.slept >= 60  # the delivery's window waited instead of tripping the limit
    assert channels.sent == []  # every group has a robot: nothing went the channel's way


async def test_markdown_pushes_are_cut_to_4096_bytes(settings: Settings) -> None:
    async with robot_bot(settings, FakeTime(), RecordingOutbox(), wecom_robot_msgtype="markdown") as (
        fake,
        bot,
    ):
        text = reminder(1, "平山县") * 2
        outcome = await bot.context.delivery.send(Reply(CHANNEL, "wrkGroupPingshan", text, to="wangke"))
    assert outcome.delivered
    contents = fake.contents(PINGSHAN_KEY)
    assert fake.refusals == []
    assert len(contents) == len(split_text(text, 4096))
    assert all(utf8_len(content) <= 4096 for content in contents)
    assert contents[0].startswith("<@wangke>")  # the addressee is mentioned where it still fits


async def test_text_push_mentions_the_addressee() -> None:
    async with robots() as (fake, sender):
        await sender.post(KEYS["wrkGroupLuquan"], "请王科长确认。", mention="wangke")
        await sender.post(KEYS["wrkGroupLuquan"], "群通知")
    assert fake.received[KEYS["wrkGroupLuquan"]] == [
        {"msgtype": "text", "text": {"content": "请王科长确认。", "mentioned_list": ["wangke"]}},
        {"msgtype": "text", "text": {"content": "群通知"}},
    ]


def answer(status: int, body: Any) -> Callable[[FakeRobots], None]:
    def configure(fake: FakeRobots) -> None:
        fake.answer_with = (status, body)

    return configure


def slow(fake: FakeRobots) -> None:
    fake.delay = 1.0  # longer than the sender's timeout in this test


ERRORS = [  # name, what the robot does, retryable, what the failure says (in words staff read in /发送失败)
    ("too_frequent", answer(200, {"errcode": 45009, "errmsg": "api freq out of limit"}), True, "频率超限"),
    ("system_busy", answer(200, {"errcode": -1, "errmsg": "system busy"}), True, "平台繁忙"),
    ("invalid_webhook", answer(200, {"errcode": 93000, "errmsg": "invalid webhook url"}), False, "密钥无效"),
    (
        "content_too_long",
        answer(200, {"errcode": 40058, "errmsg": "content exceed max length"}),
        False,
        "消息太长",
    ),
    (
        "other_refusal",
        answer(200, {"errcode": 40013, "errmsg": "invalid corpid"}),
        False,
        "拒收（errcode 40013",
    ),
    ("bad_gateway", answer(502, "bad gateway"), True, "服务器出错（HTTP 502）"),
    ("forbidden", answer(403, "forbidden"), False, "HTTP 403"),
    ("not_found", answer(404, "not found"), False, "HTTP 404"),
    ("not_json", answer(200, "<html>ok</html>"), False, "看不懂"),
    ("timeout", slow, True, "连接超时"),
]
EXCEPTION_NAME = re.compile(r"[A-Z][A-Za-z]+(Error|Exception)")
RENDER = shipped_renderer()  # the session's


def worded(failure: SendFailure) -> str:
    """A failure as staff read it in /发送失败."""
    return RENDER("send_failure.j2", failure=failure)


@pytest.mark.parametrize(
    ("configure", "retryable", "reason"),
    [(c, r, m) for _, c, r, m in ERRORS],
    ids=[n for n, _, _, _ in ERRORS],
)
async def test_errors_are_retryable_or_final(
    configure: Callable[[FakeRobots], None], retryable: bool, reason: str
) -> None:
    async with robots(timeout_seconds=0.2) as (fake, sender):
        configure(fake)
        with pytest.raises(SendError) as failure:
            await sender.post(PINGSHAN_KEY, "提醒")
    assert isinstance(failure.value, TransientSendError) is retryable
    words = worded(failure.value.failure)
    assert reason in words
    assert PINGSHAN_KEY not in words  # the key is a secret
    assert not EXCEPTION_NAME.search(words)


async def test_an_unreachable_robot_is_retryable() -> None:
    sender = WeComRobotSender(
        "http://127.0.0.1:9", timeout_seconds=0.2
    )  # nothing listens on the discard port
    try:
        with pytest.raises(TransientSendError) as failure:
            await sender.post(PINGSHAN_KEY, "提醒")
    finally:
        await sender.close()
    words = worded(failure.value.failure)
    assert PINGSHAN_KEY not in words
    assert words == "连接失败：连不上群机器人（网络不通或地址不对）"


async def test_a_wecom_chat_without_robot_is_a_final_failure(settings: Settings) -> None:
    # serve's composition: the AI-bot channel cannot start a message, so only a robot can push
    async with robot_bot(settings, FakeTime(), RoutingOutbox({})) as (fake, bot):
        outcome = await bot.context.delivery.send(Reply(CHANNEL, "wrkUnknownGroup", "提醒"))
        with pytest.raises(SendError) as failure:  # how the AI-bot callback sees it
            await DeliveryOutbox(bot.context.delivery).send(Reply(CHANNEL, "wrkUnknownGroup", "提醒"))
    assert (outcome.delivered, outcome.attempts) == (False, 1)  # final: not retried
    assert outcome.error == failure.value.failure
    assert worded(outcome.error) == "渠道 wecom_bot 不能主动发消息，这个聊天也没有设置群机器人（/机器人）"
    assert fake.received == {}


async def test_the_window_waits_only_for_the_21st_message_of_a_minute() -> None:
    time = FakeTime()
    limiter = SlidingWindowLimiter(20, 60.0, monotonic=time.now, sleep=time.sleep)
    for _ in range(20):
        async with limiter.slot((CHANNEL, "wrkGroupPingshan")):
            pass
        time.now_value += 1.0  # one message a second
    assert time.slept == 0
    async with limiter.slot((CHANNEL, "wrkGroupPingshan")):  # the first was sent 20 s ago: wait 40 s more
        pass
    assert time.slept == pytest.approx(40.0)
    async with limiter.slot((CHANNEL, "wrkGroupLuquan")):  # each group (and so each robot) has its own budget
        pass
    assert time.slept == pytest.approx(40.0)


def test_robot_key_from_webhook_address_or_key() -> None:
    key = PINGSHAN_KEY
    assert robot_key(f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={key}") == key
    assert robot_key(f"  {key} ") == key
    for bad in (
        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send",
        f"https://qyapi.weixin.qq.com/cgi-bin/message/send?key={key}",  # not a robot's address
        "not a key!",
        "",
    ):
        with pytest.raises(ValueError, match="group-robot"):
            robot_key(bad)
    assert mask_key(key) == "****5aaa"


def test_configured_robots_refuse_bad_or_shared_keys() -> None:
    assert configured_robots(
        {"wrkA": f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={PINGSHAN_KEY}"}
    ) == {"wrkA": PINGSHAN_KEY}
    with pytest.raises(ValueError, match="wrkA: not a group-robot") as bad:
        configured_robots({"wrkA": "secret but not a key!"})
    assert "secret" not in str(bad.value)
    with pytest.raises(ValueError, match="wrkA, wrkB name the same group robot"):
        configured_robots({"wrkA": PINGSHAN_KEY, "wrkB": PINGSHAN_KEY, "wrkC": KEYS["wrkGroupLuquan"]})
