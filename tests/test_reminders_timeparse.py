"""Reading the times staff type in /提醒."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.clock import TZ
from bot.timeparse import day_said_alone, parse_duration, parse_when, part_of_the_day

NOW = datetime(2020, 7, 15, 9, 0, tzinfo=TZ)
# the units the console's /advance takes, written out
SECONDS_PER_UNIT = {
    "d": 86400,
    "天": 86400,
    "h": 3600,
    "小时": 3600,
    "m": 60,
    "min": 60,
    "分钟": 60,
    "分": 60,
}
SECONDS_PER_UNIT |= {"s": 1, "秒": 1}


@pytest.mark.parametrize(
    ("text", "moment", "rest"),
    [
        ("2020-07-17 09:00 交材料", "2020-07-17 09:00", "交材料"),
        ("2020-07-17T09:00 交材料", "2020-07-17 09:00", "交材料"),
        ("2020年7月17日9:30 交材料", "2020-07-17 09:30", "交材料"),
        ("7月17日9:00 交材料", "2020-07-17 09:00", "交材料"),
        ("7月17号 下午3点半 开会", "2020-07-17 15:30", "开会"),
        ("明天9点 请带公章", "2020-07-16 09:00", "请带公章"),
        ("明天九点 请带公章", "2020-07-16 09:00", "请带公章"),
        ("明天9点30分 开会", "2020-07-16 09:30", "开会"),
        ("后天晚上8点 开会", "2020-07-17 20:00", "开会"),
        ("中午1点 吃饭", "2020-07-15 13:00", "吃饭"),
        ("今晚八点 开会", "2020-07-15 20:00", "开会"),
        ("15:00 开会", "2020-07-15 15:00", "开会"),
        ("2小时后 开会", "2020-07-15 11:00", "开会"),
        ("两个小时后 开会", "2020-07-15 11:00", "开会"),
        ("半小时后 开会", "2020-07-15 09:30", "开会"),
        ("30分钟后 开会", "2020-07-15 09:30", "开会"),
        ("3天后 复查", "2020-07-18 09:00", "复查"),
        ("明天9点 3个群都要交", "2020-07-16 09:00", "3个群都要交"),
        # 晚上12点 ends the day it names: a reminder a whole day early was set for 明天晚上12点 and 7月17日晚上12点
        ("晚上12点 关网", "2020-07-16 00:00", "关网"),
        ("明天晚上12点 关网", "2020-07-17 00:00", "关网"),
        ("后天晚上12点 关网", "2020-07-18 00:00", "关网"),
        ("7月17日晚上12点 关网", "2020-07-18 00:00", "关网"),
        ("2020-07-17 晚上12点 关网", "2020-07-18 00:00", "关网"),
        # ways of naming the day that were "没看懂提醒时间"
        ("明早9点 开会", "2020-07-16 09:00", "开会"),
        ("明晚8点 开会", "2020-07-16 20:00", "开会"),
        ("今早10点 开会", "2020-07-15 10:00", "开会"),
        ("大后天9点 复查", "2020-07-18 09:00", "复查"),
        ("17号9点 交材料", "2020-07-17 09:00", "交材料"),
        ("17日 下午3点 交材料", "2020-07-17 15:00", "交材料"),
        ("7/17 9:00 交材料", "2020-07-17 09:00", "交材料"),
        ("7-17 9:00 交材料", "2020-07-17 09:00", "交材料"),
        ("7.17 9点 交材料", "2020-07-17 09:00", "交材料"),
        # a bare hour of the small hours already past today is this afternoon's; a later one is as said
        ("3点 开会", "2020-07-15 15:00", "开会"),
        ("三点半 开会", "2020-07-15 15:30", "开会"),
        ("9点 开会", "2020-07-15 09:00", "开会"),
        ("早上6点 出发", "2020-07-15 06:00", "出发"),
        ("17日3点 交材料", "2020-07-17 03:00", "交材料"),
    ],
)
def test_times_staff_type(text: str, moment: str, rest: str) -> None:
    assert parse_when(text, NOW) == (datetime.fromisoformat(moment).replace(tzinfo=TZ), rest)


@pytest.mark.parametrize("text", ["请交材料", "明天 请交", "7月17日 交材料", "7月32日9:00 x", "25点 x", ""])
def test_no_time_or_an_impossible_one(text: str) -> None:
    assert parse_when(text, NOW) is None


def test_phrases_it_cannot_read_are_no_time_not_a_crash() -> None:
    from bot.timeparse import parse_when
    from tests.harness import START

    for text in ("下午两三点 开会", "两三天后 交材料", "99999999天后 交材料"):
        assert parse_when(text, START) is None


def test_midnight_in_the_evening_is_the_end_of_the_day() -> None:
    from bot.timeparse import parse_when
    from tests.harness import START

    moment, rest = parse_when("晚上12点 截止", START)  # type: ignore[misc]
    assert (moment.day, moment.hour, rest) == (START.day + 1, 0, "截止")


@given(amount=st.integers(min_value=0, max_value=10_000), unit=st.sampled_from(sorted(SECONDS_PER_UNIT)))
def test_a_duration_is_its_amount_in_its_unit(amount: int, unit: str) -> None:
    assert parse_duration(f"{amount}{unit}") == timedelta(seconds=amount * SECONDS_PER_UNIT[unit])
    assert parse_duration(f" {amount} {unit} ") == timedelta(seconds=amount * SECONDS_PER_UNIT[unit])


@given(
    parts=st.lists(
        st.tuples(st.integers(min_value=0, max_value=1_000), st.sampled_from(sorted(SECONDS_PER_UNIT))),
        min_size=1,
        max_size=4,
    ),
    gap=st.sampled_from(["", " "]),
)
def test_a_duration_of_several_parts_is_their_sum(parts: list[tuple[int, str]], gap: str) -> None:
    """ "/advance 1h30m" was told the duration's form was wrong."""
    text = gap.join(f"{amount}{unit}" for amount, unit in parts)
    assert parse_duration(text) == timedelta(
        seconds=sum(amount * SECONDS_PER_UNIT[unit] for amount, unit in parts)
    )


@pytest.mark.parametrize("text", ["", "2", "h", "2 周", "-2h", "两小时", "2h后", "1h30", "1h-30m"])
def test_what_is_no_duration(text: str) -> None:
    assert parse_duration(text) is None


TIME_WORDS = st.text(
    alphabet="0123456789一二两三十半点时分:：号日月年-/ 明后今天晚上下午中小个钟", max_size=16
)


@given(text=TIME_WORDS | st.text(max_size=16))
def test_any_text_is_a_moment_and_the_rest_of_it_or_no_time(text: str) -> None:
    """What staff type after /提醒 never breaks the parser: a moment of the bot's time zone with the words
    after it, or None (the command then asks again)."""
    parsed = parse_when(text, NOW)
    if parsed is not None:
        moment, rest = parsed
        assert moment.tzinfo is not None
        assert text.strip().endswith(rest)


DAYS = st.sampled_from(
    ["7月17日", "7月17号", "17号", "17日", "2020-07-17", "2020年7月17日", "7/17", "今天", "明天", "后天"]
)
CLOCKS = st.sampled_from(["9点", "9:00", "下午3点", "上午10点半", "晚上8点"])
WORDS = st.sampled_from(["", " 开会", "开会", " 请报送申请名单"])


@given(day=DAYS, words=WORDS, clock=CLOCKS)
def test_a_day_without_its_hour_is_named_and_with_it_is_a_moment(day: str, words: str, clock: str) -> None:
    """A day typed with no hour after it is no moment, and is told as the day said (so /提醒 asks for the hour
    instead of "没看懂提醒时间"); the same day with an hour is a moment, with no day said alone."""
    assert parse_when(day + words, NOW) is None
    assert day_said_alone(day + words) == day
    timed = f"{day} {clock}{words}"
    assert parse_when(timed, NOW) is not None
    assert day_said_alone(timed) is None


@given(text=TIME_WORDS | st.text(max_size=16))
def test_a_day_said_alone_is_where_the_text_starts_and_never_a_moment(text: str) -> None:
    day = day_said_alone(text)
    if day is not None:
        assert text.strip().startswith(day)
        assert parse_when(text, NOW) is None


PARTS_OF_THE_DAY = st.sampled_from(["上午", "中午", "下午", "傍晚", "晚上", "早上"])


@given(
    day=DAYS | st.just(""), part=PARTS_OF_THE_DAY, words=WORDS, hour=st.integers(min_value=1, max_value=11)
)
def test_a_part_of_the_day_without_its_hour_is_said_with_its_day_and_with_it_is_a_moment(
    day: str, part: str, words: str, hour: int
) -> None:
    """ "/提醒 下午 交材料", "/提醒 明天下午": a part of the day, alone or right after its day, is a time half given (the
    hour is asked for, not "没看懂提醒时间"); with an hour after it, the moment in that part of the day."""
    said = f"{day}{part}"
    assert parse_when(said + words, NOW) is None
    assert day_said_alone(said + words) == said
    assert part_of_the_day(said) == part
    parsed = parse_when(f"{said} {hour}点{words}", NOW)
    assert parsed is not None
    afternoon = part in ("下午", "傍晚", "晚上") or (part == "中午" and hour < 11)  # 中午1点 is 13:00
    assert parsed[0].hour == (hour + 12 if afternoon else hour)
    assert day_said_alone(f"{said} {hour}点{words}") is None


def test_a_part_of_the_day_after_a_space_is_the_texts() -> None:
    """ "/提醒 今天 下午开会": the afternoon meeting is what to say; the hour is asked for on 今天."""
    assert day_said_alone("今天 下午开会") == "今天"
    assert part_of_the_day("今天") == ""


def test_a_later_time_is_no_day_said_alone() -> None:
    assert day_said_alone("1.5天后 开会") is None
    assert parse_when("1.5天后 开会", NOW) is not None


@given(
    moment=st.datetimes(
        min_value=datetime(2000, 1, 3), max_value=datetime(2100, 1, 1), timezones=st.just(TZ)
    ),
    days=st.sampled_from([("昨天", 1), ("昨日", 1), ("前天", 2)]),
    hour=st.integers(min_value=0, max_value=23),
)
def test_a_day_gone_by_is_read_as_that_day(moment: datetime, days: tuple[str, int], hour: int) -> None:
    """昨天9点 is a moment before now (the console's /time then says the clock only moves forward), never
    "时间格式不对"; /提醒 refuses it as past."""
    word, back = days
    parsed = parse_when(f"{word}{hour}点", moment)
    assert parsed is not None
    named, rest = parsed
    assert rest == ""
    assert named == (moment - timedelta(days=back)).replace(hour=hour, minute=0, second=0, microsecond=0)
    assert named < moment
