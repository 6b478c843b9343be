"""The Q&A fallback: answers from knowledge data with their source, or says it is not sure.

When the industry answer offers numbered candidates, the person's next message may pick one ("1", "2" or the
industry's name). That pending choice is a one-step flow (handlers/dialogues.py), and it lives for one message
only: whatever comes next ends it, so it never holds up a command or another question.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import get_args

from bot.dispatch import Router
from bot.message import Message, Reply
from bot.render import Renderer
from handlers.context import Answer, Context, answer_to
from handlers.dialogues import advance_one_step, one_step, start_one_step
from handlers.flow_engine import CHOSEN
from knowledge.answering import SmallTalkKind, decide
from knowledge.base import KnowledgeBase
from knowledge.catalogue import Industry
from storage.lazy import models

router: Router[Context] = Router("qa")

CHOICE_FLOW = "industry_choice"
# What a question has at least: a Chinese character or a Latin word (VOCs, PVC). Digits, emoji and
# punctuation alone ("123", "😀", "？？") ask nothing, and retrieval would match them to anything.
_WORDED = re.compile(r"[\u3400-\u9fff]|[A-Za-z]{2}")
_SMALL_TALK: tuple[SmallTalkKind, ...] = get_args(SmallTalkKind)


@router.dialogue(CHOICE_FLOW)
async def take_industry_choice(
    msg: Message, ctx: Context, record: models.DialogueRecord
) -> list[Reply] | None:
    outcome = advance_one_step(msg, ctx, CHOICE_FLOW, record)
    if outcome.status in ("cancelled", "ask"):  # 都不是: how to go on instead; "5" to three: the list again
        return [msg.reply(outcome.text)]
    if outcome.status != "done":
        return None  # not a choice: answered as any other message
    industry = ctx.kb.catalogue.by_name[outcome.state.answers[CHOSEN]]
    return [msg.reply(render_chosen(ctx.kb, ctx.render, industry))]


@router.fallback
async def answer_question(msg: Message, ctx: Context) -> list[Reply]:
    answer = answer_to(msg, ctx)
    if answer.choices:  # offered unless another dialogue of the sender's is going on
        start_one_step(msg, ctx, CHOICE_FLOW, one_step(ctx).choice(list(answer.choices), ctx.clock.now()))
    return [msg.reply(answer.text)]


def answerer(
    answers: Callable[[str], Answer], refused: Callable[[str], bool], remembered: int
) -> Callable[[str], Answer | None]:
    """`answers` remembering the replies to the last `remembered` distinct questions; None for a question
    `refused` (a request for other enterprises' data, kb.others_data.asked_for), never retrieved. The knowledge
    and the templates do not change while the bot runs and a reply depends on nothing else, while groups ask
    the same questions again and again: a repeated question then costs a lookup instead of the check, retrieval
    and rendering, most of an answered callback's work (bench/bench_wecom_bot.py)."""

    def answer(question: str) -> Answer | None:
        return None if refused(question) else answers(question)

    return functools.lru_cache(maxsize=remembered)(answer)


def render_chosen(kb: KnowledgeBase, render: Renderer, industry: Industry) -> str:
    return render(
        "qa_industry_chosen.j2", industry=industry, catalogue_source=kb.cite(industry.source), cite=kb.cite
    )


class Answers:
    """The reply to a question (also used by `python -m bot knowledge eval`). What is the same whatever is asked
    is rendered once, when the bot is built: the replies to small talk, each FAQ entry's reply when it is the
    whole answer, each industry's lines on its grading, the source lines. A question then costs its retrieval
    and the rendering of what is its own (bench/bench_qa.py)."""

    def __init__(self, kb: KnowledgeBase, render: Renderer) -> None:
        self._kb = kb
        self._render = render
        # replies that take nothing of the question
        self._said = {kind: render(f"qa_{kind}.j2") for kind in ("empty", *_SMALL_TALK)}
        self._alone = {
            entry.id: render(
                "qa_answer.j2", items=[(entry, kb.cite(entry.source))], others=[], asked_both=False
            )
            for entry in kb.entries.values()
        }
        self._listed = {
            industry.name: render("qa_industry_listed.j2", industry=industry, cite=kb.cite)
            for industry in kb.catalogue.industries
        }
        self._industry_lines = {
            "catalogue_source": kb.cite(kb.catalogue.industries[0].source),
            "outside_source": kb.cite(kb.catalogue.outside_source),
            "outside_verdict": kb.flow_messages.industry_outside,
            "still": render(
                "qa_industry_still.j2",
                small_micro=kb.entries.get("micro_criteria_all"),
                emission_list=kb.entries.get("list_full_coverage"),
            ),
        }

    def __call__(self, question: str) -> Answer:
        render = self._render
        question = self._kb.without_chat_emoji(question)
        if not _WORDED.search(question):
            return Answer(self._said["empty"])
        decision = decide(self._kb, question)
        if decision.kind in _SMALL_TALK:
            return Answer(self._said[decision.kind])
        if decision.kind == "answer" and not decision.others:
            alone = self._alone[decision.hits[0].entry.id]
            if decision.industry is None:
                return Answer(alone)
            aside = render("qa_industry_aside.j2", match=decision.industry, **self._industry_lines)
            return Answer(f"{alone}\n\n{aside}")
        if decision.kind in ("answer", "pair", "both"):
            return Answer(
                render(
                    "qa_answer.j2",
                    items=[(hit.entry, self._kb.cite(hit.entry.source)) for hit in decision.hits],
                    others=decision.others,
                    asked_both=decision.kind == "both",
                )
            )
        if decision.kind == "industry":
            match = decision.industry
            assert match is not None
            offered = match.verdict in ("ambiguous", "unsure") and len(match.candidates) > 0
            listed = self._listed[match.candidates[0].name] if match.verdict == "one" else ""
            text = render("qa_industry.j2", match=match, listed=listed, **self._industry_lines)
            return Answer(text, tuple(industry.name for industry in match.candidates) if offered else ())
        return Answer(render("qa_unsure.j2", topics=[hit.entry.title for hit in decision.hits]))
