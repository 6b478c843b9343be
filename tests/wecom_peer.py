"""Playing WeCom in tests: callbacks built with wechatpy's own cipher and signer, and the response_url server.

The group-robot webhook fake is tests/fake_robot.py.

Nothing here uses the adapter's crypto code, so a test passing means both sides agree on the protocol.
"""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer
from wechatpy.enterprise.crypto import PrpCrypto
from wechatpy.utils import WeChatSigner

TOKEN = "jixiaoTestToken2020"
AES_KEY = base64.b64encode(bytes(range(32))).decode().rstrip("=")  # 43 characters, as WeCom generates
OTHER_AES_KEY = base64.b64encode(bytes(range(100, 132))).decode().rstrip("=")
GROUP = "wrkSFfCgAAtest01"
RESPONSE_PATH = "/cgi-bin/aibot/response"

# Tencent's JSON-callback sample (sbzhu/weworkapi_python, callback_json/Sample.py): an independent peer's data.
SAMPLE_TOKEN = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo"
SAMPLE_AES_KEY = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt"
SAMPLE_RECEIVE_ID = "ww1436e0e65a779aee"
SAMPLE_VERIFY = {
    "msg_signature": "012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb",
    "timestamp": "1476416373",
    "nonce": "47744683",
    "echostr": "fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==",
}
SAMPLE_ECHO = "1288432023552776189"
SAMPLE_MESSAGE = {
    "msg_signature": "e3647471e395139e2308c1fa963f2d648a00b90e",
    "timestamp": "1409659813",
    "nonce": "1372623149",
}
SAMPLE_ENCRYPT = (
    "cjhLUX7UU4yCSelv1vz7T0zT8huF51bAMVWriNvO1FMegHrQZNrtvRxbwf0fUPsFvwqR0U0fgiJNEA5Y30F2MoI2S7vv3EjVQ68C0cjw9frBoUE2"
    "Hj0BvFp9h3u6Vbsg4lc1C8AtHdaN8orKuNKkLRLuYEL52R1J3v8olJGZRLnRdVKIivixmX/eQpzgeExtp20jI1HxRP1AAZ6xZoILdqDPO549LO4W"
    "eG+685JRUTdiwcY5fjZlqeMxuT4PpMn1X9OWsS7NRj06Wa5E3Tvg4twjWp39KPfOdRte6P1T4JU="
)
SAMPLE_PLAINTEXT_START = '{ "ToUserName": "wx5823bf96d3bd56c7"'


class WeComPeer:
    """Builds callbacks as WeCom does and opens the bot's encrypted replies."""

    def __init__(self, token: str = TOKEN, aes_key: str = AES_KEY, receive_id: str = "") -> None:
        self.token = token
        self._cipher = PrpCrypto(base64.b64decode(aes_key + "="))
        self._receive_id = receive_id
        self._nonces = iter(range(10_000_000, 99_999_999))

    def sign(self, timestamp: str, nonce: str, encrypt: str) -> str:
        signer = WeChatSigner()
        signer.add_data(self.token, timestamp, nonce, encrypt)
        return str(signer.signature)

    def encrypt(self, plaintext: str) -> str:
        return bytes(self._cipher.encrypt(plaintext, self._receive_id)).decode()

    def url_check(self, echo: str, timestamp: int) -> dict[str, str]:
        nonce = str(next(self._nonces))
        echostr = self.encrypt(echo)
        ts = str(timestamp)
        return {
            "msg_signature": self.sign(ts, nonce, echostr),
            "timestamp": ts,
            "nonce": nonce,
            "echostr": echostr,
        }

    def callback(self, payload: dict[str, Any] | str, timestamp: int) -> tuple[dict[str, str], bytes]:
        """Query parameters and body of a POST callback carrying `payload`."""
        plaintext = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
        encrypt = self.encrypt(plaintext)
        nonce = str(next(self._nonces))
        ts = str(timestamp)
        params = {"msg_signature": self.sign(ts, nonce, encrypt), "timestamp": ts, "nonce": nonce}
        return params, json.dumps({"encrypt": encrypt}).encode()

    def open_reply(self, body: dict[str, str], nonce: str) -> dict[str, Any]:
        """The plaintext JSON of a passive reply, after checking its signature and nonce as WeCom would."""
        assert set(body) == {"encrypt", "msgsignature", "timestamp", "nonce"}
        assert body["nonce"] == nonce, "the reply reuses the callback's nonce"
        assert body["msgsignature"] == self.sign(body["timestamp"], body["nonce"], body["encrypt"])
        return json.loads(self._cipher.decrypt(body["encrypt"], self._receive_id))


def text_callback(
    msgid: str,
    text: str,
    user: str = "zhangsan",
    chat: str | None = GROUP,
    response_url: str = "https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=unused",
) -> dict[str, Any]:
    """A user's text message as WeCom sends it (document 100719); chat=None for a single chat."""
    payload: dict[str, Any] = {
        "msgid": msgid,
        "aibotid": "AIBOTIDtest",
        "chattype": "group" if chat else "single",
        "from": {"userid": user},
        "response_url": response_url,
        "msgtype": "text",
        "text": {"content": text},
    }
    if chat:
        payload["chatid"] = chat
    return payload


def mixed_callback(
    msgid: str, words: list[str], user: str = "zhangsan", chat: str | None = None
) -> dict[str, Any]:
    payload = text_callback(msgid, "", user, chat)
    del payload["text"]
    items: list[dict[str, Any]] = [{"msgtype": "text", "text": {"content": word}} for word in words]
    items.insert(1, {"msgtype": "image", "image": {"url": "https://example.invalid/image"}})
    payload.update(msgtype="mixed", mixed={"msg_item": items})
    return payload


@dataclass
class FakeResponseUrl:
    """WeCom's response_url endpoint: each response code answers once (document 101138)."""

    received: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)
    base: str = ""

    def url(self, code: str) -> str:
        return f"{self.base}{RESPONSE_PATH}?response_code={code}"

    async def handle(self, request: web.Request) -> web.Response:
        code = request.query.get("response_code", "")
        body = await request.json()
        if any(used == code for used, _ in self.received):
            return web.json_response({"errcode": 40001, "errmsg": "response_code already used"})
        self.received.append((code, body))
        self.arrived.set()
        return web.json_response({"errcode": 0, "errmsg": "ok"})


@asynccontextmanager
async def response_url_server() -> AsyncIterator[FakeResponseUrl]:
    fake = FakeResponseUrl()
    app = web.Application()
    app.router.add_post(RESPONSE_PATH, fake.handle)
    async with TestServer(app) as server:
        fake.base = str(server.make_url("")).rstrip("/")
        yield fake
