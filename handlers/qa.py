"""The Q&A fallback: answers from knowledge data with their source, or says it is not sure."""

from __future__ import annotations

import functools
from collections.abc import Callable

from bot.dispatch import Router
from bot.message import Message, Reply, Role
from bot.render import Renderer
from handlers.context import Context
from knowledge.answering import decide
from knowledge.base import KnowledgeBase

router: Router[Context] = Router("qa")


@router.fallback
async def answer_question(msg: Message, ctx: Context) -> list[Reply]:
    if ctx.kb.others_data.asked_for(msg.text):  # never a retrieved answer, nor a "not sure"
        return [msg.reply(ctx.render("qa_others_data.j2", staff=msg.role is Role.STAFF))]
    return [msg.reply(ctx.answer(msg.text))]


def answerer(kb: KnowledgeBase, render: Renderer, remembered: int) -> Callable[[str], str]:
    """`compose_answer` on this knowledge and these templates, remembering the replies to the last
    `remembered` distinct questions. Neither changes while the bot runs and a reply depends on nothing else,
    while groups ask the same questions again and again: a repeated question then costs a lookup instead of
    retrieval and rendering, most of an answered callback's work (bench/bench_wecom_bot.py)."""
    return functools.lru_cache(maxsize=remembered)(functools.partial(compose_answer, kb, render))


def compose_answer(kb: KnowledgeBase, render: Renderer, question: str) -> str:
    """The reply text to a question (also used by `python -m bot knowledge eval`)."""
    if not question.strip():
        return render("qa_empty.j2")
    decision = decide(kb, question)
    if decision.kind in ("greeting", "thanks", "stray_answer"):
        return render(f"qa_{decision.kind}.j2")
    if decision.kind in ("answer", "pair"):
        return render("qa_answer.j2", items=[(hit.entry, kb.cite(hit.entry.source)) for hit in decision.hits])
    if decision.kind == "industry":
        assert decision.industry is not None
        return render(
            "qa_industry.j2",
            match=decision.industry,
            catalogue_source=kb.cite(decision.industry.candidates[0].source)
            if decision.industry.candidates
            else kb.cite(kb.catalogue.industries[0].source),
            small_micro=kb.entries.get("micro_criteria_all"),
            emission_list=kb.entries.get("list_full_coverage"),
        )
    return render("qa_unsure.j2", topics=[hit.entry.title for hit in decision.hits])
