"""Reading a time the way staff type it (2020-07-17 09:00, 7月17日9:00, 7/17 9:00, 17号9点, 明天9点, 明晚8点,
下午3点, 2小时后; 昨天9点 too, so that a time gone by is refused as past, not as unread)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_NUMBER = r"\d{1,2}|[零〇一二两三四五六七八九十]{1,3}"
_PERIOD = r"凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|今晚"
_CLOCK = (
    rf"(?P<period>{_PERIOD})?\s*(?P<hour>{_NUMBER})\s*"
    rf"(?:[:：]\s*(?P<minute>\d{{2}})|[点时](?:(?P<half>半)|(?P<dot_minute>{_NUMBER})分?|整)?)"
)
_FORMS = [
    re.compile(
        rf"^(?P<year>\d{{4}})[-/.年](?P<month>\d{{1,2}})[-/.月](?P<day>\d{{1,2}})[日号]?(?:\s*|T){_CLOCK}"
    ),
    re.compile(rf"^(?:(?P<month>\d{{1,2}})月)?(?P<day>\d{{1,2}})[日号]\s*{_CLOCK}"),  # 17号9点: this month
    re.compile(
        rf"^(?P<relative>今天|今日|今早|明天|明日|明早|明晚|大后天|后天|昨天|昨日|昨晚|前天)\s*{_CLOCK}"
    ),
    # 7/17 9:00, 7.17 9点, 7/17下午3点 (a space or a part of the day between: 7.179 is no time)
    re.compile(rf"^(?P<month>\d{{1,2}})[-/.](?P<day>\d{{1,2}})(?:\s+|(?={_PERIOD})){_CLOCK}"),
    re.compile(rf"^{_CLOCK}"),
]
# A day, a part of the day or both said with no hour after them ("7月17日 开会", "下午 交材料", "明天下午"): the forms
# above without their clock. A part of the day after a space is the text's ("今天 下午开会")
_DAY = r"(?:\d{4}[-/.年])?\d{1,2}[-/.月]\d{1,2}[日号]?|\d{1,2}[日号]|今天|今日|明天|明日|大后天|后天"
_DAY_ALONE = re.compile(rf"^(?:(?:{_DAY})(?:{_PERIOD})?|(?:{_PERIOD}))(?!\d)")
_PART_OF_DAY = re.compile(rf"(?:{_PERIOD})$")
_LATER = re.compile(
    r"^(?P<amount>\d+(?:\.\d+)?|半|[一两二三四五六七八九十]{1,3})\s*个?\s*(?P<unit>分钟|小时|钟头|天)\s*以?后"
)
_DAYS_AHEAD = {
    "今天": 0,
    "今日": 0,
    "今早": 0,
    "明天": 1,
    "明日": 1,
    "明早": 1,
    "明晚": 1,
    "后天": 2,
    "大后天": 3,
    "昨天": -1,
    "昨日": -1,
    "昨晚": -1,
    "前天": -2,
}
_PERIOD_OF_DAY = {"今早": "早上", "明早": "早上", "明晚": "晚上", "昨晚": "晚上"}  # 明晚8点 is 明天晚上8点
_PART_OF_DAY_NAMED = re.compile("|".join([_PERIOD, *_PERIOD_OF_DAY]))
_UNITS = {"分钟": "minutes", "小时": "hours", "钟头": "hours", "天": "days"}
# the console's /advance: 2h, 3天, 30min, 1.5d, and parts of several units one after another (1h30m, 1天2小时)
_DURATION_PART = r"(\d+(?:\.\d+)?)\s*(min|d|h|m|s|天|小时|分钟|分|秒)"
_DURATION = re.compile(rf"^(?:{_DURATION_PART}\s*)+$")
_DURATION_UNITS = {
    "d": "days",
    "天": "days",
    "h": "hours",
    "小时": "hours",
    "m": "minutes",
    "min": "minutes",
    "分钟": "minutes",
    "分": "minutes",
    "s": "seconds",
    "秒": "seconds",
}


# A bare hour up to this one, said after that hour of the morning has passed, is the afternoon's ("3点 开会" at
# 09:00); later bare hours ("9点" at 10:00) stay as said, refused as past, since they may as well mean tomorrow.
AFTERNOON_HOURS_SAID_BARE = 6


def parse_duration(text: str) -> timedelta | None:
    """An amount and a unit (2h, 3天, 30min), or several one after another (1h30m); None if the text is not one."""
    if _DURATION.match(text.strip()) is None:
        return None
    try:
        return sum(
            (
                timedelta(**{_DURATION_UNITS[unit]: float(amount)})
                for amount, unit in re.findall(_DURATION_PART, text)
            ),
            timedelta(),
        )
    except OverflowError:  # more days than a timedelta holds: as far as one goes, which no clock reaches
        return timedelta.max


def chinese_number(text: str) -> int:
    """12, 十二, 两, 三十 → an int (small numbers only: hours, minutes, days)."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    return _CN_DIGITS[text]


def parse_when(text: str, now: datetime) -> tuple[datetime, str] | None:
    """The moment a text starts with, and the rest of the text; None if it starts with no time.

    A clock time without a day means today; a day without a year means this year. Past moments are
    returned as they are: refusing them is the caller's business.
    """
    try:
        return _parse_when(text, now)
    except (KeyError, ValueError, OverflowError):
        return None  # "两三点", "99999999天后": not a time this parser reads, so the caller asks again


def names_part_of_day(text: str) -> bool:
    """Whether a text says which part of the day it means (凌晨, 下午, 明晚 …)."""
    return _PART_OF_DAY_NAMED.search(text) is not None


def day_said_alone(text: str) -> str | None:
    """The day a text starts with when no hour follows it (7月17日, 明天, 下午, 明天下午): a time half given, to be asked
    for."""
    text = text.strip()
    match = _DAY_ALONE.match(text)
    timed = _LATER.match(text) or any(form.match(text) for form in _FORMS)
    return None if match is None or timed else match.group(0)


def part_of_the_day(day: str) -> str:
    """The part of the day (下午) a day said alone ends with, else empty."""
    found = _PART_OF_DAY.search(day)
    return found.group(0) if found else ""


def _parse_when(text: str, now: datetime) -> tuple[datetime, str] | None:
    text = text.strip()
    later = _LATER.match(text)
    if later:
        amount = 0.5 if later.group("amount") == "半" else _amount(later.group("amount"))
        moment = now + timedelta(**{_UNITS[later.group("unit")]: amount})
        return moment.replace(second=0, microsecond=0), text[later.end() :].strip()
    for form in _FORMS:
        match = form.match(text)
        if match is None:
            continue
        named = _moment(match.groupdict(), now)
        return (named, text[match.end() :].strip()) if named is not None else None
    return None


def _amount(text: str) -> float:
    return float(text) if text[0].isdigit() else float(chinese_number(text))


def _moment(parts: dict[str, str | None], now: datetime) -> datetime | None:
    hour = chinese_number(parts["hour"] or "0")
    if parts["half"]:
        minute = 30
    else:
        minute = chinese_number(parts["minute"] or parts["dot_minute"] or "0")
    relative = parts.get("relative") or ""
    period = parts["period"] or _PERIOD_OF_DAY.get(relative)
    midnight = period in ("晚上", "今晚") and hour == 12  # 晚上12点 ends the day it names: 00:00 of the next
    if midnight:
        hour = 0
    elif period in ("下午", "傍晚", "晚上", "今晚") and hour < 12:
        hour += 12
    elif period == "中午" and hour < 11:
        hour += 12
    day = now + timedelta(days=_DAYS_AHEAD.get(relative, 0))
    try:
        named = now.replace(
            year=int(parts.get("year") or day.year),
            month=int(parts.get("month") or day.month),
            day=int(parts.get("day") or day.day),
            hour=hour,
            minute=minute,
            second=0,
            microsecond=0,
        )
    except ValueError:  # 7月32日, 25点 …
        return None
    if midnight:
        return named + timedelta(days=1)
    bare = not (period or relative or parts.get("day"))
    if bare and 1 <= hour <= AFTERNOON_HOURS_SAID_BARE and named <= now < named + timedelta(hours=12):
        return named + timedelta(hours=12)  # "3点" said at 09:00 means this afternoon, not a time gone by
    return named
