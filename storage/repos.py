"""Repositories: one per aggregate, methods named by intent, one short transaction per call."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import Engine, Insert, Table, delete, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from storage.models import DialogueRecord, InboxRecord


def insert_ignoring_duplicates(engine: Engine, table: type, values: dict[str, object]) -> bool:
    """Insert a row unless its unique key exists; True if this call inserted it.

    Core, not an ORM session: it runs once per incoming message (see the performance notes).
    """
    statement = _insert_ignoring_duplicates(table.__table__, engine.dialect.name)  # type: ignore[attr-defined]
    with engine.begin() as connection:
        # RETURNING, not rowcount: psycopg reports no rowcount for an insert that returns rows
        return connection.execute(statement, values).first() is not None


@cache
def _insert_ignoring_duplicates(table: Table, dialect_name: str) -> Insert:
    """Built once per table: on the Core table, not the ORM class, and with the values bound at execution,
    an insert per message skips the ORM's statement building and cache-key work, which took half the
    AI-bot callback's time (bench/bench_wecom_bot.py)."""
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    return dialect.insert(table).on_conflict_do_nothing().returning(*table.primary_key.columns)


@dataclass(frozen=True, slots=True)
class InboxEntry:
    """An incoming message as the inbox records it."""

    channel: str
    msg_id: str
    chat_id: str
    sender_id: str
    text: str
    received_at: datetime

    def row(self) -> dict[str, object]:
        return {
            "channel": self.channel,
            "msg_id": self.msg_id,
            "chat_id": self.chat_id,
            "sender_id": self.sender_id,
            "text": self.text,
            "received_at": self.received_at,
            "status": "received",
        }


@cache
def _insert_new_messages(table: Table, dialect_name: str) -> Insert:
    """Built once, like the insert above; RETURNING names the messages this insert recorded."""
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    return dialect.insert(table).on_conflict_do_nothing().returning(table.c.channel, table.c.msg_id)


class InboxRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def claim_many(self, entries: Sequence[InboxEntry]) -> list[bool]:
        """Record several messages in one transaction before they are handled (a group commit).

        For each entry: True if this call recorded it, False if it was recorded before (a redelivery),
        including by an earlier entry of the same call.
        """
        first: dict[tuple[str, str], int] = {}
        for index, entry in enumerate(entries):
            first.setdefault((entry.channel, entry.msg_id), index)
        # in key order: concurrent batches from several workers then lock rows in the same order (no deadlock)
        rows = [entries[first[key]].row() for key in sorted(first)]
        statement = _insert_new_messages(InboxRecord.__table__, self._engine.dialect.name)  # type: ignore[attr-defined]
        with self._engine.begin() as connection:
            recorded = {(row.channel, row.msg_id) for row in connection.execute(statement, rows)}
        return [
            first[(entry.channel, entry.msg_id)] == index and (entry.channel, entry.msg_id) in recorded
            for index, entry in enumerate(entries)
        ]

    def claim(
        self, channel: str, msg_id: str, chat_id: str, sender_id: str, text: str, received_at: datetime
    ) -> bool:
        """Record a message before it is handled; False if it was recorded before (a redelivery)."""
        return self.claim_many([InboxEntry(channel, msg_id, chat_id, sender_id, text, received_at)])[0]

    def ping(self) -> None:
        """Raises unless the database answers (the server's readiness check)."""
        with self._engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    def mark_failed(self, channel: str, msg_id: str, error: str) -> None:
        with self._engine.begin() as connection:
            connection.execute(
                update(InboxRecord)
                .where(InboxRecord.channel == channel, InboxRecord.msg_id == msg_id)  # type: ignore[arg-type]
                .values(status="failed", error=error[:2000])
            )

    def failed(self) -> list[InboxRecord]:
        with Session(self._engine) as session:
            query = select(InboxRecord).where(InboxRecord.status == "failed").order_by(InboxRecord.id)  # type: ignore[arg-type]
            return list(session.scalars(query))

    def count(self) -> int:
        with Session(self._engine) as session:
            return len(session.scalars(select(InboxRecord.id)).all())  # type: ignore[call-overload]


class DialogueRepository:
    """The active dialogue per (channel, chat, sender)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def get(self, channel: str, chat_id: str, sender_id: str) -> DialogueRecord | None:
        with Session(self._engine, expire_on_commit=False) as session:
            return session.get(DialogueRecord, (channel, chat_id, sender_id))

    def save(self, record: DialogueRecord) -> None:
        with Session(self._engine, expire_on_commit=False) as session:
            session.merge(record)
            session.commit()

    def end(self, channel: str, chat_id: str, sender_id: str) -> None:
        with self._engine.begin() as connection:
            connection.execute(
                delete(DialogueRecord).where(
                    DialogueRecord.channel == channel,  # type: ignore[arg-type]
                    DialogueRecord.chat_id == chat_id,  # type: ignore[arg-type]
                    DialogueRecord.sender_id == sender_id,  # type: ignore[arg-type]
                )
            )


@dataclass(frozen=True)
class Repositories:
    inbox: InboxRepository
    dialogues: DialogueRepository

    @classmethod
    def on(cls, engine: Engine) -> Repositories:
        return cls(inbox=InboxRepository(engine), dialogues=DialogueRepository(engine))
