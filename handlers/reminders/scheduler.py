"""The tick job: send each due reminder once per matching group, settle what can no longer be useful.

Campaign reminders come from the schedule, staff reminders from the announcements table. A group is owed
the campaign reminders timed at or after its binding. Reminders found overdue (the bot was down) are sent
late only while still useful: for each deadline the latest owed one goes out if the deadline is ahead,
earlier ones are recorded as superseded; once the deadline has passed they are recorded as missed. Staff
reminders are sent late up to reminder_grace_minutes after their time, then recorded as missed; one for a
county with no group bound when it falls due is recorded as such (NO_GROUPS), once, for the county.
"""

from __future__ import annotations

from datetime import datetime

from bot.message import Reply
from handlers.context import Context
from handlers.reminders.common import NO_GROUP_CHANNEL, NO_GROUPS
from handlers.reminders.fanout import Push, push_all
from knowledge.schedule import Occurrence, last_day
from storage.lazy import models


async def send_due_reminders(ctx: Context) -> int:
    """Returns how many reminders were delivered."""
    return await _campaign_reminders(ctx) + await _staff_reminders(ctx)


def falling_due(ctx: Context, after: datetime, until: datetime) -> list[datetime]:
    """The moments in (after, until] at which a reminder falls due, the campaign's and staff's, soonest first: a
    simulated clock run over them stops at each (the interactive console's /advance), so that each goes out at its
    own time, once, instead of all being settled late at the end as for a bot that was off in between."""
    campaign = {occurrence.at for occurrence in ctx.schedule.occurrences() if after < occurrence.at <= until}
    scheduled = ctx.repos.announcements.scheduled_reminders(due_by=until)
    return sorted(campaign | {reminder.due_at for reminder in scheduled if reminder.due_at > after})


def occurrence_label(ctx: Context, occurrence: Occurrence) -> str:
    return ctx.render("delivery_label.j2", kind="campaign", occurrence=occurrence)


def render_reminder(ctx: Context, occurrence: Occurrence) -> str:
    now = ctx.clock.now()
    deadline = occurrence.deadline
    return ctx.render(
        "reminder.j2",
        deadline=deadline,
        now=now,
        last_day=now >= last_day(deadline.due),
        source=ctx.kb.sources[deadline.source.doc].short,
    )


async def _campaign_reminders(ctx: Context) -> int:
    now = ctx.clock.now()
    due = [o for o in ctx.schedule.occurrences() if o.at <= now]
    groups = ctx.repos.groups.bound()
    if not due or not groups:
        return 0
    deliveries = ctx.repos.deliveries
    settled = deliveries.settled(sorted({o.key for o in due}))
    texts: dict[str, str] = {}
    pushes: list[Push] = []
    for group in groups:
        for owed in _owed(group, due, settled).values():
            *earlier, latest = owed
            for occurrence in earlier:
                deliveries.record(
                    occurrence.key,
                    group.channel,
                    group.chat_id,
                    occurrence_label(ctx, occurrence),
                    "missed" if occurrence.deadline.due <= now else "superseded",
                    now,
                )
            if latest.deadline.due <= now:
                deliveries.record(
                    latest.key, group.channel, group.chat_id, occurrence_label(ctx, latest), "missed", now
                )
                continue
            if latest.key not in texts:
                texts[latest.key] = render_reminder(ctx, latest)
            reply = Reply(group.channel, group.chat_id, texts[latest.key])
            pushes.append(Push(latest.key, reply, occurrence_label(ctx, latest)))
    return (await push_all(ctx, pushes)).delivered


def _owed(
    group: models.GroupBinding, due: list[Occurrence], settled: set[tuple[str, str, str]]
) -> dict[str, list[Occurrence]]:
    """This group's unsettled reminders, per deadline, in time order."""
    owed: dict[str, list[Occurrence]] = {}
    for occurrence in due:
        if (
            group.audience in occurrence.deadline.audience
            and occurrence.at >= group.bound_at
            and (occurrence.key, group.channel, group.chat_id) not in settled
        ):
            owed.setdefault(occurrence.deadline.id, []).append(occurrence)
    return owed


def staff_reminder_targets(ctx: Context, reminder: models.Announcement) -> list[tuple[str, str]]:
    """The chats a staff reminder goes to: its own chat, or the county's groups bound right now."""
    if reminder.target_channel is not None and reminder.target_chat_id is not None:
        return [(reminder.target_channel, reminder.target_chat_id)]
    return [(group.channel, group.chat_id) for group in ctx.repos.groups.bound(reminder.county)]


def staff_reminder_label(ctx: Context, reminder: models.Announcement) -> str:
    return ctx.render("delivery_label.j2", kind="reminder", reminder=reminder)


def staff_reminder_text(ctx: Context, reminder: models.Announcement) -> str:
    return ctx.render("staff_reminder.j2", text=reminder.text, sender=reminder.created_by_name)


async def _staff_reminders(ctx: Context) -> int:
    now = ctx.clock.now()
    grace = ctx.config.reminder_grace
    announcements = ctx.repos.announcements
    delivered = 0
    for reminder in announcements.scheduled_reminders(due_by=now):
        assert reminder.id is not None
        key, label = f"reminder:{reminder.id}", staff_reminder_label(ctx, reminder)
        targets = staff_reminder_targets(ctx, reminder)
        if not targets and reminder.county is not None:
            # nobody to send it to: recorded once, so that /发送失败 and the workspace say it was not delivered and why
            ctx.repos.deliveries.record(key, NO_GROUP_CHANNEL, reminder.county, label, NO_GROUPS, now)
            announcements.move(reminder.id, "scheduled", NO_GROUPS)
            continue
        if now - reminder.due_at > grace:
            for channel, chat_id in targets:
                ctx.repos.deliveries.record(key, channel, chat_id, label, "missed", now)
            announcements.move(reminder.id, "scheduled", "missed")
            continue
        text = staff_reminder_text(ctx, reminder)
        pushes = [Push(key, Reply(channel, chat_id, text), label) for channel, chat_id in targets]
        delivered += (await push_all(ctx, pushes)).delivered
        announcements.move(reminder.id, "scheduled", "done")
    return delivered
