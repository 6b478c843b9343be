"""The handler side of the one dialogue engine: a flow's state in the sender's dialogue row, and the one-step
flows (handlers/flow_engine.py's OneStepEngine): a confirmation before anything mass-sent or destructive, a
choice offered in an answer, and a command half given asked for the rest (a reminder's hour).

Like handlers/context.py a shared kernel of the handler modules. The dispatcher reads the row once per
message and hands it to the router that registered its flow (`Router.dialogue`, or `on_confirm` here).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from functools import lru_cache
from typing import Any

from bot.dispatch import Aside, Router
from bot.errors import UserError
from bot.message import Message, Reply
from handlers.context import Context, is_command
from handlers.flow_engine import ONE_STEP, FlowState, OneStepEngine, Outcome
from knowledge.base import KnowledgeBase
from storage.lazy import models

# what a confirmed flow does, with the data `ask_to_confirm` kept for it
Action = Callable[[Message, Context, dict[str, Any]], Awaitable[list[Reply]]]


def state_of(record: models.DialogueRecord | models.PausedDialogueRecord) -> FlowState:
    return FlowState.from_json(record.step, record.answers, record.updated_at)


def row_of(msg: Message, flow: str, state: FlowState) -> models.DialogueRecord:
    """The sender's dialogue row in this chat, holding `state` of `flow`."""
    channel, chat, sender = msg.conversation
    return models.DialogueRecord(
        channel=channel,
        chat_id=chat,
        sender_id=sender,
        flow=flow,
        step=state.step,
        answers=state.to_json(),
        updated_at=state.updated_at,
    )


def waiting_elsewhere(msg: Message, ctx: Context) -> str | None:
    """The chat where a dialogue of the sender's (a flow of flows/, the self-assessment) waits on them, going on or
    paused and not yet dropped, when that is not this chat; None when none does."""
    kept_since = ctx.clock.now() - timedelta(days=ctx.config.dialogue_keep_days)
    for flow in ctx.kb.flows:
        for record in ctx.repos.dialogues.of_sender(msg.channel, msg.sender_id, flow):
            if record.chat_id != msg.chat_id and record.updated_at >= kept_since:
                return record.chat_id
    return None


def one_step(ctx: Context) -> OneStepEngine:
    return _one_step(ctx.kb, ctx.config.dialogue_idle)


@lru_cache(maxsize=4)  # one per knowledge base (hashed by identity): building one normalises every word
def _one_step(kb: KnowledgeBase, idle: timedelta) -> OneStepEngine:
    return OneStepEngine(kb.flow_messages, idle, kb.catalogue)


def start_one_step(msg: Message, ctx: Context, flow: str, state: FlowState) -> bool:
    """The one-step flow becomes the sender's dialogue, unless another dialogue is going on (a self-assessment
    not idle too long): the row is shared by every module's dialogues, and never overwrites another's
    progress. A pending one-step flow is replaced. Whether it started."""
    stale_before = ctx.clock.now() - ctx.config.dialogue_idle
    return ctx.repos.dialogues.start(row_of(msg, flow, state), ONE_STEP, stale_before)


def ask_to_confirm(
    msg: Message,
    ctx: Context,
    flow: str,
    question: str,
    cancelled: str,
    recipients: str = "",
    **data: Any,
) -> list[Reply]:
    """Ask the sender to confirm; the question survives a restart. Once confirmed, `flow`'s action (see
    `on_confirm`) gets `data`; declined, the sender reads `cancelled`; asked whom it reaches ("会发给谁"), the
    sender reads `recipients`, where the confirmed action sends something."""
    asked = one_step(ctx).confirmation(question, cancelled, data, ctx.clock.now(), recipients)
    if not start_one_step(msg, ctx, flow, asked.state):
        raise UserError(ctx.kb.flow_messages.dialogue_busy)
    return [msg.reply(asked.text)]


def advance_one_step(msg: Message, ctx: Context, flow: str, record: models.DialogueRecord) -> Outcome:
    """One message to the sender's one-step flow; its row is kept only while the question is asked again."""
    outcome = one_step(ctx).advance(state_of(record), msg.text, ctx.clock.now())
    if outcome.status == "ask":
        ctx.repos.dialogues.save(row_of(msg, flow, outcome.state))
    else:
        ctx.repos.dialogues.end(*msg.conversation)
    return outcome


def ask_again(
    msg: Message, ctx: Context, flow: str, record: models.DialogueRecord, reason: str
) -> list[Reply]:
    """A completion's message that did not finish its command: `reason` and the same question, what was half
    given kept."""
    outcome = one_step(ctx).ask_again(state_of(record), reason, ctx.clock.now())
    ctx.repos.dialogues.save(row_of(msg, flow, outcome.state))
    return [msg.reply(outcome.text)]


def asked_again_after_answer(ctx: Context, record: models.DialogueRecord) -> Aside | None:
    """A message that is not the answer to a one-step flow's question (another command, a question asked) is
    answered as usual, then the question asked again, unless the answer put another dialogue in its place; None
    once the question has lapsed."""
    waiting = one_step(ctx).question(state_of(record), ctx.clock.now())
    if not waiting:
        return None
    return Aside(waiting, settled=lambda: _after_command(ctx, record, waiting))


def on_confirm(router: Router[Context], flow: str) -> Callable[[Action], Action]:
    """Register on `router` what a confirmed `flow` does: the flow's dialogue handler answers 确认 or 取消."""

    def register(action: Action) -> Action:
        @router.dialogue(flow)
        async def answer(
            msg: Message, ctx: Context, record: models.DialogueRecord
        ) -> list[Reply] | Aside | None:
            if is_command(ctx.kb, msg.text) and not one_step(ctx).answers_confirmation(msg.text):
                return asked_again_after_answer(ctx, record)
            outcome = advance_one_step(msg, ctx, flow, record)
            if outcome.status == "done":
                return await action(msg, ctx, outcome.state.answers)
            return [msg.reply(outcome.text)] if outcome.status != "passed" else None

        return action

    return register


def _after_command(ctx: Context, record: models.DialogueRecord, waiting: str) -> str | None:
    """What follows an answer while the one-step question `record` (a confirmation, a completion) waited: that
    question again while it still waits; that it was dropped when another kind of dialogue took its place (a
    self-assessment, another command's confirmation or question), so that nobody believes it still goes out;
    nothing when the same command asked anew, whose own question replaces it."""
    now = ctx.repos.dialogues.get(record.channel, record.chat_id, record.sender_id)
    if now is None or now.flow == record.flow:
        still = now is not None and (now.step, now.answers) == (record.step, record.answers)
        return waiting if still else None
    return ctx.render("confirmation_dropped.j2", flow=record.flow, answers=state_of(record).answers)
