"""Confirmations (确认/取消) before anything mass-sent or destructive, kept in the dialogue table.

Like handlers/context.py a shared kernel of the handler modules: any of them may `ask` and register what a
confirmed flow does (`on_confirm`); this module's router answers the 确认 or 取消.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from bot.dispatch import Router
from bot.errors import UserError
from bot.message import Message, Reply
from handlers.context import Context, dialogue_row, idle_too_long

Action = Callable[[Message, Context, dict[str, Any]], Awaitable[list[Reply]]]

YES_WORDS = {"确认", "确定", "确认发送", "发送", "是", "是的", "好", "好的", "yes", "y"}
NO_WORDS = {"取消", "不", "否", "不发", "不用了", "算了", "no", "n"}
_TRIM = " \t\r\n。.！!，,"
_ACTIONS: dict[str, Action] = {}

router: Router[Context] = Router("confirm")


def on_confirm(flow: str) -> Callable[[Action], Action]:
    """Register what a confirmed `flow` does with the answers saved by `ask`."""

    def register(action: Action) -> Action:
        _ACTIONS[flow] = action
        return action

    return register


def ask(msg: Message, ctx: Context, flow: str, question: str, cancelled: str, **answers: Any) -> list[Reply]:
    """Ask the sender to confirm; the question survives a restart (one dialogue row per sender)."""
    current = ctx.repos.dialogues.get(msg.channel, msg.chat_id, msg.sender_id)
    if current is not None and current.flow not in _ACTIONS and not idle_too_long(ctx, current):
        # The row is shared by every module's dialogues: never overwrite another one's progress.
        raise UserError(ctx.render("confirm.j2", step="busy"))
    ctx.repos.dialogues.save(
        dialogue_row(msg, ctx, flow, "confirm", {**answers, "question": question, "cancelled": cancelled})
    )
    return [msg.reply(question)]


@router.active_dialogue
async def answer(msg: Message, ctx: Context) -> list[Reply] | None:
    dialogues = ctx.repos.dialogues
    record = dialogues.get(msg.channel, msg.chat_id, msg.sender_id)
    if record is None or record.flow not in _ACTIONS:
        return None
    word = msg.text.strip(_TRIM).lower()
    if idle_too_long(ctx, record):
        dialogues.end(msg.channel, msg.chat_id, msg.sender_id)
        if word in YES_WORDS | NO_WORDS:
            return [msg.reply(ctx.render("confirm.j2", step="expired"))]
        return None
    if word in NO_WORDS:
        dialogues.end(msg.channel, msg.chat_id, msg.sender_id)
        return [msg.reply(str(record.answers["cancelled"]))]
    if word in YES_WORDS:
        dialogues.end(msg.channel, msg.chat_id, msg.sender_id)
        return await _ACTIONS[record.flow](msg, ctx, record.answers)
    return [msg.reply(ctx.render("confirm.j2", step="again", question=record.answers["question"]))]
