"""The rows the repositories hand out and take in: plain dataclasses whose fields are their table's columns
(storage.tables; tests/test_foundation_storage.py checks)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

# Every one kw_only, built by column name as a row reads (`InboxRecord(**row._mapping)`), and with slots: the
# dialogue repository remembers thousands of dialogues.


@dataclass(kw_only=True, slots=True)
class InboxRecord:
    """Every incoming message, recorded before it is handled: de-duplication and a durable trail."""

    id: int | None = None
    channel: str
    msg_id: str
    chat_id: str
    sender_id: str
    text: str
    received_at: datetime
    # queued (waiting in its conversation's queue) | handled (its answers recorded in the outbox) | failed (a
    # handler raised; its apology recorded) | received (rows of earlier versions, handled as they arrived)
    status: str = "received"
    error: str | None = None
    # The rest of the message, so any worker can handle a message another worker received.
    chat_kind: str = "private"
    sender_name: str = ""
    role: str = "enterprise"
    mentions_bot: bool = True
    # What the channel's signature covered when it does not cover the body (the Official Account's plain
    # mode signs only the query): unique per channel, so a captured signed query is accepted once.
    replay_key: str | None = None
    # The worker (storage.tables.worker) that recorded it and runs its turn; while it lives, its queued message is its own.
    claimed_by: int | None = None


@dataclass(kw_only=True, slots=True)
class _DialogueColumns:
    channel: str
    chat_id: str
    sender_id: str
    flow: str
    step: str
    answers: dict[str, Any] = field(default_factory=dict)
    updated_at: datetime  # its last answer (a paused dialogue's keep days count from it)


@dataclass(kw_only=True, slots=True)
class DialogueRecord(_DialogueColumns):
    """The active dialogue of one sender in one chat, saved after every turn."""


@dataclass(kw_only=True, slots=True)
class PausedDialogueRecord(_DialogueColumns):
    """A dialogue left idle (暂停的对话): kept, one per flow, until its owner resumes it or the keep days pass."""


@dataclass(kw_only=True, slots=True)
class GroupBinding:
    """A group bound by county staff to a county and an audience (企业群 or 分局群): who gets reminders."""

    channel: str
    chat_id: str
    county: str
    audience: str  # enterprise | county_branch
    bound_by: str
    bound_at: datetime
    # The key of the group robot (群机器人) its pushes go through, set with /机器人; a secret like a password.
    robot_key: str | None = None


@dataclass(kw_only=True, slots=True)
class DeliveryRecord:
    """One push to one chat, claimed under a unique key before it is sent: the exactly-once ledger.

    status: sending (claimed; still in flight, or the process stopped mid-send) | sent | failed |
    missed (due while the bot was down, deadline already passed) | superseded (a later reminder of the
    same deadline was sent instead).
    """

    id: int | None = None
    key: str
    channel: str
    chat_id: str
    label: str
    status: str
    attempts: int = 0
    error: str | None = None
    claimed_at: datetime
    finished_at: datetime | None = None


@dataclass(kw_only=True, slots=True)
class Announcement:
    """A staff member's ad-hoc reminder (提醒, sent at due_at) or broadcast (广播, sent on confirmation).

    The target is one chat (channel, chat_id), one county's groups (county), or every bound group.
    status: scheduled | sending | done | missed | cancelled.
    """

    id: int | None = None
    kind: str  # reminder | broadcast
    text: str
    target_channel: str | None = None
    target_chat_id: str | None = None
    county: str | None = None
    due_at: datetime
    status: str
    created_by: str
    created_by_name: str
    created_at: datetime


@dataclass(kw_only=True, slots=True)
class _DraftColumns:
    """One row of the application list (申请名单) as an enterprise confirmed it."""

    credit_code: str
    version: int = 1
    county: str
    enterprise_name: str
    industries: str  # 行业类别, several joined by "、"
    in_industrial_park: bool
    self_grade: str
    intended_grade: str
    short_board: str  # 短板指标
    contact_name: str
    contact_phone: str
    submitted_at: datetime
    channel: str
    chat_id: str
    sender_id: str
    # The person on `channel` who may replace the draft: whoever created it, or whom county staff handed it
    # to (/转交). Set by DraftRepository, never by the submitter.
    owner_id: str = ""
    answers: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True, slots=True)
class DraftRecord(_DraftColumns):
    """The current draft of one enterprise, keyed by its unified social credit code."""


@dataclass(kw_only=True, slots=True)
class DraftHistoryRecord(_DraftColumns):
    """A draft that a newer assessment of the same enterprise replaced."""

    id: int | None = None
    replaced_at: datetime


@dataclass(kw_only=True, slots=True)
class StaffLinkRecord:
    """A one-time sign-in link to the staff workspace (工作台), sent by /后台 or with a download.

    Only the token's SHA-256 is stored: the database alone cannot sign anyone in. `target` is the page it
    opens; what the session may see follows from BOT_STAFF on every request, as for the chat commands.
    """

    token_hash: str
    staff_id: str
    staff_name: str
    target: str
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None
