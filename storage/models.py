"""Tables. Every change here comes with an alembic revision in storage/migrations/versions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime

# A partial index's condition is its migration's alone (the schema is only ever made by the migrations):
# `postgresql_where` here would import SQLAlchemy's PostgreSQL dialect on every start (~50 ms).


class InboxRecord(SQLModel, table=True):
    """Every incoming message, recorded before it is handled: de-duplication and a durable trail."""

    __tablename__ = "inbox"
    __table_args__ = (
        UniqueConstraint("channel", "msg_id", name="uq_inbox_channel_msg"),
        Index("ix_inbox_received_at", "received_at"),
        Index("uq_inbox_channel_replay", "channel", "replay_key", unique=True),
        Index("ix_inbox_conversation", "channel", "chat_id", "sender_id", "id"),
        # partial: WHERE status = 'queued', as migration 0007 creates it
        Index("ix_inbox_queued", "channel", "chat_id", "sender_id", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=32)
    msg_id: str = Field(max_length=128)
    chat_id: str = Field(max_length=128)
    sender_id: str = Field(max_length=128)
    text: str
    received_at: datetime = Field(sa_type=UTCDateTime)
    # queued (waiting in its conversation's queue) | handled (its answers recorded in the outbox) | failed (a
    # handler raised; its apology recorded) | received (rows of earlier versions, handled as they arrived)
    status: str = Field(default="received", max_length=16)
    error: str | None = None
    # The rest of the message, so any worker can handle a message another worker received.
    chat_kind: str = Field(default="private", max_length=16)
    sender_name: str = Field(default="", max_length=128)
    role: str = Field(default="enterprise", max_length=16)
    mentions_bot: bool = True
    # What the channel's signature covered when it does not cover the body (the Official Account's plain
    # mode signs only the query): unique per channel, so a captured signed query is accepted once.
    replay_key: str | None = Field(default=None, max_length=64)
    # The worker (WorkerRecord) that recorded it and runs its turn; while it lives, its queued message is its own.
    claimed_by: int | None = None


class OutboxRecord(SQLModel, table=True):
    """One reply to an incoming message, recorded with the message's settlement before it is sent.

    status: pending (to be sent actively; whoever sends it holds it until lease_until) | passive (handed to
    the message's own callback response) | sent | failed (the platform refused it for good).
    """

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("channel", "msg_id", "seq", name="uq_outbox_message_seq"),
        Index("ix_outbox_pending", "lease_until"),  # partial: WHERE status = 'pending' (migration 0012)
    )

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=32)  # the message it answers: (channel, msg_id) of the inbox
    msg_id: str = Field(max_length=128)
    seq: int
    reply_channel: str = Field(max_length=32)
    chat_id: str = Field(max_length=128)
    recipient: str | None = Field(default=None, max_length=128)
    text: str
    file: str | None = None  # a file reply's path (Reply.file); its text is then empty
    status: str = Field(max_length=16)
    error: str | None = None
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    leased_to: int | None = None  # the worker (WorkerRecord) holding the lease: never taken from it alive


class WorkerRecord(SQLModel, table=True):
    """A process that served the database, once per start: its id marks the messages it claimed and the
    answers it leased. On PostgreSQL it holds a session advisory lock on that id while it lives, so another
    process can tell a dead holder's claims and leases (storage.repos.Liveness)."""

    __tablename__ = "worker"

    id: int | None = Field(default=None, primary_key=True)
    host: str = Field(max_length=255)
    pid: int
    started_at: datetime = Field(sa_type=UTCDateTime)


class DialogueRecord(SQLModel, table=True):
    """The active dialogue of one sender in one chat, saved after every turn."""

    __tablename__ = "dialogue"

    channel: str = Field(primary_key=True, max_length=32)
    chat_id: str = Field(primary_key=True, max_length=128)
    sender_id: str = Field(primary_key=True, max_length=128)
    flow: str = Field(max_length=64)
    step: str = Field(max_length=64)
    answers: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    updated_at: datetime = Field(sa_type=UTCDateTime)


class PausedDialogueRecord(SQLModel, table=True):
    """A dialogue left idle (暂停的对话): kept, one per flow, until its owner resumes it or the keep days pass."""

    __tablename__ = "paused_dialogue"

    channel: str = Field(primary_key=True, max_length=32)
    chat_id: str = Field(primary_key=True, max_length=128)
    sender_id: str = Field(primary_key=True, max_length=128)
    flow: str = Field(primary_key=True, max_length=64)
    step: str = Field(max_length=64)
    answers: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    updated_at: datetime = Field(
        sa_type=UTCDateTime, index=True
    )  # its last answer: the keep days count from it


class GroupBinding(SQLModel, table=True):
    """A group bound by county staff to a county and an audience (企业群 or 分局群): who gets reminders."""

    __tablename__ = "groups"

    channel: str = Field(primary_key=True, max_length=32)
    chat_id: str = Field(primary_key=True, max_length=128)
    county: str = Field(max_length=32, index=True)
    audience: str = Field(max_length=16)  # enterprise | county_branch
    bound_by: str = Field(max_length=128)
    bound_at: datetime = Field(sa_type=UTCDateTime)
    # The key of the group robot (群机器人) its pushes go through, set with /机器人; a secret like a password.
    robot_key: str | None = Field(default=None, max_length=128)


class DeliveryRecord(SQLModel, table=True):
    """One push to one chat, claimed under a unique key before it is sent: the exactly-once ledger.

    status: sending (claimed; still in flight, or the process stopped mid-send) | sent | failed |
    missed (due while the bot was down, deadline already passed) | superseded (a later reminder of the
    same deadline was sent instead).
    """

    __tablename__ = "deliveries"
    __table_args__ = (UniqueConstraint("key", "channel", "chat_id", name="uq_deliveries_key_chat"),)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=200)
    channel: str = Field(max_length=32)
    chat_id: str = Field(max_length=128)
    label: str = Field(max_length=200)
    status: str = Field(max_length=16, index=True)
    attempts: int = 0
    error: str | None = None
    claimed_at: datetime = Field(sa_type=UTCDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Announcement(SQLModel, table=True):
    """A staff member's ad-hoc reminder (提醒, sent at due_at) or broadcast (广播, sent on confirmation).

    The target is one chat (channel, chat_id), one county's groups (county), or every bound group.
    status: scheduled | sending | done | missed | cancelled.
    """

    __tablename__ = "announcements"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)  # reminder | broadcast
    text: str
    target_channel: str | None = Field(default=None, max_length=32)
    target_chat_id: str | None = Field(default=None, max_length=128)
    county: str | None = Field(default=None, max_length=32)
    due_at: datetime = Field(sa_type=UTCDateTime, index=True)
    status: str = Field(max_length=16, index=True)
    created_by: str = Field(max_length=128)
    created_by_name: str = Field(max_length=128)
    created_at: datetime = Field(sa_type=UTCDateTime)


class _DraftColumns(SQLModel):
    """One row of the application list (申请名单) as an enterprise confirmed it."""

    credit_code: str = Field(max_length=18)
    version: int = 1
    county: str = Field(max_length=32, index=True)
    enterprise_name: str = Field(max_length=200)
    industries: str = Field(max_length=500)  # 行业类别, several joined by "、"
    in_industrial_park: bool
    self_grade: str = Field(max_length=8)
    intended_grade: str = Field(max_length=16)
    short_board: str  # 短板指标
    contact_name: str = Field(max_length=64)
    contact_phone: str = Field(max_length=16)
    submitted_at: datetime = Field(sa_type=UTCDateTime)
    channel: str = Field(max_length=32)
    chat_id: str = Field(max_length=128)
    sender_id: str = Field(max_length=128)
    # The person on `channel` who may replace the draft: whoever created it, or whom county staff handed it
    # to (/转交). Set by DraftRepository, never by the submitter.
    owner_id: str = Field(default="", max_length=128)
    # sa_type, not sa_column: a Column object cannot be shared by the two tables
    answers: dict[str, Any] = Field(default_factory=dict, sa_type=JSON, nullable=False)


class DraftRecord(_DraftColumns, table=True):
    """The current draft of one enterprise, keyed by its unified social credit code."""

    __tablename__ = "application_draft"

    credit_code: str = Field(primary_key=True, max_length=18)


class DraftHistoryRecord(_DraftColumns, table=True):
    """A draft that a newer assessment of the same enterprise replaced."""

    __tablename__ = "application_draft_history"

    id: int | None = Field(default=None, primary_key=True)
    credit_code: str = Field(max_length=18, index=True)
    replaced_at: datetime = Field(sa_type=UTCDateTime)


class AccessTokenRecord(SQLModel, table=True):
    """A platform API's access token, shared by every worker (one fetch serves all until it expires).

    refreshing_until: a worker fetching a new token holds this lease; the others wait for its result, so a
    platform that revokes the previous token on every fetch (the Official Account) is not made to flap.
    """

    __tablename__ = "access_tokens"

    name: str = Field(primary_key=True, max_length=128)
    token: str = ""
    expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    refreshing_until: datetime | None = Field(default=None, sa_type=UTCDateTime)


class StaffLinkRecord(SQLModel, table=True):
    """A one-time sign-in link to the staff workspace (工作台), sent by /后台 or with a download.

    Only the token's SHA-256 is stored: the database alone cannot sign anyone in. `target` is the page it
    opens; what the session may see follows from BOT_STAFF on every request, as for the chat commands.
    """

    __tablename__ = "staff_links"

    token_hash: str = Field(primary_key=True, max_length=64)
    staff_id: str = Field(max_length=128)
    staff_name: str = Field(max_length=128)
    target: str = Field(max_length=500)
    created_at: datetime = Field(sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
