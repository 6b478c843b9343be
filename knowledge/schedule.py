"""The campaign schedule (截止时间与提醒): deadlines as data, validated on load, and the reminders they imply."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator, model_validator

from knowledge.base import GUIDE_SOURCES, KnowledgeBase, SourceRef, Strict
from knowledge.citations import REPOSITORY_ROOT, figure_problems
from knowledge.wording import Wording, refusal

TZ = ZoneInfo("Asia/Shanghai")


class Audience(StrEnum):
    ENTERPRISE = "enterprise"
    COUNTY_BRANCH = "county_branch"


_DURATION = re.compile(r"^\s*(\d+)\s*(d|h|m|天|小时|分钟)\s*$")
_DURATION_WORDS = {
    "d": "days",
    "天": "days",
    "h": "hours",
    "小时": "hours",
    "m": "minutes",
    "分钟": "minutes",
}
_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def _duration(value: object) -> object:
    if isinstance(value, str):
        match = _DURATION.match(value)
        if not match:
            raise refusal("duration_unreadable")
        return timedelta(**{_DURATION_WORDS[match.group(2)]: int(match.group(1))})
    return value


def _clock_time(value: object) -> object:
    # YAML reads an unquoted 9:00 as the number 540 (base 60): insist on a quoted "09:00".
    if not isinstance(value, str) or not _CLOCK.match(value.strip()):
        raise refusal("clock_unquoted")
    hours, minutes = value.strip().split(":")
    return time(int(hours), int(minutes))


def local(moment: datetime) -> datetime:
    """A naive time is read as Asia/Shanghai; an aware one is converted to it."""
    return moment.replace(tzinfo=TZ) if moment.tzinfo is None else moment.astimezone(TZ)


def last_day(due: datetime) -> datetime:
    """Midnight starting the last day one can still act: the due day, or the day before a 00:00 deadline."""
    day = (due - timedelta(microseconds=1)).date()
    return datetime.combine(day, time(), TZ)


class ReminderRule(Strict):
    """When to remind: `before` the due time, or `days_before` the last day `at` a time of day."""

    before: Annotated[timedelta, BeforeValidator(_duration)] | None = None
    days_before: int | None = Field(default=None, ge=0)
    at: Annotated[time, BeforeValidator(_clock_time)] | None = None

    @model_validator(mode="after")
    def one_form(self) -> ReminderRule:
        if self.before is not None:
            if self.days_before is not None or self.at is not None:
                raise refusal("reminder_in_two_forms")
            if self.before <= timedelta():
                raise refusal("reminder_before_not_positive")
        elif self.days_before is None or self.at is None:
            raise refusal("reminder_in_no_form")
        return self

    def moment(self, due: datetime) -> datetime:
        if self.before is not None:
            return due - self.before
        assert self.days_before is not None
        assert self.at is not None
        day = last_day(due) - timedelta(days=self.days_before)
        return datetime.combine(day.date(), self.at, TZ)

    def describe(self) -> str:
        """The rule as the file writes it (before: 1d; days_before: 0, at: "08:30")."""
        if self.before is not None:
            minutes = int(self.before.total_seconds()) // 60
            unit, size = next(
                (unit, size) for unit, size in (("d", 1440), ("h", 60), ("m", 1)) if minutes % size == 0
            )
            return f"before: {minutes // size}{unit}"
        return f'days_before: {self.days_before}, at: "{self.at:%H:%M}"'


class Deadline(Strict):
    """One deadline of the campaign, worded as the notice words it."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str  # short, e.g. 企业报送绩效评级申请名单
    due: datetime  # the instant reminders and countdowns are computed to (Asia/Shanghai)
    due_text: str  # the notice's own wording, shown in every message: 2020年7月31日前
    reading: str | None = None  # how `due` was read from the notice when it gives no time of day
    audience: list[Audience] = Field(min_length=1)
    submit: str | None = None  # what is handed in
    to: str | None = None  # to whom
    how: str | None = None  # in what form
    note: str | None = None  # e.g. what happens to those who miss it
    # what people call what is handed in (名单, 材料): a question naming it is about this deadline, not the others an
    # answer states ("材料还能交吗" is not told the list's deadline has passed)
    words: list[str] = []
    source: SourceRef
    reminders: list[ReminderRule] | None = None  # None: the schedule's defaults

    def named_in(self, text: str) -> bool:
        """Whether the text names what is handed in by this deadline."""
        return any(word in text for word in self.words)

    @field_validator("due")
    @classmethod
    def in_local_time(cls, value: datetime) -> datetime:
        return local(value)

    @field_validator("audience")
    @classmethod
    def no_repeats(cls, value: list[Audience]) -> list[Audience]:
        if len(set(value)) != len(value):
            raise refusal("audience_repeated")
        return value

    @field_validator("source")
    @classmethod
    def known_document(cls, value: SourceRef, info: ValidationInfo) -> SourceRef:
        known = (info.context or {}).get("sources")
        if known is not None and value.doc not in known:
            raise refusal("schedule_unknown_source", doc=value.doc, known=sorted(known))
        return value


class Defaults(Strict):
    reminders: list[ReminderRule] = Field(min_length=1)


@dataclass(frozen=True)
class Occurrence:
    """One reminder of one deadline, at one moment; `key` names it in the delivery ledger."""

    key: str
    deadline: Deadline
    at: datetime


class Schedule(Strict):
    """A campaign: its deadlines and when each is announced."""

    campaign: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")  # part of every reminder's key
    title: str
    defaults: Defaults
    deadlines: list[Deadline] = Field(min_length=1)

    @model_validator(mode="after")
    def consistent(self) -> Schedule:
        seen: set[str] = set()
        for index, deadline in enumerate(self.deadlines):
            if deadline.id in seen:
                raise refusal("deadline_id_repeated", index=index, id=deadline.id)
            seen.add(deadline.id)
            own = deadline.reminders is not None
            for number, rule in enumerate(self.rules(deadline)):
                if rule.moment(deadline.due) >= deadline.due:
                    where = f"reminders[{number}]" if own else f"defaults.reminders[{number}]"
                    raise refusal(
                        "reminder_not_before_due",
                        index=index,
                        deadline=deadline.id,
                        rule_path=where,
                        rule=rule.describe(),
                        due=deadline.due,
                    )
        return self

    @cached_property
    def campaign_year(self) -> int:
        """The year of the campaign's first deadline: a year said of now (今年) that is this one is the documents'."""
        return min(deadline.due for deadline in self.deadlines).year

    def rules(self, deadline: Deadline) -> list[ReminderRule]:
        return deadline.reminders if deadline.reminders is not None else self.defaults.reminders

    def occurrences(self) -> list[Occurrence]:
        """Every reminder of every deadline, in time order."""
        found: dict[str, Occurrence] = {}
        for deadline in self.deadlines:
            for rule in self.rules(deadline):
                at = rule.moment(deadline.due)
                key = f"{self.campaign}/{deadline.id}/{at:%Y-%m-%dT%H:%M}"
                found[key] = Occurrence(key, deadline, at)
        return sorted(found.values(), key=lambda o: (o.at, o.deadline.id))

    def upcoming(self, now: datetime, audiences: set[Audience]) -> list[Deadline]:
        """Deadlines still ahead for any of these audiences, soonest first."""
        ahead = [d for d in self.deadlines if d.due > now and audiences & set(d.audience)]
        return sorted(ahead, key=lambda d: d.due)


class ScheduleError(Exception):
    """The schedule file is unreadable or invalid; `problems` name the file and field path."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def load_schedule(path: Path, templates: Path, sources: set[str] | None = None) -> Schedule:
    """Read and validate a schedule file; `sources` are the document ids `source.doc` may cite, and what is
    wrong is worded by the templates folder `templates` (knowledge_problems.j2)."""
    schedule, problems = Wording(templates).read(path, Schedule, path, context={"sources": sources})
    if schedule is None:
        raise ScheduleError(problems)
    return schedule


def unsourced_figures(schedule: Schedule, kb: KnowledgeBase, shown_as: object) -> list[str]:
    """Each date, time of day or number a deadline's wording gives that the document it cites does not hold
    (a deadline of another year, a wrong day). Its `reading` is the bot's own, and says so."""
    said = [
        (
            f"{shown_as}: deadlines.{deadline.id}",
            deadline.source,
            "\n".join(
                filter(None, (deadline.due_text, deadline.submit, deadline.to, deadline.how, deadline.note))
            ),
        )
        for deadline in schedule.deadlines
    ]
    return figure_problems(kb.sources.values(), said, REPOSITORY_ROOT, kb.words, together=GUIDE_SOURCES)
