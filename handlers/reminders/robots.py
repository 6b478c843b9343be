"""/机器人: the group robot (群机器人) a bound group's reminders and broadcasts go out through.

The key in a webhook address lets anyone post into the group: replies and logs show it masked.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.errors import UserError
from bot.message import ChatKind, Message, Reply
from bot.reachability import PushVia
from bot.webhooks import mask_key, robot_key
from handlers.context import Context
from handlers.dialogues import ask_to_confirm, on_confirm
from handlers.reminders.common import within_own_county
from handlers.reminders.router import router

log = logging.getLogger("handlers.reminders")


@router.command("robot", staff_only=True)
async def attach_robot(msg: Message, ctx: Context, args: str) -> list[Reply]:
    if msg.chat_kind is ChatKind.PRIVATE:
        raise UserError(ctx.render("group_robot.j2", step="private"))
    binding = ctx.repos.groups.get(msg.channel, msg.chat_id)
    if binding is None:
        raise UserError(ctx.render("group_robot.j2", step="unbound"))
    within_own_county(msg, ctx, binding.county, "robot")  # another county's pushes are not theirs to reroute
    value = args.strip()
    if not value:
        return [msg.reply(_current(ctx, msg, binding.robot_key))]
    said = ctx.kb.commands["robot"].reads
    if value in said["remove"]:
        return _ask_removal(msg, ctx, binding.robot_key)
    if value in said["test"]:
        return _test_push(msg, ctx, binding.robot_key)
    try:
        key = robot_key(value)
    except ValueError:
        raise UserError(ctx.render("group_robot_test.j2", step="bad_key")) from None
    _refuse_if_used_elsewhere(msg, ctx, key)
    ctx.repos.groups.set_robot(msg.channel, msg.chat_id, key)
    log.info(
        "group robot attached",
        extra={"channel": msg.channel, "chat": msg.chat_id, "robot": mask_key(key), "by": msg.sender_id},
    )
    previous = binding.robot_key
    return [
        msg.reply(
            ctx.render(
                "group_robot_set.j2",
                robot=mask_key(key),
                previous=mask_key(previous) if previous and previous != key else None,
            )
        )
    ]


def _test_push(msg: Message, ctx: Context, stored: str | None) -> list[Reply]:
    """A test message through the group's robot, in the background; how it went comes back the way the
    staff member asked (a robot that fails cannot carry its own report)."""
    if stored is None and not _configured(msg, ctx):
        raise UserError(_current(ctx, msg, None))
    robot = mask_key(stored) if stored else None

    async def push() -> None:
        test = ctx.render("group_robot_test.j2", step="message", sender=msg.sender_name)
        outcome = await ctx.delivery.send(Reply(msg.channel, msg.chat_id, test))
        report = ctx.render("group_robot_test.j2", step="report", robot=robot, outcome=outcome)
        told = await ctx.answers.send(msg.reply(report))
        if not told.delivered:
            log.warning("robot test report not delivered", extra={"chat": msg.chat_id, "error": told.error})

    ctx.spawn(push())
    return [msg.reply(ctx.render("group_robot_test.j2", step="started", robot=robot))]


def _current(ctx: Context, msg: Message, stored: str | None) -> str:
    robot = mask_key(stored) if stored else None
    return ctx.render("group_robot.j2", step="current", robot=robot, configured=_configured(msg, ctx))


def _refuse_if_used_elsewhere(msg: Message, ctx: Context, key: str) -> None:
    """A group robot posts only into its own group; attached to another, that group would get our pushes."""
    for group in ctx.repos.groups.with_robot(key):
        if (group.channel, group.chat_id) != (msg.channel, msg.chat_id):
            raise UserError(ctx.render("group_robot.j2", step="used_elsewhere", group=group))
    if ctx.reach.robot_configured_elsewhere(key, msg.chat_id):
        raise UserError(ctx.render("group_robot.j2", step="used_elsewhere", group=None))


def _ask_removal(msg: Message, ctx: Context, stored: str | None) -> list[Reply]:
    configured = _configured(msg, ctx)
    if stored is None:
        raise UserError(ctx.render("group_robot.j2", step="nothing_to_remove", configured=configured))
    question = ctx.render("group_robot.j2", step="remove_question", robot=mask_key(stored))
    cancelled = ctx.render("group_robot.j2", step="remove_cancelled")
    return ask_to_confirm(msg, ctx, "robot_remove", question, cancelled=cancelled)


@on_confirm(router, "robot_remove")
async def remove_confirmed(msg: Message, ctx: Context, answers: dict[str, Any]) -> list[Reply]:
    if not ctx.repos.groups.set_robot(msg.channel, msg.chat_id, None):
        return [msg.reply(ctx.render("group_robot.j2", step="remove_gone"))]
    log.info("group robot removed", extra={"channel": msg.channel, "chat": msg.chat_id, "by": msg.sender_id})
    return [msg.reply(ctx.render("group_robot.j2", step="removed", configured=_configured(msg, ctx)))]


def _configured(msg: Message, ctx: Context) -> bool:
    """Whether pushes to this group go through the robot BOT_WECOM_ROBOTS gives it (none is attached)."""
    return ctx.reach.push_via(msg.channel, msg.chat_id) is PushVia.CONFIGURED_ROBOT
