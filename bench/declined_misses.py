"""Where the FAQ search puts the expected entry of each development question the bot declines although an entry
answers it: first, lower in the shortlist, or absent, and how far below the confidence bar its score stands.

A question is declined as `python -m bot knowledge eval` counts it (bot/evaluate.py: not sure, or only entries
stating a gap) or where the industry verdict is "not sure". Only the development sets are read: the held-out
sets' misses stay unread.

    python bench/declined_misses.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.evaluate import DEV_QUESTIONS, UNSURE, _check_answer, _decided, _load, declines  # noqa: E402
from bot.render import Renderer  # noqa: E402
from handlers.qa import Answers  # noqa: E402
from knowledge.answering import CONFIDENT  # noqa: E402
from knowledge.base import KnowledgeBase, load_knowledge  # noqa: E402
from knowledge.faq import FaqIndex  # noqa: E402

DATA = ROOT / "tests" / "data"


def declined(kb: KnowledgeBase, question: str) -> str | None:
    """How the bot declines the question ("unsure", "gap", "industry"), or None where it answers."""
    decision = _decided(kb, question)
    if decision.kind == "industry":
        return "industry" if decision.industry and decision.industry.verdict == "unsure" else None
    if declines(decision):
        return "unsure" if decision.kind == "unsure" else "gap"
    return None


def main() -> None:
    kb = load_knowledge(ROOT / "knowledge" / "data", ROOT / "knowledge" / "templates")
    answers = Answers(kb, Renderer(ROOT / "knowledge" / "templates", preload=False, commands=kb.commands))
    places: Counter[str] = Counter()
    print("set\twhere\texpected score\tbar gap\tfirst score\tsecond score\tdeclined as\texpected\tquestion")
    for name in DEV_QUESTIONS:
        for case in _load(DATA, name):
            if case["expect"] == UNSURE or _check_answer(kb, answers, case)[0]:
                continue
            question = str(case["q"])
            how = declined(kb, question)
            if how is None:
                continue
            acceptable = {str(case["expect"]), *map(str, case.get("also_ok", []))}  # type: ignore[call-overload]
            hits = kb.faq.search(kb.without_chat_emoji(question), limit=FaqIndex.SHORTLIST)
            rank = next((rank for rank, hit in enumerate(hits) if hit.entry.id in acceptable), None)
            where = "absent" if rank is None else "first" if rank == 0 else f"shortlist {rank + 1}"
            places[where.split()[0]] += 1
            expected = hits[rank].score if rank is not None else 0.0
            first = hits[0].score if hits else 0.0
            second = hits[1].score if len(hits) > 1 else 0.0
            print(
                f"{name.removesuffix('.yaml')}\t{where}\t{expected:.3f}\t{CONFIDENT - expected:+.3f}\t"
                f"{first:.3f}\t{second:.3f}\t{how}\t{case['expect']}\t{question}"
            )
    print(", ".join(f"{where} {count}" for where, count in places.most_common()), f"of {places.total()}")


if __name__ == "__main__":
    main()
