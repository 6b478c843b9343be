"""/广播: a notice to every bound group (or one county's) now, after a confirmation, with progress."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import replace
from typing import Any

from bot.delivery import Outcome
from bot.errors import UserError
from bot.message import Message, Reply
from handlers.context import Context
from handlers.dialogues import ask_to_confirm, on_confirm, state_of
from handlers.reminders.common import county_said_first, says_nothing, within_own_county
from handlers.reminders.fanout import Push, push_all
from handlers.reminders.router import router
from storage.lazy import models

log = logging.getLogger("handlers.reminders")

PROGRESS_STEPS = 4  # progress messages at each quarter, for broadcasts of at least MIN_FOR_PROGRESS groups
MIN_FOR_PROGRESS = 20
KEY_PREFIX = "broadcast:"
FLOW = "broadcast"  # the confirmation before it goes out


@router.command("broadcast", staff_only=True)
async def broadcast(msg: Message, ctx: Context, args: str) -> list[Reply]:
    county, text = None, args.strip()
    # the county may be followed by a comma or colon as well as a space (平山县，明天开会): read as a space there, not
    # as a notice to every group that begins with the county's name
    reading, first, rest = county_said_first(ctx, text, "broadcast")
    alone = ctx.kb.counties.read(text) if not rest else None
    if alone is not None:  # the notice was forgotten, not a notice reading "平山县" for every group
        raise UserError(ctx.render("broadcast_command.j2", step="no_text", county=alone.county.name))
    if reading is not None:
        county, text = reading.county.name, rest.strip()
    elif rest and ctx.kb.counties.resembles(first := text.split(maxsplit=1)[0]) and first != text:
        # a mistyped county before a space is refused as /提醒 refuses it: confirmed, it went out to every
        # county's groups; one before a comma or colon may be the notice's address (各县区：…)
        raise UserError(
            ctx.render(
                "broadcast_command.j2", step="unknown_county", name=first, counties=ctx.kb.counties.names
            )
        )
    county, groups = targets(msg, ctx, county, text)
    question = ctx.render(
        "broadcast_confirm.j2",
        guessed=first
        if reading is not None and not reading.certain
        else None,  # 平三县: asked whether 平山县
        count=len(groups),
        county=county,
        notice=notice_text(ctx, text, msg.sender_name),
        unreachable=sum(1 for group in groups if ctx.reach.push_via(group.channel, group.chat_id) is None),
    )
    dropped = _waiting(msg, ctx)
    cancelled = ctx.render("broadcast_command.j2", step="cancelled")
    # signed as previewed: the name the confirmation comes with may differ (another device, another line's name)
    asked = ask_to_confirm(
        msg,
        ctx,
        FLOW,
        question,
        cancelled=cancelled,
        recipients=_recipients(ctx, county, groups),
        text=text,
        county=county,
        signed=msg.sender_name,
    )
    if dropped is None:
        return asked
    # said once, before the question: asked again later, the question no longer speaks of the dropped one
    note = ctx.render("confirmation_dropped.j2", flow=FLOW, answers={"text": dropped})
    return [replace(reply, text=f"{note}\n{reply.text}") for reply in asked]


def _recipients(ctx: Context, county: str | None, groups: list[models.GroupBinding]) -> str:
    """Who the preview's broadcast goes to, by county and kind of group: said when asked while it waits."""
    counted = Counter((group.county, group.audience) for group in groups)
    counties: dict[str, list[tuple[str, int]]] = {}
    # each county's enterprise groups first, as the preview's readers think of them
    for (name, kind), number in sorted(
        counted.items(), key=lambda item: (item[0][0], item[0][1] != "enterprise")
    ):
        counties.setdefault(name, []).append((kind, number))
    return ctx.render(
        "broadcast_recipients.j2", county=county, count=len(groups), counties=list(counties.items())
    )


def _waiting(msg: Message, ctx: Context) -> str | None:
    """The text of the sender's broadcast still waiting for 确认, which a new /广播 replaces: said, so that
    nobody confirms the second believing both go out."""
    record = ctx.repos.dialogues.get(*msg.conversation)
    if record is None or record.flow != FLOW:
        return None
    if ctx.clock.now() - record.updated_at > ctx.config.dialogue_idle:
        return None  # lapsed: nothing was waiting
    return str(state_of(record).answers["text"])


def targets(
    msg: Message, ctx: Context, county: str | None, text: str
) -> tuple[str | None, list[models.GroupBinding]]:
    """The county a broadcast of this staff member goes to (None: every county) and its bound groups;
    UserError when there is nothing to send or nobody to send it to."""
    if says_nothing(text):
        raise UserError(ctx.render("broadcast_command.j2", step="no_text", county=None))
    county = within_own_county(msg, ctx, county, "broadcast")
    groups = ctx.repos.groups.bound(county)
    if not groups:
        raise UserError(ctx.render("broadcast_command.j2", step="no_groups", county=county))
    return county, groups


@on_confirm(router, FLOW)
async def broadcast_confirmed(msg: Message, ctx: Context, answers: dict[str, Any]) -> list[Reply]:
    groups = ctx.repos.groups.bound(answers["county"])
    if not groups:
        return [msg.reply(ctx.render("broadcast_command.j2", step="gone"))]
    # a question asked before signatures were kept is signed by who confirms it, as it was then
    signed = answers.get("signed") or msg.sender_name
    number = start(msg, ctx, answers["county"], answers["text"], groups, signed)
    return [msg.reply(ctx.render("broadcast_command.j2", step="started", number=number, total=len(groups)))]


def key_of(number: int | None) -> str:
    """The broadcast's key in the delivery ledger."""
    return f"{KEY_PREFIX}{number}"


def start(
    msg: Message,
    ctx: Context,
    county: str | None,
    text: str,
    groups: list[models.GroupBinding],
    signed: str,
    report: bool = True,
) -> int:
    """Record the broadcast, `signed` with the name its preview showed, and send it in the background; its
    number. `report`: progress and the result go back to the staff member the way they asked (the workspace
    reads them from the ledger instead)."""
    now = ctx.clock.now()
    notice = ctx.repos.announcements.add(
        models.Announcement(
            kind="broadcast",
            text=text,
            county=county,
            due_at=now,
            status="sending",
            created_by=msg.sender_id,
            created_by_name=signed,
            created_at=now,
        )
    )
    assert notice.number is not None
    ctx.spawn(_send(msg, ctx, notice, groups, report))
    return notice.number


async def _send(
    msg: Message, ctx: Context, notice: models.Announcement, groups: list[models.GroupBinding], report: bool
) -> None:
    assert notice.id is not None
    text = text_of(ctx, notice)
    label = ctx.render("delivery_label.j2", kind="broadcast", notice=notice)
    key = key_of(notice.id)
    pushes = [Push(key, Reply(g.channel, g.chat_id, text), label) for g in groups]
    total = len(pushes)
    step = total // PROGRESS_STEPS if total >= MIN_FOR_PROGRESS else total + 1
    done = failed = 0

    async def progress(outcome: Outcome) -> None:
        nonlocal done, failed
        done += 1
        failed += not outcome.delivered
        if report and done % step == 0 and done < total:
            values = {"number": notice.number, "done": done, "total": total, "failed": failed}
            await _tell(msg, ctx, ctx.render("broadcast_command.j2", step="progress", **values))

    tally = await push_all(ctx, pushes, progress)
    ctx.repos.announcements.move(notice.id, "sending", "done")
    if report:
        await _tell(
            msg,
            ctx,
            ctx.render(
                "broadcast_done.j2",
                number=notice.number,
                total=total,
                delivered=tally.delivered,
                failed=tally.failed,
            ),
        )


def text_of(ctx: Context, notice: models.Announcement) -> str:
    """What the groups receive."""
    return notice_text(ctx, notice.text, notice.created_by_name)


def notice_text(ctx: Context, text: str, signed: str) -> str:
    """A broadcast as the groups receive it and as its preview shows it: the notice and who signs it."""
    return ctx.render("broadcast.j2", text=text, sender=signed)


async def _tell(msg: Message, ctx: Context, text: str) -> None:
    """Progress goes back the way the staff member confirmed, not through the groups' robots."""
    outcome = await ctx.answers.send(msg.reply(text))
    if not outcome.delivered:
        log.warning("broadcast report not delivered", extra={"chat": msg.chat_id, "error": outcome.error})
