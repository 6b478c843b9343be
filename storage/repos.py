"""Repositories: one per aggregate, methods named by intent, one short transaction per call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from storage.models import DialogueRecord, DraftHistoryRecord, DraftRecord, InboxRecord


def insert_ignoring_duplicates(engine: Engine, table: type, values: dict[str, object]) -> bool:
    """Insert a row unless its unique key exists; True if this call inserted it.

    Core, not an ORM session: it runs once per incoming message (see the performance notes).
    """
    dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
    key = list(table.__table__.primary_key.columns)  # type: ignore[attr-defined]
    statement = dialect.insert(table).values(**values).on_conflict_do_nothing().returning(*key)
    with engine.begin() as connection:
        # RETURNING, not rowcount: psycopg reports no rowcount for an insert that returns rows
        return connection.execute(statement).first() is not None


class InboxRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def claim(
        self, channel: str, msg_id: str, chat_id: str, sender_id: str, text: str, received_at: datetime
    ) -> bool:
        """Record a message before it is handled; False if it was recorded before (a redelivery)."""
        return insert_ignoring_duplicates(
            self._engine,
            InboxRecord,
            {
                "channel": channel,
                "msg_id": msg_id,
                "chat_id": chat_id,
                "sender_id": sender_id,
                "text": text,
                "received_at": received_at,
                "status": "received",
            },
        )

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


class DraftRepository:
    """Application-list drafts: one current row per credit code; a replaced one moves to history."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def submit(self, draft: DraftRecord) -> DraftRecord:
        """Store a confirmed draft as the enterprise's current one; returns it with its version."""
        with Session(self._engine, expire_on_commit=False) as session:
            query = select(DraftRecord).where(DraftRecord.credit_code == draft.credit_code).with_for_update()  # type: ignore[arg-type]
            previous = session.scalars(query).first()
            stored = DraftRecord.model_validate(draft.model_dump())
            if previous is not None:
                session.add(
                    DraftHistoryRecord.model_validate(
                        {**previous.model_dump(), "replaced_at": draft.submitted_at}
                    )
                )
                stored.version = previous.version + 1
                session.delete(previous)
                session.flush()
            session.add(stored)
            session.commit()
            return stored

    def current(self, credit_code: str) -> DraftRecord | None:
        with Session(self._engine, expire_on_commit=False) as session:
            return session.get(DraftRecord, credit_code)

    def for_county(self, county: str) -> list[DraftRecord]:
        """The county's current drafts, in the order they were submitted."""
        with Session(self._engine, expire_on_commit=False) as session:
            query = (
                select(DraftRecord)
                .where(DraftRecord.county == county)  # type: ignore[arg-type]
                .order_by(DraftRecord.submitted_at, DraftRecord.credit_code)  # type: ignore[arg-type]
            )
            return list(session.scalars(query))

    def submitted_by(self, channel: str, sender_id: str) -> list[DraftRecord]:
        """The current drafts this person confirmed (on any chat of the channel)."""
        with Session(self._engine, expire_on_commit=False) as session:
            query = (
                select(DraftRecord)
                .where(DraftRecord.channel == channel, DraftRecord.sender_id == sender_id)  # type: ignore[arg-type]
                .order_by(DraftRecord.submitted_at)  # type: ignore[arg-type]
            )
            return list(session.scalars(query))

    def history(self, credit_code: str) -> list[DraftHistoryRecord]:
        with Session(self._engine, expire_on_commit=False) as session:
            query = (
                select(DraftHistoryRecord)
                .where(DraftHistoryRecord.credit_code == credit_code)  # type: ignore[arg-type]
                .order_by(DraftHistoryRecord.version)  # type: ignore[arg-type]
            )
            return list(session.scalars(query))


@dataclass(frozen=True)
class Repositories:
    inbox: InboxRepository
    dialogues: DialogueRepository
    drafts: DraftRepository

    @classmethod
    def on(cls, engine: Engine) -> Repositories:
        return cls(
            inbox=InboxRepository(engine),
            dialogues=DialogueRepository(engine),
            drafts=DraftRepository(engine),
        )
