"""The WeChat Official Account (公众号): its XML callback at /mp, and customer-service messages (客服消息).

Verify, (decrypt,) parse, build a Message, queue it, answer; no rules, no database.
Protocol (developers.weixin.qq.com, offiaccount: Access_Overview, Message_encryption_and_decryption,
Passive_user_reply_message, Service_Center_messages):
- GET ?signature&timestamp&nonce&echostr checks the URL: signature = SHA-1 of the sorted token, timestamp
  and nonce; answer echostr unchanged.
- POST, plain mode: the same signature (it does not cover the body) and the message XML as the body. So in
  plain mode a signed query is accepted once, whatever its body, and nobody is staff (README).
- POST, safe mode: also ?encrypt_type=aes&msg_signature, and <xml><ToUserName/><Encrypt/></xml>;
  msg_signature = SHA-1 of the sorted token, timestamp, nonce and Encrypt; AES-256-CBC whose plaintext ends
  with the AppID. The passive reply is encrypted back as <xml><Encrypt/><MsgSignature/><TimeStamp/><Nonce/>.
- WeChat waits 5 s, then retries (three times). An answer ready within the budget goes back passively in
  the response, as one text message; otherwise the response is "success" and the answer follows as a
  customer-service message (message/custom/send), which WeChat allows only within 48 hours of the user's
  last message.
- Following the account asks for the help text (the welcome); a menu button of type click sends its key as
  the user's text, so a menu can hold commands (/截止). Other events are acknowledged and ignored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from aiohttp import web
from wechatpy.crypto import WeChatCrypto
from wechatpy.events import ClickEvent, SubscribeEvent, SubscribeScanEvent
from wechatpy.messages import BaseMessage, TextMessage
from wechatpy.parser import parse_message
from wechatpy.replies import TextReply

from bot.adapters.callback import (
    NOT_TEXT_KINDS,
    CallbackCheck,
    Refused,
    cdata_safe,
    check_signature,
    parse_xml,
    private_message,
    query_values,
    read_body,
    refuse,
)
from bot.adapters.channels import MP as CHANNEL
from bot.adapters.wecom_api import ApiClient, TokenSource
from bot.clock import Clock
from bot.message import Message, Reply
from bot.outbox import Failure, SendError, SendFailure
from bot.port import BotPort
from bot.render import Renderer

log = logging.getLogger("bot.adapters.official")

PATH = "/mp"
WINDOW = timedelta(hours=48)
SUCCESS = "success"  # stops WeChat's retries without showing the user anything


@dataclass(frozen=True)
class OfficialAccountConfig:
    app_id: str
    token: str = field(repr=False)
    encoding_aes_key: str = field(repr=False)  # empty: plain mode only
    staff: Mapping[str, str]  # openid -> county: staff identity comes only from here
    reply_budget_seconds: float = 4.0
    max_skew_seconds: float = 300.0


class OfficialAccountCallback:
    """The /mp endpoint: one per server, its dependencies injected."""

    def __init__(self, bot: BotPort, clock: Clock, config: OfficialAccountConfig, render: Renderer) -> None:
        # what a subscribe (or a menu click without a key) stands for, and the answer to a picture, a voice …
        self._welcome_command = render("bot_words.j2", step="welcome_command")
        self.only_text = render("bot_words.j2", step="only_text")
        self.bot = bot
        self._clock = clock
        self._config = config
        key = config.encoding_aes_key
        self._crypto = WeChatCrypto(config.token, key, config.app_id) if key else None
        self.check = CallbackCheck(config.token, clock, config.max_skew_seconds)

    @property
    def budget(self) -> float:
        return self._config.reply_budget_seconds

    def open(self, query: Mapping[str, str], body: bytes) -> tuple[BaseMessage, dict[str, str], bool]:
        """The parsed message of a callback whose signature was checked, its fields as text, and whether it
        came encrypted."""
        encrypted = query.get("encrypt_type", "raw") == "aes"
        if not encrypted:
            if self._crypto is not None:
                # plain mode's signature does not cover the body: with a key configured, accept safe mode only
                raise Refused(403, "plain callback while safe mode is configured")
            plaintext: str | bytes = body
        else:
            plaintext = self._decrypt(query, body)
        fields = parse_xml(plaintext)  # refuses DTDs and anything not well-formed before wechatpy parses it
        try:
            incoming = parse_message(plaintext)
        except Exception as error:  # KeyError('MsgType'), ExpatError, ValueError, …
            raise Refused(400, f"unparsable message ({type(error).__name__})") from None
        if incoming is None:
            raise Refused(400, "empty message")
        return incoming, fields, encrypted

    def _decrypt(self, query: Mapping[str, str], body: bytes) -> str:
        if self._crypto is None:
            raise Refused(400, "encrypted callback but no EncodingAESKey configured")
        msg_signature, timestamp, nonce = (
            query.get(name, "") for name in ("msg_signature", "timestamp", "nonce")
        )
        if not msg_signature:
            raise Refused(400, "query parameters missing")
        encrypt = parse_xml(body).get("Encrypt", "")
        if not encrypt:
            raise Refused(400, "body has no Encrypt")
        check_signature(msg_signature, self._config.token, timestamp, nonce, encrypt)
        try:
            return str(self._crypto.decrypt_message({"Encrypt": encrypt}, msg_signature, timestamp, nonce))
        except Exception as error:  # UnicodeDecodeError, struct.error, InvalidAppIdException, …
            raise Refused(400, f"undecryptable ({type(error).__name__})") from None

    def to_message(self, incoming: BaseMessage, fields: Mapping[str, str], encrypted: bool) -> Message | None:
        """A text message, a follow (asks for the welcome) or a menu click (its key as text); else None.

        Staff are recognised in safe mode only: in plain mode anyone holding one signed query could write
        any openid into the body, so every sender counts as an enterprise user there.
        """
        clock = self._clock
        staff = self._config.staff if encrypted else {}
        if not encrypted and fields.get("FromUserName", "") in self._config.staff:
            log.warning("staff openid in plain mode: treated as an enterprise user (staff need safe mode)")
        if isinstance(incoming, TextMessage):
            return private_message(CHANNEL, fields, fields.get("Content", ""), staff, clock)
        if isinstance(incoming, SubscribeEvent | SubscribeScanEvent | ClickEvent):
            # events carry no MsgId: WeChat's retries are told apart by sender and time
            msg_id = f"{fields.get('FromUserName', '')}:{fields.get('CreateTime', '')}"
            text = fields.get("EventKey", "") if isinstance(incoming, ClickEvent) else self._welcome_command
            return private_message(CHANNEL, fields, text, staff, clock, msg_id=msg_id)
        return None

    def passive(self, fields: Mapping[str, str], text: str, nonce: str, encrypted: bool) -> web.Response:
        """The passive text reply to a message, encrypted back in safe mode."""
        reply = TextReply(
            source=fields.get("ToUserName", ""),
            target=fields.get("FromUserName", ""),
            content=cdata_safe(text),
        )
        xml = reply.render()
        if encrypted:
            assert self._crypto is not None
            timestamp = str(int(self._clock.timestamp()))
            xml = self._crypto.encrypt_message(xml, nonce, timestamp)
        return web.Response(text=xml, content_type="application/xml")


OFFICIAL = web.AppKey("official", OfficialAccountCallback)


async def on_url_check(request: web.Request) -> web.Response:
    endpoint = request.app[OFFICIAL]
    try:
        signature, timestamp, nonce, echostr = query_values(
            request, "signature", "timestamp", "nonce", "echostr"
        )
        endpoint.check(signature, timestamp, nonce)
    except Refused as refusal:
        return refuse(log, request, refusal, "official account")
    return web.Response(text=echostr)


async def on_callback(request: web.Request) -> web.Response:
    endpoint = request.app[OFFICIAL]
    try:
        signature, timestamp, nonce = query_values(request, "signature", "timestamp", "nonce")
        endpoint.check(signature, timestamp, nonce)
        incoming, fields, encrypted = endpoint.open(request.query, await read_body(request))
        message = endpoint.to_message(incoming, fields, encrypted)
    except Refused as refusal:
        return refuse(log, request, refusal, "official account")
    if message is None:
        if incoming.type in NOT_TEXT_KINDS:
            return endpoint.passive(fields, endpoint.only_text, nonce, encrypted)
        return web.Response(text=SUCCESS)
    # The signed query is taken once, like the MsgId: in plain mode the signature does not cover the body,
    # so a captured query must not carry a second one.
    replies = await endpoint.bot.submit(message, endpoint.budget, replay_key=signature)
    if not replies:  # a redelivery, nothing to say, or the answer goes out as a customer-service message
        return web.Response(text=SUCCESS)
    return endpoint.passive(fields, replies[0].text, nonce, encrypted)


def mount(app: web.Application, endpoint: OfficialAccountCallback) -> None:
    """Adds /mp (GET: URL check, POST: callbacks) to a server."""
    app[OFFICIAL] = endpoint
    app.router.add_get(PATH, on_url_check)
    app.router.add_post(PATH, on_callback)


def mp_token_source(app_id: str, secret: str) -> TokenSource:
    return TokenSource(
        f"mp:{app_id}",
        "/cgi-bin/token",
        {"grant_type": "client_credential", "appid": app_id, "secret": secret},
    )


class CustomerServiceSender:
    """Outbox of the Official Account: customer-service text messages, only inside the 48-hour window.

    `last_heard(openid)` says when the user's latest message arrived (the inbox records every one).
    """

    def __init__(self, api: ApiClient, clock: Clock, last_heard: Callable[[str], datetime | None]) -> None:
        self._api = api
        self._clock = clock
        self._last_heard = last_heard

    async def send(self, reply: Reply) -> None:
        heard = self._last_heard(reply.chat_id)
        if heard is None or self._clock.now() - heard >= WINDOW:
            raise SendError(SendFailure(Failure.MP_NOT_HEARD, "mp"))
        await self._api.post(
            "/cgi-bin/message/custom/send",
            {"touser": reply.chat_id, "msgtype": "text", "text": {"content": reply.text}},
        )
