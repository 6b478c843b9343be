"""Self-assessment (初步自评) → a draft row of the application list; county staff list and export their rows."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, Literal

from bot.dispatch import Aside, Router
from bot.errors import UserError
from bot.message import ChatKind, Message, Reply
from bot.render import Renderer
from bot.text import strip_mention
from handlers import signin
from handlers.context import (
    Context,
    county_named,
    county_read_as,
    is_command,
    mask_phone,
    own_county,
    read_as_said,
    staff_alone_read,
    text_as_sent,
)
from handlers.dialogues import ask_to_confirm, on_confirm, row_of, state_of
from handlers.flow_engine import FlowEngine, FlowState, Outcome, normalize, without_invisible
from handlers.followups import answer_read, masked_for_the_chat, with_quotes_masked
from knowledge import credit_code
from knowledge.answering import asks_besides_the_business
from knowledge.application_list import ApplicationRow, SheetWording, write_csv, write_xlsx
from knowledge.base import KnowledgeBase
from knowledge.flows import REVIEW, YES_WORD, AssessmentRules, Flow
from knowledge.grading import Assessment, assess, deadline_check
from storage.lazy import models
from storage.repos import Repositories

FLOW = "self_assessment"
TRANSFER = "draft_transfer"  # the confirmation before /转交

router: Router[Context] = Router("assessment")
log = logging.getLogger("handlers.assessment")
# What may be a credit code or a mobile number (spaces and dashes as people type them): only such a message makes
# the fallback look for a paused self-assessment waiting for one (_answer_paused)
_UNMISTAKABLE_SHAPE = re.compile(r"^[\s\-0-9A-Za-z]{11,30}$")


def mask_name(name: str) -> str:
    """For group chats: the family name only."""
    return name[:1] + "*" * max(len(name) - 1, 1)


def engine_for(ctx: Context) -> FlowEngine:
    return _engine(ctx.kb, ctx.config.dialogue_idle, ctx.config.dialogue_keep_days)


@lru_cache(maxsize=4)  # one per knowledge base (hashed by identity): building one normalises every word
def _engine(kb: KnowledgeBase, idle: timedelta, keep_days: int) -> FlowEngine:
    return FlowEngine(
        flow=kb.flows[FLOW],
        messages=kb.flow_messages,
        counties=kb.counties,
        catalogue=kb.catalogue,
        words=kb.words,
        idle=idle,
        keep=timedelta(days=keep_days),
        asks_besides_the_business=partial(asks_besides_the_business, kb),
    )


@router.command("start_assessment")
async def start_assessment(msg: Message, ctx: Context, args: str) -> list[Reply]:
    """Reached only without an active dialogue of this flow (an active one answers start words itself): a
    paused one is resumed, else a new one starts."""
    engine = engine_for(ctx)
    paused = ctx.repos.dialogues.paused(*msg.conversation, FLOW)
    if paused is not None and not engine.forgotten(paused.updated_at, ctx.clock.now()):
        record = ctx.repos.dialogues.resume(paused, ctx.clock.now())
        return _resume(msg, ctx, engine, state_of(record))
    if normalize(msg.text).lstrip("/") not in ctx.kb.commands["start_assessment"].reads["resume"]:
        # a new one starts, the one going on in another chat (the private one after 转私聊) named first
        elsewhere = _going_on_elsewhere(msg, ctx, engine, starting=True)
        started = _start(msg, ctx, engine)
        return [msg.reply(f"{elsewhere}\n\n{started}" if elsewhere else started)]
    elsewhere = _going_on_elsewhere(msg, ctx, engine)  # 继续自评 where none is, with one in another chat
    if elsewhere is not None:
        return [msg.reply(elsewhere)]
    started = _start(msg, ctx, engine)
    missing = ctx.render(
        "assessment_expired.j2", missing=True, days=ctx.config.dialogue_keep_days, restarting=True
    )
    return [msg.reply(f"{missing}\n\n{started}")]


@router.command("reopen_draft")
async def reopen_draft(msg: Message, ctx: Context, args: str) -> list[Reply]:
    """Only the draft's owner reopens it; confirmed again, it is stored as a new version. Opened only in a
    private chat: its review shows the grades and answers, which a group reads of no draft (/我的申请)."""
    drafts = ctx.repos.drafts.owned_by(msg.channel, msg.sender_id)
    if drafts and msg.chat_kind is ChatKind.GROUP:
        views = [draft_view(draft) for draft in drafts]
        return [msg.reply(ctx.render("assessment_reopen.j2", step="private_only", drafts=views))]
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


@router.dialogue(FLOW)
async def continue_assessment(
    msg: Message, ctx: Context, record: models.DialogueRecord
) -> list[Reply] | Aside | None:
    engine = engine_for(ctx)
    now = ctx.clock.now()
    state = state_of(record)
    # "[图片]" is no enterprise's name, "好的[抱拳]" a yes; a right-to-left mark before 确认 or a terminal's colour codes
    # around 平山县 are no part of what was said, and were echoed back or made 确认 a name too short
    # the bot's @-mention typed in a private chat too ("@绩效分级助手" went into the list as the enterprise's name), on
    # every channel (the WeCom app's and the Official Account's adapters read none); a group's message was read by its
    # adapter, another member's mention left in it ("@王五 你填一下") being theirs, not to be read out again
    heard = strip_mention(msg.text, ctx.config.bot_name, group=False)
    text = without_invisible(ctx.kb.without_chat_emoji(heard))
    said = normalize(text)
    bare, command = said.lstrip("/"), said.startswith("/")
    start, reopen = ctx.kb.commands["start_assessment"], ctx.kb.commands["reopen_draft"]
    # the commands with words after them too (/自评 重新来, /修改申请 代码): they would replace this dialogue
    starting = bare in start.words or (command and bare.startswith(tuple(start.names)))
    if engine.expired(state, now):
        return _after_idle(msg, ctx, engine, record, starting, bare, text)
    if not without_invisible(heard).strip():
        # a bare @-mention of the bot, read without it: nothing said, so no answer to refuse
        asked_again = f"{engine.messages.nothing_said}\n{engine.prompt(state)}"
        return _for_the_chat(msg, engine, [state], [msg.reply(asked_again)])
    if not text.strip():
        # a picture or a voice message pasted as "[图片]", "[语音]", or emoji alone: nothing the bot can read, said so
        # (at the credit code it was told 一时查不到也没关系, as if the person had said they could not find it)
        asked_again = f"{engine.messages.no_text}\n{engine.prompt(state)}"
        return _for_the_chat(msg, engine, [state], [msg.reply(asked_again)])
    reopening = bare in reopen.words or bare.startswith(tuple(reopen.leads))  # 修改申请 9113… needs no slash
    if starting and state.step == REVIEW and state.pending is None:
        # 继续自评 at the review shows the result and the draft again: after 转私聊 they were never shown here
        return _resume(msg, ctx, engine, state)
    if starting or reopening or (command and bare.startswith(tuple(reopen.names))):
        return _for_the_chat(msg, engine, [state], [msg.reply(_already_running(msg, ctx, engine, state))])
    if is_command(ctx.kb, text) and not engine.steers(bare) and bare not in start.reads["private"]:
        # another command (/截止, 我的申请, 还有几天截止 …) is answered as usual, then the question it waits on
        # asked again: taken as the answer, it would become the enterprise's name
        return Aside(_for_the_chat(msg, engine, [state], [msg.reply(engine.prompt(state))])[0].text)
    if command:
        text = said = bare  # /取消, /返回: the dialogue's own words, though its footer has no slash
    if said in start.reads["private"]:  # in a private chat already: said so, not taken as the answer
        if msg.chat_kind is ChatKind.GROUP:
            return [msg.reply(_move_to_private(msg, ctx, engine, record))]
        here = ctx.render("assessment_private.j2", step="here")
        return [msg.reply(f"{here}\n{engine.prompt(state)}")]
    return _answer(msg, ctx, engine, state, text)


def _answer(msg: Message, ctx: Context, engine: FlowEngine, state: FlowState, text: str) -> list[Reply]:
    """One message read by the self-assessment, whose active dialogue is `state`. A group is never shown the
    result and the draft (`_review_texts`): 确认 there saves nothing, as where the review was never shown."""
    outcome = engine.advance(state, text, ctx.clock.now())
    if outcome.status == "done" and msg.chat_kind is ChatKind.GROUP:
        outcome = Outcome("review", outcome.state, engine.messages.review_unseen)
    outcome = _without_others_code(msg, ctx, engine, state, outcome)
    return _for_the_chat(msg, engine, [state, outcome.state], _conclude(msg, ctx, engine, state, outcome))


@router.command("my_drafts")
async def my_drafts(msg: Message, ctx: Context, args: str) -> list[Reply]:
    drafts = ctx.repos.drafts.owned_by(msg.channel, msg.sender_id)
    private = msg.chat_kind is ChatKind.PRIVATE  # a group's other members see neither contents nor contacts
    views = [draft_view(draft) for draft in drafts]
    running = ctx.repos.dialogues.get(*msg.conversation)  # its question is asked again after this reply
    filling = running is not None and running.flow == FLOW
    return [msg.reply(ctx.render("assessment_mine.j2", drafts=views, private=private, filling=filling))]


@router.command("list_drafts", staff_only=True)
async def list_drafts(msg: Message, ctx: Context, args: str) -> list[Reply]:
    county = staff_county(msg, ctx, args, "list_drafts")
    drafts = [draft_view(draft) for draft in ctx.repos.drafts.for_county(county)]
    # Which enterprises are assessing themselves is theirs to tell: listed only where staff alone read it.
    private = msg.chat_kind is ChatKind.PRIVATE
    listed = staff_alone_read(msg, ctx)
    reply = ctx.render("assessment_list.j2", county=county, drafts=drafts, listed=listed, private=private)
    return [msg.reply(read_as_said(county_read_as(ctx, args), reply))]


@router.command("export_drafts", staff_only=True)
async def export_drafts(msg: Message, ctx: Context, args: str) -> list[Reply]:
    """The list goes out as files: it holds enterprises' credit codes and contacts in full, so only into a
    private chat or a county branch's group (分局群), where staff alone read it."""
    named, formats = export_request(args)
    if not staff_alone_read(msg, ctx):
        # the command to send in private, with the county only this group tells (the staff member's own before
        # the group's binding, as `staff_county` reads it there) and the formats asked
        own = own_county(msg, ctx)
        binding = ctx.repos.groups.get(msg.channel, msg.chat_id)
        county = named or (own.name if own else "") or (binding.county if binding else "")
        named_formats = () if formats == ("xlsx",) else formats  # the default goes unsaid
        raise UserError(
            ctx.render("assessment_export.j2", step="group", county=county, formats=named_formats)
        )
    other = _OTHER_FORMAT.search(named)  # "/导出 平山县 pdf": a format we do not make, not a county
    if other:
        raise UserError(ctx.render("assessment_export.j2", step="format_unknown", word=other.group()))
    county = staff_county(msg, ctx, named, "export_drafts")
    rows = application_rows(ctx.repos, county)
    read_as = county_read_as(ctx, named)
    if not rows:
        return [
            msg.reply(read_as_said(read_as, ctx.render("assessment_export.j2", step="empty", county=county)))
        ]
    stem = ctx.config.exports_dir / ctx.render(
        "application_list.j2", part="file_stem", county=county, now=ctx.clock.now()
    )
    words = sheet_wording(ctx.render)
    paths = [WRITERS[fmt](rows, words, stem.with_suffix(f".{fmt}")) for fmt in formats]
    log.info(
        "application list exported",
        extra={**_who(msg), "county": county, "rows": len(rows), "files": [str(p) for p in paths]},
    )
    text = read_as_said(
        read_as,
        ctx.render("assessment_export.j2", step="done", county=county, rows=len(rows), formats=formats),
    )
    files = [
        msg.file_reply(path, _download_offer(msg, ctx, county, fmt, path))
        for fmt, path in zip(formats, paths, strict=True)
    ]
    return [msg.reply(text), *files]


def _download_offer(msg: Message, ctx: Context, county: str, fmt: ExportFormat, path: Path) -> str:
    """Said where the file cannot go (the AI bot, the Official Account): a one-time link to download it from
    the staff workspace. Only in a private chat, since the link signs in whoever opens it first."""
    if msg.chat_kind is not ChatKind.PRIVATE:
        return ""
    link = signin.download_link(msg, ctx, county, fmt)
    if link is None:  # the workspace is off: the general advice is said instead
        return ""
    minutes = int(signin.LINK_VALID.total_seconds() // 60)
    return ctx.render("assessment_export.j2", step="download", name=path.name, link=link, minutes=minutes)


ExportFormat = Literal["xlsx", "csv"]
WRITERS: dict[ExportFormat, Callable[[Sequence[ApplicationRow], SheetWording, Path], Path]] = {
    "xlsx": write_xlsx,
    "csv": write_csv,
}
_FORMAT_WORDS: dict[str, ExportFormat] = {"xlsx": "xlsx", "excel": "xlsx", "csv": "csv"}
# a format's name on its own, not inside a longer Latin word; Chinese may touch it ("平山县csv")
_FORMAT = re.compile(r"(?<![a-z])(xlsx|excel|csv)(?![a-z])")
_JOINERS = re.compile(r"[\s,，、和与及/+]+")
_OTHER_FORMAT = re.compile(r"[a-z]{2,}", re.IGNORECASE)  # what is left of the arguments is a county: no Latin


def export_request(args: str) -> tuple[str, tuple[ExportFormat, ...]]:
    """What `/导出` asks for: the county as written (may be empty), and the files, the xlsx unless formats are
    named (`/导出 csv`, `/导出 平山县 xlsx和csv`)."""
    folded = unicodedata.normalize("NFKC", args).lower()
    named = {_FORMAT_WORDS[word] for word in _FORMAT.findall(folded)}
    formats: tuple[ExportFormat, ...] = tuple(fmt for fmt in WRITERS if fmt in named) or ("xlsx",)
    county = _JOINERS.sub(" ", _FORMAT.sub(" ", folded)).strip() if named else args.strip()
    return county, formats


@router.command("transfer_draft", staff_only=True)
async def transfer_draft(msg: Message, ctx: Context, args: str) -> list[Reply]:
    """Only the owner of a draft replaces it; when the owner changes (another contact person takes over, or
    someone was refused a code that is really their enterprise's), staff hand the draft over."""
    if msg.chat_kind is ChatKind.GROUP:  # names, codes and accounts are not for the group
        raise UserError(_transfer_text(ctx, "private_only"))
    words = args.split()
    if len(words) != 2:
        raise UserError(_transfer_text(ctx, "usage"))
    engine = engine_for(ctx)
    if engine.code_problem(credit_code.normalize(words[0])) and not engine.code_problem(
        credit_code.normalize(words[1])
    ):  # the account named first (/转交 zhangsan 9113…): the code is the one that is a code
        words.reverse()
    code = credit_code.normalize(words[0])
    mistyped = engine.code_problem(code)
    if mistyped is not None:  # what is wrong with it, or the same code is typed again
        raise UserError(f"{mistyped}\n{_transfer_text(ctx, 'usage')}")
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
    return ask_to_confirm(
        msg, ctx, TRANSFER, question, cancelled, code=code, owner=draft.owner_id, to=new_owner
    )


@on_confirm(router, TRANSFER)
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
    """The county a staff command (its key in commands.yaml) is about: the one named, else the staff member's
    own (BOT_STAFF), else the county this group is bound to. Staff with a county in BOT_STAFF see only their
    own county's, and a bound group only its county's."""
    own = own_county(msg, ctx)
    binding = ctx.repos.groups.get(msg.channel, msg.chat_id)
    named = args.strip() or (own.name if own else "") or (binding.county if binding else "")
    if not named:
        raise UserError(ctx.render("assessment_county_needed.j2", command=command, unknown=None))
    county = county_named(ctx, named, command)
    if own is not None and county.name != own.name:
        raise UserError(ctx.render("own_county_only.j2", own=own.name, doing="drafts"))
    if binding is not None and county.name != binding.county:  # the group's members are not that county's
        raise UserError(
            ctx.render(
                "assessment_county_needed.j2", command=command, group=binding.county, asked=county.name
            )
        )
    return county.name


def county_step(ctx: Context) -> str:
    """The step whose answer is the self-assessment's county."""
    return _rules(ctx.kb.flows[FLOW]).draft_row.county


def application_rows(repos: Repositories, county: str) -> list[ApplicationRow]:
    return [_row(draft) for draft in repos.drafts.for_county(county)]


def sheet_wording(render: Renderer) -> SheetWording:
    def part(name: str) -> str:
        return render("application_list.j2", part=name)

    columns = tuple(part("columns").splitlines())
    return SheetWording(part("sheet"), part("title"), part("caveat"), columns, part("yes"), part("no"))


def export_county(repos: Repositories, render: Renderer, county: str, path: Path, fmt: ExportFormat) -> int:
    """The command-line export (python -m bot export); returns how many rows were written."""
    rows = application_rows(repos, county)
    WRITERS[fmt](rows, sheet_wording(render), path)
    log.info("application list exported", extra={"county": county, "rows": len(rows), "files": [str(path)]})
    return len(rows)


# ---- turns -------------------------------------------------------------------------------------


def _save(msg: Message, ctx: Context, state: FlowState) -> None:
    ctx.repos.dialogues.save(row_of(msg, FLOW, state))


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
    msg: Message,
    ctx: Context,
    engine: FlowEngine,
    record: models.DialogueRecord,
    starting: bool,
    said: str,
    text: str,
) -> list[Reply] | Aside:
    """The first message after the idle time. Within the keep days the dialogue is paused: a start word
    resumes it at once, 取消 and 转私聊 are its own (`_to_paused`), so is a credit code or mobile number where it
    asks for one; anything else is answered as usual, with a note on how to go on. Older, it is gone."""
    state, now = state_of(record), ctx.clock.now()
    if engine.forgotten(state.updated_at, now):
        ctx.repos.dialogues.end(*msg.conversation)
        log.info("self-assessment dropped after the keep days", extra=_who(msg))
        note = ctx.render(
            "assessment_expired.j2", missing=False, days=ctx.config.dialogue_keep_days, restarting=starting
        )
        return [msg.reply(f"{note}\n\n{_start(msg, ctx, engine)}")] if starting else Aside(note)
    if starting or _confirms_paused_review(engine, state, said):
        return _resume(msg, ctx, engine, state)
    if _meant_for_paused(msg, ctx, engine, said):
        return _to_paused(msg, ctx, engine, record, said)
    resumed = engine.resume(state, now).state
    if engine.takes_unmistakably(resumed, text):  # the code looked up meanwhile: the answer it waited for
        return _answer(msg, ctx, engine, resumed, text)
    ctx.repos.dialogues.pause(record)
    log.info("self-assessment paused", extra=_who(msg))
    return Aside(ctx.render("assessment_paused.j2", progress=engine.progress(state)))


def _resume(msg: Message, ctx: Context, engine: FlowEngine, state: FlowState) -> list[Reply]:
    """A paused self-assessment goes on at its first unanswered question (or its review)."""
    log.info("self-assessment resumed", extra=_who(msg))
    now = ctx.clock.now()
    # back at the review, the whole result is shown again: it was seen a pause ago, or not at all (in a group)
    replies = _conclude(msg, ctx, engine, replace(state, reviewed=None), engine.resume(state, now))
    # the deadline may have come near or passed while it was paused: said as when one starts
    lead = "\n\n".join(filter(None, [_deadline_note(ctx, engine.flow, now), _running_note(msg, ctx)]))
    return _for_the_chat(msg, engine, [state], _led(msg, lead, replies))


@router.fallback
async def answer_assessment_words(msg: Message, ctx: Context) -> list[Reply] | None:
    """The self-assessment's words while no dialogue waits for them. 取消 or 转私聊 with a self-assessment paused:
    that one is meant (else the person is told nothing waits, or that the bot is not sure, beside the note that it
    does); 继续 resumes it, and so does 确认 to one paused at its review. 修改 <项目> from the owner of a saved draft:
    how to reopen it (else the question whether a submitted list may be changed answers it)."""
    engine = engine_for(ctx)
    if _UNMISTAKABLE_SHAPE.match(msg.text):
        return _answer_paused(msg, ctx, engine) or _waited_for_in_private(msg, ctx, engine)
    if msg.text.strip() in ctx.kb.counties.names_and_aliases:
        return _answer_paused(msg, ctx, engine)
    if not _assessment_words(ctx.kb).search(msg.text) and not engine.confirms(normalize(msg.text)):
        return None
    if engine.edit_target(msg.text) is not None:
        drafts = ctx.repos.drafts.owned_by(msg.channel, msg.sender_id)
        if not drafts:
            return None
        views = [draft_view(draft) for draft in drafts]
        group = msg.chat_kind is ChatKind.GROUP  # where 修改申请 opens nothing (reopen_draft)
        return [msg.reply(ctx.render("assessment_reopen.j2", step="saved", drafts=views, group=group))]
    said = normalize(msg.text)
    if not (_meant_for_paused(msg, ctx, engine, said) or engine.confirms(said)):
        return None
    paused = ctx.repos.dialogues.paused(*msg.conversation, FLOW)
    if paused is None or engine.forgotten(paused.updated_at, ctx.clock.now()):
        return None
    if engine.confirms(said) and not _confirms_paused_review(engine, state_of(paused), said):
        return None
    return _to_paused(msg, ctx, engine, ctx.repos.dialogues.resume(paused, ctx.clock.now()), said)


def _waited_for_in_private(msg: Message, ctx: Context, engine: FlowEngine) -> list[Reply] | None:
    """A credit code or phone number sent to a group where this person's self-assessment in the private chat (going
    on or paused) asks for one: told to send it there, nothing repeated. It is not taken from here: the private
    chat's answers are written by its own messages only. None where no such self-assessment waits."""
    if msg.chat_kind is not ChatKind.GROUP:
        return None
    now = ctx.clock.now()
    there = msg.private_conversation
    for record in (ctx.repos.dialogues.get(*there), ctx.repos.dialogues.paused(*there, FLOW)):
        if record is None or record.flow != FLOW or engine.forgotten(record.updated_at, now):
            continue
        if engine.takes_unmistakably(engine.resume(state_of(record), now).state, msg.text):
            log.info("an answer sent to a group for the private chat", extra=_who(msg))
            return [msg.reply(ctx.render("assessment_private.j2", step="waits_there"))]
    return None


def _answer_paused(msg: Message, ctx: Context, engine: FlowEngine) -> list[Reply] | None:
    """A credit code or mobile number where the paused self-assessment asks for one (looked up meanwhile, as its
    question invites), or a county's name where it asks for the county: it goes on with that answer. None for any
    other message."""
    paused = ctx.repos.dialogues.paused(*msg.conversation, FLOW)
    now = ctx.clock.now()
    if paused is None or engine.forgotten(paused.updated_at, now):
        return None
    resumed = engine.resume(state_of(paused), now).state
    if not engine.takes_unmistakably(resumed, msg.text):
        return None
    ctx.repos.dialogues.resume(paused, now)
    log.info("self-assessment resumed", extra=_who(msg))
    return _answer(msg, ctx, engine, resumed, msg.text)


@lru_cache(maxsize=4)  # one per knowledge base
def _assessment_words(kb: KnowledgeBase) -> re.Pattern[str]:
    """Any of the words said to a paused self-assessment (取消 …, 转私聊 …, 继续 …) or a saved draft (修改 …) inside a
    message: most messages, questions, hold none and pass at the cost of one search."""
    reads = kb.commands["start_assessment"].reads
    words = [
        *kb.flow_messages.words.cancel,
        *reads["private"],
        *reads["go_on"],
        *kb.flow_messages.words.edit_prefixes,
    ]
    return re.compile("|".join(map(re.escape, words)), re.IGNORECASE)


def _confirms_paused_review(engine: FlowEngine, state: FlowState, said: str) -> bool:
    """确认 to a self-assessment paused at its review (the person back from lunch): told it is not saved yet and
    shown the result and the draft again, whose next 确认 saves them; it was told nothing waited for a reply."""
    return state.step == REVIEW and engine.confirms(said)


def _meant_for_paused(msg: Message, ctx: Context, engine: FlowEngine, said: str) -> bool:
    reads = ctx.kb.commands["start_assessment"].reads
    moving = said in reads["private"]
    return engine.cancels(said) or said in reads["go_on"] or (moving and msg.chat_kind is ChatKind.GROUP)


def _to_paused(
    msg: Message, ctx: Context, engine: FlowEngine, record: models.DialogueRecord, said: str
) -> list[Reply]:
    """A paused self-assessment, back where it stopped: 继续 asks its question; 转私聊 moves it to the private chat;
    取消 is asked as the dialogue asks it, its answers dropped only on a yes."""
    if said in ctx.kb.commands["start_assessment"].reads["go_on"] or _confirms_paused_review(
        engine, state_of(record), said
    ):
        return _resume(msg, ctx, engine, state_of(record))
    if not engine.cancels(said):
        return [msg.reply(_move_to_private(msg, ctx, engine, record))]
    now = ctx.clock.now()
    outcome = engine.advance(engine.resume(state_of(record), now).state, msg.text, now)
    _save(msg, ctx, outcome.state)
    return [msg.reply(outcome.text)]


def _led(msg: Message, lead: str, replies: list[Reply]) -> list[Reply]:
    """The replies with a line put before the first one."""
    if not replies:
        return [msg.reply(lead)]
    return [replace(replies[0], text=f"{lead}\n{replies[0].text}"), *replies[1:]]


async def forget_old_dialogues(ctx: Context) -> int:
    """Paused self-assessments (and any dialogue) last answered more than the keep days ago are dropped."""
    cutoff = ctx.clock.now() - timedelta(days=ctx.config.dialogue_keep_days)
    dropped = ctx.repos.dialogues.forget_before(cutoff)
    if dropped:
        log.info("old dialogues dropped", extra={"dropped": dropped})
    return 0  # nothing sent


def _without_others_code(
    msg: Message, ctx: Context, engine: FlowEngine, before: FlowState, outcome: Outcome
) -> Outcome:
    """An answer (or a 修改) that would make a credit code this dialogue's is not taken when the code is
    another person's (only the owner of a code's draft may replace it: DraftRepository), nor when this person
    is answering for it in another chat (one draft per enterprise: the later confirmation would replace the
    other chat's answers). The question is asked again."""
    key = _rules(engine.flow).draft_row.credit_code
    code = outcome.state.answers.get(key)
    if outcome.status == "cancelled" or code is None or code == before.answers.get(key):
        return outcome
    if ctx.repos.drafts.held_by_another(code, msg.channel, msg.sender_id):
        binding = ctx.repos.groups.get(msg.channel, msg.chat_id)
        refusal = _code_taken(msg, ctx, code, county=binding.county if binding else None, at_review=False)
    else:
        elsewhere = _going_on_elsewhere(msg, ctx, engine, (key, code))
        if elsewhere is None and _answered_by_another(msg, ctx, engine, key, code):
            # two people of one enterprise: the second learns it now, not after every question at 确认
            return replace(outcome, text=f"{ctx.render('assessment_code_shared.j2')}\n{outcome.text}")
        if elsewhere is None:
            return outcome
        refusal = elsewhere
    again = replace(before, updated_at=outcome.state.updated_at)
    return Outcome("ask", again, f"{refusal}\n{engine.question(again)}")


def _answered_by_another(msg: Message, ctx: Context, engine: FlowEngine, key: str, code: str) -> bool:
    """Whether someone else's self-assessment, going on or paused and not yet dropped, has this credit code."""
    now = ctx.clock.now()
    active, paused = ctx.repos.dialogues.of_flow(FLOW)
    records: list[models.DialogueRecord | models.PausedDialogueRecord] = [*active, *paused]
    return any(
        record.sender_id != msg.sender_id
        and record.answers.get("answers", {}).get(key) == code
        and not engine.forgotten(record.updated_at, now)
        for record in records
    )


def _going_on_elsewhere(
    msg: Message,
    ctx: Context,
    engine: FlowEngine,
    code: tuple[str, str] | None = None,
    starting: bool = False,
) -> str | None:
    """Where this person's self-assessment is going on or paused in another chat (for the same credit code,
    given as its answer's key and value), said with how to go on there; None if it is nowhere else. `starting`:
    said before a new one starts here. Only its progress is told, never its answers."""
    now = ctx.clock.now()
    for other in ctx.repos.dialogues.of_sender(msg.channel, msg.sender_id, FLOW):
        state = FlowState.from_json(other.step, other.answers, other.updated_at)
        if (
            other.chat_id == msg.chat_id
            or (code is not None and state.answers.get(code[0]) != code[1])
            or engine.forgotten(state.updated_at, now)
        ):
            continue
        masked = {"credit_code": credit_code.mask(code[1])} if code else {}
        log.info(
            "self-assessment going on in another chat", extra={**_who(msg), **masked, "there": other.chat_id}
        )
        private = other.chat_id == msg.sender_id  # Message.private_conversation
        return ctx.render(
            "assessment_code_elsewhere.j2",
            chat=None if private else other.chat_id,
            progress=engine.progress(state),
            code=code is not None,
            starting=starting,
        )
    return None


def _code_taken(msg: Message, ctx: Context, code: str, county: str | None, at_review: bool) -> str:
    """Says the code is being handled by someone, and nothing else about their draft (not even its county:
    `county` is the asker's own, or their group's)."""
    log.info("credit code held by another person", extra={**_who(msg), "credit_code": credit_code.mask(code)})
    account = msg.sender_id if msg.chat_kind is ChatKind.PRIVATE else None  # not for the group to read
    return ctx.render("assessment_code_taken.j2", county=county, account=account, at_review=at_review)


def _move_to_private(msg: Message, ctx: Context, engine: FlowEngine, record: models.DialogueRecord) -> str:
    """The dialogue goes on in the sender's private chat, where the group cannot read the answers."""
    target = msg.private_conversation
    waiting = ctx.repos.dialogues.get(*target)
    paused = ctx.repos.dialogues.paused(*target, FLOW)
    now = ctx.clock.now()
    kept = [found for found in (waiting, paused) if found is not None and found.flow == FLOW]
    if any(not engine.forgotten(found.updated_at, now) for found in kept) or (
        waiting is not None and waiting.flow != FLOW and not engine.expired(state_of(waiting), now)
    ):  # a self-assessment there, active or paused, is not overwritten; nor a confirmation still waiting
        return ctx.render("assessment_private.j2", step="busy")
    channel, chat, sender = target
    ctx.repos.dialogues.save(
        models.DialogueRecord(
            channel=channel,
            chat_id=chat,
            sender_id=sender,
            flow=record.flow,
            step=record.step,
            answers={**record.answers, "reviewed": None},  # nothing of the review was shown there yet
            updated_at=now,
        )
    )
    ctx.repos.dialogues.end(*msg.conversation)
    log.info("self-assessment moved to the private chat", extra=_who(msg))
    return ctx.render("assessment_private.j2", step="moved")


def _for_the_chat(
    msg: Message, engine: FlowEngine, states: list[FlowState], replies: list[Reply]
) -> list[Reply]:
    """In a group, what belongs to one person (credit code, phone, contact name) is masked wherever a reply
    repeats it: in the draft, in a question's current answer, anywhere; and so are a code or phone number in the
    message when a reply repeats it (没有找到“13812345678” at the county: no answer yet holds it)."""
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

    said = (msg.text.strip(),)
    return [replace(reply, text=with_quotes_masked(masked(reply.text), said)) for reply in replies]


def _already_running(msg: Message, ctx: Context, engine: FlowEngine, state: FlowState) -> str:
    cancelling = state.pending is not None and state.pending["kind"] == "cancel"
    return f"{_running_note(msg, ctx, cancelling)}\n{engine.prompt(state)}"


def _running_note(msg: Message, ctx: Context, cancelling: bool = False) -> str:
    """What is said before the question a running self-assessment waits on: to one who asked to go on (继续自评, as
    the bot itself says after 转私聊 and a pause), that it goes on; to one who asked to start, that one is running.
    While 取消 waits for its 是 or 否 (`cancelling`), which of the two does what was asked."""
    reads = ctx.kb.commands["start_assessment"].reads
    said = normalize(ctx.kb.without_chat_emoji(msg.text)).lstrip("/")
    going_on = said in (*reads["resume"], *reads["go_on"])
    confirming = engine_for(ctx).confirms(said)  # 确认 after a pause at the review (_confirms_paused_review)
    return ctx.render(
        "assessment_running.j2", going_on=going_on, cancelling=cancelling, confirming=confirming
    )


def _conclude(
    msg: Message, ctx: Context, engine: FlowEngine, before: FlowState, outcome: Outcome
) -> list[Reply]:
    """Reply to the outcome of one turn; the state is stored only once the reply is ready."""
    state = outcome.state
    if outcome.status == "cancelled":
        ctx.repos.dialogues.end(*msg.conversation)
        log.info("self-assessment cancelled", extra=_who(msg))
        kept = _saved_draft(msg, ctx, engine, state)
        return [msg.reply(ctx.render("assessment_cancelled.j2", kept=draft_view(kept) if kept else None))]
    if outcome.status == "ask":
        _save(msg, ctx, state)
        if (
            outcome.asked
        ):  # a question instead of the answer: answered as the Q&A answers it, then asked again
            # read with what was asked before it, as the Q&A reads a question ("那B级呢" after an aside)
            answer = answer_read(msg, ctx, outcome.decided)
            answered = masked_for_the_chat(msg, answer, text_as_sent(msg, ctx, answer))
            return [msg.reply(f"{answered}\n\n{outcome.text}")]
        return [msg.reply(outcome.text)]
    now = ctx.clock.now()
    result = assess(engine.flow, state.answers, ctx.kb.catalogue, now, ctx.kb.words)
    grade = ctx.render("application_list.j2", part="grade", grade=result.grade)  # as the list shows it
    draft = _draft(engine.flow, state.answers, result, grade, msg, now)
    if outcome.status == "review":
        texts = [outcome.text, *_review_texts(msg, ctx, engine, before.reviewed, draft, result)]
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


def _review_texts(
    msg: Message,
    ctx: Context,
    engine: FlowEngine,
    shown: dict[str, Any] | None,
    draft: models.DraftRecord,
    result: Assessment,
) -> list[str]:
    """The result and the draft row for 确认 (`shown`: the answers the result was last shown for). In a group
    only how to see them in private: they hold the grades, and a group reads of a draft what /我的申请 shows."""
    if msg.chat_kind is ChatKind.GROUP:
        return [ctx.render("assessment_private.j2", step="review")]
    return [
        *_result_texts(ctx, engine, draft.answers, result, shown, draft.submitted_at),
        ctx.render(
            "assessment_draft.j2",
            row=_row(draft),
            prompt=ctx.kb.flow_messages.review_prompt,
            named_counties=_other_counties_named(ctx, draft),
        ),
    ]


def _saved_draft(
    msg: Message, ctx: Context, engine: FlowEngine, state: FlowState
) -> models.DraftRecord | None:
    """This person's saved draft of the credit code the dialogue was answering for (reopened by 修改申请, or
    assessed anew): a cancelled dialogue leaves it as it was, and says so."""
    code = state.answers.get(_rules(engine.flow).draft_row.credit_code)
    saved = ctx.repos.drafts.current(code) if code else None
    if saved is None or ctx.repos.drafts.held_by_another(saved.credit_code, msg.channel, msg.sender_id):
        return None
    return saved


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
        at=rules.deadline.at,
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
    name = answers.get(result.rules.draft_row.enterprise_name, "")
    grade = ctx.render(
        "assessment_result.j2", a=result, name=name, cite=ctx.kb.cite, confidence=engine.flow.confidence_words
    )
    if shown is not None:
        before = assess(engine.flow, shown, ctx.kb.catalogue, now, ctx.kb.words)
        unchanged = (before.grade, before.short_board) == (result.grade, result.short_board)
        return [] if unchanged else [grade]
    notes: dict[str, list[str]] = {}
    for industry in result.industries:
        for note in industry.notes:
            notes.setdefault(note, []).append(industry.name)
    deadline = _deadline_note(ctx, engine.flow, ctx.clock.now())
    routes = ctx.render("assessment_routes.j2", a=result, notes=notes, cite=ctx.kb.cite, deadline=deadline)
    return [grade, routes]


def _draft(
    flow: Flow, answers: dict[str, Any], result: Assessment, grade: str, msg: Message, now: datetime
) -> models.DraftRecord:
    row = result.rules.draft_row
    return models.DraftRecord(
        credit_code=answers[row.credit_code],
        county=answers[row.county],
        enterprise_name=answers[row.enterprise_name],
        industries="、".join(answers[row.industries]),
        in_industrial_park=answers[row.in_park] == YES_WORD,
        self_grade=grade,
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


def _other_counties_named(ctx: Context, draft: models.DraftRecord) -> list[str]:
    """Counties the enterprise's name holds when the county answered is not one of them: the list goes to the
    county answered, so a slip there (鹿泉 for 平山) hands the row to another county's branch."""
    named = ctx.kb.counties.named_in(draft.enterprise_name)
    return [] if draft.county in named else named


def _row(draft: models.DraftRecord | models.DraftHistoryRecord) -> ApplicationRow:
    return ApplicationRow(
        county=draft.county,
        enterprise_name=draft.enterprise_name,
        credit_code=draft.credit_code,
        industries=draft.industries,
        in_industrial_park=draft.in_industrial_park,
        self_grade=draft.self_grade,
        intended_grade=draft.intended_grade,
        short_board=draft.short_board,
        contact_name=draft.contact_name,
        contact_phone=draft.contact_phone,
        submitted_at=f"{draft.submitted_at:%Y-%m-%d %H:%M}",
    )


def draft_view(draft: models.DraftRecord | models.DraftHistoryRecord) -> dict[str, Any]:
    """A draft as the templates show it: its row in full, and masked for where others may read it."""
    return {
        "row": _row(draft),
        "version": draft.version,
        "masked_code": credit_code.mask(draft.credit_code),
        "masked_phone": mask_phone(draft.contact_phone),
        "masked_name": mask_name(draft.contact_name),
    }
