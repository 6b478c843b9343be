"""Figures as people write them: Chinese numerals, percent words (百分之七十, 七成, 三成五), 万, ranges and signs."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_DIGITS = dict(zip("零〇一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_UNITS = {"十": 10, "百": 100, "千": 1000}
_CHINESE = re.compile(r"(?:[零〇一二两三四五六七八九十百万]|千(?!克))+(?:点[零〇一二三四五六七八九]+)?")
# A lone numeral counts only as a quantity: 七成, 两万, 百分之五; not the 一 of 一时说不清.
_QUANTITY_AFTER = ("成", "万", "吨", "%", "千克", "公斤", "个")
_NUM = r"\d+(?:\.\d+)?"
# A numeral as a text states a figure before its unit, with the measure word if any (5522家, 15个工作日, 半年):
# knowledge.base reads the figures an answer states by it.
STATED_NUMERAL = rf"(?:(?<![\d.]){_NUM}|{_CHINESE.pattern}|半)个?"
_RANGE_SEP = re.compile(r"(?<=\d)(%|万|成)?(?:到|至|~|-|—|–|或)(百分之)?(?=\d)")
_PERCENT_OF = re.compile(rf"百分之({_NUM})(?:~({_NUM}))?")
_TENTHS = re.compile(rf"({_NUM})(?:成)?(?:~({_NUM}))?成(\d|半)?")
_TONNES = re.compile(rf"(?<![\d.])({_NUM})(?:~({_NUM}))?吨")
_TEN_THOUSANDS = re.compile(rf"(?<![\d.])({_NUM})(?:~({_NUM}))?万")
# 亿 (10⁸) after a figure, said in 万: "1.2亿吨" was read as 1.2 in the step's unit, ten thousand times too small; a
# digit right after it is the next lower unit's, as after 万 (1亿5 is 1.5亿)
_HUNDRED_MILLIONS = re.compile(rf"(?<![\d.])({_NUM})(?:~({_NUM}))?亿(\d(?![\d.]))?")
# Arabic figures with 万 or 千 said after them, and the digit after the unit that people use for the next lower one:
# 1万2 is 1.2万, 2万5000 is 2.5万, 3千5 is 3500, 3千 is 3000 (千克 is a unit of its own)
_TEN_THOUSANDS_TAIL = re.compile(r"(?<![\d.])(\d+)万(\d|\d{4})(?![\d.])")
_THOUSANDS = re.compile(r"(?<![\d.])(\d+)千(?!克)(\d(?![\d.]))?")
# Rough figures: 二十多, 十几, 20来 and 3万多 say at least the figure and less than one more of its last place,
# a range (20~30, 10~20, 3~4万) that a step takes at its conservative end; 几 before a unit (几十万, 好几万) names no
# figure, where 几 alone was dropped and 十万 read
_ROUGH_TAIL = "多几来"
_ROUGH = re.compile(rf"(?<![\d.])(\d+)(万|千)?[{_ROUGH_TAIL}]")
_SOME = re.compile(r"(?<![零〇一二两三四五六七八九十百千万\d])几[十百千万]+")
# A minus left once ranges are read ("5-6" is 5~6 by then) is a sign: "-5", "负5" are below zero, not 5.
_MINUS = re.compile(r"负(?=\d)")
_FIGURE = re.compile(rf"(-?{_NUM})%?(?:~(-?{_NUM}))?")


@dataclass(frozen=True)
class Figure:
    """One figure as written; a range ("60到70%", "五六万吨") has low < high."""

    low: float
    high: float

    @property
    def is_range(self) -> bool:
        return self.low != self.high


def read_figures(text: str, unit: str = "") -> list[Figure]:
    """Every figure in the text, in the step's unit: "%" for a percent, "万吨/年" takes 5万吨 as 5 and 30000吨
    as 3. Nothing found: an empty list."""
    said = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).lower())
    said = re.sub(r"(?<=\d)[,，](?=\d{3})", "", said)
    said = _SOME.sub("几", said)
    said = _CHINESE.sub(lambda m: _arabic(m, said), said)
    said = _ROUGH.sub(_rough, said)
    said = _TEN_THOUSANDS_TAIL.sub(
        lambda m: f"{_plain(int(m.group(1)) + int(m.group(2)) / 10 ** len(m.group(2)))}万", said
    )
    said = _THOUSANDS.sub(lambda m: str(int(m.group(1)) * 1000 + int(m.group(2) or 0) * 100), said)
    said = said.replace("一半", "50%") if unit == "%" else said
    said = _RANGE_SEP.sub(lambda m: f"{m.group(1) or ''}~", said)
    said = _MINUS.sub("-", said)
    said = re.sub(r"(?<=\d)(%|成)~", "~", said)  # 60%到70%: the sign is said once, at the end
    said = _PERCENT_OF.sub(lambda m: _joined(m.group(1), m.group(2), 1) + "%", said)
    if unit == "%":
        said = _TENTHS.sub(_tenths, said)
    said = _HUNDRED_MILLIONS.sub(_hundred_millions, said)
    if unit.startswith("万"):
        said = _TONNES.sub(lambda m: _joined(m.group(1), m.group(2), 0.0001), said)
        said = _TEN_THOUSANDS.sub(lambda m: _joined(m.group(1), m.group(2), 1), said)
    else:
        said = _TEN_THOUSANDS.sub(lambda m: _joined(m.group(1), m.group(2), 10000), said)
    figures = []
    for match in _FIGURE.finditer(said):
        low = float(match.group(1))
        high = float(match.group(2)) if match.group(2) else low
        figures.append(Figure(min(low, high), max(low, high)))
    return figures


def _joined(low: str, high: str | None, factor: float) -> str:
    scaled = [_plain(float(value) * factor) for value in (low, high) if value is not None]
    return "~".join(scaled)


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{round(value, 6):f}".rstrip("0").rstrip(".")


def _hundred_millions(match: re.Match[str]) -> str:
    low, high, tail = match.groups()
    if tail is not None and high is not None:  # "1到2亿5": no one figure, left unread (asked again)
        return match.group()
    if tail is not None:
        low = _plain(float(low) + int(tail) / 10)
    return _joined(low, high, 10000) + "万"


def _rough(match: re.Match[str]) -> str:
    whole, unit = int(match.group(1)), match.group(2)
    if unit == "千":
        return f"{whole * 1000}~{(whole + 1) * 1000}"
    trailing_zeros = len(str(whole)) - len(str(whole).rstrip("0"))
    return f"{whole}~{whole + (1 if unit else 10**trailing_zeros)}{unit or ''}"


def _tenths(match: re.Match[str]) -> str:
    extra = match.group(3)
    add = 0.0 if extra is None else 5.0 if extra == "半" else float(extra)
    low = float(match.group(1)) * 10 + add
    high = float(match.group(2)) * 10 + add if match.group(2) else None
    return "~".join(_plain(v) for v in (low, high) if v is not None) + "%"


def _arabic(match: re.Match[str], said: str) -> str:
    run = match.group(0)
    before, after = said[: match.start()], said[match.end() :]
    if len(run) == 1 and (run in _UNITS or run == "万"):
        alone = run in _UNITS and not before[-1:].isdigit() and after[:1] in _ROUGH_TAIL and after
        return str(_UNITS[run]) if alone else run  # 十几 is 10~20, the 千 of 3千多 is read with the 3
    quantity = before.endswith(("百分之", "成")) or after.startswith(_QUANTITY_AFTER) or said == run
    if len(run) == 1 and not quantity:
        return run
    tail = ""
    if run.endswith("万") and len(run) > 1 and "点" not in run:  # 两万: the 万 is read with the unit
        run, tail = run[:-1], "万"
    adjacent = re.fullmatch(r"([一二三四五六七八九])([一二三四五六七八九])([十百千]?)", run)
    if adjacent and _DIGITS[adjacent.group(2)] == _DIGITS[adjacent.group(1)] + 1:  # 五六万, 七八十: a range
        factor = _UNITS.get(adjacent.group(3), 1)
        low, high = _DIGITS[adjacent.group(1)] * factor, _DIGITS[adjacent.group(2)] * factor
        return f"{low}~{high}{tail}"
    value = _chinese_value(run)
    if value is not None and "万" in run:  # 两万五: said in 万 still, for a step whose unit is 万吨
        return _plain(value / 10000) + "万"
    return run + tail if value is None else _plain(value) + tail


def _chinese_value(run: str) -> float | None:
    whole, _, decimals = run.partition("点")
    number = _integer(whole) if whole else 0
    if number is None:
        return None
    if decimals:
        return float(f"{number}." + "".join(str(_DIGITS[c]) for c in decimals))
    return float(number)


def _integer(run: str) -> int | None:
    if all(c in _DIGITS for c in run):  # 一二五: digits read one by one
        return int("".join(str(_DIGITS[c]) for c in run))
    total, section, digit, before = 0, 0, None, ""
    for char in run:
        if char in _DIGITS:
            digit, before = _DIGITS[char], before if digit is None else char
        elif char in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[char]
            digit, before = None, char
        elif char == "万":
            total = (total + section + (digit or 0)) * 10000
            section, digit, before = 0, None, char
        else:
            return None
    # a last digit right after 百, 千 or 万 is the next lower unit's: 一百二 is 120, 三千五 3500, 两万五 25000
    lower = {"百": 10, "千": 100, "万": 1000}.get(before, 1) if digit is not None else 1
    return total + section + (digit or 0) * lower
