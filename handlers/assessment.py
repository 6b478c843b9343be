"""Self-assessment (初步自评) → a draft row of the application list; county staff list and export their rows."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from bot.dispatch import Aside, Router
from bot.errors import UserError
from bot.message import ChatKind, Message, Reply
from handlers.confirm import ask, on_confirm
from handlers.context import Context, own_county
from handlers.flow_engine import FlowEngine, FlowState, Outcome, normalize
from knowledge import credit_code
from knowledge.application_list import ApplicationRow, write_csv, write_xlsx
from knowledge.base import KnowledgeBase
from knowledge.flows import REVIEW, YES, AssessmentRules, Flow
from knowledge.grading import Assessment, assess, deadline_check
from knowledge.schedule import Audience
from storage.models import DialogueRecord, DraftHistoryRecord, DraftRecord
from storage.repos import Repositories

FLOW = "self_assessment"
TRANSFER = "draft_transfer"  # the confirmation before /转交
RESUME_WORD = "继续自评"
START_WORDS = ("我要自评", "自评", "开始自评", RESUME_WORD)  # with a paused self-assessment: resume it
REOPEN_WORDS = ("修改申请",)  # a confirmed draft back to its review, to be confirmed as a new version
PRIVATE_WORDS = ("转私聊", "私聊", "去私聊", "到私聊", "私聊继续")  # in a group: go on in the private chat
_HELP_COMMANDS = ("/帮助", "/help")

router: Router[Context] = Router("assessment")
log = logging.getLogger("handlers.assessment")


def mask_phone(phone: str) -> str:
    """For logs and group chats: a contact's number is never written in full."""
    return f"{phone[:3]}****{phone[-4:]}" if len(phone) == 11 else "****"


def mask_name(name: str) -> str:
    """For group chats: the family name only."""
    return name[:1] + "*" * max(len(name) - 1, 1)


def engine_for(ctx: Context) -> FlowEngine:
    return _engine(ctx.kb, ctx.settings.dialogue_idle_minutes, ctx.settings.dialogue_keep_days)


@lru_cache(maxsize=4)  # one per knowledge base (hashed by identity): building one normalises every word
def _engine(kb: KnowledgeBase, idle_minutes: int, keep_days: int) -> FlowEngine:
    return FlowEngine(
        flow=kb.flows[FLOW],
        messages=kb.flow_messages,
        counties=kb.counties,
        catalogue=kb.catalogue,
        idle=timedelta(minutes=idle_minutes),
        keep=timedelta(days=keep_days),
    )


@router.command("自评", words=list(START_WORDS), summary="环保绩效初步自评，生成申请名单草稿")
async def start_assessment(msg: Message, ctx: Context, args: str) -> list[Reply]:
    """Reached only without an active dialogue of this flow (an active one answers start words itself): a
    paused one is resumed, else a new one starts."""
    engine = engine_for(ctx)
    paused = ctx.repos.dialogues.paused(*msg.conversation, FLOW)
    if paused is not None and not engine.forgotten(paused.updated_at, ctx.clock.now()):
        record = ctx.repos.dialogues.resume(paused, ctx.clock.now())
        return _resume(msg, ctx, engine, _state(record))
    started = _start(msg, ctx, engine)
    if normalize(msg.text).lstrip("/") != RESUME_WORD:
        return [msg.reply(started)]
    missing = ctx.render(
        "assessment_expired.j2", missing=True, days=ctx.settings.dialogue_keep_days, restarting=True
    )
    return [msg.reply(f"{missing}\n\n{started}")]


@router.command("修改申请", words=list(REOPEN_WORDS), summary="重新打开自己已确认的申请名单草稿，改后再确认")
async def reopen_draft(msg: Message, ctx: Context, args: str) -> list[Reply]:
    """Only the draft's owner reopens it; confirmed again, it is stored as a new version."""
    drafts = ctx.repos.drafts.owned_by(msg.channel, msg.sender_id)
    code = credit_code.normalize(args) if args.strip() else ""
    chosen = [draft for draft in drafts if draft.credit_code == code] if code else drafts
    if len(chosen) != 1:
        views = [draft_view(draft) for draft in drafts]
        step = "none" if not drafts else "unknown" if code else "which"
        return [msg.reply(ctx.render("assessment_reopen.j2", step=step, drafts=views))]
    draft = chosen[0]
    engine = engine_for(ctx)
    now = ctx.clock.now()
    answers = dict(draft.answers)
    state = FlowState(step=REVIEW, answers=answers, updated_at=now, reviewed=answers)
    lead = ctx.render("assessment_reopen.j2", step="opened", draft=draft_view(draft))
    log.info(
        "application draft reopened",
        extra={**_who(msg), "credit_code": credit_code.mask(draft.credit_code)},
    )
    replies = _conclude(msg, ctx, engine, state, engine.resume(state, now))
    return _for_the_chat(msg, engine, [state], _led(msg, lead, replies))


@router.active_dialogue
async def continue_assessment(msg: Message, ctx: Context) -> list[Reply] | Aside | None:
    record = ctx.repos.dialogues.get(*msg.conversation)
    if record is None or record.flow != FLOW:
        return None
    engine = engine_for(ctx)
    now = ctx.clock.now()
    state = _state(record)
    said = normalize(msg.text)
    starting = said.lstrip("/") in START_WORDS
    if engine.expired(state, now):
        return _after_idle(msg, ctx, engine, record, starting)
    if starting or said.lstrip("/") in REOPEN_WORDS:
        return _for_the_chat(msg, engine, [state], [msg.reply(_already_running(ctx, engine, state))])
    if said.startswith("/") and said not in _HELP_COMMANDS:
        return None  # another command (/截止, /我的申请 …) is answered as usual; the dialogue waits
    if msg.chat_kind is ChatKind.GROUP and said in PRIVATE_WORDS:
        return [msg.reply(_move_to_private(msg, ctx, engine, record))]
    outcome = _without_others_code(msg, ctx, engine, state, engine.advance(state, msg.text, now))
    return _for_the_chat(msg, engine, [state, outcome.state], _conclude(msg, ctx, engine, state, outcome))


@router.command("我的申请", summary="查看自己保存的申请名单草稿")
async def my_drafts(msg: Message, ctx: Context, args: str) -> list[Reply]:
    drafts = ctx.repos.drafts.owned_by(msg.channel, msg.sender_id)
    private = msg.chat_kind is ChatKind.PRIVATE  # a group's other members see neither contents nor contacts
    views = [draft_view(draft) for draft in drafts]
    return [msg.reply(ctx.render("assessment_mine.j2", drafts=views, private=private))]


@router.command("申请列表", staff_only=True, summary="本县（市、区）的申请名单草稿")
async def list_drafts(msg: Message, ctx: Context, args: str) -> list[Reply]:
    county = staff_county(msg, ctx, args, "申请列表")
    drafts = [draft_view(draft) for draft in ctx.repos.drafts.for_county(county)]
    # Which enterprises are assessing themselves is theirs to tell: listed only where staff alone read it.
    private = msg.chat_kind is ChatKind.PRIVATE
    listed = private or _branch_group(msg, ctx)
    reply = ctx.render("assessment_list.j2", county=county, drafts=drafts, listed=listed, private=private)
    return [msg.reply(reply)]


def _branch_group(msg: Message, ctx: Context) -> bool:
    binding = ctx.repos.groups.get(msg.channel, msg.chat_id)
    return binding is not None and binding.audience == Audience.COUNTY_BRANCH


@router.command("导出", staff_only=True, summary="导出本县（市、区）申请名单（xlsx 和 csv）")
async def export_drafts(msg: Message, ctx: Context, args: str) -> list[Reply]:
    county = staff_county(msg, ctx, args, "导出")
    rows = application_rows(ctx.repos, county)
    if not rows:
        return [msg.reply(ctx.render("assessment_export.j2", county=county, rows=0, paths=[]))]
    stem = ctx.settings.exports_dir / f"申请名单_{county}_{ctx.clock.now():%Y%m%d-%H%M%S}"
    paths = [write_xlsx(rows, stem.with_suffix(".xlsx")), write_csv(rows, stem.with_suffix(".csv"))]
    log.info(
        "application list exported",
        extra={**_who(msg), "county": county, "rows": len(rows), "files": [str(p) for p in paths]},
    )
    return [msg.reply(ctx.render("assessment_export.j2", county=county, rows=len(rows), paths=paths))]


@router.command("转交", staff_only=True, summary="把一家企业的申请名单草稿转交给新的负责人")
async def transfer_draft(msg: Message, ctx: Context, args: str) -> list[Reply]:
    """Only the owner of a draft replaces it; when the owner changes (another contact person takes over, or
    someone was refused a code that is really their enterprise's), staff hand the draft over."""
    if msg.chat_kind is ChatKind.GROUP:  # names, codes and accounts are not for the group
        raise UserError(_transfer_text(ctx, "private_only"))
    words = args.split()
    code = credit_code.normalize(words[0]) if words else ""
    if len(words) != 2 or credit_code.problem(code) is not None:
        raise UserError(_transfer_text(ctx, "usage"))
    draft = ctx.repos.drafts.current(code)
    if draft is None:
        raise UserError(_transfer_text(ctx, "not_found", code=code))
    own = own_county(msg, ctx)
    if own is not None and draft.county != own.name:
        raise UserError(_transfer_text(ctx, "other_county", own=own.name))
    new_owner = words[1]
    if new_owner == draft.owner_id:
        raise UserError(_transfer_text(ctx, "same_owner", to=new_owner))
    question = _transfer_text(ctx, "question", draft=draft_view(draft), owner=draft.owner_id, to=new_owner)
    cancelled = _transfer_text(ctx, "cancelled")
    return ask(msg, ctx, TRANSFER, question, cancelled, code=code, owner=draft.owner_id, to=new_owner)


@on_confirm(TRANSFER)
async def transfer_confirmed(msg: Message, ctx: Context, answers: dict[str, Any]) -> list[Reply]:
    owner, to = answers["owner"], answers["to"]
    moved = ctx.repos.drafts.transfer(answers["code"], owner, to, ctx.clock.now())
    if moved is None:
        return [msg.reply(_transfer_text(ctx, "changed"))]
    log.info(
        "application draft transferred",
        extra={
            **_who(msg),
            "credit_code": credit_code.mask(moved.credit_code),
            "from_owner": owner,
            "to_owner": to,
            "version": moved.version,
        },
    )
    return [msg.reply(_transfer_text(ctx, "done", draft=draft_view(moved), owner=owner, to=to))]


def _transfer_text(ctx: Context, step: str, **values: Any) -> str:
    return ctx.render("assessment_transfer.j2", step=step, **values)


def staff_county(msg: Message, ctx: Context, args: str, command: str) -> str:
    """The county a staff command is about: the one named, else the staff member's own (BOT_STAFF),
    else the county this group is bound to. Staff with a county in BOT_STAFF see only their own county's."""
    own = own_county(msg, ctx)
    binding = ctx.repos.groups.get(msg.channel, msg.chat_id)
    named = args.strip() or (own.name if own else "") or (binding.county if binding else "")
    if not named:
        raise UserError(ctx.render("assessment_county_needed.j2", command=command, unknown=None))
    county = ctx.kb.counties.match(named)
    if county is None:
        raise UserError(ctx.render("assessment_county_needed.j2", command=command, unknown=named))
    if own is not None and county.name != own.name:
        raise UserError(f"您是{own.name}的工作人员，只能查看和导出{own.name}的申请名单。")
    return county.name


def county_step(ctx: Context) -> str:
    """The step whose answer is the self-assessment's county."""
    return _rules(ctx.kb.flows[FLOW]).draft_row.county


def application_rows(repos: Repositories, county: str) -> list[ApplicationRow]:
    return [_row(draft) for draft in repos.drafts.for_county(county)]


def export_county(repos: Repositories, county: str, path: Path, fmt: Literal["xlsx", "csv"]) -> int:
    """The command-line export (python -m bot export); returns how many rows were written."""
    rows = application_rows(repos, county)
    (write_csv if fmt == "csv" else write_xlsx)(rows, path)
    log.info("application list exported", extra={"county": county, "rows": len(rows), "files": [str(path)]})
    return len(rows)


# ---- turns -------------------------------------------------------------------------------------


def _state(record: DialogueRecord) -> FlowState:
    return FlowState.from_json(record.step, record.answers, record.updated_at)


def _save(msg: Message, ctx: Context, state: FlowState) -> None:
    channel, chat, sender = msg.conversation
    ctx.repos.dialogues.save(
        DialogueRecord(
            channel=channel,
            chat_id=chat,
            sender_id=sender,
            flow=FLOW,
            step=state.step,
            answers=state.to_json(),
            updated_at=state.updated_at,
        )
    )


def _who(msg: Message) -> dict[str, str]:
    return {"channel": msg.channel, "chat": msg.chat_id, "sender": msg.sender_id}


def _start(msg: Message, ctx: Context, engine: FlowEngine) -> str:
    now = ctx.clock.now()
    outcome = engine.start(now)
    offer = ctx.render("assessment_private.j2", step="offer") if msg.chat_kind is ChatKind.GROUP else ""
    text = "\n\n".join(filter(None, [_deadline_note(ctx, engine.flow, now), offer, outcome.text]))
    _save(msg, ctx, outcome.state)
    log.info("self-assessment started", extra=_who(msg))
    return text


def _after_idle(
    msg: Message, ctx: Context, engine: FlowEngine, record: DialogueRecord, starting: bool
) -> list[Reply] | Aside:
    """The first message after the idle time. Within the keep days the dialogue is paused: a start word
    resumes it at once; anything else is answered as usual, with a note on how to go on. Older, it is gone."""
    state, now = _state(record), ctx.clock.now()
    if engine.forgotten(state.updated_at, now):
        ctx.repos.dialogues.end(*msg.conversation)
        log.info("self-assessment dropped after the keep days", extra=_who(msg))
        note = ctx.render(
            "assessment_expired.j2", missing=False, days=ctx.settings.dialogue_keep_days, restarting=starting
        )
        return [msg.reply(f"{note}\n\n{_start(msg, ctx, engine)}")] if starting else Aside(note)
    if starting:
        return _resume(msg, ctx, engine, state)
    ctx.repos.dialogues.pause(record)
    log.info("self-assessment paused", extra=_who(msg))
    answered, total = engine.progress(state)
    return Aside(ctx.render("assessment_paused.j2", answered=answered, total=total))


def _resume(msg: Message, ctx: Context, engine: FlowEngine, state: FlowState) -> list[Reply]:
    """A paused self-assessment goes on at its first unanswered question (or its review)."""
    log.info("self-assessment resumed", extra=_who(msg))
    replies = _conclude(msg, ctx, engine, state, engine.resume(state, ctx.clock.now()))
    return _for_the_chat(msg, engine, [state], _led(msg, ctx.render("assessment_running.j2"), replies))


def _led(msg: Message, lead: str, replies: list[Reply]) -> list[Reply]:
    """The replies with a line put before the first one."""
    if not replies:
        return [msg.reply(lead)]
    return [replace(replies[0], text=f"{lead}\n{replies[0].text}"), *replies[1:]]


async def forget_old_dialogues(ctx: Context) -> int:
    """Paused self-assessments (and any dialogue) last answered more than the keep days ago are dropped."""
    cutoff = ctx.clock.now() - timedelta(days=ctx.settings.dialogue_keep_days)
    dropped = ctx.repos.dialogues.forget_before(cutoff)
    if dropped:
        log.info("old dialogues dropped", extra={"dropped": dropped})
    return 0  # nothing sent


def _without_others_code(
    msg: Message, ctx: Context, engine: FlowEngine, before: FlowState, outcome: Outcome
) -> Outcome:
    """An answer (or a 修改) that would make another person's credit code this dialogue's is not taken:
    the question is asked again. Only the owner of a code's draft may replace it (DraftRepository)."""
    key = _rules(engine.flow).draft_row.credit_code
    code = outcome.state.answers.get(key)
    if outcome.status == "cancelled" or code is None or code == before.answers.get(key):
        return outcome
    if not ctx.repos.drafts.held_by_another(code, msg.channel, msg.sender_id):
        return outcome
    binding = ctx.repos.groups.get(msg.channel, msg.chat_id)
    again = replace(before, updated_at=outcome.state.updated_at)
    taken = _code_taken(msg, ctx, code, county=binding.county if binding else None, at_review=False)
    return Outcome("ask", again, f"{taken}\n{engine.question(again)}")


def _code_taken(msg: Message, ctx: Context, code: str, county: str | None, at_review: bool) -> str:
    """Says the code is being handled by someone, and nothing else about their draft (not even its county:
    `county` is the asker's own, or their group's)."""
    log.info("credit code held by another person", extra={**_who(msg), "credit_code": credit_code.mask(code)})
    account = msg.sender_id if msg.chat_kind is ChatKind.PRIVATE else None  # not for the group to read
    return ctx.render("assessment_code_taken.j2", county=county, account=account, at_review=at_review)


def _move_to_private(msg: Message, ctx: Context, engine: FlowEngine, record: DialogueRecord) -> str:
    """The dialogue goes on in the sender's private chat, where the group cannot read the answers."""
    target = msg.private_conversation
    waiting = ctx.repos.dialogues.get(*target)
    paused = ctx.repos.dialogues.paused(*target, FLOW)
    now = ctx.clock.now()
    kept = [found for found in (waiting, paused) if found is not None and found.flow == FLOW]
    if any(not engine.forgotten(found.updated_at, now) for found in kept) or (
        waiting is not None and waiting.flow != FLOW and not engine.expired(_state(waiting), now)
    ):  # a self-assessment there, active or paused, is not overwritten; nor a confirmation still waiting
        return ctx.render("assessment_private.j2", step="busy")
    channel, chat, sender = target
    moved = {"flow": record.flow, "step": record.step, "answers": record.answers}
    ctx.repos.dialogues.save(
        DialogueRecord(channel=channel, chat_id=chat, sender_id=sender, updated_at=now, **moved)
    )
    ctx.repos.dialogues.end(*msg.conversation)
    log.info("self-assessment moved to the private chat", extra=_who(msg))
    return ctx.render("assessment_private.j2", step="moved")


def _for_the_chat(
    msg: Message, engine: FlowEngine, states: list[FlowState], replies: list[Reply]
) -> list[Reply]:
    """In a group, what belongs to one person (credit code, phone, contact name) is masked wherever a reply
    repeats it: in the draft, in a question's current answer, anywhere."""
    if msg.chat_kind is ChatKind.PRIVATE:
        return replies
    row = _rules(engine.flow).draft_row
    masks = {row.credit_code: credit_code.mask, row.contact_phone: mask_phone, row.contact_name: mask_name}
    hidden = {
        str(state.answers[key]): mask(str(state.answers[key]))
        for state in states
        for key, mask in masks.items()
        if state.answers.get(key)
    }
    longest_first = sorted(hidden, key=len, reverse=True)  # a value inside another is masked with it

    def masked(text: str) -> str:
        for value in longest_first:
            text = text.replace(value, hidden[value])
        return text

    return [replace(reply, text=masked(reply.text)) for reply in replies]


def _already_running(ctx: Context, engine: FlowEngine, state: FlowState) -> str:
    return f"{ctx.render('assessment_running.j2')}\n{engine.prompt(state)}"


def _conclude(
    msg: Message, ctx: Context, engine: FlowEngine, before: FlowState, outcome: Outcome
) -> list[Reply]:
    """Reply to the outcome of one turn; the state is stored only once the reply is ready."""
    state = outcome.state
    if outcome.status == "cancelled":
        ctx.repos.dialogues.end(*msg.conversation)
        log.info("self-assessment cancelled", extra=_who(msg))
        return [msg.reply(ctx.render("assessment_cancelled.j2"))]
    if outcome.status == "ask":
        _save(msg, ctx, state)
        return [msg.reply(outcome.text)]
    now = ctx.clock.now()
    result = assess(engine.flow, state.answers, ctx.kb.catalogue, now)
    draft = _draft(engine.flow, state.answers, result, msg, now)
    if outcome.status == "review":
        texts = [
            outcome.text,
            *_result_texts(ctx, engine, state.answers, result, before.reviewed, now),
            ctx.render("assessment_draft.j2", row=_row(draft), prompt=ctx.kb.flow_messages.review_prompt),
        ]
        replies = [msg.reply(text) for text in texts if text]
        _save(msg, ctx, state)
        return replies
    stored = ctx.repos.drafts.submit(draft)
    if stored is None:  # the code became someone else's while this person was answering: stay at the review
        _save(msg, ctx, state)
        taken = _code_taken(msg, ctx, draft.credit_code, county=draft.county, at_review=True)
        return [msg.reply(f"{taken}\n{ctx.kb.flow_messages.review_prompt}")]
    ctx.repos.dialogues.end(*msg.conversation)
    log.info(
        "application draft saved",
        extra={
            **_who(msg),
            "credit_code": credit_code.mask(stored.credit_code),
            "contact_phone": mask_phone(stored.contact_phone),
            "county": stored.county,
            "version": stored.version,
            "self_grade": stored.self_grade,
        },
    )
    deadline = _deadline_note(ctx, engine.flow, now)
    return [msg.reply(ctx.render("assessment_saved.j2", draft=draft_view(stored), deadline=deadline))]


# ---- texts ---------------------------------------------------------------------------------------


def _rules(flow: Flow) -> AssessmentRules:
    rules = flow.assessment
    assert rules is not None  # self_assessment.yaml has an `assessment:` block; grading needs it as well
    return rules


def _deadline_note(ctx: Context, flow: Flow, now: datetime) -> str:
    """A warning when the application-list deadline has passed or is near; nothing otherwise."""
    rules = _rules(flow)
    check = deadline_check(rules, now)
    if check.status == "open":
        return ""
    return ctx.render(
        "assessment_deadline.j2",
        check=check,
        deadline=rules.deadline,
        at=_moment(rules.deadline.at),
        cite=ctx.kb.cite,
        hours=max(1, round(check.hours_left)),
    )


def _result_texts(
    ctx: Context,
    engine: FlowEngine,
    answers: dict[str, Any],
    result: Assessment,
    shown: dict[str, Any] | None,
    now: datetime,
) -> list[str]:
    """The grade and what limits it; then the notes, special routes and warnings (two messages, so that
    neither is cut in the middle by the channel's length limit). After a change at the review (`shown`: the
    answers the result was last shown for) only the grade message, and only if the grade or what limits it
    changed."""
    if shown is not None:
        before = assess(engine.flow, shown, ctx.kb.catalogue, now)
        if (before.grade, before.short_board) == (result.grade, result.short_board):
            return []
        name = answers.get(result.rules.draft_row.enterprise_name, "")
        return [ctx.render("assessment_result.j2", a=result, name=name, cite=ctx.kb.cite)]
    notes: dict[str, list[str]] = {}
    for industry in result.industries:
        for note in industry.notes:
            notes.setdefault(note, []).append(industry.name)
    name = answers.get(result.rules.draft_row.enterprise_name, "")
    deadline = _deadline_note(ctx, engine.flow, ctx.clock.now())
    return [
        ctx.render(
            "assessment_result.j2",
            a=result,
            name=name,
            cite=ctx.kb.cite,
            confidence=engine.flow.confidence_words,
        ),
        ctx.render(
            "assessment_routes.j2", a=result, notes=notes, cite=ctx.kb.cite, period=_period, deadline=deadline
        ),
    ]


def _period(months: int) -> str:
    return {6: "半年", 12: "一年"}.get(months, f"{months}个月")


def _moment(at: datetime) -> str:
    return f"{at.year}年{at.month}月{at.day}日{at:%H:%M}"


def _draft(
    flow: Flow, answers: dict[str, Any], result: Assessment, msg: Message, now: datetime
) -> DraftRecord:
    row = result.rules.draft_row
    return DraftRecord(
        credit_code=answers[row.credit_code],
        county=answers[row.county],
        enterprise_name=answers[row.enterprise_name],
        industries="、".join(answers[row.industries]),
        in_industrial_park=answers[row.in_park] == YES,
        self_grade=f"{result.grade}级",
        intended_grade=result.intended or "",
        short_board=result.short_board,
        contact_name=answers[row.contact_name],
        contact_phone=answers[row.contact_phone],
        submitted_at=now,
        channel=msg.channel,
        chat_id=msg.chat_id,
        sender_id=msg.sender_id,
        answers=answers,
    )


def _row(draft: DraftRecord | DraftHistoryRecord) -> ApplicationRow:
    return ApplicationRow(
        county=draft.county,
        enterprise_name=draft.enterprise_name,
        credit_code=draft.credit_code,
        industries=draft.industries,
        in_industrial_park="是" if draft.in_industrial_park else "否",
        self_grade=draft.self_grade,
        intended_grade=draft.intended_grade,
        short_board=draft.short_board,
        contact_name=draft.contact_name,
        contact_phone=draft.contact_phone,
        submitted_at=f"{draft.submitted_at:%Y-%m-%d %H:%M}",
    )


def draft_view(draft: DraftRecord | DraftHistoryRecord) -> dict[str, Any]:
    """A draft as the templates show it: its row in full, and masked for where others may read it."""
    return {
        "row": _row(draft),
        "version": draft.version,
        "masked_code": credit_code.mask(draft.credit_code),
        "masked_phone": mask_phone(draft.contact_phone),
        "masked_name": mask_name(draft.contact_name),
    }
