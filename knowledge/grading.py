"""Preliminary self-assessment (初步自评) from a flow's answers: the short-board grade and what limits it.

Pure: the same answers and time always give the same result. Every rule comes from the flow's data
(`assessment:` and each step's `grading:`), where its source is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Literal

from knowledge.catalogue import Catalogue
from knowledge.flows import (
    GRADES,
    UNSURE_WORD,
    YES_WORD,
    AssessmentRules,
    Effect,
    Flow,
    IndicatorState,
    Prerequisite,
    Requirement,
    StepRef,
    display,
    effect,
    grade_rank,
    higher_grade,
    is_unsure,
    step_option,
)
from knowledge.wording import Wording

Lift = Requirement  # what would lift an indicator to the next grade, with where it is said


@dataclass(frozen=True)
class IndicatorResult:
    industry: str | None  # None: an enterprise-wide indicator (mobile-source management)
    indicator: str
    label: str
    grade: str
    lifts: tuple[Lift, ...] = ()  # what would lift it to the next grade up (limiting indicators only)

    @property
    def title(self) -> str:
        return f"{self.industry}·{self.label}" if self.industry else self.label


@dataclass(frozen=True)
class IndustryResult:
    name: str
    grade: str
    indicators: tuple[IndicatorResult, ...]
    notes: tuple[str, ...]
    framework: str = ""  # the guide it is graded under, marked when that is an inference


@dataclass(frozen=True)
class MicroCheck:
    """Small/micro gas-emitting enterprise route (小微涉气企业)."""

    status: Literal["not_checked", "may_apply", "not_met", "unclear"]
    unmet: tuple[str, ...] = ()
    unclear: tuple[str, ...] = ()


@dataclass(frozen=True)
class IncentiveCheck:
    status: Literal["may_apply", "not_met", "unclear", "top_grade"]
    months: int = 0
    to_grade: str | None = None


@dataclass(frozen=True)
class DeadlineCheck:
    status: Literal["open", "close", "passed"]
    hours_left: float


@dataclass(frozen=True)
class Assessment:
    grade: str
    next_grade: str | None
    industries: tuple[IndustryResult, ...]
    limiting: tuple[IndicatorResult, ...]
    gaps: tuple[str, ...]
    skipped: tuple[str, ...]  # questions answered 跳过: their indicators are left out of the grade
    prerequisites_missing: tuple[Prerequisite, ...]  # conditions of applying at all, not met
    micro: MicroCheck
    incentive: IncentiveCheck | None
    intended: str | None  # the intended grade as the user chose it
    intended_above: bool
    intended_off_ladder: bool  # the intended grade is no grade of A–D (引领性): compared with none of them
    mobile_missing: bool  # the intended grade needs the mobile-source system, which is not complete
    deadline: DeadlineCheck
    rules: AssessmentRules
    short_board: str  # the 短板指标 column of the application list

    @property
    def cross_industry(self) -> bool:
        return len(self.industries) > 1


_Answered = tuple[StepRef, Any, Effect]


def assess(
    flow: Flow, answers: dict[str, Any], catalogue: Catalogue, now: datetime, words: Wording
) -> Assessment:
    rules = flow.assessment
    if rules is None:
        raise ValueError(f"flow {flow.id} has no grading rules")
    refs = flow.walk(answers)
    applicable = {ref.key for ref in refs}
    by_indicator: dict[tuple[str | None, str], list[_Answered]] = {}
    gaps: list[str] = []
    skipped: list[str] = []
    for ref in refs:
        if ref.key not in answers:
            continue
        value = answers[ref.key]
        if value is None and ref.step.grading is not None:
            skipped.append(_fill(flow, catalogue, ref.title, ref.industry))
        if is_unsure(ref.step, value):
            gaps.append(_gap(flow, catalogue, ref, answers))
        change = effect(ref.step, value)
        if change is not None and ref.step.grading is not None:
            by_indicator.setdefault((ref.industry, ref.step.grading.indicator), []).append(
                (ref, value, change)
            )

    grades = {key: _grade(answered) for key, answered in by_indicator.items()}
    enterprise = [key for key in by_indicator if key[0] is None]
    industries = []
    for name in flow.industries(answers):
        keys = [key for key in by_indicator if key[0] == name] + enterprise
        worst = max((grades[key] for key in keys), key=grade_rank, default=GRADES[0])
        results = tuple(_result(flow, key, grades[key]) for key in keys)
        industries.append(
            IndustryResult(
                name, worst, results, _notes(rules, catalogue, name), _framework(rules, catalogue, name)
            )
        )
    overall = max((result.grade for result in industries), key=grade_rank, default=GRADES[0])
    target = higher_grade(overall)
    limiting: list[IndicatorResult] = []
    if target is not None:
        for key in dict.fromkeys(
            k for result in industries if result.grade == overall for k in _keys(result)
        ):
            if grades[key] == overall:
                lifts = _lifts(flow, catalogue, answers, by_indicator[key], target, words)
                limiting.append(_result(flow, key, overall, lifts))

    intended_step = flow.step(rules.draft_row.intended_grade)
    intended_value = answers.get(rules.draft_row.intended_grade)
    option = step_option(intended_step, intended_value)
    mobile = grades.get((None, rules.mobile_source.indicator), GRADES[0])
    return Assessment(
        grade=overall,
        next_grade=target,
        industries=tuple(industries),
        limiting=tuple(limiting),
        gaps=tuple(dict.fromkeys(gaps)),
        skipped=tuple(dict.fromkeys(skipped)),
        prerequisites_missing=tuple(p for p in rules.prerequisites if answers.get(p.step) != p.expect),
        micro=_micro(rules, answers, applicable),
        incentive=_incentive(flow, rules, answers, applicable, overall),
        intended=option.label if option else None,
        intended_above=bool(option and option.rank is not None and option.rank < grade_rank(overall)),
        intended_off_ladder=bool(option and option.rank is None),
        mobile_missing=intended_value in rules.mobile_source.intended
        and grade_rank(mobile) > grade_rank("B"),
        deadline=deadline_check(rules, now),
        rules=rules,
        short_board="；".join(result.title for result in limiting) or words.assessment_word("no_short_board"),
    )


def deadline_check(rules: AssessmentRules, now: datetime) -> DeadlineCheck:
    hours_left = (rules.deadline.at - now).total_seconds() / 3600
    if hours_left < 0:
        return DeadlineCheck("passed", hours_left)
    return DeadlineCheck("close" if hours_left <= rules.deadline.warn_hours else "open", hours_left)


def _keys(result: IndustryResult) -> list[tuple[str | None, str]]:
    return [(indicator.industry, indicator.indicator) for indicator in result.indicators]


def _grade(answered: list[_Answered]) -> str:
    state = IndicatorState()
    for _, _, change in answered:
        state.add(change)
    return state.ceiling


def _result(
    flow: Flow, key: tuple[str | None, str], grade: str, lifts: tuple[Lift, ...] = ()
) -> IndicatorResult:
    industry, indicator = key
    return IndicatorResult(industry, indicator, flow.indicator(indicator).label, grade, lifts)


def _fill(flow: Flow, catalogue: Catalogue, text: str, industry: str | None) -> str:
    known = catalogue.by_name.get(industry or "")
    return flow.fill(text, industry, known.guide if known else "national")


def _lifts(
    flow: Flow,
    catalogue: Catalogue,
    answers: dict[str, Any],
    answered: list[_Answered],
    target: str,
    words: Wording,
) -> tuple[Lift, ...]:
    """The requirement of every answer that keeps this indicator below the target grade."""
    lifts: list[Lift] = []
    for ref, value, change in answered:
        grading = ref.step.grading
        if grading is None or grade_rank(change.ceiling) <= grade_rank(target):
            continue
        lift: Lift | None
        if grading.thresholds:
            row = next((row for row in grading.thresholds if row.grade == target), None)
            lift = (
                Lift(
                    words.assessment_word(
                        "requirement_now",
                        requirement=row.requirement,
                        current=display(ref.step, value, words),
                    ),
                    grading.source,
                    quoted=True,
                )
                if row
                else None
            )
        else:
            lift = flow.requirement(ref, answers, target)
        if lift:
            lifts.append(replace(lift, text=_fill(flow, catalogue, lift.text, ref.industry)))
    return tuple(dict.fromkeys(lifts))


def _gap(flow: Flow, catalogue: Catalogue, ref: StepRef, answers: dict[str, Any]) -> str:
    grading = ref.step.grading
    requirement = flow.requirement(ref, answers, grading.meets) if grading and grading.meets else None
    title = _fill(flow, catalogue, ref.title, ref.industry)
    return f"{title}：{_fill(flow, catalogue, requirement.text, ref.industry)}" if requirement else title


def _framework(rules: AssessmentRules, catalogue: Catalogue, name: str) -> str:
    industry = catalogue.by_name.get(name)
    guide = industry.guide if industry else "national"
    inferred = industry is not None and industry.guide_confidence == "low"
    return rules.framework[guide] + (rules.framework_inferred if inferred else "")


def _notes(rules: AssessmentRules, catalogue: Catalogue, name: str) -> tuple[str, ...]:
    industry = catalogue.by_name.get(name)
    if industry is None:
        return ()
    notes = []
    if industry.guide == "hebei":
        notes.append(rules.hebei_guide)
    if not industry.grades_verified:
        notes.append(rules.unverified_scheme)
    return tuple(notes)


def _micro(rules: AssessmentRules, answers: dict[str, Any], applicable: set[str]) -> MicroCheck:
    micro = rules.micro
    if micro.gate not in applicable or answers.get(micro.gate) != YES_WORD:
        return MicroCheck("not_checked")
    unmet: list[str] = []
    unclear: list[str] = []
    for criterion in micro.criteria:
        if criterion.step not in applicable or answers.get(criterion.step) is None:
            continue
        value = answers[criterion.step]
        if criterion.expect is not None:
            if value == UNSURE_WORD:
                unclear.append(criterion.text)
            elif value != criterion.expect:
                unmet.append(criterion.text)
        elif criterion.max is not None and float(value) > criterion.max:
            unmet.append(criterion.text)
    status: Literal["may_apply", "not_met", "unclear"] = (
        "not_met" if unmet else "unclear" if unclear else "may_apply"
    )
    return MicroCheck(status, tuple(unmet), tuple(unclear))


def _incentive(
    flow: Flow, rules: AssessmentRules, answers: dict[str, Any], applicable: set[str], grade: str
) -> IncentiveCheck | None:
    incentive = rules.incentive
    in_scope = answers.get(flow.county_step) in incentive.counties and bool(
        set(flow.industries(answers)) & set(incentive.industries)
    )
    asked = [name for name in incentive.steps if name in applicable and name in answers]
    if not in_scope or not asked:
        return None
    if higher_grade(grade) is None:
        return IncentiveCheck("top_grade")
    months = max(incentive.months.get(str(answers[name]), 0) for name in asked)
    if months:
        return IncentiveCheck("may_apply", months, higher_grade(grade))
    if any(is_unsure(flow.step(name), answers[name]) for name in asked):
        return IncentiveCheck("unclear")
    return IncentiveCheck("not_met")
