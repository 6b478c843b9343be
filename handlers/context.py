"""What every handler receives besides the message."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from bot.clock import Clock
from bot.delivery import Delivery
from bot.message import Message
from bot.render import Renderer
from bot.settings import Settings
from knowledge.base import County, KnowledgeBase
from knowledge.schedule import Schedule
from storage.models import DialogueRecord
from storage.repos import Repositories


@dataclass(frozen=True, slots=True)
class Answer:
    """The Q&A reply to a question (handlers.qa.compose_answer)."""

    text: str
    choices: tuple[str, ...] = ()  # industry names offered by number: the next message may pick one


@dataclass(frozen=True)
class Context:
    clock: Clock
    repos: Repositories
    kb: KnowledgeBase
    render: Renderer
    answer: Callable[[str], Answer]  # the Q&A reply to a question (handlers.qa.answerer: remembered)
    settings: Settings
    schedule: Schedule
    delivery: Delivery  # pushes to chats (reminders, broadcasts): rate-limited, retried
    # Later messages to someone who spoke (a broadcast's report): back the way they spoke, never through a
    # group robot, which may be what is failing; rate-limited and retried like pushes.
    answers: Delivery
    spawn: Callable[[Awaitable[None]], None]  # background work the bot waits for before it stops


def own_county(msg: Message, ctx: Context) -> County | None:
    """The county a staff member works for when BOT_STAFF names one: such staff act within it only. None
    for staff with no county there (e.g. the city's) and for the console's simulated staff."""
    named = ctx.settings.staff.get(msg.sender_id, "")
    return ctx.kb.counties.match(named) if named else None


def dialogue_row(msg: Message, ctx: Context, flow: str, step: str, answers: dict[str, Any]) -> DialogueRecord:
    """The one dialogue row of this sender in this chat, for `flow` at `step`, stamped now."""
    return DialogueRecord(
        channel=msg.channel,
        chat_id=msg.chat_id,
        sender_id=msg.sender_id,
        flow=flow,
        step=step,
        answers=answers,
        updated_at=ctx.clock.now(),
    )


def idle_too_long(ctx: Context, record: DialogueRecord) -> bool:
    """A pending confirmation or choice older than BOT_DIALOGUE_IDLE_MINUTES no longer holds."""
    return ctx.clock.now() - record.updated_at > timedelta(minutes=ctx.settings.dialogue_idle_minutes)
