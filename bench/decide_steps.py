"""Where the development question sets' misses are lost: for every failing question, where the FAQ search put
its expected entry (or one that would also do: first, in the shortlist, absent) and which step of `decide`
made the answer given (knowledge.answering.Step). A miss whose entry the search put first is lost by routing,
not by ranking: fixing the step that took it fixes every wording that reaches that step.

    python bench/decide_steps.py [--list STEP …]

Held-out sets are never read. `--list` prints the misses of the steps named (development sets only), each with
its expected entry's score against the confidence bar and the evidence the message gives it (and in how many words)
against a first guess's, a question's or a statement's (the declined ones: `--list below_bar verdict_below_bar`).
`--declined` prints the unanswerable sets' questions declined below the bar with their first entry's score and
evidence: what a lower bar must still decline.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.evaluate import (  # noqa: E402
    DEV_QUESTIONS,
    UNANSWERABLE_SETS,
    Miss,
    load_cases,
    question_score,
    search_position,
)
from bot.render import Renderer  # noqa: E402
from handlers.qa import Answers  # noqa: E402
from knowledge.answering import (  # noqa: E402
    CONFIDENT,
    GUESS_EVIDENCE,
    STATEMENT_GUESS_EVIDENCE,
    decide,
)
from knowledge.base import load_knowledge  # noqa: E402
from knowledge.faq import FaqIndex  # noqa: E402

POSITIONS = ("first", "shortlist", "absent", None)  # None: the question should have been declined
HEADINGS = ("entry first", "in shortlist", "absent", "to decline")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--list", nargs="*", default=[], metavar="STEP", help="print these steps' misses")
    parser.add_argument(
        "--declined", action="store_true", help="print the unanswerable questions declined below the bar"
    )
    arguments = parser.parse_args()
    listed = set(arguments.list)
    templates = ROOT / "knowledge" / "templates"
    kb = load_knowledge(ROOT / "knowledge" / "data", templates)
    answers = Answers(kb, Renderer(templates, commands=kb.commands))
    misses: list[tuple[Miss, str | None]] = [
        (miss, search_position(kb, miss))
        for name in DEV_QUESTIONS
        for miss in question_score(kb, answers, ROOT / "tests" / "data", name).failures
    ]
    counts = Counter((miss.step, position) for miss, position in misses)
    by_step = Counter(miss.step for miss, _ in misses)
    print(f"| step of decide | misses | {' | '.join(HEADINGS)} |")
    print(f"|---|---|{'---|' * len(HEADINGS)}")
    for step, total in by_step.most_common():
        print(f"| {step} | {total} | {' | '.join(str(counts[step, where]) for where in POSITIONS)} |")
    columns = " | ".join(str(sum(counts[step, where] for step in by_step)) for where in POSITIONS)
    print(f"| all | {len(misses)} | {columns} |")
    for miss, position in misses:
        if miss.step in listed:
            text = kb.without_chat_emoji(miss.text)
            hits = kb.faq.search(text, limit=FaqIndex.SHORTLIST)
            expected = next((hit for hit in hits if hit.entry.id in {miss.expect, *miss.also_ok}), None)
            score = expected.score if expected else 0.0
            evidence = kb.faq.evidence(expected.entry, text) if expected else 0.0
            words = kb.faq.words_shared(expected.entry, text) if expected else 0
            print(
                f"{miss.step} [{position}, {score:.2f} for the bar's {CONFIDENT}, evidence {evidence:.1f} in {words} "
                f"words for {GUESS_EVIDENCE}, a statement's {STATEMENT_GUESS_EVIDENCE}] {miss.text} → {miss.decided} "
                f"{miss.found} (expected {miss.expect})"
            )
    if arguments.declined:
        for name in UNANSWERABLE_SETS:
            for case in load_cases(ROOT / "tests" / "data", name):
                text = kb.without_chat_emoji(str(case["q"]))
                decision = decide(kb, text)
                if decision.step == "below_bar" and decision.hits:
                    first = decision.hits[0]
                    evidence = kb.faq.evidence(first.entry, text)
                    words = kb.faq.words_shared(first.entry, text)
                    print(
                        f"declined [{first.score:.2f}, evidence {evidence:.1f} in {words} words] {text} "
                        f"({first.entry.id})"
                    )


if __name__ == "__main__":
    main()
