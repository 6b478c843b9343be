"""Text normalisation shared by indexing and querying: width, case, punctuation, fillers, synonyms."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

# Words that carry no meaning in a chat question; removed before matching.
FILLERS = (
    "请问一下",
    "请问",
    "麻烦问一下",
    "问一下",
    "想问下",
    "想问",
    "老师",
    "领导",
    "您好",
    "你好",
    "各位",
    "打扰了",
    "谢谢",
    "啊",
    "呀",
    "呢",
    "吧",
    "哈",
    "哦",
    "嘛",
    "咱们",
    "我们",
    "我司",
    "本公司",
)
_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)
# Grade names whose sign would vanish with the punctuation: B- is not B, A+ is not A.
_GRADE_SIGNS = (
    (re.compile(r"([bB])\s*(?:[-－—–−]|减)"), r"\1减"),
    (re.compile(r"([aA])\s*(?:[+＋]|加)"), r"\1加"),
)
_GRADE = re.compile(r"(a加|b减|[abcd])(?=级|类|档|企业|厂)|(a加|b减)")


class Normalizer:
    """Folds a text to the form the index is built on; synonyms are rewritten to their canonical term."""

    def __init__(self, synonym_groups: Iterable[list[str]]) -> None:
        canonical: dict[str, str] = {}
        for group in synonym_groups:
            head = self._fold(group[0])
            for member in group[1:]:
                canonical[self._fold(member)] = head
        self._canonical = canonical
        members = sorted(canonical, key=len, reverse=True)
        # Alternatives longest first: the regex then takes the longest member at each position.
        self._synonyms = re.compile("|".join(map(re.escape, members))) if members else None
        self._fillers = re.compile("|".join(map(re.escape, sorted(FILLERS, key=len, reverse=True))))
        # A question is normalised for the intents, the index and again for a second look: once is enough.
        self._normalized = functools.lru_cache(maxsize=256)(self._normalize)

    @staticmethod
    def _fold(text: str) -> str:
        text = unicodedata.normalize("NFKC", text)
        for pattern, replacement in _GRADE_SIGNS:
            text = pattern.sub(replacement, text)
        return _PUNCT.sub("", text.lower())

    def __call__(self, text: str) -> str:
        return self._normalized(text)

    def _normalize(self, text: str) -> str:
        folded = self._fold(text)
        if self._synonyms is not None:
            folded = self._synonyms.sub(lambda m: self._canonical[m.group(0)], folded)
        return self._fillers.sub("", folded) or folded


def grades(normalized: str) -> frozenset[str]:
    """The grades a normalised text names (a, a加, b, b减, c, d); B- counts as a kind of B."""
    found = {first or second for first, second in _GRADE.findall(normalized)}
    return frozenset(found | ({"b"} if "b减" in found else set()))


UNIGRAM = "#"  # marks a single-character feature, so it never collides with a bigram


def grams(text: str) -> set[str]:
    """Character bigrams plus single characters: a Chinese character carries meaning on its own (真假/真实)."""
    pairs = {text[i : i + 2] for i in range(len(text) - 1)}
    return pairs | {UNIGRAM + char for char in text}
