"""A short follow-up ("那C级呢", "具体几点", "那我们焦化呢") read together with the question asked before it.

Pure text work on the knowledge: whether a message may be a follow-up, judged from the message alone and from
how sure its answer alone is, and the readings of it with the question before (handlers.qa tries them in
order and keeps the first answered surely).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from knowledge.answering import CONFIDENT
from knowledge.base import KnowledgeBase
from knowledge.faq import ASKING_CHARS

# Below this an answer alone may be a short message's guess; at or above it a question that names more than a
# grade, an industry or a time is taken as asked in full ("发哪个邮箱" is the mailboxes' entry at 0.84).
SURE_ALONE = 0.7
# A follow-up is short: words that go on ("那我们焦化呢") allow a few characters more than a bare fragment.
SHAPED_MAX = 16
BARE_MAX = 10
# Words that start or end a message going on from the one before; longest first, as they are stripped.
LEADS = ("那要是", "那如果", "那么", "要是", "还有", "另外", "那")
TRAIL = "呢"
# 具体 asks for more of what was asked ("具体几点"): it makes a follow-up and stays in the reading.
GOING_ON = ("具体",)
# The speaker's own words, which name nothing asked ("那我们焦化呢" names 焦化).
SELF_WORDS = ("我们的", "我们", "咱们", "俺们", "我家", "我")
GRADE = re.compile(r"[ABCDabcd][+＋\-－]?\s*[级类]|绩效引领")
TIME_WORDS = re.compile(r"几点|几号|哪天|哪一天|什么时候|啥时候|多久|几天|几月|具体时间")
# What is left of a grade or an industry named alone ("C级的", "焦化厂", "铸造企业"): nothing asked of it.
NAMING_FILLERS = re.compile(r"[的厂类型行业企业公司这个那种呢吗啊呀]")
PUNCTUATION = re.compile(r"[\s，,。.！!？?、~～…]+")
# The part of a question before its question words is what it is about ("小微企业怎么认定" → 小微企业); 谁 asks too.
SUBJECT_ENDS = ASKING_CHARS | frozenset("谁")
SUBJECT_MIN = 2


def core(text: str) -> str:
    """The message without punctuation, its leading going-on word, the speaker's own words and a final 呢."""
    bare = PUNCTUATION.sub("", text)
    for lead in LEADS:
        if bare.startswith(lead) and len(bare) > len(lead):
            bare = bare[len(lead) :]
            break
    for word in SELF_WORDS:
        bare = bare.replace(word, "")
    return bare[: -len(TRAIL)] if bare.endswith(TRAIL) and len(bare) > len(TRAIL) else bare


def shaped(text: str) -> bool:
    """Whether a message is worded as going on from another: a leading 那/还有/另外/具体…, or a final 呢."""
    bare = PUNCTUATION.sub("", text)
    return bare.endswith(TRAIL) or bare.startswith(LEADS) or bare.startswith(GOING_ON)


def names_only_a_slot(kb: KnowledgeBase, rest: str) -> bool:
    """Whether a follow-up's core names only a grade, a time or an industry ("C级", "几点", "焦化"): it asks
    what the question before asked, of that."""
    left = GRADE.sub("", rest)
    left = TIME_WORDS.sub("", left)
    for word in GOING_ON:
        left = left.replace(word, "")
    if len(left) < len(rest) and not NAMING_FILLERS.sub("", left):
        return True
    match = kb.catalogue.read(rest).match
    if match.verdict != "one":
        return False
    for term in sorted(match.terms, key=len, reverse=True):
        left = left.replace(term, "")
    return not NAMING_FILLERS.sub("", left)


def may_follow_up(kb: KnowledgeBase, text: str, sure: float | None) -> bool:
    """Whether a message may go on from the question before it, from the message alone and how sure its answer
    alone is (`sure`: the best entry's score, 1 for a verdict, 0 for "not sure", None for no question at all:
    small talk, an empty message, a refusal). A full question answered surely alone never is."""
    if sure is None:
        return False
    rest = core(text)
    if not rest or len(rest) > (SHAPED_MAX if shaped(text) else BARE_MAX):
        return False
    if names_only_a_slot(kb, rest):
        return True
    return sure < SURE_ALONE


def readings(kb: KnowledgeBase, previous: str, text: str) -> list[str]:
    """The follow-up `text` read with the question before it, likeliest first. A grade or an industry named
    alone takes the place of the one asked before ("B级企业预警期间要停产吗" + "那C级呢" → "C级企业预警期间要停产吗"),
    or goes before a question that named none; anything else is asked of what the question was about
    ("小微企业怎么认定" + "要交啥证明" → "小微企业要交啥证明"), then said after the whole question."""
    rest = core(text)
    grade = GRADE.search(rest)
    if grade is not None:
        before = GRADE.search(previous)
        if before is None:
            return [rest + previous]
        return [previous[: before.start()] + grade.group() + previous[before.end() :]]
    if not TIME_WORDS.search(rest) and names_only_a_slot(kb, rest):
        named = kb.catalogue.read(rest).match.terms
        asked_of = sorted(kb.catalogue.read(previous).match.terms, key=len, reverse=True)
        term = next((term for term in asked_of if term in previous), None)
        return [previous.replace(term, max(named, key=len, default=rest), 1) if term else rest + previous]
    subject = _subject(previous)
    found = [subject + rest] if len(subject) >= SUBJECT_MIN and not rest.startswith(subject) else []
    return [*found, f"{previous}，{rest}"]


def read_with(
    kb: KnowledgeBase, previous: str, text: str, alone: float, sure: Callable[[str], float | None]
) -> str | None:
    """The first reading of the follow-up `text` with the question before it whose answer is sure (`sure` says
    how sure a text's answer is), None if none is. A message not worded as a follow-up (a bare "要交啥证明")
    must be answered surer so than alone (`alone`): most short messages mean what they say."""
    going_on = shaped(text) or names_only_a_slot(kb, core(text))
    for reading in readings(kb, previous, text):
        read = sure(reading)
        if read is not None and read >= CONFIDENT and (going_on or read > alone):
            return reading
    return None


def _subject(question: str) -> str:
    """What a question is about: its words before the first question word ("小微企业怎么认定" → 小微企业)."""
    bare = PUNCTUATION.sub("", question)
    end = next((at for at, char in enumerate(bare) if char in SUBJECT_ENDS), len(bare))
    return bare[:end]
