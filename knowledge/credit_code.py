"""Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters ending in a check character."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
WEIGHTS = [pow(3, i, 31) for i in range(17)]  # 1, 3, 9, 27, 19, 26, …
LENGTH = 18
# One written inside a message ("9113…这个代码的企业要报吗"): a digit, then letters and digits to 18, standing alone
IN_TEXT = re.compile(rf"(?<![0-9A-Za-z])[0-9][0-9A-Za-z]{{{LENGTH - 1}}}(?![0-9A-Za-z])")


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
