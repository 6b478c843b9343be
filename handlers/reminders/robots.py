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
from handlers.reminders.common import group_kind
from handlers.reminders.router import router

log = logging.getLogger("handlers.reminders")

ROBOT_USAGE = (
    "请这样发送：/机器人 群机器人的 webhook 地址（https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…，"
    "在群设置 → 群机器人里复制），也可以只发 key；不再使用：/机器人 删除。"
)
REMOVE_WORDS = {"删除", "解除", "移除"}
TEST_WORDS = {"测试", "试发", "测试推送"}


@router.command("机器人", staff_only=True, summary="给本群设置推送用的群机器人")
async def attach_robot(msg: Message, ctx: Context, args: str) -> list[Reply]:
    if msg.chat_kind is ChatKind.PRIVATE:
        raise UserError("请在要设置群机器人的群里发送。" + ROBOT_USAGE)
    binding = ctx.repos.groups.get(msg.channel, msg.chat_id)
    if binding is None:
        raise UserError(
            "本群还没有绑定，不能设置群机器人。请先发送 /绑定 县名，再发送 /机器人 webhook 地址。"
        )
    value = args.strip()
    if not value:
        return [msg.reply(_current(ctx, msg, binding.robot_key))]
    if value in REMOVE_WORDS:
        return _ask_removal(msg, ctx, binding.robot_key)
    if value in TEST_WORDS:
        return _test_push(msg, ctx, binding.robot_key)
    try:
        key = robot_key(value)
    except ValueError:
        raise UserError(ctx.render("group_robot_test.j2", step="bad_key", usage=ROBOT_USAGE)) from None
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
    if stored:
        return f"本群的推送通过群机器人（key {mask_key(stored)}）发出。更换：/机器人 新的 webhook 地址；不再使用：/机器人 删除。"
    if _configured(msg, ctx):
        return "本群的推送通过配置文件里为本群设置的群机器人发出。要换成别的群机器人：/机器人 webhook 地址。"
    return "本群还没有设置群机器人。" + ROBOT_USAGE


def _refuse_if_used_elsewhere(msg: Message, ctx: Context, key: str) -> None:
    """A group robot posts only into its own group; attached to another, that group would get our pushes."""
    for group in ctx.repos.groups.with_robot(key):
        if (group.channel, group.chat_id) != (msg.channel, msg.chat_id):
            label = f"{group.county}·{group_kind(group.audience)}"
            raise UserError(
                f"这个群机器人已经设置给另一个群（{label}），它只能往自己所在的群发消息。"
                "请在本群添加群机器人，再发送它的 webhook 地址。"
            )
    if ctx.reach.robot_configured_elsewhere(key, msg.chat_id):
        raise UserError(
            "配置文件里已把这个群机器人设置给另一个群，它只能往自己所在的群发消息。"
            "请在本群添加群机器人，再发送它的 webhook 地址。"
        )


def _ask_removal(msg: Message, ctx: Context, stored: str | None) -> list[Reply]:
    if stored is None:
        configured = (
            "（配置文件 BOT_WECOM_ROBOTS 里为本群设置的，要在配置里删除）" if _configured(msg, ctx) else ""
        )
        raise UserError(f"本群没有用 /机器人 设置群机器人，不用删除{configured}。")
    question = (
        f"确定删除本群的群机器人（key {mask_key(stored)}）吗？删除后本群的提醒和广播不再通过它发出。"
        "请回复“确认”或“取消”。"
    )
    return ask_to_confirm(msg, ctx, "robot_remove", question, cancelled="已取消，本群仍使用原来的群机器人。")


@on_confirm(router, "robot_remove")
async def remove_confirmed(msg: Message, ctx: Context, answers: dict[str, Any]) -> list[Reply]:
    if not ctx.repos.groups.set_robot(msg.channel, msg.chat_id, None):
        return [msg.reply("本群已经不在绑定名单里了，没有可删除的群机器人。")]
    log.info("group robot removed", extra={"channel": msg.channel, "chat": msg.chat_id, "by": msg.sender_id})
    if _configured(msg, ctx):  # the attached one is gone: what is left is the configured one
        after = "之后本群的推送改由配置文件里为本群设置的群机器人发出。"
    else:
        after = "没有群机器人的企业微信群收不到提醒和广播；需要时再发送 /机器人 webhook 地址。"
    return [msg.reply("已删除本群的群机器人。" + after)]


def _configured(msg: Message, ctx: Context) -> bool:
    """Whether pushes to this group go through the robot BOT_WECOM_ROBOTS gives it (none is attached)."""
    return ctx.reach.push_via(msg.channel, msg.chat_id) is PushVia.CONFIGURED_ROBOT
