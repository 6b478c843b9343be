"""/绑定 and /解绑: which groups get reminders and broadcasts, by county and audience."""

from __future__ import annotations

from typing import Any

from bot.errors import UserError
from bot.message import ChatKind, Message, Reply, Role
from handlers.context import Context
from handlers.dialogues import ask_to_confirm, on_confirm
from handlers.reminders.common import within_own_county
from handlers.reminders.router import router
from knowledge.base import County
from knowledge.schedule import Audience

AUDIENCE_WORDS = {
    "企业": Audience.ENTERPRISE,
    "企业群": Audience.ENTERPRISE,
    "分局": Audience.COUNTY_BRANCH,
    "分局群": Audience.COUNTY_BRANCH,
}

# "这个群是哪个县的", "本群绑定了吗": each way of naming this group before each way of asking its binding, matched
# whole like every command's words (bot.dispatch.Router.command)
_THIS_GROUP_WORDS = ("这个群", "本群", "我们群", "咱们群", "咱群", "我们这个群", "这群")
_WHICH_COUNTY_WORDS = (
    "是哪个县的",
    "是哪个县",
    "绑的哪个县",
    "绑定的哪个县",
    "绑定的是哪个县",
    "绑定了哪个县",
    "绑了哪个县",
    "绑定在哪个县",
    "属于哪个县",
    "归哪个县",
)
_BINDING_ASKED_WORDS = (
    *_WHICH_COUNTY_WORDS,
    *(ask.replace("县", "区") for ask in _WHICH_COUNTY_WORDS),
    *("绑定了吗", "绑定了没有", "绑定了没", "绑定没有", "有没有绑定", "绑了吗", "绑定情况", "绑定的县"),
)
BINDING_QUESTION_WORDS = [
    *(group + ask for group in _THIS_GROUP_WORDS for ask in _BINDING_ASKED_WORDS),
    "这是哪个县的群",
    "这是哪个区的群",
]


def parse_binding(args: str, ctx: Context) -> tuple[County, Audience]:
    """`平山县`, `平山县 分局`, `平山 企业群`, `平山县分局` → the county and the audience."""
    words = args.split()
    if len(words) == 1:
        for suffix in sorted(AUDIENCE_WORDS, key=len, reverse=True):
            stem = words[0].removesuffix(suffix)
            if stem != words[0] and stem:
                words = [stem, suffix]
                break
    audiences = [AUDIENCE_WORDS[w] for w in words if w in AUDIENCE_WORDS]
    names = [w for w in words if w not in AUDIENCE_WORDS]
    if len(names) != 1 or len(audiences) > 1:
        raise UserError(ctx.render("group_binding.j2", step="unreadable"))
    county = ctx.kb.counties.match(names[0])
    if county is None:
        raise UserError(ctx.render("group_binding.j2", step="unknown_county", name=names[0]))
    return county, audiences[0] if audiences else Audience.ENTERPRISE


@router.command("绑定", staff_only=True)
async def bind(msg: Message, ctx: Context, args: str) -> list[Reply]:
    if msg.chat_kind is ChatKind.PRIVATE:
        raise UserError(ctx.render("group_binding.j2", step="private"))
    county, audience = parse_binding(args, ctx)
    within_own_county(msg, ctx, county.name, "bind")
    current = ctx.repos.groups.get(msg.channel, msg.chat_id)
    if current is not None:  # nor take over a group another county bound
        within_own_county(msg, ctx, current.county, "rebind")
    now = ctx.clock.now()
    previous = ctx.repos.groups.bind(msg.channel, msg.chat_id, county.name, audience, msg.sender_id, now)
    upcoming = ctx.schedule.upcoming(now, {audience})
    return [
        msg.reply(
            ctx.render(
                "group_bound.j2",
                county=county.name,
                audience=audience,
                previous=previous,
                next=upcoming[0] if upcoming else None,
                needs_robot=ctx.reach.push_via(msg.channel, msg.chat_id) is None,
            )
        )
    ]


@router.command("解绑", staff_only=True)
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


@router.command("本群", words=BINDING_QUESTION_WORDS)
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
