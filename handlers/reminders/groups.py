"""/绑定 and /解绑: which groups get reminders and broadcasts, by county and audience."""

from __future__ import annotations

from typing import Any

from bot.errors import UserError
from bot.message import ChatKind, Message, Reply
from handlers.context import Context
from handlers.dialogues import ask_to_confirm, on_confirm
from handlers.reminders.common import group_kind, within_own_county
from handlers.reminders.router import router
from knowledge.base import County
from knowledge.schedule import Audience

AUDIENCE_WORDS = {
    "企业": Audience.ENTERPRISE,
    "企业群": Audience.ENTERPRISE,
    "分局": Audience.COUNTY_BRANCH,
    "分局群": Audience.COUNTY_BRANCH,
}
BIND_USAGE = "请这样发送：/绑定 平山县（企业群，默认），或 /绑定 平山县 分局（分局工作群）。"


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
        raise UserError(f"没看懂要绑定哪个县（市、区）。{BIND_USAGE}")
    county = ctx.kb.counties.match(names[0])
    if county is None:
        raise UserError(f"没找到“{names[0]}”对应的县（市、区）。{BIND_USAGE}")
    return county, audiences[0] if audiences else Audience.ENTERPRISE


@router.command("绑定", staff_only=True, summary="把本群绑定到县（市、区）")
async def bind(msg: Message, ctx: Context, args: str) -> list[Reply]:
    if msg.chat_kind is ChatKind.PRIVATE:
        raise UserError("请在要绑定的群里发送。" + BIND_USAGE)
    county, audience = parse_binding(args, ctx)
    within_own_county(msg, ctx, county.name, "把群绑定到{county}")
    current = ctx.repos.groups.get(msg.channel, msg.chat_id)
    if current is not None:  # nor take over a group another county bound
        within_own_county(msg, ctx, current.county, "改绑{county}的群")
    now = ctx.clock.now()
    previous = ctx.repos.groups.bind(msg.channel, msg.chat_id, county.name, audience, msg.sender_id, now)
    upcoming = ctx.schedule.upcoming(now, {audience})
    return [
        msg.reply(
            ctx.render(
                "group_bound.j2",
                county=county.name,
                kind=group_kind(audience),
                previous=None if previous is None else f"{previous.county}·{group_kind(previous.audience)}",
                next=upcoming[0] if upcoming else None,
                needs_robot=ctx.reach.push_via(msg.channel, msg.chat_id) is None,
            )
        )
    ]


@router.command("解绑", staff_only=True, summary="解除本群的绑定")
async def unbind(msg: Message, ctx: Context, args: str) -> list[Reply]:
    if msg.chat_kind is ChatKind.PRIVATE:
        raise UserError("请在要解绑的群里发送 /解绑。")
    binding = ctx.repos.groups.get(msg.channel, msg.chat_id)
    if binding is None:
        raise UserError("本群还没有绑定，不用解绑。")
    within_own_county(msg, ctx, binding.county, "解绑{county}的群")
    label = f"{binding.county}·{group_kind(binding.audience)}"
    robot = "，为本群设置的群机器人也一并删除" if binding.robot_key else ""
    question = f"确定解绑本群（{label}）吗？解绑后本群不再收到截止提醒和广播{robot}。请回复“确认”或“取消”。"
    return ask_to_confirm(msg, ctx, "unbind", question, cancelled=f"已取消，本群仍绑定{label}。")


@on_confirm(router, "unbind")
async def unbind_confirmed(msg: Message, ctx: Context, answers: dict[str, Any]) -> list[Reply]:
    if not ctx.repos.groups.unbind(msg.channel, msg.chat_id):
        return [msg.reply("本群已经不在绑定名单里了。")]
    return [msg.reply("已解绑，本群不再收到截止提醒和广播。")]
