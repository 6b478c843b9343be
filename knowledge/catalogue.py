"""The 47 key industries of 附件1 and matching a self-description to them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from pydantic import Field

from knowledge.models import SourceRef, Strict

_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)


def fold(text: str) -> str:
    return _PUNCT.sub("", unicodedata.normalize("NFKC", text).lower())


class Industry(Strict):
    """One industry of the 2020 catalogue (重点行业目录)."""

    number: int = Field(ge=1, le=47)  # position in 附件1 (not "no": YAML reads that key as false)
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str
    guide: Literal["national", "hebei"]
    guide_confidence: Literal["high", "medium", "low"]
    grade_scheme: str
    incentive: bool = False
    aliases: list[str] = []
    products: list[str] = []
    processes: list[str] = []
    materials: list[str] = []
    excludes: list[str] = []
    source: SourceRef

    @property
    def terms(self) -> list[str]:
        return [self.name, *self.aliases, *self.products, *self.processes, *self.materials]


class CatalogueFile(Strict):
    industries: list[Industry]


class CuesFile(Strict):
    business_nouns: list[str] = Field(min_length=1)  # "修理厂", "加油站": the message names some business
    vague_terms: list[str] = Field(
        min_length=1
    )  # "化工厂": a business of several industries, in or out of the 47
    industry_cues: list[str] = Field(min_length=1)  # "算重点行业吗": asks about membership by itself
    participation_cues: list[str] = Field(
        min_length=1
    )  # "要不要参加": about membership when a business is named
    self_description_cues: list[str] = Field(min_length=1)  # "我们是做…的": the message describes a business


@dataclass(frozen=True, slots=True)
class IndustryMatch:
    verdict: Literal["one", "ambiguous", "none", "unknown"]  # unknown: nothing said of the business
    candidates: list[Industry]  # best first; two when ambiguous
    terms: list[str]  # the words of the message that matched


_GENERIC_CHARS = "的了厂家公司企业单位一个是们我咱吗呢啊吧么"


class Catalogue:
    AMBIGUOUS_RATIO = 0.8  # a runner-up this close to the best makes the match ambiguous
    SHORT_REST = 3  # what a self-description may leave besides the business ("医院", "开饭店")
    NOTHING_SAID = 1

    def __init__(self, data: CatalogueFile, cues: CuesFile) -> None:
        self.industries = data.industries
        self.by_name = {industry.name: industry for industry in data.industries}
        self._terms: dict[str, set[int]] = {}
        self._spelling: dict[str, str] = {}  # folded term -> as written in the catalogue, for replies
        for number, industry in enumerate(data.industries):
            for term in industry.terms:
                folded = fold(term)
                if len(folded) >= 2:
                    self._terms.setdefault(folded, set()).add(number)
                    self._spelling.setdefault(folded, term)
        self._longest = max(map(len, self._terms))
        self._excludes = [[fold(phrase) for phrase in industry.excludes] for industry in data.industries]
        self._membership_cues = [fold(cue) for cue in cues.industry_cues]
        self._participation_cues = [fold(cue) for cue in cues.participation_cues]
        self._self_cues = [fold(cue) for cue in cues.self_description_cues]
        self._business_nouns = [fold(noun) for noun in cues.business_nouns]
        self._vague_terms = [fold(term) for term in cues.vague_terms]
        every_cue = self._membership_cues + self._participation_cues + self._self_cues + self._vague_terms
        self._all_cues = sorted(
            set(every_cue), key=len, reverse=True
        )  # longest first: no cue left half-removed

    def read(self, text: str) -> Reading:
        """What a message says about a business, folded and scanned once."""
        folded = fold(text)
        return Reading(self, folded, self._spans(folded))

    def find(self, text: str) -> Industry | None:
        """The industry a short answer names (a dialogue step), if it is clear."""
        match = self.match(text)
        return match.candidates[0] if match.verdict == "one" else None

    def match(self, text: str) -> IndustryMatch:
        return self.read(text).match

    def _match(self, folded: str, spans: list[tuple[int, int]]) -> IndustryMatch:
        scores: dict[int, int] = {}
        matched: dict[int, list[str]] = {}
        for start, end in spans:
            term = folded[start:end]
            for number in self._terms[term]:
                if any(phrase and phrase in folded for phrase in self._excludes[number]):
                    continue
                spelled = self._spelling[term]
                if spelled not in matched.setdefault(number, []):
                    matched[number].append(spelled)
                    scores[number] = scores.get(number, 0) + len(term)
        if not scores:
            return IndustryMatch("none", [], [])
        ranked = sorted(scores, key=lambda n: (-scores[n], self.industries[n].number))
        best = ranked[0]
        if len(ranked) > 1 and scores[ranked[1]] >= self.AMBIGUOUS_RATIO * scores[best]:
            pair = ranked[:2]
            return IndustryMatch(
                "ambiguous", [self.industries[n] for n in pair], [t for n in pair for t in matched[n]]
            )
        return IndustryMatch("one", [self.industries[best]], matched[best])

    def _spans(self, folded: str) -> list[tuple[int, int]]:
        """Longest catalogue term at each position, without terms lying inside a longer one."""
        found: list[tuple[int, int]] = []
        for start in range(len(folded)):
            for end in range(min(len(folded), start + self._longest), start + 1, -1):
                if folded[start:end] in self._terms:
                    found.append((start, end))
                    break
        return [
            (s, e)
            for s, e in found
            if not any(s2 <= s and e <= e2 and (e2 - s2) > (e - s) for s2, e2 in found)
        ]


class Reading:
    """One message seen by the catalogue: which industry it names and what it asks of it."""

    def __init__(self, catalogue: Catalogue, folded: str, spans: list[tuple[int, int]]) -> None:
        self._catalogue = catalogue
        self._folded = folded
        self._spans = spans
        self.match = catalogue._match(folded, spans)
        self.describes_business = self._has(catalogue._self_cues)
        self.asks_participation = self._has(catalogue._participation_cues)
        self.vague = self._has(catalogue._vague_terms)
        rest = folded
        for start, end in sorted(spans, reverse=True):
            rest = rest[:start] + rest[end:]
        for cue in catalogue._all_cues:  # vague business words too: "我们是机械加工厂" asks nothing else
            rest = rest.replace(cue, "")
        self._rest = "".join(char for char in rest if char not in _GENERIC_CHARS)

    def _has(self, cues: list[str]) -> bool:
        return any(cue in self._folded for cue in cues)

    @property
    def asks_membership(self) -> bool:
        """Whether the message asks if a business is one of the 47 (not just mentions an industry)."""
        if self._has(self._catalogue._membership_cues):
            return True
        return self.asks_participation and (bool(self._spans) or self._has(self._catalogue._business_nouns))

    @property
    def names_a_business(self) -> bool:
        """False for "我们算重点行业吗": it asks, but says nothing of what the business does."""
        return len(self._rest) > Catalogue.NOTHING_SAID

    @property
    def only_describes_business(self) -> bool:
        """ "我们是水泥厂", "红砖": a business named with nothing else asked, meaning "are we one of the 47?"."""
        return bool(self._spans or self.describes_business) and len(self._rest) <= Catalogue.SHORT_REST
