"""Dialogue flows as data (knowledge/data/flows/*.yaml): steps, answer types, conditions and grading rules.

A flow is a list of sections; a section is asked once, or once per industry the enterprise named
(`each: industry`). Which steps apply follows from the answers so far (`when:`), so the same pure
`Flow.walk(answers)` serves the dialogue engine (what to ask next) and grading (what counts).
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from pydantic import Field, PrivateAttr, ValidationError, model_validator

from knowledge.models import ID_PATTERN, SourceRef, Strict
from knowledge.wording import NESTED, SEVERAL, Unworded, Wording, refusal, unworded

GRADES = ("A", "B", "C", "D")  # best first; D stands for the industry's lowest grade
Grade = Literal["A", "B", "C", "D"]
AnswerType = Literal[
    "text",
    "credit_code",
    "county",
    "industry",
    "yes_no",
    "yes_no_unsure",
    "choice",
    "number",
    "percent",
    "phone",
]
# What a yes/no(/unsure) answer is stored and read back as.
YES_WORD, NO_WORD, UNSURE_WORD = "是", "否", "不确定"
PLACEHOLDERS = {"industry", "guide", "annex"}  # filled in by the engine for the section's industry
REVIEW = "__review__"  # the state's step once every question is answered


def lower_grade(grade: str) -> str:
    return GRADES[min(GRADES.index(grade) + 1, len(GRADES) - 1)]


def higher_grade(grade: str) -> str | None:
    index = GRADES.index(grade)
    return GRADES[index - 1] if index else None


def grade_rank(grade: str) -> int:
    return GRADES.index(grade)


class Option(Strict):
    value: str = Field(pattern=r"^[A-Za-z0-9_+-]+$")
    label: str
    aliases: list[str] = []
    ceiling: Grade | None = None  # choosing it caps the indicator at this grade
    settles: list[Grade] = []  # choosing it meets the known requirement of these grades
    unsure: bool = False  # "不确定": listed as a gap to check
    # for comparing an intended grade with the self-assessed one (A=0 … D=3); an intended grade without one is
    # off the ladder (引领性), said as such (AssessmentRules.off_ladder) and compared with nothing
    rank: float | None = None
    # the options this one is when an answer names each of them ("主要是汽车，也有火车": 公路和铁路都有)
    combines: list[str] = []


class Threshold(Strict):
    grade: Grade
    min: float
    requirement: str


class Grading(Strict):
    """How a step's answer bears on one indicator; every rule names its source."""

    indicator: str
    meets: Grade | None = None  # yes/no steps: "是" means this grade's requirement is met
    thresholds: list[Threshold] = []  # number/percent steps, best grade first
    requirement: str | dict[Grade, str] | None = None  # what is needed (per target grade, or one text)
    partial: bool = False  # only part of the grade's requirement: meeting it leaves the grade open
    grade_uncertain: bool = False  # the reference is unsure which grade this requirement belongs to
    source: SourceRef

    def requirement_for(self, grade: str) -> str | None:
        if isinstance(self.requirement, dict):
            return self.requirement.get(grade)  # type: ignore[call-overload]
        return self.requirement


class KnownRow(Strict):
    """What the guide reference says one industry's grade of an indicator requires (a ladder's row), when
    the earlier answers put the enterprise within the row's scope (`when`)."""

    industry: str
    grades: list[Grade] = Field(min_length=1)
    text: str
    when: Condition | None = None
    source: SourceRef


class OpenGrade(Strict):
    """True while the indicator's earlier steps leave this grade neither excluded nor settled."""

    indicator: str
    grade: Grade


class Condition(Strict):
    """Every given field must hold; `any` holds when one of its conditions does."""

    industry: list[str] | None = None  # the section's industry is one of these
    not_industry: list[str] | None = None
    any_industry: list[str] | None = None  # one of the enterprise's industries is one of these
    county: list[str] | None = None
    answer: dict[str, list[str]] | None = None  # step id -> accepted answers
    at_least: dict[str, float] | None = None
    below: dict[str, float] | None = None
    open: OpenGrade | None = None
    any: list[Condition] | None = None

    def step_ids(self) -> set[str]:
        ids = set(self.answer or {}) | set(self.at_least or {}) | set(self.below or {})
        for inner in self.any or []:
            ids |= inner.step_ids()
        return ids

    def industries(self) -> set[str]:
        names = set(self.industry or []) | set(self.not_industry or []) | set(self.any_industry or [])
        for inner in self.any or []:
            names |= inner.industries()
        return names

    def counties(self) -> set[str]:
        names = set(self.county or [])
        for inner in self.any or []:
            names |= inner.counties()
        return names


class Step(Strict):
    id: str = Field(pattern=ID_PATTERN, max_length=40)
    label: str  # short name: summaries, gaps and "修改 <label>"
    aliases: list[str] = []  # other names accepted by "修改"
    ask: str
    hint: str | None = None
    type: AnswerType
    options: list[Option] = []
    min: float | None = None  # number/percent: smallest value; text: fewest characters
    max: float | None = None
    unit: str | None = None
    optional: bool = False  # "跳过" allowed
    multiple: bool = False  # industry: several may be named (cross-industry enterprise)
    max_items: int = 5
    # text: words said before the answer that are not part of it ("我叫李四", "联系人是李四"), left out; credit_code:
    # words naming the code, left out of an answer said before it ("恒达铸造有限公司，代码是9133…" at the name)
    said_before: list[str] = []
    when: Condition | None = None
    grading: Grading | None = None
    known: list[KnownRow] = []  # ladder steps: the reference's row for some industries
    ladder: bool = False  # expanded from a ladder: its requirement, without a known row, points to the guide

    @model_validator(mode="after")
    def _consistent(self) -> Step:
        if self.type == "choice" and len(self.options) < 2:
            raise refusal("choice_needs_options")
        if self.type != "choice" and self.options:
            raise refusal("options_only_for_choice")
        if self.multiple and self.type != "industry":
            raise refusal("multiple_only_for_industry")
        grading = self.grading
        if grading is None:
            return self
        if self.type in ("yes_no", "yes_no_unsure"):
            if grading.meets is None or grading.requirement is None:
                raise refusal("yes_no_grading_incomplete")
        elif self.type in ("number", "percent"):
            grades = [row.grade for row in grading.thresholds]
            mins = [row.min for row in grading.thresholds]
            if not grades or grades != sorted(grades, key=grade_rank) or mins != sorted(mins, reverse=True):
                raise refusal("thresholds_out_of_order")
        elif self.type == "choice":
            if grading.requirement is None:
                raise refusal("choice_grading_without_requirement")
        else:
            raise refusal("type_not_graded", type=self.type)
        return self


class Ladder(Strict):
    """Shorthand for the yes/no/unsure questions 'does the enterprise meet grade G of this indicator?'.

    Expands to one step per grade (`<indicator>_<grade>`), each asked only while that grade is open.
    Where the reference has the industry's row (`known`), the question quotes it; elsewhere it says
    that our sources lack the row and offers the enterprise's own reading, the annex, or 跳过.
    """

    indicator: str
    grades: list[Grade] = Field(min_length=1)
    ask: str  # may use {grade}, {industry}, {guide}
    hint: str | None = None
    requirement: str  # what would lift the indicator to {grade}, where the reference has no row
    when: Condition | None = None
    optional: bool = True  # "跳过": the indicator is left out of the self-assessment, and said so
    known: list[KnownRow] = []  # industries whose row the reference gives: asked in `known_ask` words
    source: SourceRef


class Section(Strict):
    title: str
    each: Literal["industry"] | None = None
    when: Condition | None = None
    steps: list[Step] = Field(min_length=1)


class Indicator(Strict):
    id: str = Field(pattern=ID_PATTERN)
    label: str
    scope: Literal["industry", "enterprise"] = "industry"


class Deadline(Strict):
    at: datetime
    warn_hours: float = Field(gt=0)
    what: str
    late: str
    source: SourceRef


class Note(Strict):
    text: str
    source: SourceRef


class MobileSourceRule(Strict):
    """Which intended grades need the mobile-source system, and the indicator its questions feed."""

    indicator: str
    intended: list[str]  # option values of the intended-grade step
    text: str
    source: SourceRef


class Prerequisite(Strict):
    """A condition of applying at all (not a grade): said in the result when it is not met."""

    step: str
    expect: str
    text: str
    source: SourceRef


class Criterion(Strict):
    step: str
    expect: str | None = None  # the answer that meets it
    max: float | None = None  # the figure must not exceed this ("以下" includes the figure itself)
    text: str


class MicroRule(Strict):
    """Small/micro gas-emitting enterprise (小微涉气企业) check."""

    gate: str  # yes/no step whose "是" starts the check
    criteria: list[Criterion] = Field(min_length=1)
    route: str
    source: SourceRef


class IncentiveRule(Strict):
    """A county's incentive grading: managed one grade higher while indicators are brought up."""

    counties: list[str]
    industries: list[str]
    steps: list[str]
    months: dict[str, int]  # answer value -> months managed one grade higher
    procedure: str
    source: SourceRef


class DraftRowSteps(Strict):
    """Which step answers each column of the application-list row."""

    county: str
    enterprise_name: str
    credit_code: str
    industries: str
    in_park: str
    intended_grade: str
    contact_name: str
    contact_phone: str


class AssessmentRules(Strict):
    framework: dict[Literal["national", "hebei"], str]  # the guide an industry is graded under
    framework_inferred: str  # added when the industry's guide is an inference (the Hebei eight)
    label: str
    deadline: Deadline
    cross_industry: Note
    short_board: Note
    mobile_source: MobileSourceRule
    off_ladder: Note  # said of an intended grade off the A–D ladder (an option without a rank: 引领性)
    prerequisites: list[Prerequisite] = []
    micro: MicroRule
    incentive: IncentiveRule
    draft_row: DraftRowSteps
    unverified_scheme: str  # said of an industry whose set of grades the sources did not confirm
    hebei_guide: str  # said of an industry graded under the Hebei eight-industry guide


@dataclass(frozen=True)
class Requirement:
    """A requirement as the result states it. `quoted`: drawn from the guide reference, so it is shown with
    its source and confidence; otherwise it points to the guide that holds the requirement."""

    text: str
    source: SourceRef
    quoted: bool
    uncertain: bool = False  # the reference is unsure which grade it belongs to


@dataclass(frozen=True)
class StepRef:
    """One question as asked: a step, for one industry when its section repeats per industry."""

    key: str
    step: Step
    industry: str | None
    section: Section

    @property
    def title(self) -> str:
        return f"{self.industry}·{self.step.label}" if self.industry else self.step.label


@dataclass(frozen=True)
class Effect:
    """What one answer does to its indicator: the best grade it still allows and what it settles."""

    ceiling: str = "A"
    settles: frozenset[str] = frozenset()
    unsure: bool = False


@dataclass
class IndicatorState:
    ceiling: str = "A"
    settled: set[str] = field(default_factory=set)

    def add(self, effect: Effect) -> None:
        if grade_rank(effect.ceiling) > grade_rank(self.ceiling):
            self.ceiling = effect.ceiling
        self.settled |= effect.settles

    def is_open(self, grade: str) -> bool:
        return self.ceiling == grade and grade not in self.settled


def effect(step: Step, value: Any) -> Effect | None:
    """The bearing of an answer on its indicator; None for steps that do not grade or a skipped answer."""
    grading = step.grading
    if grading is None or value is None:
        return None
    if grading.meets is not None:
        if value == YES_WORD:
            return Effect(settles=frozenset() if grading.partial else frozenset({grading.meets}))
        return Effect(ceiling=lower_grade(grading.meets), unsure=value == UNSURE_WORD)
    if grading.thresholds:
        met = [row.grade for row in grading.thresholds if float(value) >= row.min]
        ceiling = met[0] if met else lower_grade(grading.thresholds[-1].grade)
        return Effect(ceiling=ceiling, settles=frozenset() if grading.partial else frozenset(met))
    option = step_option(step, value)
    if option is None:
        return None
    return Effect(ceiling=option.ceiling or "A", settles=frozenset(option.settles), unsure=option.unsure)


def step_option(step: Step, value: Any) -> Option | None:
    return next((option for option in step.options if option.value == value), None)


def is_unsure(step: Step, value: Any) -> bool:
    if value == UNSURE_WORD and step.type == "yes_no_unsure":
        return True
    option = step_option(step, value) if step.type == "choice" else None
    return bool(option and option.unsure)


def format_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")


def display(step: Step, value: Any, words: Wording) -> str:
    """An answer as the user reads it back."""
    if value is None:
        return words.assessment_word("unanswered")
    if step.type == "choice":
        option = step_option(step, value)
        return option.label if option else str(value)
    if step.type == "industry" and isinstance(value, list):
        return "、".join(value)
    if step.type in ("number", "percent"):
        unit = "%" if step.type == "percent" else (step.unit or "")
        return f"{format_number(float(value))}{unit}"
    return str(value)


class Flow(Strict):
    id: str = Field(pattern=ID_PATTERN)
    title: str
    intro: str
    help: (
        str  # may use {idle}: the idle minutes after which a dialogue is paused; {keep}: the days it is kept
    )
    industry_step: str  # the step whose answer (a list of industry names) repeats `each: industry` sections
    county_step: str
    guides: dict[Literal["national", "hebei"], str]  # fills {guide}
    annexes: dict[
        Literal["national", "hebei"], str
    ] = {}  # fills {annex}: the notice's annex holding the guide
    known_ask: str = (
        ""  # a ladder question quoting the reference's row: {label} {grade} {requirement} {confidence}
    )
    confidence_words: dict[str, str] = {}  # high/medium/low as the user reads them
    indicators: list[Indicator]
    sections: list[Section] = Field(min_length=1)
    assessment: AssessmentRules | None = None

    _steps: dict[str, Step] = PrivateAttr(default_factory=dict)
    _section_of: dict[str, Section] = PrivateAttr(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _expand_ladders(cls, raw: Any) -> Any:
        """Each ladder as its steps; data of another shape is left for the schema to refuse, field by field."""
        if not isinstance(raw, dict) or not isinstance(raw.get("sections"), list):
            return raw
        indicators = raw.get("indicators")
        labels = {
            item.get("id"): item.get("label")
            for item in (indicators if isinstance(indicators, list) else [])
            if isinstance(item, dict) and isinstance(item.get("id"), str)
        }
        sections = []
        for section in raw["sections"]:
            if not isinstance(section, dict) or not isinstance(section.get("steps"), list):
                sections.append(section)
                continue
            steps: list[Any] = []
            for item in section["steps"]:
                if isinstance(item, dict) and set(item) == {"ladder"}:
                    try:
                        ladder = Ladder.model_validate(item["ladder"])
                    except ValidationError as error:
                        raise refusal(NESTED, errors=error.errors()) from None
                    steps.extend(_ladder_steps(ladder, labels))
                else:
                    steps.append(item)
            sections.append({**section, "steps": steps})
        return {**raw, "sections": sections}

    @model_validator(mode="after")
    def _references(self) -> Flow:
        problems: list[Unworded] = []
        seen: dict[str, Section] = {}
        indicators = {indicator.id: indicator for indicator in self.indicators}
        for number, section in enumerate(self.sections):
            for condition in filter(None, [section.when]):
                problems += _unknown_steps(condition, seen, f"sections.{number}.when")
            for step in section.steps:
                where = f"sections.{number}.steps.{step.id}"
                if step.id in seen:
                    problems.append(unworded("id_repeated", where=where))
                for row in step.known:
                    if row.when:
                        problems += _unknown_steps(row.when, seen, f"{where}.known.{row.industry}.when")
                if step.when:
                    problems += _unknown_steps(step.when, seen, f"{where}.when")
                    opens = step.when.open
                    if opens and opens.indicator not in indicators:
                        problems.append(
                            unworded(
                                "unknown_indicator", where=f"{where}.when.open", indicator=opens.indicator
                            )
                        )
                if step.grading:
                    graded = f"{where}.grading"
                    indicator = indicators.get(step.grading.indicator)
                    if indicator is None:
                        problems.append(
                            unworded("unknown_indicator", where=graded, indicator=step.grading.indicator)
                        )
                    elif (indicator.scope == "industry") != (section.each == "industry"):
                        problems.append(
                            unworded("indicator_scope_mismatch", where=graded, indicator=indicator.id)
                        )
                for text in (step.ask, step.hint or "", step.label):
                    names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
                    if names - PLACEHOLDERS:
                        problems.append(
                            unworded("unknown_placeholders", where=where, names=sorted(names - PLACEHOLDERS))
                        )
                seen[step.id] = section
        for name in (self.industry_step, self.county_step):
            if name not in seen:
                problems.append(unworded("unknown_step", step=name))
        if self.assessment:
            rules = self.assessment
            referenced = [
                *(criterion.step for criterion in rules.micro.criteria),
                rules.micro.gate,
                *rules.incentive.steps,
                *(prerequisite.step for prerequisite in rules.prerequisites),
                *rules.draft_row.model_dump().values(),
            ]
            problems += [
                unworded("unknown_step", where="assessment", step=name)
                for name in referenced
                if name not in seen
            ]
            mobile = rules.mobile_source.indicator
            if mobile not in indicators:
                problems.append(
                    unworded("unknown_indicator", where="assessment.mobile_source", indicator=mobile)
                )
        if problems:
            raise refusal(SEVERAL, problems=problems)
        self._section_of = seen
        self._steps = {step.id: step for section in self.sections for step in section.steps}
        return self

    def step(self, step_id: str) -> Step:
        return self._steps[step_id]

    def grade_ranks(self) -> dict[str, float]:
        """The grades a draft of this assessment stores, by its intended grade's ranked options, each by label and
        value (B-级 and B-: 1.5), best first; an option without a rank (引领性企业) is off the ladder and absent."""
        rules = self.assessment
        step = self.step(rules.draft_row.intended_grade) if rules else None
        return {
            said: option.rank
            for option in (step.options if step else [])
            if option.rank is not None
            for said in (option.label, option.value)
        }

    def prefers_high(self, step_id: str) -> bool:
        """Whether the conservative end of a range given for this step is its high end: a figure that must
        not exceed a limit (the small/micro emission amounts); otherwise more is better and the low end is
        taken."""
        rules = self.assessment
        return bool(rules) and any(
            criterion.step == step_id and criterion.max is not None
            for criterion in (rules.micro.criteria if rules else [])
        )

    def indicator(self, indicator_id: str) -> Indicator:
        return next(indicator for indicator in self.indicators if indicator.id == indicator_id)

    def key(self, step_id: str, industry: str | None) -> str:
        """Where a step's answer is stored: per industry for a repeating section."""
        return f"{step_id}@{industry}" if self._section_of[step_id].each and industry else step_id

    def fill(self, text: str, industry: str | None, guide: Literal["national", "hebei"] = "national") -> str:
        """A text of a repeating section, for one industry (graded under the given guide)."""
        if industry is None:
            return text
        filled = text.replace("{industry}", industry).replace("{guide}", self.guides[guide])
        return filled.replace("{annex}", self.annexes.get(guide, ""))

    def known_row(self, ref: StepRef, answers: dict[str, Any]) -> KnownRow | None:
        """The reference's row this question is about, if it has one for the industry and the answers."""
        if not ref.step.known or ref.industry is None:
            return None
        scope = _Scope(self, answers, ref.industry, self.industries(answers), {})
        return next(
            (
                row
                for row in ref.step.known
                if row.industry == ref.industry and (row.when is None or scope.holds(row.when))
            ),
            None,
        )

    def wording(self, ref: StepRef, answers: dict[str, Any]) -> tuple[str, str | None]:
        """The question and its hint as asked (placeholders not yet filled): a ladder step whose row the
        reference has quotes it at its confidence; any other step is asked as written."""
        row = self.known_row(ref, answers)
        grading = ref.step.grading
        if row is None or grading is None or grading.meets is None:
            return ref.step.ask, ref.step.hint
        ask = self.known_ask.format(
            label=ref.step.label,
            grade=grading.meets,
            requirement=row.text,
            confidence=self.confidence_words.get(row.source.confidence or "", ""),
            industry="{industry}",
            guide="{guide}",
            annex="{annex}",
        )
        return ask, None

    def requirement(self, ref: StepRef, answers: dict[str, Any], grade: str) -> Requirement | None:
        """What the step requires for a grade, and where that is said: the reference's row if it has one."""
        grading = ref.step.grading
        assert grading is not None
        row = self.known_row(ref, answers)
        if row is not None and grade in row.grades:
            return Requirement(row.text, row.source, quoted=True)
        text = grading.requirement_for(grade)
        if text is None:
            return None
        return Requirement(
            text, grading.source, quoted=not ref.step.ladder, uncertain=grading.grade_uncertain
        )

    def industries(self, answers: dict[str, Any]) -> list[str]:
        chosen = answers.get(self.industry_step)
        return list(chosen) if isinstance(chosen, list) else []

    def walk(self, answers: dict[str, Any]) -> list[StepRef]:
        """The steps that apply given the answers, in the order they are asked."""
        refs: list[StepRef] = []
        states: dict[tuple[str | None, str], IndicatorState] = {}
        industries = self.industries(answers)
        for section in self.sections:
            for industry in industries if section.each else [None]:
                scope = _Scope(self, answers, industry, industries, states)
                if section.when and not scope.holds(section.when):
                    continue
                for step in section.steps:
                    if step.when and not scope.holds(step.when):
                        continue
                    ref = StepRef(self.key(step.id, industry), step, industry, section)
                    refs.append(ref)
                    change = effect(step, answers.get(ref.key)) if ref.key in answers else None
                    if change and step.grading:
                        states.setdefault((industry, step.grading.indicator), IndicatorState()).add(change)
        return refs

    def references(self) -> tuple[set[str], set[str], set[str]]:
        """Industry names, county names and source documents the flow mentions (checked on load)."""
        industries: set[str] = set()
        counties: set[str] = set()
        docs: set[str] = set()
        for section in self.sections:
            for condition in filter(None, [section.when, *(step.when for step in section.steps)]):
                industries |= condition.industries()
                counties |= condition.counties()
            docs |= {step.grading.source.doc for step in section.steps if step.grading}
            for row in (row for step in section.steps for row in step.known):
                industries.add(row.industry)
                docs.add(row.source.doc)
        if self.assessment:
            rules = self.assessment
            industries |= set(rules.incentive.industries)
            counties |= set(rules.incentive.counties)
            docs |= {
                rules.deadline.source.doc,
                rules.cross_industry.source.doc,
                rules.short_board.source.doc,
                rules.mobile_source.source.doc,
                rules.off_ladder.source.doc,
                rules.micro.source.doc,
                rules.incentive.source.doc,
                *(prerequisite.source.doc for prerequisite in rules.prerequisites),
            }
        return industries, counties, docs


def flow_sources(flow: Flow) -> list[tuple[str, SourceRef, str]]:
    """Every source a flow cites, with where and what the flow says on its strength: `knowledge check` holds
    each to the reference's rules, and the figures said to the document."""
    found: list[tuple[str, SourceRef, str]] = []
    for section in flow.sections:
        for step in section.steps:
            if step.grading:
                grading = step.grading
                required = grading.requirement or ""
                said = [step.ask, *(required.values() if isinstance(required, dict) else [required])]
                said += [f"{threshold.requirement}{threshold.min:g}" for threshold in grading.thresholds]
                found.append((f"{flow.id}.{step.id}.grading.source", grading.source, "\n".join(said)))
            found += [
                (f"{flow.id}.{step.id}.known.{row.industry}.source", row.source, row.text)
                for row in step.known
            ]
    rules = flow.assessment
    if rules:
        due = rules.deadline.at
        rule_texts = {
            "deadline": f"{due:%Y-%m-%dT%H:%M}\n{rules.deadline.what}{rules.deadline.late}",
            "cross_industry": rules.cross_industry.text,
            "short_board": rules.short_board.text,
            "mobile_source": rules.mobile_source.text,
            "off_ladder": rules.off_ladder.text,
            "micro": "\n".join([*(criterion.text for criterion in rules.micro.criteria), rules.micro.route]),
            "incentive": rules.incentive.procedure,
        }
        for name, text in rule_texts.items():
            found.append((f"{flow.id}.assessment.{name}.source", getattr(rules, name).source, text))
        found += [
            (f"{flow.id}.assessment.prerequisites.{p.step}.source", p.source, p.text)
            for p in rules.prerequisites
        ]
    return found


def _ladder_steps(ladder: Ladder, labels: dict[Any, Any]) -> list[dict[str, Any]]:
    label = labels.get(ladder.indicator) or ladder.indicator
    steps = []
    for grade in ladder.grades:
        when: dict[str, Any] = {"open": {"indicator": ladder.indicator, "grade": grade}}
        if ladder.when:
            when |= ladder.when.model_dump(exclude_none=True)
        steps.append(
            {
                "id": f"{ladder.indicator}_{grade.lower()}",
                "label": label,
                "ask": ladder.ask.replace("{grade}", grade),
                **({"hint": ladder.hint.replace("{grade}", grade)} if ladder.hint else {}),
                "type": "yes_no_unsure",
                "optional": ladder.optional,
                "ladder": True,
                "when": when,
                "known": [row.model_dump(exclude_none=True) for row in ladder.known if grade in row.grades],
                "grading": {
                    "indicator": ladder.indicator,
                    "meets": grade,
                    "requirement": ladder.requirement.replace("{grade}", grade),
                    "source": ladder.source.model_dump(),
                },
            }
        )
    return steps


def _unknown_steps(condition: Condition, seen: dict[str, Section], where: str) -> list[Unworded]:
    return [
        unworded("step_not_asked_before", where=where, step=name)
        for name in sorted(condition.step_ids() - set(seen))
    ]


@dataclass
class _Scope:
    """Evaluates conditions for one section instance, against the answers given so far."""

    flow: Flow
    answers: dict[str, Any]
    industry: str | None
    industries: list[str]
    states: dict[tuple[str | None, str], IndicatorState]

    def value(self, step_id: str) -> Any:
        return self.answers.get(self.flow.key(step_id, self.industry))

    def number(self, step_id: str) -> float | None:
        value = self.value(step_id)
        return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None

    def holds(self, condition: Condition) -> bool:
        checks = [
            condition.industry is None or self.industry in condition.industry,
            condition.not_industry is None or self.industry not in condition.not_industry,
            condition.any_industry is None or bool(set(self.industries) & set(condition.any_industry)),
            condition.county is None or self.answers.get(self.flow.county_step) in condition.county,
            all(self.value(name) in values for name, values in (condition.answer or {}).items()),
            all(
                (n := self.number(name)) is not None and n >= limit
                for name, limit in (condition.at_least or {}).items()
            ),
            all(
                (n := self.number(name)) is not None and n < limit
                for name, limit in (condition.below or {}).items()
            ),
            condition.open is None
            or self.states.get((self.industry, condition.open.indicator), IndicatorState()).is_open(
                condition.open.grade
            ),
            condition.any is None or any(self.holds(inner) for inner in condition.any),
        ]
        return all(checks)


class FlowWords(Strict):
    """Words the engine recognises at every step (compared after removing spaces and punctuation)."""

    back: list[str]
    restart: list[str]  # 重来, 从头开始: starting over, which 取消 and then the start word do
    # 今天先到这, 明天再填: stopping for now, inside a message; no answer, and nothing entered is lost
    pausing: list[str]
    cancel: list[str]
    skip: list[str]
    keep: list[str]
    help: list[str]
    confirm: list[str]
    edit_prefixes: list[str]
    affirmative: list[str]
    negative: list[str]
    hedges: list[str]  # 嗯: said while thinking, neither yes nor no; what follows one may still answer
    particles: list[str]  # 啊 in 是啊: one character said after a yes or no, adding nothing to it
    unsure: list[str]
    partial: list[str]  # 一部分, 没装全: a yes said of a part only
    turns: list[str]  # 不过, 但是: what follows takes a yes back in part
    guesses: list[str]  # 应该, 好像: said before a yes or no that is a guess
    guess_endings: list[str]  # 吧 in 应该是吧: ends a guess, asking nothing back
    additions: list[str]  # 还有, 也做: another industry named beside the one being confirmed
    no_more: list[str]
    all_of_these: list[str]  # to numbered industries offered at a step of several: each is the business's
    none_of_these: list[str]  # to numbered industries offered: none of them is the business
    estimates: list[str]  # a figure guessed in words no number is read from (几十万, 好几万)
    company_endings: list[str]  # 公司, 厂: how a company's name ends; at the code, the name's second half
    # a figure said only as a bound: below it (不到80%, 80%以下) or above it (超过5吨); the figure itself is not the
    # conservative reading where the bound runs the other way
    below: list[str]
    above: list[str]
    whole: list[str]  # all of it (全部, 都是), at a percentage step: 100
    every_before: list[str]  # 都 in 都装了, 全部 in 全部没有: said of every one before a yes or no
    locatives: list[str]  # 里 in 在园区里: inside the place the question names, not another place
    # at the review, wishing to change something (我想改一下, 电话填错了): which item
    change_wished: list[str]
    saved_asked: list[str]  # at the review, asking whether it is done (好了吗, 然后呢): not saved until 确认
    recipients_asked: list[str]  # asking whom a confirmation's sending reaches (会发给谁, 几个群)


class FlowMessages(Strict):
    """The engine's own wording, shared by every flow; `{name}` fields are filled in at run time."""

    words: FlowWords
    edit_synonyms: list[
        list[str]
    ] = []  # other names of items in "修改 <项目>"; the group's first is its name
    footer: str
    footer_optional: str
    # 我们的资料里没有, 跳过: what every ladder question the reference has no row for says (`knowledge check`)
    ladder_offer: list[str] = Field(min_length=1)
    # 可信度{confidence}: how a question drawn from the guide reference says how sure it is (`knowledge check`)
    guide_confidence_said: str = Field(pattern=r"\{confidence\}")
    current_answer: str
    yes_no_options: str
    yes_no_unsure_options: str
    yes_no_invalid: str
    yes_no_unsure_invalid: str
    yes_no_in_part: str  # a yes said of a part or taken back after 不过 ({said}): a part is a no
    yes_no_dont_know: str  # 不知道 at a yes/no question without 不确定: whom to ask, before yes_no_invalid
    choice_invalid: str
    choice_yes_no: str  # 是, 没有 … at a choice none of whose options it names ({said}, {count})
    choice_denied: (
        str  # an option named only to deny it ("不是手工的"): which one is it then ({option}, {count})
    )
    choice_unsure: str  # 不知道 at a choice: pick the nearest, change it later ({item}: the step's label)
    choice_named: str  # a question naming one option ("够A级吗"): how to pick that one, before text_question
    unit_hint: str  # {unit} in the number messages below, where the step has a unit
    number_invalid: str
    number_estimate: str  # no number read, but words of an estimate: how to give one ({unit}, {example})
    # 不知道 at a figure that may be skipped: 跳过, or an estimate ({unit}, {example})
    number_unsure_optional: str
    number_whole: str  # all of it said in words at a percentage step ({said}): taken as 100, said so
    number_part: str  # a part said in words at a percentage step ({said}): how much, as a figure
    number_several: str
    # a figure said as a bound that runs against the step's conservative end ("不到80%"): a figure asked for ({said},
    # {unit}, {example})
    number_bound: str
    number_range_taken: str
    # a share written as a fraction (0.85) at a percentage step: confirmed as the percentage ({percent}) it means
    number_fraction_confirm: str
    number_range: str
    text_too_short: str
    text_too_long: str
    text_no_words: str
    text_unsure: str  # 不知道 as a name or description: it would go into the application list as typed
    text_to_someone_else: str  # a name or description opening with another member's @-mention ({item})
    text_dialogue_word: str  # 确认 or 好的 where a name or description is asked: not written into the list
    text_has_phone: str  # a telephone number inside a name or description ("李明 13812345678")
    # a valid credit code as, or inside, a name or description ({item}: the step's label): it has its own question
    text_has_code: str
    text_question: str  # a question instead of an answer: answered before it (the Q&A's reply), not taken
    phone_invalid: str
    # digits alone starting with 1, not 11 of them ({length}): a mobile number mistyped
    phone_mobile_length: str
    phone_area_code: str  # a landline's local number alone: asked again with its area code
    credit_code_missing: str  # an answer with no digit at all ("不知道"): where the code is, not its length
    credit_code_name_piece: str  # words ending as a name does at the code ({text}): how to mend the name
    credit_code_recheck: str  # said after what is wrong with a code the enterprise typed (the three below)
    credit_code_length: str
    credit_code_charset: str
    credit_code_check: str
    county_unknown: str
    county_confirm: str
    # the county written beside the credit code, taken too ({item}: the county step's label, {county})
    county_beside_code: str
    # an answer said before the credit code, taken with it where the code is asked next ({item}, {value})
    answer_before_code: str
    industry_unknown: str
    industry_code_alone: str  # digits or a code where an industry is asked ({text}): a name is asked for
    industry_unsure: str  # 不知道 at the industry: how to find it, not "no industry named 不知道"
    industry_outside: str  # a class outside the 47: 不属于 with it ({terms}, {name}, {code})
    industry_outside_next: str  # then: the lowest grade if in doubt, and how to go on
    industry_confirm: str
    industry_choose: str
    industry_choose_several: str  # at a step of several industries, after the numbered ones: how to give two
    # another industry named at numbered ones offered ("还有焦化", {industry}): pick from those first, then name it
    industry_choose_first: str
    industry_choice_invalid: str  # what is neither an industry offered nor one named: the numbered list again
    industry_none_of_these: str
    industry_none_offered: str  # "都不是" to the industries a Q&A answer offered: what to tell instead
    industry_more: str  # after industry_recorded: is there another industry
    # the industries taken so far ({industries}), before industry_more or what a message said besides
    industry_recorded: str
    industry_more_name: str  # a yes to "还有其他重点行业吗": which one
    industry_duplicate: str
    industry_too_many: str
    confirm_invalid: str
    confirmation_invalid: str
    confirmation_expired: str
    dialogue_busy: str  # a one-step flow asked for while another dialogue of the sender's is going on
    rephrase: str
    not_optional: str
    nothing_to_keep: str
    first_step: str
    edit_unknown: str
    edit_not_yet: str
    edit_ambiguous: str
    edit_usage: str
    edit_nothing: str  # 修改 before any answer: there are no items to name
    cancel_confirm: str
    restart_how: str  # 重来 said in a dialogue: how to start over, or change one item instead
    nothing_said: (
        str  # a message with no words (a group's bare @-mention of the bot): before the question again
    )
    no_text: str  # a picture, a voice message or emoji alone ([图片], [语音]): before the question again
    pause_noted: str  # 先到这 said in a dialogue: the answers are kept, and how to go on later
    cancel_declined: str
    review_changed: str
    review_prompt: str
    review_not_saved: str  # at the review, asked whether it is done: before review_prompt
    # 确认 at a review whose result and draft were never shown in this chat: not saved, they are shown first
    review_unseen: str
    review_unclear: str  # at the review, neither 确认 nor 修改 nor a question ({said}): before review_prompt
