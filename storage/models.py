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
