"""/帮助: what the bot can do, with examples; and what to say of a command the bot does not have."""

from __future__ import annotations

from bot.dispatch import Command, Router
from bot.message import ChatKind, Message, Reply, Role
from handlers import signin
from handlers.context import Context

router: Router[Context] = Router("help")


@router.command("help")
async def show_help(msg: Message, ctx: Context, args: str) -> list[Reply]:
    staff = msg.role is Role.STAFF
    text = ctx.render(
        "help.j2", bot_name=ctx.config.bot_name, staff=staff, workspace=signin.workspace_on(ctx)
    )
    return [msg.reply(text)]


@router.unknown_command
async def unknown_command(
    msg: Message, ctx: Context, name: str, available: list[Command[Context]]
) -> list[Reply]:
    commands = [ctx.kb.commands[command.key] for command in available]
    if msg.chat_kind is not ChatKind.GROUP:  # /本群, /绑定 … are about the group they are sent in
        commands = [command for command in commands if not command.in_groups]
    return [msg.reply(ctx.render("unknown_command.j2", name=name, commands=commands, channel=msg.channel))]
