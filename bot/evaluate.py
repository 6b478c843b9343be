"""`python -m bot knowledge eval`: accuracy of the Q&A and the industry matching on the development sets."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bot.render import Renderer
from handlers.qa import compose_answer
from knowledge.answering import decide
from knowledge.base import KnowledgeBase
from knowledge.models import read_yaml

QUESTION_SETS = ("qa_notice2020.yaml", "qa_pingshan_guide.yaml")
HOLDOUT_SET = "qa_holdout.yaml"  # written before tuning and never tuned on: the honest figure
UNANSWERABLE_SET = "qa_unanswerable.yaml"
INDUSTRY_SET = "industry_cases.yaml"


@dataclass
class Score:
    passed: int = 0
    total: int = 0
    failures: list[str] = field(default_factory=list)

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
    questions: Score
    by_topic: dict[str, Score]
    holdout: Score
    unanswerable: Score
    industries: Score


def _load(folder: Path, name: str) -> list[dict[str, object]]:
    data = read_yaml(folder / name)
    assert isinstance(data, list), name
    return data


def _check_answer(kb: KnowledgeBase, render: Renderer, case: dict[str, object]) -> tuple[bool, str]:
    question, expect = str(case["q"]), str(case["expect"])
    decision = decide(kb, question)
    answered = [hit.entry.id for hit in decision.hits] if decision.kind in ("answer", "pair") else []
    text = compose_answer(kb, render, question)
    missing = [fact for fact in case.get("must_contain", []) if str(fact) not in text]  # type: ignore[attr-defined]
    lacking = f"，缺 {'、'.join(missing)}" if missing else ""
    return (
        expect in answered and not missing,
        f"{question} → {decision.kind} {answered or ''}（应为 {expect}{lacking}）",
    )


def evaluate(kb: KnowledgeBase, render: Renderer, folder: Path) -> Report:
    questions, holdout, unanswerable, industries = Score(), Score(), Score(), Score()
    by_topic: dict[str, Score] = defaultdict(Score)
    for name in QUESTION_SETS:
        for case in _load(folder, name):
            ok, failure = _check_answer(kb, render, case)
            questions.record(ok, failure)
            by_topic[kb.entries[str(case["expect"])].topic].record(ok, failure)
    for case in _load(folder, HOLDOUT_SET):
        holdout.record(*_check_answer(kb, render, case))
    for case in _load(folder, UNANSWERABLE_SET):
        question = str(case["q"])
        decision = decide(kb, question)
        ok = decision.kind == "unsure" or (
            decision.kind in ("answer", "pair") and all(hit.entry.kind == "gap" for hit in decision.hits)
        )
        unanswerable.record(ok, f"{question} → {decision.kind} {[hit.entry.id for hit in decision.hits]}")
    for case in _load(folder, INDUSTRY_SET):
        text, expect = str(case["text"]), str(case["expect"])
        acceptable = {expect, *map(str, case.get("also_ok", []))}  # type: ignore[call-overload]
        match = kb.catalogue.match(text)
        names = [industry.name for industry in match.candidates]
        decision = decide(kb, text)
        if expect == "none":
            ok = match.verdict == "none" and decision.kind in ("industry", "unsure")
        else:
            ok = decision.kind == "industry" and bool(acceptable & set(names))
        industries.record(ok, f"{text} → {decision.kind}/{match.verdict} {names}（应为 {expect}）")
    return Report(questions, dict(by_topic), holdout, unanswerable, industries)


def print_report(report: Report) -> None:
    print("各话题问答准确率：")
    for topic, score in sorted(report.by_topic.items(), key=lambda item: item[1].accuracy):
        print(f"  {topic:　<8} {score.passed:>3}/{score.total:<3} {score.accuracy:6.1%}")
    for title, score in (
        ("问答（开发集）", report.questions),
        ("问答（留出集，从未据此调优）", report.holdout),
        ("资料里没有答案的问题（应答不确定）", report.unanswerable),
        ("行业判断", report.industries),
    ):
        print(f"\n{title}：{score.passed}/{score.total} = {score.accuracy:.1%}")
        for failure in score.failures:
            print(f"  ✗ {failure}")
