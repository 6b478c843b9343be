"""The WeCom AI bot callback over real HTTP on loopback, played with wechatpy's own cipher and Tencent's vectors."""

from __future__ import annotations

import asyncio
import base64
import functools
import io
import json
import logging
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient, TestServer
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select
from wechatpy.enterprise.crypto import PrpCrypto

from bot.adapters.wecom_bot import (
    CHANNEL,
    MAX_BODY_BYTES,
    ResponseUrls,
    WeComBotCallback,
    WeComBotConfig,
    WeComBotCrypto,
    mount,
    sealed_json,
    stream_frame,
)
from bot.app import BotApp, build_app
from bot.clock import TZ, ManualClock
from bot.dispatch import CommandWords, Router
from bot.message import Message, Reply
from bot.outbox import RecordingOutbox
from bot.server import make_web_app
from bot.settings import Settings
from bot.text import WECOM_BOT_MARKDOWN_LIMIT, strip_mention, utf8_len
from handlers import help as help_handlers
from handlers.context import Context
from storage import tables
from storage.models import InboxRecord
from tests.harness import START, make_settings, own_commands
from tests.wecom_peer import (
    AES_KEY,
    GROUP,
    OTHER_AES_KEY,
    SAMPLE_AES_KEY,
    SAMPLE_ECHO,
    SAMPLE_ENCRYPT,
    SAMPLE_MESSAGE,
    SAMPLE_PLAINTEXT_START,
    SAMPLE_RECEIVE_ID,
    SAMPLE_TOKEN,
    SAMPLE_VERIFY,
    TOKEN,
    WeComPeer,
    mixed_callback,
    response_url_server,
    text_callback,
)

PATH = "/wecom/bot"

slow: Router[Context] = Router("slow")
gates: dict[str, asyncio.Event] = {}


@slow.command("慢")
async def slow_answer(msg: Message, ctx: Context, args: str) -> list[Reply]:
    gates["started"].set()
    await gates["release"].wait()
    return [msg.reply(f"慢完成：{args}")]


@slow.command("长")
async def long_answer(msg: Message, ctx: Context, args: str) -> list[Reply]:
    return [msg.reply("很长的一句话。" * 2000), msg.reply("第二条")]


@slow.command("转告")
async def tell_another_group(msg: Message, ctx: Context, args: str) -> list[Reply]:
    return [msg.reply("已转告"), Reply(msg.channel, "wrkOtherGroup", f"转告：{args}")]


@dataclass
class Rig:
    client: TestClient[Any, Any]
    bot: BotApp
    clock: ManualClock
    peer: WeComPeer
    outbox: RecordingOutbox

    def now(self) -> int:
        return int(self.clock.now().timestamp())

    async def post(self, payload: dict[str, Any] | str) -> tuple[ClientResponse, str]:
        params, body = self.peer.callback(payload, self.now())
        response = await self.client.post(PATH, params=params, data=body)
        await response.read()
        return response, params["nonce"]

    async def answer(self, payload: dict[str, Any]) -> str:
        """The content of the passive stream reply to one callback."""
        response, nonce = await self.post(payload)
        assert response.status == 200
        reply = self.peer.open_reply(await response.json(), nonce)
        assert reply["msgtype"] == "stream"
        assert reply["stream"]["finish"] is True
        assert reply["stream"]["id"]
        return str(reply["stream"]["content"])

    def inbox(self) -> list[InboxRecord]:
        engine = self.bot.context.repos.inbox._engine
        with engine.connect() as connection:
            return [InboxRecord(**row._mapping) for row in connection.execute(select(tables.inbox))]


@asynccontextmanager
async def wecom_rig(
    settings: Settings,
    routers: list[Router[Context]] | None = None,
    command_words: Mapping[str, CommandWords] | None = None,
    budget: float = 5.0,
    staff: dict[str, str] | None = None,
    token: str = TOKEN,
    aes_key: str = AES_KEY,
    receive_id: str = "",
    start: datetime = START,
) -> AsyncIterator[Rig]:
    clock = ManualClock(start)
    outbox = RecordingOutbox()
    response_urls = ResponseUrls(clock)
    bot = build_app(
        settings, clock, outbox, routers, command_words=command_words, answer_routes={CHANNEL: response_urls}
    )
    config = WeComBotConfig(
        token=token,
        encoding_aes_key=aes_key,
        bot_name=settings.bot_name,
        staff=staff or {},
        reply_budget_seconds=budget,
        receive_id=receive_id,
    )
    endpoint = WeComBotCallback(bot, response_urls, clock, config, bot.context.render)
    app = make_web_app(bot, [functools.partial(mount, endpoint=endpoint)])
    try:
        async with TestClient(TestServer(app)) as client:
            yield Rig(client, bot, clock, WeComPeer(token, aes_key, receive_id), outbox)
    finally:
        await bot.close()  # as the process's end: its senders, and its hold on what it claimed and leased
        bot.context.repos.inbox._engine.dispose()  # before the test database is dropped


def routers_with_slow() -> list[Router[Context]]:
    return [help_handlers.router, slow]


# ---------------------------------------------------------------- URL verification


async def test_url_verification_with_tencents_sample(settings: Settings) -> None:
    start = datetime.fromtimestamp(int(SAMPLE_VERIFY["timestamp"]), TZ)
    async with wecom_rig(
        settings, token=SAMPLE_TOKEN, aes_key=SAMPLE_AES_KEY, receive_id=SAMPLE_RECEIVE_ID, start=start
    ) as rig:
        response = await rig.client.get(PATH, params=SAMPLE_VERIFY)
        assert response.status == 200
        assert await response.read() == SAMPLE_ECHO.encode()  # the plaintext only: no quotes, BOM or newline
        forged = {**SAMPLE_VERIFY, "msg_signature": "0" * 40}
        assert (await rig.client.get(PATH, params=forged)).status == 403
        rig.clock.advance(minutes=10)  # the same request replayed later
        assert (await rig.client.get(PATH, params=SAMPLE_VERIFY)).status == 403


async def test_url_verification_of_our_bot_with_an_empty_receive_id(settings: Settings) -> None:
    async with wecom_rig(settings) as rig:
        response = await rig.client.get(PATH, params=rig.peer.url_check("5927383745", rig.now()))
        assert (response.status, await response.text()) == (200, "5927383745")


def test_tencents_json_sample_passes_our_signature_check_and_decrypts() -> None:
    crypto = WeComBotCrypto(SAMPLE_TOKEN, SAMPLE_AES_KEY, SAMPLE_RECEIVE_ID)
    ts, nonce = SAMPLE_MESSAGE["timestamp"], SAMPLE_MESSAGE["nonce"]
    assert crypto.verify(SAMPLE_MESSAGE["msg_signature"], ts, nonce, SAMPLE_ENCRYPT)
    assert not crypto.verify(SAMPLE_MESSAGE["msg_signature"], ts, "1", SAMPLE_ENCRYPT)
    assert crypto.decrypt(SAMPLE_ENCRYPT).startswith(SAMPLE_PLAINTEXT_START)


@given(st.text(), st.sampled_from(["", SAMPLE_RECEIVE_ID]))
def test_our_envelope_and_wechatpys_open_each_other(plaintext: str, receive_id: str) -> None:
    ours = WeComBotCrypto(TOKEN, AES_KEY, receive_id)
    theirs = PrpCrypto(base64.b64decode(AES_KEY + "="))
    plaintext = plaintext.encode("utf-8", "replace").decode("utf-8")  # lone surrogates travel as "?"
    assert theirs.decrypt(ours.encrypt(plaintext), receive_id) == plaintext
    assert ours.decrypt(bytes(theirs.encrypt(plaintext, receive_id)).decode()) == plaintext
    with pytest.raises(ValueError, match="another receive id"):  # sealed for another receiver
        WeComBotCrypto(TOKEN, AES_KEY, receive_id + "x").decrypt(ours.encrypt(plaintext))


@given(st.text())
def test_a_stream_frame_is_json_dumps_byte_for_byte(content: str) -> None:
    frame = stream_frame(content)
    parsed = json.loads(frame)
    assert frame == json.dumps(parsed, ensure_ascii=False)
    assert parsed["msgtype"] == "stream"
    assert parsed["stream"]["content"] == content
    assert parsed["stream"]["finish"] is True
    assert len(parsed["stream"]["id"]) == 16


@given(st.text(min_size=1), st.text(), st.integers(min_value=0, max_value=10**10))
def test_a_sealed_reply_is_json_dumps_byte_for_byte(nonce: str, plaintext: str, timestamp: int) -> None:
    sealed = WeComBotCrypto(TOKEN, AES_KEY).seal(plaintext, str(timestamp), nonce)
    assert sealed_json(sealed) == json.dumps(sealed)


async def test_tencents_json_sample_is_verified_then_refused_as_not_a_message(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    start = datetime.fromtimestamp(int(SAMPLE_MESSAGE["timestamp"]), TZ)
    async with wecom_rig(
        settings, token=SAMPLE_TOKEN, aes_key=SAMPLE_AES_KEY, receive_id=SAMPLE_RECEIVE_ID, start=start
    ) as rig:
        body = json.dumps({"encrypt": SAMPLE_ENCRYPT})
        with caplog.at_level(logging.WARNING, logger="bot.adapters.wecom_bot"):
            response = await rig.client.post(PATH, params=SAMPLE_MESSAGE, data=body)
        assert response.status == 400
        # the signature and the decryption passed: its plaintext (a sample, not valid JSON) was refused
        assert [r.reason for r in caplog.records] == ["plaintext is not JSON"]  # type: ignore[attr-defined]
        assert rig.inbox() == []


# ---------------------------------------------------------------- answering


async def test_mention_in_a_group_is_answered_in_that_group(database_url: str, tmp_path: Path) -> None:
    settings = make_settings(database_url, exports_dir=tmp_path)
    async with wecom_rig(settings) as rig:
        content = await rig.answer(text_callback("msg-group-1", "@绩效分级助手 /帮助"))
        assert content.startswith("我是绩效分级助手")
        assert "/绑定" not in content  # zhangsan is not staff
        [record] = rig.inbox()
        assert (record.channel, record.msg_id, record.chat_id, record.sender_id, record.text) == (
            CHANNEL,
            "msg-group-1",
            GROUP,
            "zhangsan",
            "/帮助",
        )
        assert rig.outbox.sent == []  # the answer went back in the HTTP response, nothing was pushed


async def test_staff_identity_comes_from_configuration_only(settings: Settings) -> None:
    async with wecom_rig(settings, staff={"wangke": "平山县"}) as rig:
        staff_answer = await rig.answer(text_callback("m1", "@绩效分级助手 /帮助", user="wangke"))
        assert "/绑定" in staff_answer
        claimed = await rig.answer(
            text_callback("m2", "@绩效分级助手 /帮助 我是平山县分局的王科长", user="lisi")
        )
        assert "/绑定" not in claimed


async def test_private_chat_and_mixed_message(settings: Settings) -> None:
    async with wecom_rig(settings) as rig:
        content = await rig.answer(mixed_callback("m-mixed", ["/帮助"], user="lisi", chat=None))
        assert content.startswith("我是绩效分级助手")
        [record] = rig.inbox()
        assert (record.chat_id, record.sender_id) == ("lisi", "lisi")  # a single chat is the sender's own


async def test_same_message_delivered_three_times_is_answered_once(database_url: str, tmp_path: Path) -> None:
    settings = make_settings(database_url, exports_dir=tmp_path)
    gates.update(started=asyncio.Event(), release=asyncio.Event())
    async with wecom_rig(settings, routers_with_slow(), own_commands(slow)) as rig:
        payload = text_callback("msg-redelivered", "@绩效分级助手 /慢 问题")
        first = asyncio.ensure_future(rig.post(payload))
        await asyncio.wait_for(gates["started"].wait(), 5)  # the first delivery is being answered …
        second, _ = await rig.post(payload)  # … when WeCom delivers the message again
        assert (second.status, await second.read()) == (200, b"")
        gates["release"].set()
        first_response, nonce = await first
        answer = rig.peer.open_reply(await first_response.json(), nonce)
        assert answer["stream"]["content"] == "慢完成：问题"
        third, _ = await rig.post(payload)  # and once more after it was answered
        assert (third.status, await third.read()) == (200, b"")

        # three deliveries racing for the claim: exactly one is answered
        racing = text_callback("msg-racing", "/帮助", chat=None)
        results = await asyncio.gather(*(rig.post(racing) for _ in range(3)))
        bodies = [await response.read() for response, _ in results]
        assert sorted(len(body) > 0 for body in bodies) == [False, False, True]
        assert len(rig.inbox()) == 2


async def test_slow_answer_is_delivered_through_response_url(settings: Settings) -> None:
    gates.update(started=asyncio.Event(), release=asyncio.Event())
    async with (
        response_url_server() as endpoint,
        wecom_rig(settings, routers_with_slow(), own_commands(slow), budget=0.05) as rig,
    ):
        payload = text_callback("msg-slow", "@绩效分级助手 /慢 申报材料", response_url=endpoint.url("code-1"))
        response, _ = await rig.post(payload)
        assert (response.status, await response.read()) == (200, b"")  # acknowledged at once
        gates["release"].set()
        await asyncio.wait_for(endpoint.arrived.wait(), 5)
        assert endpoint.received == [
            ("code-1", {"msgtype": "markdown", "markdown": {"content": "慢完成：申报材料"}})
        ]
        redelivered, _ = await rig.post(payload)
        assert await redelivered.read() == b""
    assert len(endpoint.received) == 1  # the server finished its pending work before closing


async def test_a_long_answer_goes_out_whole_cut_once_at_sentence_ends(settings: Settings) -> None:
    async with (
        response_url_server() as endpoint,
        wecom_rig(settings, routers_with_slow(), own_commands(slow)) as rig,
    ):
        payload = text_callback("m-long", "/长", chat=None, response_url=endpoint.url("code-long"))
        response, _ = await rig.post(payload)
        assert (response.status, await response.read()) == (200, b"")  # two messages: not one passive reply
        await rig.bot.drain()
        [(code, body)] = endpoint.received  # the first through the message's response_url …
        assert code == "code-long"
        first = body["markdown"]["content"]
        assert utf8_len(first) <= WECOM_BOT_MARKDOWN_LIMIT
        assert first.endswith("。")
        rest = [reply.text for reply in rig.outbox.sent]  # … the rest by the push route (no robot here)
        assert "".join([first, *rest[:-1]]) == "很长的一句话。" * 2000  # nothing cut off
        assert rest[-1] == "第二条"


async def test_reply_for_another_chat_is_pushed_through_the_outbox(settings: Settings) -> None:
    async with wecom_rig(settings, routers_with_slow(), own_commands(slow)) as rig:
        assert await rig.answer(text_callback("m-tell", "@绩效分级助手 /转告 明天检查")) == "已转告"
    # the push runs beside the answer; the server finishes it before it closes
    assert rig.outbox.sent == [Reply(CHANNEL, "wrkOtherGroup", "转告：明天检查")]


async def test_events_are_acknowledged_and_ignored(settings: Settings) -> None:
    async with wecom_rig(settings) as rig:
        event = {"msgid": "e1", "aibotid": "A", "from": {"userid": "u"}, "msgtype": "event", "event": {}}
        response, _ = await rig.post(event)
        assert (response.status, await response.read()) == (200, b"")
        assert rig.inbox() == []


@pytest.mark.parametrize(
    ("kind", "body"),
    [("image", {"url": "https://x.invalid/i"}), ("file", {"url": "https://x.invalid/f"}), ("voice", {})],
)
async def test_a_picture_or_a_file_is_told_that_only_text_is_read(
    settings: Settings, kind: str, body: dict[str, str]
) -> None:
    """A newcomer's first picture (or file) in the private chat got no answer at all: the Official Account's note
    is the answer here too (a voice message without its words is no text either)."""
    async with wecom_rig(settings) as rig:
        picture = {**text_callback("i1", "", chat=None), "msgtype": kind, kind: body}
        assert (
            await rig.answer(picture)
            == "目前只能读懂文字消息，请把问题用文字发给我。发送“/帮助”查看能问什么。"
        )
        assert rig.inbox() == []


async def test_a_voice_message_is_answered_by_the_words_wecom_heard(settings: Settings) -> None:
    """WeCom turns a voice message in a private chat into text (voice.content, document 100719); it was dropped."""
    async with wecom_rig(settings) as rig:
        typed = await rig.answer(text_callback("t1", "申请名单什么时候交", chat=None))
        voice = {
            **text_callback("v1", "", chat=None),
            "msgtype": "voice",
            "voice": {"content": "申请名单什么时候交"},
        }
        # the same question right after itself: its answer again, said to be answered above (qa_repeated.j2)
        assert await rig.answer(voice) == f"这个问题上面刚回答过，再发一遍：\n{typed}"
        assert [record.text for record in rig.inbox()] == ["申请名单什么时候交"] * 2


def test_mentions_are_stripped_from_group_text() -> None:
    assert strip_mention("@绩效分级助手 /帮助", "绩效分级助手") == "/帮助"
    assert strip_mention("@环保小助手\u2005申请名单什么时候交", "绩效分级助手") == "申请名单什么时候交"
    assert strip_mention("请问@绩效分级助手 截止时间", "绩效分级助手") == "请问 截止时间"


# ---------------------------------------------------------------- refusals


def forged_signature(rig: Rig) -> tuple[dict[str, str], bytes]:
    params, body = rig.peer.callback(text_callback("x1", "/帮助"), rig.now())
    return {**params, "msg_signature": params["msg_signature"][::-1]}, body


def replayed_later(rig: Rig) -> tuple[dict[str, str], bytes]:
    captured = rig.peer.callback(text_callback("x2", "/帮助"), rig.now())
    rig.clock.advance(minutes=6)  # beyond the 300-second window
    return captured


def from_the_future(rig: Rig) -> tuple[dict[str, str], bytes]:
    return rig.peer.callback(text_callback("x3", "/帮助"), rig.now() + 3600)


def garbage(rig: Rig) -> tuple[dict[str, str], bytes]:
    params, _ = rig.peer.callback(text_callback("x4", "/帮助"), rig.now())
    return params, b"\x00\xff<xml>garbage</xml>"


def no_encrypt_field(rig: Rig) -> tuple[dict[str, str], bytes]:
    params, _ = rig.peer.callback(text_callback("x5", "/帮助"), rig.now())
    return params, b'{"Encrypt": 1}'


def signed_but_not_base64(rig: Rig) -> tuple[dict[str, str], bytes]:
    encrypt = "%%%not base64%%%"
    params = {"timestamp": str(rig.now()), "nonce": "1"}
    params["msg_signature"] = rig.peer.sign(params["timestamp"], "1", encrypt)
    return params, json.dumps({"encrypt": encrypt}).encode()


def encrypted_with_another_key(rig: Rig) -> tuple[dict[str, str], bytes]:
    other = WeComPeer(TOKEN, OTHER_AES_KEY)
    return other.callback(text_callback("x6", "/帮助"), rig.now())


def plaintext_not_json(rig: Rig) -> tuple[dict[str, str], bytes]:
    return rig.peer.callback("<xml><Content>你好</Content></xml>", rig.now())


def message_without_sender(rig: Rig) -> tuple[dict[str, str], bytes]:
    payload = text_callback("x7", "/帮助")
    del payload["from"]
    return rig.peer.callback(payload, rig.now())


def missing_parameters(rig: Rig) -> tuple[dict[str, str], bytes]:
    params, body = rig.peer.callback(text_callback("x8", "/帮助"), rig.now())
    del params["nonce"]
    return params, body


def timestamp_not_a_number(rig: Rig) -> tuple[dict[str, str], bytes]:
    params, body = rig.peer.callback(text_callback("x9", "/帮助"), rig.now())
    # signed as it is: the signature is checked first, so an unsigned one would be refused for that
    signature = rig.peer.sign("yesterday", params["nonce"], json.loads(body)["encrypt"])
    return {**params, "timestamp": "yesterday", "msg_signature": signature}, body


REFUSALS = [
    (forged_signature, 403),
    (replayed_later, 403),
    (from_the_future, 403),
    (garbage, 400),
    (no_encrypt_field, 400),
    (signed_but_not_base64, 400),
    (encrypted_with_another_key, 400),
    (plaintext_not_json, 400),
    (message_without_sender, 400),
    (missing_parameters, 400),
    (timestamp_not_a_number, 400),
]


@pytest.mark.parametrize(("forge", "status"), REFUSALS, ids=[forge.__name__ for forge, _ in REFUSALS])
async def test_foreign_callbacks_are_refused_and_change_nothing(
    settings: Settings, caplog: pytest.LogCaptureFixture, forge: Any, status: int
) -> None:
    async with wecom_rig(settings) as rig:
        params, body = forge(rig)
        with caplog.at_level(logging.DEBUG):
            response = await rig.client.post(PATH, params=params, data=body)
        assert response.status == status
        assert rig.inbox() == []
        assert rig.outbox.sent == []
        logged = "\n".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
        assert "wecom bot callback refused" in logged
        assert TOKEN not in logged
        assert AES_KEY not in logged


async def test_a_refusal_behind_our_proxy_names_the_client(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """The test client connects from loopback, as nginx does: the address it forwards is the one logged."""
    async with wecom_rig(settings) as rig:
        params, body = forged_signature(rig)
        with caplog.at_level(logging.WARNING, logger="bot.adapters.wecom_bot"):
            response = await rig.client.post(
                PATH, params=params, data=body, headers={"X-Forwarded-For": "198.51.100.4"}
            )
        assert response.status == 403
        assert [r.peer for r in caplog.records] == ["198.51.100.4"]  # type: ignore[attr-defined]


async def test_ten_megabyte_body_is_refused_unread(settings: Settings) -> None:
    async with wecom_rig(settings) as rig:
        params, _ = rig.peer.callback(text_callback("big", "/帮助"), rig.now())
        huge = b"{" + b" " * (10 * 1024 * 1024) + b"}"
        response = await rig.client.post(PATH, params=params, data=io.BytesIO(huge))
        assert response.status == 413

        async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: cut off while reading
            for _ in range(160):
                yield b" " * (64 * 1024)

        response = await rig.client.post(PATH, params=params, data=chunks())
        assert response.status == 413
        assert MAX_BODY_BYTES < len(huge)
        assert rig.inbox() == []


async def test_a_handler_failure_still_gets_an_answer(settings: Settings) -> None:
    broken: Router[Context] = Router("broken")

    @broken.fallback
    async def explode(msg: Message, ctx: Context) -> list[Reply]:
        raise RuntimeError("internal detail")

    async with wecom_rig(settings, [broken]) as rig:
        content = await rig.answer(text_callback("m-broken", "@绩效分级助手 你好"))
        assert content.startswith("抱歉")
        assert "internal detail" not in content
        assert rig.bot.context.repos.inbox.failed()[0].msg_id == "m-broken"


def test_config_repr_hides_secrets() -> None:
    config = WeComBotConfig(token=TOKEN, encoding_aes_key=AES_KEY, bot_name="b", staff={})
    assert TOKEN not in repr(config)
    assert AES_KEY not in repr(config)
