"""The inbox port: messages recorded before they are handled, and each answer recorded before it is sent.

The runtime (bot.runtime) speaks to the store through `Inbox`, which storage.repos.InboxRepository implements;
the rows cross as the plain values below (each knows its columns through `row()`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from bot.message import ChatKind, Message, Reply, Role

log = logging.getLogger("bot.inbox")

Conversation = tuple[str, str, str]  # (channel, chat, sender): its messages are handled in order
# The values below are made for each message and read once by the write: plain slotted dataclasses, not frozen ones,
# whose __init__ sets each field through object.__setattr__ (~2k instructions a field; an InboxEntry was ~22k).


@dataclass(slots=True)
class InboxEntry:
    """An incoming message as the inbox records it: all of it, so any worker can handle it."""

    channel: str
    msg_id: str
    chat_id: str
    sender_id: str
    text: str
    received_at: datetime
    chat_kind: str = "private"
    sender_name: str = ""
    role: str = "enterprise"
    mentions_bot: bool = True
    status: str = "queued"  # waits in its conversation's queue until handled (or failed)
    replay_key: str | None = None  # unique per channel when given: a second message under it is a redelivery

    @classmethod
    def of(cls, msg: Message, replay_key: str | None = None) -> InboxEntry:
        return cls(
            msg.channel,
            msg.id,
            msg.chat_id,
            msg.sender_id,
            msg.text,
            msg.received_at,
            # the members' values as plain str, in C: an enum's `.value` is two calls in Python
            chat_kind=str(msg.chat_kind),
            sender_name=msg.sender_name,
            role=str(msg.role),
            mentions_bot=msg.mentions_bot,
            replay_key=replay_key,
        )

    def message(self) -> Message:
        return Message(
            id=self.msg_id,
            channel=self.channel,
            chat_id=self.chat_id,
            chat_kind=ChatKind(self.chat_kind),
            sender_id=self.sender_id,
            sender_name=self.sender_name,
            role=Role(self.role),
            text=self.text,
            mentions_bot=self.mentions_bot,
            received_at=self.received_at,
        )

    def row(self) -> dict[str, object]:
        return {
            "channel": self.channel,
            "msg_id": self.msg_id,
            "chat_id": self.chat_id,
            "sender_id": self.sender_id,
            "text": self.text,
            "received_at": self.received_at,
            "status": self.status,
            "chat_kind": self.chat_kind,
            "sender_name": self.sender_name[:128],
            "role": self.role,
            "mentions_bot": self.mentions_bot,
            "replay_key": self.replay_key,
        }


# What became of a recorded answer: pending (to be sent actively; a sender takes it), passive (handed to the
# callback of its message, which returns it in its response), sending (its send began on a channel with no
# duplicate check: a crash leaves it so, and it is never sent again), sent, or failed (the platform refused
# it, or a send a crash cut off).
PENDING, PASSIVE, SENDING, SENT, FAILED = "pending", "passive", "sending", "sent", "failed"


@dataclass(slots=True)
class RecordedAnswer:
    """One reply to a message, as the outbox records it: `seq` orders the message's replies."""

    channel: str
    msg_id: str
    seq: int
    reply: Reply
    status: str = PENDING
    lease_until: datetime | None = None  # a pending answer: whoever sends it holds it until then

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> RecordedAnswer:
        file = Path(row["file"]) if row["file"] is not None else None
        reply = Reply(row["reply_channel"], row["chat_id"], row["text"], row["recipient"], file)
        return cls(row["channel"], row["msg_id"], row["seq"], reply, row["status"], row["lease_until"])

    def row(self) -> dict[str, object]:
        return {
            "channel": self.channel,
            "msg_id": self.msg_id,
            "seq": self.seq,
            "reply_channel": self.reply.channel,
            "chat_id": self.reply.chat_id,
            "recipient": self.reply.to,
            "text": self.reply.text,
            "file": str(self.reply.file) if self.reply.file is not None else None,
            "status": self.status,
            "lease_until": self.lease_until,
        }


@dataclass(slots=True)
class Settlement:
    """A queued message leaving its queue, handled (or failed: `error` says why), with its answers: one
    transaction, so an answer is never lost between the two."""

    channel: str
    msg_id: str
    error: str | None = None
    answers: tuple[RecordedAnswer, ...] = ()

    def row(self) -> dict[str, object]:
        return {
            "row_channel": self.channel,
            "row_msg_id": self.msg_id,
            "new_status": "handled" if self.error is None else "failed",
            "new_error": None if self.error is None else self.error[:2000],
        }


@dataclass(slots=True)
class SendResult:
    """An answer that left (SENT), that the platform refused for good (FAILED), or whose send begins where a
    duplicate is worse than a loss (SENDING)."""

    channel: str
    msg_id: str
    seq: int
    status: str
    error: str | None = None

    def row(self) -> dict[str, object]:
        return {
            "row_channel": self.channel,
            "row_msg_id": self.msg_id,
            "row_seq": self.seq,
            "new_status": self.status,
            "new_error": None if self.error is None else self.error[:2000],
        }


class HeldConversation(Protocol):
    """One conversation's queue, held by this process until `release`: nobody else handles it meanwhile."""

    def queued(self, limit: int = 20) -> Sequence[Mapping[str, Any]]:
        """Its messages still waiting (InboxEntry's fields), oldest first."""
        ...

    def release(self) -> None: ...


class Inbox(Protocol):
    """The store behind the inbox (storage.repos.InboxRepository)."""

    @property
    def shared(self) -> bool:
        """Several processes may serve the database (PostgreSQL): the queue is read from it."""
        ...

    def write(
        self,
        entries: Sequence[InboxEntry],
        settled: Sequence[Settlement] = (),
        sent: Sequence[SendResult] = (),
    ) -> list[bool]:
        """One transaction: record `entries` (True for each this call recorded, False for a redelivery), settle
        handled messages with their answers, and mark answers sent."""
        ...

    def take_conversation(self, channel: str, chat_id: str, sender_id: str) -> HeldConversation | None: ...

    def stalled(self, received_before: datetime, limit: int = 100) -> list[Conversation]:
        """Conversations whose turn may never come: with a message claimed by a process no longer alive, or
        queued since before `received_before`."""
        ...

    def state(self, channel: str, msg_id: str) -> tuple[str, Sequence[Mapping[str, Any]]] | None:
        """A recorded message's inbox status and its recorded answers (RecordedAnswer's fields), or None."""
        ...

    def take_unsent(
        self,
        now: datetime,
        lease_until: datetime,
        limit: int = 100,
        message: tuple[str, str] | None = None,
    ) -> Sequence[Mapping[str, Any]]:
        """Pending answers (of one `message`, or of any) whose holder is no longer alive or whose lease ran out,
        each leased to this process until `lease_until` (a row another process took meanwhile is left to it)."""
        ...

    def give_up_cut_off(self, now: datetime, error: str) -> Sequence[Mapping[str, Any]]:
        """Answers left SENDING by a holder no longer alive or whose lease ran out: marked FAILED with `error`
        (they may have arrived), and returned (RecordedAnswer's fields) to be logged."""
        ...

    def close(self) -> None:
        """This process serves no more: what it claimed or leased is free for the others at once."""
        ...

    def forget_before(self, cutoff: datetime) -> int:
        """Delete messages handled before `cutoff` with their answers, unless an answer is still pending."""
        ...


class InboxWrites:
    """Records messages in the inbox, settles them with their answers, and marks answers sent; what arrives in
    three turns of the event loop goes in one transaction (a group commit).

    Under load several callbacks arrive at once, and one transaction for all of them costs little more than
    one for a single message: the commit and the per-statement overhead, not the row, are what cost
    (performance notes). The later turns add the writes of the tasks the first one woke (callbacks whose
    last write just committed, requests just read): with two turns, once the request path had lost its
    middleware's coroutines, concurrency 10 made 35 % more transactions (1,084 against 800 for 8,000 requests,
    bench_wecom_bot.py --profile) and cost more CPU per request than before; on an idle loop it comes at once.
    """

    def __init__(self, inbox: Inbox) -> None:
        self._inbox = inbox
        self._claims: list[tuple[InboxEntry, asyncio.Future[bool]]] = []
        self._settles: list[tuple[Settlement, asyncio.Future[None]]] = []
        self._sent: list[tuple[SendResult, asyncio.Future[None]]] = []
        # the loop of the coming transaction's writes, asked for once per transaction: on Python 3.11 each
        # asyncio.get_running_loop() is a getpid() system call
        self._loop: asyncio.AbstractEventLoop | None = None

    async def claim(self, msg: Message, replay_key: str | None = None) -> bool:
        """False if the message (or its `replay_key`) was recorded before: a redelivery."""
        claimed: asyncio.Future[bool] = self._write_soon()
        self._claims.append((InboxEntry.of(msg, replay_key), claimed))
        return await claimed

    async def settle(self, settlement: Settlement) -> None:
        settled: asyncio.Future[None] = self._write_soon()
        self._settles.append((settlement, settled))
        await settled

    async def sent(self, result: SendResult) -> None:
        marked: asyncio.Future[None] = self._write_soon()
        self._sent.append((result, marked))
        await marked

    def _write_soon(self) -> asyncio.Future[Any]:
        """A future for one more write of the coming transaction."""
        if self._loop is None:  # the transaction's first write
            self._loop = loop = asyncio.get_running_loop()
            # after the writes due in this turn and the next two
            loop.call_soon(loop.call_soon, loop.call_soon, self._write)
        return self._loop.create_future()

    def _write(self) -> None:
        self._loop = None
        claims, self._claims = self._claims, []
        settles, self._settles = self._settles, []
        sent, self._sent = self._sent, []
        try:
            recorded = self._inbox.write(
                [entry for entry, _ in claims], [s for s, _ in settles], [r for r, _ in sent]
            )
        except Exception as error:
            if len(claims) + len(settles) + len(sent) > 1:
                self._write_one_by_one(claims, settles, sent)  # one bad row must not cost the others theirs
                return
            futures: list[asyncio.Future[Any]] = [f for _, f in claims] + [f for _, f in settles]
            for future in futures + [f for _, f in sent]:
                _resolve(future, error=error)
            return
        for (_, claimed), new in zip(claims, recorded, strict=True):
            _resolve(claimed, new)
        for done in [f for _, f in settles] + [f for _, f in sent]:
            _resolve(done, None)

    def _write_one_by_one(
        self,
        claims: list[tuple[InboxEntry, asyncio.Future[bool]]],
        settles: list[tuple[Settlement, asyncio.Future[None]]],
        sent: list[tuple[SendResult, asyncio.Future[None]]],
    ) -> None:
        """After a failed group commit: each write in a transaction of its own, each failing alone."""
        for entry, claimed in claims:
            try:
                _resolve(claimed, self._inbox.write([entry])[0])
            except Exception as error:
                _resolve(claimed, error=error)
        for settlement, settled in settles:
            self._one(settled, settled=[settlement])
        for result, marked in sent:
            self._one(marked, sent=[result])

    def _one(
        self,
        future: asyncio.Future[None],
        settled: Sequence[Settlement] = (),
        sent: Sequence[SendResult] = (),
    ) -> None:
        try:
            self._inbox.write([], settled, sent)
        except Exception as error:
            _resolve(future, error=error)
        else:
            _resolve(future, None)


def _resolve(future: asyncio.Future[Any], result: Any = None, error: Exception | None = None) -> None:
    # a future may be done already: its handler was cancelled meanwhile
    if future.done():
        return
    if error is None:
        future.set_result(result)
    else:
        future.set_exception(error)
