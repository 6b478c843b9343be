"""The JSON-lines console under hostile input: every line gets one reply or one {"error"} line, and the run
goes on (issue 12, failure 1)."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from bot.adapters.console import MAX_LINE_BYTES, Repl, read_line
from bot.text import WECOM_TEXT_LIMIT
from tests.harness import Harness, bot_command, run_jsonl_raw

HELP = json.dumps({"chat": "平山县企业群", "user": "张三", "text": "/帮助"}, ensure_ascii=False).encode()


def record(text: str) -> bytes:
    return json.dumps({"chat": "平山县企业群", "user": "张三", "text": text}, ensure_ascii=False).encode()


class Lines:
    """Feeds lines to the in-process adapter one at a time and tells what each produced."""

    def __init__(self, harness: Harness) -> None:
        self.harness = harness
        self.errors: list[str] = []
        harness.adapter._write_error = lambda text: self.errors.append(json.loads(text)["error"])
        self.number = 0

    async def feed(self, raw: bytes) -> tuple[list[str], list[str]]:
        """(errors, reply texts) for one line."""
        self.number += 1
        self.errors.clear()
        await self.harness.adapter.handle_json_line(raw, self.number)
        return list(self.errors), [reply.text for reply in self.harness.outbox.take()]


async def test_deep_nesting_is_an_error_line_and_the_next_line_is_answered(harness: Harness) -> None:
    lines = Lines(harness)
    errors, replies = await lines.feed(b"[" * 50_000)
    assert (len(errors), replies) == (1, [])
    assert "第1行" in errors[0]
    errors, replies = await lines.feed(HELP)
    assert errors == []
    assert replies


@pytest.mark.parametrize("raw", [b"[1, 2]", b"null", b'"/\xe5\xb8\xae\xe5\x8a\xa9"', b"42"])
async def test_a_line_that_is_no_object_is_shown_what_one_looks_like(harness: Harness, raw: bytes) -> None:
    """ "整行：应当是“字段: 值”的结构" spoke of the YAML files `knowledge check` reads, not of a JSON line."""
    lines = Lines(harness)
    errors, replies = await lines.feed(raw)
    assert (errors, replies) == (
        [
            '第1行格式不对（整行应当是一个 JSON 对象，例如 {"chat": "平山县企业群", "user": "张三", "text": "申请名单什么时候交"}）'
        ],
        [],
    )
    assert worded_in_chinese(errors[0])
    errors, replies = await lines.feed(HELP)
    assert errors == []
    assert replies


async def test_a_field_the_contract_does_not_have_is_ignored_and_logged(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    """Other tools may add fields of their own to a line (the contract is theirs too); a misspelt "tiem" is named
    in the log on stderr, where a script's author looks when the clock did not move."""
    lines = Lines(harness)
    line = json.dumps({"chat": "g", "user": "u", "text": "/帮助", "tiem": "2020-07-17T10:00"}).encode()
    errors, replies = await lines.feed(line)
    assert errors == []
    assert replies
    assert any(getattr(record, "fields", None) == ["tiem"] for record in caplog.records)


@pytest.mark.parametrize("field", ["text", "user", "name"])
async def test_a_lone_surrogate_is_an_error_line_naming_its_field(harness: Harness, field: str) -> None:
    """ "\ud800" alone in a JSON string is no character: the line failed inside ("处理失败：内部错误")."""
    lines = Lines(harness)
    record = {"chat": "g", "user": "u", "text": "hi"} | {field: "a\ud800b"}
    errors, replies = await lines.feed(json.dumps(record).encode())
    assert (len(errors), replies) == (1, [])
    assert errors[0].startswith(f"第1行的 {field} 含有无效的字符")
    assert worded_in_chinese(errors[0])


async def test_invalid_utf8_is_an_error_line_in_chinese(harness: Harness) -> None:
    lines = Lines(harness)
    errors, replies = await lines.feed(b'{"chat":"g","user":"u","text":"\xff\xfe"}')
    assert (len(errors), replies) == (1, [])
    assert "UTF-8" in errors[0]


async def test_text_over_wecom_limit_is_refused_naming_the_limit(harness: Harness) -> None:
    lines = Lines(harness)
    inbox_before = harness.app.context.repos.inbox.count()
    errors, replies = await lines.feed(record("申" * (WECOM_TEXT_LIMIT // 3 + 1)))
    assert (len(errors), replies) == (1, [])
    assert f"最多 {WECOM_TEXT_LIMIT} 字节" in errors[0]
    assert harness.app.context.repos.inbox.count() == inbox_before  # refused before the bot saw it
    errors, replies = await lines.feed(record("a" * WECOM_TEXT_LIMIT))  # exactly the limit is fine
    assert errors == []
    assert replies


async def test_ten_megabyte_line_is_refused_before_parsing(harness: Harness) -> None:
    lines = Lines(harness)
    inbox_before = harness.app.context.repos.inbox.count()
    errors, replies = await lines.feed(record("申请名单什么时候交" * 400_000))
    assert (len(errors), replies) == (1, [])
    assert str(MAX_LINE_BYTES) in errors[0]
    assert harness.app.context.repos.inbox.count() == inbox_before


def test_reading_a_long_line_keeps_its_head_and_skips_the_rest() -> None:
    stream = io.BytesIO(b"x" * (MAX_LINE_BYTES * 3) + b"\n" + HELP + b"\n")
    head = read_line(stream)
    assert len(head) == MAX_LINE_BYTES + 1  # enough to know it is too long, no more held in memory
    assert read_line(stream) == HELP + b"\n"
    assert read_line(stream) == b""


async def test_repl_refuses_an_overlong_message_and_survives_undecodable_input(harness: Harness) -> None:
    written: list[str] = []
    typed: Iterator[str | Callable[[str], str]] = iter(
        ["x" * (WECOM_TEXT_LIMIT + 1), b"\xff".decode, "/帮助"]
    )

    def ask(_prompt: str) -> str:
        line = next(typed, None)
        if line is None:
            raise EOFError
        return line("utf-8") if callable(line) else line  # b"\xff".decode raises as input() would

    await Repl(harness.adapter, harness.clock, "绩效分级助手", written.append).run(ask)
    assert any(str(WECOM_TEXT_LIMIT) in text and "没有发出" in text for text in written)
    assert any("UTF-8" in text for text in written)
    assert len(harness.outbox.take()) == 1  # only /帮助 reached the bot


def test_hostile_lines_under_strict_utf8_each_get_one_error_and_the_run_goes_on(tmp_path: Path) -> None:
    stdin = b"\n".join(
        [
            b"[" * 50_000,
            b'{"chat":"g","user":"u","text":"\xff"}',
            b"\xed\xa0\x80",  # a UTF-8-encoded surrogate: not UTF-8
            record("申请名单什么时候交" * 400_000),  # ~10 MB
            record("x" * (WECOM_TEXT_LIMIT + 1)),
            HELP,
        ]
    )
    out, _logs = run_jsonl_raw(stdin + b"\n", f"sqlite:///{tmp_path}/bot.db")
    assert [set(o) for o in out] == [{"error"}] * 5 + [{"chat", "to", "text"}]
    assert [str(o["error"])[:3] for o in out[:5]] == ["第1行", "第2行", "第3行", "第4行", "第5行"]


# ---------------------------------------------------------------- properties


def line_outcome_is_one_error_or_replies(errors: list[str], replies: list[str]) -> bool:
    return (len(errors) == 1 and not replies) or (not errors and len(replies) >= 1)


# The only Latin words an error line may hold: the contract's field names and values, and the formats' names.
CONTRACT_WORDS = re.compile(r"\b(chat|user|text|role|name|time|enterprise|staff|JSON|UTF-8|T12)\b")


def worded_in_chinese(error: str) -> bool:
    """No English sentence from a library (pydantic's "Field required", json's "Expecting value")."""
    return re.search(r"[A-Za-z]{3,}", CONTRACT_WORDS.sub("", error)) is None


# Characters a console user, or a script gone wrong, may send: any, with the awkward ones made likely.
pieces = st.one_of(
    st.characters(),
    st.sampled_from(["\x00", "\ud800", "\udfff", "\u3000", "\n", "/", "／", "{", "\\", "自评", "申请名单"]),
)
texts = st.lists(pieces, max_size=20).map("".join)
words = st.sampled_from(["/帮助", "/foo", "自评", "我要自评", "取消", "确认", "/截止", "/我的申请", ""])
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=10,
)
messages = st.fixed_dictionaries(
    {
        "chat": st.sampled_from(["平山县企业群", "张三"]),
        "user": st.just("张三"),
        "text": words | texts,
        "role": st.sampled_from(["enterprise", "staff"]),
    },
    optional={
        "name": texts,
        "time": st.datetimes(datetime(2020, 7, 15), datetime(2020, 12, 31)).map(datetime.isoformat),
    },
)
anything_keyed = st.fixed_dictionaries(
    {},
    optional={key: texts | json_values for key in ("chat", "user", "text", "role", "name", "time", "extra")},
)
json_lines = st.one_of(messages, anything_keyed, json_values).flatmap(
    lambda value: st.booleans().map(
        lambda ascii: json.dumps(value, ensure_ascii=ascii).encode("utf-8", "surrogatepass")
    )
)
byte_lines = st.binary(max_size=200).map(lambda raw: raw.replace(b"\n", b""))


@given(st.lists(json_lines | byte_lines, min_size=1, max_size=8))
async def test_any_line_gets_one_error_or_its_replies(harness: Harness, batch: list[bytes]) -> None:
    lines = Lines(harness)
    for raw in batch:
        errors, replies = await lines.feed(raw)
        if raw.strip():
            assert line_outcome_is_one_error_or_replies(errors, replies), (raw, errors, replies)
            assert all(worded_in_chinese(error) for error in errors), errors
        else:
            assert (errors, replies) == ([], [])  # blank lines are skipped


@hypothesis_settings(max_examples=10)  # each example a whole console run (in-process: ~0.1 s)
@given(st.lists(byte_lines, min_size=1, max_size=10))
def test_any_bytes_under_strict_utf8_never_end_the_run(tmp_path: Path, batch: list[bytes]) -> None:
    stdin = b"\n".join([*batch, HELP]) + b"\n"
    out, _logs = run_jsonl_raw(stdin, f"sqlite:///{tmp_path}/bot.db")
    numbered = [f"第{n}行" for n, raw in enumerate(batch, start=1) if raw.strip()]
    assert [str(o["error"]).split("行")[0] + "行" for o in out[:-1]] == numbered  # random bytes: no record
    assert set(out[-1]) == {"chat", "to", "text"}  # and the line after them is answered


async def repl_session(harness: Harness, lines: list[str]) -> list[str]:
    """What the interactive console wrote for these typed lines (the session ends after them)."""
    written: list[str] = []
    typed = iter(lines)

    def ask(_prompt: str) -> str:
        line = next(typed, None)
        if line is None:
            raise EOFError
        return line

    await Repl(harness.adapter, harness.clock, "绩效分级助手", written.append).run(ask)
    return written


async def test_the_simulated_clock_moved_too_far_is_refused_not_a_traceback(harness: Harness) -> None:
    """Typed at the interactive console, "/advance 99999999d" ended it with OverflowError's traceback, and
    /time 9999-12-31 left every later tick failing with one in the log."""
    lines = ["/advance 99999999d", "/advance 99999999999d", "/time 9999-12-31 23:59", "/now"]
    written = await repl_session(harness, lines)
    assert sum("一次最多往后拨366天" in text for text in written) == 2  # refused before any sum is tried
    assert sum("拨不到那么远" in text for text in written) == 1
    assert written[-1].startswith("模拟时间：2020-07-15 09:00")  # unchanged


async def test_advancing_the_clock_centuries_by_a_slip_is_refused_with_the_way_to_go_far(
    harness: Harness,
) -> None:
    """ "/advance 99999天" moved the simulated clock to 2294 with no way back: it goes only forward."""
    _greeting, *written = await repl_session(harness, ["/advance 99999天", "/now", "/advance 366天"])
    assert "一次最多往后拨366天" in written[0]
    assert "/time" in written[0]
    assert written[1].startswith("模拟时间：2020-07-15 09:00")  # unchanged
    assert written[2].startswith("模拟时间：2021-07-16 09:00")  # a year is still one step


async def test_a_date_or_a_minus_given_to_advance_points_to_time_and_moves_nothing(harness: Harness) -> None:
    """ux31: a trainer's "/advance 2020-07-20" and "/advance -2h" were both told only 时长格式不对."""
    lines = ["/advance 2020-07-20", "/advance 明天10点", "/advance -2h", "/advance abc", "/now"]
    _greeting, *written = await repl_session(harness, lines)
    assert written[0].startswith("/advance 要写往后拨多久")
    assert "要拨到某个时刻，请用 /time" in written[0]
    assert written[1] == written[0]
    assert written[2].startswith("模拟时钟只能往后拨")
    assert written[3].startswith("时长格式不对")
    assert written[4].startswith("模拟时间：2020-07-15 09:00")  # unchanged


async def test_the_trainers_clock_run_over_a_day_sends_each_reminder_at_its_time_once(
    harness: Harness,
) -> None:
    """ "/advance 1天" over the list's last morning sent nothing: the 08:30 and 10:00 reminders and staff's own of
    09:00 were set at once past them and recorded missed (到点时机器人没在运行), the trainer saw none of them."""
    lines = ["/role staff", "/chat 鹿泉区企业群", "/绑定 鹿泉区", "/提醒 鹿泉区 7月17日9点 请报送申请名单"]
    lines += ["/time 2020-07-16 13:00", "/advance 1天", "/advance 1天", "/发送失败"]
    written = await repl_session(harness, lines)
    assert "模拟时间：2020-07-18 13:00" in written[-1]
    sent = [reply.text for reply in harness.outbox.take()]
    left = [re.findall(r"截止：2020年7月17日12:00前（(还有[^）]+)）", text) for text in sent]
    # the day before's at 12:00, the last morning's at 08:30 and 10:00, each once, and staff's own at 09:00
    assert [found for found in left if found] == [["还有1天"], ["还有3小时30分钟"], ["还有2小时"]]
    assert sum("【提醒】请报送申请名单" in text for text in sent) == 1
    assert "没有发送失败或错过的消息" in sent[-1]


async def test_a_json_line_too_far_in_time_is_a_malformed_line(harness: Harness) -> None:
    lines = Lines(harness)
    for time in ("9999-12-31T23:59:59+08:00", "9999-12-31T23:59:59-12:00"):
        line = {"chat": "平山县企业群", "user": "张三", "text": "/截止", "time": time}
        errors, replies = await lines.feed(json.dumps(line).encode())
        assert replies == []
        assert len(errors) == 1
        assert "太远" in errors[0]
    assert (await lines.feed(HELP))[1]  # the run goes on


CONSOLE_COMMANDS = st.sampled_from(["/as", "/role", "/chat", "/at", "/time", "/advance", "/now", "/private"])


@given(st.lists(st.tuples(CONSOLE_COMMANDS, st.text(max_size=20) | st.from_regex(r"\d{1,12}(\.\d{1,3})?[dhms天]", fullmatch=True)), max_size=6))  # fmt: skip
async def test_no_console_command_ends_the_session(harness: Harness, typed: list[tuple[str, str]]) -> None:
    """Whatever a trainer types after a console command: an answer in Chinese, and the session goes on."""
    written = await repl_session(harness, [f"{command} {arg}" for command, arg in typed] + ["/now"])
    assert written[-1].startswith("模拟时间：")


@pytest.mark.parametrize("now", ["garbage", "2020-07-32T09:00", "9999-12-31T23:59"])
def test_a_start_time_the_console_cannot_take_is_said_in_chinese(tmp_path: Path, now: str) -> None:
    """--now garbage was answered "invalid start_time value: 'garbage'", the name of a function; 9999-12-31
    started a console whose every tick failed."""
    ran = bot_command(
        ["console", "--jsonl", "--now", now], b"", BOT_DATABASE_URL=f"sqlite:///{tmp_path}/bot.db"
    )
    assert ran.code == 2
    assert "--now 的时间" in ran.stderr
    assert "start_time" not in ran.stderr


async def test_a_console_command_missing_what_it_needs_shows_how_to_type_it(harness: Harness) -> None:
    """ "/advance" alone was told "/advance 的用法不对，发送 /help 查看说明": the trainer had to look the form up."""
    _greeting, *written = await repl_session(harness, ["/advance", "/time", "/at maybe", "/role 老板"])
    assert written[0].startswith("/advance 的用法：/advance 2h")
    assert "把模拟时钟往后拨" in written[0]
    assert written[1].startswith("/time 的用法：/time 2020-07-16 09:00")
    assert written[2].startswith("/at 的用法：/at on|off")
    assert written[3].startswith("/role 的用法：/role staff|enterprise")


async def test_the_console_clock_takes_the_times_staff_type(harness: Harness) -> None:
    """ "/time 7月17日9点" was told "时间格式不对": the console took ISO times only, while /提醒 reads the times staff
    type, and a trainer types those."""
    _greeting, *written = await repl_session(
        harness, ["/time 7月17日9点", "/time 明天 10:00", "/time 7月17日9点 开会"]
    )
    assert written[0].strip() == "模拟时间：2020-07-17 09:00"
    assert written[1].strip() == "模拟时间：2020-07-18 10:00"
    assert written[2].startswith("时间格式不对")  # a time and words after it is no time to set
