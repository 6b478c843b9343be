"""The Q&A fallback: answers from knowledge data with their source, or says it is not sure.

When the industry answer offers numbered candidates, the person's next message may pick one ("1", "2" or the
industry's name). That pending choice is a dialogue row of its own flow, and it lives for one message only:
whatever comes next ends it, so it never holds up a command or another question.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.dispatch import Router
from bot.message import Message, Reply, Role
from bot.render import Renderer
from handlers.context import Context, dialogue_row, idle_too_long
from knowledge.answering import decide
from knowledge.base import KnowledgeBase
from knowledge.catalogue import Industry, fold

router: Router[Context] = Router("qa")

CHOICE_FLOW = "industry_choice"
_ORDINAL = re.compile(r"^(?:第)?([1-9])(?:个|项|号)?$")
_DIGIT_WORDS = {"一": "1", "二": "2", "两": "2", "三": "3"}


@dataclass(frozen=True, slots=True)
class Answer:
    text: str
    choices: tuple[str, ...] = ()  # industry names offered by number: the next message may pick one


@router.active_dialogue
async def take_industry_choice(msg: Message, ctx: Context) -> list[Reply] | None:
    record = ctx.repos.dialogues.get(*msg.conversation)
    if record is None or record.flow != CHOICE_FLOW:
        return None
    ctx.repos.dialogues.end(*msg.conversation)
    if idle_too_long(ctx, record):
        return None
    chosen = pick([str(name) for name in record.answers["choices"]], msg.text)
    if chosen is None:
        return None  # not a choice: answered as any other message
    industry = ctx.kb.catalogue.by_name[chosen]
    return [msg.reply(render_chosen(ctx.kb, ctx.render, industry))]


@router.fallback
async def answer_question(msg: Message, ctx: Context) -> list[Reply]:
    if ctx.kb.others_data.asked_for(msg.text):  # never a retrieved answer, nor a "not sure"
        return [msg.reply(ctx.render("qa_others_data.j2", staff=msg.role is Role.STAFF))]
    answer = ctx.answer(msg.text)
    # The row is shared by every module's dialogues: a choice never overwrites another one's progress.
    if answer.choices and ctx.repos.dialogues.get(*msg.conversation) is None:
        ctx.repos.dialogues.save(
            dialogue_row(msg, ctx, CHOICE_FLOW, "choose", {"choices": list(answer.choices)})
        )
    return [msg.reply(answer.text)]


def pick(choices: list[str], text: str) -> str | None:
    """The offered industry a reply names: by its number, or by (most of) its name."""
    said = fold(text)
    said = _DIGIT_WORDS.get(said, said)
    number = _ORDINAL.match(said)
    if number:
        index = int(number.group(1)) - 1
        return choices[index] if index < len(choices) else None
    named = [name for name in choices if said and (said in fold(name) or fold(name) in said)]
    return named[0] if len(named) == 1 and len(said) >= 2 else None


def answerer(kb: KnowledgeBase, render: Renderer, remembered: int) -> Callable[[str], Answer]:
    """`compose_answer` on this knowledge and these templates, remembering the replies to the last
    `remembered` distinct questions. Neither changes while the bot runs and a reply depends on nothing else,
    while groups ask the same questions again and again: a repeated question then costs a lookup instead of
    retrieval and rendering, most of an answered callback's work (bench/bench_wecom_bot.py)."""
    return functools.lru_cache(maxsize=remembered)(functools.partial(compose_answer, kb, render))


def render_chosen(kb: KnowledgeBase, render: Renderer, industry: Industry) -> str:
    return render(
        "qa_industry_chosen.j2", industry=industry, catalogue_source=kb.cite(industry.source), cite=kb.cite
    )


def compose_answer(kb: KnowledgeBase, render: Renderer, question: str) -> Answer:
    """The reply to a question (also used by `python -m bot knowledge eval`)."""
    if not question.strip():
        return Answer(render("qa_empty.j2"))
    decision = decide(kb, question)
    if decision.kind in ("greeting", "thanks", "stray_answer"):
        return Answer(render(f"qa_{decision.kind}.j2"))
    if decision.kind in ("answer", "pair"):
        return Answer(
            render(
                "qa_answer.j2",
                items=[(hit.entry, kb.cite(hit.entry.source)) for hit in decision.hits],
                others=decision.others,
            )
        )
    if decision.kind == "industry":
        match = decision.industry
        assert match is not None
        offered = match.verdict in ("ambiguous", "unsure") and len(match.candidates) > 0
        text = render(
            "qa_industry.j2",
            match=match,
            catalogue_source=kb.cite(kb.catalogue.industries[0].source),
            outside_source=kb.cite(kb.catalogue.outside_source),
            cite=kb.cite,
            small_micro=kb.entries.get("micro_criteria_all"),
            emission_list=kb.entries.get("list_full_coverage"),
        )
        return Answer(text, tuple(industry.name for industry in match.candidates) if offered else ())
    return Answer(render("qa_unsure.j2", topics=[hit.entry.title for hit in decision.hits]))
