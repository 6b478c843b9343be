"""Text normalisation shared by indexing and querying: width, case, punctuation, fillers, synonyms."""

from __future__ import annotations

import functools
import operator
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from ahocorasick_rs import AhoCorasick, MatchKind

# what folding drops: spaces, punctuation and symbols (catalogue.fold and the index alike)
PUNCTUATION = re.compile(r"[\s\W_]+", re.UNICODE)
# A question asked for someone else ("我是厂里会计，老板让我问评级要不要交钱", "裕华区一家企业问，…", "老板问评级有啥好处"):
# what comes before these words says who asks, not what, and only dilutes the search. Cut before the synonyms, which
# read "问谁" as 联系人. An enterprise or the speaker's superior (Normalizer's `superiors`) asking opens the message
# (问题, 问责 and 问询 are no asking).
_ASKED_BY = r"问(?:我)?(?![题责询])"
_ASKED_FOR = rf".*?(?:让|叫|托)我(?:来)?问(?:一下|下)?|.{{0,10}}?企业{_ASKED_BY}"
# A message forwarded into the group with the asker's question after a dash ("【转发】…请各企业按时报送。——我想问下
# …"): the forwarded text says what the group was told, the words after the dash what is asked.
_FORWARDED = re.compile(r"^\s*(?:【转发】|转发\s*[:：]).*?(?:——|--)", re.DOTALL)


def asked_after_forwarded(text: str) -> str:
    """The words after a forwarded message's dash, or the whole text where nothing is forwarded before a dash."""
    if "转发" not in text:  # most questions forward nothing: no regex scan
        return text
    return _FORWARDED.sub("", text, count=1).strip() or text


CLAUSE_END = re.compile(r"[\s，,。；;！!？?、]+")  # what people end a clause with in a chat message
QUOTED = re.compile(r"“[^”]*”|「[^」]*」|\"[^\"]*\"")  # a line quoted from a document or a message
# Grade names whose sign would vanish with the punctuation: B- is not B, A+ is not A.
_GRADE_SIGNS = (
    ("bB", re.compile(r"([bB])\s*(?:[-－—–−]|减)"), r"\1减"),
    ("aA", re.compile(r"([aA])\s*(?:[+＋]|加)"), r"\1加"),
)
_GRADE = re.compile(r"(a加|b减|[abcd])(?=级|类|档|企业|厂)|(a加|b减)")
# A grade named by its letter alone as what is graded ("评A", "评上A了", "评了个B", "评成C"), aimed at ("想冲A", "想评B"),
# obtained or reached ("拿了B", "只够C", "VOCs只到B", "升到A") or as what the speaker's enterprise or its result is ("我们是B",
# "结果是A"; not the end of a range, "A到D"): the letter is that grade, as "A级" would say, for the grade reading and the
# entries' keywords (a级) alike.
# Lower-case text read before its punctuation goes, so that a comma ends the letter ("想评A，PM浓度多少": PM is no grade).
_GRADED_LETTER = re.compile(
    r"((?:评(?:了个|上|个|成|为|到)?|想评|冲|[我咱俺]们是|结果是|等级是|拿(?:了|到|个)?|够|(?<![a-z])到)\s*[abcd])(?!\s*[a-z级类档加减])"
)
# Grades compared by their letters alone ("B和C差在哪", "除了A和B还有哪些", "A+和A有啥区别"): each is that grade, as "B级"
# would say; A+ and B- (a加, b减 once folded) are grades by their signs, but the bare letter beside one is a grade too.
# Two grades listed by their letters before one 级 ("AB级", "A、B级"): each is that grade, as "A级B级" says it (the
# grade reading saw only the letter before 级); a letter doubled (AA级, as ratings of other kinds) is left alone
_LISTED_LETTERS = re.compile(r"(?<![a-z0-9])([abcd])(?!\1)([abcd])级")
_COMPARED_LETTERS = re.compile(
    r"(?<![a-z0-9])(a加|b减|[abcd])(和|跟|与|同|比|还是)(a加|b减|[abcd])(?![a-z0-9级类档加减])"
)
# An ordinal in digits ("第3条", "第（17）条", "第 1 步"): the documents number their articles and steps in Chinese
# numerals (第三条, 第（十七）条), whose brackets the punctuation's removal drops. Up to 99: no article goes further.
_DIGIT_ORDINAL = re.compile(r"第\s*[(（]?\s*([0-9０-９]{1,2})\s*[)）]?(?![0-9０-９])")
_CHINESE_DIGITS = "〇一二三四五六七八九"


# The fullwidth forms of ASCII (，？（）Ａ１) and the ideographic space, which NFKC maps to ASCII one for one.
_FULLWIDTH = re.compile("[\uff01-\uff5e\u3000]")
_FULLWIDTH_OFFSET = 0xFF01 - 0x21


_FULLWIDTH_LETTERS_AND_DIGITS = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def ascii_letters_and_digits(text: str) -> str:
    """The text with its full-width letters and digits (２０２０年, Ａ级) as the ASCII ones they are, which the rules
    reading years, grades and figures look for; the marks are left as typed."""
    return (
        _FULLWIDTH_LETTERS_AND_DIGITS.sub(_halfwidth, text)
        if _FULLWIDTH_LETTERS_AND_DIGITS.search(text)
        else text
    )


# Two to four characters said again at once ("名单名单几号交", "我们我们厂", "咋申咋申报"): voice input keeps a speaker's
# restart, and a word said twice this way ("研究研究") says no more than once
_SAID_AGAIN = re.compile(r"([\u4e00-\u9fff]{2,4})\1+")
# But a word asked both ways before a denial ("能不能不报", "是不是不用装") says 能不 twice by its form, not by a restart:
# said once it would be a statement (能不报)
_NEGATIONS = "不没"


def said_once(text: str) -> str:
    """The text with what is said twice at once said once."""
    return _SAID_AGAIN.sub(_once, text)


def _once(said: re.Match[str]) -> str:
    word = said.group(1)
    return said.group(0) if len(word) == 2 and word[1] in _NEGATIONS else word


CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")  # a run of Chinese characters
_WORDS = r"[\u4e00-\u9fffA-Za-z0-9]"
_SPACE_BETWEEN_WORDS = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


def keywords_joined(text: str) -> str:
    """The text with the spaces between Chinese words typed as into a search box removed ("罚款 额度" as 罚款额度):
    the words of a detail asked stay one phrase."""
    return _SPACE_BETWEEN_WORDS.sub("", text) if " " in text else text


# The marker of a numbered item ("一、", "2.", "（3）") at the message's start or after a mark: a letter's sub-questions
# ("现就两事咨询如下：一、…；二、…"); a digit after "1." is a decimal's (1.5吨), not an item's
_NUMBERED_ITEM = re.compile(
    r"(?:^|(?<=[\s，,。；;：:？?！!]))"
    r"(?:[一二三四五六七八九十][、．.]|[1-9][、．.](?!\d)|[（(](?:[一二三四五六七八九十]|[1-9])[)）])"
)
_ITEM_EDGES = " ，,。；;：:"


def numbered_items(text: str) -> list[str]:
    """The items a message numbers (its sub-questions "一、名单截止时间；二、纸质版份数", each asked whether or not a
    question word is in it), without their markers; none where it numbers fewer than two."""
    markers = list(_NUMBERED_ITEM.finditer(text))
    if len(markers) < 2:
        return []  # most messages
    ends = [marker.start() for marker in markers[1:]] + [len(text)]
    return [text[marker.end() : end].strip(_ITEM_EDGES) for marker, end in zip(markers, ends, strict=True)]


def before_numbered_items(text: str) -> str:
    """The words before a message's first numbered item ("关于小微涉气企业的请示" before "一、…"), without the marks."""
    first = _NUMBERED_ITEM.search(text)
    return "" if first is None else text[: first.start()].strip(_ITEM_EDGES)


class ClauseEnds:
    """Where a question ends inside a run of words typed or spoken without marks: after 吗 or 呢, which end the
    question they ask ("门禁必须装吗俺们想报C", "要刻光盘吗还是发邮箱"), before a new speaker or supposition (`new_subjects`:
    我们, 要是) that follows a question word or a closing 不/没/吧 ("清单里得填啥俺们不会填", "能按小微走不我们人少"), before
    a tag closing the message that asks to confirm what it says (`confirmation_tags`: "…不收钱是真的吗") and before
    what is asked of an event told with 了 (`asked_after_told`: "照片被发现了会怎么处理"). 为啥 and 怎么 ask why of what
    follows them ("为啥我们厂没收到"), which goes on the same clause. The words are smalltalk.yaml's."""

    def __init__(
        self, new_subjects: Iterable[str], confirmation_tags: Iterable[str], asked_after_told: Iterable[str]
    ) -> None:
        tags = list(confirmation_tags)
        # a tag ending a longer one is not cut from it: 是真的吗 ends at 是, never between 是 and 真的吗
        closing_tags = "|".join(
            "".join(
                f"(?<!{re.escape(longer[: -len(tag)])})"
                for longer in tags
                if longer.endswith(tag) and longer != tag
            )
            + re.escape(tag)
            for tag in tags
        )
        self._pattern = re.compile(
            rf"(?:(?<=吗)|(?<=呢))(?={_WORDS})"
            rf"|(?:(?<=[谁哪几不没吧])|(?<=[^为]啥))(?={literal_alternation(new_subjects) or '(?!)'})"
            rf"|(?<={_WORDS})(?=(?:{closing_tags or '(?!)'})$)"
            rf"|(?<=[^为]了)(?={literal_alternation(asked_after_told) or '(?!)'})"
        )

    def __call__(self, text: str) -> str:
        """The text with a mark where a question ends and words follow without one."""
        return self._pattern.sub(",", text)


# Spaces typed around letters and digits ("想报 C", "跟 2020 年一样吗"): set for looks on both sides of them (or one side
# and a mark or the message's end), no pause between clauses, which the clause code would read in them. A space on one side only
# is a pause ("冲A+ 门禁必须装吗"), and a space after 吗 or 呢 ends a question ("门禁必须装吗 C级呢").
_SPACED_LATIN = re.compile(
    r"(?:(?<=[\u4e00-\u9fff])(?<![吗呢])\s+|^)([A-Za-z0-9.:]+(?:\s*[+-])?)(?:\s+(?=[\u4e00-\u9fff])|\s*(?=[，,。？?！!；;])|$)"
)
# A face or a hand closing a message (🙏, 👍, 😂): a gesture, no word of what is asked (💰 may be one: kept); the
# message of a gesture alone is kept whole
_CLOSING_GESTURE = re.compile(
    "[\U0001f600-\U0001f64f\U0001f44a-\U0001f450\U0001f90c-\U0001f92f\U0001f970-\U0001f97f\u2764\ufe0f\u200d]+$"
)


def typed_spacing_read(text: str) -> str:
    """The text without the spaces typed around its letters and digits and the gesture it closes with."""
    ungestured = _CLOSING_GESTURE.sub("", text) or text
    return (
        _SPACED_LATIN.sub(lambda found: found[1].replace(" ", ""), ungestured)
        if " " in ungestured
        else ungestured
    )


def chinese_numeral(number: int) -> str:
    """1-99 as written in Chinese numerals: 3 三, 10 十, 17 十七, 20 二十, 99 九十九."""
    tens, units = divmod(number, 10)
    written_tens = "" if not tens else "十" if tens == 1 else _CHINESE_DIGITS[tens] + "十"
    return written_tens + (_CHINESE_DIGITS[units] if units else "")


def _written_ordinal(found: re.Match[str]) -> str:
    number = int(found[1])  # int reads fullwidth digits too
    return f"第{chinese_numeral(number)}" if number else found[0]


def chinese_ordinals(text: str) -> str:
    """The text with its ordinals in digits written in Chinese numerals, without brackets: 第（17）条 第十七条."""
    return _DIGIT_ORDINAL.sub(_written_ordinal, text) if "第" in text else text  # most texts hold no ordinal


def _halfwidth(found: re.Match[str]) -> str:
    char = found[0]
    return " " if char == "\u3000" else chr(ord(char) - _FULLWIDTH_OFFSET)


def nfkc(text: str) -> str:
    """The text in Unicode's NFKC form. Chinese messages hold fullwidth punctuation (，？), which sends unicodedata
    down its slow path over the whole text; mapped first to what NFKC makes of them, the text is mostly already in
    NFKC form, which unicodedata finds by its quick check. Same result: NFKC decomposes each of those characters to
    exactly that ASCII one."""
    return unicodedata.normalize("NFKC", _FULLWIDTH.sub(_halfwidth, text))


def literal_alternation(words: Iterable[str]) -> str:
    """A pattern matching any of the words, the longest one that fits at a place first, as the words joined longest
    first would, but written as a tree of their shared beginnings ("申报(?:流程|时间|)"): at a place, `re` tries each
    alternative in turn, and the tree has one per different first character instead of one per word."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        if word:
            node[""] = {}  # a word ends here

    def branches(node: dict[str, dict]) -> list[str]:
        return [re.escape(char) + written(child) for char, child in sorted(node.items()) if char]

    def written(node: dict[str, dict]) -> str:
        longer = branches(node)
        if "" in node:  # a longer word first, then this one: "|)" tries nothing last
            return f"(?:{'|'.join(longer)}|)" if longer else ""
        return longer[0] if len(longer) == 1 else f"(?:{'|'.join(longer)})"

    return "|".join(branches(tree))


class Normalizer:
    """Folds a text to the form the index is built on; synonyms are rewritten to their canonical term."""

    def __init__(
        self,
        synonym_groups: Iterable[list[str]],
        whole_words: Iterable[str] = (),
        fillers: Iterable[str] = (),
        hesitations: Iterable[str] = (),
        superiors: Iterable[str] = (),
    ) -> None:
        """`fillers`: words that carry no meaning in a chat question, taken out of it last (smalltalk.yaml's fillers);
        `hesitations`: words said while looking for a word, taken out where they split a synonym's member (its
        hesitations); `superiors`: the speaker's superiors, whose asking opening a message (老板问…) is cut with
        what is said for someone else (its asking_superiors)."""
        canonical: dict[str, str] = {}
        for group in synonym_groups:
            head = self._fold(group[0])
            for member in group[1:]:
                canonical[self._fold(member)] = head
        self._canonical = self._with_other_beginnings(canonical)
        # a whole word is read as itself, so that no member starting inside it is rewritten ("识别的" keeps its 别的)
        for word in map(self._fold, whole_words):
            self._canonical.setdefault(word, word)
        self._fillers = re.compile(literal_alternation(map(self._fold, fillers)) or "(?!)")
        self._superiors = tuple(map(self._fold, superiors))
        by_superior = f"|(?:{literal_alternation(self._superiors)}){_ASKED_BY}" if self._superiors else ""
        self._asked_for = re.compile(f"^(?:{_ASKED_FOR}{by_superior})")
        self._hesitations = sorted(
            map(self._fold, hesitations), key=len, reverse=True
        )  # 就是说 before its 就是
        self._remember_results()

    @staticmethod
    def _with_other_beginnings(canonical: dict[str, str]) -> dict[str, str]:
        """The members with those beginning with another group's canonical term ("评级的材料") also said with that
        group's members ("绩效评定的材料"): rewritten left to right, the longer member must be found whole, or the
        shorter one's rewriting leaves the rest unread."""
        members_of: dict[str, list[str]] = defaultdict(list)
        for member, head in canonical.items():
            members_of[head].append(member)
        derived = dict(canonical)
        for member, head in canonical.items():
            for other_head, others in members_of.items():
                if other_head != head and len(member) > len(other_head) and member.startswith(other_head):
                    rest = member[len(other_head) :]
                    for other in others:
                        derived.setdefault(other + rest, head)
        return derived

    def _remember_results(self) -> None:
        # A question is normalised for the intents, the index and again for a second look: once is enough.
        self._normalized = functools.lru_cache(maxsize=256)(self._normalize)
        # Every member in one Aho-Corasick automaton (C), the longest at each place, left to right: `re`, even with
        # the members written as a tree of their shared beginnings, tries each of their hundreds of first characters
        # in turn at every place (~27k instructions a question against ~5k). Built here, as pickle cannot store it.
        self._members = [member for member in self._canonical if member]  # the automaton takes no empty word
        self._synonyms = AhoCorasick(self._members, matchkind=MatchKind.LeftmostLongest)

    def __getstate__(self) -> dict[str, object]:
        """Pickled without the results it remembers and the synonyms' automaton (knowledge.cache): a wrapper of a
        bound method and a Rust object, which pickle cannot store, both built again as it is read."""
        unstored = ("_normalized", "_members", "_synonyms")
        return {name: value for name, value in self.__dict__.items() if name not in unstored}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._remember_results()

    @staticmethod
    def _fold(text: str) -> str:
        text = chinese_ordinals(nfkc(text))
        for letters, pattern, replacement in _GRADE_SIGNS:
            if letters[0] in text or letters[1] in text:  # most questions name no grade: no regex scan
                text = pattern.sub(replacement, text)
        text = text.lower()
        # most questions hold no grade's letter: no regex scan
        if "a" in text or "b" in text or "c" in text or "d" in text:
            text = _GRADED_LETTER.sub(r"\1级", text)
        text = PUNCTUATION.sub("", text)
        text = _LISTED_LETTERS.sub(r"\1级\2级", text) if "级" in text else text
        # found before it is replaced: `sub` with a template runs re's Python helper at every call (~4 µs), and few texts
        # compare letters
        return _COMPARED_LETTERS.sub(r"\1级\2\3级", text) if _COMPARED_LETTERS.search(text) else text

    def __call__(self, text: str) -> str:
        return self._normalized(text)

    def _normalize(self, text: str) -> str:
        folded = self._fold(asked_after_forwarded(text))
        # most questions say nothing of who asks: no regex scan
        if "我问" in folded or "我来问" in folded or "企业问" in folded or folded.startswith(self._superiors):
            folded = self._asked_for.sub("", folded, count=1) or folded
        folded = self._rewrite_synonyms(self._without_hesitations_in_terms(folded))
        return self._fillers.sub("", folded) or folded

    def _without_hesitations_in_terms(self, text: str) -> str:
        """The text without each hesitation said inside a synonym's member ("激励那个政策" is 激励政策): speech puts it
        where the speaker stops to find the word. Elsewhere it points at a thing ("承德那个钢厂") and is left."""
        for hesitation in self._hesitations:
            at = text.find(hesitation)
            while at >= 0:  # most questions hold none
                joined = text[:at] + text[at + len(hesitation) :]
                if any(start < at < end for _, start, end in self._synonyms.find_matches_as_indexes(joined)):
                    text, at = joined, joined.find(hesitation, at)
                else:
                    at = text.find(hesitation, at + len(hesitation))
        return text

    def _rewrite_synonyms(self, text: str) -> str:
        """Each synonym by its canonical term: the longest member at each position, left to right."""
        found = self._synonyms.find_matches_as_indexes(text)
        if not found:
            return text  # most questions
        canonical, members = self._canonical, self._members
        pieces: list[str] = []
        at = 0
        for member, start, end in found:
            pieces += (text[at:start], canonical[members[member]])
            at = end
        pieces.append(text[at:])
        return "".join(pieces)


def grades(normalized: str) -> frozenset[str]:
    """The grades a normalised text names (a, a加, b, b减, c, d); B- counts as a kind of B."""
    found = {first or second for first, second in _GRADE.findall(normalized)}
    return frozenset(found | ({"b"} if "b减" in found else set()))


# A grade moved to or aimed at ("想升B级", "升到A级", "降成C级", "C级想评B级"): of two grades a message names, the one it asks
# about; the other is where the enterprise stands. Normalised text: the grade after one of these words.
_GRADE_AIMED_AT = re.compile(
    r"(?:升|提|降|冲|想评|想报|要评|要报)(?:级|一级)?(?:到|为|成|上)?(a加|b减|[abcd])(?=级|类|档)"
)
# A clause naming a grade that tells something of its own (a statement: "隔壁厂评上A级预警也不停"), not a grade listed
# between commas ("A级，B级，C级分别要什么"): this many characters besides its grade's.
_GRADE_CLAUSE_TOLD = 4


def grades_asked(normalized: str, clauses: Iterable[str]) -> frozenset[str]:
    """The grades a normalised message asks about. Where it names several, the grade it aims at ("C级想升B级要做啥":
    B), or else those of its last clause naming one, where an earlier clause tells something of other grades ("隔壁厂
    评上A级预警也不停，我们评的B级预警时候一般要怎么减排": B); a comparison in one clause ("A级跟B级差在哪") asks
    both. `clauses`: the message's clauses, normalised."""
    named = grades(normalized)
    if len(named - {"b"} if "b减" in named else named) < 2:
        return named  # one grade (B- counting as a kind of B), or none: most messages
    aimed_at = frozenset(_GRADE_AIMED_AT.findall(normalized))
    if aimed_at and aimed_at != named:
        return aimed_at | ({"b"} if "b减" in aimed_at else set())
    by_clause = [(grades(clause), clause) for clause in clauses]
    by_clause = [(found, clause) for found, clause in by_clause if found]
    if len(by_clause) < 2:
        return named
    last, _ = by_clause[-1]
    told_before = [
        clause
        for found, clause in by_clause[:-1]
        if not found <= last and len(_GRADE.sub("", clause)) >= _GRADE_CLAUSE_TOLD
    ]
    return last if told_before else named


# a day written with its month (8月2号, 7月25日) or a month alone (8月份, 8月初): what is not a day names the whole month
DAY_OF_MONTH = re.compile(
    r"(?<![0-9])(1[0-2]|[1-9])月(?:(3[01]|[12][0-9]|[1-9])[日号](?![0-9])|份|初|中旬|上旬|下旬)"
)


def days_named(normalized: str) -> list[tuple[int, int | None]]:
    """The days (month, day) and months (month, None) a normalised text names, in order."""
    return [
        (int(found[1]), int(found[2]) if found[2] else None) for found in DAY_OF_MONTH.finditer(normalized)
    ]


def grams(text: str) -> set[str]:
    """Character bigrams plus single characters: a Chinese character carries meaning on its own (真假/真实).
    A single character is its own feature, never mistaken for a bigram, which has two."""
    found = set(map(operator.add, text, text[1:]))
    found.update(text)
    return found
