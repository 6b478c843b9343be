"""`python -m bot knowledge eval`: accuracy of the Q&A and the industry matching, each set on its own.

Development sets are tuned on; held-out sets (tests/data/heldout/, heldout2/, heldout3/ and the older
qa_holdout.yaml) were written before the matching they measure and are never tuned on: their figure is the
honest one, and their failures are printed only on request (--show-heldout), not while tuning. The count that
matters most is the false "不属于": a listed business told it is outside would not apply and get the lowest
grade, so it must be zero in every set.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bot.render import Renderer
from handlers.qa import Answers
from knowledge.answering import ANSWERED, Decision, decide
from knowledge.base import KnowledgeBase
from knowledge.faq import FaqIndex
from knowledge.models import read_yaml

DEV_QUESTIONS = (
    "qa_notice2020.yaml",
    "qa_pingshan_guide.yaml",
    "qa_everyday.yaml",
    "qa_wechat.yaml",
    "qa_groupchat.yaml",
    "qa_phone.yaml",
    "qa_voice.yaml",
    "qa_kinds.yaml",
    "qa_fresh8.yaml",
    "qa_kinds8.yaml",
    "qa_kinds8b.yaml",
    "qa_fresh9.yaml",
    "qa_kinds9a.yaml",
    "qa_kinds9b.yaml",
    "qa_statements10.yaml",
    "qa_near10.yaml",
    "qa_fresh10.yaml",
    "qa_kinds11.yaml",
    "qa_kinds12.yaml",
    "qa_kinds13.yaml",
    "qa_kinds14.yaml",
    "qa_fresh11.yaml",
    "qa_kinds16.yaml",
    "qa_kinds15.yaml",
    "qa_fresh12.yaml",
    "qa_kinds17.yaml",
    "qa_kinds19.yaml",
    "qa_kinds20.yaml",
    "qa_kinds18.yaml",
    "qa_fresh13.yaml",
    "qa_kinds21.yaml",
    "qa_fresh14.yaml",
    "qa_fresh15.yaml",
    "qa_fresh16.yaml",
    "qa_fresh17.yaml",
    "qa_fresh18.yaml",
    "qa_fresh19.yaml",
    "qa_fresh20.yaml",
    "qa_fresh21.yaml",
    "qa_fresh22.yaml",
    "qa_fresh23.yaml",
    "qa_fresh24.yaml",
    "qa_whatis28.yaml",
    "qa_fresh25.yaml",
    "qa_fresh26.yaml",
    "qa_fresh27.yaml",
    "qa_fresh28.yaml",
    "qa_fresh29.yaml",
    "qa_fresh30.yaml",
    "qa_fresh31.yaml",
)
HELDOUT_QUESTIONS = (
    "heldout/questions.yaml",
    "qa_holdout.yaml",
    "heldout2/questions.yaml",
    "heldout3/questions.yaml",
)
UNANSWERABLE_SETS = (
    "qa_unanswerable.yaml",
    "qa_unanswerable9.yaml",
    "qa_unanswerable10.yaml",
    "qa_unanswerable11.yaml",
    "qa_unanswerable12.yaml",
    "qa_unanswerable13.yaml",
    "qa_unanswerable14.yaml",
    "qa_unanswerable16.yaml",
    "qa_unanswerable15.yaml",
    "qa_unanswerable17.yaml",
    "qa_unanswerable19.yaml",
    "qa_unanswerable18.yaml",
    "qa_unanswerable20.yaml",
    "qa_unanswerable21.yaml",
    "qa_unanswerable22.yaml",
    "qa_unanswerable23.yaml",
    "qa_unanswerable24.yaml",
    "qa_unanswerable25.yaml",
    "qa_unanswerable26.yaml",
    "qa_unanswerable27.yaml",
    "qa_unanswerable28.yaml",
    "qa_unanswerable29.yaml",
    "qa_unanswerable30.yaml",
    "qa_unanswerable31.yaml",
    "qa_unanswerable32.yaml",
    "qa_unanswerable33.yaml",
    "qa_unanswerable34.yaml",
    "qa_unanswerable35.yaml",
    "qa_unanswerable36.yaml",
    "qa_unanswerable37.yaml",
    "qa_unanswerable38.yaml",
    "qa_unanswerable39.yaml",
    "qa_unanswerable40.yaml",
)
DEV_INDUSTRIES = (
    "industry_cases.yaml",
    "industry_everyday.yaml",
    "industry_phone.yaml",
    "industry_chat.yaml",
    "industry_voice.yaml",
    "industry_roles.yaml",
    "industry_fresh8.yaml",
    "industry_kinds8.yaml",
    "industry_fresh9.yaml",
    "industry_kinds9.yaml",
    "industry_kinds10.yaml",
    "industry_fresh10.yaml",
    "industry_kinds11.yaml",
    "industry_kinds12.yaml",
    "industry_fresh11.yaml",
    "industry_fresh12.yaml",
    "industry_kinds13.yaml",
    "industry_kinds14.yaml",
    "industry_kinds20.yaml",
    "industry_kinds21.yaml",
    "industry_fresh13.yaml",
    "industry_kinds15.yaml",
    "industry_fresh14.yaml",
    "industry_fresh15.yaml",
    "industry_fresh16.yaml",
    "industry_fresh17.yaml",
    "industry_fresh18.yaml",
    "industry_fresh19.yaml",
    "industry_fresh20.yaml",
    "industry_fresh21.yaml",
    "industry_fresh22.yaml",
    "industry_fresh23.yaml",
    "industry_fresh24.yaml",
    "industry_fresh25.yaml",
    "industry_fresh26.yaml",
    "industry_fresh27.yaml",
    "industry_fresh28.yaml",
    "industry_fresh29.yaml",
    "industry_fresh30.yaml",
    "industry_fresh31.yaml",
)
HELDOUT_INDUSTRIES = ("heldout/industries.yaml", "heldout2/industries.yaml", "heldout3/industries.yaml")
HELDOUT = frozenset(HELDOUT_QUESTIONS + HELDOUT_INDUSTRIES)
UNSURE = "unsure"  # a question's `expect` when the documents do not answer it
OUTSIDE = "none"  # an industry case's `expect` for a business outside the 47
NO_BUSINESS = "no_business"  # an industry case's `expect` for a text that states no business: neither side


@dataclass(frozen=True)
class Miss:
    """A case the bot got wrong: the text, what it decided and found (entry ids or industry names), what was
    expected (None where any declining will do), the facts its answer lacked, the entries that would also have
    done and the step of `decide` that decided."""

    text: str
    decided: str
    found: list[str]
    expect: str | None
    missing: list[str] = field(default_factory=list)
    also_ok: list[str] = field(default_factory=list)
    step: str = ""


@dataclass
class Score:
    passed: int = 0
    total: int = 0
    failures: list[Miss] = field(default_factory=list, repr=False)
    false_outside: list[str] = field(default_factory=list, repr=False)  # listed businesses told 不属于

    @property
    def accuracy(self) -> float:
        return self.passed / self.total if self.total else 1.0

    def record(self, ok: bool, failure: Miss) -> None:
        self.total += 1
        self.passed += ok
        if not ok:
            self.failures.append(failure)


@dataclass
class Report:
    questions: dict[str, Score]  # by file
    by_topic: dict[str, Score]  # development questions only
    unanswerable: Score
    industries: dict[str, Score]  # by file

    @property
    def false_outside(self) -> int:
        return sum(len(score.false_outside) for score in self.industries.values())


def load_cases(folder: Path, name: str) -> list[dict[str, object]]:
    path = folder / name
    if not path.exists():
        return []
    data = read_yaml(path)
    assert isinstance(data, list), name
    return data


def declines(decision: Decision) -> bool:
    """Says it does not know: not sure, or only entries that state the gap."""
    return decision.kind == "unsure" or (
        decision.kind in ANSWERED and all(hit.entry.kind == "gap" for hit in decision.hits)
    )


def _decided(kb: KnowledgeBase, text: str) -> Decision:
    """What the bot decides for a message: without the chat apps' emoji ([捂脸]), as handlers.qa.Answers asks."""
    return decide(kb, kb.without_chat_emoji(text))


def check_answer(kb: KnowledgeBase, answers: Answers, case: dict[str, object]) -> tuple[bool, Miss]:
    question, expect = str(case["q"]), str(case["expect"])
    if expect == UNSURE:
        decision = _decided(kb, question)  # nothing to render: only whether it declines
        answered = [hit.entry.id for hit in decision.hits] if decision.kind in ANSWERED else []
        return declines(decision), Miss(question, decision.kind, answered, expect, step=decision.step)
    # the answer and the decision it was written from: deciding twice was a third of the evaluation's time
    answer, written_from = answers.with_decision(question)
    decision = written_from or _decided(kb, question)  # a message without words is answered undecided
    answered = [hit.entry.id for hit in decision.hits] if decision.kind in ANSWERED else []
    also_ok = [str(entry) for entry in case.get("also_ok", [])]  # type: ignore[attr-defined]
    text = answer.text
    missing = [str(fact) for fact in case.get("must_contain", []) if str(fact) not in text]  # type: ignore[attr-defined]
    return (
        bool({expect, *also_ok} & set(answered[:2])) and not missing,
        Miss(question, decision.kind, answered, expect, missing, also_ok, decision.step),
    )


def search_position(kb: KnowledgeBase, miss: Miss) -> str | None:
    """Where the FAQ search put a missed question's expected entry (or one that would also do): "first", in the
    "shortlist" or "absent"; None for a question expected to be declined."""
    if miss.expect in (None, UNSURE):
        return None
    acceptable = {miss.expect, *miss.also_ok}
    ranked = [
        hit.entry.id for hit in kb.faq.search(kb.without_chat_emoji(miss.text), limit=FaqIndex.SHORTLIST)
    ]
    if acceptable.isdisjoint(ranked):
        return "absent"
    return "first" if ranked[0] in acceptable else "shortlist"


def _check_industry(kb: KnowledgeBase, case: dict[str, object], score: Score) -> None:
    text, expect = str(case["text"]), str(case["expect"])
    acceptable = {expect, *map(str, case.get("also_ok", []))}  # type: ignore[call-overload]
    decision = _decided(kb, text)
    match = decision.industry
    # an answer tells a business it placed surely beside the entry (knowledge.answering.decide)
    verdict = match.verdict if match else decision.kind
    names = [industry.name for industry in match.candidates] if match else []
    if expect == OUTSIDE:
        ok = verdict == "outside"
    elif expect == NO_BUSINESS:
        ok = verdict not in ("one", "ambiguous", "outside")
    else:
        ok = verdict in ("one", "ambiguous") and bool(acceptable & set(names))
        if verdict == "outside":
            score.false_outside.append(text)
    score.record(ok, Miss(text, verdict, names, expect))


def question_score(
    kb: KnowledgeBase, answers: Answers, folder: Path, name: str, by_topic: dict[str, Score] | None = None
) -> Score:
    """One question set's score; with `by_topic`, each case is counted under its entry's topic there too."""
    score = Score()
    for case in load_cases(folder, name):
        ok, failure = check_answer(kb, answers, case)
        score.record(ok, failure)
        if by_topic is not None and case["expect"] != UNSURE:  # a question no entry answers has no topic
            by_topic[kb.entries[str(case["expect"])].topic].record(ok, failure)
    return score


def evaluate(kb: KnowledgeBase, render: Renderer, folder: Path) -> Report:
    questions: dict[str, Score] = {}
    by_topic: dict[str, Score] = defaultdict(Score)
    answers = Answers(kb, render)
    for name in DEV_QUESTIONS + HELDOUT_QUESTIONS:
        in_topics = by_topic if name in DEV_QUESTIONS else None
        questions[name] = question_score(kb, answers, folder, name, in_topics)
    unanswerable = Score()
    for question in (str(case["q"]) for name in UNANSWERABLE_SETS for case in load_cases(folder, name)):
        decision = _decided(kb, question)
        unanswerable.record(
            declines(decision),
            Miss(question, decision.kind, [hit.entry.id for hit in decision.hits], None, step=decision.step),
        )
    industries: dict[str, Score] = {}
    for name in DEV_INDUSTRIES + HELDOUT_INDUSTRIES:
        score = industries[name] = Score()
        for case in load_cases(folder, name):
            _check_industry(kb, case, score)
    return Report(questions, dict(by_topic), unanswerable, industries)


def _total(scores: list[Score]) -> Score:
    total = Score()
    for score in scores:
        total.passed += score.passed
        total.total += score.total
    return total


def summary(report: Report) -> list[tuple[str, Score]]:
    """The figures README reports: development and held-out, questions and industries, side by side (each
    named by a key that knowledge_eval.j2 titles)."""
    return [
        ("qa_dev", _total([report.questions[name] for name in DEV_QUESTIONS])),
        ("qa_heldout", report.questions[HELDOUT_QUESTIONS[0]]),
        ("qa_old_heldout", report.questions[HELDOUT_QUESTIONS[1]]),
        ("qa_heldout2", report.questions[HELDOUT_QUESTIONS[2]]),
        ("qa_heldout3", report.questions[HELDOUT_QUESTIONS[3]]),
        ("unanswerable", report.unanswerable),
        ("industry_dev", _total([report.industries[name] for name in DEV_INDUSTRIES])),
        ("industry_heldout", report.industries[HELDOUT_INDUSTRIES[0]]),
        ("industry_heldout2", report.industries[HELDOUT_INDUSTRIES[1]]),
        ("industry_heldout3", report.industries[HELDOUT_INDUSTRIES[2]]),
    ]


def confusions(report: Report) -> list[tuple[int, list[tuple[str, str, int]]]]:
    """Expected → answered entry pairs over the development question sets, most frequent first: each wrong
    entry of the first two answered counts once where the expected one is not among them. A pair's two
    directions make one row (its total, then each direction), since the entries a near miss keeps confusing
    are fixed as a pair, not phrasing by phrasing."""
    counts = Counter(
        (miss.expect, answered)
        for name in DEV_QUESTIONS
        for miss in report.questions[name].failures
        if miss.expect and miss.expect != UNSURE and miss.expect not in miss.found[:2]
        for answered in miss.found[:2]
    )
    pairs: dict[frozenset[str], list[tuple[str, str, int]]] = defaultdict(list)
    for (expect, answered), count in counts.most_common():
        pairs[frozenset((expect, answered))].append((expect, answered, count))
    rows = [(sum(count for *_, count in directions), directions) for directions in pairs.values()]
    return sorted(rows, key=lambda row: -row[0])


def print_report(
    report: Report, render: Renderer, show_heldout: bool = False, confusion: bool = False
) -> None:
    """Every set's figure; the failures of the development sets, and of the held-out sets only when asked
    (reading them while tuning would spend the held-out sets). With `confusion`, only the development sets'
    confusion table (`confusions`)."""
    if confusion:
        print(render("knowledge_confusions.j2", rows=confusions(report)))
        return
    by_topic = sorted(report.by_topic.items(), key=lambda item: item[1].accuracy)
    hidden = frozenset() if show_heldout else HELDOUT
    print(
        render("knowledge_eval.j2", report=report, by_topic=by_topic, summary=summary(report), hidden=hidden)
    )
