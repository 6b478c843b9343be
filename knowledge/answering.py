"""Deciding what a question gets: one answer, two close ones, an industry verdict, or an honest "not sure"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from knowledge.base import KnowledgeBase
from knowledge.catalogue import IndustryMatch
from knowledge.faq import Hit

# Tuned with `python -m bot knowledge eval` on the development question sets in tests/data/.
CONFIDENT = 0.40  # at or above: answer
CLOSE = 0.03  # a runner-up within this of the best (and itself confident) is answered too
UNSURE_TOPICS = 3


@dataclass(frozen=True, slots=True)
class Decision:
    kind: Literal["answer", "pair", "industry", "unsure", "greeting", "thanks", "stray_answer"]
    hits: list[Hit]
    industry: IndustryMatch | None = None


def decide(kb: KnowledgeBase, question: str) -> Decision:
    social = kb.smalltalk(question)
    if social is not None:
        return Decision(social, [])  # type: ignore[arg-type]
    hits = kb.faq.search(question, limit=UNSURE_TOPICS)
    best = hits[0].score if hits else 0.0
    confident = best >= CONFIDENT and hits[0].specific
    reading = kb.catalogue.read(question)
    industry = reading.match
    if industry.verdict == "none" and (reading.vague or not reading.names_a_business):
        industry = IndustryMatch("unknown", [], [])
    if reading.asks_membership or reading.only_describes_business:
        return Decision("industry", hits, industry)
    if confident:
        runner_up = hits[1] if len(hits) > 1 else None
        if runner_up and runner_up.score >= CONFIDENT and best - runner_up.score <= CLOSE:
            return Decision("pair", hits[:2])
        return Decision("answer", hits[:1])
    if industry.verdict != "none" or reading.describes_business or reading.asks_participation:
        return Decision("industry", hits, industry)
    return Decision("unsure", hits)
