"""What the bot decides for a message, on the shipped knowledge read anew: for test_qa_determinism and the process
it starts with another hash seed, which imports this module alone (the knowledge and the settings, ~0.3 s of CPU,
against ~1.5 s for the test module's harness and development sets)."""

from __future__ import annotations

from bot.settings import Settings
from knowledge.answering import decide
from knowledge.base import KnowledgeBase, load_knowledge

Decided = tuple[str, tuple[str, ...], str, str | None, tuple[str, ...]]


def decided(kb: KnowledgeBase, text: str) -> Decided:
    """What the bot decides for a message, as the evaluation reads it: the kind, the entries answering, the step
    of `decide` that chose them, and the industry verdict with its candidates."""
    decision = decide(kb, kb.without_chat_emoji(text))
    match = decision.industry
    return (
        decision.kind,
        tuple(hit.entry.id for hit in decision.hits),
        decision.step,
        match.verdict if match else None,
        tuple(industry.id for industry in match.candidates) if match else (),
    )


def fresh_knowledge() -> KnowledgeBase:
    """A knowledge base no message has been decided on: the shipped one read anew from the cache the session's
    was loaded through (a read takes about a tenth of a second, a build half a second)."""
    shipped = Settings()
    return load_knowledge(shipped.knowledge_dir, shipped.templates_dir, shipped.cache_dir)
