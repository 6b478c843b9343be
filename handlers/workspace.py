"""The staff workspace's capabilities (工作台, served by bot/web): one-time sign-in links (/后台), a county's
campaign at a glance, its application list, its sends and broadcasts.

Each works on behalf of a staff member as if they had sent a chat command: it builds their `Message` and
goes through the chat commands' rules (county limits, the delivery ledger, the broadcast) and repositories.
Above the capability modules, whose parts it composes; none of them imports it.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import logging
import math
import secrets
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from bot.delivery import Outcome
from bot.message import ChatKind, Message, Role
from bot.outbox import SendFailure
from handlers import assessment
from handlers.context import Context, own_county
from handlers.reminders import broadcast, common, failures
from handlers.signin import StaffMember
from knowledge import credit_code
from knowledge.application_list import ApplicationRow
from knowledge.schedule import Audience
from storage.lazy import models

log = logging.getLogger("handlers.workspace")

ROWS_READ = 1000  # the latest ledger rows the workspace looks at, like /发送失败
BROADCASTS_SHOWN = 5
CHANNEL = "web"  # the channel of the Message a workspace action is made as


def as_message(ctx: Context, member: StaffMember, text: str = "") -> Message:
    """The staff member's workspace action as the chat command it stands for."""
    return Message(
        id=f"{CHANNEL}-{secrets.token_hex(8)}",
        channel=CHANNEL,
        chat_id=member.staff_id,
        chat_kind=ChatKind.PRIVATE,
        sender_id=member.staff_id,
        sender_name=member.name,
        role=Role.STAFF,
        text=text,
        mentions_bot=True,
        received_at=ctx.clock.now(),
    )


def own_scope(ctx: Context, member: StaffMember) -> str | None:
    """The member's county; None for staff of every county."""
    own = own_county(as_message(ctx, member), ctx)
    return own.name if own else None


# ---- the application list ------------------------------------------------------------------------


# whether the self-assessed grade reaches the intended one; the pages name them
STATUSES = ("reaches", "below", "no_intent")
SORTS = ("submitted_at", "enterprise_name", "self_grade", "industries", "county")


@dataclass(frozen=True)
class ListFilter:
    county: str = ""  # for staff of every county: one of them, or "" for all
    industry: str = ""
    grade: str = ""
    status: str = ""
    search: str = ""  # part of the enterprise's name or of its credit code
    sort: str = "submitted_at"
    descending: bool = False


def draft_status(ctx: Context, draft: models.DraftRecord) -> str:
    """Whether the self-assessed grade reaches the grade the enterprise means to apply for."""
    if not draft.intended_grade:
        return STATUSES[2]
    rank = _grade_rank(ctx)
    return STATUSES[0] if rank(draft.self_grade) <= rank(draft.intended_grade) else STATUSES[1]


def _grade_rank(ctx: Context) -> Callable[[str], float]:
    """A grade as drafts store it (A级, B-级 …) ranked best first by the self-assessment flow's data; one off the
    A–D ladder (引领性企业) after them all, reached by any grade."""
    ranks = ctx.kb.flows[assessment.FLOW].grade_ranks()
    return lambda grade: ranks.get(grade, math.inf)


def _scoped_drafts(ctx: Context, member: StaffMember, county: str = "") -> list[models.DraftRecord]:
    """The drafts the member may see, as /申请列表 shows them: their county's, or any county named."""
    msg = as_message(ctx, member)
    if county or own_county(msg, ctx) is not None:
        return ctx.repos.drafts.for_county(assessment.staff_county(msg, ctx, county, "list_drafts"))
    return ctx.repos.drafts.every_county()


def filtered_drafts(ctx: Context, member: StaffMember, chosen: ListFilter) -> list[models.DraftRecord]:
    search = credit_code.normalize(chosen.search)
    drafts = [
        draft
        for draft in _scoped_drafts(ctx, member, chosen.county)
        if (not chosen.industry or chosen.industry in draft.industries.split("、"))
        and (not chosen.grade or draft.self_grade == chosen.grade)
        and (not chosen.status or draft_status(ctx, draft) == chosen.status)
        and (not search or search in draft.credit_code or chosen.search.strip() in draft.enterprise_name)
    ]
    sort = chosen.sort if chosen.sort in SORTS else "submitted_at"
    rank = _grade_rank(ctx)

    def key(draft: models.DraftRecord) -> Any:
        return rank(draft.self_grade) if sort == "self_grade" else getattr(draft, sort)

    return sorted(drafts, key=key, reverse=chosen.descending)


def application_list(ctx: Context, member: StaffMember, chosen: ListFilter) -> dict[str, Any]:
    """The list page: the rows (masked and full), and what the filters may choose from."""
    everything = _scoped_drafts(ctx, member, chosen.county)
    own = own_county(as_message(ctx, member), ctx)
    return {
        "drafts": [_draft_view(ctx, draft) for draft in filtered_drafts(ctx, member, chosen)],
        "total": len(everything),
        "industries": sorted({name for d in everything for name in d.industries.split("、")}),
        "grades": sorted({d.self_grade for d in everything}, key=_grade_rank(ctx)),
        "statuses": STATUSES,
        "counties": county_choices(ctx, member),
        "scope": own.name if own else None,
    }


def county_choices(ctx: Context, member: StaffMember) -> list[str]:
    """The counties the member may pick: every one for staff of every county, else none (theirs is given)."""
    return [] if own_scope(ctx, member) else ctx.kb.counties.names


def _draft_view(ctx: Context, draft: models.DraftRecord) -> dict[str, Any]:
    return {
        **assessment.draft_view(draft),
        "status": draft_status(ctx, draft),
        "ref": draft_ref(ctx, draft.credit_code),
    }


def draft_ref(ctx: Context, code: str) -> str:
    """What a draft's page address names it by: not its credit code, which would land in access logs and
    browser histories; keyed, so that it tells nothing of the code."""
    key = ctx.config.session_secret.encode()
    return hmac.new(key, code.encode(), hashlib.sha256).hexdigest()[:24]


def draft_detail(ctx: Context, member: StaffMember, ref: str) -> dict[str, Any] | None:
    """One draft the member may see, with its history; None for any other (the page answers 404)."""
    draft = next((d for d in _scoped_drafts(ctx, member) if draft_ref(ctx, d.credit_code) == ref), None)
    if draft is None:
        return None
    versions = [assessment.draft_view(old) for old in ctx.repos.drafts.history(draft.credit_code)]
    return {**_draft_view(ctx, draft), "history": versions, "limits": draft.short_board}


def log_reveal(ctx: Context, member: StaffMember, codes: list[str]) -> None:
    """Who saw which enterprises' personal data in full (显示完整信息)."""
    log.info(
        "personal data revealed",
        extra={
            "staff": member.staff_id,
            "rows": len(codes),
            "credit_codes": [credit_code.mask(code) for code in codes[:50]],
        },
    )


def export_file(
    ctx: Context, member: StaffMember, chosen: ListFilter, fmt: Literal["xlsx", "csv"]
) -> tuple[str, bytes]:
    """The file /导出 writes, of exactly the rows the filter shows; its name and its bytes."""
    rows: list[ApplicationRow] = [
        assessment.draft_view(d)["row"] for d in filtered_drafts(ctx, member, chosen)
    ]
    county = chosen.county or own_scope(ctx, member)
    stem = ctx.render("application_list.j2", part="file_stem", county=county, now=ctx.clock.now())
    name = f"{stem}.{fmt}"
    with tempfile.TemporaryDirectory() as folder:
        path = assessment.WRITERS[fmt](rows, assessment.sheet_wording(ctx.render), Path(folder) / name)
        data = path.read_bytes()
    log.info(
        "application list exported",
        extra={"staff": member.staff_id, "county": county, "rows": len(rows), "via": CHANNEL},
    )
    return name, data


# ---- overview ------------------------------------------------------------------------------------


def overview(ctx: Context, member: StaffMember) -> dict[str, Any]:
    """The county's campaign at a glance (the numbers the chat commands show, counted)."""
    msg = as_message(ctx, member)
    own = own_county(msg, ctx)
    now = ctx.clock.now()
    drafts = _scoped_drafts(ctx, member)
    grade_rank = _grade_rank(ctx)
    upcoming = ctx.schedule.upcoming(now, set(Audience))
    groups = ctx.repos.groups.bound(own.name if own else None)
    ledger = failures.visible_to(msg, ctx, ctx.repos.deliveries.recent(ROWS_READ))
    reminders = Counter(row.status for row in ledger if not row.key.startswith(broadcast.KEY_PREFIX))
    return {
        "scope": own.name if own else None,
        "next_deadline": upcoming[0] if upcoming else None,
        "countdown": _words(ctx, "countdown", now=now, due=upcoming[0].due) if upcoming else "",
        "assessments": _assessment_counts(ctx, own.name if own else None, len(drafts)),
        "by_grade": sorted(Counter(d.self_grade for d in drafts).items(), key=lambda i: grade_rank(i[0])),
        "by_industry": Counter(n for d in drafts for n in d.industries.split("、")).most_common(10),
        "by_day": sorted(Counter(d.submitted_at.date() for d in drafts).items()),
        "groups_reachable": sum(1 for g in groups if not _unreachable(ctx, g)),
        "groups_unreachable": sum(1 for g in groups if _unreachable(ctx, g)),
        "reminders": {status: reminders[status] for status in ("sent", "failed", "missed", common.NO_GROUPS)},
        "broadcasts": broadcasts(ctx, member, BROADCASTS_SHOWN),
    }


def _assessment_counts(ctx: Context, county: str | None, confirmed: int) -> dict[str, int]:
    """Self-assessments under way, confirmed, and abandoned (paused, or idle past the idle limit). One whose
    county is not answered yet counts only for staff of every county."""
    active, paused = ctx.repos.dialogues.of_flow(assessment.FLOW)
    county_step = assessment.county_step(ctx)
    idle = ctx.config.dialogue_idle
    now = ctx.clock.now()

    def ours(answers: dict[str, object]) -> bool:
        return county is None or answers.get(county_step) == county

    running = [d for d in active if ours(d.answers)]
    under_way = sum(1 for d in running if now - d.updated_at <= idle)
    abandoned = len(running) - under_way + sum(1 for d in paused if ours(d.answers))
    return {
        "started": under_way + abandoned + confirmed,
        "under_way": under_way,
        "confirmed": confirmed,
        "abandoned": abandoned,
    }


# ---- sends ---------------------------------------------------------------------------------------


def sends(ctx: Context, member: StaffMember) -> dict[str, Any]:
    """Scheduled and ad-hoc reminders, and the deliveries of every push, per group; each chat named as
    /提醒列表 and /发送失败 name it."""
    msg = as_message(ctx, member)
    now = ctx.clock.now()
    reminders = [
        r for r in ctx.repos.announcements.reminders(50) if common.reminder_of_own_county(msg, ctx, r)
    ]
    rows = failures.visible_to(msg, ctx, ctx.repos.deliveries.recent(ROWS_READ))
    targets = {
        (r.target_channel, r.target_chat_id) for r in reminders if r.target_channel and r.target_chat_id
    }
    owners = common.private_reminder_owners([*reminders, *failures.reminders_pushed(ctx, rows)])
    names = {
        chat: _words(ctx, "chat_name", name=name)
        for chat, name in common.chat_names(
            ctx, targets | {(row.channel, row.chat_id) for row in rows}, owners
        ).items()
    }
    own = own_county(msg, ctx)
    unbound = not ctx.repos.groups.bound(own.name if own else None)
    return {
        # said as /广播 and /提醒 say it: nothing the page lists reaches anyone until a group is bound
        "no_groups": _words(ctx, "no_groups", county=own.name if own else None) if unbound else "",
        "campaign": [o for o in ctx.schedule.occurrences() if o.at > now][:8],
        "reminders": [
            {"row": r, "where": names.get((r.target_channel or "", r.target_chat_id or ""), "")}
            for r in reminders
        ],
        "deliveries": [_delivery_view(ctx, row, names[row.channel, row.chat_id]) for row in rows],
        "day_time": functools.partial(_day_time, ctx),
    }


def _delivery_view(ctx: Context, row: models.DeliveryRecord, chat: str) -> dict[str, Any]:
    return {
        "row": row,
        "chat": chat,
        "reason": ""
        if row.error is None
        else ctx.render("send_failure.j2", failure=SendFailure.decode(row.error)),
        "resendable": row.status == "failed",
    }


async def resend(ctx: Context, member: StaffMember, row_id: int) -> Outcome | None:
    """Send a failed push again through the ledger (重发): None when it is not this member's to resend or it
    is no longer failed (resent already)."""
    msg = as_message(ctx, member)
    row = ctx.repos.deliveries.get(row_id)
    if row is None or not failures.visible_to(msg, ctx, [row]):
        return None
    outcome = await failures.resend(ctx, row_id)
    if outcome is not None:
        log.info("push resent", extra={"staff": member.staff_id, "key": row.key, "chat": row.chat_id})
    return outcome


# ---- broadcasts ----------------------------------------------------------------------------------


def broadcast_preview(ctx: Context, member: StaffMember, county: str, text: str) -> dict[str, Any]:
    """The groups a broadcast would reach; UserError (the chat command's words) if it cannot be sent."""
    msg = as_message(ctx, member, text)
    target, groups = broadcast.targets(msg, ctx, county or None, text)
    names = common.chat_names(ctx, [(g.channel, g.chat_id) for g in groups], {})
    return {
        "county": target or "",
        "text": text.strip(),
        "notice": broadcast.notice_text(ctx, text.strip(), msg.sender_name),  # as the groups will read it
        "groups": [
            {
                "group": g,
                "name": _words(ctx, "chat_name", name=names[g.channel, g.chat_id]),
                "kind": _words(ctx, "group_kind", audience=g.audience),
                "unreachable": _unreachable(ctx, g),
            }
            for g in groups
        ],
    }


def start_broadcast(ctx: Context, member: StaffMember, county: str, text: str) -> int:
    """Send a confirmed broadcast, as /广播 does after 确认; its number. Progress is read from the ledger."""
    msg = as_message(ctx, member, text)
    target, groups = broadcast.targets(msg, ctx, county or None, text)
    return broadcast.start(msg, ctx, target, text.strip(), groups, msg.sender_name, report=False)


def broadcasts(ctx: Context, member: StaffMember, limit: int) -> list[dict[str, Any]]:
    """The latest broadcasts that reached the member's groups, with their counts there."""
    msg = as_message(ctx, member)
    recent = ctx.repos.announcements.broadcasts(limit * 4)
    return [_progress(ctx, msg, notice) for notice in recent if _reached_own_county(ctx, msg, notice)][:limit]


def broadcast_progress(ctx: Context, member: StaffMember, number: int) -> dict[str, Any] | None:
    msg = as_message(ctx, member)
    notice = ctx.repos.announcements.numbered("broadcast", number)
    if notice is None or not _reached_own_county(ctx, msg, notice):
        return None
    return _progress(ctx, msg, notice)


def _reached_own_county(ctx: Context, msg: Message, notice: models.Announcement) -> bool:
    """Staff of a county see broadcasts to it or to every county, and their own."""
    own = own_county(msg, ctx)
    return own is None or notice.county in (None, own.name) or notice.created_by == msg.sender_id


def _progress(ctx: Context, msg: Message, notice: models.Announcement) -> dict[str, Any]:
    rows = failures.visible_to(msg, ctx, ctx.repos.deliveries.for_key(broadcast.key_of(notice.id)))
    statuses = Counter(row.status for row in rows)
    return {
        "notice": notice,
        "done": notice.status == "done",
        "claimed": len(rows),
        "delivered": statuses["sent"],
        "failed": statuses["failed"],
        "when": _day_time(ctx, notice.created_at),
    }


def _words(ctx: Context, part: str, **values: Any) -> str:
    """Times, countdowns and groups as the reminders word them (knowledge/templates/_reminders.j2)."""
    return ctx.render("reminder_words.j2", part=part, **values)


def _day_time(ctx: Context, moment: datetime) -> str:
    return _words(ctx, "day_time", moment=moment)


def _unreachable(ctx: Context, group: models.GroupBinding) -> bool:
    """A bound group pushes cannot reach (a WeCom AI-bot group with no group robot)."""
    return ctx.reach.push_via(group.channel, group.chat_id) is None
