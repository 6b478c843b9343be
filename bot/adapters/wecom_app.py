"""The WeCom self-built app (自建应用): its encrypted XML callback at /wecom/app.

Verify, decrypt, parse, build a Message, submit it, answer or acknowledge; no rules, no database.
Protocol (developer.work.weixin.qq.com documents 90930 receive, 90968 crypto, 90238 passive reply):
- GET ?msg_signature&timestamp&nonce&echostr checks the URL: echostr is encrypted; answer its plaintext only.
- POST ?msg_signature&timestamp&nonce with <xml><ToUserName/><AgentID/><Encrypt/></xml>: the signature is
  the SHA-1 of the sorted token, timestamp, nonce and Encrypt; the cipher is AES-256-CBC whose plaintext
  ends with the corporation's id. WeCom waits 5 s and retries on silence, so the message is recorded first;
  an answer ready within the budget is the encrypted passive reply (one text message), and otherwise the
  response is an empty 200 and the answer goes out through the app's API (message/send).
- Members talk to the app one to one: the chat is the member's user id. The app hears nothing from group
  chats; it only pushes into those it created (appchat, BOT_WECOM_APP_CHATS).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field

from aiohttp import web
from wechatpy.enterprise.crypto import WeChatCrypto
from wechatpy.enterprise.parser import parse_message
from wechatpy.messages import TextMessage
from wechatpy.replies import TextReply

from bot.adapters.callback import (
    NOT_TEXT_KINDS,
    CallbackCheck,
    Refused,
    cdata_safe,
    parse_xml,
    private_message,
    query_values,
    read_body,
    refuse,
)
from bot.adapters.channels import WECOM_APP as CHANNEL
from bot.clock import Clock
from bot.message import Message
from bot.port import BotPort
from bot.render import Renderer

log = logging.getLogger("bot.adapters.wecom_app")

PATH = "/wecom/app"


@dataclass(frozen=True)
class WeComAppConfig:
    corp_id: str
    agent_id: int
    token: str = field(repr=False)
    encoding_aes_key: str = field(repr=False)
    staff: Mapping[str, str]  # WeCom user id -> county: staff identity comes only from here
    max_skew_seconds: float = 300.0
    reply_budget_seconds: float = 4.0  # WeCom waits 5 s for the passive reply


class WeComAppCallback:
    """The /wecom/app endpoint: one per server, its dependencies injected."""

    def __init__(self, bot: BotPort, clock: Clock, config: WeComAppConfig, render: Renderer) -> None:
        self.only_text = render("bot_words.j2", step="only_text")  # the answer to a picture, a voice …
        self.bot = bot
        self._clock = clock
        self._config = config
        self._crypto = WeChatCrypto(config.token, config.encoding_aes_key, config.corp_id)
        self.check = CallbackCheck(config.token, clock, config.max_skew_seconds)

    @property
    def budget(self) -> float:
        return self._config.reply_budget_seconds

    def echo(self, msg_signature: str, timestamp: str, nonce: str, echostr: str) -> str:
        """The plaintext of a URL check's echostr."""
        echostr = echostr.replace(" ", "+")  # a '+' the query decoding turned into a space
        self.check(msg_signature, timestamp, nonce, echostr)
        try:
            return str(self._crypto.check_signature(msg_signature, timestamp, nonce, echostr))
        except Exception as error:  # wechatpy raises bare errors on foreign input (binascii.Error, …)
            raise Refused(400, f"undecryptable ({type(error).__name__})") from None

    def open(
        self, msg_signature: str, timestamp: str, nonce: str, body: bytes
    ) -> tuple[Message | None, dict[str, str]]:
        """The user's text message in a callback, with its fields; no message for what the bot does not read
        (events, images)."""
        encrypt = parse_xml(body).get("Encrypt", "")
        if not encrypt:
            raise Refused(400, "body has no Encrypt")
        self.check(msg_signature, timestamp, nonce, encrypt)
        try:
            plaintext = self._crypto.decrypt_message({"Encrypt": encrypt}, msg_signature, timestamp, nonce)
        except Exception as error:  # UnicodeDecodeError, struct.error, InvalidCorpIdException, …
            raise Refused(400, f"undecryptable ({type(error).__name__})") from None
        fields = parse_xml(plaintext)  # refuses a DTD inside the ciphertext too
        try:
            incoming = parse_message(plaintext)
        except Exception as error:  # KeyError('MsgType'), ExpatError, ValueError, …
            raise Refused(400, f"unparsable message ({type(error).__name__})") from None
        if fields.get("AgentID") and fields["AgentID"] != str(self._config.agent_id):
            raise Refused(400, "a callback for another app")
        if not isinstance(incoming, TextMessage):
            return None, fields
        return private_message(
            CHANNEL, fields, fields.get("Content", ""), self._config.staff, self._clock
        ), fields

    def passive(self, fields: Mapping[str, str], text: str, nonce: str) -> web.Response:
        """The encrypted passive text reply to a message (document 90238)."""
        reply = TextReply(
            source=fields.get("ToUserName", ""),
            target=fields.get("FromUserName", ""),
            content=cdata_safe(text),
        )
        timestamp = str(int(self._clock.timestamp()))
        xml = self._crypto.encrypt_message(reply.render(), nonce, timestamp)
        return web.Response(text=xml, content_type="application/xml")


WECOM_APP = web.AppKey("wecom_app", WeComAppCallback)


async def on_url_check(request: web.Request) -> web.Response:
    endpoint = request.app[WECOM_APP]
    try:
        echo = endpoint.echo(*query_values(request, "msg_signature", "timestamp", "nonce", "echostr"))
    except Refused as refusal:
        return refuse(log, request, refusal, "wecom app")
    return web.Response(text=echo)


async def on_callback(request: web.Request) -> web.Response:
    endpoint = request.app[WECOM_APP]
    try:
        signature, timestamp, nonce = query_values(request, "msg_signature", "timestamp", "nonce")
        opened = endpoint.open(signature, timestamp, nonce, await read_body(request))
    except Refused as refusal:
        return refuse(log, request, refusal, "wecom app")
    message, fields = opened
    if message is None:
        if fields.get("MsgType") in NOT_TEXT_KINDS:
            return endpoint.passive(fields, endpoint.only_text, nonce)
        return web.Response()
    # recorded before the acknowledgement (a failure here is a 500, and WeCom sends it again); answered
    # in the response if ready within the budget, else through the app's API (message/send)
    replies = await endpoint.bot.submit(message, endpoint.budget)
    if not replies:
        return web.Response()
    return endpoint.passive(fields, replies[0].text, nonce)


def mount(app: web.Application, endpoint: WeComAppCallback) -> None:
    """Adds /wecom/app (GET: URL check, POST: callbacks) to a server."""
    app[WECOM_APP] = endpoint
    app.router.add_get(PATH, on_url_check)
    app.router.add_post(PATH, on_callback)
