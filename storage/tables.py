"""The tables, as SQLAlchemy Core declares them. Every change here comes with an alembic revision in
storage/migrations/versions; storage.models holds the rows the repositories hand out, a dataclass per table."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, Index, Integer, MetaData, String, Table, Text, UniqueConstraint

from storage.types import UTCDateTime

metadata = MetaData()

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
    Index("uq_inbox_channel_replay", "channel", "replay_key", unique=True),
    Index("ix_inbox_conversation", "channel", "chat_id", "sender_id", "id"),
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


def _dialogue_columns() -> list[Column[object]]:
    return [
        Column("channel", String(32), primary_key=True),
        Column("chat_id", String(128), primary_key=True),
        Column("sender_id", String(128), primary_key=True),
    ]


dialogue = Table(
    "dialogue",
    metadata,
    *_dialogue_columns(),
    Column("flow", String(64), nullable=False),
    Column("step", String(64), nullable=False),
    Column("answers", JSON, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

paused_dialogue = Table(
    "paused_dialogue",
    metadata,
    *_dialogue_columns(),
    Column("flow", String(64), primary_key=True),
    Column("step", String(64), nullable=False),
    Column("answers", JSON, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False, index=True),  # the keep days count from it
)

groups = Table(
    "groups",
    metadata,
    Column("channel", String(32), primary_key=True),
    Column("chat_id", String(128), primary_key=True),
    Column("county", String(32), nullable=False, index=True),
    Column("audience", String(16), nullable=False),
    Column("bound_by", String(128), nullable=False),
    Column("bound_at", UTCDateTime, nullable=False),
    Column("robot_key", String(128)),
)

deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(200), nullable=False),
    Column("channel", String(32), nullable=False),
    Column("chat_id", String(128), nullable=False),
    Column("label", String(200), nullable=False),
    Column("status", String(16), nullable=False, index=True),
    Column("attempts", Integer, nullable=False),
    Column("error", Text),
    Column("claimed_at", UTCDateTime, nullable=False),
    Column("finished_at", UTCDateTime),
    UniqueConstraint("key", "channel", "chat_id", name="uq_deliveries_key_chat"),
)

announcements = Table(
    "announcements",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("target_channel", String(32)),
    Column("target_chat_id", String(128)),
    Column("county", String(32)),
    Column("due_at", UTCDateTime, nullable=False, index=True),
    Column("status", String(16), nullable=False, index=True),
    Column("created_by", String(128), nullable=False),
    Column("created_by_name", String(128), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)


def _draft_columns() -> list[Column[object]]:
    """The columns a current draft and a replaced one share (a Column belongs to one table)."""
    return [
        Column("version", Integer, nullable=False),
        Column("county", String(32), nullable=False, index=True),
        Column("enterprise_name", String(200), nullable=False),
        Column("industries", String(500), nullable=False),
        Column("in_industrial_park", Boolean, nullable=False),
        Column("self_grade", String(8), nullable=False),
        Column("intended_grade", String(16), nullable=False),
        Column("short_board", Text, nullable=False),
        Column("contact_name", String(64), nullable=False),
        Column("contact_phone", String(16), nullable=False),
        Column("submitted_at", UTCDateTime, nullable=False),
        Column("channel", String(32), nullable=False),
        Column("chat_id", String(128), nullable=False),
        Column("sender_id", String(128), nullable=False),
        Column("owner_id", String(128), nullable=False),
        Column("answers", JSON, nullable=False),
    ]


application_draft = Table(
    "application_draft",
    metadata,
    Column("credit_code", String(18), primary_key=True),
    *_draft_columns(),
)

application_draft_history = Table(
    "application_draft_history",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("credit_code", String(18), nullable=False, index=True),
    *_draft_columns(),
    Column("replaced_at", UTCDateTime, nullable=False),
)

# A platform API's access token, shared by every worker (one fetch serves all until it expires).
# refreshing_until: a worker fetching a new token holds this lease; the others wait for its result, so a
# platform that revokes the previous token on every fetch (the Official Account) is not made to flap.
access_tokens = Table(
    "access_tokens",
    metadata,
    Column("name", String(128), primary_key=True),
    Column("token", Text, nullable=False),
    Column("expires_at", UTCDateTime),
    Column("refreshing_until", UTCDateTime),
)

staff_links = Table(
    "staff_links",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("staff_id", String(128), nullable=False),
    Column("staff_name", String(128), nullable=False),
    Column("target", String(500), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Column("used_at", UTCDateTime),
)
