"""/帮助: what the bot can do, with examples; and what to say of a command the bot does not have."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.dispatch import COMMAND_TRIM, Command, Router
from bot.message import ChatKind, Message, Reply, Role
from handlers import signin
from handlers.context import Context
from knowledge import pinyin
from knowledge.base import KnowledgeBase
from knowledge.textnorm import literal_alternation

router: Router[Context] = Router("help")
_HOW_TO_LONGEST = 20  # characters of a how-to question; longer messages are questions for the Q&A


@router.command("help")
async def show_help(msg: Message, ctx: Context, args: str) -> list[Reply]:
    named = _command_named(ctx, args)
    if named is not None:  # "/帮助 提醒": that command's line, as "/提醒 帮助" gives it (command_usage)
        return [msg.reply(ctx.render("command_help.j2", key=named, in_words=False))]
    staff = msg.role is Role.STAFF
    text = ctx.render(
        "help.j2", bot_name=ctx.config.bot_name, staff=staff, workspace=signin.workspace_on(ctx)
    )
    return [msg.reply(text)]


def _command_named(ctx: Context, args: str) -> str | None:
    """The key of another command whose name `args` is, with or without its slash ("提醒", "/导出")."""
    said = args.strip(COMMAND_TRIM).lstrip("/／")
    return next(
        (key for key, entry in ctx.kb.commands.items() if key != "help" and said in entry.names), None
    )


@router.command_help
async def command_usage(msg: Message, ctx: Context, key: str, args: str) -> list[Reply] | None:
    """`/提醒 帮助`: how that command is typed, instead of "帮助" read as its county, time or text."""
    asked = ctx.kb.commands["help"].reads["asked"]
    said = args.strip().lower()
    # trimmed as a command's word is ("帮助？"), but a question mark alone is one of the asked words (/解绑 ？)
    if said not in asked and said.strip(COMMAND_TRIM) not in asked:
        return None
    return [msg.reply(ctx.render("command_help.j2", key=key, in_words=False))]


@router.fallback
async def how_to_use_a_command(msg: Message, ctx: Context) -> list[Reply] | None:
    """Asking in words how to use one of one's commands (怎么发广播, 提醒怎么设; an enterprise's 怎么自评, 自评怎么弄):
    that command's usage line, as "/广播 帮助" gives it; the Q&A holds nothing of the bot's own commands. An
    enterprise's how-to says nothing more than that (its `how_else` words): 自评到底怎么对标 asks about the matter,
    which the Q&A answers. None otherwise."""
    said = "".join(msg.text.split()).strip(COMMAND_TRIM)
    if len(said) > _HOW_TO_LONGEST or not _how_words(ctx.kb).search(said):
        return None
    staff = msg.role is Role.STAFF
    reads = ctx.kb.commands["help"].reads
    names = {
        name: key
        for name, key, said_by_everyone in _command_names(ctx.kb)
        if (staff or said_by_everyone) and name in said
    }
    # 提醒列表 holds 提醒: the longer name is the one said
    keys = {key for name, key in names.items() if not any(name != other and name in other for other in names)}
    if len(keys) != 1:
        return None
    if not staff and not _how_else(ctx.kb).fullmatch(_words_taken_out(said, [*names, *reads["how"]])):
        return None
    return [msg.reply(ctx.render("command_help.j2", key=keys.pop(), in_words=True))]


@lru_cache(maxsize=4)  # one per knowledge base (hashed by identity)
def _how_words(kb: KnowledgeBase) -> re.Pattern[str]:
    """Any how-word (怎么, 如何 …): one search instead of a test for each word, on nearly every message."""
    return re.compile(literal_alternation(kb.commands["help"].reads["how"]))


@lru_cache(maxsize=4)  # one per knowledge base (hashed by identity)
def _command_names(kb: KnowledgeBase) -> tuple[tuple[str, str, bool], ...]:
    """Every name of every command but help's, with its key and whether everyone says it in words (我要自评: the
    commands with spoken words are everyone's), not only staff: listed once instead of for every how-to."""
    return tuple(
        (name, key, bool(entry.spoken))
        for key, entry in kb.commands.items()
        if key != "help"
        for name in entry.names
    )


@lru_cache(maxsize=4)  # one per knowledge base (hashed by identity)
def _how_else(kb: KnowledgeBase) -> re.Pattern[str]:
    """What an enterprise's how-to about a command may say besides the command's name and a how-word."""
    return re.compile(f"(?:{literal_alternation(kb.commands['help'].reads['how_else'])})*")


def _words_taken_out(said: str, words: list[str]) -> str:
    """What is said besides the words, the longest taken out first (提醒列表 before 提醒)."""
    for word in sorted(words, key=len, reverse=True):
        said = said.replace(word, "")
    return said


@router.unknown_command
async def unknown_command(
    msg: Message, ctx: Context, name: str, available: list[Command[Context]]
) -> list[Reply]:
    if (
        ctx.kb.smalltalk(name) == "stray_answer"
    ):  # /取消, /返回, /转私聊 with no dialogue waiting: as said plainly
        return [msg.reply(ctx.render("qa_stray_answer.j2"))]
    commands = [ctx.kb.commands[command.key] for command in available]
    if msg.chat_kind is not ChatKind.GROUP:  # /本群, /绑定 … are about the group they are sent in
        commands = [command for command in commands if not command.in_groups]
    meant = _sounding_like(ctx.kb, name, [command.key for command in available])
    return [
        msg.reply(
            ctx.render("unknown_command.j2", name=name, commands=commands, channel=msg.channel, meant=meant)
        )
    ]


def _sounding_like(kb: KnowledgeBase, typed: str, keys: list[str]) -> str | None:
    """The key of the command whose name the typed one starts with in sound: a slip of a phone's pinyin input (/广波
    for /广播, /自平 for /自评, /广波明天停产), the longest name first; None where none sounds so. It is only
    named, never run: a broadcast sent on a guess would reach every group."""
    sounds = tuple(map(pinyin.sound, typed))
    named = sorted(
        ((name, key) for key in keys for name in kb.commands[key].names), key=lambda pair: -len(pair[0])
    )
    return next((key for name, key in named if sounds[: len(name)] == tuple(map(pinyin.sound, name))), None)
