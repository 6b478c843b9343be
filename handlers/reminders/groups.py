"""/绑定 and /解绑: which groups get reminders and broadcasts, by county and audience."""

from __future__ import annotations

from typing import Any

from bot.errors import UserError
from bot.message import ChatKind, Message, Reply, Role
from handlers.context import Context
from handlers.dialogues import ask_to_confirm, on_confirm
from handlers.reminders.common import within_own_county
from handlers.reminders.router import router
from knowledge.base import CountyReading
from knowledge.schedule import Audience


def parse_binding(args: str, ctx: Context) -> tuple[CountyReading, Audience]:
    """`平山县`, `平山县 分局`, `平山 企业群`, `平山县分局` → the county as read (read as the self-assessment reads it:
    a close name or one with its town after it is to be confirmed) and the audience."""
    # the words for each audience (commands.yaml: bind's `reads`, by the audience's value)
    audience_of = {
        word: Audience(key) for key, said in ctx.kb.commands["bind"].reads.items() for word in said
    }
    words = args.split()
    if len(words) == 1:
        for suffix in sorted(audience_of, key=len, reverse=True):
            stem = words[0].removesuffix(suffix)
            if stem != words[0] and stem:
                words = [stem, suffix]
                break
    audiences = [audience_of[w] for w in words if w in audience_of]
    names = [w for w in words if w not in audience_of]
    named = ctx.kb.counties.read(names[0]) if len(names) == 2 and not audiences else None
    # "/绑定 平山县 乡镇": a county and a word that is no kind of group, said so
    if named is not None and ctx.kb.counties.read(names[1]) is None:
        raise UserError(
            ctx.render("group_binding.j2", step="unknown_kind", county=named.county.name, word=names[1])
        )
    if len(names) != 1 or len(audiences) > 1:
        raise UserError(ctx.render("group_binding.j2", step="unreadable", bare=not words))
    reading = ctx.kb.counties.read(names[0])
    if reading is None:
        raise UserError(
            ctx.render(
                "group_binding.j2", step="unknown_county", name=names[0], counties=ctx.kb.counties.names
            )
        )
    return reading, audiences[0] if audiences else Audience.ENTERPRISE


@router.command("bind", staff_only=True)
async def bind(msg: Message, ctx: Context, args: str) -> list[Reply]:
    if msg.chat_kind is ChatKind.PRIVATE:
        raise UserError(ctx.render("group_binding.j2", step="private"))
    reading, audience = parse_binding(args, ctx)
    county = reading.county
    within_own_county(msg, ctx, county.name, "bind")
    current = ctx.repos.groups.get(msg.channel, msg.chat_id)
    if current is not None:  # nor take over a group another county bound
        within_own_county(msg, ctx, current.county, "rebind")
    unchanged = current is not None and (current.county, current.audience) == (county.name, audience)
    if not unchanged and (current is not None or not reading.certain):
        # it moves where reminders and broadcasts go (and who reads the application list here), or goes where a
        # name only close to the county's says (平三县): confirmed first, as the self-assessment confirms it
        question = ctx.render(
            "group_binding.j2",
            step="rebind_question",
            group=current,
            county=county.name,
            audience=audience,
            guessed=not reading.certain,
        )
        cancelled = ctx.render("group_binding.j2", step="rebind_cancelled", group=current)
        return ask_to_confirm(
            msg, ctx, "rebind", question, cancelled=cancelled, county=county.name, audience=audience.value
        )
    waiting = ctx.repos.dialogues.get(*msg.conversation)
    if waiting is not None and waiting.flow == "rebind":
        # a binding asked before and not confirmed is superseded: confirmed after this one, it would undo it
        ctx.repos.dialogues.end(*msg.conversation)
    return [msg.reply(_bound(msg, ctx, county.name, audience))]


@on_confirm(router, "rebind")
async def rebind_confirmed(msg: Message, ctx: Context, answers: dict[str, Any]) -> list[Reply]:
    return [msg.reply(_bound(msg, ctx, answers["county"], Audience(answers["audience"])))]


def _bound(msg: Message, ctx: Context, county: str, audience: Audience) -> str:
    """The group bound to `county` for `audience`, and what it will now receive."""
    now = ctx.clock.now()
    previous = ctx.repos.groups.bind(msg.channel, msg.chat_id, county, audience, msg.sender_id, now)
    upcoming = ctx.schedule.upcoming(now, {audience})
    return ctx.render(
        "group_bound.j2",
        county=county,
        audience=audience,
        previous=previous,
        next=upcoming[0] if upcoming else None,
        needs_robot=ctx.reach.push_via(msg.channel, msg.chat_id) is None,
    )


@router.command("unbind", staff_only=True)
async def unbind(msg: Message, ctx: Context, args: str) -> list[Reply]:
    if msg.chat_kind is ChatKind.PRIVATE:
        raise UserError(ctx.render("group_binding.j2", step="unbind_private"))
    binding = ctx.repos.groups.get(msg.channel, msg.chat_id)
    if binding is None:
        raise UserError(ctx.render("group_binding.j2", step="not_bound"))
    within_own_county(msg, ctx, binding.county, "unbind")
    question = ctx.render("group_binding.j2", step="unbind_question", group=binding)
    cancelled = ctx.render("group_binding.j2", step="unbind_cancelled", group=binding)
    return ask_to_confirm(msg, ctx, "unbind", question, cancelled=cancelled)


@on_confirm(router, "unbind")
async def unbind_confirmed(msg: Message, ctx: Context, answers: dict[str, Any]) -> list[Reply]:
    if not ctx.repos.groups.unbind(msg.channel, msg.chat_id):
        return [msg.reply(ctx.render("group_binding.j2", step="unbind_gone"))]
    return [msg.reply(ctx.render("group_binding.j2", step="unbound"))]


@router.command("binding_asked")
async def binding_asked(msg: Message, ctx: Context, args: str) -> list[Reply]:
    """Which county this group is bound to (what its reminders and /截止 follow), and who may change it."""
    if msg.chat_kind is ChatKind.PRIVATE:
        return [msg.reply(ctx.render("group_binding.j2", step="asked_in_private"))]
    group = ctx.repos.groups.get(msg.channel, msg.chat_id)
    return [
        msg.reply(
            ctx.render(
                "group_binding.j2",
                step="asked",
                group=group,
                staff=msg.role is Role.STAFF,
                needs_robot=ctx.reach.push_via(msg.channel, msg.chat_id) is None,
            )
        )
    ]
