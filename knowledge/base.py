"""Loading knowledge/data/*.yaml into a validated, indexed KnowledgeBase (once, at start-up)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, Field
from rapidfuzz import fuzz, process

from knowledge import cache as stored
from knowledge.catalogue import (
    Catalogue,
    CatalogueFile,
    CuesFile,
    OutsideFile,
    Reading,
    RealWordsFile,
    fold,
    folded_pieces,
)
from knowledge.citations import REPOSITORY_ROOT, articles, citation_problems, clauses_cited, figure_problems
from knowledge.commands import FILE as COMMANDS_FILE
from knowledge.commands import CommandEntry, CommandsFile, command_problems, intent_overlaps, unknown_slashed
from knowledge.faq import (
    Entry,
    FaqFile,
    FaqIndex,
    FigureAsked,
    Intent,
    IntentFile,
    SynonymFile,
)
from knowledge.figures import STATED_NUMERAL, read_figures
from knowledge.flows import Flow, FlowMessages, flow_sources
from knowledge.models import Source, SourceRef, Strict
from knowledge.others_data import OthersDataCues
from knowledge.pinyin import SoundIndex, near_sound, sound
from knowledge.textnorm import (
    CJK_RUN,
    CLAUSE_END,
    DAY_OF_MONTH,
    QUOTED,
    ClauseEnds,
    Normalizer,
    asked_after_forwarded,
    days_named,
    keywords_joined,
    literal_alternation,
)
from knowledge.wording import Wording

M = TypeVar("M", bound=BaseModel)

CATALOGUE_SIZE = 47
FLOWS = "flows"  # sub-folder of dialogue flows
FLOW_MESSAGES = "messages.yaml"  # the engine's wording, shared by every flow


class County(Strict):
    name: str
    aliases: list[str] = []


@dataclass(frozen=True)
class CountyReading:
    """The county a person typed, and whether it was typed as one of its names (平山县, 平山): nothing to confirm.
    Otherwise it was a close or same-sounding name (平三县, 鹿泉市) or its full name before a town's (平山县岗南镇)."""

    county: County
    certain: bool


_AROUND_A_NAME = re.compile(r"^[\W_]+|[\W_]+$")  # spaces and punctuation said around a name ("平山县。")


class Counties(Strict):
    counties: list[County]
    source: SourceRef
    written_before: list[str] = []  # places written before a county's name, dropped before it is looked up
    elsewhere: list[str] = []  # places outside Shijiazhuang, whose rules the documents do not hold
    # parts of the city besides its counties (乡镇, 园区): the city's counts are not theirs
    parts: list[str] = []
    # the whole city named (全市): a count asked of it is the city's, the county named beside it where the asker is
    whole_city: list[str] = []
    # words holding a county's name that name no place (高新技术企业 is no 高新区's): dropped before counties are looked for
    not_places: list[str] = []

    @cached_property
    def _by_name(self) -> dict[str, County]:
        return {name: county for county in self.counties for name in (county.name, *county.aliases)}

    @property
    def names_and_aliases(self) -> dict[str, County]:
        """Every county by each of its names exactly (平山县, 平山)."""
        return self._by_name

    @cached_property
    def _by_sound(self) -> dict[str, County]:
        """Names and aliases by their near sound (pinyin input writes 平三县 for 平山县); a sound two counties
        share names neither."""
        found: dict[str, set[str]] = {}
        for name, county in self._by_name.items():
            found.setdefault(_near_sound(name), set()).add(county.name)
        by_county = {county.name: county for county in self.counties}
        return {sound: by_county[next(iter(names))] for sound, names in found.items() if len(names) == 1}

    def match(self, text: str, by_sound: bool = True) -> County | None:
        """The county a name refers to: exact name or alias, then a close fuzzy match, then (what people type,
        not settings) one that sounds the same; None if unsure."""
        text = text.strip()
        exact = self._by_name.get(text)
        if exact is not None:
            return exact
        found = process.extractOne(text, list(self._by_name), scorer=fuzz.ratio, score_cutoff=75)
        if found:
            return self._by_name[found[0]]
        return self._by_sound.get(_near_sound(text)) if by_sound and CJK_RUN.fullmatch(text) else None

    def read(self, typed: str) -> CountyReading | None:
        """The county a person typed where one is asked for (the self-assessment's county, staff's /绑定 and county
        arguments): one reading everywhere. Punctuation around it and the places written before it (石家庄市平山县)
        are dropped; then its names and aliases exactly, or a close or same-sounding one (`match`), or its full
        name with a town or village after it (`named_in`); None if none or unsure."""
        cleaned = _AROUND_A_NAME.sub("", typed)
        for place in self.written_before:
            cleaned = cleaned.removeprefix(place)
        if not cleaned:
            return None
        county = self.match(cleaned)
        if county is not None:
            return CountyReading(county, certain=cleaned in (county.name, *county.aliases))
        named = self.named_in(cleaned)
        return CountyReading(self._by_name[named[0]], certain=False) if len(named) == 1 else None

    @property
    def names(self) -> list[str]:
        return [county.name for county in self.counties]

    def named_in(self, text: str) -> list[str]:
        """The counties a name holds by their full names (平山县恒达铸造有限公司: 平山县), longest first, so that
        井陉矿区 is not also 井陉县's; short names (平山, 新华) are left alone, being often no place (新华书店)."""
        for word in self.not_places:
            text = text.replace(word, "")
        found = []
        for name in sorted(self.names, key=len, reverse=True):
            if name in text:
                found.append(name)
                text = text.replace(name, "")
        return found

    @cached_property
    def _shape(self) -> re.Pattern[str]:
        """A word shaped like the names: Chinese characters ending the way one of them ends (县, 市, 区)."""
        ends = "".join(sorted({county.name[-1] for county in self.counties}))
        longest = max(len(county.name) for county in self.counties)
        return re.compile(rf"[\u4e00-\u9fff]{{1,{longest}}}[{re.escape(ends)}]")

    def resembles(self, word: str) -> bool:
        """Whether a word is shaped like a county's name; when `match` finds none, someone mistyped one (火星县)."""
        return self._shape.fullmatch(word) is not None


class SourcesFile(Strict):
    sources: list[Source]


def _asked_topic_said(found: re.Match[str]) -> str:
    """What a letter's sentence saying what it asks is read as: the topic as a question ("现就名单截止日期请示如下" asks
    of the deadline)."""
    return f"{found['topic']}？"


# A clause asking a thing of its own names it before its question words in this many characters or more; "具体怎么规定
# 的", "交什么材料", "在哪报名", "该找谁报名" ask of what another clause names (smalltalk.yaml's question_openers and
# question_hedges name nothing: KnowledgeBase.names_its_own_subject).
SUBJECT_NAMED = 2
_SOCIAL = ("greeting", "thanks")  # small talk of which two said together are still small talk
_PAUSE = r"[\s,，。.!！~～、:：;；…]"  # a mark or a space between words said


class FollowUpWords(Strict):
    """The words of a short message going on from the question before it ("谢谢，那我们C级呢", "具体几点"):
    knowledge.followup reads a follow-up with them."""

    # 那要是, 那 …: start a message going on from the one before, stripped as the first of them that fits (longest first)
    leads: tuple[str, ...] = Field(min_length=1)
    # 还有几, 还有没有 …: a lead's start asking what is left or whether there is one
    not_leads: tuple[str, ...] = ()
    # 明白了, 谢谢 …: said to the answer before, left out (longest first)
    acknowledgements: tuple[str, ...] = ()
    final_word: str = Field(min_length=1)  # 呢: ends a message going on
    going_on: tuple[str, ...] = ()  # 具体: asks for more of what was asked, kept in the reading
    # 我们的, 我 …: the speaker's own, naming nothing asked, taken out in this order
    self_words: list[str] = []
    times: list[str] = Field(min_length=1)  # 几点, 哪天 …: a time asked, of what the question before asked
    naming_filler_chars: str = Field(min_length=1)  # 的, 厂, 报 …: left of a grade or an industry named alone
    # 重点: two characters whose second alone also asks (点 of 几点), ending no subject
    naming_words: list[str] = []

    @cached_property
    def self_chars(self) -> re.Pattern[str]:
        """The characters each of `self_words` starts with: a message holding none holds none of those words (one
        search in C, where a set's isdisjoint of the message made and hashed a string of each of its characters)."""
        return re.compile(
            f"[{re.escape(''.join(sorted({word[:1] for word in self.self_words})))}]"
            if self.self_words
            else "(?!)"
        )

    @cached_property
    def time_asked(self) -> re.Pattern[str]:
        return re.compile("|".join(map(re.escape, self.times)))

    @cached_property
    def naming_fillers(self) -> re.Pattern[str]:
        return re.compile(f"[{re.escape(self.naming_filler_chars)}]")


class SmallTalk(Strict):
    greetings: list[str]
    thanks: list[str]
    stray_answers: list[str]
    addresses: list[str]  # 领导, 老师 …: said before or after a greeting or thanks
    address_greetings: list[str]  # what makes an address alone a greeting (大家好)
    good_goes_on_chars: str = Field(
        min_length=1
    )  # 像, 多: 好 before one starts a word (好像, 好多), no greeting
    # 请问一下 …: alone or after a greeting or an address, a greeting (the question comes next)
    openers: list[str]
    human: list[str]  # 转人工 …: asking for a person instead of the bot
    complaints: list[str] = []  # 答非所问 …: the last answer missed
    source_asked: list[str] = []  # 出处呢 …: where the last answer comes from
    more_asked: list[str] = []  # 具体点 …: more of the last answer
    chatter: list[str]  # 天气怎么样, 吃什么 …: plainly off the subject
    chatter_when: list[str]  # 今天, 中午 …: said before chatter, it still is
    chatter_relayed: list[str]  # 群里有人问, 同事问 …: chatter passed on is chatter too
    # 老板, 领导 …: the speaker's superiors, whose asking opening a question (老板问…) only says whom it is asked for
    asking_superiors: list[str] = []
    date_asked: list[str] = []  # 今天几号, 现在几点 …: told from the clock as the reply is sent
    chat_emoji: list[str]  # the chat apps' own emoji, sent as [name] inside the text
    endings: list[str] = []  # 啦, 哈 …: particles said after small talk (谢谢啦), one character each
    thanks_emoji: list[str] = []  # 👍, [强] …: a message of these alone says thanks or OK
    telling: list[str] = []  # 我是, 那我们 …: after small talk, telling who speaks or what they will do
    requests: list[str] = []  # 发一下, 麻烦 …: a clause of these asks, though no question word is in it
    interjections: list[str] = []  # 嗯, 呃 …: sounds said before a question, meaning nothing
    # 那个, 就是 …: said before a question and a pause, meaning nothing there; also taken out where they split a term
    hesitations: list[str] = []
    # 请问, 老师, 啊, 我们 …: no meaning wherever they stand in a question, taken out before it is matched
    fillers: list[str] = Field(min_length=1)
    closings: list[str] = []  # 在线等, 急 …: said after a question, pressing for its answer or thanking
    # 我们, 要是 …; 是真的吗, 对吧 …; 会怎么, 咋整 …: where a question ends inside a run of words without marks (ClauseEnds)
    clause_new_subjects: list[str] = Field(min_length=1)
    confirmation_tags: list[str] = Field(min_length=1)
    asked_after_told: list[str] = Field(min_length=1)
    # 怎, 么, 什, 几 …: the characters of question words (怎么样, 什么时候, 多少, 是不是 …)
    asking_chars: str = Field(min_length=1)
    # 谁: besides asking_chars, ends the part of a question saying what it is about ("该找谁报名" names nothing)
    subject_end_chars: str = ""
    # 请问, 具体, 到底 …: open or stress a question ("到底是不是"), naming nothing it asks of
    question_openers: list[str] = Field(min_length=1)
    # 一般, 大概, 该 …: how often or how nearly, or a modal ("一般给多少", "该找谁"), naming nothing it asks of
    question_hedges: list[str] = Field(min_length=1)
    # 这个, 这句 …: opening what is asked after a quote, they point back to it and name nothing (longest first)
    pointing_back: tuple[str, ...] = Field(min_length=1)
    # 这两个, 两者 …: opening a clause, they compare what the clauses before it name
    comparing_back: tuple[str, ...] = Field(min_length=1)
    # 它: anywhere in what is asked after a quote, makes the quoted words part of the question
    pointing_back_pronouns: tuple[str, ...] = Field(min_length=1)
    # 从到至: a clause of asking_chars around one asks the span of what the clause before asks ("几点到几点")
    span_chars: str = Field(min_length=1)
    span_opening_chars: str = Field(min_length=1)  # 从: what such a span may open with ("从几号到几号")
    # 会, 吧 …: a short clause of these around a word of the clause before only confirms that clause's question
    confirming_chars: str = Field(min_length=1)
    roles: list[str] = []  # 环保员, 会计 …: what a speaker introducing themself is at work
    follow_up: FollowUpWords  # 那, 具体, 我们 …: how a short message goes on from the question before it
    # a formal letter's heading and the sentence saying what it asks (letter_wrapping)
    letter_addressed_by: list[str] = []  # 致, 尊敬的
    letter_addressees: list[str] = []  # 贵局, 分局 …
    letter_kinds: list[str] = []  # 函, 请示 …
    letter_about: list[str] = []  # 关于
    letter_about_ends: list[str] = []  # 的
    letter_asking_on: list[str] = []  # 现就 …
    letter_asking: list[str] = []  # 咨询如下, 函询 …

    def emoji_pattern(self) -> re.Pattern[str]:
        return re.compile(r"\[(?:" + "|".join(map(re.escape, self.chat_emoji)) + r")\]")

    def thanks_pattern(self) -> re.Pattern[str]:
        """A message of thanks emoji alone, with spaces, skin tones and the emoji presentation selector."""
        between = r"[\s\U0001F3FB-\U0001F3FF\uFE0F]*"
        return re.compile(rf"{between}(?:(?:{literal_alternation(self.thanks_emoji) or '(?!)'}){between})+")

    def kinds(self) -> dict[str, str]:
        """Folded message -> "greeting", "thanks", "stray_answer", "human", "chatter", "date", "complaint",
        "source_asked" or "more_asked"."""
        social = (("greeting", self.greetings), ("thanks", self.thanks))
        addressed = {
            fold(said): kind
            for kind, words in social
            for word in words
            for address in self.addresses
            for said in (address + word, word + address)
        }
        greeted = {a + g for a in self.addresses for g in self.address_greetings}
        addressed |= {fold(said): "greeting" for said in greeted}
        # what a greeting or an address may come before ("你好，请问一下", "领导好，转人工", "各位中午吃啥")
        leads = ["", *self.greetings, *self.addresses, *greeted]
        led = (("greeting", self.openers), ("human", self.human))
        addressed |= {fold(lead + word): kind for kind, words in led for word in words for lead in leads}
        addressed |= {
            fold(lead + when + word): "chatter"
            for word in self.chatter
            for when in ["", *self.chatter_when]
            for lead in [*leads, *self.chatter_relayed]
        }
        addressed |= {
            fold(lead + word): "date" for word in self.date_asked for lead in [*leads, *self.openers]
        }
        kinds = (
            *social,
            ("stray_answer", self.stray_answers),
            ("complaint", self.complaints),
            ("source_asked", self.source_asked),
            ("more_asked", self.more_asked),
        )
        return addressed | {fold(word): kind for kind, words in kinds for word in words}

    def letter_wrapping(self) -> tuple[re.Pattern[str], re.Pattern[str]]:
        """A formal letter's heading before its first colon ("贵局：", "致市生态环境局：", "某县分局函：", "关于市局专班的
        咨询函：") and the sentence saying what it asks ("现就移动源咨询如下：", "现就是否须填报名单咨询"), with the topic
        it names (关于…的, 现就…) as the group `topic` and a title's sender (平山某铸造企业…请示) as `sender`: those are
        what the letter is about and who asks (a place, a business), its wrapping is neither."""
        stop = r"[^\s,，。.!！?？;；:：]"
        addressed_by = f"(?:{literal_alternation(self.letter_addressed_by) or '(?!)'})?"
        addressee = (
            f"{addressed_by}{stop}{{0,12}}?(?:{literal_alternation(self.letter_addressees) or '(?!)'})"
        )
        about = (
            f"(?:{literal_alternation(self.letter_about) or '(?!)'})(?P<topic>{stop}{{1,30}}?)"
            f"(?:{literal_alternation(self.letter_about_ends) or '(?!)'})?"
        )
        titled = (
            f"(?P<sender>{stop}{{0,20}}?)(?:{about})?(?:{literal_alternation(self.letter_kinds) or '(?!)'})"
        )
        heading = re.compile(rf"^(?:{addressee}|{titled})[:：]\s*")
        asking = re.compile(
            rf"(?:{literal_alternation(self.letter_asking_on) or '(?!)'})(?P<topic>{stop}{{1,30}}?)"
            rf"(?:{literal_alternation(self.letter_asking) or '(?!)'})[:：,，]?\s*"
        )
        return heading, asking

    def introduction(self) -> re.Pattern[str]:
        """A first clause that only says who speaks by their role ("我是厂里新来的环保员，", "本人是公司文员，"), the pause
        after it included."""
        return re.compile(
            rf"^(?:{literal_alternation(self.telling) or '(?!)'})[^\s,，。.!！?？;；]{{0,12}}?"
            rf"(?:{literal_alternation(self.roles) or '(?!)'})的?{_PAUSE}+"
        )

    def courtesies(self) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
        """What wraps a question without asking anything: the greetings, addresses, thanks, sounds and hesitations
        before it ("老师好，", "你好，", "嗯 ", "那个，"), the sounds and hesitations opening a later clause ("…没按清单停，
        就是会怎么处理"), and the thanks and pressing after it ("，在线等", " 急"). Before the question, a word needs a
        pause after it (a mark or a space) unless it cannot go on into the question's words: a greeting ending in 好
        that is no word of 好 (好像, 好多 …), an interjection. After it, a word needs a pause before it unless it is a
        closing of two characters or more ("没谢谢" is 没 and 谢谢; "要不要急" keeps its 急)."""
        greeted = [address + greeting for address in self.addresses for greeting in self.address_greetings]
        said_before = [
            *(word for word in self.greetings if len(word) > 1),
            *self.addresses,
            *greeted,
            *self.thanks,
            *self.interjections,
            *self.hesitations,
        ]
        good = f"(?:{'|'.join(map(re.escape, self.address_greetings))})" if self.address_greetings else "(?!)"
        ending_itself = (
            f"(?:{literal_alternation(self.interjections) or '(?!)'}"
            f"|(?:{literal_alternation(self.greetings + greeted) or '(?!)'})(?<={good})(?![{re.escape(self.good_goes_on_chars)}]))"
        )
        # each word the longest that fits, never split again into shorter ones: 各位领导 said over and over would
        # otherwise be tried as 各位+领导 too, in twice as many ways for each one more
        word = f"(?>{literal_alternation(said_before)})[{re.escape(''.join(self.endings))}]*"
        before = re.compile(
            rf"^(?:{_PAUSE}*{word})*{_PAUSE}*(?:{word}{_PAUSE}+|{ending_itself}{_PAUSE}*)", re.IGNORECASE
        )
        inside = re.compile(
            rf"(?<={_PAUSE})(?:{literal_alternation([*self.interjections, *self.hesitations]) or '(?!)'}){_PAUSE}*"
        )
        closing = f"(?>{literal_alternation([*self.closings, *self.thanks, *self.addresses]) or '(?!)'})"
        long_closings = [word for word in self.closings if len(word) > 1]
        after = re.compile(
            rf"(?:{_PAUSE}+|(?={literal_alternation(long_closings) or '(?!)'}))"
            rf"(?:{closing}[{re.escape(''.join(self.endings))}]*{_PAUSE}*)+$",
            re.IGNORECASE,
        )
        return before, inside, after


# Sources whose statements come from the guide reference: each must say how sure it is.
GUIDE_SOURCES = frozenset({"mee_guide2020", "hebei8_guide", "guide_research"})
_ENGLISH_HEADING = re.compile(r"§|[A-Za-z]{2,}\s+[A-Za-z]{2,}|\blist\b")

_INFERRED_WORDS = ("推断", "未核实", "不确定", "没有核实", "未找到")

_YEAR = re.compile(r"(?:19|20)\d\d(?=\s?年)")  # a space typed before 年 too: 2018 年
YEAR_WORD = "年"
LATIN_CHAR = re.compile("[a-z]")
_LETTER_RUNS = re.compile(
    r"[a-z]{4,}"
)  # after a year's number (2026年), as a year said of now is written out


def _near_sound(word: str) -> str:
    return " ".join(map(near_sound, word))


def fidelity_problems(kb: KnowledgeBase, root: Path = REPOSITORY_ROOT) -> list[str]:
    """What a user would be told without its proper source or confidence: a source line that is not a
    Chinese document and article, a cited document or article that is not in the file `root` holds for it
    (knowledge/sources/), a date, time or number the cited document does not hold, a guide statement without
    its confidence, a low-confidence one that does not say it is an inference."""
    words = kb.words
    problems: list[str] = []
    # (where, source, what is said on its strength): a source line's own reference says nothing more
    said: list[tuple[str, SourceRef, str]] = [
        (f"{entry.id}.source", entry.source, entry.answer) for entry in kb.entries.values()
    ]
    for industry in kb.catalogue.industries:
        said.append((f"{industry.id}.source", industry.source, ""))
        claims = [("grade_scheme", industry.grade_scheme)] if industry.grade_scheme else []
        claims += [(f"incentive.{n}", claim) for n, claim in enumerate(industry.incentive)]
        said += [(f"{industry.id}.{where}.source", claim.source, claim.text) for where, claim in claims]
    said.append(("outside.source", kb.catalogue.outside_source, ""))
    said.append(("counties.source", kb.counties.source, ""))
    for flow in kb.flows.values():
        said += flow_sources(flow)
        problems += _flow_wording_problems(flow, words, kb.flow_messages)
    refs = [(where, ref) for where, ref, _ in said]
    problems += citation_problems(kb.sources.values(), refs, root, words)
    problems += figure_problems(kb.sources.values(), said, root, words, together=GUIDE_SOURCES)
    for where, ref in refs:
        if ref.doc in GUIDE_SOURCES and ref.confidence is None and where.startswith(tuple(kb.flows)):
            problems.append(words.problem("guide_requirement_unrated", where=where))
        if _ENGLISH_HEADING.search(ref.section) or not CJK_RUN.search(ref.section):
            problems.append(words.problem("section_not_chinese", where=where, section=ref.section))
    for entry in kb.entries.values():
        if entry.source.doc in GUIDE_SOURCES and entry.confidence is None:
            problems.append(words.problem("guide_entry_unrated", where=entry.id))
        if entry.confidence == "low" and not any(word in entry.answer for word in _INFERRED_WORDS):
            problems.append(words.problem("low_confidence_not_hedged", where=entry.id))
    return problems


def _flow_wording_problems(flow: Flow, words: Wording, messages: FlowMessages) -> list[str]:
    """A question drawn from the guide reference says how sure the reference is (`guide_confidence_said`,
    flows/messages.yaml); a ladder question whose row the reference lacks says so and offers 跳过 (every word of
    `ladder_offer`); the flow can word each confidence it cites."""
    problems: list[str] = []
    for section in flow.sections:
        for step in section.steps:
            where = f"{flow.id}.{step.id}"
            sources = [step.grading.source] if step.grading and not step.ladder else []
            for source in [*sources, *(row.source for row in step.known)]:
                if source.confidence and source.confidence not in flow.confidence_words:
                    problems.append(
                        words.problem("confidence_unworded", where=where, confidence=source.confidence)
                    )
            for source in sources:
                word = flow.confidence_words.get(source.confidence or "")
                said = messages.guide_confidence_said.format(confidence=word)
                if source.doc in GUIDE_SOURCES and word and said not in step.ask + (step.hint or ""):
                    problems.append(words.problem("guide_question_unrated", where=where, said=said))
            if step.ladder:
                text = step.ask + (step.hint or "")
                missing = [word for word in messages.ladder_offer if word not in text]
                if missing or not step.optional:
                    problems.append(words.problem("ladder_without_offer", where=where))
                if step.known and "{requirement}" not in flow.known_ask:
                    problems.append(
                        words.problem("known_ask_without_requirement", where=f"{flow.id}.known_ask")
                    )
    return problems


class KnowledgeError(Exception):
    """Every problem found in the data files, each naming its file and field path."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class KnowledgeBase:
    def __init__(
        self,
        sources: list[Source],
        counties: Counties,
        entries: list[Entry],
        catalogue: Catalogue,
        normalize: Normalizer,
        smalltalk: SmallTalk,
        flows: dict[str, Flow],
        flow_messages: FlowMessages,
        intents: IntentFile,
        synonym_groups: list[list[str]],
        others_data: OthersDataCues,
        commands: dict[str, CommandEntry],
        words: Wording,
        real_words: Iterable[str],
        real_whole_words: Iterable[str] = (),
    ) -> None:
        self.sources = {source.id: source for source in sources}
        asking_chars = frozenset(smalltalk.asking_chars)
        # what ends the part of a question saying what it is about (KnowledgeBase.names_its_own_subject)
        self.subject_end_chars = asking_chars | frozenset(smalltalk.subject_end_chars)
        self.counties = counties
        self.entries = {entry.id: entry for entry in entries}
        self.faq = FaqIndex(
            entries,
            normalize,
            [
                [normalize(word)] if isinstance(word, str) else list(map(normalize, word))
                for word in intents.narrowing
            ],
            intents.contrasts,
            intents.excluding,
            intents.deadline_days,
            intents.meaning_asked,
            {
                normalize(word): intent.meaning or intent.lead
                for intent in intents.intents
                for word in intent.words
            },
            # "第十条讲A/B级企业要接受…": a clause of a document numbering its clauses names the entries citing it
            {
                entry.id: clauses_cited(entry.source.section, words)
                for entry in entries
                if self.sources[entry.source.doc].articles == "clauses"
            },
            asking_chars=asking_chars,
        )
        self._normalize = normalize
        # Normalised word -> intent; a word rewritten by a synonym is found in its canonical form.
        self._intent_words = {normalize(word): intent for intent in intents.intents for word in intent.words}
        self._intent_pattern = re.compile(literal_alternation(self._intent_words))
        self._short_meaning_asked, self._short_purpose_asked = (
            re.compile(literal_alternation(map(normalize, words)) or "(?!)")
            for words in (intents.short_meaning_asked, intents.short_purpose_asked)
        )
        self._short_filler_chars = frozenset(intents.short_filler_chars)
        self._short_meaning_filler_chars = self._short_filler_chars | frozenset(
            intents.short_meaning_filler_chars
        )
        # The words questions turn on (keywords, synonyms): a question's homophone typo of one ("申保",
        # "才料", "城信") is read as that word when the question as typed finds no answer.
        vocabulary = {fold(word) for entry in entries for word in entry.keywords}
        vocabulary |= {fold(word) for group in synonym_groups for word in group}
        self.question_vocabulary = frozenset(vocabulary)
        self.question_real_words = frozenset(real_words)  # for `python -m knowledge.real_words`
        self._question_sounds = question_sound_index(
            vocabulary, catalogue.function_chars, real_words, real_whole_words
        )
        self.catalogue = catalogue
        # a year, a place outside Shijiazhuang, a county or another programme: one search of the message as typed,
        # which most messages fail at once
        other_years = intents.other_years
        self._later_years = frozenset(other_years.after_the_documents)
        # a year of one of the documents said of the grading it ran ("2020年评的B级", "2020年评过一次级")
        self._graded_in_source_year = re.compile(
            "(?:{})年(?:的)?评".format(
                "|".join(sorted({str(source.year) for source in sources if source.year}))
            )
        )
        # each programme by the word naming it, with the words an entry speaking of it may use instead
        self._programme_words = {
            words[0]: words
            for words in ([word] if isinstance(word, str) else word for word in intents.other_programmes)
        }
        self._elsewhere = frozenset(counties.elsewhere)
        self._beyond = re.compile(
            "|".join(
                (
                    _YEAR.pattern,
                    literal_alternation(
                        [*counties.elsewhere, *other_years.after_the_documents, *self._programme_words]
                    )
                    or "(?!)",
                )
            ),
            re.IGNORECASE,  # a programme's Latin letters typed in any case (LDAR, ldar)
        )
        # a county's names by each of them, searched only in questions whose entry speaks of a county (平山's own)
        self._county_names_of = {
            name: [name, *(other for other in (county.name, *county.aliases) if other != name)]
            for county in counties.counties
            for name in (county.name, *county.aliases)
        }
        self._county_pattern = re.compile(literal_alternation(self._county_names_of) or "(?!)")
        self._county_entries: dict[str, bool] = {}
        self._not_places = re.compile(literal_alternation(counties.not_places) or "(?!)")
        self._of_now = other_years.of_now
        self._said_of_now = re.compile(
            rf"({literal_alternation(other_years.of_now) or '(?!)'})(?:[（(]((?:19|20)\d\d)[)）])?"
        )
        self._other_years_deadlines = other_years.deadlines_answered_by
        days = intents.deadline_days
        self._handed_in = [
            (
                frozenset(map(normalize, document.words)),
                days_named(document.due)[0],
                document.answered_by,
                document.late_answered_by or document.answered_by,
            )
            for document in days.documents
        ]
        # each document's words with the entry stating the branches' day for handing it on, where one does
        self._handed_on_by = [
            (frozenset(map(normalize, document.words)), document.handed_on_answered_by)
            for document in days.documents
            if document.handed_on_answered_by is not None
        ]
        self._handed_on = re.compile(literal_alternation(map(normalize, days.handed_on)) or "(?!)")
        # a handing-on word offered as one place of two ("交县局还是市局"), a few characters of handing between
        self._handed_on_offered = re.compile(
            rf"(?:{literal_alternation(map(normalize, days.place_offered)) or '(?!)'})\w{{0,4}}?"
            rf"(?:{self._handed_on.pattern})"
        )
        self._branch_speaking = re.compile(
            literal_alternation(map(normalize, days.branch_speaking)) or "(?!)"
        )
        self._deadline_asked = re.compile(literal_alternation(map(normalize, days.deadline_asked)) or "(?!)")
        self._handing = re.compile(literal_alternation(map(normalize, days.handing)) or "(?!)")
        self._day_as_bound = re.compile(
            rf"(?:{DAY_OF_MONTH.pattern})(?:{literal_alternation(map(normalize, days.bound_by)) or '(?!)'})"
        )
        self._consequence_asked = re.compile(
            literal_alternation(map(normalize, days.consequence_asked)) or "(?!)"
        )
        self._late_consequence = days.consequence_answered_by
        above = intents.above_average
        self._above_average = (
            (
                re.compile(literal_alternation(map(normalize, above.measures))),
                re.compile(literal_alternation(above.average)),
                re.compile(literal_alternation(above.above)),
                re.compile(literal_alternation(above.own)),
                re.compile(rf"(?:{literal_alternation(above.short_of) or '(?!)'})$"),
                sorted(((tier.margin, tier.answered_by) for tier in above.tiers), reverse=True),
            )
            if above is not None
            else None
        )
        amount = intents.own_amount
        self._own_amount = (
            (
                re.compile(literal_alternation(amount.units)),
                re.compile(rf"{_AMOUNT_FIGURE.pattern}\s*(?:{literal_alternation(amount.units)})"),
                (tuple(amount.bounds_before), tuple(amount.bounds_after)),
                re.compile(literal_alternation(amount.emitted)),
                re.compile(literal_alternation(map(normalize, amount.asked_of))),
                (re.compile(literal_alternation(amount.unless) or "(?!)"), tuple(amount.denied_by)),
                amount.answered_by,
            )
            if amount is not None
            else None
        )
        several = intents.several_industries
        self._several_industries_entry = self.entries[several.answered_by] if several is not None else None
        self._asks_by_which_industry = re.compile(
            literal_alternation(several.asked) if several is not None else "(?!)"
        )
        self._still_asked = re.compile(literal_alternation(other_years.still_asked) or "(?!)")
        self._span_stated = re.compile(literal_alternation(other_years.span_stated) or "(?!)")
        # The figures questions ask for, by the words that ask them (the first kind to claim a word keeps it), each
        # with what states one: a numeral (not a year) before one of its units.
        self._figures = [(figure, _stated(figure)) for figure in intents.figures]
        self._figure_words = _spelled_alike(
            _figure_by_word(intents.figures, lambda figure: figure.asked), synonym_groups
        )
        self._figure_pattern = re.compile(literal_alternation(self._figure_words) or "(?!)")
        self._figure_named = _figure_by_word(intents.figures, lambda figure: figure.named)
        self._figure_named_pattern = re.compile(literal_alternation(self._figure_named) or "(?!)")
        # "我们是小额贷款公司": a figure word inside the name of a business outside the 47 names the business, asking nothing
        self._figure_in_business_names = re.compile(
            literal_alternation(term for term in catalogue.outside_terms if self._figure_pattern.search(term))
            or "(?!)"
        )
        # "登记行业，填哪个": a figure word inside a phrase asking which industry the business is asks that, which the
        # industry verdict answers
        self._industry_asked_by_figure = re.compile(
            literal_alternation(cue for cue in catalogue.membership_cues if self._figure_pattern.search(cue))
            or "(?!)"
        )
        self._parts = re.compile(
            literal_alternation(
                [
                    *counties.parts,
                    *(name for county in counties.counties for name in (county.name, *county.aliases)),
                ]
            )
            or "(?!)"
        )
        self._whole_city = re.compile(literal_alternation(counties.whole_city) or "(?!)")
        self._smalltalk = smalltalk.kinds()
        self._smalltalk_endings = "".join(smalltalk.endings)
        # Two said together are looked up at each length a first one starting with the message's first character has,
        # longest first: a pattern of them all (25k characters) cost ~70 ms of every start, compiled anew from the
        # knowledge cache (bench_startup.py).
        self._social = frozenset(word for word, kind in self._smalltalk.items() if kind in _SOCIAL)
        lengths: dict[str, set[int]] = {}
        for word in self._social:
            lengths.setdefault(word[0], set()).add(len(word))
        self._social_lengths = {start: tuple(sorted(found, reverse=True)) for start, found in lengths.items()}
        self._chat_emoji = smalltalk.emoji_pattern()
        self._thanks_emoji = smalltalk.thanks_pattern()
        self._requests = re.compile(literal_alternation(smalltalk.requests) or "(?!)")
        self._telling = re.compile(literal_alternation(smalltalk.telling) or "(?!)")
        self._courtesy_before, self._courtesy_inside, self._courtesy_after = smalltalk.courtesies()
        self._letter_heading, self._letter_asking = smalltalk.letter_wrapping()
        self.clauses_ended = ClauseEnds(
            smalltalk.clause_new_subjects, smalltalk.confirmation_tags, smalltalk.asked_after_told
        )
        self._introduction = smalltalk.introduction()
        self.confirming_chars = frozenset(smalltalk.confirming_chars)  # a clause echoing the one before
        self._naming_nothing = (*smalltalk.question_openers, *smalltalk.question_hedges)
        self.pointing_back_words = smalltalk.pointing_back  # opening what is asked after a quote
        self.comparing_back_words = smalltalk.comparing_back  # opening a clause asking of the clauses before
        self.pointing_back_pronouns = (
            smalltalk.pointing_back_pronouns
        )  # what is asked after a quote includes it
        # a clause asking only the span of another's (answering._asks_a_span): its characters, searched as a pattern
        # (in C, cheaper than a set made of each message), and what it may open with
        self.span_chars = frozenset(smalltalk.span_chars)
        self.span_char_pattern = re.compile(f"[{re.escape(smalltalk.span_chars)}]")
        self.span_opening_chars = smalltalk.span_opening_chars
        self.follow_up_words = (
            smalltalk.follow_up
        )  # how a short message goes on from the question before (followup)
        self.flows = flows  # dialogue flows by id (data/flows/*.yaml)
        self.flow_messages = flow_messages
        self.others_data = others_data  # requests for other enterprises' data, refused before retrieval
        self.commands = commands  # by the key handlers register them under (data/commands.yaml)
        self.words = words  # the templates it words problems and grading's answer words with

    def without_chat_emoji(self, text: str) -> str:
        """The message without the chat apps' emoji ([抱拳], [强]): what it says in words."""
        return self._chat_emoji.sub("", text) if "[" in text else text

    def thanks_by_emoji(self, text: str) -> bool:
        """Whether a message is thanks emoji alone ("👍", "[强][强]"): thanks or OK, as 好的 is."""
        return self._thanks_emoji.fullmatch(text) is not None

    def smalltalk(self, text: str) -> str | None:
        """A kind of small talk (SmallTalk.kinds) when the whole message is one, else None.
        Two greetings or thanks said together ("好的，明白了", "你好，在吗", "ok谢谢") are one, of the last one's kind; so
        is one with particles after it ("谢谢啦", "好的，收到哈")."""
        folded = fold(text)
        kind = self._smalltalk_of(folded)
        if kind is None:
            bare = folded.rstrip(self._smalltalk_endings)
            if bare != folded:
                kind = self._smalltalk_of(bare)
        return kind

    def _smalltalk_of(self, folded: str) -> str | None:
        kind = self._smalltalk.get(folded)
        if kind is not None:
            return kind
        for length in self._social_lengths.get(folded[:1], ()):  # most messages start with no such character
            if length < len(folded) and folded[:length] in self._social and folded[length:] in self._social:
                return self._smalltalk[folded[length:]]
        return None

    def without_courtesies(self, question: str) -> str:
        """The question without the greetings and sounds before it, the sounds and hesitations opening its clauses and
        the thanks and pressing after it (SmallTalk.courtesies): "老师好，截止到几点，在线等" asks what "截止到几点" asks,
        and a short question stays short for its intent. A message of nothing else is small talk, kept whole."""
        unwrapped = self._courtesy_after.sub("", self._courtesy_before.sub("", question, count=1), count=1)
        # "贵局：…特此函询": a formal letter's heading and asking sentence are its wrapping, their topic its words
        unwrapped = self._letter_asking.sub(
            _asked_topic_said, self._letter_heading.sub(self._heading_said, unwrapped, count=1)
        )
        if self._courtesy_inside.search(unwrapped):  # most questions hold no 就是 or 嗯 after a pause
            unwrapped = self._courtesy_inside.sub("", unwrapped)
        return unwrapped if CJK_RUN.search(unwrapped) else question

    def _heading_said(self, found: re.Match[str]) -> str:
        """What a letter's heading is read as: the topic it names, and its sender where that names a part of the city
        ("平山某铸造企业请示": Pingshan's policies apply; "某街道办函" says only who writes), each a clause of its own."""
        sender = found["sender"] if found["sender"] and self._parts.search(found["sender"]) else None
        said = [part for part in (sender, found["topic"]) if part]
        return "".join(f"{part}，" for part in said)

    def with_places_of(self, message: str, clause: str) -> str:
        """A clause of a message with the parts of the city the message names put before it where it names none
        ("平山某学校建设项目请示：一、…；二、联系人电话多少": the second question is Pingshan's too)."""
        if self._parts.search(clause) is not None:
            return clause
        places = dict.fromkeys(self._parts.findall(message))
        return f"{''.join(places)}，{clause}" if places else clause

    def introduction_end(self, question: str) -> int | None:
        """Where a question starts after the speaker's introduction by their role ("我是厂里新来的环保员，…"), if it opens
        with one naming no part of the city (我是鹿泉的环保员 tells where the question is asked)."""
        found = self._introduction.match(question)
        if found is None or self._parts.search(found.group()) is not None:
            return None
        return found.end()

    def telling_from(self, text: str) -> int | None:
        """Where a text first starts telling who the speaker is or what they will do ("我是新来的环保员", "那我们下午去
        分局交"), if it does."""
        found = self._telling.search(text)
        return None if found is None else found.start()

    def names_its_own_subject(self, clause: str) -> bool:
        """Whether a clause names what it asks of before its first question word (not only words opening a question,
        stressing it or hedging it)."""
        before = clause[
            : next((at for at, char in enumerate(clause) if char in self.subject_end_chars), len(clause))
        ]
        for opener in self._naming_nothing:
            before = before.replace(opener, "")
        return len(before) >= SUBJECT_NAMED

    def requests(self, text: str) -> bool:
        """Whether a text asks by a request ("联系电话发一下呗", "麻烦把时间节点汇总"), no question word in it."""
        return self._requests.search(text) is not None

    def asked_in(self, question: str) -> Asked:
        """What the question asks that an entry must give: a figure, of a part of the city, leaving a scheme out."""
        excluded = self.faq.excluded_narrowings(question)
        typed = question
        question = keywords_joined(question)  # "罚款 额度": one detail asked, typed as search words
        said = self._figure_pattern.search(
            self._figure_in_business_names.sub(lambda name: "_" * len(name.group()), question)
        )
        if said is not None and self._industry_asked_by_figure.search(fold(question)) is not None:
            return Asked(typed, None, None, (), excluded) if excluded else _NOTHING_ASKED
        number = self._figure_words[said.group()] if said is not None else self._named_figure(question)
        if number is None:
            return Asked(typed, None, None, (), excluded) if excluded else _NOTHING_ASKED
        figure, stated = self._figures[number]
        parts: tuple[str, ...] = ()
        if figure.of_parts:
            # "无极县这边想知道，全市一共多少家": the count is the whole city's; an industry named is still counted alone.
            # The city named in another clause is the whole a part is counted of: "全市5522家里头，平山县占了多少家"
            asking = question if said is None else self._clause_at(question, said.start())
            # "给镇里写汇报材料，要引一句全市…的企业数量，是多少家": a part named in another clause than the one asking,
            # beside the whole city, is no part counted (whom the count is for)
            parts_asked = self._parts.findall(asking)
            if self._whole_city.search(asking) is not None:
                parts_asked = []
            elif not parts_asked and self._whole_city.search(question) is None:
                parts_asked = self._parts.findall(question)
            parts = (*parts_asked, *self._industries_named(question))
        return Asked(typed, figure, stated, parts, excluded, by_name=said is None)

    @staticmethod
    def _clause_at(text: str, at: int) -> str:
        """The clause of the text that holds the character at `at`."""
        start = max((end.end() for end in CLAUSE_END.finditer(text, 0, at)), default=0)
        following = CLAUSE_END.search(text, at)
        return text[start : following.start() if following else len(text)]

    def _named_figure(self, text: str) -> int | None:
        """The figure a clause that asks names by a word of its `named` ("邮费谁出"), if one does: said in a clause
        that asks nothing ("收检测费，要报吗") the word tells the business."""
        for clause in CLAUSE_END.split(text):
            named = self._figure_named_pattern.search(clause)
            if named is not None and self.catalogue.asks_or_weighs(clause):
                return self._figure_named[named.group()]
        return None

    def _asks_a_figure(self, clause: str) -> bool:
        return self._figure_pattern.search(clause) is not None or self._named_figure(clause) is not None

    def figure_said_of_own_goods(self, reading: Reading) -> bool:
        """Whether a figure's word stands in a clause naming the business's own listed goods ("报价单：玻璃钢化粪池…"):
        it is said of them."""
        return reading.says_beside_own_goods(self._figure_pattern)

    def _industries_named(self, question: str) -> tuple[str, ...]:
        """The catalogue's words a count is asked of ("名单里有多少家焦化企业"): the documents count the whole city's
        enterprises only. Words typed exactly: "有几家企业" is no mistyped 家具企业."""
        match = self.catalogue.match(question)
        return () if match.read_as else tuple(match.terms)

    def beyond_sources(self, question: str, entry: Entry) -> tuple[str, ...]:
        """The years, places and programmes the question names that the entry does not speak of: the documents are
        Shijiazhuang's of 2020 and Pingshan's of 2022 on the grading, so their answer is not 保定's, 2019's, 明年's or
        the cleaner-production audit's. A county of the city is one only to an entry about another county's own
        (Pingshan's policies are not 鹿泉's; the city's deadline is every county's), and none where the question names
        only a county the entry speaks of ("鹿泉的企业，平山那个政策我们也执行吗" asks of 鹿泉, Pingshan named beside it)."""
        named = self._beyond.findall(asked_after_forwarded(question))  # not what the group was told
        if named and not self._of_other_years(entry):  # most questions name no year or place
            # 明年 of a policy that goes on (平山's 长期推进) is no year its documents are not of
            named = [word for word in named if word not in self._later_years]
        own = self.sources[entry.source.doc]
        if named and own.year is not None and self._still_asked.search(question) is None:
            # the year of the entry's own document is its time ("平山…2022年以后选供应商" asks of Pingshan's 2022 policies),
            # unless the question asks whether it still holds then ("三个禁用2022年11月还有效吗": past its span)
            own_document_named = str(own.year) in named or self._names_own_county(question, own.county)
            named = [word for word in named if word != str(own.year)]
            if own_document_named:
                # "2020年评的B级，按平山的激励政策…": another document's year said of its grading, beside this document,
                # names the city's grading of 2020, which this one speaks of too: no year the documents are not of
                graded = {found[:4] for found in self._graded_in_source_year.findall(question)}
                named = [word for word in named if word not in graded]
        unspoken = (
            [word for word in named if not self.faq.mentions(entry, self._programme_words.get(word, [word]))]
            if named
            else []
        )
        if any(
            word in self._elsewhere and word not in unspoken for word in named
        ) and self.faq.narrowings_unmentioned(entry, question):
            # "唐山有没有平山那种三个禁用": an entry on the other place's own measures says nothing of the scheme named
            unspoken += [word for word in named if word in self._elsewhere and word not in unspoken]
        if self._of_a_county(
            entry
        ):  # the few entries about a county's own: their questions' counties looked for
            counties = [county for county in self._counties_named(question) if county is not None]
            unspoken += [names[0] for names in counties if not self._speaks_of(entry, names)]
        return tuple(dict.fromkeys(unspoken)) if unspoken else ()

    def _names_own_county(self, question: str, county: str | None) -> bool:
        """Whether the question names the county whose own policies a document states (平山 of 平山县's)."""
        return county is not None and any(
            names is not None and county in names for names in self._counties_named(question)
        )

    def _counties_named(self, question: str) -> list[list[str] | None]:
        """Each county the question names, by its every name (the name it is named by first: 鹿泉, 鹿泉区)."""
        placed = self._not_places.sub("", question)
        return [self._county_names_of.get(word) for word in self._county_pattern.findall(placed)]

    def _of_a_county(self, entry: Entry) -> bool:
        """Whether an entry speaks of a county's own (平山's policies), by its document or its words, remembered per
        entry. A gap entry is no county's: what the documents do not give ("分局地址在哪") they give no county,
        whichever it names."""
        known = self._county_entries.get(entry.id)
        if known is None:
            known = self._county_entries[entry.id] = entry.kind != "gap" and (
                self.sources[entry.source.doc].county is not None
                or self.faq.mentions(entry, list(self._county_names_of))
            )
        return known

    def _speaks_of(self, entry: Entry, county_names: list[str]) -> bool:
        """Whether an entry is of a county by one of its names: its document's county ("三个禁用" is 平山's, whether
        or not its answer says so) or a county its words name."""
        return self.sources[entry.source.doc].county in county_names or self.faq.mentions(entry, county_names)

    def _of_other_years(self, entry: Entry) -> bool:
        """Whether an entry is of the kind another year's question gets `deadlines_answered_by` for: a deadline."""
        answering = self.entries.get(self._other_years_deadlines or "")
        return answering is not None and entry.topic == answering.topic

    def deadline_by_the_day(self, question: str) -> Entry | None:
        """The entry a question naming one day (or month) and one document handed in to the branch gets: lateness after
        that document's day ("材料8月份才交上去，还算数吗", "名单我们18号下午才送到分局"), its deadline before it
        ("7月25号才开始准备材料，时间够吗"); after it, what follows asked, the consequence of lateness ("十八号才回来，
        名单赶不上会咋样"). None for the day itself (its hour may be asked), a day of the same month
        unsaid, two days or documents, no word of handing it in, or where the branches hand theirs on (市局: their days
        are later)."""
        query = self._normalize(question)
        named = days_named(query)
        if not named:
            return None  # most questions
        documents = [document for document in self._handed_in if any(word in query for word in document[0])]
        if len(documents) > 1:
            # "名单按时交了，材料8月3号才交到分局": the day is said of the document in its own clause
            of_the_day = "".join(
                clause for clause in map(self._normalize, CLAUSE_END.split(question)) if days_named(clause)
            )
            documents = [
                document for document in documents if any(word in of_the_day for word in document[0])
            ]
        if (
            len(named) != 1
            or len(documents) != 1
            or self._handed_on.search(query)
            or not self._handing.search(query)
        ):
            return None
        (month, day), (_, due, answered_by, late_answered_by) = named[0], documents[0]
        if (month, day) == due or (day is None and month == due[0]):
            return None
        late = (month, day or 0) > due and not self._day_as_bound.search(query)
        if late and self._late_consequence is not None and self._consequence_asked.search(query):
            return self.entries[self._late_consequence]
        return self.entries[late_answered_by if late else answered_by]

    def deadline_handed_on(self, question: str) -> Entry | None:
        """The entry stating the branches' own day for handing a document on to the city, where a question asks a
        deadline of the one document it names and either says it is handed on ("分局这边汇总企业的申报材料，最晚几号报市局
        专班") or is sent by someone at a branch ("我在县分局管汇总，名单最晚几点前要报上去"): the enterprises' earlier day
        is not what they ask. None for most questions."""
        query = self._normalize(question)
        if self._deadline_asked.search(query) is None:
            return None  # most questions
        handed_on_said = self._handed_on.search(self._handed_on_offered.sub("", query)) is not None
        if not handed_on_said and self._branch_speaking.search(query) is None:
            return None
        documents = [
            entry_id for words, entry_id in self._handed_on_by if any(word in query for word in words)
        ]
        return self.entries[documents[0]] if len(documents) == 1 else None

    def above_average_entry(self, question: str) -> Entry | None:
        """The entry of the incentive tier a sender's own measure reaches, where the question gives it against its
        industry's average by figures ("我公司研发费用占营收3.1%，同行业平均2.5%", "我们研发投入高出行业平均水平三成"):
        the margin decides the tier, which the search cannot weigh. None for most questions, and where the measure is
        at or below the average or the figures do not tell the margin."""
        if self._above_average is None:
            return None
        measures, average, above, own, short_of, tiers = self._above_average
        said_average = average.search(question)
        if said_average is None:
            return None  # most questions
        # the measure as synonyms.yaml writes it; the figures and the sender's words as typed (normalising drops both)
        query = self._normalize(question)
        if measures.search(query) is None or own.search(question) is None:
            return None
        before, after = question[: said_average.start()], question[said_average.end() :]
        own_shares, averages = _percents(before), _percents(after)
        if not own_shares and len(averages) == 1 and above.search(question) is not None:
            margin = averages[0]  # 高出行业平均30%: the margin itself
            said = _PERCENT.search(after)
            if said is not None and short_of.search(after[: said.start()]):
                margin -= 0.5  # 高一点，不到20%: short of that bound
        elif own_shares and len(averages) == 1 and averages[0] > 0:
            margin = round(
                (own_shares[-1] / averages[0] - 1) * 100, 6
            )  # 1.2 against 1.0 is 20 %, not 19.999…
        else:
            return None
        reached = [entry_id for least, entry_id in tiers if margin > 0 and margin >= least]
        return self.entries[reached[0]] if reached else None

    def own_amount_entry(self, question: str) -> Entry | None:
        """The entry of a scheme's yearly amount, where the sender gives its own yearly emissions as a mass in a clause
        and asks of the scheme ("环评上核算我们一年颗粒物排放0.15吨，还够得上小微涉气吗"): the figure is weighed by that
        rule, whatever else is told. None for most questions, for a rough amount ("几十公斤": no figure) and where
        another rule of the scheme is named."""
        if self._own_amount is None:
            return None
        unit, amount, (bound_before, bound_after), emitted, asked_of, (unless, denied_by), answered_by = (
            self._own_amount
        )
        # the emitting, then the unit, alone first: the figure's pattern tries every character of a text naming none;
        # the emitting word is searched as a literal, the units' first characters (公 of 公司) start tries of a match
        if emitted.search(question) is None or unit.search(question) is None:
            return None  # most questions
        own_amount_said = any(
            emitted.search(clause)
            and any(
                not clause[: said.start()].endswith(bound_before)
                and not clause[said.end() :].startswith(bound_after)
                for said in amount.finditer(clause)
            )
            # a figure typed after a space ("排放VOCs 60千克") is of the clause before it
            for clause in CLAUSE_END.split(_SPACE_BEFORE_FIGURE.sub("", question))
        )
        if not own_amount_said or asked_of.search(self._normalize(question)) is None:
            return None
        if any(not question[: rule.start()].endswith(denied_by) for rule in unless.finditer(question)):
            return None  # another rule named, not denied
        return self.entries[answered_by]

    def several_industries_entry(self, question: str) -> Entry | None:
        """The entry on grading a business of several industries, where the question asks by which one it is graded
        ("按哪个行业评"); whether the business names several is the catalogue's reading."""
        if self._asks_by_which_industry.search(question) is None:
            return None  # most questions
        return self._several_industries_entry

    def other_years_deadlines(self, beyond: Iterable[str], entry: Entry) -> Entry | None:
        """The entry that answers a deadline (`entry`'s topic) asked of another year, if the question names only
        years (`beyond`): the documents' dates were 2020's, and that year's come from the branch."""
        return (
            self.entries[self._other_years_deadlines or ""]
            if self._only_years(beyond) and self._of_other_years(entry)
            else None
        )

    def asks_if_still_so(self, question: str, beyond: Iterable[str]) -> bool:
        """Whether a question naming only years the documents are not of (`beyond`) asks whether something still
        holds then ("三个禁用2023年还管不管")."""
        return self._only_years(beyond) and self._still_asked.search(question) is not None

    def states_its_span(self, entry: Entry) -> bool:
        """Whether an entry's answer states how long what it tells runs (兑现时间 2022年底前, 长期推进)."""
        return self._span_stated.search(entry.answer) is not None

    def _only_years(self, beyond: Iterable[str]) -> bool:
        return all(word in self._later_years or word.isdigit() for word in beyond)  # 明年, 2021

    def read_years(self, text: str, this_year: int, campaign_year: int) -> str:
        """The text with the years it says relative to now (今年) written as the years they are where that is
        not the campaign's: on a clock of 2026, "今年申请名单几号截止" asks 2026's. A year written after one
        ("今年（2026）") is that year."""

        def year_of(said: re.Match[str]) -> str:
            year = int(said[2]) if said[2] else this_year + self._of_now[said[1]]
            return said[0] if year == campaign_year else f"{year}{YEAR_WORD}"

        return self._said_of_now.sub(year_of, text)

    def gives(self, asked: Asked, entry: Entry) -> bool:
        """Whether the entry gives what the question asks: not when the question asks a figure the entry's answer
        does not state, or a count of a part of the city the entry does not speak of, or leaves out the scheme or
        industry the entry is narrowed to, whose figures those are. An entry stating a gap gives the figures of its own
        subject, not another's nor a practical detail ("打印机没墨了" is no question about the bureau's office hours,
        though that gap entry says the documents hold none)."""
        figure = asked.figure
        if entry.kind == "gap" and figure is None:
            return True
        if entry.kind == "gap" and figure is not None and figure.stated:
            # a gap gives the figures of its own subject, named by the units it says are not given or by its title's or
            # keywords' words besides the industries it lists ("石灰窑评级要花多少钱" is no warning measure's figure,
            # "专家来现场要多少人" no price)
            return not set(figure.stated).isdisjoint(entry.figures_not_given) or self.faq.names_its_subject(
                entry, self.catalogue.read(asked.question).without_business
            )
        if figure is not None and self.faq.narrowed_unnamed(entry, asked.question):
            # "厂里叉车想换成电动的，政府给补贴吗": the entry narrowed to what the question does not name (the logistics
            # parks' machinery) states that one's figures and details, not the asker's
            return False
        if figure is not None and asked.stated is not None:
            stated = asked.stated.search(entry.answer)
            # "排污权交易多少钱" is the trade's price, which the trading entry says is not given; "要不要交开户费" names a
            # fee besides it, of which that entry says nothing (a gap entry's own figures are its whole subject, above)
            said_not_given = not asked.by_name and not set(figure.stated).isdisjoint(entry.figures_not_given)
            gives_it = stated or said_not_given
            if not (gives_it and all(self.faq.mentions(entry, [part]) for part in asked.parts)):
                return self._answers_besides(asked, entry)
        return not self.faq.narrowed_to_any(entry, asked.excluded)

    def only_says_not_given(self, asked: Asked, entry: Entry) -> bool:
        """Whether the entry gives the figure asked only by saying that its documents give none (`figures_not_given`)."""
        figure = asked.figure
        # a gap's own figures are what it says are not given: it answers them whole
        return (
            figure is not None
            and entry.kind != "gap"
            and asked.stated is not None
            and not set(figure.stated).isdisjoint(entry.figures_not_given)
            and asked.stated.search(entry.answer) is None
        )

    def _answers_besides(self, asked: Asked, entry: Entry) -> bool:
        """Whether the entry is what the message's clauses that ask no figure find first ("排污权交易多少钱，平山在哪办":
        where to go is answered, the price is not). A last clause right after the figure's that names nothing of its
        own ("考什么证，在哪报名") asks of what the figure's clause names, not besides it, as does one after clauses
        that only tell more of it ("硬盘坏了，丢了两周录像，会不会降级": the documents say what deleting costs, never a loss)."""
        if not asked.besides:  # searched once for every entry the question is tried on
            clauses = [clause for clause in CLAUSE_END.split(QUOTED.sub("", asked.question)) if clause]
            figure_at = [at for at, clause in enumerate(clauses) if self._asks_a_figure(clause)]
            if (
                figure_at
                and figure_at[-1] < len(clauses) - 1
                and not any(self.catalogue.asks(clause) for clause in clauses[figure_at[-1] + 1 : -1])
                and not self.names_its_own_subject(clauses[-1])
            ):
                clauses.pop()
            rest = [
                clause
                for clause in clauses
                if not self._asks_a_figure(clause) and self.catalogue.asks(clause)
            ]
            found = self.faq.search("，".join(rest), limit=1) if rest else []
            asked.besides.append(found[0].entry if found and found[0].specific else None)
        return asked.besides[0] is entry

    def corrected(self, question: str) -> tuple[str, list[tuple[str, str]]] | None:
        """The question with its homophone typos of known words replaced and the (typed, word) pairs read, or None
        when it has none."""
        pieces = folded_pieces(question)
        text = "".join(pieces)
        # searched piece by piece: a word is never typed across a comma or a space ("地质，一味" holds no 质疑)
        readings = self._question_sounds.find(" ".join(pieces))
        if LATIN_CHAR.search(text) is not None:  # "mingdan几号交": a word typed in pinyin letters
            for letters in _LETTER_RUNS.findall(text):
                readings += self._question_sounds.spelled(letters)
        if not readings:
            return None
        # a word of the catalogue is no typo: "做家具的…多长时间换一次" holds no 做假 (fraud)
        known = self.catalogue.known_slices(question)
        read: dict[str, str] = {}
        for typed, word in readings:  # several words for one typo: the first
            at = text.find(typed)
            if not any(at < end and start < at + len(typed) for start, end in known):
                read.setdefault(typed, word)
        if not read:
            return None
        for typed, word in read.items():
            text = text.replace(typed, word)
        return text, list(read.items())

    def respells(self, read_as: list[tuple[str, str]]) -> bool:
        """Whether a typo reading reads another word than one typed: 材料 read as 才料 (申报材料) only says the word in
        full, which is no evidence of its own that a question meant an entry."""
        return any(typed not in self._normalize(word) for typed, word in read_as)

    def short_intent(self, question: str) -> Intent | None:
        """The intent of a short question: one intent word, and besides it only question words and fillers
        ("啥时候截止", "截止日期呢"). None for anything that says more ("分局啥时候截止")."""
        text = self._normalize(question)
        # what the term means or is for asked around it ("什么是门禁", "减排清单是干什么的"): the rest is the question
        without_purpose = self._short_purpose_asked.sub("", text)
        purpose_asked = without_purpose != text
        term_asked = self._short_meaning_asked.sub("", without_purpose)
        meaning_asked = term_asked != text
        if meaning_asked:
            text = term_asked
        if len(text) > 12:
            return None
        found = [self._intent_words[word] for word in self._intent_pattern.findall(text)]
        if not found or any(other is not found[0] for other in found):
            return None
        rest = self._intent_pattern.sub("", text)  # every word of the intent ("截止是几号" holds two)
        intent = found[0]
        # the entries saying what the term is for or what it is, where others than its own lead say so
        asked_lead = (intent.purpose if purpose_asked else []) or (intent.meaning if meaning_asked else [])
        if asked_lead:
            intent = intent.model_copy(update={"lead": asked_lead, "others": [*intent.lead, *intent.others]})
        if intent.meaning_only:
            # nothing else asked beside the meaning: "A级是什么时候定的" is not asked of what A级 is
            return (
                intent
                if meaning_asked and all(char in self._short_meaning_filler_chars for char in rest)
                else None
            )
        return (
            intent
            if all(char in self.faq.asking_chars or char in self._short_filler_chars for char in rest)
            else None
        )

    def command_notices(self) -> list[str]:
        """What `knowledge check` tells of the commands without refusing them: their words that are also an
        intent's."""
        return intent_overlaps(self.commands, set(self._intent_words), self._normalize, self.words)

    def cite(self, ref: SourceRef) -> str:
        """The one-line source shown under an answer."""
        return f"{self.sources[ref.doc].short} {ref.section}"

    def cite_all(self, refs: Iterable[SourceRef]) -> str:
        """One source line for several references: each document once, and each article it is cited for once, in
        the order first cited (第（十五）条、第（十七）条 and 第（十六）条、第（十七）条 cite three clauses, not four)."""
        cited: dict[str, dict[str, None]] = {}
        for ref in refs:
            cited.setdefault(ref.doc, {}).update(dict.fromkeys(articles(ref.section)))
        return "；".join(f"{self.sources[doc].short} {'、'.join(parts)}" for doc, parts in cited.items())


def question_sound_index(
    vocabulary: Iterable[str],
    function_chars: str,
    real_words: Iterable[str],
    whole_words: Iterable[str] = (),
) -> SoundIndex:
    """The words questions turn on by sound, for their typos; a real word typed is never one ("公司" is no 公示 mistyped:
    real_words.yaml's question_words, generated by `python -m knowledge.real_words`), and no typo cuts a longer real
    word (its question_whole_words: the 材料 of 原材料 is no 才料, the 名单 of 黑名单 no 明单)."""
    return SoundIndex(
        set(vocabulary),
        {fold(word) for word in real_words},
        function_chars,
        edits=False,
        whole_words={fold(word) for word in whole_words},
        edges_to_neighbours=True,
    )


# made for every question and never changed: not frozen, whose __init__ pays object.__setattr__ per field
@dataclass(slots=True)
class Asked:
    """What a question asks that an entry must give (KnowledgeBase.asked_in, .gives)."""

    question: str
    figure: FigureAsked | None  # a count, money, a duration … or a practical detail (who repairs)
    stated: re.Pattern[str] | None  # what states such a figure in an answer
    # the parts of the city or the industries a count is asked of (平山县, 乡镇, 焦化企业)
    parts: tuple[str, ...]
    excluded: frozenset[str]  # narrowings named only to be left out (水泥 of 水泥厂以外)
    # the figure named by a word of its `named` (开户费, 邮费): a fee of its own, not the price an entry says it lacks
    by_name: bool = False
    # the entry the clauses asking no figure find, once looked for (KnowledgeBase._answers_besides)
    besides: list[Entry | None] = field(default_factory=list)

    @property
    def anything(self) -> bool:
        """Whether any entry could fail to give it: most questions ask no figure and leave nothing out."""
        return self.figure is not None or bool(self.excluded)


_NOTHING_ASKED = Asked("", None, None, (), frozenset())  # what most questions ask an entry to give: nothing


def _figure_by_word(
    figures: list[FigureAsked], words_of: Callable[[FigureAsked], list[str]]
) -> dict[str, int]:
    """Each word to the number of the first figure whose `words_of` lists it: the first kind to claim a word keeps it."""
    by_word: dict[str, int] = {}
    for number, figure in enumerate(figures):
        for word in words_of(figure):
            by_word.setdefault(word, number)
    return by_word


def _spelled_alike(by_word: dict[str, int], synonym_groups: Iterable[list[str]]) -> dict[str, int]:
    """The words with each also in the other spellings synonyms.yaml keeps of a term in it that sound just as the
    term does (张振琦 and 张振其 of 张振奇, 油箱 of 邮箱): a word matched as typed is still said when a name in it is
    mistyped by its sound."""
    spellings = {
        group[0]: [member for member in group[1:] if tuple(map(sound, member)) == tuple(map(sound, group[0]))]
        for group in synonym_groups
    }
    alike = dict(by_word)
    for term, others in spellings.items():  # term by term, so that two mistyped in one word are read too
        for word, number in [(word, number) for word, number in alike.items() if others and term in word]:
            for other in others:
                alike.setdefault(word.replace(term, other), number)
    return alike


# a figure said as an amount (0.15, 80, 两): digits, or Chinese numerals not part of a word before them (几十 is none)
_AMOUNT_FIGURE = re.compile(
    r"(?:(?<![\d.])\d+(?:\.\d+)?|(?<![几多])[零〇一二两三四五六七八九十百][零〇一二两三四五六七八九十百点]*)"
)
_SPACE_BEFORE_FIGURE = re.compile(r"\s+(?=\d)")
# a share said as a percent (3.1%, 百分之三十) or in tenths (两成, 三成五)
_PERCENT = re.compile(
    r"(?:百分之[零〇一二两三四五六七八九十点\d.]+|\d+(?:\.\d+)?[%％]|[一二两三四五六七八九\d]成[一二三四五六七八九半\d]?)"
)


def _percents(text: str) -> list[float]:
    """The shares the text says in percent, in order."""
    return [figure.low for said in _PERCENT.findall(text) for figure in read_figures(said, "%")[:1]]


def _stated(figure: FigureAsked) -> re.Pattern[str]:
    """A figure stated in one of its units: a numeral, not a year's (2020年), then the unit (5522家, 15个工作日); or
    one of the words that state it without a numeral (及时)."""
    ways = [literal_alternation(figure.said)] if figure.said else []
    if figure.stated:
        ways.append(rf"(?!{_YEAR.pattern}){STATED_NUMERAL}(?:{literal_alternation(figure.stated)})")
    return re.compile("|".join(ways) or "(?!)")


class _Loader:
    """Validates file by file, collecting every problem instead of stopping at the first."""

    def __init__(self, folder: Path, words: Wording) -> None:
        self.folder = folder
        self.words = words
        self.problems: list[str] = []

    def load(self, name: str, model: type[M]) -> M | None:
        loaded, problems = self.words.read(self.folder / name, model, name)
        self.problems += problems
        return loaded


def load_knowledge(folder: Path, templates: Path, cache: Path | None = None) -> KnowledgeBase:
    """The knowledge in `folder`, validated (KnowledgeError lists every problem) and indexed. `cache`, a
    folder the bot may write, keeps what this builds between starts (knowledge.cache). `templates` is the
    folder whose knowledge_problems.j2, assessment_words.j2 and citation_words.j2 it words its problems, answers
    and cited clauses with."""
    words = Wording(templates)
    if cache is None:
        return _build(folder, words)
    path = stored.cache_file(cache, folder, templates)
    kept = stored.read(path)
    if isinstance(kept, KnowledgeBase):
        return kept
    kb = _build(folder, words)
    stored.write(path, kb)  # before anything uses it: lazily built parts stay unbuilt in the file
    return kb


def _build(folder: Path, words: Wording) -> KnowledgeBase:
    loader = _Loader(folder, words)
    sources = loader.load("sources.yaml", SourcesFile)
    counties = loader.load("counties.yaml", Counties)
    synonyms = loader.load("synonyms.yaml", SynonymFile)
    industries = loader.load("industries.yaml", CatalogueFile)
    cues = loader.load("industry_cues.yaml", CuesFile)
    outside = loader.load("outside.yaml", OutsideFile)
    real_words = loader.load("real_words.yaml", RealWordsFile)
    smalltalk = loader.load("smalltalk.yaml", SmallTalk)
    intents = loader.load("intents.yaml", IntentFile)
    others_data = loader.load("others_data_cues.yaml", OthersDataCues)
    commands = loader.load(COMMANDS_FILE, CommandsFile)
    faq_files = {path.name: loader.load(path.name, FaqFile) for path in sorted(folder.glob("faq_*.yaml"))}
    flow_messages = loader.load(f"{FLOWS}/{FLOW_MESSAGES}", FlowMessages)
    flows = {
        f"{FLOWS}/{path.name}": loader.load(f"{FLOWS}/{path.name}", Flow)
        for path in sorted((folder / FLOWS).glob("*.yaml"))
        if path.name != FLOW_MESSAGES
    }
    if loader.problems or not (
        sources
        and counties
        and synonyms
        and industries
        and cues
        and outside
        and real_words
        and smalltalk
        and flow_messages
        and intents
        and others_data
        and commands
    ):
        raise KnowledgeError(loader.problems)
    entries = [(name, entry) for name, data in faq_files.items() if data for entry in data.entries]
    _cross_check(loader.problems, words, sources, counties, synonyms, industries, entries)
    _check_outside(loader.problems, words, sources, industries, cues, outside)
    known = {entry.id for _, entry in entries}
    for number, intent in enumerate(intents.intents):
        loader.problems += [
            words.problem("unknown_entry", where=f"intents.yaml: intents.{number}", entry=entry_id)
            for entry_id in (*intent.lead, *intent.others, *intent.purpose, *intent.meaning)
            if entry_id not in known
        ]
    answering_other_years = intents.other_years.deadlines_answered_by
    if answering_other_years is not None and answering_other_years not in known:
        where = "intents.yaml: other_years.deadlines_answered_by"
        loader.problems.append(words.problem("unknown_entry", where=where, entry=answering_other_years))
    handed_in = [
        entry_id
        for document in intents.deadline_days.documents
        for entry_id in (document.answered_by, document.late_answered_by, document.handed_on_answered_by)
        if entry_id is not None
    ]
    if intents.deadline_days.consequence_answered_by is not None:
        handed_in.append(intents.deadline_days.consequence_answered_by)
    for entry_id in handed_in:
        if entry_id not in known:
            where = "intents.yaml: deadline_days"
            loader.problems.append(words.problem("unknown_entry", where=where, entry=entry_id))
    for tier in intents.above_average.tiers if intents.above_average is not None else []:
        if tier.answered_by not in known:
            where = "intents.yaml: above_average.tiers"
            loader.problems.append(words.problem("unknown_entry", where=where, entry=tier.answered_by))
    amount = intents.own_amount
    if amount is not None and amount.answered_by not in known:
        where = "intents.yaml: own_amount.answered_by"
        loader.problems.append(words.problem("unknown_entry", where=where, entry=amount.answered_by))
    several = intents.several_industries
    if several is not None and several.answered_by not in known:
        where = "intents.yaml: several_industries.answered_by"
        loader.problems.append(words.problem("unknown_entry", where=where, entry=several.answered_by))
    units = {unit for figure in intents.figures for unit in figure.stated}
    loader.problems += [
        words.problem("unknown_figure_unit", where=f"{name}: {entry.id}.figures_not_given", unit=unit)
        for name, entry in entries
        for unit in entry.figures_not_given
        if unit not in units
    ]
    loader.problems += command_problems(commands.commands, words)
    loader.problems += [
        words.problem("unknown_command", where=f"{name}: {entry.id}.offers", command=entry.offers)
        for name, entry in entries
        if entry.offers is not None and entry.offers not in commands.commands
    ]
    texts = {name: data.model_dump() for name, data in {**faq_files, **flows}.items() if data}
    if flow_messages:
        texts[f"{FLOWS}/{FLOW_MESSAGES}"] = flow_messages.model_dump()
    loader.problems += unknown_slashed(texts, commands.commands, words)
    valid_flows = {name: flow for name, flow in flows.items() if flow}
    _check_flows(loader.problems, words, valid_flows, sources, counties, industries)
    if loader.problems:
        raise KnowledgeError(loader.problems)
    return KnowledgeBase(
        sources.sources,
        counties,
        [entry for _, entry in entries],
        Catalogue(industries, cues, outside, real_words),
        Normalizer(
            synonyms.synonyms,
            synonyms.whole_words,
            smalltalk.fillers,
            smalltalk.hesitations,
            smalltalk.asking_superiors,
        ),
        smalltalk,
        {flow.id: flow for flow in valid_flows.values()},
        flow_messages,
        intents,
        synonyms.synonyms,
        others_data,
        commands.commands,
        words,
        real_words.question_words,
        real_words.question_whole_words,
    )


def _check_flows(
    problems: list[str],
    words: Wording,
    flows: dict[str, Flow],
    sources: SourcesFile,
    counties: Counties,
    industries: CatalogueFile,
) -> None:
    """Names a flow mentions must exist: industries of the catalogue, counties, source documents."""
    source_ids = {source.id for source in sources.sources}
    industry_names = {industry.name for industry in industries.industries}
    ids: dict[str, str] = {}
    for name, flow in flows.items():
        if flow.id in ids:
            problems.append(words.problem("flow_id_repeated", where=name, flow=flow.id, first=ids[flow.id]))
        ids[flow.id] = name
        mentioned_industries, mentioned_counties, docs = flow.references()
        problems += [
            words.problem("unknown_industry", where=name, industry=each)
            for each in sorted(mentioned_industries - industry_names)
        ]
        problems += [
            words.problem("unknown_county", where=name, county=each)
            for each in sorted(mentioned_counties - set(counties.names))
        ]
        problems += [
            words.problem("unknown_source", where=name, doc=each) for each in sorted(docs - source_ids)
        ]


def _check_outside(
    problems: list[str],
    words: Wording,
    sources: SourcesFile,
    industries: CatalogueFile,
    cues: CuesFile,
    outside: OutsideFile,
) -> None:
    """A word is evidence for one side only: no outside term may also be a catalogue term, and the
    industries a vague word may mean must exist."""
    if outside.source.doc not in {source.id for source in sources.sources}:
        problems.append(
            words.problem("unknown_source", where="outside.yaml: source.doc", doc=outside.source.doc)
        )
    listed = {fold(term): industry.name for industry in industries.industries for term in industry.terms}
    ids: set[str] = set()
    for cls in outside.classes:
        where = f"outside.yaml: {cls.id}"
        if cls.id in ids:
            problems.append(words.problem("id_repeated", where=where))
        ids.add(cls.id)
        for term in cls.terms:
            if len(fold(term)) < 2:
                problems.append(words.problem("outside_term_too_short", where=where, term=term))
            if fold(term) in listed:
                problems.append(
                    words.problem("outside_term_listed", where=where, term=term, industry=listed[fold(term)])
                )
    names = {industry.name for industry in industries.industries}
    for cls in outside.classes:
        problems += [
            words.problem(
                "caution_names_unknown_industry", where=f"outside.yaml: {cls.id}.caution", industry=name
            )
            for name in cls.caution_names
            if name not in names
        ]
    for term, meant in cues.vague_terms.items():
        problems += [
            words.problem("unknown_industry", where=f"industry_cues.yaml: vague_terms.{term}", industry=name)
            for name in meant
            if name not in names
        ]
    problems += [
        words.problem("unknown_industry", where=f"industry_cues.yaml: {field}", industry=name)
        for field, named in (("process_defined", cues.process_defined), ("applied_goods", cues.applied_goods))
        for name in named
        if name not in names
    ]
    for name, words_made in cues.made_without_process.items():
        where = f"industry_cues.yaml: made_without_process.{name}"
        if name not in names:
            problems.append(words.problem("unknown_industry", where=where, industry=name))
        problems += [
            words.problem("term_not_of_industry", where=where, term=term, industry=name)
            for term in words_made
            if listed.get(fold(term)) != name
        ]
    for narrow, rule in cues.narrower.items():
        problems += [
            words.problem("unknown_industry", where=f"industry_cues.yaml: narrower.{narrow}", industry=name)
            for name in (narrow, *rule.of)
            if name not in names
        ]


def _cross_check(
    problems: list[str],
    words: Wording,
    sources: SourcesFile,
    counties: Counties,
    synonyms: SynonymFile,
    industries: CatalogueFile,
    entries: list[tuple[str, Entry]],
) -> None:
    source_ids = {source.id for source in sources.sources}
    problems += [
        words.problem("unknown_county", where=f"sources.yaml: {source.id}.county", county=source.county)
        for source in sources.sources
        if source.county is not None and source.county not in counties.names
    ]
    if counties.source.doc not in source_ids:
        problems.append(
            words.problem("unknown_source", where="counties.yaml: source.doc", doc=counties.source.doc)
        )
    seen: dict[str, str] = {}
    for name, entry in entries:
        if entry.id in seen:
            problems.append(words.problem("id_repeated", where=f"{name}: {entry.id}", first=seen[entry.id]))
        seen[entry.id] = name
        if entry.source.doc not in source_ids:
            problems.append(
                words.problem("unknown_source", where=f"{name}: {entry.id}.source.doc", doc=entry.source.doc)
            )
    for name, entry in entries:
        for other in entry.see_also:
            if other not in seen:
                problems.append(
                    words.problem("unknown_entry", where=f"{name}: {entry.id}.see_also", entry=other)
                )
    numbers = sorted(industry.number for industry in industries.industries)
    if numbers != list(range(1, CATALOGUE_SIZE + 1)):
        problems.append(
            words.problem("catalogue_incomplete", where="industries.yaml: industries", size=CATALOGUE_SIZE)
        )
    owner: dict[str, str] = {}
    for industry in industries.industries:
        if industry.source.doc not in source_ids:
            where = f"industries.yaml: {industry.id}.source.doc"
            problems.append(words.problem("unknown_source", where=where, doc=industry.source.doc))
        for term in industry.terms:
            if owner.get(term, industry.name) != industry.name:
                where = f"industries.yaml: {industry.id}"
                problems.append(
                    words.problem("term_in_two_industries", where=where, term=term, industry=owner[term])
                )
            owner[term] = industry.name
    terms_seen: dict[str, int] = {}
    for number, group in enumerate(synonyms.synonyms):
        for term in group:
            if term in terms_seen and terms_seen[term] != number:
                where = f"synonyms.yaml: synonyms.{number}"
                problems.append(
                    words.problem("synonym_in_two_groups", where=where, term=term, group=terms_seen[term])
                )
            terms_seen[term] = number
