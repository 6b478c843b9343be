"""The outbound sender port: handlers return replies, the composition root sends them here."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Protocol

from bot.message import Reply


class Failure(StrEnum):
    """Why a send failed, as a kind: knowledge/templates/_send_failure.j2 words each for the staff."""

    TIMEOUT = "timeout"  # the platform did not answer in time
    UNREACHABLE = "unreachable"  # no connection
    CUT_OFF = "cut_off"  # the answer broke off
    BUSY = "busy"  # errcode -1
    RATE_LIMITED = "rate_limited"  # errcode 45009
    SERVER_ERROR = "server_error"  # HTTP 5xx
    HTTP_REFUSED = "http_refused"  # another HTTP status than 200
    NOT_JSON = "not_json"
    NOT_OBJECT = "not_object"  # JSON, but not an object
    REFUSED = "refused"  # an errcode without a kind of its own; errmsg says what the platform said
    BAD_RECIPIENT = "bad_recipient"  # 40003
    MP_WINDOW_CLOSED = "mp_window_closed"  # 45015: no word from the user for 48 hours
    MP_QUOTA = "mp_quota"  # 45047: five customer-service messages per message received
    UNTRUSTED_IP = "untrusted_ip"  # 60020
    NOT_VISIBLE = "not_visible"  # 81013
    SKIPPED_USER = "skipped_user"  # errcode 0, but the addressee named in invaliduser / unlicenseduser
    ROBOT_KEY_INVALID = "robot_key_invalid"  # 93000
    TOO_LONG = "too_long"  # 40058
    WRONG_MSGTYPE = "wrong_msgtype"  # 40008
    FILE_SIZE = "file_size"  # 40006, or found before uploading (errmsg: the size): a file outside 6 B – 20 MB
    NO_MEDIA_ID = "no_media_id"  # an upload accepted without a media_id
    FILE_UNREADABLE = "file_unreadable"  # the file to upload could not be read; errmsg names the error
    TOKEN_STUCK = "token_stuck"  # another process held the token lease throughout
    MP_NOT_HEARD = "mp_not_heard"  # checked before sending: the user's last message is 48 hours old
    NO_ROUTE = "no_route"  # the channel cannot start a message and the chat has no group robot
    REPLY_UNREACHABLE = "reply_unreachable"  # the AI bot's response_url took no connection
    REPLY_REFUSED = "reply_refused"  # the AI bot's response_url refused the reply
    REPLY_EXPIRED = "reply_expired"  # the AI bot has no response_url left for this chat
    BOT_ERROR = "bot_error"  # our own sending code raised (logged)
    INTERRUPTED = "interrupted"  # the process stopped during the send: it may have arrived; not sent again
    RECORDED = "recorded"  # a reason stored as text by an earlier version; errmsg holds it


@dataclass(frozen=True)
class SendFailure:
    """A failed send: its kind and the particulars the wording names. `platform` is who refused
    ("wecom", "mp", "wecom_robot"; the channel for NO_ROUTE); `token` marks a failure while fetching the
    access token; `attempts` counts the tries when retries gave up."""

    kind: Failure
    platform: str = ""
    status: int | None = None
    errcode: int | None = None
    errmsg: str = ""
    token: bool = False
    attempts: int = 0

    def encode(self) -> str:
        """For the delivery ledger: the fields that differ from their defaults, as a JSON object."""
        values = {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) != f.default}
        return json.dumps(values, ensure_ascii=False)  # the kind has no default: always there

    @classmethod
    def decode(cls, stored: str) -> SendFailure:
        try:
            fields = json.loads(stored)
            return cls(**{**fields, "kind": Failure(fields["kind"])})
        except (ValueError, TypeError, KeyError):  # a reason an earlier version stored as a sentence
            return cls(Failure.RECORDED, errmsg=stored)


class SendError(Exception):
    """The platform refused the message for good (bad address, too long, not allowed): do not retry.

    `failure` says why, for the staff's failure list.
    """

    def __init__(self, failure: SendFailure) -> None:
        super().__init__(failure.kind.value)
        self.failure = failure


class NoRoute(SendError):
    """This outbox has no way to the chat (a channel that cannot start a message, a way back used up)."""


class TransientSendError(SendError):
    """The platform may accept the same message later (rate limited, busy, 5xx, timeout): retry it."""


class Outbox(Protocol):
    async def send(self, reply: Reply) -> None:
        """Send one message; raise SendError or TransientSendError when the platform does not take it."""
        ...


class RecordingOutbox:
    """Keeps what was sent, for tests."""

    def __init__(self) -> None:
        self.sent: list[Reply] = []

    async def send(self, reply: Reply) -> None:
        self.sent.append(reply)

    def take(self) -> list[Reply]:
        sent, self.sent = self.sent, []
        return sent


class RoutingOutbox:
    """Sends each reply through the outbox of its channel; a channel without one goes to `fallback`, or
    cannot start a message."""

    def __init__(self, routes: Mapping[str, Outbox], fallback: Outbox | None = None) -> None:
        self._routes = dict(routes)
        self._fallback = fallback

    async def send(self, reply: Reply) -> None:
        outbox = self._routes.get(reply.channel, self._fallback)
        if outbox is None:
            raise NoRoute(SendFailure(Failure.NO_ROUTE, platform=reply.channel))
        await outbox.send(reply)
