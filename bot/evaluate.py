"""`python -m bot knowledge eval`: accuracy of the Q&A and the industry matching, each set on its own.

Development sets are tuned on; held-out sets (tests/data/heldout/ and the older qa_holdout.yaml) were written
before the matching they measure and are never tuned on: their figure is the honest one. The count that
matters most is the false "不属于": a listed business told it is outside would not apply and get the lowest
grade, so it must be zero in every set.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bot.render import Renderer
from handlers.qa import compose_answer
from knowledge.answering import Decision, decide
from knowledge.base import KnowledgeBase
from knowledge.models import read_yaml

DEV_QUESTIONS = ("qa_notice2020.yaml", "qa_pingshan_guide.yaml", "qa_everyday.yaml")
HELDOUT_QUESTIONS = ("heldout/questions.yaml", "qa_holdout.yaml")
UNANSWERABLE_SET = "qa_unanswerable.yaml"
DEV_INDUSTRIES = ("industry_cases.yaml", "industry_everyday.yaml")
HELDOUT_INDUSTRIES = ("heldout/industries.yaml",)
UNSURE = "unsure"  # a question's `expect` when the documents do not answer it
OUTSIDE = "none"  # an industry case's `expect` for a business outside the 47


@dataclass
class Score:
    passed: int = 0
    total: int = 0
    failures: list[str] = field(default_factory=list, repr=False)
    false_outside: list[str] = field(default_factory=list, repr=False)  # listed businesses told 不属于

    @property
    def accuracy(self) -> float:
        return self.passed / self.total if self.total else 1.0

    def record(self, ok: bool, failure: str) -> None:
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


def _load(folder: Path, name: str) -> list[dict[str, object]]:
    path = folder / name
    if not path.exists():
        return []
    data = read_yaml(path)
    assert isinstance(data, list), name
    return data


def _declines(decision: Decision) -> bool:
    """Says it does not know: not sure, or only entries that state the gap."""
    return decision.kind == "unsure" or (
        decision.kind in ("answer", "pair") and all(hit.entry.kind == "gap" for hit in decision.hits)
    )


def _check_answer(kb: KnowledgeBase, render: Renderer, case: dict[str, object]) -> tuple[bool, str]:
    question, expect = str(case["q"]), str(case["expect"])
    decision = decide(kb, question)
    answered = [hit.entry.id for hit in decision.hits] if decision.kind in ("answer", "pair") else []
    if expect == UNSURE:
        return _declines(decision), f"{question} → {decision.kind} {answered or ''}（应答不确定）"
    acceptable = {expect, *map(str, case.get("also_ok", []))}  # type: ignore[call-overload]
    text = compose_answer(kb, render, question).text
    missing = [fact for fact in case.get("must_contain", []) if str(fact) not in text]  # type: ignore[attr-defined]
    lacking = f"，缺 {'、'.join(missing)}" if missing else ""
    return (
        bool(acceptable & set(answered[:2])) and not missing,
        f"{question} → {decision.kind} {answered or ''}（应为 {expect}{lacking}）",
    )


def _check_industry(kb: KnowledgeBase, case: dict[str, object], score: Score) -> None:
    text, expect = str(case["text"]), str(case["expect"])
    acceptable = {expect, *map(str, case.get("also_ok", []))}  # type: ignore[call-overload]
    decision = decide(kb, text)
    match = decision.industry
    verdict = match.verdict if decision.kind == "industry" and match else decision.kind
    names = [industry.name for industry in match.candidates] if match else []
    if expect == OUTSIDE:
        ok = verdict == "outside"
    else:
        ok = verdict in ("one", "ambiguous") and bool(acceptable & set(names))
        if verdict == "outside":
            score.false_outside.append(text)
    score.record(ok, f"{text} → {verdict} {names}（应为 {expect}）")


def evaluate(kb: KnowledgeBase, render: Renderer, folder: Path) -> Report:
    questions: dict[str, Score] = {}
    by_topic: dict[str, Score] = defaultdict(Score)
    for name in DEV_QUESTIONS + HELDOUT_QUESTIONS:
        score = questions[name] = Score()
        for case in _load(folder, name):
            ok, failure = _check_answer(kb, render, case)
            score.record(ok, failure)
            if name in DEV_QUESTIONS:
                by_topic[kb.entries[str(case["expect"])].topic].record(ok, failure)
    unanswerable = Score()
    for case in _load(folder, UNANSWERABLE_SET):
        question = str(case["q"])
        decision = decide(kb, question)
        unanswerable.record(
            _declines(decision), f"{question} → {decision.kind} {[hit.entry.id for hit in decision.hits]}"
        )
    industries: dict[str, Score] = {}
    for name in DEV_INDUSTRIES + HELDOUT_INDUSTRIES:
        score = industries[name] = Score()
        for case in _load(folder, name):
            _check_industry(kb, case, score)
    return Report(questions, dict(by_topic), unanswerable, industries)


def _total(scores: list[Score]) -> Score:
    total = Score()
    for score in scores:
        total.passed += score.passed
        total.total += score.total
    return total


def summary(report: Report) -> list[tuple[str, Score]]:
    """The figures README reports: development and held-out, questions and industries, side by side."""
    return [
        ("问答·开发集", _total([report.questions[name] for name in DEV_QUESTIONS])),
        ("问答·留出集（heldout/questions.yaml）", report.questions[HELDOUT_QUESTIONS[0]]),
        ("问答·旧留出集（qa_holdout.yaml）", report.questions[HELDOUT_QUESTIONS[1]]),
        ("资料里没有答案的问题（应答不确定）", report.unanswerable),
        ("行业判断·开发集", _total([report.industries[name] for name in DEV_INDUSTRIES])),
        ("行业判断·留出集（heldout/industries.yaml）", report.industries[HELDOUT_INDUSTRIES[0]]),
    ]


def print_report(report: Report) -> None:
    print("各话题问答准确率（开发集）：")
    for topic, score in sorted(report.by_topic.items(), key=lambda item: item[1].accuracy):
        print(f"  {topic:　<8} {score.passed:>3}/{score.total:<3} {score.accuracy:6.1%}")
    for title, scores in (("问答", report.questions), ("行业判断", report.industries)):
        for name, score in scores.items():
            print(f"\n{title} {name}：{score.passed}/{score.total} = {score.accuracy:.1%}")
            for failure in score.failures:
                print(f"  ✗ {failure}")
    print(f"\n资料里没有答案的问题（应答不确定）：{report.unanswerable.passed}/{report.unanswerable.total}")
    for failure in report.unanswerable.failures:
        print(f"  ✗ {failure}")
    print("\n汇总：")
    for title, score in summary(report):
        print(f"  {title}：{score.passed}/{score.total} = {score.accuracy:.1%}")
    print(f"  把重点行业说成“不属于”（所有集合）：{report.false_outside}")
    for industry_score in report.industries.values():
        for text in industry_score.false_outside:
            print(f"  ✗✗ {text}")
