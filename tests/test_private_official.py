"""The Official Account over real HTTP on loopback, in plain and safe (AES) mode: callbacks built with
wechatpy's crypto, passive XML replies opened as WeChat would, late answers and reminders as
customer-service messages through the fake API, inside the 48-hour window only."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from aiohttp import ClientResponse

from bot.dispatch import Router
from bot.message import Message, Reply
from handlers import help as help_handlers
from handlers import reminders
from handlers.context import Context
from tests.harness import Rig, own_commands, private_rig
from tests.private_peer import MP_ORIGINAL_ID, event_xml

PATH = "/mp"
USER = "o_enterprise_openid_1"
STAFF_USER = "o_staff_openid_1"

echo: Router[Context] = Router("echo")
gates: dict[str, asyncio.Event] = {}


@echo.command("回声")
async def say_back(msg: Message, ctx: Context, args: str) -> list[Reply]:
    return [msg.reply(args)]


@echo.command("慢")
async def slow_answer(msg: Message, ctx: Context, args: str) -> list[Reply]:
    await gates["release"].wait()
    return [msg.reply(f"慢完成：{args}")]


@echo.command("两条")
async def two_answers(msg: Message, ctx: Context, args: str) -> list[Reply]:
    return [msg.reply("第一条"), msg.reply("第二条")]


def echo_routers() -> list[Router[Context]]:
    return [help_handlers.router, echo]


ECHO_WORDS = own_commands(echo)


async def post(rig: Rig, params: dict[str, str], body: str) -> tuple[ClientResponse, str]:
    response = await rig.client.post(PATH, params=params, data=body.encode("utf-8"))
    return response, await response.text()


async def ask(rig: Rig, text: str, msg_id: str, safe: bool, user: str = USER) -> dict[str, Any]:
    """The passive reply's fields to one text message (checked and decrypted as WeChat would)."""
    params, body = rig.mp_peer.text(user, text, msg_id, rig.now(), safe)
    response, reply = await post(rig, params, body)
    assert response.status == 200
    assert response.content_type == "application/xml"
    return rig.mp_peer.open_reply(reply, params, safe)


@pytest.fixture(params=["plain", "safe"])
def safe(request: pytest.FixtureRequest) -> bool:
    return bool(request.param == "safe")


async def test_url_verification_echoes_echostr(database_url: str) -> None:
    async with private_rig(database_url) as rig:
        params = {**rig.mp_peer.query(rig.now(), USER), "echostr": "6423519884310001"}
        del params["openid"]
        response = await rig.client.get(PATH, params=params)
        assert (response.status, await response.text()) == (200, "6423519884310001")
        forged = {**params, "signature": "f" * 40}
        assert (await rig.client.get(PATH, params=forged)).status == 403


async def test_a_question_gets_a_passive_text_reply(database_url: str, safe: bool) -> None:
    async with private_rig(database_url, mp_safe=safe) as rig:
        reply = await ask(rig, "/帮助", "24000001", safe)
        assert (reply["ToUserName"], reply["FromUserName"], reply["MsgType"]) == (
            USER,
            MP_ORIGINAL_ID,
            "text",
        )
        assert "/截止" in reply["Content"]
        assert "/绑定" not in reply["Content"]
        staff_reply = await ask(rig, "/帮助", "24000002", safe, user=STAFF_USER)
        # the openid is in BOT_STAFF, which counts in safe mode only (plain mode does not sign the body)
        assert ("/绑定" in staff_reply["Content"]) == safe
        first = rig.inbox()[0]
        assert (first.channel, first.msg_id, first.chat_id, first.status) == (
            "mp",
            "24000001",
            USER,
            "handled",
        )
        assert rig.api.sent == []  # nothing went the active way


async def test_an_answer_quoting_cdata_terminators_survives_the_xml(database_url: str, safe: bool) -> None:
    async with private_rig(
        database_url, routers=echo_routers(), command_words=ECHO_WORDS, mp_safe=safe
    ) as rig:
        tricky = "a]]><MsgType>news</MsgType>&amp;<b>粗</b>]]>"
        reply = await ask(rig, f"/回声 {tricky}", "24000003", safe)
        assert reply["Content"] == tricky
        assert reply["MsgType"] == "text"


async def test_in_safe_mode_a_plain_callback_is_refused(database_url: str) -> None:
    async with private_rig(database_url, mp_safe=True) as rig:
        params, body = rig.mp_peer.text(USER, "/帮助", "24000004", rig.now(), safe=False)
        response, _ = await post(rig, params, body)
        assert response.status == 403
        assert rig.inbox() == []


async def test_retries_of_one_msgid_are_answered_once(database_url: str, safe: bool) -> None:
    async with private_rig(database_url, mp_safe=safe) as rig:
        params, body = rig.mp_peer.text(USER, "/帮助", "24000005", rig.now(), safe)
        _, reply = await post(rig, params, body)
        assert "/截止" in rig.mp_peer.open_reply(reply, params, safe)["Content"]
        for _ in range(2):  # WeChat's retries of the same message
            again, text = await post(rig, params, body)
            assert (again.status, text) == (200, "success")
        await rig.bot.drain()
        assert len(rig.inbox()) == 1
        assert rig.api.sent == []


async def test_an_answer_later_than_the_budget_goes_out_as_a_customer_service_message(
    database_url: str, safe: bool
) -> None:
    gates["release"] = asyncio.Event()
    async with private_rig(
        database_url,
        routers=echo_routers(),
        command_words=ECHO_WORDS,
        mp_safe=safe,
        mp_reply_budget_seconds=0.05,  # the answer waits on its gate: any budget runs out first
    ) as rig:
        params, body = rig.mp_peer.text(USER, "/慢 问题", "24000006", rig.now(), safe)
        response, text = await post(rig, params, body)
        assert (response.status, text) == (200, "success")  # acknowledged when the budget ran out
        assert rig.api.sent == []
        gates["release"].set()
        await rig.bot.drain()
        [sent] = rig.api.sent
        assert (sent.path, sent.to, sent.text) == ("/cgi-bin/message/custom/send", USER, "慢完成：问题")


async def test_several_answers_to_one_message_all_go_out_as_customer_service_messages(
    database_url: str,
) -> None:
    async with private_rig(database_url, routers=echo_routers(), command_words=ECHO_WORDS) as rig:
        params, body = rig.mp_peer.text(USER, "/两条", "24000007", rig.now(), safe=True)
        response, text = await post(rig, params, body)
        assert (response.status, text) == (200, "success")  # a passive reply carries one message only
        await rig.bot.drain()
        assert rig.api.texts(USER) == ["第一条", "第二条"]


async def test_follow_and_menu_click_become_commands(database_url: str, safe: bool) -> None:
    async with private_rig(database_url, mp_safe=safe) as rig:
        plaintext = event_xml(USER, MP_ORIGINAL_ID, "subscribe", rig.now())
        params, body = (
            rig.mp_peer.safe(plaintext, USER, rig.now())
            if safe
            else rig.mp_peer.plain(plaintext, USER, rig.now())
        )
        _, reply = await post(rig, params, body)
        assert "/截止" in rig.mp_peer.open_reply(reply, params, safe)["Content"]  # the welcome is the help
        _, again = await post(rig, params, body)  # WeChat's retry of the same event
        assert again == "success"
        rig.clock.advance(seconds=5)
        click = event_xml(USER, MP_ORIGINAL_ID, "CLICK", rig.now(), key="/截止")
        params, body = (
            rig.mp_peer.safe(click, USER, rig.now()) if safe else rig.mp_peer.plain(click, USER, rig.now())
        )
        _, reply = await post(rig, params, body)
        assert "申请名单" in rig.mp_peer.open_reply(reply, params, safe)["Content"]
        unsubscribe = event_xml(USER, MP_ORIGINAL_ID, "unsubscribe", rig.now())
        params, body = (
            rig.mp_peer.plain(unsubscribe, USER, rig.now())
            if not safe
            else rig.mp_peer.safe(unsubscribe, USER, rig.now())
        )
        _, text = await post(rig, params, body)
        assert text == "success"
        assert [r.text for r in rig.inbox()] == ["/帮助", "/截止"]


async def test_an_image_is_told_that_only_text_is_read(database_url: str) -> None:
    async with private_rig(database_url, mp_safe=False) as rig:
        image = (
            f"<xml><ToUserName><![CDATA[{MP_ORIGINAL_ID}]]></ToUserName><FromUserName><![CDATA[{USER}]]>"
            f"</FromUserName><CreateTime>{rig.now()}</CreateTime><MsgType><![CDATA[image]]></MsgType>"
            "<PicUrl><![CDATA[http://mmbiz.qpic.cn/x]]></PicUrl><MediaId><![CDATA[m1]]></MediaId>"
            "<MsgId>24000008</MsgId></xml>"
        )
        params, body = rig.mp_peer.plain(image, USER, rig.now())
        _, reply = await post(rig, params, body)
        assert rig.mp_peer.open_reply(reply, params, safe=False)["Content"] == (
            "目前只能读懂文字消息，请把问题用文字发给我。发送“/帮助”查看能问什么。"
        )


async def test_reminders_go_out_only_inside_the_48_hour_window(database_url: str) -> None:
    async with private_rig(database_url, routers=[reminders.router, help_handlers.router]) as rig:
        reply = await ask(rig, "/提醒 明天9点 请按时报送申请名单", "24000010", True, user=STAFF_USER)
        assert "提醒#1" in reply["Content"]
        reply = await ask(rig, "/提醒 7月18日9:00 材料准备好了吗", "24000011", True, user=STAFF_USER)
        assert "提醒#2" in reply["Content"]
        rig.clock.advance(days=1, minutes=1)  # 7月16日 09:01: 24 hours after the staff member's last message
        assert await rig.bot.tick() == 1
        assert rig.api.texts(STAFF_USER, "/cgi-bin/message/custom/send") == [
            f"【提醒】请按时报送申请名单\n——{STAFF_USER}"
        ]
        rig.clock.advance(days=2)  # 7月18日 09:01: 72 hours after it
        assert await rig.bot.tick() == 0
        assert len(rig.api.sent) == 1  # nothing was tried: the window had closed
        failures = await ask(rig, "/发送失败", "24000012", True, user=STAFF_USER)
        assert "48小时" in failures["Content"]


async def test_two_workers_on_one_database_answer_a_users_messages_in_order(database_url: str) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("several workers share PostgreSQL")
    gates["release"] = asyncio.Event()
    async with (
        private_rig(database_url, routers=echo_routers(), command_words=ECHO_WORDS) as first,
        private_rig(database_url, routers=echo_routers(), command_words=ECHO_WORDS) as second,
    ):
        slow_params, slow_body = first.mp_peer.text(USER, "/慢 一", "24000020", first.now(), safe=True)
        slow = asyncio.ensure_future(post(first, slow_params, slow_body))
        for _ in range(500):  # bounded: until the first worker holds the conversation
            if first.inbox():
                break
            await asyncio.sleep(0.01)
        params, body = second.mp_peer.text(USER, "/回声 二", "24000021", second.now(), safe=True)
        later = asyncio.ensure_future(post(second, params, body))  # the second worker waits its turn
        for _ in range(500):  # bounded: until the second message is queued too
            if len(first.inbox()) == 2:
                break
            await asyncio.sleep(0.01)
        gates["release"].set()
        response, reply = await slow
        assert first.mp_peer.open_reply(reply, slow_params, safe=True)["Content"] == "慢完成：一"
        response, text = await later
        assert (response.status, text) == (200, "success")  # answered by the first worker, actively
        await first.bot.drain()
        await second.bot.drain()
        assert first.api.texts(USER) == ["二"]
        assert second.api.sent == []
        assert [r.status for r in first.inbox()] == ["handled", "handled"]
