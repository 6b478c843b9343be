"""/提醒, /提醒列表, /取消提醒: reminders staff schedule themselves, next to the campaign's."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.dispatch import Aside
from bot.errors import UserError
from bot.message import ChatKind, Message, Reply
from bot.timeparse import day_said_alone, names_part_of_day, parse_when, part_of_the_day
from handlers.context import Context, county_read_as, is_command, own_county, read_as_said, staff_alone_read
from handlers.dialogues import (
    advance_one_step,
    ask_again,
    ask_to_confirm,
    asked_again_after_answer,
    on_confirm,
    one_step,
    row_of,
    start_one_step,
    state_of,
)
from handlers.reminders.common import (
    chat_names,
    chats_of_named_county,
    county_said_first,
    private_reminder_owners,
    reminder_of_own_county,
    says_nothing,
    within_own_county,
)
from handlers.reminders.router import router
from knowledge.answering import asks
from knowledge.schedule import Audience
from storage.lazy import models

UPCOMING_CAMPAIGN_SHOWN = 8
HOUR_FLOW = "reminder_hour"  # the hour asked for after a reminder given a day alone
COUNTY_FLOW = "reminder_county"  # the confirmation of a county read from a close name (平三县)
NUMBER_DIGITS = 9  # a reminder's number is never longer (a database integer holds 18 digits)
SMALL_HOURS_END = 6  # a reminder set before this hour without saying 凌晨 is said to fall in the night


def _refusal(ctx: Context, step: str, **values: object) -> UserError:
    return UserError(ctx.render("reminder_command.j2", step=step, **values))


@router.command("remind", staff_only=True)
async def remind(msg: Message, ctx: Context, args: str) -> list[Reply]:
    now = ctx.clock.now()
    reading, first, rest = county_said_first(ctx, args, "remind")
    glued = next((name for name in ctx.kb.counties.names if args.startswith(name)), "")
    if glued and (reading is None or not reading.certain) and _reads_as_time(args[len(glued) :], now):
        # a county typed without the space before the time (平山县明天9点): no time begins with a county's name
        reading, first, rest = ctx.kb.counties.read(glued), glued, args[len(glued) :]
    parsed = parse_when(rest, now) if reading is not None else None
    if reading is None and rest and ctx.kb.counties.resembles(first) and parse_when(rest, now) is not None:
        # else blamed on the time, which reads fine
        raise _refusal(ctx, "unknown_county", name=first, counties=ctx.kb.counties.names)
    if reading is not None and not reading.certain and _reads_as_time(rest, now):
        # 平三县, 鹿泉市, 平山县岗南镇: asked, as /绑定 asks, before a reminder goes to a county guessed
        name = reading.county.name
        within_own_county(msg, ctx, name, "remind")  # another county's staff are refused first, not asked
        question = ctx.render("reminder_command.j2", step="county_guessed", county=name, said=first)
        cancelled = ctx.render("reminder_command.j2", step="hour_cancelled")
        return ask_to_confirm(msg, ctx, COUNTY_FLOW, question, cancelled, args=f"{name} {rest}")
    if parsed is None:  # no county before a time that reads: the whole is the time ("明天 9点 开会")
        parsed = parse_when(args, now)
        reading = reading if parsed is None else None
    alone = ctx.kb.counties.read(first) if not rest else None
    if parsed is None and alone is not None:  # the time and text forgotten, not a time reading "平山县"
        raise _refusal(ctx, "county_alone", county=alone.county.name)
    county = reading.county if reading is not None else None
    if parsed is None:
        named = reading is not None
        when = rest if named else args
        day = day_said_alone(when)
        if not day:
            raise _refusal(ctx, "no_time", bare=not args.strip())
        # the hour is asked for: the next message may give it alone ("9点")
        half_given = {
            "county": reading.county.name if reading is not None else "",
            "day": day,
            "text": when.strip()[len(day) :].strip(),
        }
        question = _hour_asked(ctx, "no_hour", half_given, waits=True)
        cancelled = ctx.render("reminder_command.j2", step="hour_cancelled")
        if start_one_step(
            msg, ctx, HOUR_FLOW, one_step(ctx).completion(half_given, question, cancelled, now)
        ):
            return [msg.reply(question)]
        return [msg.reply(_hour_asked(ctx, "no_hour", half_given, waits=False))]
    moment, text = parsed
    if says_nothing(text):
        raise _refusal(ctx, "no_text")
    if moment <= now:
        raise _refusal(ctx, "past", moment=moment, now=now)
    if county is not None:
        within_own_county(msg, ctx, county.name, "remind")
    else:
        binding = ctx.repos.groups.get(msg.channel, msg.chat_id)
        if binding is not None:  # an unbound group is nobody's: staff may remind the one they are in
            within_own_county(msg, ctx, binding.county, "remind")
    if county is None and ctx.reach.push_via(msg.channel, msg.chat_id) is None:
        raise _refusal(ctx, "needs_robot")
    reminder = ctx.repos.announcements.add(
        models.Announcement(
            kind="reminder",
            text=text,
            target_channel=None if county else msg.channel,
            target_chat_id=None if county else msg.chat_id,
            county=county.name if county else None,
            due_at=moment,
            status="scheduled",
            created_by=msg.sender_id,
            created_by_name=msg.sender_name,
            created_at=now,
        )
    )
    set_for = {
        # "7月17日 3点半": the small hours, when nobody sends a notice, unless said so (凌晨3点半) in the time itself, not
        # in the reminder's text ("3点 下午开会" is still 03:00)
        "small_hours": moment.hour < SMALL_HOURS_END and not names_part_of_day(args[: args.rindex(text)]),
        "county": county.name if county else None,
        "groups": len(ctx.repos.groups.bound(county.name)) if county else 0,
        "in_group": msg.chat_kind is ChatKind.GROUP,
    }
    done = ctx.render("reminder_command.j2", step="set", reminder=reminder, now=now, **set_for)
    dropped = _reminder_question_ended(msg, ctx, text)
    return [msg.reply(f"{done}\n{dropped}" if dropped else done)]


def _reads_as_time(said: str, now: datetime) -> bool:
    """Whether what follows a county begins with a reminder's time, or its day with the hour to be asked."""
    return parse_when(said, now) is not None or bool(day_said_alone(said))


@on_confirm(router, COUNTY_FLOW)
async def county_confirmed(msg: Message, ctx: Context, answers: dict[str, Any]) -> list[Reply]:
    """The county guessed is the one meant: the reminder is read again with its name."""
    return await remind(msg, ctx, str(answers["args"]))


def _reminder_question_ended(msg: Message, ctx: Context, text: str) -> str | None:
    """A reminder set while the sender's hour question (or a county's confirmation) waited (the question itself
    offers sending the command again, time written): the question ends, so that an hour or 确认 said later sets
    nothing twice; said dropped when the one waiting was another reminder."""
    record = ctx.repos.dialogues.get(*msg.conversation)
    if record is None or record.flow not in (HOUR_FLOW, COUNTY_FLOW):
        return None
    ctx.repos.dialogues.end(*msg.conversation)
    state = state_of(record)
    if one_step(ctx).question(state, ctx.clock.now()) is None or state.answers.get("text") == text:
        return None
    if record.flow == COUNTY_FLOW and str(state.answers["args"]).endswith(
        text
    ):  # the same, its county corrected
        return None
    return ctx.render("confirmation_dropped.j2", flow=HOUR_FLOW, answers=state.answers)


@router.dialogue(HOUR_FLOW)
async def take_hour(msg: Message, ctx: Context, record: models.DialogueRecord) -> list[Reply] | Aside | None:
    """The hour asked for after a reminder's day, asked until it is given or declined, the day and the text kept:
    another command or a question is answered as usual and the hour asked again after it; anything else is said
    not to be an hour ("25点", "下午"), and the hour asked again."""
    now = ctx.clock.now()
    half_given = {name: state_of(record).answers[name] for name in ("county", "day", "text")}
    reply = msg.text.strip()
    commanded = is_command(ctx.kb, reply) and not one_step(ctx).answers_confirmation(reply)
    read = None if commanded else _time_said(str(half_given["day"]), reply, now)
    if commanded or (read is None and asks(ctx.kb, reply)):
        return asked_again_after_answer(ctx, record)
    outcome = advance_one_step(msg, ctx, HOUR_FLOW, record)
    if outcome.status == "cancelled":
        return [msg.reply(outcome.text)]
    if outcome.status != "done":
        return None  # the question lapsed: the message is answered as usual
    if read is None and _part_of_day_alone(reply) and not part_of_the_day(str(half_given["day"])):
        # "明天", then "下午": the part of the day is kept with the day, so that "3点" next is 15:00, not 03:00
        narrowed = {**half_given, "day": f"{half_given['day']}{reply}"}
        question = _hour_asked(ctx, "no_hour", narrowed, waits=True)
        waiting = one_step(ctx).completion(
            narrowed, question, str(state_of(record).answers["cancelled"]), now
        )
        ctx.repos.dialogues.save(row_of(msg, HOUR_FLOW, waiting))
        return [msg.reply(question)]
    if read is None:
        unread = _hour_asked(ctx, "hour_unread", half_given, said=reply)
        return ask_again(msg, ctx, HOUR_FLOW, record, unread)
    when, moment, text = read
    if moment <= now:
        past = ctx.render("reminder_command.j2", step="hour_past", moment=moment, now=now)
        return ask_again(msg, ctx, HOUR_FLOW, record, past)
    if not (text or half_given["text"]):  # "/提醒 明天", then "9点": what to say is still missing
        missing = _hour_asked(ctx, "text_missing", half_given, said=reply)
        return ask_again(msg, ctx, HOUR_FLOW, record, missing)
    return await remind(msg, ctx, f"{half_given['county']} {when} {half_given['text']}".strip())


def _part_of_day_alone(reply: str) -> bool:
    """Whether a reply is a part of the day and nothing else (下午, 晚上)."""
    said = reply.strip()
    return bool(said) and part_of_the_day(said) == said and day_said_alone(said) == said


def _hour_asked(ctx: Context, step: str, half_given: dict[str, str], **values: object) -> str:
    """What is said of a reminder whose hour is missing, its day (or part of the day: "下午") named as such."""
    part_of_day = part_of_the_day(half_given["day"])
    return ctx.render("reminder_command.j2", step=step, part_of_day=part_of_day, **half_given, **values)


def _time_said(day: str, reply: str, now: datetime) -> tuple[str, datetime, str] | None:
    """The time a reply to the hour's question gives, as said, read, and the text after it: the hour alone ("9点",
    "下午3点") on the day (and part of the day) asked about, a whole time ("明天10点") as it is; None when it gives no
    hour."""
    # "明天下午" then "下午3点": the reply's own part of the day, on the day asked about
    on_the_day = day.removesuffix(part_of_the_day(day)).strip()
    for said in (f"{day} {reply}", f"{on_the_day} {reply}".strip(), reply):
        parsed = None if day_said_alone(said) else parse_when(said, now)
        if parsed is not None:
            return said, *parsed
    return None


@router.command("list_reminders", staff_only=True)
async def list_reminders(msg: Message, ctx: Context, args: str) -> list[Reply]:
    now = ctx.clock.now()
    here = (msg.channel, msg.chat_id)
    reminders = [
        r for r in ctx.repos.announcements.scheduled_reminders() if reminder_of_own_county(msg, ctx, r)
    ]
    county, its_groups = chats_of_named_county(ctx, args, "list_reminders")
    if county is not None:
        reminders = [
            r for r in reminders if r.county == county or (r.target_channel, r.target_chat_id) in its_groups
        ]
    elsewhere = 0
    if not staff_alone_read(msg, ctx):
        # enterprises read this group: only what reaches it is listed; reminders to other chats (a staff
        # member's own, in private) are counted
        binding = ctx.repos.groups.get(*here)
        reaching = [
            reminder
            for reminder in reminders
            if (reminder.target_channel, reminder.target_chat_id) == here
            or (binding is not None and reminder.county == binding.county)
        ]
        reminders, elsewhere = reaching, len(reminders) - len(reaching)
    targets = {
        (reminder.target_channel, reminder.target_chat_id): reminder
        for reminder in reminders
        if reminder.target_channel is not None and reminder.target_chat_id is not None
    }
    names = chat_names(ctx, targets, private_reminder_owners(reminders))
    staff = [
        {
            "reminder": reminder,
            "here": (reminder.target_channel, reminder.target_chat_id) == here,
            "where": names.get((reminder.target_channel or "", reminder.target_chat_id or "")),
            # a county's reminder goes to the groups bound when it is due: none bound now is said, not found later
            "unbound": reminder.county is not None and not ctx.repos.groups.bound(reminder.county),
        }
        for reminder in reminders
    ]
    own = own_county(msg, ctx)
    # the campaign's reminders reach the groups of the staff member's county, else of the county named
    groups = ctx.repos.groups.bound(own.name if own else county)
    per_audience = {a: sum(1 for g in groups if g.audience == a) for a in Audience}
    campaign = [occurrence for occurrence in ctx.schedule.occurrences() if occurrence.at > now]
    listing = ctx.render(
        "reminder_list.j2",
        now=now,
        staff=staff,
        elsewhere=elsewhere,
        in_group=msg.chat_kind is ChatKind.GROUP,
        per_audience=per_audience,
        campaign=campaign[:UPCOMING_CAMPAIGN_SHOWN],
        more=max(0, len(campaign) - UPCOMING_CAMPAIGN_SHOWN),
    )
    return [msg.reply(read_as_said(county_read_as(ctx, args), listing))]


@router.command("cancel_reminder", staff_only=True)
async def cancel_reminder(msg: Message, ctx: Context, args: str) -> list[Reply]:
    said = args.strip()
    labels = ctx.kb.commands["cancel_reminder"].reads.get("number_labels", [])
    said = said.removeprefix(next((label for label in labels if said.startswith(label)), "")).lstrip("#＃")
    if not said.isdecimal():  # "²" is a digit, but no number int() reads
        raise _refusal(ctx, "no_number", said=said)
    # ３ typed on a phone is 3; a number longer than any reminder's was refused by the database as too large
    number = str(int(said)) if len(said) <= NUMBER_DIGITS else said
    reminder = (
        ctx.repos.announcements.numbered("reminder", int(number)) if len(said) <= NUMBER_DIGITS else None
    )
    if reminder is None or reminder.id is None:
        raise _refusal(ctx, "not_found", number=number)
    if not reminder_of_own_county(msg, ctx, reminder):
        raise _refusal(ctx, "other_county", number=number)
    if not ctx.repos.announcements.move(reminder.id, "scheduled", "cancelled"):
        raise _refusal(ctx, "not_scheduled", number=number, status=reminder.status)
    return [msg.reply(ctx.render("reminder_command.j2", step="cancelled", number=number, reminder=reminder))]
