"""What every platform callback does before it trusts a byte: bounded reads, query checks, SHA-1
signatures compared in constant time, freshness, and XML parsed safely.

WeChat and WeCom sign callbacks with the SHA-1 of the sorted concatenation of the token, the timestamp, the
nonce and (with encryption) the ciphertext. Their bodies are XML (the WeCom AI bot's are JSON): every XML
body is parsed here by defusedxml with DTDs forbidden, so no entity is expanded and nothing external is
fetched, before wechatpy (whose parser is plain expat through xmltodict) sees the text.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from aiohttp import web
from defusedxml.ElementTree import fromstring

from bot.clock import Clock
from bot.forwarded import client_address
from bot.message import ChatKind, Message, Role
from bot.text import storable

MAX_BODY_BYTES = 64 * 1024  # a callback is a few KiB; anything far larger is not the platform
MAX_ID_LENGTH = 128  # the inbox's column width for message, chat and user ids
_TIMESTAMP = re.compile(r"[0-9]{1,12}")  # Unix seconds (ten digits until 2286), ASCII digits only
# A user's message of a kind the bot cannot read (a picture, a recording, a file …): where the callback's response
# can carry an answer it gets bot_words.j2's only_text, so that a newcomer's first picture is not met by silence.
NOT_TEXT_KINDS = frozenset({"image", "voice", "video", "shortvideo", "file", "location", "link"})


class Refused(Exception):
    """A callback that is not (or not provably) the platform's: answered with a 4xx, nothing handed over."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def query_values(request: web.Request, *names: str) -> list[str]:
    values = [request.query.get(name, "") for name in names]
    if not all(values):
        raise Refused(400, "query parameters missing")
    return values


async def read_body(request: web.Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """The body, refused with 413 as soon as it is known to exceed `limit` (never read whole)."""
    length = request.content_length
    if length is not None:
        if length > limit:
            raise Refused(413, "body too large")  # refused before reading any of it
        try:
            return await request.content.readexactly(length)  # one read, where chunks take two turns
        except asyncio.IncompleteReadError:
            raise Refused(400, "body shorter than its Content-Length") from None
    chunks: list[bytes] = []  # chunked: read as it comes, and no further than the limit
    size = 0
    async for chunk in request.content.iter_any():  # bounded: stops once past the limit
        size += len(chunk)
        if size > limit:
            raise Refused(413, "body too large")
        chunks.append(chunk)
    return b"".join(chunks)


def signature(*parts: str) -> str:
    """WeChat's signature: SHA-1 over the parts sorted and joined."""
    # surrogatepass: a query may decode to lone surrogates; such a value must fail the check, not raise
    return hashlib.sha1("".join(sorted(parts)).encode("utf-8", "surrogatepass")).hexdigest()


def check_signature(given: str, *parts: str) -> None:
    if not hmac.compare_digest(signature(*parts).encode("utf-8"), given.encode("utf-8", "replace")):
        raise Refused(403, "bad signature")


def check_fresh(timestamp: str, clock: Clock, max_skew_seconds: float) -> None:
    if not _TIMESTAMP.fullmatch(timestamp):  # int() would take 400 digits, and the float comparison overflow
        raise Refused(400, "timestamp is not a number")
    if abs(clock.timestamp() - int(timestamp)) > max_skew_seconds:
        raise Refused(403, "timestamp outside the allowed window")


@dataclass(frozen=True)
class CallbackCheck:
    """One platform's callback checks: the signature, then freshness. Nothing a caller controls is parsed
    before the signature shows that the platform sent it (the body only as far as the protocol puts the
    signed ciphertext in it)."""

    token: str = field(repr=False)
    clock: Clock
    max_skew_seconds: float

    def __call__(self, given: str, timestamp: str, nonce: str, *covered: str) -> None:
        check_signature(given, self.token, timestamp, nonce, *covered)
        check_fresh(timestamp, self.clock, self.max_skew_seconds)


def parse_xml(document: bytes | str) -> dict[str, str]:
    """The text of each child of a WeChat XML document's <xml> root.

    Refuses (400) anything with a DTD (so no entity bomb and no external entity), anything that is not
    well-formed, and any root but <xml>.
    """
    try:
        root: Element = fromstring(document, forbid_dtd=True)
    except Exception as error:  # DTDForbidden, EntitiesForbidden, ParseError, bad encodings …
        raise Refused(400, f"not acceptable XML ({type(error).__name__})") from None
    if root.tag != "xml":
        raise Refused(400, "XML root is not <xml>")
    return {child.tag: child.text or "" for child in root}


def cdata_safe(text: str) -> str:
    """Text that survives wechatpy's CDATA sections in a passive reply: "]]>" split across two, XML-invalid
    characters dropped (an answer may quote what a user typed)."""
    kept = "".join(c for c in text if c in "\t\n\r" or c >= " ")
    return kept.replace("]]>", "]]]]><![CDATA[>")


def identifier(value: object, name: str) -> str:
    """A platform's id (message, chat, user): a non-empty string that fits the inbox's column as it is.
    The platforms' ids are plain ASCII, so one holding what must be escaped to be stored is forged."""
    if not isinstance(value, str) or not 0 < len(value) <= MAX_ID_LENGTH or storable(value) != value:
        raise Refused(400, f"{name} missing or malformed")
    return value


def private_message(
    channel: str,
    fields: Mapping[str, str],
    text: str,
    staff: Mapping[str, str],
    clock: Clock,
    msg_id: str | None = None,
) -> Message:
    """A message in a private chat with the bot (WeCom app, Official Account); staff by configuration only.

    Built from `parse_xml`'s fields, always text: wechatpy's attributes may be dicts or lists (nested or
    repeated elements) or raise when read (a MsgId that is no number). `msg_id` defaults to the MsgId."""
    user = identifier(fields.get("FromUserName"), "FromUserName")
    return Message(
        id=identifier(fields.get("MsgId") if msg_id is None else msg_id, "MsgId"),
        channel=channel,
        chat_id=user,
        chat_kind=ChatKind.PRIVATE,
        sender_id=user,
        sender_name=user,
        role=Role.STAFF if user in staff else Role.ENTERPRISE,
        text=text.strip(),
        mentions_bot=True,
        received_at=clock.now(),
    )


def refuse(log: logging.Logger, request: web.Request, refusal: Refused, channel: str) -> web.Response:
    # the reason and the peer only: never the token, the key, the query or the body
    log.warning(
        f"{channel} callback refused",
        extra={"reason": refusal.reason, "status": refusal.status, "peer": client_address(request)},
    )
    return web.Response(status=refusal.status)
