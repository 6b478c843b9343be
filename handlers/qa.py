"""The Q&A fallback: answers from knowledge data with their source, or says it is not sure."""

from __future__ import annotations

from bot.dispatch import Router
from bot.message import Message, Reply
from bot.render import Renderer
from handlers.context import Context
from knowledge.answering import decide
from knowledge.base import KnowledgeBase

router: Router[Context] = Router("qa")


@router.fallback
async def answer_question(msg: Message, ctx: Context) -> list[Reply]:
    return [msg.reply(compose_answer(ctx.kb, ctx.render, msg.text))]


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
