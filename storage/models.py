"""The tables as SQLModel classes, the storage models the repositories hand out. Built on first use
(storage.lazy): SQLAlchemy's ORM, the pydantic models and their mappers cost ~0.2 s that a start's first
answer does not need. Every change here comes with an alembic revision in storage/migrations/versions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlalchemy.orm import configure_mappers
from sqlmodel import Field, SQLModel
from sqlmodel import Session as Session  # for the repositories, which reach this module through storage.lazy
from sqlmodel import col as col

from storage import tables
from storage.types import UTCDateTime

_INBOX = tables.inbox.c
_DIALOGUE = tables.dialogue.c


class InboxRecord(SQLModel, table=True):
    """Every incoming message, recorded before it is handled: de-duplication and a durable trail. Its table is
    the message path's (storage.tables)."""

    __table__ = tables.inbox

    id: int | None = Field(default=None, sa_column=_INBOX.id)
    channel: str = Field(sa_column=_INBOX.channel)
    msg_id: str = Field(sa_column=_INBOX.msg_id)
    chat_id: str = Field(sa_column=_INBOX.chat_id)
    sender_id: str = Field(sa_column=_INBOX.sender_id)
    text: str = Field(sa_column=_INBOX.text)
    received_at: datetime = Field(sa_column=_INBOX.received_at)
    # queued (waiting in its conversation's queue) | handled (its answers recorded in the outbox) | failed (a
    # handler raised; its apology recorded) | received (rows of earlier versions, handled as they arrived)
    status: str = Field(default="received", sa_column=_INBOX.status)
    error: str | None = Field(default=None, sa_column=_INBOX.error)
    # The rest of the message, so any worker can handle a message another worker received.
    chat_kind: str = Field(default="private", sa_column=_INBOX.chat_kind)
    sender_name: str = Field(default="", sa_column=_INBOX.sender_name)
    role: str = Field(default="enterprise", sa_column=_INBOX.role)
    mentions_bot: bool = Field(default=True, sa_column=_INBOX.mentions_bot)
    # What the channel's signature covered when it does not cover the body (the Official Account's plain
    # mode signs only the query): unique per channel, so a captured signed query is accepted once.
    replay_key: str | None = Field(default=None, sa_column=_INBOX.replay_key)
    # The worker (storage.tables.worker) that recorded it and runs its turn; while it lives, its queued
    # message is its own.
    claimed_by: int | None = Field(default=None, sa_column=_INBOX.claimed_by)


class DialogueRecord(SQLModel, table=True):
    """The active dialogue of one sender in one chat, saved after every turn. Its table is the message
    path's (storage.tables)."""

    __table__ = tables.dialogue

    channel: str = Field(sa_column=_DIALOGUE.channel)
    chat_id: str = Field(sa_column=_DIALOGUE.chat_id)
    sender_id: str = Field(sa_column=_DIALOGUE.sender_id)
    flow: str = Field(sa_column=_DIALOGUE.flow)
    step: str = Field(sa_column=_DIALOGUE.step)
    answers: dict[str, Any] = Field(default_factory=dict, sa_column=_DIALOGUE.answers)
    updated_at: datetime = Field(sa_column=_DIALOGUE.updated_at)


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
    same deadline was sent instead) | no_groups (a county's reminder fell due while the county had no bound
    group: one row for the county, chat_id its name and channel empty).
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
    status: scheduled | sending | done | missed | cancelled | no_groups (due while its county had no bound group).
    """

    __tablename__ = "announcements"
    __table_args__ = (Index("ux_announcements_kind_number", "kind", "number", unique=True),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)  # reminder | broadcast
    # what staff see and type (提醒#2, /取消提醒 2): counted within its kind, so a broadcast takes no reminder's
    number: int | None = Field(default=None)
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


# Configured as part of the import (storage.lazy): a record built with model_construct (every dialogue read)
# fails until the mappers are ('NoneType' object has no attribute 'supports_population').
configure_mappers()
