"""Would a ranking signal learned from the labelled questions make the FAQ search generalise better? Leave one
development question set out at a time: train on every other set plus every FAQ phrasing, answer the set left
out, and compare with the hand-built ranking alone on the same set. Tried on 2026-12-03 and not adopted (README,
"A learned ranking signal, tried and dropped"); this script is kept so that the measure can be repeated, not the
model shipped.

The model: a conditional logit over the search's shortlist (FaqIndex.SHORTLIST entries), one weight per
(character gram of the normalised question, entry), trained by a few epochs of deterministic stochastic gradient
descent, weights under PRUNED_BELOW dropped. At answering time each shortlisted entry's score loses WEIGHT times
how much less likely the model finds it than its favourite, and all are then raised together so that the best
score stays what it was: the model reorders the shortlist, and whether a question is answered at all stays the
hand-built score's. It is applied here around `FaqIndex.search`, the same as the term it would be inside it.

    python bench/learned_ranking.py [--sets qa_….yaml …] [--weight 0.1 …] [--epochs 3] [--rate 0.3]

Held-out sets are never read. The development sets' failures are not printed, only counted by where the expected
entry was: outside the shortlist, inside it but not first, or first with the question still not answered by it.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.evaluate import (  # noqa: E402
    DEV_QUESTIONS,
    UNANSWERABLE_SETS,
    UNSURE,
    declines,
    question_score,
    search_position,
)
from bot.render import Renderer  # noqa: E402
from handlers.qa import Answers  # noqa: E402
from knowledge.answering import decide  # noqa: E402
from knowledge.base import KnowledgeBase, SmallTalk, load_knowledge  # noqa: E402
from knowledge.faq import FaqIndex, Hit, SynonymFile  # noqa: E402
from knowledge.models import read_yaml  # noqa: E402
from knowledge.textnorm import Normalizer, grams  # noqa: E402

DATA = ROOT / "knowledge" / "data"
TEMPLATES = ROOT / "knowledge" / "templates"
QUESTIONS = ROOT / "tests" / "data"
# The values leave-one-set-out over the first six development sets chose among those tried (README; the other
# variants' code is not kept): 3, 5 or 10 epochs, rates 0.1–1.0, L2 decay 0 or 0.01, weights pruned below
# 0.01–0.2, and WEIGHT 0.05–0.4 in three ways of adding the term.
EPOCHS = 3
RATE = 0.3
PRUNED_BELOW = 0.1
WEIGHT = 0.1

Weights = dict[str, dict[str, float]]  # gram -> entry id -> weight
Search = Callable[..., list[Hit]]


@dataclass(frozen=True, slots=True)
class Example:
    """A question's grams, the shortlisted entries it is told apart from, and the one it asks."""

    grams: tuple[str, ...]
    candidates: tuple[str, ...]
    answer: str


def probabilities(logits: Sequence[float]) -> list[float]:
    top = max(logits)
    exps = [math.exp(logit - top) for logit in logits]
    whole = sum(exps)
    return [value / whole for value in exps]


def labelled(name: str) -> list[tuple[str, str, list[str]]]:
    """A question set's answerable cases: question, expected entry, other entries that also answer it."""
    cases = read_yaml(QUESTIONS / name)
    return [
        (str(case["q"]), str(case["expect"]), [str(other) for other in case.get("also_ok", [])])
        for case in cases
        if case["expect"] != UNSURE
    ]


def examples(
    search: Search, features: Callable[[str], set[str]], cases: Sequence[tuple[str, str, Sequence[str]]]
) -> list[Example]:
    """Each question's answer among its shortlist; entries that also answer it are left out of the candidates.
    A question whose answer is not shortlisted teaches nothing a re-ranking could use."""
    found = []
    for question, answer, also in cases:
        shortlist = [hit.entry.id for hit in search(question, limit=FaqIndex.SHORTLIST)]
        candidates = tuple(entry for entry in shortlist if entry == answer or entry not in also)
        if answer in candidates and len(candidates) > 1:
            found.append(Example(tuple(sorted(features(question))), candidates, answer))
    return found


def train(data: Sequence[Example], epochs: int, rate: float) -> Weights:
    """Deterministic: the same examples give the same weights."""
    weights: Weights = {}
    order = list(range(len(data)))
    shuffle = random.Random(0).shuffle
    for epoch in range(epochs):
        shuffle(order)
        step = rate / (1 + epoch)
        for example in (data[index] for index in order):
            rows = [weights.get(gram, {}) for gram in example.grams]
            logits = [sum(row.get(entry, 0.0) for row in rows) for entry in example.candidates]
            for entry, probability in zip(example.candidates, probabilities(logits), strict=True):
                change = step * ((entry == example.answer) - probability)
                for gram in example.grams:
                    row = weights.setdefault(gram, {})
                    row[entry] = row.get(entry, 0.0) + change
    kept = {gram: {e: w for e, w in row.items() if abs(w) >= PRUNED_BELOW} for gram, row in weights.items()}
    return {gram: row for gram, row in kept.items() if row}


def reranking(search: Search, features: Callable[[str], set[str]], weights: Weights, weight: float) -> Search:
    """`search` with the learned term applied to its whole shortlist."""

    def ranked(question: str, limit: int = 3) -> list[Hit]:
        hits = search(question, limit=FaqIndex.SHORTLIST)
        if len(hits) < 2:
            return hits[:limit]
        said = features(question)
        logits = [sum(weights.get(gram, {}).get(hit.entry.id, 0.0) for gram in said) for hit in hits]
        likely = probabilities(logits)
        adjusted = [hit.score + weight * (p - max(likely)) for hit, p in zip(hits, likely, strict=True)]
        lift = max(hit.score for hit in hits) - max(adjusted)
        moved = [
            Hit(hit.entry, max(0.0, score + lift), hit.specific)
            for hit, score in zip(hits, adjusted, strict=True)
        ]
        moved.sort(key=lambda hit: (hit.specific, hit.score), reverse=True)
        return moved[:limit]

    return ranked


def where_missed(kb: KnowledgeBase, answers: Answers, name: str) -> dict[str, int]:
    """The set's failures counted by where the expected entry stood in the search's shortlist."""
    named = {
        "absent": "not shortlisted",
        "shortlist": "shortlisted, not first",
        "first": "first, not answered",
    }
    counts = dict.fromkeys(named.values(), 0)
    for miss in question_score(kb, answers, QUESTIONS, name).failures:
        position = search_position(kb, miss)
        if position is not None:
            counts[named[position]] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sets", nargs="+", default=list(DEV_QUESTIONS), help="development question sets")
    parser.add_argument(
        "--weight", type=float, nargs="+", default=[WEIGHT], help="the learned term's weights to try"
    )
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--rate", type=float, default=RATE)
    arguments = parser.parse_args()
    kb = load_knowledge(DATA, TEMPLATES)
    render = Renderer(TEMPLATES, commands=kb.commands)
    smalltalk = SmallTalk.model_validate(read_yaml(DATA / "smalltalk.yaml"))
    normalize = Normalizer(
        SynonymFile.model_validate(read_yaml(DATA / "synonyms.yaml")).synonyms,
        fillers=smalltalk.fillers,
        hesitations=smalltalk.hesitations,
        superiors=smalltalk.asking_superiors,
    )

    def features(question: str) -> set[str]:
        return grams(normalize(question))

    search = kb.faq.search
    phrasings = [
        (text, entry.id, ()) for entry in kb.entries.values() for text in (*entry.questions, entry.title)
    ]
    from_phrasings = examples(search, features, phrasings)
    by_set = {name: examples(search, features, labelled(name)) for name in arguments.sets}
    unanswerable = [str(case["q"]) for name in UNANSWERABLE_SETS for case in read_yaml(QUESTIONS / name)]

    def declined() -> int:
        return sum(declines(decide(kb, question)) for question in unanswerable)

    def first_right(name: str) -> int:
        """How many of the set's questions get their expected entry as the search's first hit."""
        firsts = (kb.faq.search(question, limit=1) for question, _, _ in labelled(name))
        return sum(
            bool(first) and first[0].entry.id == answer
            for first, (_, answer, _) in zip(firsts, labelled(name), strict=True)
        )

    print(
        f"{len(from_phrasings)} FAQ phrasings and {sum(map(len, by_set.values()))} development questions can teach the model"
    )
    print(f"hand-built ranking alone (unanswerable declined {declined()}/{len(unanswerable)}):")
    alone = {}
    for name in arguments.sets:
        alone[name] = (question_score(kb, Answers(kb, render), QUESTIONS, name).passed, first_right(name))
        missed = where_missed(kb, Answers(kb, render), name)
        print(f"  {name}: {alone[name][0]}, first hit right {alone[name][1]}; failures: {missed}")
    for weight in arguments.weight:
        print(
            f"with the model (weight {weight}, {arguments.epochs} epochs, rate {arguments.rate}), each set left out of its training:"
        )
        for left in arguments.sets:
            training = from_phrasings + [
                example for name in arguments.sets if name != left for example in by_set[name]
            ]
            weights = train(training, arguments.epochs, arguments.rate)
            kb.faq.search = reranking(search, features, weights, weight)  # type: ignore[method-assign]
            score = question_score(kb, Answers(kb, render), QUESTIONS, left)
            print(
                f"  {left}: {alone[left][0]} -> {score.passed} of {score.total}, first hit right {alone[left][1]} -> "
                f"{first_right(left)}, unanswerable declined {declined()}/{len(unanswerable)} "
                f"({sum(map(len, weights.values()))} weights)"
            )
            kb.faq.search = search  # type: ignore[method-assign]


if __name__ == "__main__":
    main()
