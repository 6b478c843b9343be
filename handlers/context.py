"""What every handler receives besides the message."""

from __future__ import annotations

import unicodedata
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Protocol

from bot.clock import Clock
from bot.delivery import Delivery
from bot.dispatch import COMMAND_TRIM, SLASHES, led_command
from bot.errors import UserError
from bot.message import ChatKind, Message, Role
from bot.reachability import Reachability
from bot.render import Renderer
from bot.settings import Settings
from handlers.flow_engine import PHONE_LIKE
from knowledge import credit_code
from knowledge.answering import Decided, OfAnswerBefore
from knowledge.base import YEAR_WORD, County, KnowledgeBase
from knowledge.catalogue import IndustryMatch
from knowledge.followup import FollowUp
from knowledge.schedule import Audience, Schedule, local
from storage.repos import Repositories


# made for every question and never changed: not frozen, whose __init__ pays object.__setattr__ per field
@dataclass(slots=True)
class Answer:
    """The Q&A reply to a question (handlers.qa.Answers)."""

    text: str
    choices: tuple[str, ...] = ()  # industry names offered by number: the next message may pick one
    # How sure it is: the best entry's score, 1 for an industry placed or told outside, 0 when not sure; None
    # when nothing was asked (small talk, an empty message).
    sure: float | None = None
    # Whether the question may go on from one asked before it ("那C级呢", or bare: "要交啥证明":
    # knowledge.followup.may_follow_up), judged once with the answer and remembered with it.
    follows: FollowUp | None = None
    greets: bool = False  # the reply to a greeting (你好, 你是谁)
    stray: bool = False  # a dialogue's word (是, 返回, 取消) said where no dialogue waits
    answered_by: str | None = None  # the id of the entry that answers it first (faq_*.yaml), if one does
    # the ids of the entries it states, a guess's too: where it comes from (出处呢)
    stated: tuple[str, ...] = ()
    # the industry verdict it gives (a business placed, told outside or not placed surely): where it comes from (出处呢)
    verdict: IndustryMatch | None = None
    # asks where the answer before comes from (出处呢) or more of it (具体点): answered from that answer
    of_before: OfAnswerBefore | None = None
    closest: tuple[
        str, ...
    ] = ()  # a bare follow-up's own closest entries (knowledge.followup.closest_entries)
    deadlines: tuple[str, ...] = ()  # the schedule's deadlines its entries state (faq_*.yaml `deadlines`)
    dated: bool = False  # asks today's date (今天几号): told from the clock as it is sent (text_as_sent)
    # the asker's own words the text repeats (what else a long message asked): masked where a group reads them
    quoted: tuple[str, ...] = ()


@dataclass(frozen=True)
class HandlerConfig:
    """The settings handlers act on; the rest (secrets, channels, the server) is the core's."""

    bot_name: str
    staff: Mapping[str, str]  # BOT_STAFF: staff account -> the county they work for ("" for none)
    dialogue_idle: timedelta  # a dialogue left this long is paused (a confirmation or choice lapses)
    dialogue_keep_days: int  # a paused dialogue is dropped after this many days
    followup_window: timedelta  # a follow-up goes on from the sender's own question this recent
    group_followup_window: timedelta  # or, in a group, from the chat's last question this recent
    greeting_again_window: (
        timedelta  # a greeting this soon after one in the same chat gets the short greeting
    )
    exports_dir: Path
    send_concurrency: int  # chats one push goes out to at a time
    reminder_grace: timedelta  # a staff reminder found overdue is still sent this long after its time
    public_url: str  # BOT_PUBLIC_URL: the base of the staff workspace's links ("": the workspace is off)
    session_secret: str  # BOT_SESSION_SECRET: signs the workspace's links and sessions ("": off)

    @classmethod
    def of(cls, settings: Settings) -> HandlerConfig:
        return cls(
            bot_name=settings.bot_name,
            staff=MappingProxyType(dict(settings.staff)),
            dialogue_idle=timedelta(minutes=settings.dialogue_idle_minutes),
            dialogue_keep_days=settings.dialogue_keep_days,
            followup_window=timedelta(minutes=settings.followup_minutes),
            group_followup_window=timedelta(minutes=settings.group_followup_minutes),
            greeting_again_window=timedelta(minutes=settings.greeting_again_minutes),
            exports_dir=settings.exports_dir,
            send_concurrency=settings.send_concurrency,
            reminder_grace=timedelta(minutes=settings.reminder_grace_minutes),
            public_url=settings.public_url,
            session_secret=settings.session_secret.get_secret_value(),
        )


class Answering(Protocol):
    """The Q&A reply to a question, None for a request for others' data (handlers.qa.answerer: remembered);
    `decided`, the question's decision where one was made already, is answered from instead of deciding again."""

    def __call__(self, question: str, decided: Decided | None = None) -> Answer | None: ...


@dataclass(frozen=True)
class Context:
    clock: Clock
    repos: Repositories
    kb: KnowledgeBase
    render: Renderer
    answer: Answering
    config: HandlerConfig
    schedule: Schedule
    delivery: Delivery  # pushes to chats (reminders, broadcasts): rate-limited, retried
    # Later messages to someone who spoke (a broadcast's report): back the way they spoke, never through a
    # group robot, which may be what is failing; rate-limited and retried like pushes.
    answers: Delivery
    reach: Reachability  # whether pushes reach a chat, and by which route
    spawn: Callable[[Awaitable[None]], None]  # background work the bot waits for before it stops


def mask_phone(phone: str) -> str:
    """For logs and group chats: a contact's number is never written in full (a landline keeps its area code)."""
    area, dash, local = phone.rpartition("-")
    if dash:
        return f"{area}-****{local[-4:]}"
    return f"{phone[:3]}****{phone[-4:]}" if len(phone) == 11 else "****"


def own_county(msg: Message, ctx: Context) -> County | None:
    """The county a staff member works for when BOT_STAFF names one: such staff act within it only. None
    for staff with no county there (e.g. the city's) and for the console's simulated staff."""
    named = ctx.config.staff.get(msg.sender_id, "")
    return ctx.kb.counties.match(named) if named else None


def county_named(ctx: Context, named: str, command: str) -> County:
    """The county a staff command names, read as every county step reads one (aliases and typos alike); a name that
    is no county is refused with the counties' names, never ignored."""
    reading = ctx.kb.counties.read(named)
    if reading is None:
        raise UserError(
            ctx.render(
                "assessment_county_needed.j2", command=command, unknown=named, counties=ctx.kb.counties.names
            )
        )
    return reading.county


def county_read_as(ctx: Context, named: str) -> str:
    """How a staff list read a close county name it was given (/申请列表 平三县: 平山县), said before the list: a
    list only shows, so it answers at once where /提醒 and /广播, which send, ask first. Empty for a county's own
    name, or none."""
    reading = ctx.kb.counties.read(named) if named.strip() else None
    if reading is None or reading.certain:
        return ""
    return ctx.render("county_read_as.j2", said=named.strip(), county=reading.county.name)


def read_as_said(note: str, text: str) -> str:
    """A reply with how its county was read (`county_read_as`) before it."""
    return f"{note}\n{text}" if note else text


def staff_alone_read(msg: Message, ctx: Context) -> bool:
    """Whether only staff read the chat the message comes from: a private chat, or a group bound as a county
    branch's (分局群). Lists that name enterprises or other chats are shown there only; a group enterprises
    read is shown only what concerns it."""
    if msg.chat_kind is ChatKind.PRIVATE:
        return True
    binding = ctx.repos.groups.get(msg.channel, msg.chat_id)
    return binding is not None and binding.audience == Audience.COUNTY_BRANCH


def audiences_of(msg: Message, ctx: Context) -> set[Audience]:
    """Whose deadlines concern the sender: a bound group's audience; otherwise staff's every deadline and an
    enterprise's its own."""
    if msg.chat_kind is ChatKind.GROUP:
        binding = ctx.repos.groups.get(msg.channel, msg.chat_id)
        if binding is not None:
            return {Audience(binding.audience)}
    return set(Audience) if msg.role is Role.STAFF else {Audience.ENTERPRISE}


def text_as_sent(msg: Message, ctx: Context, answer: Answer) -> str:
    """The answer's text as it is sent, what of it depends on the clock read now (the answer is the same at any time,
    and remembered): opened with the deadlines it states that have gone by, the sender's own told with whom to ask
    about being late, others' as whose they are (an enterprise is not told the branches' step as its own). A question
    of today's date is answered from the same clock."""
    if answer.dated:
        return ctx.render("qa_date.j2", now=local(ctx.clock.now()))
    if not answer.deadlines:
        return answer.text  # most answers state no deadline
    now = ctx.clock.now()
    stated = [deadline for deadline in ctx.schedule.deadlines if deadline.id in answer.deadlines]
    # an answer stating several deadlines notes only those of what the question names, where it names any
    asked = [deadline for deadline in stated if deadline.named_in(msg.text)] or stated
    passed = sorted(
        (deadline for deadline in asked if deadline.due <= now), key=lambda deadline: deadline.due
    )
    if not passed:
        return answer.text
    audiences = audiences_of(msg, ctx)
    own = [deadline for deadline in passed if audiences & set(deadline.audience)]
    others = [deadline for deadline in passed if deadline not in own]
    note = ctx.render("qa_deadline_passed.j2", now=now, own=own, others=others)
    return f"{note}\n{answer.text}"


def answer_to(msg: Message, ctx: Context, decided: Decided | None = None) -> Answer:
    """The Q&A reply to a message; a request for other enterprises' data gets the refusal, never an answer.
    `decided`: the message's decision where reading it made one already (Answering)."""
    text = msg.text
    if YEAR_WORD in text:  # most messages say no year: spared the clock's reading
        text = ctx.kb.read_years(text, local(msg.received_at).year, ctx.schedule.campaign_year)
    said = unicodedata.normalize("NFKC", text)
    group = msg.chat_kind is ChatKind.GROUP
    phone = PHONE_LIKE.search(said) is not None
    if phone and not any(char.isalpha() for char in PHONE_LIKE.sub("", said)):
        # a number alone is nothing to answer: said where it goes, and in a group that it is no place for it
        return Answer(ctx.render("qa_phone_alone.j2", group=group, alone=True))
    codes = credit_code.written_in(text)
    if codes:  # no register to look it up in: what the code's letters resemble is no answer
        return Answer(ctx.render("qa_credit_code.j2", code=credit_code.mask(codes[0]["code"]), group=group))
    answer = ctx.answer(text, decided)
    if answer is None:
        return Answer(ctx.render("qa_others_data.j2", staff=msg.role is Role.STAFF))
    if phone and not answer.sure and not answer.choices:
        # a number left with words that ask nothing answered ("我的电话…，有事打给我"): where it goes, as alone
        return Answer(ctx.render("qa_phone_alone.j2", group=group, alone=False))
    return answer


def is_command(kb: KnowledgeBase, text: str) -> bool:
    """Whether a message is a command however it is typed, as the dispatcher reads commands.yaml: a /name (one
    the bot has or not), a command's word said alone (还有几天截止, 我的申请) or a lead before a code (修改申请
    9113…). A dialogue waiting for an answer leaves such a message to the command rather than take it as the
    answer (a contact person's name is never 我的申请), and a follow-up never goes on from a command."""
    said = text.strip()
    if said.startswith(SLASHES):
        return True
    spoken, leads = _command_words(kb)
    return said.strip(COMMAND_TRIM) in spoken or led_command(said, leads) is not None


@lru_cache(maxsize=4)  # one per knowledge base (hashed by identity)
def _command_words(kb: KnowledgeBase) -> tuple[frozenset[str], tuple[str, ...]]:
    """Every command's words said alone, and the leads said before a code."""
    commands = kb.commands.values()
    spoken = frozenset(word for command in commands for word in command.spoken)
    return spoken, tuple(lead for command in commands for lead in command.leads)
