"""A slash command the bot does not have is not a question (issue 12, failure 10): the reply says so and lists
the commands this person may use."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given
from hypothesis import strategies as st

from bot.app import routers
from bot.dispatch import Dispatcher
from bot.message import ChatKind, Message, Role
from bot.settings import Settings
from tests.harness import Harness, shared_knowledge

STAFF_COMMANDS = ["/绑定", "/广播", "/导出", "/申请列表", "/提醒"]
FOR_EVERYONE = ["/帮助", "/自评", "/我的申请", "/截止"]


async def test_an_unknown_command_lists_what_an_enterprise_may_use(harness: Harness) -> None:
    text = await harness.text("张三", "/foo")
    assert "没有“/foo”这个命令" in text
    assert all(command in text for command in FOR_EVERYONE)
    assert not any(command in text for command in STAFF_COMMANDS)
    assert "不确定" not in text  # not answered as a question


async def test_staff_see_their_commands_too(harness: Harness) -> None:
    text = await harness.text("王科长", "／list", role="staff")  # a full-width slash is a slash too
    assert "没有“/list”这个命令" in text
    assert all(command in text for command in FOR_EVERYONE + STAFF_COMMANDS)


async def test_a_command_mistyped_by_its_sound_is_named_with_its_usage_and_not_run(harness: Harness) -> None:
    """ux31: a trainer's /广波 and /自平 (pinyin input's slips) got the whole list of commands on the projector; the
    command meant is named with how it is typed, and nothing runs (a broadcast on a guess would reach every group)."""
    meant = await harness.text("王科长", "/广波明天停产", chat="平山县分局群", role="staff")
    assert meant.startswith(
        "没有“/广波明天停产”这个命令，您要的可能是“/广播”：\n/广播 [县] 内容 ——确认后立即发到"
    )
    assert "/导出" not in meant  # the one meant, not the list
    assert "确认" not in await harness.text(
        "王科长", "是", chat="平山县分局群", role="staff"
    )  # no broadcast waits
    assert "您要的可能是“/自评”" in await harness.text("张三", "/自平")
    assert "【企业名称】" not in await harness.text("张三", "/自平")
    # a staff command is never offered to an enterprise: its list, as for any unknown command
    guessed = await harness.text("张三", "/广波 明天停产")
    assert "您要的可能是" not in guessed
    assert "/广播" not in guessed


async def test_a_command_typed_without_a_space_before_its_argument_is_that_command(harness: Harness) -> None:
    bound = await harness.text("王科长", "/绑定平山县 分局", chat="平山县分局群", role="staff")
    assert bound.startswith("已把本群绑定到平山县（分局群）")  # not "没有“/绑定平山县”这个命令"
    assert "提醒#1将于7月15日 15:00" in await harness.text("王科长", "/提醒下午3点 开会", role="staff")
    assert "已取消提醒#1" in await harness.text("王科长", "/取消提醒1", role="staff")
    assert "自定提醒" in await harness.text("王科长", "/提醒列表", role="staff")  # the longer name wins
    assert "没有“/foo”这个命令" in await harness.text("张三", "/foo")


async def test_a_commands_latin_letters_are_read_in_any_case(harness: Harness) -> None:
    """ "/HELP" and "/Help" were "没有这个命令" though "/help" is one: phones capitalise the first letter."""
    helped = await harness.text("张三", "/help")
    for typed in ("/HELP", "/Help", "／hElP"):
        assert await harness.text("张三", typed) == helped, typed
    assert "没有“/FOO”这个命令" in await harness.text("张三", "/FOO")  # unknown ones still said so, as typed


@given(st.text(alphabet="helpHELP", min_size=4, max_size=4))
def test_every_casing_of_a_latin_name_finds_the_command(typed: str) -> None:
    parsed = _dispatcher().parse_command(f"/{typed}")
    assert (parsed is not None and parsed[0].key == "help") == (typed.casefold() == "help")


async def test_a_space_after_the_slash_still_makes_a_command(harness: Harness) -> None:
    assert "/截止" in await harness.text("张三", "/ 帮助")  # the help, not "我不确定" for a question
    assert "7月17日12:00" in await harness.text("张三", "／ 截止")


async def test_each_command_is_listed_once_under_its_first_name(harness: Harness) -> None:
    listed = [line.split()[0] for line in (await harness.text("张三", "/foo")).splitlines()[1:-1]]
    # not /help, an alias of /帮助
    assert listed == ["/截止", "/本群", "/自评", "/修改申请", "/我的申请", "/帮助"]


async def test_an_unknown_command_leaves_a_dialogue_where_it_was(harness: Harness) -> None:
    assert "【企业名称】" in await harness.text("张三", "我要自评")
    assert "没有“/foo”这个命令" in await harness.text("张三", "/foo")
    assert "【统一社会信用代码】" in await harness.text("张三", "平山县某某铸造有限公司")


async def test_in_a_group_an_unknown_command_not_addressed_to_the_bot_is_ignored(harness: Harness) -> None:
    msg = Message(
        "console-unaddressed", "console", "平山县企业群", ChatKind.GROUP, "张三", "张三",
        Role.ENTERPRISE, "/foo", False, datetime.fromisoformat("2020-07-15T09:00:00+08:00"),
    )  # fmt: skip
    assert await harness.app.submit(msg) == []


SHIPPED = Settings()
COMMANDS = shared_knowledge(SHIPPED.knowledge_dir, SHIPPED.templates_dir, SHIPPED.cache_dir).commands
NAMED = sorted((name, key) for key, entry in COMMANDS.items() for name in entry.names)


def _dispatcher() -> Dispatcher[object]:
    no_dialogue, no_words = lambda *_: None, lambda *_, **__: ""
    return Dispatcher(routers(), object(), no_dialogue, no_words, COMMANDS)  # type: ignore[arg-type]


@given(
    named=st.sampled_from(NAMED),
    slash=st.sampled_from(["/", "／"]),
    gap=st.sampled_from(["", " ", "  ", "\u3000"]),
    args=st.text(max_size=30),
)
def test_any_known_command_is_parsed_whatever_the_spaces_around_it(
    named: tuple[str, str], slash: str, gap: str, args: str
) -> None:
    name, key = named
    parsed = _dispatcher().parse_command(f"{slash}{gap}{name} {args}")
    assert parsed is not None
    command, rest = parsed
    assert rest == args.strip()
    assert command.key == key


@given(text=st.text(max_size=80))
def test_the_command_parser_never_fails_on_any_text(text: str) -> None:
    _dispatcher().parse_command(text)


@given(
    name=st.sampled_from(sorted({name for name, _ in NAMED})),
    args=st.text(max_size=30)
    | st.sampled_from(["平山县", "平山县 分局", "明天9点 开会", "1", "csv", "确认"]),
    where=st.sampled_from(["平山县企业群", "王科长"]),
    then=st.sampled_from(["确认", "取消", "1", "平山县"]),
)
async def test_no_command_argument_makes_the_bot_apologise(
    harness: Harness, name: str, args: str, where: str, then: str
) -> None:
    """Any command with any words after it, from staff in a group or in private, and whatever is answered
    next (a confirmation, a choice): an answer of the command's own, never the apology for a failure."""
    apology = harness.app.context.render("bot_words.j2", step="apology")
    for text in (f"/{name} {args}", then):
        replies = await harness.say("王科长", text, chat=where, role="staff")
        assert all(apology not in reply.text for reply in replies), text


async def test_a_command_word_typed_with_a_slash_is_that_command(harness: Harness) -> None:
    started = await harness.text("张三", "/继续自评")  # nothing paused: a new one, as 继续自评 says it
    assert "没有找到可以接着填的自评" in started
    assert "【企业名称】" in started
    assert "没有“/" not in started


async def test_a_command_typed_in_full_width_letters_is_that_command(harness: Harness) -> None:
    """ "/ｈｅｌｐ" (a phone's full-width mode, as it types ／) was "没有“/ｈｅｌｐ”这个命令", though /HELP is /help."""
    assert await harness.text("张三", "／ｈｅｌｐ") == await harness.text("张三", "/help")
    staff = await harness.text("王科长", "/取消提醒１２", chat="王科长", role="staff")  # glued, full-width
    assert staff.startswith("没有编号为12的提醒")


async def test_a_dialogue_word_typed_with_a_slash_and_no_dialogue_waiting_says_so(harness: Harness) -> None:
    for word in ("/取消", "/返回", "／转私聊", "/确认"):
        text = await harness.text("张三", word, chat="平山县企业群")
        assert text == await harness.text("张三", word.lstrip("/／"), chat="平山县企业群"), word
        assert "现在没有等您回复的事项" in text, word
        assert "这个命令" not in text, word
