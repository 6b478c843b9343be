"""Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters ending in a check character."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
WEIGHTS = [pow(3, i, 31) for i in range(17)]  # 1, 3, 9, 27, 19, 26, …
LENGTH = 18
# One written inside a message ("9113…这个代码的企业要报吗"): a digit, then letters and digits to 18, standing alone,
# or the last 18 of a longer run after a Latin letter: a code glued to a name's last letters (…公司ABC9113…)
_GLUED_OR_ALONE = re.compile(
    rf"(?<![0-9A-Za-z])(?:[0-9A-Za-z]*?[A-Za-z])?(?P<code>[0-9][0-9A-Za-z]{{{LENGTH - 1}}})(?![0-9A-Za-z])"
)


@dataclass(frozen=True, slots=True)
class CodeProblem:
    kind: Literal["length", "charset", "check"]
    length: int = 0
    position: int = 0  # 1-based position of the first character outside the charset
    char: str = ""


def normalize(text: str) -> str:
    """Half-width upper case without spaces or dashes: how people paste a code from a licence."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).upper() if ch not in " -\t")


def check_character(first17: str) -> str:
    total = sum(CHARSET.index(ch) * weight for ch, weight in zip(first17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def problem(code: str) -> CodeProblem | None:
    """What is wrong with a (normalised) code, or None when it is valid."""
    if len(code) != LENGTH:
        return CodeProblem("length", length=len(code))
    for position, ch in enumerate(code, start=1):
        if ch not in CHARSET:
            return CodeProblem("charset", position=position, char=ch)
    if check_character(code[:17]) != code[17]:
        return CodeProblem("check")
    return None


def mask(code: str) -> str:
    """For logs: enough to tell codes apart, never the whole code."""
    return f"{code[:4]}**********{code[-2:]}" if len(code) > 8 else "****"


def written_in(text: str) -> list[re.Match[str]]:
    """The codes written inside a message, each a match whose `code` group is the code: one standing alone, whatever
    its characters (a mistyped one is told what is wrong), or one glued after the Latin letters ending a name
    (恒达科技有限公司ABC9113…) only where its check character holds, as nothing else tells where such a run splits."""
    return [
        found
        for found in _GLUED_OR_ALONE.finditer(text)
        if found.start("code") == found.start() or _holds(found["code"].upper())
    ]


def _holds(code: str) -> bool:
    """Whether 18 characters are a valid code: of the charset, their check character right."""
    return all(ch in CHARSET for ch in code) and check_character(code[:17]) == code[17]
