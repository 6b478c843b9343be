"""Playing WeCom (the self-built app) and WeChat (the Official Account) in tests: XML callbacks built with
wechatpy's own crypto and signer, and the platforms' published sample vectors.

Nothing here uses the adapters' code, so a test passing means both sides agree on the protocol.
"""

from __future__ import annotations

import base64
import itertools
from typing import Any

import xmltodict
from wechatpy.crypto import WeChatCrypto as MpCrypto
from wechatpy.enterprise.crypto import WeChatCrypto as WeComCrypto
from wechatpy.utils import WeChatSigner

from tests.fake_wechat_api import AGENT_ID, CORP_ID, MP_APP_ID

APP_TOKEN = "jixiaoAppToken2020"
APP_AES_KEY = base64.b64encode(bytes(range(40, 72))).decode().rstrip("=")
MP_TOKEN = "jixiaoMpToken2020"
MP_AES_KEY = base64.b64encode(bytes(range(72, 104))).decode().rstrip("=")
MP_ORIGINAL_ID = "gh_jixiao000001"

# Tencent's XML sample (document 90968; sbzhu/weworkapi_python callback/Sample.py, an independent peer).
SAMPLE_TOKEN = "QDG6eK"
SAMPLE_AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
SAMPLE_CORP_ID = "wx5823bf96d3bd56c7"
SAMPLE_AGENT_ID = 218
SAMPLE_VERIFY = {
    "msg_signature": "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3",
    "timestamp": "1409659589",
    "nonce": "263014780",
    "echostr": "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==",
}
SAMPLE_ECHO = "1616140317555161061"
SAMPLE_MESSAGE = {
    "msg_signature": "477715d11cdb4164915debcba66cb864d751f3e6",
    "timestamp": "1409659813",
    "nonce": "1372623149",
}
SAMPLE_BODY = (
    "<xml> <ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA["
    "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvu"
    "JTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwG"
    "c2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9"
    "EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0"
    "lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==]]></Encrypt>\n<AgentID><![CDATA[218]]></AgentID>\n</xml>"
)
# The same file's newer sample: another corporation, AgentID 1000002, a Chinese message.
SAMPLE2_TOKEN = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo"
SAMPLE2_AES_KEY = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt"
SAMPLE2_CORP_ID = "ww1436e0e65a779aee"
SAMPLE2_AGENT_ID = 1000002
SAMPLE2_MESSAGE = {
    "msg_signature": "0c3914025cb4b4d68103f6bfc8db550f79dcf48e",
    "timestamp": "1476422779",
    "nonce": "1597212914",
}
SAMPLE2_BODY = (
    "<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName>\n<Encrypt><![CDATA["
    "Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew"
    "+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24Yhm"
    "ZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwo"
    "cugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+]]></Encrypt>\n"
    "<AgentID><![CDATA[1000002]]></AgentID>\n</xml>"
)

_nonces = itertools.count(30_000_000)


def nonce() -> str:
    return str(next(_nonces))


def text_xml(user: str, to: str, text: str, msg_id: str, timestamp: int, agent_id: int | None = None) -> str:
    """A user's text message as the platform's plaintext XML."""
    agent = f"<AgentID>{agent_id}</AgentID>" if agent_id is not None else ""
    text = text.replace("]]>", "]]]]><![CDATA[>")  # a CDATA section cannot hold its own terminator
    return (
        f"<xml><ToUserName><![CDATA[{to}]]></ToUserName><FromUserName><![CDATA[{user}]]></FromUserName>"
        f"<CreateTime>{timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
        f"<Content><![CDATA[{text}]]></Content><MsgId>{msg_id}</MsgId>{agent}</xml>"
    )


def event_xml(user: str, to: str, event: str, timestamp: int, key: str = "") -> str:
    return (
        f"<xml><ToUserName><![CDATA[{to}]]></ToUserName><FromUserName><![CDATA[{user}]]></FromUserName>"
        f"<CreateTime>{timestamp}</CreateTime><MsgType><![CDATA[event]]></MsgType>"
        f"<Event><![CDATA[{event}]]></Event><EventKey><![CDATA[{key}]]></EventKey></xml>"
    )


def plain_signature(token: str, timestamp: str, nonce_value: str, *more: str) -> str:
    signer = WeChatSigner()
    signer.add_data(token, timestamp, nonce_value, *more)
    return str(signer.signature)


class AppPeer:
    """Builds the WeCom self-built app's callbacks as WeCom does."""

    def __init__(
        self,
        token: str = APP_TOKEN,
        aes_key: str = APP_AES_KEY,
        corp_id: str = CORP_ID,
        agent_id: int = AGENT_ID,
    ) -> None:
        self.token = token
        self.corp_id = corp_id
        self.agent_id = agent_id
        self.crypto = WeComCrypto(token, aes_key, corp_id)

    def url_check(self, echo: str, timestamp: int) -> dict[str, str]:
        sealed = xmltodict.parse(self.crypto.encrypt_message(echo, nonce(), str(timestamp)))["xml"]
        return {
            "msg_signature": sealed["MsgSignature"],
            "timestamp": sealed["TimeStamp"],
            "nonce": sealed["Nonce"],
            "echostr": sealed["Encrypt"],
        }

    def seal(self, plaintext: str, timestamp: int) -> tuple[dict[str, str], str]:
        """Query parameters and body of a POST callback carrying `plaintext`."""
        sealed = xmltodict.parse(self.crypto.encrypt_message(plaintext, nonce(), str(timestamp)))["xml"]
        params = {
            "msg_signature": sealed["MsgSignature"],
            "timestamp": sealed["TimeStamp"],
            "nonce": sealed["Nonce"],
        }
        body = (
            f"<xml><ToUserName><![CDATA[{self.corp_id}]]></ToUserName>"
            f"<AgentID><![CDATA[{self.agent_id}]]></AgentID>"
            f"<Encrypt><![CDATA[{sealed['Encrypt']}]]></Encrypt></xml>"
        )
        return params, body

    def text(self, user: str, text: str, msg_id: str, timestamp: int) -> tuple[dict[str, str], str]:
        return self.seal(text_xml(user, self.corp_id, text, msg_id, timestamp, self.agent_id), timestamp)

    def open_reply(self, reply: str, params: dict[str, str]) -> dict[str, Any]:
        """The encrypted passive reply's fields, its signature checked."""
        sealed = xmltodict.parse(reply)["xml"]
        assert sealed["Nonce"] == params["nonce"]
        plaintext = self.crypto.decrypt_message(
            reply, sealed["MsgSignature"], sealed["TimeStamp"], sealed["Nonce"]
        )
        fields: dict[str, Any] = xmltodict.parse(plaintext)["xml"]
        return fields


class MpPeer:
    """Builds the Official Account's callbacks as WeChat does, in plain or safe (AES) mode."""

    def __init__(self, token: str = MP_TOKEN, aes_key: str = MP_AES_KEY, app_id: str = MP_APP_ID) -> None:
        self.token = token
        self.crypto = MpCrypto(token, aes_key, app_id)

    def query(self, timestamp: int, user: str) -> dict[str, str]:
        ts, value = str(timestamp), nonce()
        return {
            "signature": plain_signature(self.token, ts, value),
            "timestamp": ts,
            "nonce": value,
            "openid": user,
        }

    def plain(self, plaintext: str, user: str, timestamp: int) -> tuple[dict[str, str], str]:
        return self.query(timestamp, user), plaintext

    def safe(self, plaintext: str, user: str, timestamp: int) -> tuple[dict[str, str], str]:
        params = self.query(timestamp, user)
        sealed = xmltodict.parse(
            self.crypto.encrypt_message(plaintext, params["nonce"], params["timestamp"])
        )["xml"]
        params |= {"encrypt_type": "aes", "msg_signature": sealed["MsgSignature"]}
        body = (
            f"<xml><ToUserName><![CDATA[{MP_ORIGINAL_ID}]]></ToUserName>"
            f"<Encrypt><![CDATA[{sealed['Encrypt']}]]></Encrypt></xml>"
        )
        return params, body

    def text(
        self, user: str, text: str, msg_id: str, timestamp: int, safe: bool
    ) -> tuple[dict[str, str], str]:
        plaintext = text_xml(user, MP_ORIGINAL_ID, text, msg_id, timestamp)
        return self.safe(plaintext, user, timestamp) if safe else self.plain(plaintext, user, timestamp)

    def open_reply(self, reply: str, params: dict[str, str], safe: bool) -> dict[str, Any]:
        """The passive reply's fields, decrypted (and its signature checked) in safe mode."""
        if safe:
            sealed = xmltodict.parse(reply)["xml"]
            assert sealed["Nonce"] == params["nonce"]
            reply = self.crypto.decrypt_message(
                reply, sealed["MsgSignature"], sealed["TimeStamp"], sealed["Nonce"]
            )
        fields: dict[str, Any] = xmltodict.parse(reply)["xml"]
        return fields
