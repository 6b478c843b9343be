"""A short follow-up ("那C级呢", "具体几点", "那我们焦化呢") read together with the question asked before it.

Whether a message may be a follow-up is judged from the message alone and from its answer alone (how sure it
is, the industry it placed): handlers.qa.Answers says so with each answer, remembered with it. The readings
of a follow-up with the question before it are tried in order by handlers.qa, which keeps the first answered
surely.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from knowledge.answering import CONFIDENT
from knowledge.base import KnowledgeBase
from knowledge.faq import ASKING_CHARS

# Below this an answer alone may be a short message's guess; at or above it a question that names more than a
# grade, an industry or a time is taken as asked in full ("发哪个邮箱" is the mailboxes' entry at 0.84).
SURE_ALONE = 0.7
# A follow-up is short: one worded as going on ("那我们焦化呢") may be a few characters longer than a bare one.
SHAPED_MAX = 16
BARE_MAX = 10
# No follow-up is longer than this as typed, its punctuation, going-on and own words included.
LONGEST_TEXT = 32
# Words that start a message going on from the one before, longest first, as they are stripped; a final 呢.
LEAD_WORDS = ("那要是", "那如果", "那么", "要是", "还有", "另外", "那")
FINAL_WORD = "呢"
FINAL_WORD_MAX = 3
# 具体 asks for more of what was asked ("具体几点"): it makes a follow-up and stays in the reading.
GOING_ON_WORDS = ("具体",)
# The speaker's own words, which name nothing asked ("那我们焦化呢" names 焦化).
SELF_WORDS = ("我们的", "我们", "咱们", "俺们", "我家", "我")
# a message without any of these holds none of SELF_WORDS: one search in C, where a set's isdisjoint of the message
# made and hashed a string of each of its characters
SELF_CHAR = re.compile("[我咱俺]")
GRADE = re.compile(r"[ABCDabcd][+＋\-－]?\s*[级类]|绩效引领")
TIME_WORDS = re.compile(r"几点|几号|哪天|哪一天|什么时候|啥时候|多久|几天|几月|具体时间")
# What is left of a grade or an industry named alone ("C级的", "焦化厂", "铸造企业"): nothing asked of it.
NAMING_FILLERS = re.compile(r"[的厂类型行业企业公司这个那种呢吗啊呀]")
PUNCTUATION = re.compile(r"[\s，,。.！!？?、~～…]+")
# The part of a question before its question words is what it is about ("小微企业怎么认定" → 小微企业); 谁 asks too.
SUBJECT_END_CHARS = ASKING_CHARS | frozenset("谁")
SUBJECT_MIN = 2


def core(text: str) -> str:
    """The message without punctuation, its leading going-on word, the speaker's own words and a final 呢."""
    return _core(PUNCTUATION.sub("", text))


def shaped(text: str) -> bool:
    """Whether a message is worded as going on from another: a leading 那/还有/另外/具体…, or a final 呢 after a
    word or two ("逾期呢", "个体户呢"; a longer question ends so too: "咋才能进正面清单呢")."""
    bare = PUNCTUATION.sub("", text)
    return _shaped(bare, _core(bare))


def _core(bare: str) -> str:
    if bare.startswith(LEAD_WORDS):  # one call for most messages, which start with none
        lead = next(lead for lead in LEAD_WORDS if bare.startswith(lead))
        bare = bare[len(lead) :] if len(bare) > len(lead) else bare
    if SELF_CHAR.search(bare) is not None:
        for word in SELF_WORDS:
            bare = bare.replace(word, "")
    return bare[: -len(FINAL_WORD)] if bare.endswith(FINAL_WORD) and len(bare) > len(FINAL_WORD) else bare


def _shaped(bare: str, rest: str) -> bool:
    if bare.startswith(LEAD_WORDS) or bare.startswith(GOING_ON_WORDS):
        return True
    return bare.endswith(FINAL_WORD) and len(rest) <= FINAL_WORD_MAX


def names_only_a_slot(rest: str, industry_terms: Iterable[str] = ()) -> bool:
    """Whether a follow-up's core names only a grade, a time or an industry (by `industry_terms`, the words
    that placed it): "C级", "几点", "焦化厂". It asks what the question before asked, of that."""
    left = TIME_WORDS.sub("", GRADE.sub("", rest))
    for word in (*GOING_ON_WORDS, *sorted(industry_terms, key=len, reverse=True)):
        left = left.replace(word, "")
    return len(left) < len(rest) and not NAMING_FILLERS.sub("", left)


def may_follow_up(text: str, sure: float | None, industry_terms: Iterable[str] = ()) -> bool:
    """Whether a message may go on from the question before it, judged from the message and its answer alone:
    `sure` is how sure that answer is (the best entry's score, 1 for a verdict, 0 for "not sure", None for no
    question at all: small talk, an empty message, a refusal), `industry_terms` the words that placed the one
    industry it names, if it does. One that names only a grade, a time or an industry may; one worded as going
    on may unless answered surely alone. A short question worded as a whole one never is, however unsure its
    answer: read with an unrelated question before it, most were given that question's answer ("门禁必须装吗"
    after "B级企业预警期间要停产吗" got the B-level measures).
    """
    if sure is None or len(text) > LONGEST_TEXT:
        return False  # most questions, spared the rest
    bare = PUNCTUATION.sub("", text)
    rest = _core(bare)
    going_on = _shaped(bare, rest)
    if not rest or len(rest) > (SHAPED_MAX if going_on else BARE_MAX):
        return False
    if going_on:
        return sure < SURE_ALONE or names_only_a_slot(rest, industry_terms)
    # a grade or an industry said alone takes the place of the one asked before; a time alone ("几号?") asks the
    # likeliest deadline (intents.yaml) as often as the time of what was asked before
    if not industry_terms and GRADE.search(rest) is None:
        return False  # most short questions name neither
    return not TIME_WORDS.search(rest) and names_only_a_slot(rest, industry_terms)


def readings(kb: KnowledgeBase, previous: str, text: str) -> list[str]:
    """The follow-up `text` read with the question before it, likeliest first. A grade or an industry named
    alone takes the place of the one asked before ("B级企业预警期间要停产吗" + "那C级呢" → "C级企业预警期间要停产吗"),
    or, worded as going on, goes before a question that named none ("预警期间要停产吗" + "那B级呢"); anything else is
    asked of what the question was about ("小微企业怎么认定" + "那要交啥证明呢" → "小微企业要交啥证明"), and a thing named
    alone is asked what the question asked ("申请名单什么时候截止" + "还有材料呢" → "材料什么时候截止")."""
    rest = core(text)
    grade = GRADE.search(rest)
    if grade is not None:
        before = GRADE.search(previous)
        if before is not None:
            return [previous[: before.start()] + grade.group() + previous[before.end() :]]
        return [rest + previous] if shaped(text) else []
    named = _industry_named(kb, rest)
    if named and not TIME_WORDS.search(rest) and names_only_a_slot(rest, named):
        asked_of = sorted(kb.catalogue.read(previous).match.terms, key=len, reverse=True)
        term = next((term for term in asked_of if term in previous), None)
        if term is not None:
            return [previous.replace(term, max(named, key=len), 1)]
        return [rest + previous] if shaped(text) else []
    subject = _subject(previous)
    if len(subject) < SUBJECT_MIN or rest.startswith(subject):
        return []
    if SUBJECT_END_CHARS.isdisjoint(rest):  # "还有材料呢" names another thing to ask the same of
        return [rest + _subject_asked(previous)]
    return [subject + rest]


def read_with(kb: KnowledgeBase, previous: str, text: str, sure: Callable[[str], float | None]) -> str | None:
    """The first reading of the follow-up `text` with the question before it whose answer is sure (`sure` says
    how sure a text's answer is), None if none is."""
    for reading in readings(kb, previous, text):
        read = sure(reading)
        if read is not None and read >= CONFIDENT:
            return reading
    return None


def _industry_named(kb: KnowledgeBase, rest: str) -> list[str]:
    """The words that place the one industry a text names, if it names one."""
    match = kb.catalogue.read(rest).match
    return list(match.terms) if match.verdict == "one" else []


def _subject(question: str) -> str:
    """What a question is about: its words before the first question word ("小微企业怎么认定" → 小微企业)."""
    bare = _without_self(question)
    return bare[: _subject_end(bare)]


def _subject_asked(question: str) -> str:
    """What a question asks of what it is about: its words from the first question word ("怎么认定")."""
    bare = _without_self(question)
    return bare[_subject_end(bare) :]


def _without_self(question: str) -> str:
    bare = PUNCTUATION.sub("", question)
    for word in SELF_WORDS:
        bare = bare.replace(word, "")
    return bare


def _subject_end(bare: str) -> int:
    return next((at for at, char in enumerate(bare) if char in SUBJECT_END_CHARS), len(bare))
