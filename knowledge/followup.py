"""A short follow-up ("那C级呢", "具体几点", "那我们焦化呢", "要交啥证明") read together with the question asked before it.

Whether a message may be a follow-up is judged from the message alone and from its answer alone (how sure it
is, the industry it placed): handlers.qa.Answers says so with each answer, remembered with it. The readings
of a follow-up with the question before it are tried in order by handlers.qa, which keeps the first answered
surely.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Container, Iterable
from dataclasses import dataclass
from typing import Literal

from knowledge.answering import CONFIDENT, UNSURE_TOPICS
from knowledge.base import FollowUpWords, KnowledgeBase
from knowledge.faq import Entry, FaqIndex
from knowledge.textnorm import CLAUSE_END

# How a message may go on from the question before: worded as going on or naming only a grade, an industry or a
# county ("那C级呢", "焦化厂"), or a bare short question unsure alone ("要交啥证明"), read so only within what was asked.
FollowUp = Literal["going_on", "bare"]
# Below this an answer alone may be a short message's guess; at or above it a question that names more than a
# grade, an industry or a time is taken as asked in full ("发哪个邮箱" is the mailboxes' entry at 0.84).
SURE_ALONE = 0.7
# A follow-up is short: one worded as going on ("那我们焦化呢") may be a few characters longer than a bare one.
SHAPED_MAX = 16
BARE_MAX = 10
# A bare question that may ask of the question before is shorter still: longer ones name their own subject
# ("市局谁负责这个事", "查出来有违法还能评吗").
BARE_QUESTION_MAX = 6
# No follow-up is longer than this as typed, its punctuation, going-on and own words included.
LONGEST_TEXT = 32
# The words of a follow-up (leads, acknowledgements, the final 呢, times …) are smalltalk.yaml's `follow_up`
# (FollowUpWords): a message ending in its final word goes on however long only after a word or two.
FINAL_WORD_MAX = 3
# 引领性 (标杆) is the guide's grade beside A to D: "那引领性呢" after a C-level question asks it of the leading ones
GRADE = re.compile(r"[ABCDabcd][+＋\-－]?\s*[级类]|绩效引领|引领性(?:标杆)?")
# A warning level ("红色预警", "橙色"): named alone it takes the place of the level asked before, as a grade does;
# its colour is what is replaced ("水泥B级红色预警停不停" + "那橙色呢" → "水泥B级橙色预警停不停").
WARNING_LEVEL = re.compile(r"[红橙黄蓝]色(?:预警)?")
# A grade or a warning level: what a follow-up naming only it asks of the question before.
SLOTS = (GRADE, WARNING_LEVEL)
PUNCTUATION = re.compile(r"[\s，,。.！!？?、~～…]+")
SUBJECT_MIN = 2


def core(words: FollowUpWords, text: str) -> str:
    """The message without punctuation, acknowledgements it opens with, its leading going-on word, the speaker's
    own words and a final 呢."""
    return _core(words, _bare(words, text))


def shaped(words: FollowUpWords, text: str) -> bool:
    """Whether a message is worded as going on from another: a leading 那/还有/另外/具体…, or a final 呢 after a
    word or two ("逾期呢", "个体户呢"; a longer question ends so too: "咋才能进正面清单呢")."""
    bare = _bare(words, text)
    return _shaped(words, bare, _core(words, bare))


def _bare(words: FollowUpWords, text: str) -> str:
    """The message without punctuation and the acknowledgements it opens with, where something follows them."""
    bare = PUNCTUATION.sub("", text)
    # one test in C first: most messages open with none, and case is folded once, not once a word tried
    while (
        (lowered := bare.lower()).startswith(words.acknowledgements)
        and (said := next(word for word in words.acknowledgements if lowered.startswith(word)))
        and len(bare) > len(said)
    ):
        bare = bare[len(said) :]
    return bare


def _led(words: FollowUpWords, bare: str) -> bool:
    return bare.startswith(words.leads) and not bare.startswith(words.not_leads)


def _core(words: FollowUpWords, bare: str) -> str:
    if _led(words, bare):  # one call for most messages, which start with none
        lead = next(lead for lead in words.leads if bare.startswith(lead))
        bare = bare[len(lead) :] if len(bare) > len(lead) else bare
    if words.self_chars.search(bare) is not None:
        for word in words.self_words:
            bare = bare.replace(word, "")
    final = words.final_word
    return bare[: -len(final)] if bare.endswith(final) and len(bare) > len(final) else bare


def _shaped(words: FollowUpWords, bare: str, rest: str) -> bool:
    if _led(words, bare) or bare.startswith(words.going_on):
        return True
    # however long, a final 呢 after a grade, a level or a time alone goes on ("我们报C级的呢")
    return bare.endswith(words.final_word) and (len(rest) <= FINAL_WORD_MAX or names_only_a_slot(words, rest))


def names_only_a_slot(words: FollowUpWords, rest: str, industry_terms: Iterable[str] = ()) -> bool:
    """Whether a follow-up's core names only a grade, a warning level, a time or an industry (by `industry_terms`,
    the words that placed it): "C级", "橙色预警", "几点", "焦化厂". It asks what the question before asked, of that."""
    left = words.time_asked.sub("", WARNING_LEVEL.sub("", GRADE.sub("", rest)))
    for word in (*words.going_on, *sorted(industry_terms, key=len, reverse=True)):
        left = left.replace(word, "")
    return len(left) < len(rest) and not words.naming_fillers.sub("", left)


def may_follow_up(
    words: FollowUpWords,
    text: str,
    sure: float | None,
    industry_terms: Iterable[str] = (),
    asks: Callable[[str], bool] = bool,
    county_names: Container[str] = (),
) -> FollowUp | None:
    """Whether a message may go on from the question before it, judged from the message and its answer alone:
    `sure` is how sure that answer is (the best entry's score, 1 for a verdict, 0 for "not sure", None for no
    question at all: small talk, an empty message, a refusal), `industry_terms` the words that placed the one
    industry it names, if it does, `words` the follow-ups' words (smalltalk.yaml), `asks` whether a text asks something and `county_names` the counties' names
    and aliases, one of which a follow-up may name alone ("那我们平山呢"). One
    that names only a grade, a time, an industry or a county goes on ("going_on"), and so does one worded as going
    on unless answered surely alone; a short bare question answered below SURE_ALONE alone ("要交啥证明" finds a
    Pingshan procedure at 0.62, "几点" nothing) may ("bare"), its reading taken only where it asks of the same thing
    (read_with): read with an unrelated question before it, most such questions were given that question's answer
    ("门禁必须装吗" after "B级企业预警期间要停产吗" got the B-level measures).
    """
    if sure is None or len(text) > LONGEST_TEXT:
        return None  # most questions, spared the rest
    bare = _bare(words, text)
    rest = _core(words, bare)
    going_on = _shaped(words, bare, rest)
    if not rest or len(rest) > (SHAPED_MAX if going_on else BARE_MAX):
        return None
    if (
        not industry_terms and rest in county_names
    ):  # a county takes the place of the one asked, as an industry
        industry_terms = (rest,)
    if going_on:
        if sure < SURE_ALONE or names_only_a_slot(words, rest, industry_terms):
            return "going_on"
        # answered surely alone, a thing named in a word or two ("联系人呢": the notice's contacts) may still be the
        # subject's, as a bare question may ("包容性执法适用哪些企业" + "联系人呢": its contact)
        return "bare" if len(rest) <= BARE_QUESTION_MAX and asks(bare) else None
    # a grade, a warning level or an industry said alone takes the place of the one asked before
    if industry_terms or _slot_named(rest) is not None:
        named_alone = not words.time_asked.search(rest) and names_only_a_slot(words, rest, industry_terms)
        return "going_on" if named_alone else None
    # a short bare question, however surely answered alone: "模板在哪下载" alone is the application list's form at 0.99,
    # after "申报材料要哪些" the materials' template (read_with keeps its own answer unless the reading asks of the
    # question before's subject); a time alone answered surely ("几号?": the likeliest deadline, intents.yaml) is not
    if words.time_asked.fullmatch(rest) and sure >= SURE_ALONE:
        return None
    return "bare" if len(rest) <= BARE_QUESTION_MAX and asks(rest) else None


def readings(kb: KnowledgeBase, previous: str, text: str) -> list[str]:
    """The follow-up `text` read with the question before it, likeliest first. A grade or an industry named
    alone takes the place of the one asked before ("B级企业预警期间要停产吗" + "那C级呢" → "C级企业预警期间要停产吗"),
    or, worded as going on, goes before a question that named none ("预警期间要停产吗" + "那B级呢"); anything else is
    asked of what the question was about ("小微企业怎么认定" + "那要交啥证明呢" → "小微企业要交啥证明"), and a thing named
    alone is asked what the question asked ("申请名单什么时候截止" + "还有材料呢" → "材料什么时候截止")."""
    words = kb.follow_up_words
    rest = core(words, text)
    asked_times = words.time_asked.search(previous)
    if asked_times is not None and words.time_asked.fullmatch(
        rest
    ):  # "名单几号截止" + "几点" → "名单几点截止"
        return [previous[: asked_times.start()] + rest + previous[asked_times.end() :]]
    county = _county_named(kb, rest)
    if county is not None:  # "平山县有哪些扶持政策" + "那鹿泉呢" → "鹿泉有哪些扶持政策"
        county_before = _county_named_in(kb, previous)
        if county_before is not None:
            return [previous.replace(county_before, county, 1)]
        return [county + previous] if shaped(words, text) else []
    named_slot = _slot_named(rest)
    if named_slot is not None:
        slot, said = named_slot
        before = slot.search(previous)
        if before is not None:
            if slot is WARNING_LEVEL:  # its colour only: "红色预警" + "那橙色呢" → "橙色预警"
                return [previous[: before.start()] + said.group()[0] + previous[before.start() + 1 :]]
            return [previous[: before.start()] + said.group() + previous[before.end() :]]
        # the grade or level itself, without what only named it ("我们报C级的呢" → "C级谁要建移动源管理系统")
        named_alone = (
            said.group() if not words.time_asked.search(rest) and names_only_a_slot(words, rest) else rest
        )
        return [named_alone + previous] if shaped(words, text) else []
    named = _industry_named(kb, rest)
    if named and not words.time_asked.search(rest) and names_only_a_slot(words, rest, named):
        asked_of = sorted(kb.catalogue.read(previous).match.terms, key=len, reverse=True)
        term = next((term for term in asked_of if term in previous), None)
        if term is not None:
            return [previous.replace(term, max(named, key=len), 1)]
        return [rest + previous] if shaped(words, text) else []
    subject = _subject(kb, previous)
    if len(subject) < SUBJECT_MIN or rest.startswith(subject):
        return []
    if kb.subject_end_chars.isdisjoint(rest):  # "还有材料呢" names another thing to ask the same of
        asked = rest + _subject_asked(kb, previous)
        # of the industry the question named, first ("铸造行业污染治理有啥要求" + "装备呢" → "铸造装备有啥要求"); then
        # the subject's own ("包容性执法适用哪些企业" + "联系人呢" → "包容性执法联系人")
        industry = _industry_named_in(kb, previous)
        own = subject_joined(subject, rest)
        return [industry + asked, asked, own] if industry and industry not in rest else [asked, own]
    return [subject_joined(subject, rest)]


def read_with(
    kb: KnowledgeBase,
    previous: str,
    text: str,
    follows: FollowUp,
    closest: Collection[str],
    sure: Callable[[str], float | None],
    answered_by: Callable[[str], str | None],
) -> str | None:
    """The first reading of the follow-up `text` with the question before it whose answer is sure (`sure` says
    how sure a text's answer is) and, for a bare one, asks of the same thing, None if none does. A bare follow-up
    (`follows`, as may_follow_up judged it), neither worded as going on nor naming a grade, a warning level, an
    industry or a county ("要交啥证明", "几点"), is read so only where that asks of the same thing (_AskedBefore.of_the_same,
    or _AskedBefore.how_of_the_same for one naming nothing of its own: `closest` its own closest entries, closest_entries,
    and `answered_by` saying which entry answers a text)."""
    before = kb.entries.get(answered_by(previous) or "")
    # the question before's own closest entries: what it is about beyond its best entry's topic, where it was
    # answered surely and asked one thing ("通知是市局发的呗" at 0.67 says little of what the conversation is about)
    about = (
        closest_entries(kb, previous)
        if follows == "bare" and (sure(previous) or 0.0) >= SURE_ALONE and _asks_one_thing(kb, previous)
        else ()
    )
    if follows == "bare" and not _may_ask_of(kb, closest, before, about):
        return None  # spared reading it: no reading could ask of the same thing
    asked = _AskedBefore(kb, before, about, text, closest, sure, answered_by)
    for reading in readings(kb, previous, text):
        read = sure(reading)
        if read is not None and read >= CONFIDENT:
            if follows == "going_on":
                return None if asked.elsewhere(reading) else reading
            if asked.of_the_same(reading):
                return reading
            if (
                about
                and not kb.names_its_own_subject(core(kb.follow_up_words, text))
                and asked.how_of_the_same(reading)
            ):
                return reading
    return None


def closest_entries(kb: KnowledgeBase, text: str) -> tuple[str, ...]:
    """A bare follow-up's own closest entries (ids): found with its answer and remembered with it, so that the
    follow-up said again costs no search (read_with). One naming nothing of its own ("找谁", "到什么时候") is as
    close to every topic's entry of what it asks (eight contacts, eight dates): beyond its three closest, every
    entry of the shortlist it is answered by surely enough to be an answer."""
    if kb.names_its_own_subject(core(kb.follow_up_words, text)):
        return tuple(hit.entry.id for hit in kb.faq.search(text, limit=UNSURE_TOPICS))
    hits = kb.faq.search(text, limit=FaqIndex.SHORTLIST)
    return tuple(hit.entry.id for at, hit in enumerate(hits) if at < UNSURE_TOPICS or hit.score >= CONFIDENT)


def _may_ask_of(
    kb: KnowledgeBase, closest: Collection[str], before: Entry | None, about: Collection[str]
) -> bool:
    """Whether a bare follow-up's own closest entries hold one of the topic of `before`, the entry that answered
    the question before, or one of `about`, that question's own closest entries: a reading asks of the same thing
    only if answered by one of them (_AskedBefore.of_the_same)."""
    return before is not None and any(
        kb.entries[entry].topic == before.topic or entry in about for entry in closest
    )


def _of_the_question(entry: Entry, before: Entry, about: Collection[str]) -> bool:
    """Whether an entry answers what the question before asked of: the topic of `before`, the entry that answered
    it, or one of `about`, that question's own closest entries ("申报材料要哪些": the materials' template)."""
    return entry.topic == before.topic or entry.id in about


@dataclass(frozen=True)
class _AskedBefore:
    """A follow-up (`text`) and what the question before it asked, against which each of its readings is weighed:
    `before` the entry that answered that question, `about` that question's own closest entries (where it said what
    the conversation is about), `closest` the follow-up's own, `sure` how sure a text's answer is and `answered_by`
    which entry answers a text."""

    kb: KnowledgeBase
    before: Entry | None
    about: Collection[str]
    text: str
    closest: Collection[str]
    sure: Callable[[str], float | None]
    answered_by: Callable[[str], str | None]

    def elsewhere(self, reading: str) -> bool:
        """Whether a follow-up worded as going on asks of something the question before did not: its reading is
        answered by the very entry that answered that question, while the follow-up alone is answered by one far from
        it, of another topic and not among the reading's closest ("A级企业重污染天气要停产吗" + "那要是我们没装门禁呢": the gate
        system's entry, not the A-level measures again)."""
        kb, before, text = self.kb, self.before, self.text
        now = self.answered_by(reading)
        if before is None or now != before.id:
            return False
        rest = core(kb.follow_up_words, text)
        if _county_named(kb, rest) is not None or names_only_a_slot(
            kb.follow_up_words, rest, _industry_named(kb, rest)
        ):
            return False  # what was asked, of another grade, level, time, industry or county ("那橙色呢")
        alone = kb.entries.get(self.answered_by(text) or "")
        if alone is None or (self.sure(text) or 0.0) < CONFIDENT:
            return False
        return not _of_the_question(alone, before, closest_entries(kb, reading))

    def of_the_same(self, reading: str) -> bool:
        """Whether a bare follow-up's reading asks of what the question before asked: answered more surely than the
        follow-up alone, by an entry of the topic of the one answering the question before, which is among the
        follow-up's own closest entries and which the follow-up alone did not find within that topic ("要交啥证明"
        alone finds a Pingshan procedure at 0.62; after "小微企业怎么认定" the small enterprises' proof, its second).
        Read so after an unrelated question, most bare questions were given that question's answer: these together
        keep every development question asked after another (tests/test_followup.py) to its own answer."""
        kb, before, about, text, closest = self.kb, self.before, self.about, self.text, self.closest
        now = kb.entries.get(self.answered_by(reading) or "")
        if before is None or now is None or now.id not in closest:
            return False
        alone = kb.entries.get(self.answered_by(text) or "")
        if alone is not None and _of_the_question(alone, before, about):
            return False  # answered alone within what was asked
        # answered surely alone, and read with it only the question before again ("附件5在哪下" + "指南去哪下载")
        if now == before and (self.sure(text) or 0.0) >= SURE_ALONE:
            return False
        if now.topic == before.topic:
            # as surely as alone, or surely after a question that says what the conversation is about (`about`): "联系人呢"
            # alone is the notice's contacts, after "包容性执法适用哪些企业" that enforcement's contact
            read = self.sure(reading) or 0.0
            return read >= (self.sure(text) or 0.0) or (bool(about) and read >= SURE_ALONE)
        # answered surely alone far from the question before, surely read with it by an entry that question found close
        # ("模板在哪下载": the application list's form at 0.99 alone, the materials' template read with "申报材料要哪些")
        return (
            now.id in about
            and alone is not None
            and min(self.sure(text) or 0.0, self.sure(reading) or 0.0) >= SURE_ALONE
        )

    def how_of_the_same(self, reading: str) -> bool:
        """Whether a bare follow-up naming nothing of its own before its question words ("找谁", "在哪交", "到什么时候") is
        answered by its reading within what the question before (saying what the conversation is about) asked: by an
        entry of that question's topic or closest, other than the one that answered it, which the follow-up alone finds
        close (closest_entries: "包容性执法找谁" is the inclusive enforcement's contact, among the eight contacts "找谁"
        finds), surely or more surely than the follow-up alone, whose own answer is of another topic (the notice's
        contacts) or less sure."""
        kb, before, about, text, closest = self.kb, self.before, self.about, self.text, self.closest
        now = kb.entries.get(self.answered_by(reading) or "")
        alone = kb.entries.get(self.answered_by(text) or "")
        # the entry that answered the question before, again, adds nothing ("河北那个八行业指南有原文没" + "多少个行业")
        if before is None or now is None or now == before or now.id not in closest:
            return False
        read, said_alone = self.sure(reading) or 0.0, self.sure(text) or 0.0
        if alone is not None and _of_the_question(alone, before, about) and said_alone >= read:
            return False  # answered alone within what was asked, as surely
        return _of_the_question(now, before, about) and (read >= SURE_ALONE or read > said_alone)


def _asks_one_thing(kb: KnowledgeBase, question: str) -> bool:
    """Whether a question says what a conversation is about: one clause, naming what it asks of before its question
    words ("包容性执法怎么办理"). One of two clauses ("平山分局各项政策找谁 电话都发下") or of none ("名单?") does not."""
    asked = PUNCTUATION.sub("", question)
    return CLAUSE_END.search(question.strip(" ，,。.！!？?~～…")) is None and _subject_end(kb, asked) < len(
        asked
    )


def _county_named(kb: KnowledgeBase, rest: str) -> str | None:
    """The county's name a follow-up's core is ("鹿泉", "平山县"), if it is one exactly."""
    return rest if kb.counties.names_and_aliases.get(rest) is not None else None


def _county_named_in(kb: KnowledgeBase, question: str) -> str | None:
    """The first county's name a question holds, the longest at a place (平山县 before 平山)."""
    names = sorted(kb.counties.names_and_aliases, key=len, reverse=True)
    found = [(question.find(name), name) for name in names if name in question]
    return min(found, key=lambda at: (at[0], -len(at[1])))[1] if found else None


def _slot_named(rest: str) -> tuple[re.Pattern[str], re.Match[str]] | None:
    """The first of SLOTS a follow-up's core names, with what it names."""
    for slot in SLOTS:
        found = slot.search(rest)
        if found is not None:
            return slot, found
    return None


def _industry_named_in(kb: KnowledgeBase, question: str) -> str | None:
    """The longest word of a question placing the one industry it names, if it names one."""
    return max((term for term in _industry_named(kb, question) if term in question), key=len, default=None)


def _industry_named(kb: KnowledgeBase, rest: str) -> list[str]:
    """The words that place the one industry a text names, if it names one."""
    match = kb.catalogue.read(rest).match
    return list(match.terms) if match.verdict == "one" else []


def subject_joined(subject: str, rest: str) -> str:
    """The subject and what the follow-up asks of it, a verb both say written once ("材料交" + "交到哪" → 材料交到哪)."""
    overlap = next(
        (size for size in range(min(len(subject), len(rest)), 0, -1) if subject.endswith(rest[:size])), 0
    )
    return subject + rest[overlap:]


def _subject(kb: KnowledgeBase, question: str) -> str:
    """What a question is about: its words before the first question word ("小微企业怎么认定" → 小微企业)."""
    bare = _without_self(kb.follow_up_words, question)
    return bare[: _subject_end(kb, bare)]


def _subject_asked(kb: KnowledgeBase, question: str) -> str:
    """What a question asks of what it is about: its words from the first question word ("怎么认定")."""
    bare = _without_self(kb.follow_up_words, question)
    return bare[_subject_end(kb, bare) :]


def _without_self(words: FollowUpWords, question: str) -> str:
    bare = PUNCTUATION.sub("", question)
    for word in words.self_words:
        bare = bare.replace(word, "")
    return bare


def _subject_end(kb: KnowledgeBase, bare: str) -> int:
    ends, naming_words = kb.subject_end_chars, kb.follow_up_words.naming_words
    return next(
        (
            at
            for at, char in enumerate(bare)
            if char in ends and not (at and bare[at - 1 : at + 1] in naming_words)
        ),
        len(bare),
    )
