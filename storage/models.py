"""Tables. Every change here comes with an alembic revision in storage/migrations/versions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


class InboxRecord(SQLModel, table=True):
    """Every incoming message, recorded before it is handled: de-duplication and a durable trail."""

    __tablename__ = "inbox"
    __table_args__ = (UniqueConstraint("channel", "msg_id", name="uq_inbox_channel_msg"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=32)
    msg_id: str = Field(max_length=128)
    chat_id: str = Field(max_length=128)
    sender_id: str = Field(max_length=128)
    text: str
    received_at: datetime = Field(sa_type=UTCDateTime)
    status: str = Field(default="received", max_length=16)  # received | failed
    error: str | None = None


class DialogueRecord(SQLModel, table=True):
    """The active dialogue of one sender in one chat, saved after every turn."""

    __tablename__ = "dialogue"

    channel: str = Field(primary_key=True, max_length=32)
    chat_id: str = Field(primary_key=True, max_length=128)
    sender_id: str = Field(primary_key=True, max_length=128)
    flow: str = Field(max_length=64)
    step: str = Field(max_length=64)
    answers: dict[str, object] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    updated_at: datetime = Field(sa_type=UTCDateTime)


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
    # sa_type, not sa_column: a Column object cannot be shared by the two tables
    answers: dict[str, object] = Field(default_factory=dict, sa_type=JSON, nullable=False)


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
