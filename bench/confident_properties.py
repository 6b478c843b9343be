"""What tells a confident wrong answer from a confident right one? For every development question `decide` answered
with an entry surely (steps confident, pair, sibling_pair, sibling_offered, both), the first entry of the search is
compared with another: for a wrong answer the expected entry, where the shortlist holds it; for a right one the
runner-up. Each property below is counted on both sides: a rule that ranked the other entry first, or made the
first not sure, where a property holds would gain the wrong answers counted and lose (or hedge) the right ones.
Measured on 2026-12-03 (branch rank13, README "Confident wrong answers by property"): none separates; a rule
from the likeliest (a sibling's lead its keywords alone make) moved no figure and was not merged. This script
is kept so that the measure can be repeated.

    python bench/confident_properties.py

Telling words are a question's two-character words not made of question words (怎么, 什么 …) whose idf is at or
above the median of those in the development questions; frame words are its two-character words made only of
question words (smalltalk.yaml's asking_chars: 要不, 什么, 时候 …). An entry "holds" a word in its title, questions or keywords; it
"uses" it there or in its answer. Held-out sets are never read.
"""

from __future__ import annotations

import math
import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process  # noqa: E402

from bot.evaluate import DEV_QUESTIONS, UNSURE, load_cases  # noqa: E402
from knowledge.answering import decide  # noqa: E402
from knowledge.base import load_knowledge  # noqa: E402
from knowledge.faq import FaqIndex, Hit, _keyword_bonus  # noqa: E402
from knowledge.textnorm import grams  # noqa: E402

SURE_STEPS = frozenset({"confident", "pair", "sibling_pair", "sibling_offered", "both"})


@dataclass(frozen=True)
class Side:
    """What one entry shares with a question."""

    held: frozenset[
        str
    ]  # the question's words (two characters, in the index) its title, questions or keywords hold
    used: frozenset[str]  # … that it uses anywhere, its answer too
    topic_coverage: float  # the search's coverage from the question's topic words
    frame_coverage: float  # … from its frame words and single characters
    question_share: float  # how much of the question's words (by idf) its closest phrasing holds
    phrasing_share: float  # how much of that phrasing's words the question holds
    generality: float  # how many entries use, on average, the words it shares with the question
    answer_length: int
    keyword_bonus: float
    score: float


@dataclass(frozen=True)
class Pair:
    question: str
    telling: frozenset[str]
    frame: frozenset[str]
    first: Side
    other: Side
    other_is_runner_up: bool
    of_one_family: bool  # knowledge.faq.Entry.of_one_family


class Measure:
    def __init__(self, index: FaqIndex, median_idf: float) -> None:
        self.index, self.median_idf = index, median_idf
        self.idf = index._idf
        count = len(index.entries)
        self.entries_using = {gram: count / (math.exp(idf) - 1) for gram, idf in self.idf.items()}
        self.asked: list[frozenset[str]] = []
        self.used: list[frozenset[str]] = []
        for number, entry in enumerate(index.entries):
            asked = frozenset().union(*map(grams, (*index._phrasings[number], *index._keywords[number])))
            self.asked.append(asked)
            self.used.append(asked | grams(index._normalize(entry.answer)))

    def words(self, question: str) -> frozenset[str]:
        return frozenset(gram for gram in grams(question) if len(gram) == 2 and gram in self.idf)

    def weight(self, words: frozenset[str]) -> float:
        return sum(self.idf[gram] for gram in words)

    def side(self, question: str, hit: Hit) -> Side:
        index, number = self.index, self.index._numbers[hit.entry.id]
        words = self.words(question)
        topic = frozenset(gram for gram in words if not set(gram) <= index.asking_chars)
        phrasing = process.extractOne(question, index._phrasings[number], scorer=fuzz.ratio)[0]
        in_phrasing = frozenset(
            gram for gram in self.words(phrasing) if not set(gram) <= self.index.asking_chars
        )
        shared = topic & self.asked[number]
        topic_coverage = frame_coverage = 0.0
        for gram in grams(question) - index._common:
            found = index._postings.get(gram)
            if found is None:
                continue
            for contribution, numbers in found[1]:
                if number in numbers:
                    value = (int(contribution) >> index._rank_bits) * 2.0**-32
                    if len(gram) == 2 and not set(gram) <= index.asking_chars:
                        topic_coverage += value
                    else:
                        frame_coverage += value
        both = self.weight(topic & in_phrasing)
        return Side(
            held=words & self.asked[number],
            used=words & self.used[number],
            topic_coverage=topic_coverage,
            frame_coverage=frame_coverage,
            question_share=both / (self.weight(topic) or 1.0),
            phrasing_share=both / (self.weight(in_phrasing) or 1.0),
            generality=statistics.mean(self.entries_using[gram] for gram in shared) if shared else 0.0,
            answer_length=len(hit.entry.answer),
            keyword_bonus=_keyword_bonus(question, index._bonus_words[number]),
            score=hit.score,
        )

    def pair(self, question: str, first: Hit, other: Hit, other_is_runner_up: bool) -> Pair:
        words = self.words(question)
        return Pair(
            question,
            frozenset(
                gram
                for gram in words
                if self.idf[gram] >= self.median_idf and not set(gram) <= self.index.asking_chars
            ),
            frozenset(gram for gram in words if set(gram) <= self.index.asking_chars),
            self.side(question, first),
            self.side(question, other),
            other_is_runner_up,
            first.entry.of_one_family(other.entry),
        )


def _apart(pair: Pair, measure: Measure) -> tuple[float, float]:
    """The idf of the question's topic words one entry holds and the other never uses: the other's, the first's."""
    topic = frozenset(
        gram for gram in pair.first.used | pair.other.used if not set(gram) <= measure.index.asking_chars
    )
    return (
        measure.weight((pair.other.held & topic) - pair.first.used),
        measure.weight((pair.first.held & topic) - pair.other.used),
    )


def properties(measure: Measure) -> list[tuple[str, Callable[[Pair], bool]]]:
    return [
        (
            "the other holds more of the telling words",
            lambda p: len(p.other.held & p.telling) > len(p.first.held & p.telling),
        ),
        (
            "the first holds none of them, the other one or more",
            lambda p: not p.first.held & p.telling and bool(p.other.held & p.telling),
        ),
        (
            "the first leads by frame words and characters only",
            lambda p: (
                p.other.topic_coverage >= p.first.topic_coverage
                and p.first.frame_coverage > p.other.frame_coverage
            ),
        ),
        (
            "the other's topic coverage 1.5 times the first's",
            lambda p: p.other.topic_coverage > 1.5 * p.first.topic_coverage,
        ),
        (
            "the other alone holds a frame word",
            lambda p: (
                bool((p.other.held - p.first.held) & p.frame) and not (p.first.held - p.other.held) & p.frame
            ),
        ),
        (
            "the first's closest phrasing held, the question not (0.3 apart)",
            lambda p: p.first.phrasing_share - p.first.question_share > 0.3,
        ),
        (
            "the first's closest phrasing holds less of the question",
            lambda p: p.first.question_share < p.other.question_share,
        ),
        (
            "the first's words used by 1.5 times as many entries",
            lambda p: p.other.generality > 0 and p.first.generality > 1.5 * p.other.generality,
        ),
        ("the first's answer longer", lambda p: p.first.answer_length > p.other.answer_length),
        (
            "the first's lead no more than its keyword bonus's lead",
            lambda p: p.first.score - p.other.score <= p.first.keyword_bonus - p.other.keyword_bonus,
        ),
        (
            "… and the two of one family",
            lambda p: (
                p.of_one_family
                and p.first.score - p.other.score <= p.first.keyword_bonus - p.other.keyword_bonus
            ),
        ),
        (
            "the words telling the two apart are more the other's",
            lambda p: (lambda a: a[0] > a[1])(_apart(p, measure)),
        ),
        ("the other holds every word the first holds, and more", lambda p: p.first.held < p.other.held),
    ]


def main() -> None:
    templates = ROOT / "knowledge" / "templates"
    kb = load_knowledge(ROOT / "knowledge" / "data", templates)
    index = kb.faq
    cases = [case for name in DEV_QUESTIONS for case in load_cases(ROOT / "tests" / "data", name)]
    median_idf = statistics.median(
        index._idf[gram]
        for case in cases
        for gram in grams(index._normalize(str(case["q"])))
        if len(gram) == 2 and gram in index._idf and not set(gram) <= index.asking_chars
    )
    measure = Measure(index, median_idf)
    wrong: list[Pair] = []
    right: list[Pair] = []
    for case in cases:
        if case["expect"] == UNSURE:
            continue
        text = kb.without_chat_emoji(str(case["q"]))
        decision = decide(kb, text)
        if decision.step not in SURE_STEPS:
            continue
        acceptable = {str(case["expect"]), *map(str, case.get("also_ok", []))}  # type: ignore[call-overload]
        hits = index.search(text, limit=FaqIndex.SHORTLIST)
        question = index._normalize(text)
        if acceptable & {hit.entry.id for hit in decision.hits[:2]}:
            if len(hits) > 1:
                right.append(measure.pair(question, hits[0], hits[1], True))
            continue
        expected = [number for number, hit in enumerate(hits) if hit.entry.id in acceptable]
        if expected and expected[0] > 0:
            wrong.append(measure.pair(question, hits[0], hits[expected[0]], expected[0] == 1))
    print(f"telling words: idf ≥ {median_idf:.2f}, the development questions' median")
    print(
        f"confident wrong answers with the expected entry in the shortlist: {len(wrong)} "
        f"(the runner-up {sum(pair.other_is_runner_up for pair in wrong)}); right ones with a runner-up: {len(right)}"
    )
    print("| property (the first entry against the other) | wrong | of them the runner-up | right | lift |")
    print("|---|---|---|---|---|")
    for label, holds in properties(measure):
        among_wrong = [pair for pair in wrong if holds(pair)]
        among_right = sum(holds(pair) for pair in right)
        lift = (len(among_wrong) / len(wrong)) / (among_right / len(right)) if among_right else math.inf
        runner_up = sum(pair.other_is_runner_up for pair in among_wrong)
        print(f"| {label} | {len(among_wrong)} | {runner_up} | {among_right} | {lift:.1f} |")


if __name__ == "__main__":
    main()
