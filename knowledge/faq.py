"""Question/answer entries (knowledge/data/faq_*.yaml) and their retrieval index."""

from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Literal

from pydantic import Field, field_validator
from rapidfuzz import fuzz, process

from knowledge.models import ID_PATTERN, SourceRef, Strict
from knowledge.textnorm import (
    CLAUSE_END,
    Normalizer,
    days_named,
    grades,
    grades_asked,
    grams,
    literal_alternation,
)
from knowledge.wording import refusal

TOPIC_WORDS = (  # the topics entries are filed under: the values `topic:` may take
    "截止时间",
    "申报流程",
    "后果与处罚",
    "评级原则",
    "绩效等级",
    "移动源管理",
    "物流园区",
    "专家与黑名单",
    "公平公开",
    "减排清单",
    "小微企业",
    "附件与联系方式",
    "平山政策",
    "技术指南",
    "重点行业",
    "背景",
)


class Entry(Strict):
    id: str = Field(pattern=ID_PATTERN)
    topic: Literal[TOPIC_WORDS]  # type: ignore[valid-type]
    title: str = Field(min_length=2, max_length=24)
    questions: list[str] = Field(min_length=1)
    keywords: list[str] = []
    answer: str = Field(min_length=4)
    source: SourceRef
    kind: Literal["fact", "gap"] = "fact"
    confidence: Literal["high", "medium", "low"] | None = None
    see_also: list[str] = []
    # units of figures (intents.yaml's `figures`) the answer says the documents do not give ("交易价格…原文没有写"):
    # it answers a question asking for one as a gap entry does
    figures_not_given: list[str] = []
    note: str | None = None
    # the campaign's deadlines the answer states (ids of schedule_2020.yaml): one gone by when it is sent is said first
    deadlines: list[str] = []
    # a command the answer offers to start (commands.yaml key: start_assessment), worded by the answer's template
    offers: Literal["start_assessment"] | None = None

    def of_one_family(self, other: Entry) -> bool:
        """Whether two entries answer parts of one subject: filed under one topic, or one pointing to the other."""
        return self.topic == other.topic or other.id in self.see_also or self.id in other.see_also


class FaqFile(Strict):
    entries: list[Entry]


class Intent(Strict):
    """A short question's most likely meaning (`lead`) and its other meanings (`others`)."""

    words: list[str] = Field(min_length=1)
    lead: list[str] = Field(min_length=1, max_length=2)
    others: list[str] = []
    # a term too broad to be a short question alone ("评级咋办", "A级要干啥" ask other things): its intent is the likely
    # meaning only where the question asks what the term means or is for (IntentFile.short_meaning_asked)
    meaning_only: bool = False
    # what the term is for, where another entry says it than the one saying what it is ("申请名单有什么用" is the
    # budget's basis, not the form): the lead where a purpose is asked (IntentFile.short_purpose_asked)
    purpose: list[str] = []
    # what the term is, where another entry says it than the one the term alone most often wants ("总量指标" alone is
    # Pingshan's support for them, "总量指标是什么意思" what the documents say they are): the lead where a meaning is asked
    meaning: list[str] = []


class FigureAsked(Strict):
    """A kind of figure a question asks for, or of a practical detail (who repairs, which brand, paying in
    instalments, which ranks first): the words that ask it, the units an answer giving one states."""

    asked: list[str] = Field(min_length=1)
    stated: list[str] = []  # units after a numeral (5522家); none for a detail that is no number
    said: list[str] = []  # words an answer states it by without a numeral (及时, 维修)
    # words naming it that ask it only in a clause that asks ("快递费谁出", not "我们是快递公司，收快递费的")
    named: list[str] = []
    of_parts: bool = False  # the documents give it of the whole city and all its industries only


class Excluding(Strict):
    """Words before or after a narrowing's word that leave it out ("除了水泥", "水泥厂以外")."""

    before: list[str] = []
    after: list[str] = []


class HandedIn(Strict):
    """A document the enterprises hand in, named by any of `words`, due by `due` (as synonyms.yaml writes days: 7月17日);
    the entry stating its deadline answers a day before it, `late_answered_by` a day after it (by default the same)."""

    words: list[str] = Field(min_length=1)
    due: str
    answered_by: str
    late_answered_by: str | None = None
    # the entry stating the branches' own later day for handing it on to the city (名单 by 7月18日)
    handed_on_answered_by: str | None = None

    @field_validator("due")
    @classmethod
    def _one_day(cls, due: str) -> str:
        named = days_named(due)
        if len(named) != 1 or named[0][1] is None:
            raise refusal("due_not_one_day", due=due)
        return due


class DeadlineDays(Strict):
    """The campaign's days (as synonyms.yaml writes them) and the words after one that make it the deadline a question
    asks of ("7月17日那个截止")."""

    days: list[str] = []
    asked_by: list[str] = []
    # what is handed in that day, said between the day and the words asking ("7月20号交材料还来得及吗")
    handed_in: list[str] = []
    # words naming a time of day (几点, 当天, 下午): an entry every phrasing of which names one answers the hour, which a
    # question naming none does not ask ("材料7月31号交?" asks the day)
    hours: list[str] = []
    # what is handed in to the branch by a day (名单 by 7月17日): a day named with one of them, not that day, is that
    # document's deadline asked of (before it) or lateness (after it)
    documents: list[HandedIn] = []
    # words of handing a document in or getting it ready (交, 送, 准备): a day said without one is no day it is handed
    # in ("做建筑材料的，8月份预警多吗")
    handing: list[str] = []
    # words of the branches handing theirs on (汇总, 报市局 …): their own days are later
    handed_on: list[str] = []
    # words offering the place after them as one of two (交分局还是市局): the asker does not know where the document
    # goes, so that place is asked, not said to be where it is handed on
    place_offered: list[str] = []
    # words of a speaker at a branch ("我在县分局", "分局同事说"): the deadline they ask is the branches' own
    branch_speaking: list[str] = []
    # words asking a deadline (最晚, 哪天): with handing on or a branch speaking, the document's `handed_on_answered_by`
    deadline_asked: list[str] = []
    # words after a day that make it the bound the asker takes for the deadline ("材料8月7号前交就行吧"): that
    # document's deadline is asked, not whether lateness counts
    bound_by: list[str] = []
    # words asking what follows ("会咋样", "有啥后果"): a day after a document's due with one of them asks the
    # consequence of lateness (`consequence_answered_by`), whichever document, not its deadline again
    consequence_asked: list[str] = []
    consequence_answered_by: str | None = None


class OtherYears(Strict):
    """Years the documents are not of, said relative to now (明年, 去年), the entry a deadline asked of one gets, and
    how a question asks whether something still holds in one and an entry states how long it runs."""

    after_the_documents: list[str] = []  # always a year after the documents' campaign (明年)
    of_now: dict[str, int] = {}  # the clock's year plus this (今年: 0)
    deadlines_answered_by: str | None = None
    still_asked: list[str] = []  # words asking whether something still holds then (还有效, 还搞不搞)
    span_stated: list[str] = []  # words an answer states how long it runs by (兑现时间, 长期推进)


class SeveralIndustries(Strict):
    """A business naming two or more of the listed industries as its own and asking by which it is graded (`asked`):
    the entry on grading a business of several industries answers (`answered_by`), not the verdict."""

    answered_by: str
    asked: list[str] = Field(min_length=1)


class AboveAverageTier(Strict):
    """How far above its industry's average (in percent of the average) a measure must be for an entry's policy."""

    margin: float = Field(ge=0)
    answered_by: str


class AboveAverage(Strict):
    """A measure Pingshan's incentive grading compares with the industry's average (研发投入, 税收贡献), said by a sender
    of its own with figures: its own share and the average (占营收3.1%，行业平均2.5%), or how far above the average it
    is (高出行业平均30%). The highest tier its margin reaches answers (`tiers`, highest margin first)."""

    measures: list[str] = Field(min_length=1)  # as synonyms.yaml writes them
    average: list[str] = Field(min_length=1)  # words naming the average (平均)
    above: list[str] = Field(min_length=1)  # words saying a margin above it (高于, 高出)
    short_of: list[str] = []  # words before a margin that it is not reached (不到20%): the margin is below it
    own: list[str] = Field(
        min_length=1
    )  # words of the sender's own enterprise (我们, 本公司): a case told, not asked of
    tiers: list[AboveAverageTier] = Field(min_length=1)


class OwnAmount(Strict):
    """A sender's own yearly emissions given as a mass ("一年排80千克", "年排放0.15吨") with a scheme it asks of named
    (`asked_of`: 小微): the entry of that scheme's yearly amount answers, unless another of its rules is named (`unless`)."""

    units: list[str] = Field(min_length=1)  # 千克, 吨: a figure right before one is an amount
    emitted: list[str] = Field(min_length=1)  # words of emitting, in the amount's clause (排)
    # words around a figure that make it a bound (不到100公斤, 100千克以下): the rule's, not the sender's amount
    bounds_before: list[str] = []
    bounds_after: list[str] = []
    asked_of: list[str] = Field(min_length=1)  # as synonyms.yaml writes them
    unless: list[
        str
    ] = []  # the scheme's other rules (组分单一, 燃煤), which their own entries answer, as typed
    denied_by: list[
        str
    ] = []  # a word right before one of `unless` that denies it (不烧煤): then it is no rule named
    answered_by: str


class IntentFile(Strict):
    intents: list[Intent]
    narrowing: list[str | list[str]] = []  # a list: one narrowing named by any of its words (水泥, 熟料)
    # a list: one thing named by any of its words (申请名单 and 名单), as a narrowing's
    contrasts: list[list[str | list[str]]] = []
    figures: list[FigureAsked] = []
    excluding: Excluding = Excluding()
    deadline_days: DeadlineDays = DeadlineDays()
    # words asking what the word before them means (什么意思 as synonyms.yaml writes it, 指哪种): FaqIndex.search
    meaning_asked: list[str] = []
    # words asking, in a short question, what its one term means or what it is for (什么是, 是干什么的): KnowledgeBase.short_intent
    short_meaning_asked: list[str] = []
    short_purpose_asked: list[str] = []  # words asking, so, what the term is for (是干什么的, 有什么用)
    # characters a short question may hold besides its intent word and question words (我们, 的, 请问): KnowledgeBase.short_intent
    short_filler_chars: str = Field(min_length=1)
    short_meaning_filler_chars: str = (
        ""  # and besides a term whose meaning is asked (the 是, 到底 of 到底是干什么的)
    )
    other_years: OtherYears = OtherYears()
    several_industries: SeveralIndustries | None = None
    above_average: AboveAverage | None = None
    own_amount: OwnAmount | None = None
    # programmes the documents do not speak of (knowledge.base.KnowledgeBase.beyond_sources); a list: named by its
    # first word, spoken of by an entry using any of them (秋冬季错峰 by one telling of 错峰生产)
    other_programmes: list[str | list[str]] = []


class SynonymFile(Strict):
    synonyms: list[list[str]]
    # real words a member may start inside, read whole: "识别的" holds no 别的, "特别的" none either
    whole_words: list[str] = []


# What a gram adds to an entry is a whole multiple of this. A coverage, a sum of at most a few thousand of them
# below 2**14, is then exact in a float whatever the order of its terms: entries that share equally with a
# question are equal to the last bit, and the lower entry number comes first among them as intended, not
# whichever one the rounding of the question's (hash-ordered) grams happened to favour.
RESOLUTION = 2.0**-32


def exact(value: float) -> float:
    """The value as the nearest multiple of RESOLUTION."""
    return round(value / RESOLUTION) * RESOLUTION


def _keyword_bonus(query: str, keywords: list[str]) -> float:
    """What an entry's keywords the question holds add to its score: a word of the question counts once, so a
    keyword inside a longer one it holds adds nothing ("收取费用" is one word, not also "费用")."""
    held = [keyword for keyword in keywords if keyword in query]
    if len(held) > 1:
        held = [
            keyword for keyword in held if not any(keyword != other and keyword in other for other in held)
        ]
    return min(0.2, 0.1 * len(held))


_RANK = itemgetter(0, 1)  # of a scored entry (specific, score, entry number): the higher ranks first


# made for every question and never changed: not frozen, whose __init__ pays object.__setattr__ per field. Never
# change one after it is made: the searches remembered (FaqIndex._searched) hand the same hits to every caller
@dataclass(slots=True)
class Hit:
    entry: Entry
    score: float  # 0..1
    specific: bool  # shares a two-character word with the question other than a question word (怎么样 …)


class FaqIndex:
    """Character-bigram inverted index narrowing to a few entries, then rapidfuzz on their questions only.

    Scoring all entries with rapidfuzz would cost ~0.4 ms per question (performance-ceilings.md); the
    index keeps the fuzzy work to a handful of short strings. Each posting list is stored as its entries
    grouped by what the gram adds to them, so a query adds one number per posting, in a list by entry number.
    """

    SHORTLIST = 8
    SEARCHES_REMEMBERED = 8  # the last searches, whose text and limit one answer may search again
    ANSWER_WEIGHT = 0.3  # a word only the answer uses counts, but less than one a question uses
    UNIGRAM_WEIGHT = 0.8
    OTHER_GRADE_PENALTY = 0.8
    UNNAMED_NARROWING_PENALTY = 0.8
    CONTRASTED_PENALTY = 0.8
    # below the others: a deadline's entries share most of their words and differ by the day ("18号那个截止…")
    OTHER_DAY_PENALTY = 0.6
    UNASKED_HOUR_PENALTY = 0.6  # as a day's: the hour's entry shares the day's words with the day's own
    DEFINED_ELSEWHERE_PENALTY = 0.8
    DEFINED_TERM_LONGEST = 8  # characters before the words asking a meaning that may name the word asked of
    # a word's meaning is asked of what few entries use: "三不罚政策" is not asked of every policy's entry
    DEFINED_TERM_SHARE = 0.12
    COMMON_SHARE = 0.5
    HELD_PHRASING_WORDS = 3

    def __init__(
        self,
        entries: list[Entry],
        normalize: Normalizer,
        narrowing: Sequence[Sequence[str]] = (),
        contrasts: Sequence[Sequence[str | Sequence[str]]] = (),
        excluding: Excluding | None = None,
        deadline_days: DeadlineDays | None = None,
        meaning_asked: Sequence[str] = (),
        meanings: Mapping[str, Sequence[str]] | None = None,
        cited: Mapping[str, Sequence[str]] | None = None,
        *,
        asking_chars: frozenset[str],
    ) -> None:
        """`cited`: the clauses each entry's source line cites (第十条), which add to its score as its keywords do.
        `asking_chars`: the characters of question words (smalltalk.yaml): a shared two-character word made only of
        them says that both texts ask something, not that they ask the same thing."""
        self.asking_chars = asking_chars
        self._normalize = normalize
        self._narrowings = [tuple(words) for words in narrowing]
        # the words asking a meaning, with what comes before them: the match's group
        asking_a_meaning = literal_alternation(map(normalize, meaning_asked))
        self._meaning_asked = re.compile(
            f"(.{{2,{self.DEFINED_TERM_LONGEST}}}?)(?:{asking_a_meaning})" if meaning_asked else "(?!)"
        )
        # the words alone: the pattern above tries every length before them at every place (~9 µs a search), where
        # one in a hundred questions asks a meaning
        self._meaning_words = re.compile(asking_a_meaning if meaning_asked else "(?!)")
        days = deadline_days or DeadlineDays()
        day_words = literal_alternation(normalize(day) for day in days.days)
        asked_by = literal_alternation(normalize(word) for word in days.asked_by)
        self._day = re.compile(day_words or "(?!)")
        # a day followed by what makes it the deadline asked of, perhaps after what is handed in then; the match's group
        # is the day
        handed_in = literal_alternation(normalize(words) for words in days.handed_in)
        between = f"(?:{handed_in})?" if handed_in else ""
        self._deadline_day = re.compile(
            f"({day_words}){between}(?:{asked_by})" if day_words and asked_by else "(?!)"
        )
        self._hour = re.compile(literal_alternation(normalize(word) for word in days.hours) or "(?!)")
        # A narrowing's word with a word that leaves it out: before it ("除了水泥"), or after it within two characters
        # ("水泥厂以外"); the match's group is the word left out.
        narrowing_words = literal_alternation(word for words in narrowing for word in words)
        leaving_out = excluding or Excluding()
        before, after = literal_alternation(leaving_out.before), literal_alternation(leaving_out.after)
        forms = []
        if narrowing_words and before:
            forms.append(f"(?:{before})(?P<before>{narrowing_words})")
        if narrowing_words and after:
            forms.append(f"(?P<after>{narrowing_words}).{{0,2}}?(?:{after})")
        self._excluded = re.compile("|".join(forms) or "(?!)")
        self._leaving_out_before, self._leaving_out_after = before, after
        # the leaving-out words alone: a scan that skips to their first characters, which most questions fail
        self._leaving_out = re.compile(
            literal_alternation([*leaving_out.before, *leaving_out.after]) or "(?!)"
        )
        # Each contrasted word (normalised) with the thing it names (its item's first word) and that thing's group's
        # number; the longest word at a place is the one named.
        self._contrasted_thing = {
            normalize(word): normalize(words if isinstance(words, str) else words[0])
            for group in contrasts
            for words in group
            for word in ([words] if isinstance(words, str) else words)
        }
        self._contrast_group = {
            self._contrasted_thing[normalize(word)]: number
            for number, group in enumerate(contrasts)
            for words in group
            for word in ([words] if isinstance(words, str) else words)
        }
        self._contrast_pattern = re.compile(literal_alternation(self._contrasted_thing) or "(?!)")
        self.entries = entries
        self._numbers = {entry.id: number for number, entry in enumerate(entries)}
        self._phrasings: list[list[str]] = []
        self._keywords: list[list[str]] = []
        # each entry's keywords with the clauses its source cites (第十条): what a question naming one of them whole adds
        # to its score
        self._bonus_words: list[list[str]] = []
        # Each entry's keywords' first two characters: a keyword the question holds starts with one of its
        # bigrams, so an entry none of whose heads is among them has none in the question (one test in C
        # instead of a substring search per keyword).
        self._keyword_heads: list[frozenset[str]] = []
        self._grades: list[frozenset[str]] = []
        self._narrowed_to: list[frozenset[tuple[str, ...]]] = []
        # the contrasted things each entry's phrasings name, by their group's number
        self._contrasted: list[dict[int, frozenset[str]]] = []
        self._days: list[frozenset[str]] = []  # the campaign's days each entry's phrasings name
        self._of_the_hour: list[bool] = []  # whether every phrasing of the entry names a time of day
        # Each entry's two-character words: those of its title (what it is about) and all it uses anywhere.
        self._title_words: list[frozenset[str]] = []
        self._keyword_words: list[frozenset[str]] = []
        self._used_words: list[frozenset[str]] = []
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        every_asked: set[str] = set()
        for number, entry in enumerate(entries):
            phrasings = [normalize(text) for text in (*entry.questions, entry.title)]
            self._phrasings.append(phrasings)
            # Two keywords may become one word after synonym rewriting: count it once.
            self._keywords.append(
                sorted({k for k in (normalize(word) for word in entry.keywords) if len(k) >= 2})
            )
            # a clause cited counts named whole only, never by its words: their pairs (第三) are in others (第三方)
            clauses = {normalize(word) for word in (cited or {}).get(entry.id, ())}
            self._bonus_words.append(sorted({*self._keywords[-1], *clauses}))
            self._keyword_heads.append(frozenset(keyword[:2] for keyword in self._bonus_words[-1]))
            self._grades.append(frozenset().union(*(grades(text) for text in phrasings)))
            # The narrowings every phrasing of the entry names (by any of their words): the scheme or industry
            # it is about, each kept as its words.
            self._narrowed_to.append(
                frozenset(
                    tuple(words)
                    for words in narrowing
                    if all(any(word in text for word in words) for text in phrasings)
                )
            )
            self._contrasted.append(
                self._by_group(frozenset().union(*map(self._contrasted_words, phrasings)))
            )
            self._days.append(frozenset(day for text in phrasings for day in self._day.findall(text)))
            self._of_the_hour.append(all(self._hour.search(text) for text in phrasings))
            self._title_words.append(frozenset(gram for gram in grams(phrasings[-1]) if len(gram) == 2))
            self._keyword_words.append(
                frozenset(gram for keyword in self._keywords[-1] for gram in grams(keyword) if len(gram) == 2)
            )
            used = frozenset().union(*map(grams, (*phrasings, *self._keywords[-1], normalize(entry.answer))))
            self._used_words.append(frozenset(gram for gram in used if len(gram) == 2))
            asked: set[str] = set()
            for text in phrasings + self._keywords[-1]:
                asked |= grams(text)
            every_asked |= asked
            for gram in asked:
                postings[gram].append((number, 1.0))
            # The answer's two-character words only: its single characters are in most answers and would
            # lengthen every posting list for next to no telling power.
            for gram in grams(normalize(entry.answer)) - asked:
                if len(gram) == 2:
                    postings[gram].append((number, self.ANSWER_WEIGHT))
        count = len(entries)
        # A gram in a large share of entries tells them apart too little to be worth its posting list.
        common = {gram for gram, ids in postings.items() if len(ids) > self.COMMON_SHARE * count}
        self._idf = {
            gram: exact(math.log(1 + count / len(ids)) * (self.UNIGRAM_WEIGHT if len(gram) == 1 else 1.0))
            for gram, ids in postings.items()
            if gram not in common
        }
        self._common = frozenset(common)
        # the two-character words people ask the entries about (the commonest and question words aside)
        self._asked_words = frozenset(
            gram
            for gram in every_asked
            if len(gram) == 2 and gram not in common and not set(gram) <= self.asking_chars
        )
        self._unknown_idf = exact(0.5 * math.log(1 + count))  # an unseen word counts, less than a rare one
        # An entry's coverage is counted as one whole number that orders entries as the shortlist does: its
        # coverage in RESOLUTIONs above the bits of its rank among equal coverages (the lower entry number the
        # higher), negated so that an ascending sort puts the best first; a float, exact below 2**53 (checked below),
        # adds cheaper than an int. A query's numbers start from the ranks alone.
        self._rank_bits = count.bit_length()
        self._ranks_only = [float(number - (count - 1)) for number in range(count)]
        # Each posting list with its gram's idf (the question's total counts it) and its entries grouped by
        # their whole contribution (idf × weight, as the integer above): a query only subtracts a number from each
        # entry, without unpacking a pair per posting, and finds both in one look-up.
        self._postings: dict[str, tuple[float, list[tuple[float, list[int]]]]] = {}
        most = [0] * count  # what each entry gets from a question having all its grams
        # Each entry's "telling" grams: two-character words not made only of question words.
        self._telling: list[set[str]] = [set() for _ in entries]
        for gram, ids in postings.items():
            if gram in common:
                continue
            by_contribution: dict[float, list[int]] = defaultdict(list)
            for number, weight in ids:
                units = round(self._idf[gram] * weight / RESOLUTION)
                by_contribution[float(units << self._rank_bits)].append(number)
                most[number] += units
                if len(gram) == 2 and not set(gram) <= self.asking_chars:
                    self._telling[number].add(gram)
            self._postings[gram] = (self._idf[gram], list(by_contribution.items()))
        # Each entry's phrasings as their telling words with what each weighs (its idf), for how much of one a text
        # holds; a phrasing of fewer words (a title: "台账") is held by a word, not by a question asked.
        self._phrasing_words: list[list[dict[str, float]]] = [
            [
                words
                for words in (
                    {gram: self._idf[gram] for gram in grams(text) if gram in self._telling[number]}
                    for text in texts
                )
                if len(words) >= self.HELD_PHRASING_WORDS
            ]
            for number, texts in enumerate(self._phrasings)
        ]
        self._titles = [texts[-1] for texts in self._phrasings]
        # a word's likeliest meaning (normalised) as the numbers of the entries that give it
        self._meanings = {
            word: frozenset(self._numbers[entry_id] for entry_id in ids)
            for word, ids in (meanings or {}).items()
        }
        if max(most, default=0) << self._rank_bits >= 2**53:
            raise ValueError("FAQ entries too many or too long for the index's exact coverages")
        self._remember_searches()

    def _remember_searches(self) -> None:
        # One answer searches the same text twice: the follow-up's closest entries the message `decide` searched (34
        # of bench_qa's 1,608 texts), a second question's retry the clause searched before. Exact (the entries do not
        # change while the bot runs), and too few to keep one question's searches for another.
        self._searched = functools.lru_cache(maxsize=self.SEARCHES_REMEMBERED)(self._ranked)

    def __getstate__(self) -> dict[str, object]:
        """Pickled without the searches it remembers (knowledge.cache): a wrapper of a bound method, which pickle
        cannot store, made again as it is read."""
        return {name: value for name, value in self.__dict__.items() if name != "_searched"}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._remember_searches()

    def defining(self, query: str) -> frozenset[int]:
        """The entries that define the word whose meaning a question asks ("绩效引领性是啥意思", "短板是指啥"): of the
        longest part of the words before the asking that an entry's title names, nearest to the asking among equals,
        those whose titles say least besides it ("短板原则", not "原则七短板原则"). None where no meaning is asked."""
        if self._meaning_words.search(query, 2) is None:  # the words asking it, after two characters at least
            return frozenset()  # most questions
        asked = self._meaning_asked.search(query)
        if asked is None:
            return frozenset()
        before = asked.group(1)
        for length in range(len(before), 1, -1):
            for start in range(len(before) - length, -1, -1):
                term = before[start : start + length]
                if not self._names_a_rare_word(term):
                    continue
                lead = self._meanings.get(term)
                if lead:
                    return lead  # the meaning people most often have in mind (intents.yaml's lead)
                naming = [number for number, title in enumerate(self._titles) if term in title]
                if naming:
                    fewest = min(len(self._titles[number]) for number in naming)
                    return frozenset(number for number in naming if len(self._titles[number]) == fewest)
        return frozenset()

    def defines(self, entry: Entry, question: str) -> bool:
        """Whether the question asks the meaning of a word the entry defines (FaqIndex.defining)."""
        return self._numbers[entry.id] in self.defining(self._normalize(question))

    def _names_a_rare_word(self, term: str) -> bool:
        """Whether the term's words are few entries' (those in most or in no entry aside), at least one of them, and none
        a question word's."""
        rare = False
        for start in range(len(term) - 1):
            word = term[start : start + 2]
            if not set(word).isdisjoint(self.asking_chars):
                return False
            found = self._postings.get(word)
            if found is None:
                continue  # in most entries (评级), or in none: across two words (激励性评级's 性评)
            if sum(map(len, (numbers for _, numbers in found[1]))) > self.DEFINED_TERM_SHARE * len(
                self.entries
            ):
                return False
            rare = True
        return rare

    def _contrasted_words(self, text: str) -> frozenset[str]:
        """The contrasted things a text names, each by its first word."""
        return frozenset(self._contrasted_thing[word] for word in self._contrast_pattern.findall(text))

    def _by_group(self, things: frozenset[str]) -> dict[int, frozenset[str]]:
        """Contrasted things by the number of their group."""
        grouped: dict[int, set[str]] = defaultdict(set)
        for thing in things:
            grouped[self._contrast_group[thing]].add(thing)
        return {group: frozenset(members) for group, members in grouped.items()}

    def _names_another(self, named: dict[int, frozenset[str]], number: int) -> bool:
        """Whether the entry names things of a contrast group the question names (`named`, by group), but none of those
        it names."""
        about = self._contrasted[number]
        for group, asked in named.items():
            meant = about.get(group)
            if meant and asked.isdisjoint(meant):
                return True
        return False

    def asked_words(self, text: str) -> int:
        """How many two-character words of a text the entries' phrasings and keywords use: how much of what people
        ask about it says."""
        return len(self._asked_words.intersection(grams(self._normalize(text))))

    def shared_topic_words(self, entry: Entry, text: str) -> int:
        """How many telling words (not only question words) a text shares with an entry."""
        return len(self._telling[self._numbers[entry.id]] & grams(self._normalize(text)))

    def holds_a_phrasing(self, entry: Entry, text: str) -> bool:
        """Whether a text holds at least half of one of the entry's phrasings (its telling words, weighed by how few
        entries use them): the entry's own question asked inside more words ("环保局群里说有个技术规范叫1321，是啥")."""
        found = grams(self._normalize(text))
        return any(
            sum(weight for gram, weight in words.items() if gram in found) >= 0.5 * sum(words.values())
            for words in self._phrasing_words[self._numbers[entry.id]]
        )

    def evidence(self, entry: Entry, text: str) -> float:
        """How much the telling words a text shares with an entry tell, each weighed by how few entries use it (its
        idf): what a score, a share of the text and of the entry's phrasing, leaves out of a long message."""
        idf = self._idf
        return sum(
            idf[gram] for gram in self._telling[self._numbers[entry.id]] & grams(self._normalize(text))
        )

    def words_shared(self, entry: Entry, text: str) -> int:
        """How many separate words of a text the telling words it shares with an entry make: overlapping ones are one
        word ("危险废物" shares three, 危险, 险废, 废物), so that one rare word counts once."""
        query = self._normalize(text)
        telling = self._telling[self._numbers[entry.id]]
        words, last = 0, -2
        for start in range(len(query) - 1):
            if query[start : start + 2] in telling:
                words += start > last + 1
                last = start
        return words

    def names_unused(self, entry: Entry, other: Entry, question: str) -> bool:
        """Whether the question names a word of the entry's title (not only question words) that the other entry never
        uses ("小微是按排放量算还是按产量算": 小微 of "小微年排放量标准", which the baseline of cuts never says): what
        tells the two apart."""
        named = self._title_words[self._numbers[entry.id]] & grams(self._normalize(question))
        unused = named - self._used_words[self._numbers[other.id]]
        return any(not set(word) <= self.asking_chars for word in unused)

    def names_its_subject(self, entry: Entry, question: str) -> bool:
        """Whether the question names a word of the entry's title or keywords, not only question words: asks of what
        the entry is about."""
        number = self._numbers[entry.id]
        found = grams(self._normalize(question))
        named = (self._title_words[number] | self._keyword_words[number]) & found
        return any(not set(word) <= self.asking_chars for word in named)

    def mentions(self, entry: Entry, words: list[str]) -> bool:
        """Whether an entry's questions, keywords or answer use any of the words."""
        text = "".join((*entry.questions, *entry.keywords, entry.title, entry.answer))
        return any(word in text for word in words)

    def narrowed_unnamed(self, entry: Entry, question: str) -> list[str]:
        """The schemes or industries (水泥, 包装印刷) every phrasing of the entry names and the question does not, each
        by its first word."""
        query = self._normalize(question)
        narrowed_to = self._narrowed_to[self._numbers[entry.id]]
        return [words[0] for words in narrowed_to if not any(word in query for word in words)]

    def narrowings_unmentioned(self, entry: Entry, question: str) -> list[str]:
        """The schemes or industries the question names (三个禁用, 水泥) that the entry never mentions, each by its
        first word."""
        return [
            words[0]
            for words in self._narrowings
            if any(word in question for word in words) and not self.mentions(entry, list(words))
        ]

    def excluded_narrowings(self, question: str) -> frozenset[str]:
        """The narrowings' words the question names only to leave them out ("水泥厂以外的行业", "除了水泥")."""
        if self._leaving_out.search(question) is None:
            return frozenset()
        excluded = {found["before"] or found["after"] for found in self._excluded.finditer(question)}
        left = self._excluded.sub("", question)
        return frozenset(word for word in excluded if word not in left)

    def leaves_out(self, question: str) -> bool:
        """Whether the question holds a word that may leave something out (除了, 以外): most do not."""
        return self._leaving_out.search(question) is not None

    def without_left_out(self, question: str, words: Sequence[str]) -> str | None:
        """The question without the words it names only to leave them out, with the words that do ("水泥以外的行业要报吗"
        → "的行业要报吗", "除了铸造还有哪些行业要报" → "还有哪些行业要报"), when it names every one of `words` so; else
        None."""
        before, after = self._leaving_out_before, self._leaving_out_after
        if not (words and before and after):
            return None
        named = literal_alternation(words)
        left_out = re.compile(
            f"(?:{before})(?:{named})(?:.{{0,2}}?(?:{after}))?|(?:{named}).{{0,2}}?(?:{after})"
        )
        rest = left_out.sub("", question)
        return rest if rest != question and not any(word in rest for word in words) else None

    def narrowed_to_any(self, entry: Entry, words: frozenset[str]) -> bool:
        """Whether the entry is narrowed to a scheme or industry named by one of the words."""
        return bool(words) and any(
            not words.isdisjoint(narrowing) for narrowing in self._narrowed_to[self._numbers[entry.id]]
        )

    def search(self, question: str, limit: int = 3) -> list[Hit]:
        """The entries closest to a question, best first, at most `limit` of them."""
        return list(self._searched(question, limit))  # a list of its own: the one remembered is shared

    def _ranked(self, question: str, limit: int) -> tuple[Hit, ...]:
        query = self._normalize(question)
        every_gram = grams(query)
        query_grams = every_gram - self._common
        if not query_grams:
            return ()
        coverage = self._ranks_only.copy()  # by entry number: cheaper to add to than a dict
        defining = self.defining(query)
        total = 0.0  # what an entry having every gram would get
        for gram in query_grams:
            found = self._postings.get(gram)
            if found is None:
                total += self._unknown_idf
                continue
            idf, groups = found
            total += idf
            for contribution, numbers in groups:
                for number in numbers:
                    coverage[number] -= contribution
        # The shortlist: the best coverages, the lower entry number first among equals, none of them 0. A sort of
        # plain floats compares them in C without Python's comparison (list.sort's float path): about 3/5 of what a
        # heap's comparisons cost (heapify and eight pops), each number distinct by its rank bits.
        defined_coverage = {number: coverage[number] for number in defining}
        coverage.sort()
        rank_bits, last = self._rank_bits, len(coverage) - 1
        ranks = (1 << rank_bits) - 1
        shortlist: list[tuple[int, float]] = []  # (entry number, coverage)
        for key in coverage[: self.SHORTLIST]:
            counted = int(-key)  # whole: exact
            if counted <= ranks:
                break  # the rest share no gram with the question
            shortlist.append((last - (counted & ranks), (counted >> rank_bits) * RESOLUTION))
        # the entry defining a word asked of is scored even where more of the question's other words are elsewhere
        listed = {number for number, _ in shortlist}
        shortlist.extend(
            (number, (int(-defined_coverage[number]) >> rank_bits) * RESOLUTION)
            for number in sorted(defining - listed)
        )
        asked = grades(query)
        if len(asked) > 1:  # several grades named (rare): which of them the message asks about
            asked = grades_asked(
                query, (self._normalize(clause) for clause in CLAUSE_END.split(question) if clause)
            )
        named = self._by_group(self._contrasted_words(query))  # grouped once, not for each entry scored
        deadline_days = frozenset(self._deadline_day.findall(query))
        hour_named = self._hour.search(query) is not None
        scored = []
        # What each entry is scored by, bound once: eight entries look each up
        phrasings, heads, keywords = self._phrasings, self._keyword_heads, self._bonus_words
        entry_grades, narrowings, telling = self._grades, self._narrowed_to, self._telling
        # An entry sharing a word of the question's topic ranks before every one sharing only its question words
        # (below): where `limit` of the shortlist share one, the others cannot be returned and are not scored.
        specifics = [not telling[number].isdisjoint(query_grams) for number, _ in shortlist]
        every_one = sum(specifics) < limit
        for (number, covered), specific in zip(shortlist, specifics, strict=True):
            if not (specific or every_one):
                continue
            # The best phrasing of the entry, found by rapidfuzz in C.
            similarity = process.extractOne(query, phrasings[number], scorer=fuzz.ratio)[1]
            keyword = 0.0 if every_gram.isdisjoint(heads[number]) else _keyword_bonus(query, keywords[number])
            score = min(1.0, 0.55 * (covered / total) + 0.45 * (similarity / 100) + keyword)
            about = entry_grades[number]
            # "A级…" must not get the B-level answer for its wording, nor "A级跟B级差在哪" the answer about B and B-:
            # an entry naming grades the question does not, and not every grade it names, is about others
            if asked and about and not asked <= about and not about <= asked:
                score *= self.OTHER_GRADE_PENALTY
            if named and self._names_another(named, number):
                score *= self.CONTRASTED_PENALTY  # "清单模板…" is not the application list's (申请名单) form
            if deadline_days and self._days[number] and deadline_days.isdisjoint(self._days[number]):
                score *= self.OTHER_DAY_PENALTY  # "7月17号那个截止…" is not the branches' 18号 one
            if self._of_the_hour[number] and not hour_named:
                score *= self.UNASKED_HOUR_PENALTY  # "材料7月31号交?" asks the day, not the hour of it
            if defining and number not in defining:
                score *= (
                    self.DEFINED_ELSEWHERE_PENALTY
                )  # "绩效引领性是啥意思" is not asked of the grades' list
            narrowed_to = narrowings[number]
            if narrowed_to and not any(word in query for words in narrowed_to for word in words):
                score *= self.UNNAMED_NARROWING_PENALTY  # "评级第一步干啥" is not about the incentive grading
            scored.append((specific, score, number))
        # An entry sharing a word of the question's topic comes before one sharing only its question words
        # (会咋样, 可以不): "评个D级会咋样" is about D, not about whatever else "会怎么样" is asked of.
        # Stable: the shortlist's order among equals. Only the hits returned are made.
        scored.sort(key=_RANK, reverse=True)
        return tuple(Hit(self.entries[number], score, specific) for specific, score, number in scored[:limit])
