"""The WeCom AI bot (智能机器人) in API mode: its encrypted JSON callback at /wecom/bot.

Verify, decrypt, parse, build a Message, hand it to the bot, answer; no rules, no database.
Protocol (developer.work.weixin.qq.com documents 100719 receive, 101031 passive reply, 101033 crypto,
101138 response_url):
- GET ?msg_signature&timestamp&nonce&echostr checks the URL: echostr is encrypted; answer its plaintext only.
- POST ?msg_signature&timestamp&nonce with {"encrypt": base64}: the signature is the SHA-1 of the sorted
  token, timestamp, nonce and encrypt; the cipher is WeCom's AES-256-CBC with an empty receive id.
- Group chats deliver only messages that @-mention the bot; single chats deliver everything.
- The answer is the encrypted passive reply {encrypt, msgsignature, timestamp, nonce} (the callback's nonce)
  holding one stream frame with finish=true; or, when the answer takes longer than the budget, an empty
  200 at once and one markdown POST to the message's response_url (usable once, for an hour) when ready.
- A message answered in its callback leaves its response_url unused: the bot's later word to that person in
  that chat (a broadcast's report) goes through it (ResponseUrls, the channel's outbox for later answers).
- Answers fit one message: the core passes a passive answer only within WECOM_BOT_MARKDOWN_LIMIT.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import secrets
import struct
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import aiohttp
from aiohttp import web
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from bot.adapters import callback
from bot.adapters.callback import MAX_BODY_BYTES as MAX_BODY_BYTES  # the limit its tests check
from bot.adapters.callback import NOT_TEXT_KINDS, Refused, identifier, query_values, read_body, refuse
from bot.adapters.channels import WECOM_BOT as CHANNEL
from bot.clock import Clock
from bot.message import ChatKind, Message, Reply, Role
from bot.outbox import Failure, NoRoute, SendError, SendFailure
from bot.port import BotPort
from bot.render import Renderer
from bot.text import strip_mention

log = logging.getLogger("bot.adapters.wecom_bot")

PATH = "/wecom/bot"
# WeCom keeps a response_url for an hour; a margin for the clocks and the time the POST takes
RESPONSE_URL_LIFETIME = timedelta(minutes=55)
KEPT_RESPONSE_URLS = 10_000  # the latest unused one per (chat, person); the oldest are forgotten first
_LENGTH = struct.Struct(">I")  # the envelope's message length
_BLOCK = 32  # the envelope's PKCS#7 block


class WeComBotCrypto:
    """Signatures and the AES envelope of the AI bot's callbacks and replies: WeCom's cipher (document 101033),
    AES-256-CBC keyed by the EncodingAESKey with its first 16 bytes as IV, over 16 random bytes, the message's
    length (4 bytes, big-endian), the message and the receive id, padded PKCS#7 to 32 bytes; in Base64.

    wechatpy's PrpCrypto does the same (tests/wecom_peer.py plays WeCom with it) at about twice the cost a
    reply: its 16 random characters come from `random.sample` in Python (~25k instructions), and each step
    converts its input again."""

    def __init__(self, token: str, encoding_aes_key: str, receive_id: str = "") -> None:
        key = base64.b64decode(encoding_aes_key + "=")
        if len(key) != 32:
            raise ValueError("EncodingAESKey must be 43 characters of Base64 (a 32-byte key)")
        self._token = token
        self._cipher = Cipher(algorithms.AES(key), modes.CBC(key[:16]))
        self._receive_id = receive_id.encode("utf-8")

    def signature(self, timestamp: str, nonce: str, encrypt: str) -> str:
        return callback.signature(self._token, timestamp, nonce, encrypt)

    def verify(self, signature: str, timestamp: str, nonce: str, encrypt: str) -> bool:
        try:
            callback.check_signature(signature, self._token, timestamp, nonce, encrypt)
        except Refused:
            return False
        return True

    def decrypt(self, encrypt: str) -> str:
        """The plaintext; raises (binascii.Error, ValueError, UnicodeDecodeError) on foreign input."""
        decryptor = self._cipher.decryptor()
        padded = decryptor.update(base64.b64decode(encrypt)) + decryptor.finalize()
        content = padded[16 : -padded[-1]]
        (length,) = _LENGTH.unpack_from(content)
        if content[4 + length :] != self._receive_id:
            raise ValueError("sealed for another receive id")
        return content[4 : 4 + length].decode("utf-8")

    def encrypt(self, plaintext: str) -> str:
        text = plaintext.encode("utf-8")
        content = b"".join((os.urandom(16), _LENGTH.pack(len(text)), text, self._receive_id))
        padding = _BLOCK - len(content) % _BLOCK
        encryptor = self._cipher.encryptor()
        sealed = encryptor.update(content + bytes((padding,)) * padding) + encryptor.finalize()
        return base64.b64encode(sealed).decode("ascii")

    def seal(self, plaintext: str, timestamp: str, nonce: str) -> dict[str, str]:
        """The encrypted reply body WeCom expects."""
        encrypt = self.encrypt(plaintext)
        return {
            "encrypt": encrypt,
            "msgsignature": self.signature(timestamp, nonce, encrypt),
            "timestamp": timestamp,
            "nonce": nonce,
        }


def sealed_json(sealed: Mapping[str, str]) -> str:
    """`json.dumps(sealed)` byte for byte, without the encoder's escaping pass over the ciphertext, a reply's
    longest string (~35k instructions a reply): base64, the hex signature and our timestamp's digits hold
    nothing JSON escapes. The nonce is the caller's, so it is encoded."""
    return (
        f'{{"encrypt": "{sealed["encrypt"]}", "msgsignature": "{sealed["msgsignature"]}",'
        f' "timestamp": "{sealed["timestamp"]}", "nonce": {json.dumps(sealed["nonce"])}}}'
    )


def stream_frame(content: str) -> str:
    """A finished stream frame holding `content`, as `json.dumps(frame, ensure_ascii=False)` writes it byte for
    byte, written around the content's own encoding: no encoder is set up to walk the frame's dicts (~5k
    instructions a reply). Its id is hex."""
    return (
        f'{{"msgtype": "stream", "stream": {{"id": "{secrets.token_hex(8)}", "finish": true,'
        f' "content": {json.dumps(content, ensure_ascii=False)}}}}}'
    )


@dataclass(slots=True)
class Callback:
    """The fields of a decrypted user message this bot uses (one a callback, read once: not frozen, whose fields
    would each be set through object.__setattr__, ~9k instructions a callback)."""

    msgid: str
    chat_kind: ChatKind
    chat_id: str  # the group, or the sender in a single chat
    user_id: str
    response_url: str | None
    # the words of a text message, a mixed message's text items or a voice message as WeCom heard it; None for a
    # kind the bot cannot read (a picture, a file)
    text: str | None


def parse_callback(plaintext: str) -> Callback | None:
    """A user's message; None for any other callback (events, stream refreshes)."""
    try:
        data = json.loads(plaintext)
    except Exception:  # ValueError, or RecursionError on absurd nesting
        raise Refused(400, "plaintext is not JSON") from None
    if not isinstance(data, dict):
        raise Refused(400, "plaintext is not a JSON object")
    msgtype = data.get("msgtype")
    read = _READERS.get(msgtype) if isinstance(msgtype, str) else None
    if read is None and msgtype not in NOT_TEXT_KINDS:
        return None
    msgid = identifier(data.get("msgid"), "msgid")
    sender = data.get("from")
    user_id = identifier(sender.get("userid") if isinstance(sender, dict) else None, "from.userid")
    chattype = data.get("chattype")
    if chattype == "group":
        kind, chat_id = ChatKind.GROUP, identifier(data.get("chatid"), "chatid")
    elif chattype == "single":
        kind, chat_id = ChatKind.PRIVATE, user_id
    else:
        raise Refused(400, "chattype is neither single nor group")
    response_url = data.get("response_url")
    if response_url is not None and not (
        isinstance(response_url, str) and response_url.startswith(("https://", "http://"))
    ):
        raise Refused(400, "response_url is not a web address")
    return Callback(msgid, kind, chat_id, user_id, response_url, read(data) if read else None)


def _text(data: dict[str, Any]) -> str:
    text = data.get("text")
    content = text.get("content") if isinstance(text, dict) else None
    if not isinstance(content, str):
        raise Refused(400, "text.content missing")
    return content


def _mixed_text(data: dict[str, Any]) -> str:
    mixed = data.get("mixed")
    items = mixed.get("msg_item") if isinstance(mixed, dict) else None
    if not isinstance(items, list):
        raise Refused(400, "mixed.msg_item missing")
    words = [
        item["text"]["content"]
        for item in items
        if isinstance(item, dict)
        and item.get("msgtype") == "text"
        and isinstance(item.get("text"), dict)
        and isinstance(item["text"].get("content"), str)
    ]
    return "\n".join(word.strip() for word in words if word.strip())


def _voice_text(data: dict[str, Any]) -> str | None:
    """The words WeCom heard in a voice message (single chats only); None where it heard none."""
    voice = data.get("voice")
    content = voice.get("content") if isinstance(voice, dict) else None
    return content if isinstance(content, str) and content.strip() else None


_READERS: dict[str, Callable[[dict[str, Any]], str | None]] = {
    "text": _text,
    "mixed": _mixed_text,
    "voice": _voice_text,
}


@dataclass(frozen=True)
class WeComBotConfig:
    token: str = field(repr=False)
    encoding_aes_key: str = field(repr=False)
    bot_name: str
    staff: Mapping[str, str]  # WeCom user id -> county: staff identity comes only from here
    max_skew_seconds: float = 300.0
    reply_budget_seconds: float = 3.0
    receive_id: str = ""  # empty for a corporation's own AI bot (document 101033)


class ResponseUrls:
    """The AI bot's way back for later answers (an Outbox): the response_url the latest message of each
    person in each chat left unused, which WeCom takes once, within the hour. NoRoute when there is none
    (the answer then takes the push route: bot.push.ElsePush)."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._session: aiohttp.ClientSession | None = None
        # (chat, person) -> the unused response_url of their latest message, and until when it holds
        self._unused: OrderedDict[tuple[str, str], tuple[str, datetime]] = OrderedDict()

    def keep(self, msg: Message, response_url: str) -> None:
        key = (msg.chat_id, msg.sender_id)
        # the address was issued when WeCom delivered the message
        self._unused[key] = (response_url, msg.received_at + RESPONSE_URL_LIFETIME)
        self._unused.move_to_end(key)
        if len(self._unused) > KEPT_RESPONSE_URLS:
            self._unused.popitem(last=False)

    async def send(self, reply: Reply) -> None:
        if reply.file is not None:  # the AI bot's answers carry no files: they take the push route
            raise NoRoute(SendFailure(Failure.NO_ROUTE, platform=CHANNEL))
        unused = self._unused.pop((reply.chat_id, reply.to or reply.chat_id), None)
        if unused is None or unused[1] <= self._clock.now():
            raise NoRoute(SendFailure(Failure.REPLY_EXPIRED))
        await self._post_to(unused[0], reply.text)  # Delivery has cut it to a message's length

    async def _post_to(self, response_url: str, content: str) -> None:
        """One markdown message through a response_url; SendError (in words, never the address: its
        response_code lets anyone answer in the user's chat) if it fails. Not retried: a response_url is
        good for one message, and a failed POST may have used it."""
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        body = {"msgtype": "markdown", "markdown": {"content": content}}
        try:
            async with self._session.post(response_url, json=body) as response:
                status = response.status
                answer = await response.json(content_type=None) if status == 200 else None
        except (aiohttp.ClientError, TimeoutError, ValueError):
            raise SendError(SendFailure(Failure.REPLY_UNREACHABLE)) from None
        if not isinstance(answer, dict) or answer.get("errcode") != 0:
            errcode = answer.get("errcode") if isinstance(answer, dict) else None
            raise SendError(SendFailure(Failure.REPLY_REFUSED, status=status, errcode=errcode))

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


class WeComBotCallback:
    """The /wecom/bot endpoint: one per server, its dependencies injected."""

    def __init__(
        self,
        bot: BotPort,
        response_urls: ResponseUrls,
        clock: Clock,
        config: WeComBotConfig,
        render: Renderer,
    ) -> None:
        self.only_text = render("bot_words.j2", step="only_text")  # the answer to a picture, a file …
        self._bot = bot
        self._response_urls = response_urls
        self._clock = clock
        self._config = config
        self._crypto = WeComBotCrypto(config.token, config.encoding_aes_key, config.receive_id)
        self.check = callback.CallbackCheck(config.token, clock, config.max_skew_seconds)

    def decrypt(self, encrypt: str) -> str:
        try:
            return self._crypto.decrypt(encrypt)
        except Exception as error:  # wechatpy raises bare errors (UnicodeDecodeError, struct.error, …)
            raise Refused(400, f"undecryptable ({type(error).__name__})") from None

    def to_message(self, callback: Callback, text: str) -> Message:
        group = callback.chat_kind is ChatKind.GROUP
        staff = callback.user_id in self._config.staff
        return Message(
            id=callback.msgid,
            channel=CHANNEL,
            chat_id=callback.chat_id,
            chat_kind=callback.chat_kind,
            sender_id=callback.user_id,
            sender_name=callback.user_id,
            role=Role.STAFF if staff else Role.ENTERPRISE,
            text=strip_mention(text, self._config.bot_name, group=group),
            mentions_bot=True,  # in a group WeCom delivers only what @-mentions the bot
            received_at=self._clock.now(),
        )

    async def answer(self, msg: Message, response_url: str | None, nonce: str) -> web.Response:
        """The passive reply if the answer is ready within the budget; else an empty 200, and the answer goes
        through the message's response_url (kept before it is handled) when ready."""
        if response_url is not None:
            self._response_urls.keep(msg, response_url)
        replies = await self._bot.submit(msg, self._config.reply_budget_seconds)
        if not replies:  # nothing to say, a redelivery, or the answer comes later
            return web.Response()
        return self.passive(replies[0].text, nonce)

    def passive(self, text: str, nonce: str) -> web.Response:
        """`text` as the callback's own encrypted response (a finished stream)."""
        timestamp = str(int(self._clock.timestamp()))
        sealed = self._crypto.seal(stream_frame(text), timestamp, nonce)
        return web.Response(text=sealed_json(sealed), content_type="application/json")

    async def close(self, _app: web.Application) -> None:
        """At the server's clean-up, after the bot's late answers: the response_url client."""
        await self._response_urls.close()


WECOM_BOT = web.AppKey("wecom_bot", WeComBotCallback)


async def on_url_check(request: web.Request) -> web.Response:
    endpoint = request.app[WECOM_BOT]
    try:
        signature, timestamp, nonce, echostr = query_values(
            request, "msg_signature", "timestamp", "nonce", "echostr"
        )
        endpoint.check(signature, timestamp, nonce, echostr)
        return web.Response(text=endpoint.decrypt(echostr))
    except Refused as refusal:
        return _refuse(request, refusal)


async def on_callback(request: web.Request) -> web.Response:
    endpoint = request.app[WECOM_BOT]
    try:
        signature, timestamp, nonce = query_values(request, "msg_signature", "timestamp", "nonce")
        encrypt = _envelope(await read_body(request))  # the signature covers the ciphertext in the body
        endpoint.check(signature, timestamp, nonce, encrypt)
        callback = parse_callback(endpoint.decrypt(encrypt))
    except Refused as refusal:
        return _refuse(request, refusal)
    if callback is None:
        return web.Response()  # an event or a stream refresh: acknowledged, ignored
    if callback.text is None:
        return endpoint.passive(endpoint.only_text, nonce)
    return await endpoint.answer(endpoint.to_message(callback, callback.text), callback.response_url, nonce)


def _envelope(body: bytes) -> str:
    try:
        data = json.loads(body)
    except Exception:  # ValueError (incl. bad UTF-8), or RecursionError on absurd nesting
        raise Refused(400, "body is not JSON") from None
    encrypt = data.get("encrypt") if isinstance(data, dict) else None
    if not isinstance(encrypt, str) or not encrypt:
        raise Refused(400, "body has no encrypt field")
    return encrypt


def _refuse(request: web.Request, refusal: Refused) -> web.Response:
    return refuse(log, request, refusal, "wecom bot")


def mount(app: web.Application, endpoint: WeComBotCallback) -> None:
    """Adds /wecom/bot (GET: URL check, POST: callbacks) to a server."""
    app[WECOM_BOT] = endpoint
    app.router.add_get(PATH, on_url_check)
    app.router.add_post(PATH, on_callback)
    app.on_cleanup.append(endpoint.close)
