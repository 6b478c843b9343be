"""The tables every message reads and writes (the inbox, its answers, the workers, the active dialogue),
declared in SQLAlchemy Core: the message path runs on them without the ORM, so a start builds no SQLModel class
before its first answer (storage.models, on first use). Every change here comes with an alembic revision in
storage/migrations/versions."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, Index, Integer, MetaData, String, Table, Text, UniqueConstraint

from storage.types import UTCDateTime

metadata = MetaData()  # beside SQLModel's (storage.models): both are the migrations' target

# A partial index's condition is its migration's alone (the schema is only ever made by the migrations):
# `postgresql_where` here would import SQLAlchemy's PostgreSQL dialect on every start (~50 ms).

inbox = Table(
    "inbox",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("channel", String(32), nullable=False),
    Column("msg_id", String(128), nullable=False),
    Column("chat_id", String(128), nullable=False),
    Column("sender_id", String(128), nullable=False),
    Column("text", Text, nullable=False),
    Column("received_at", UTCDateTime, nullable=False),
    Column("status", String(16), nullable=False),
    Column("error", Text),
    Column("chat_kind", String(16), nullable=False),
    Column("sender_name", String(128), nullable=False),
    Column("role", String(16), nullable=False),
    Column("mentions_bot", Boolean, nullable=False),
    Column("replay_key", String(64)),
    Column("claimed_by", Integer),
    UniqueConstraint("channel", "msg_id", name="uq_inbox_channel_msg"),
    Index("ix_inbox_received_at", "received_at"),
    # partial: WHERE replay_key IS NOT NULL (migration 0014)
    Index("uq_inbox_channel_replay", "channel", "replay_key", unique=True),
    # partial: WHERE chat_kind = 'private' (migration 0014), for the latest message of a private chat
    Index("ix_inbox_private", "channel", "sender_id", "id"),
    # partial: WHERE status = 'queued', as migration 0007 creates it
    Index("ix_inbox_queued", "channel", "chat_id", "sender_id", "id"),
)

# One reply to an incoming message, recorded with the message's settlement before it is sent. status: pending
# (to be sent actively; whoever sends it holds it until lease_until) | passive (handed to the message's own
# callback response) | sent | failed (the platform refused it for good).
outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("channel", String(32), nullable=False),  # the message it answers: (channel, msg_id) of the inbox
    Column("msg_id", String(128), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("reply_channel", String(32), nullable=False),
    Column("chat_id", String(128), nullable=False),
    Column("recipient", String(128)),
    Column("text", Text, nullable=False),
    Column("file", Text),  # a file reply's path (Reply.file); its text is then empty
    Column("status", String(16), nullable=False),
    Column("error", Text),
    Column("lease_until", UTCDateTime),
    Column("leased_to", Integer),  # the worker holding the lease: never taken from it alive
    UniqueConstraint("channel", "msg_id", "seq", name="uq_outbox_message_seq"),
    Index("ix_outbox_pending", "lease_until"),  # partial: WHERE status = 'pending' (migration 0012)
    Index("ix_outbox_sending", "lease_until"),  # partial: WHERE status = 'sending' (migration 0016)
)

# A process that served the database, once per start: its id marks the messages it claimed and the answers
# it leased. On PostgreSQL it holds a session advisory lock on that id while it lives, so another process can
# tell a dead holder's claims and leases (storage.repos.Liveness).
worker = Table(
    "worker",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("host", String(255), nullable=False),
    Column("pid", Integer, nullable=False),
    Column("started_at", UTCDateTime, nullable=False),
)


dialogue = Table(
    "dialogue",
    metadata,
    Column("channel", String(32), primary_key=True),
    Column("chat_id", String(128), primary_key=True),
    Column("sender_id", String(128), primary_key=True),
    Column("flow", String(64), nullable=False),
    Column("step", String(64), nullable=False),
    Column("answers", JSON, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)
