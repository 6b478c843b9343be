"""Hostile callbacks to /wecom/app and /mp: entity bombs, external entities, forged signatures, huge bodies,
garbage where ciphertext should be. Each gets a 4xx, stores nothing, sends nothing, and is logged without
secrets."""

from __future__ import annotations

import base64
import io
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from wechatpy.enterprise.crypto import PrpCrypto

from bot.adapters.callback import MAX_BODY_BYTES
from tests.fake_wechat_api import CORP_SECRET, MP_APP_SECRET
from tests.harness import Rig, private_rig
from tests.private_peer import (
    APP_AES_KEY,
    APP_TOKEN,
    MP_AES_KEY,
    MP_ORIGINAL_ID,
    MP_TOKEN,
    plain_signature,
    text_xml,
)

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE xml [\n<!ENTITY lol "lol">\n'
    + "".join(f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">\n' for n in range(1, 10)).replace(
        "&lol0;", "&lol;"
    )
    + "]>\n<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime>"
    "<MsgType>text</MsgType><Content>&lol9;</Content><MsgId>1</MsgId><Encrypt>&lol9;</Encrypt></xml>"
)
EXTERNAL_ENTITY = (
    '<?xml version="1.0"?>\n<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    "<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime>"
    "<MsgType>text</MsgType><Content>&xxe;</Content><MsgId>2</MsgId><Encrypt>&xxe;</Encrypt></xml>"
)
SECRETS = (APP_TOKEN, APP_AES_KEY, MP_TOKEN, MP_AES_KEY, CORP_SECRET, MP_APP_SECRET)


@dataclass(frozen=True)
class Endpoint:
    """How to post to one callback as its platform would."""

    name: str
    path: str
    encrypted: bool

    def seal(self, rig: Rig, plaintext: str) -> tuple[dict[str, str], str]:
        """A callback carrying `plaintext`, signed (and encrypted) with the right keys."""
        if self.name == "wecom_app":
            agent = f"<AgentID>{rig.app_peer.agent_id}</AgentID>"
            return rig.app_peer.seal(plaintext.replace("<xml>", "<xml>" + agent, 1), rig.now())
        if self.encrypted:
            return rig.mp_peer.safe(plaintext, USER, rig.now())
        return rig.mp_peer.plain(plaintext, USER, rig.now())

    def text(self, rig: Rig, text: str, msg_id: str) -> tuple[dict[str, str], str]:
        return self.seal(rig, text_xml(USER, "to", text, msg_id, rig.now()))

    def query(self, rig: Rig) -> dict[str, str]:
        """Valid query parameters as far as they do not depend on the body."""
        if self.name == "wecom_app":
            return rig.app_peer.seal("<xml/>", rig.now())[0]
        query = rig.mp_peer.query(rig.now(), USER)
        return {**query, "encrypt_type": "aes", "msg_signature": "0" * 40} if self.encrypted else query

    def with_ciphertext(self, rig: Rig, encrypt: str) -> tuple[dict[str, str], str]:
        """A correctly signed callback whose Encrypt is `encrypt`, whatever that is."""
        params = self.query(rig)
        token = APP_TOKEN if self.name == "wecom_app" else MP_TOKEN
        params["msg_signature"] = plain_signature(token, params["timestamp"], params["nonce"], encrypt)
        return (
            params,
            f"<xml><ToUserName>{MP_ORIGINAL_ID}</ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>",
        )


ENDPOINTS = [
    Endpoint("wecom_app", "/wecom/app", True),
    Endpoint("mp_plain", "/mp", False),
    Endpoint("mp_safe", "/mp", True),
]
USER = "zhangsan"


ENCRYPTED = [e for e in ENDPOINTS if e.encrypted]


@pytest.fixture(params=ENDPOINTS, ids=[e.name for e in ENDPOINTS])
def endpoint(request: pytest.FixtureRequest) -> Endpoint:
    return request.param


def only(*endpoints: Endpoint) -> pytest.MarkDecorator:
    """Run a test for these endpoints only."""
    return pytest.mark.parametrize("endpoint", endpoints, ids=[e.name for e in endpoints])


@pytest.fixture
async def rig(endpoint: Endpoint, tmp_path: Path) -> AsyncIterator[Rig]:
    async with private_rig(f"sqlite:///{tmp_path}/bot.db", mp_safe=endpoint.encrypted) as rig:
        yield rig


async def refused(
    rig: Rig,
    endpoint: Endpoint,
    params: dict[str, str],
    body: bytes | str | io.BytesIO,
    caplog: pytest.LogCaptureFixture,
) -> int:
    with caplog.at_level(logging.DEBUG):
        response = await rig.client.post(endpoint.path, params=params, data=body)
        await response.read()
    await rig.bot.drain()
    assert rig.inbox() == []
    assert rig.api.sent == []
    logged = "\n".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
    assert "callback refused" in logged
    for secret in SECRETS:
        assert secret not in logged
    return response.status


async def test_an_entity_bomb_is_refused(
    rig: Rig, endpoint: Endpoint, caplog: pytest.LogCaptureFixture
) -> None:
    assert await refused(rig, endpoint, endpoint.query(rig), BILLION_LAUGHS, caplog) == 400


async def test_an_external_entity_is_refused(
    rig: Rig, endpoint: Endpoint, caplog: pytest.LogCaptureFixture
) -> None:
    assert await refused(rig, endpoint, endpoint.query(rig), EXTERNAL_ENTITY, caplog) == 400


@only(*ENCRYPTED)
@pytest.mark.parametrize("payload", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["entity_bomb", "external_entity"])
async def test_a_dtd_inside_the_ciphertext_is_refused(
    rig: Rig, endpoint: Endpoint, payload: str, caplog: pytest.LogCaptureFixture
) -> None:
    params, body = endpoint.seal(rig, payload)  # correctly signed and encrypted
    assert await refused(rig, endpoint, params, body, caplog) == 400


async def test_a_forged_signature_is_refused(
    rig: Rig, endpoint: Endpoint, caplog: pytest.LogCaptureFixture
) -> None:
    params, body = endpoint.text(rig, "/帮助", "31000001")
    key = "msg_signature" if endpoint.encrypted else "signature"
    forged = {**params, key: "0123456789abcdef0123456789abcdef01234567"}
    assert await refused(rig, endpoint, forged, body, caplog) == 403


async def test_a_replayed_old_callback_is_refused(
    rig: Rig, endpoint: Endpoint, caplog: pytest.LogCaptureFixture
) -> None:
    params, body = endpoint.text(rig, "/帮助", "31000002")
    rig.clock.advance(minutes=10)
    assert await refused(rig, endpoint, params, body, caplog) == 403


async def test_a_ten_megabyte_body_is_refused_unread(
    rig: Rig, endpoint: Endpoint, caplog: pytest.LogCaptureFixture
) -> None:
    params, _ = endpoint.text(rig, "/帮助", "31000003")
    huge = b"<xml><Encrypt>" + b"A" * (10 * 1024 * 1024) + b"</Encrypt></xml>"
    assert MAX_BODY_BYTES < len(huge)
    assert await refused(rig, endpoint, params, io.BytesIO(huge), caplog) == 413

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: cut off while reading
        for _ in range(160):
            yield b" " * (64 * 1024)

    response = await rig.client.post(endpoint.path, params=params, data=chunks())
    assert response.status == 413
    assert rig.inbox() == []


GARBAGE = {
    "json": b'{"encrypt": "JSON is not what WeChat sends"}',
    "wrong_root": b"<message><Encrypt>abc</Encrypt></message>",
    "truncated": b"<xml><Encrypt>abc",
    "not_utf8": b"<xml><Encrypt>\xff\xfe</Encrypt></xml>",
}


@pytest.mark.parametrize("garbage", GARBAGE.values(), ids=list(GARBAGE))
async def test_garbage_bodies_are_refused(
    rig: Rig, endpoint: Endpoint, garbage: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    assert await refused(rig, endpoint, endpoint.query(rig), garbage, caplog) == 400


FOREIGN_KEY = base64.b64decode(base64.b64encode(bytes(range(200, 232))))
CIPHERTEXTS = {
    "not_base64": "!!not*base64!!",
    "not_whole_blocks": base64.b64encode(b"0123456789").decode(),
    "another_key": PrpCrypto(FOREIGN_KEY).encrypt("<xml><MsgType>text</MsgType></xml>", "wx0").decode(),
    "another_receiver": "",  # filled in per endpoint: our key, someone else's AppID / CorpID
}


@only(*ENCRYPTED)
@pytest.mark.parametrize("kind", list(CIPHERTEXTS))
async def test_ciphertext_we_cannot_open_is_refused(
    rig: Rig, endpoint: Endpoint, kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    encrypt = CIPHERTEXTS[kind]
    if kind == "another_receiver":
        key = APP_AES_KEY if endpoint.name == "wecom_app" else MP_AES_KEY
        encrypt = (
            PrpCrypto(base64.b64decode(key + "="))
            .encrypt(text_xml(USER, "x", "hi", "1", rig.now()), "wxother")
            .decode()
        )
    params, body = endpoint.with_ciphertext(rig, encrypt)
    assert await refused(rig, endpoint, params, body, caplog) == 400


async def test_a_message_without_msgtype_is_refused(
    rig: Rig, endpoint: Endpoint, caplog: pytest.LogCaptureFixture
) -> None:
    params, body = endpoint.seal(rig, "<xml><FromUserName>zhangsan</FromUserName><Content>hi</Content></xml>")
    assert await refused(rig, endpoint, params, body, caplog) == 400


async def test_missing_query_parameters_are_refused(
    rig: Rig, endpoint: Endpoint, caplog: pytest.LogCaptureFixture
) -> None:
    params, body = endpoint.text(rig, "/帮助", "31000004")
    del params["nonce"]
    assert await refused(rig, endpoint, params, body, caplog) == 400


@only(ENDPOINTS[0])
async def test_a_callback_for_another_app_is_refused(
    rig: Rig, endpoint: Endpoint, caplog: pytest.LogCaptureFixture
) -> None:
    plaintext = text_xml(USER, "to", "/帮助", "31000005", rig.now(), agent_id=rig.app_peer.agent_id + 1)
    params, body = rig.app_peer.seal(plaintext, rig.now())
    assert await refused(rig, endpoint, params, body, caplog) == 400
