"""The WeCom self-built app over real HTTP on loopback: Tencent's XML vectors, callbacks built with wechatpy's
crypto, answers sent actively through the fake WeCom API (message/send, appchat/send)."""

from __future__ import annotations

import asyncio
from datetime import datetime

from bot.clock import TZ
from bot.dispatch import Router
from bot.inbox import InboxEntry
from bot.message import Message, Reply
from handlers import help as help_handlers
from handlers.context import Context
from storage.db import make_engine
from storage.repos import InboxRepository
from tests.fake_wechat_api import AGENT_ID
from tests.harness import Rig, own_commands, private_rig
from tests.private_peer import (
    CORP_ID,
    SAMPLE2_AES_KEY,
    SAMPLE2_AGENT_ID,
    SAMPLE2_BODY,
    SAMPLE2_CORP_ID,
    SAMPLE2_MESSAGE,
    SAMPLE2_TOKEN,
    SAMPLE_AES_KEY,
    SAMPLE_AGENT_ID,
    SAMPLE_BODY,
    SAMPLE_CORP_ID,
    SAMPLE_ECHO,
    SAMPLE_MESSAGE,
    SAMPLE_TOKEN,
    SAMPLE_VERIFY,
    text_xml,
)

PATH = "/wecom/app"
APP_CHAT = "jixiaoPingshan01"

gated: Router[Context] = Router("gated")
gates: dict[str, asyncio.Event] = {}


@gated.command("慢")
async def slow_answer(msg: Message, ctx: Context, args: str) -> list[Reply]:
    gates["started"].set()
    await gates["release"].wait()
    return [msg.reply(f"第{args}条")]


@gated.command("快")
async def quick_answer(msg: Message, ctx: Context, args: str) -> list[Reply]:
    return [msg.reply(f"第{args}条")]


async def say(rig: Rig, user: str, text: str, msg_id: str) -> None:
    params, body = rig.app_peer.text(user, text, msg_id, rig.now())
    response = await rig.client.post(PATH, params=params, data=body)
    assert (response.status, await response.text()) == (200, "")  # acknowledged at once, empty


async def test_url_verification_with_tencents_sample(database_url: str) -> None:
    start = datetime.fromtimestamp(int(SAMPLE_VERIFY["timestamp"]), TZ)
    async with private_rig(
        database_url,
        start=start,
        app_token=SAMPLE_TOKEN,
        app_aes_key=SAMPLE_AES_KEY,
        corp_id=SAMPLE_CORP_ID,
        agent_id=SAMPLE_AGENT_ID,
    ) as rig:
        response = await rig.client.get(PATH, params=SAMPLE_VERIFY)
        assert (response.status, await response.read()) == (200, SAMPLE_ECHO.encode())
        forged = {**SAMPLE_VERIFY, "msg_signature": "0" * 40}
        assert (await rig.client.get(PATH, params=forged)).status == 403
        rig.clock.advance(minutes=10)  # the same request replayed later
        assert (await rig.client.get(PATH, params=SAMPLE_VERIFY)).status == 403


async def test_url_verification_with_our_own_app(database_url: str) -> None:
    async with private_rig(database_url) as rig:
        response = await rig.client.get(PATH, params=rig.app_peer.url_check("8273465512", rig.now()))
        assert (response.status, await response.text()) == (200, "8273465512")


async def test_tencents_sample_message_is_recorded_as_mycreates_hello(database_url: str) -> None:
    start = datetime.fromtimestamp(int(SAMPLE_MESSAGE["timestamp"]), TZ)
    async with private_rig(
        database_url,
        start=start,
        app_token=SAMPLE_TOKEN,
        app_aes_key=SAMPLE_AES_KEY,
        corp_id=SAMPLE_CORP_ID,
        agent_id=SAMPLE_AGENT_ID,
    ) as rig:
        response = await rig.client.post(PATH, params=SAMPLE_MESSAGE, data=SAMPLE_BODY)
        assert (response.status, await response.text()) == (200, "")
        await rig.bot.drain()
        [record] = rig.inbox()
        assert (record.channel, record.msg_id, record.sender_id, record.text) == (
            "wecom_app",
            "4561255354251345929",
            "mycreate",
            "hello",
        )
        assert record.status == "handled"


async def test_tencents_second_sample_is_answered_through_message_send(database_url: str) -> None:
    start = datetime.fromtimestamp(int(SAMPLE2_MESSAGE["timestamp"]), TZ)
    async with private_rig(
        database_url,
        start=start,
        app_token=SAMPLE2_TOKEN,
        app_aes_key=SAMPLE2_AES_KEY,
        corp_id=SAMPLE2_CORP_ID,
        agent_id=SAMPLE2_AGENT_ID,
    ) as rig:
        response = await rig.client.post(PATH, params=SAMPLE2_MESSAGE, data=SAMPLE2_BODY)
        assert response.status == 200
        await rig.bot.drain()
        [sent] = rig.api.sent
        assert (sent.path, sent.to) == ("/cgi-bin/message/send", "ChenJiaShun")
        assert sent.text  # the greeting's answer
        assert rig.inbox()[0].text == "你好"


async def test_a_member_is_answered_through_message_send(database_url: str) -> None:
    async with private_rig(database_url) as rig:
        await say(rig, "wangke", "/帮助", "5000001")
        await rig.bot.drain()
        [sent] = rig.api.sent
        assert (sent.path, sent.to) == ("/cgi-bin/message/send", "wangke")
        assert "/绑定" in sent.text  # wangke is staff (BOT_STAFF): the staff help
        assert sent.body["agentid"] == AGENT_ID
        assert (sent.body["enable_duplicate_check"], sent.body["msgtype"]) == (1, "text")
        await say(rig, "zhangsan", "/帮助", "5000002")
        await rig.bot.drain()
        assert "/绑定" not in rig.api.texts("zhangsan")[0]  # an enterprise member's help


async def test_an_answer_goes_back_the_way_the_message_came_never_through_a_group_robot(
    database_url: str,
) -> None:
    # A group robot configured under the same id as the member's private chat: pushes to that id would
    # take the robot, an answer to the member's message still goes back through the app.
    async with private_rig(
        database_url, wecom_robots={"wangke": "0b5c2f7e-1bbb-4c8d-9e0f-1a2b3c4d5e6f"}
    ) as rig:
        await say(rig, "wangke", "/帮助", "5000003")
        await rig.bot.drain()
        [sent] = rig.api.sent
        assert (sent.path, sent.to) == ("/cgi-bin/message/send", "wangke")


async def test_retries_of_one_msgid_are_answered_once(database_url: str) -> None:
    async with private_rig(database_url) as rig:
        params, body = rig.app_peer.text("zhangsan", "/帮助", "5000010", rig.now())
        responses = await asyncio.gather(*(rig.client.post(PATH, params=params, data=body) for _ in range(3)))
        assert [r.status for r in responses] == [200, 200, 200]
        await rig.bot.drain()
        again = await rig.client.post(PATH, params=params, data=body)  # after the answer went out
        assert again.status == 200
        await rig.bot.drain()
        assert len(rig.api.texts("zhangsan")) == 1
        assert len(rig.inbox()) == 1


async def test_a_members_messages_are_answered_in_order_behind_a_slow_one(database_url: str) -> None:
    gates.update(started=asyncio.Event(), release=asyncio.Event())
    async with private_rig(
        database_url, routers=[help_handlers.router, gated], command_words=own_commands(gated)
    ) as rig:
        await say(rig, "zhangsan", "/慢 1", "6000001")
        await asyncio.wait_for(gates["started"].wait(), 5)
        for n in range(2, 7):  # recorded and acknowledged while the first is still being answered
            await say(rig, "zhangsan", f"/快 {n}", f"600000{n}")
        await say(rig, "lisi", "/快 9", "6000009")  # another conversation is not held up
        await rig.api.wait_for(1, seconds=5)
        assert rig.api.texts("lisi") == ["第9条"]
        assert rig.api.texts("zhangsan") == []
        gates["release"].set()
        await rig.bot.drain()
        assert rig.api.texts("zhangsan") == [f"第{n}条" for n in range(1, 7)]
        assert {r.status for r in rig.inbox()} == {"handled"}


async def test_reminders_reach_an_app_chat_through_appchat_send_once(database_url: str) -> None:
    async with private_rig(database_url, wecom_app_chats={APP_CHAT: "平山县"}) as rig:
        binding = rig.bot.context.repos.groups.get("wecom_app", APP_CHAT)
        assert binding is not None
        assert binding.county == "平山县"
        rig.clock.set(datetime(2020, 7, 16, 12, 1, tzinfo=TZ))  # a day before the application list is due
        assert await rig.bot.tick() == 1
        assert await rig.bot.tick() == 0
        [sent] = rig.api.sent
        assert (sent.path, sent.to) == ("/cgi-bin/appchat/send", APP_CHAT)
        assert "申请名单" in sent.text


async def test_an_expired_token_is_refreshed_and_the_call_tried_once_more(database_url: str) -> None:
    async with private_rig(database_url) as rig:
        await say(rig, "zhangsan", "/帮助", "7000001")
        await rig.bot.drain()
        rig.api.expire_tokens()
        await say(rig, "zhangsan", "你好", "7000002")
        await rig.bot.drain()
        assert len(rig.api.texts("zhangsan")) == 2
        assert rig.api.refusals == [42001]
        assert rig.api.fetches["wecom"] == 2


async def test_concurrent_answers_share_one_token_fetch(database_url: str) -> None:
    async with private_rig(database_url) as rig:
        await asyncio.gather(*(say(rig, f"user{n}", "/帮助", f"710000{n}") for n in range(10)))
        await rig.bot.drain()
        assert len(rig.api.sent) == 10
        assert rig.api.fetches["wecom"] == 1  # one refresh in flight, the others waited for it


async def test_rate_limited_answers_back_off_and_go_out_once(database_url: str) -> None:
    async with private_rig(database_url) as rig:
        rig.api.refuse_next(45009, times=2)
        await say(rig, "zhangsan", "/帮助", "7200001")
        await rig.bot.drain()
        assert rig.api.refusals == [45009, 45009]
        assert len(rig.api.texts("zhangsan")) == 1


async def test_a_message_left_queued_by_a_dead_worker_is_taken_up_by_the_tick(database_url: str) -> None:
    async with private_rig(database_url) as rig:
        # what a worker that died right after acknowledging leaves behind: a queued message, no answer
        entry = InboxEntry("wecom_app", "7300001", "zhangsan", "zhangsan", "/帮助", rig.clock.now())
        engine = make_engine(database_url)
        InboxRepository(engine).write([entry])
        engine.dispose()  # the worker dies (on PostgreSQL its session ends, and its lock with it)
        await rig.bot.tick()  # at once, not a minute later (bot.runtime.STALLED_AFTER): its worker is dead
        await rig.bot.drain()
        assert len(rig.api.texts("zhangsan")) == 1
        assert rig.inbox()[0].status == "handled"


async def test_a_picture_is_told_that_only_text_is_read(database_url: str) -> None:
    """A member's picture (or voice message) to the app got no answer at all: the Official Account's note is the
    answer here too, in the callback's response."""
    async with private_rig(database_url) as rig:
        picture = text_xml("zhangsan", CORP_ID, "", "5000009", rig.now(), AGENT_ID).replace(
            "<MsgType><![CDATA[text]]></MsgType>", "<MsgType><![CDATA[image]]></MsgType>"
        )
        params, body = rig.app_peer.seal(picture, rig.now())
        response = await rig.client.post(PATH, params=params, data=body)
        assert response.status == 200
        assert rig.app_peer.open_reply(await response.text(), params)["Content"] == (
            "目前只能读懂文字消息，请把问题用文字发给我。发送“/帮助”查看能问什么。"
        )
        assert rig.inbox() == []
