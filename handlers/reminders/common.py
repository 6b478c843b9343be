"""Shared by the reminders module: which county staff act on (times, countdowns, audiences read as knowledge/templates/_reminders.j2 says)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.errors import UserError
from bot.message import Message
from bot.text import NAME_SET_OFF
from handlers.context import Context, county_named, own_county
from knowledge.base import CountyReading
from storage.lazy import models

Chat = tuple[str, str]  # (channel, chat id)
# A county's reminder that fell due with no group bound there is recorded once as (key, NO_GROUP_CHANNEL, county):
# no chat, but staff must see it was not delivered and why
NO_GROUP_CHANNEL = ""
NO_GROUPS = "no_groups"  # the status of that row, and of the reminder
ID_TAIL = 3  # the characters of a chat id shown where nothing else tells the chat apart: too few to use


@dataclass(frozen=True)
class ChatName:
    """What staff call a chat (_reminders.j2's chat_name): a platform's chat id (wrkSFfCgAA…, an openid) says
    nothing to them, and a user id is someone's account, so neither is shown whole."""

    binding: models.GroupBinding | None  # a bound group: its county and kind
    owner: str | None  # else a staff member's private chat: their name
    tail: str | None  # the end of the id, where the rest does not tell the chat apart
    county_without_groups: str | None = (
        None  # else the county a reminder found no group in (NO_GROUP_CHANNEL)
    )


def chat_names(ctx: Context, chats: Iterable[Chat], owners: Mapping[Chat, str]) -> dict[Chat, ChatName]:
    """The name of each chat; `owners` names whose private chat a chat is. Two groups of one county and kind are
    told apart by the end of their ids."""
    bindings = {(group.channel, group.chat_id): group for group in ctx.repos.groups.bound()}
    kinds = Counter((group.county, group.audience) for group in bindings.values())
    names = {}
    for chat in chats:
        if chat[0] == NO_GROUP_CHANNEL:
            names[chat] = ChatName(None, None, None, county_without_groups=chat[1])
            continue
        binding, owner = bindings.get(chat), owners.get(chat)
        alike = binding is not None and kinds[binding.county, binding.audience] > 1
        named = binding is not None or owner is not None
        tail = chat[1][-ID_TAIL:] if alike or not named else None
        names[chat] = ChatName(binding, None if binding else owner, tail)
    return names


def private_reminder_owners(reminders: Iterable[models.Announcement]) -> dict[Chat, str]:
    """Whose private chat each reminder set in one goes to: the staff member who set it there."""
    return {
        (reminder.target_channel, reminder.target_chat_id): reminder.created_by_name
        for reminder in reminders
        if reminder.target_channel is not None and reminder.target_chat_id == reminder.created_by
    }


def says_nothing(text: str) -> bool:
    """Whether a notice or a reminder's text has no letter or digit in it ("", "。", "……"): nothing to send, though
    "/广播 鹿泉区 。" was previewed and sent as a notice reading "。"."""
    return not any(char.isalnum() for char in text)


def within_own_county(msg: Message, ctx: Context, county: str | None, doing: str) -> str | None:
    """The county a staff command acts on. Staff of a county (BOT_STAFF) act on their own only, and naming
    none means theirs; other staff act on what they named (None: every county). `doing` ("broadcast",
    "remind", …) is what own_county_only.j2 says they may do in their own."""
    own = own_county(msg, ctx)
    if own is None:
        return county
    if county is not None and county != own.name:
        raise UserError(ctx.render("own_county_only.j2", own=own.name, doing=doing))
    return own.name


def chats_of_named_county(ctx: Context, args: str, command: str) -> tuple[str | None, set[Chat]]:
    """The county a staff list is narrowed to ("/提醒列表 平山县": staff of several counties) and its bound
    groups, with the county's own place in the ledger (NO_GROUP_CHANNEL); (None, empty) when none is named. A name that is no county is said so, not ignored."""
    named = args.strip()
    if not named:
        return None, set()
    county = county_named(ctx, named, command)
    groups = {(group.channel, group.chat_id) for group in ctx.repos.groups.bound(county.name)}
    return county.name, groups | {(NO_GROUP_CHANNEL, county.name)}


def reminder_of_own_county(msg: Message, ctx: Context, reminder: models.Announcement) -> bool:
    """Whether staff may see and cancel a staff reminder: always, unless BOT_STAFF gives them a county;
    then their own reminders and those for their county or one of its groups."""
    own = own_county(msg, ctx)
    if own is None or reminder.created_by == msg.sender_id:
        return True
    if reminder.county is not None:
        return reminder.county == own.name
    if reminder.target_channel is None or reminder.target_chat_id is None:
        return False
    binding = ctx.repos.groups.get(reminder.target_channel, reminder.target_chat_id)
    return binding is not None and binding.county == own.name


def county_said_first(ctx: Context, args: str, command: str) -> tuple[CountyReading | None, str, str]:
    """The county a staff command's arguments begin with (/提醒 平山县 明天9点 …, /广播 平山县，…), read as the
    self-assessment and /绑定 read one (`Counties.read`: 石家庄市平山县 and 平山 at once, 平三县, 鹿泉市 or 平山县岗南镇
    to be confirmed), with the word it was read from and what follows it, set off by a space, a comma, a colon or
    、. (None, first word, rest) when it is no county. Several counties one after another (/广播 平山县 鹿泉区 …)
    are refused, saying how to send one a county (`command`: the command's key): read as one, the others were
    left at the start of the text and the groups of only the first county got it."""
    first, *rest = [word for word in NAME_SET_OFF.split(args.strip(), maxsplit=1) if word] or [""]
    reading = ctx.kb.counties.read(first) if rest else None
    if reading is not None:
        following, said = _counties_following(ctx, rest[0])
        named = list(dict.fromkeys([reading.county.name, *following]))
        if len(named) > 1:
            raise UserError(ctx.render("several_counties.j2", command=command, counties=named, text=said))
    return reading, first, rest[0] if rest else ""


def _counties_following(ctx: Context, text: str) -> tuple[list[str], str]:
    """The counties the text begins with, each set off from what follows it, and the text after them: a county's
    name, or a word shaped like one that reads as one (平三县); never words that only begin with one
    (平山县的企业请注意：…, the notice's own)."""
    counties: list[str] = []
    while len(words := [word for word in NAME_SET_OFF.split(text, maxsplit=1) if word]) == 2:
        reading = ctx.kb.counties.read(words[0])
        if reading is None or not (reading.certain or ctx.kb.counties.resembles(words[0])):
            break
        counties.append(reading.county.name)
        text = words[1]
    return counties, text
