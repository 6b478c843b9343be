"""Every callback route under hostile input: a malformed parameter is a 4xx, never a 5xx, and a refused
request stores nothing (issue 12, failure 2). The routes are those `serve` mounts: the AI bot (/wecom/bot),
the WeCom app (/wecom/app), the Official Account (/mp), /healthz and /readyz."""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import quote_from_bytes

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from wechatpy.crypto import PrpCrypto as MpPrp
from wechatpy.enterprise.crypto import PrpCrypto as WeComPrp
from yarl import URL

from storage import tables
from storage.lazy import models
from tests.fake_wechat_api import AGENT_ID, CORP_ID, MP_APP_ID
from tests.harness import Rig, private_rig
from tests.private_peer import APP_AES_KEY, APP_TOKEN, MP_AES_KEY, MP_TOKEN, plain_signature
from tests.wecom_peer import AES_KEY, TOKEN

HUGE_TIMESTAMP = "9" * 400


@pytest.fixture(params=["safe", "plain"])
async def rig(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Rig]:
    """Every route `serve` mounts; the Official Account in safe mode, or in plain mode (where the signature
    does not cover the body, so any body reaches the parser)."""
    async with private_rig(
        f"sqlite:///{tmp_path}/bot.db",
        mp_safe=request.param == "safe",
        wecom_bot_token=TOKEN,
        wecom_bot_aes_key=AES_KEY,
    ) as served:
        yield served


def stored(rig: Rig) -> dict[str, int]:
    """Rows per table: what a refused request must leave as it was."""
    engine = rig.bot.context.repos.inbox._engine
    with engine.connect() as connection:
        return {
            table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in [*tables.metadata.sorted_tables, *models.SQLModel.metadata.sorted_tables]
        }


def signed_query(
    route: str, timestamp: str, nonce: str, echostr: str | None, encrypt: str = ""
) -> dict[str, str]:
    """The query a platform would send to `route`, with a valid signature over these values."""
    if route == "/mp":
        query = {
            "signature": plain_signature(MP_TOKEN, timestamp, nonce),
            "timestamp": timestamp,
            "nonce": nonce,
        }
    else:
        token = TOKEN if route == "/wecom/bot" else APP_TOKEN
        covered = echostr if echostr is not None else encrypt
        query = {
            "msg_signature": plain_signature(token, timestamp, nonce, covered),
            "timestamp": timestamp,
            "nonce": nonce,
        }
    return query if echostr is None else {**query, "echostr": echostr}


def envelope(route: str, encrypt: str) -> str:
    if route == "/wecom/bot":
        return json.dumps({"encrypt": encrypt})
    return f"<xml><ToUserName>x</ToUserName><AgentID>1</AgentID><Encrypt>{encrypt}</Encrypt></xml>"


CALLBACKS = ["/wecom/bot", "/wecom/app", "/mp"]


@pytest.mark.parametrize("route", CALLBACKS)
@pytest.mark.parametrize("method", ["GET", "POST"])
async def test_a_400_digit_timestamp_is_refused_with_a_4xx(rig: Rig, route: str, method: str) -> None:
    before = stored(rig)
    for sign in (False, True):  # with a valid signature it reaches the freshness check too
        query = signed_query(route, HUGE_TIMESTAMP, "1234", "abc" if method == "GET" else None, "abc")
        if not sign:
            query = {name: ("0" * 40 if "signature" in name else value) for name, value in query.items()}
        body = envelope(route, "abc") if method == "POST" else None
        response = await rig.client.request(method, route, params=query, data=body)
        assert 400 <= response.status < 500, (sign, response.status)
    assert stored(rig) == before


@pytest.mark.parametrize("route", CALLBACKS)
async def test_the_signature_is_checked_before_the_timestamp_is_read(
    rig: Rig, route: str, caplog: pytest.LogCaptureFixture
) -> None:
    query = signed_query(route, HUGE_TIMESTAMP, "1234", None, "abc")
    query = {name: ("0" * 40 if "signature" in name else value) for name, value in query.items()}
    response = await rig.client.post(route, params=query, data=envelope(route, "abc"))
    assert response.status == 403
    assert [getattr(record, "reason", None) for record in caplog.records] == ["bad signature"]


ODD_FIELDS = [
    "<MsgId>wangke</MsgId>",  # wechatpy converts MsgId to int only when it is read
    "<MsgId>1</MsgId><FromUserName><a>nested</a></FromUserName>",  # wechatpy gives a dict
    "<MsgId>1</MsgId><Content><a>nested</a></Content>",
    "<MsgId>1</MsgId><FromUserName>o_user</FromUserName>",  # repeated: wechatpy gives a list
]


@pytest.mark.parametrize("odd", ODD_FIELDS)
async def test_signed_messages_with_odd_fields_are_never_a_5xx(rig: Rig, odd: str) -> None:
    plaintext = (
        f"<xml><ToUserName>{CORP_ID}</ToUserName><FromUserName>wangke</FromUserName>"
        f"<CreateTime>1</CreateTime><MsgType>text</MsgType><Content>/帮助</Content>"
        f"<AgentID>{AGENT_ID}</AgentID>{odd}</xml>"
    )
    timestamp, nonce = str(rig.now()), "1234"
    encrypt = ciphertext("/wecom/app", plaintext)
    query = signed_query("/wecom/app", timestamp, nonce, None, encrypt)
    response = await rig.client.post("/wecom/app", params=query, data=envelope("/wecom/app", encrypt))
    assert response.status < 500
    if not rig.bot.settings.mp_aes_key.get_secret_value():  # plain mode: any body after a signature
        response = await rig.client.post(
            "/mp", params=signed_query("/mp", timestamp, nonce, None), data=plaintext
        )
        assert response.status < 500


# ---------------------------------------------------------------- properties
# Each example is one request to a server built once per test: the properties hold whatever came before.

ROUTES = [*CALLBACKS, "/healthz", "/readyz"]
PARAMETER_NAMES = ["msg_signature", "signature", "timestamp", "nonce", "echostr", "encrypt_type", "openid"]
raw_values = st.one_of(
    st.binary(max_size=60),
    st.text(max_size=30).map(lambda text: text.encode("utf-8")),
    st.integers(min_value=0, max_value=10**500).map(lambda n: str(n).encode()),
    st.sampled_from([b"-1", b"+1", b"1e9", b" 1", "١٢٣".encode(), b"\xed\xa0\x80", b"%", b"aes", b"raw"]),
)
query_strings = st.lists(
    st.tuples(st.sampled_from(PARAMETER_NAMES).map(str.encode) | st.binary(max_size=10), raw_values),
    max_size=6,
).map(lambda pairs: "&".join(f"{quote_from_bytes(k)}={quote_from_bytes(v)}" for k, v in pairs))
bodies = st.one_of(
    st.binary(max_size=300),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
        max_leaves=8,
    ).map(lambda value: json.dumps(value).encode()),
    st.text(max_size=200).map(lambda text: f"<xml><Encrypt>{text}</Encrypt></xml>".encode()),
)


async def assert_never_5xx_and_refusals_store_nothing(rig: Rig, method: str, url: URL, body: bytes) -> None:
    await rig.bot.drain()
    before = stored(rig)
    response = await rig.client.request(method, url, data=body)
    await response.read()
    assert response.status < 500, (method, url, body, response.status)
    await rig.bot.drain()
    if response.status >= 400:
        assert stored(rig) == before


@given(st.sampled_from(["GET", "POST"]), st.sampled_from(ROUTES), query_strings, bodies)
async def test_any_query_and_body_is_never_a_5xx(
    rig: Rig, method: str, route: str, query: str, body: bytes
) -> None:
    url = URL.build(path=route, query_string=query, encoded=True)
    await assert_never_5xx_and_refusals_store_nothing(rig, method, url, body)


near_now = st.integers(min_value=-250, max_value=250)  # seconds from now, inside the window
elsewhen = st.one_of(
    st.integers(min_value=-(10**6), max_value=10**6),
    st.text(max_size=12).map(lambda text: f"={text}"),
    st.just(f"={HUGE_TIMESTAMP}"),
)
# What the platforms put inside a signed (and encrypted) callback: their fields, with made-up values.
field_values = st.one_of(
    st.text(max_size=20),
    st.integers().map(str),
    st.sampled_from(["text", "event", "image", "mixed", "group", "single", "subscribe", "CLICK", "/帮助"]),
    st.sampled_from([MP_APP_ID, CORP_ID, "1000002", "wangke", "o_staff_openid_1", "x" * 129]),
    st.sampled_from(
        ["<a>nested</a>", "<![CDATA[]]>", "&amp;", "&#0;", "&#xD800;", "<MsgType>text</MsgType>"]
    ),
)


def mostly_of(usual: st.SearchStrategy[Any], other: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """`usual` two times in three, `other` the rest of the time."""
    return st.sampled_from([usual, usual, other]).flatmap(lambda strategy: strategy)


def mostly(plausible: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """The value a platform would send, two times in three; any value the rest of the time."""
    return mostly_of(plausible, field_values)


unstorable = st.sampled_from(["\x00", "a\ud800", "\udfff\x00"])  # JSON carries them, XML cannot
XML_FIELDS = {
    "ToUserName": mostly(st.sampled_from([MP_APP_ID, CORP_ID])),
    "FromUserName": mostly(st.sampled_from(["wangke", "o_staff_openid_1", "o_user"])),
    "CreateTime": mostly(st.integers(min_value=0, max_value=2**32).map(str)),
    "MsgType": mostly(st.sampled_from(["text", "event", "image"])),
    "Content": field_values,
    "MsgId": mostly(st.integers(min_value=0, max_value=2**63).map(str)),
    "AgentID": mostly(st.just(str(AGENT_ID))),
    "Event": mostly(st.sampled_from(["subscribe", "CLICK", "unsubscribe"])),
    "EventKey": field_values,
}
xml_messages = st.tuples(
    st.fixed_dictionaries(XML_FIELDS), st.sets(st.sampled_from(sorted(XML_FIELDS)), max_size=2)
).map(
    lambda parts: (
        "<xml>"
        + "".join(f"<{name}>{value}</{name}>" for name, value in parts[0].items() if name not in parts[1])
        + "</xml>"
    )
)
json_messages = st.tuples(
    st.fixed_dictionaries(
        {
            "msgtype": mostly(st.sampled_from(["text", "mixed", "event"])),
            "msgid": mostly(st.uuids().map(str)) | st.integers(),
            "from": st.fixed_dictionaries({"userid": mostly(st.just("wangke")) | st.integers()})
            | field_values,
            "chattype": mostly(st.sampled_from(["group", "single"])),
            "chatid": mostly(st.just("wrkSFfCgAAtest01")),
            "response_url": mostly(st.just("http://127.0.0.1:9/response")),
            "text": st.fixed_dictionaries({"content": field_values | st.integers() | unstorable})
            | field_values,
            "mixed": st.fixed_dictionaries(
                {"msg_item": st.lists(st.dictionaries(st.text(max_size=8), field_values), max_size=3)}
            ),
        }
    ),
    st.sets(st.sampled_from(["msgid", "from", "chattype", "chatid", "response_url", "text"]), max_size=2),
).map(lambda parts: json.dumps({k: v for k, v in parts[0].items() if k not in parts[1]}))
any_text = st.one_of(st.text(max_size=100), bodies.map(lambda raw: raw.decode("utf-8", "replace")))
# Mostly the route's own kind of message, else anything at all.
PLAINTEXTS = {
    "/wecom/bot": mostly_of(json_messages, any_text | xml_messages),
    "/wecom/app": mostly_of(xml_messages, any_text | json_messages),
    "/mp": mostly_of(xml_messages, any_text | json_messages),
}


def ciphertext(route: str, plaintext: str) -> str:
    """`plaintext` as the platform behind `route` encrypts it (with the keys the rig configures)."""
    if route == "/mp":
        return bytes(MpPrp(base64.b64decode(MP_AES_KEY + "=")).encrypt(plaintext, MP_APP_ID)).decode()
    key, receiver = (AES_KEY, "") if route == "/wecom/bot" else (APP_AES_KEY, CORP_ID)
    return bytes(WeComPrp(base64.b64decode(key + "=")).encrypt(plaintext, receiver)).decode()


@hypothesis_settings(max_examples=80)
@given(st.data())
async def test_any_signed_request_is_never_a_5xx(rig: Rig, data: st.DataObject) -> None:
    """Past the signature: any timestamp, nonce, echostr and body, and ciphertexts of any plaintext."""
    method = data.draw(st.sampled_from(["GET", "POST"]))
    route = data.draw(st.sampled_from(CALLBACKS))
    when = data.draw(mostly_of(near_now, elsewhen))  # mostly fresh: the checks after freshness are explored
    nonce = data.draw(st.text(min_size=1, max_size=12))
    plaintext = data.draw(PLAINTEXTS[route])
    safe = bool(rig.bot.settings.mp_aes_key.get_secret_value())
    encrypted = data.draw(st.sampled_from([True, True, False])) and (route != "/mp" or safe)
    timestamp = str(rig.now() + when) if isinstance(when, int) else when[1:]
    content = ciphertext(route, plaintext) if encrypted else plaintext
    if method == "GET":
        query, body = signed_query(route, timestamp, nonce, content), ""
    elif route != "/mp":
        query, body = signed_query(route, timestamp, nonce, None, content), envelope(route, content)
    elif encrypted:  # safe mode: the message signature covers the ciphertext
        query = signed_query(route, timestamp, nonce, None) | {
            "encrypt_type": "aes",
            "msg_signature": plain_signature(MP_TOKEN, timestamp, nonce, content),
        }
        body = envelope(route, content)
    else:  # plain mode: the signature covers no body, so any body gets past it
        query, body = signed_query(route, timestamp, nonce, None), plaintext
    url = URL.build(path=route).with_query(query)
    await assert_never_5xx_and_refusals_store_nothing(rig, method, url, body.encode())
