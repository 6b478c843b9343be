"""The message pipeline: routing order, per-conversation ordering, mentions, roles, failures."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.dispatch import Dispatcher, Router
from bot.errors import UserError
from bot.message import ChatKind, Message, Reply, Role
from bot.settings import Settings
from handlers.context import Context
from storage.models import DialogueRecord
from tests.harness import START, TypedAsKey, make_harness, own_commands
from tests.test_wording import RENDER

APOLOGY = RENDER("bot_words.j2", step="apology")

router: Router[Context] = Router("test")
events: list[str] = []
gates: dict[str, asyncio.Event] = {}


@router.dialogue("t")
async def dialogue(msg: Message, ctx: Context, record: DialogueRecord) -> list[Reply] | None:
    if msg.text == "结束":
        ctx.repos.dialogues.end(msg.channel, msg.chat_id, msg.sender_id)
    return [msg.reply(f"对话中收到：{msg.text}")]


@router.command("开始")
async def start(msg: Message, ctx: Context, args: str) -> list[Reply]:
    ctx.repos.dialogues.save(
        DialogueRecord(
            channel=msg.channel,
            chat_id=msg.chat_id,
            sender_id=msg.sender_id,
            flow="t",
            step="s",
            answers={},
            updated_at=ctx.clock.now(),
        )
    )
    return [msg.reply("开始了")]


@router.command("机密", staff_only=True)
async def secret(msg: Message, ctx: Context, args: str) -> list[Reply]:
    return [msg.reply(f"机密内容 {args}")]


@router.command("出错")
async def broken(msg: Message, ctx: Context, args: str) -> list[Reply]:
    raise RuntimeError("boom: internal detail")


@router.command("用户错")
async def user_error(msg: Message, ctx: Context, args: str) -> list[Reply]:
    raise UserError("请先绑定县")


@router.command("慢")
async def slow(msg: Message, ctx: Context, args: str) -> list[Reply]:
    events.append(f"start {msg.sender_id} {args}")
    await gates[args].wait()
    events.append(f"end {msg.sender_id} {args}")
    return [msg.reply(f"慢完成 {args}")]


@router.fallback
async def echo(msg: Message, ctx: Context) -> list[Reply]:
    return [msg.reply(f"回声：{msg.text}")]


@router.command("三遍")
async def thrice(msg: Message, ctx: Context, args: str) -> list[Reply]:
    """A reply longer than the message (which is at most 2048 bytes)."""
    return [msg.reply(f"回声：{args * 3}")]


WORDS = own_commands(router, words={"开始": ["我要开始"]})


async def test_commands_fallback_and_addressee(settings: Settings) -> None:
    harness = make_harness(settings, [router], WORDS)
    replies = await harness.say("张三", "你好", chat="群A")
    assert [(r.chat_id, r.to, r.text) for r in replies] == [("群A", "张三", "回声：你好")]
    assert (await harness.say("张三", "/机密 x", role="staff"))[0].text == "机密内容 x"
    private = await harness.say("李四", "你好", chat="李四")
    assert (private[0].chat_id, private[0].to) == ("李四", None)


async def test_enterprise_user_is_refused_staff_command(settings: Settings) -> None:
    harness = make_harness(settings, [router], WORDS)
    text = await harness.text("张三", "/机密 x")
    assert "仅限" in text
    assert "机密内容" not in text


async def test_active_dialogue_gets_first_say_then_commands(settings: Settings) -> None:
    harness = make_harness(settings, [router], WORDS)
    assert await harness.text("张三", "我要开始") == "开始了"
    assert await harness.text("张三", "/机密 x") == "对话中收到：/机密 x"
    assert await harness.text("李四", "你好") == "回声：你好"  # another person's messages are not captured
    assert await harness.text("张三", "结束") == "对话中收到：结束"
    assert await harness.text("张三", "你好") == "回声：你好"


@dataclass(frozen=True)
class Row:
    flow: str


async def test_the_sender_s_dialogue_is_read_once_per_message_and_routed_by_its_flow() -> None:
    rows: dict[str, Row] = {"张三": Row("assess"), "李四": Row("confirm"), "王五": Row("gone")}
    reads: list[str] = []

    def dialogue_of(channel: str, chat_id: str, sender_id: str) -> Row | None:
        reads.append(sender_id)
        return rows.get(sender_id)

    flows: Router[None] = Router("flows")

    @flows.dialogue("assess")
    async def assess(msg: Message, ctx: None, row: Row) -> list[Reply] | None:
        return None if msg.text.startswith("/") else [msg.reply(f"{row.flow}：{msg.text}")]

    @flows.dialogue("confirm", "choose")
    async def confirm(msg: Message, ctx: None, row: Row) -> list[Reply]:
        return [msg.reply(f"{row.flow}：{msg.text}")]

    @flows.command("截止")
    async def deadline(msg: Message, ctx: None, args: str) -> list[Reply]:
        return [msg.reply("截止时间")]

    @flows.fallback
    async def answer(msg: Message, ctx: None) -> list[Reply]:
        return [msg.reply(f"回答：{msg.text}")]

    dispatcher = Dispatcher([flows], None, dialogue_of, RENDER, own_commands(flows))

    async def say(sender: str, text: str, mentioned: bool = True) -> list[str]:
        msg = Message(
            "m", "console", "群", ChatKind.GROUP, sender, sender, Role.ENTERPRISE, text, mentioned, START
        )
        return [reply.text for reply in await dispatcher.dispatch(msg)]

    assert await say("张三", "钢铁") == ["assess：钢铁"]
    assert await say("张三", "/截止") == ["截止时间"]  # the dialogue let it through
    assert await say("李四", "确认") == ["confirm：确认"]
    assert await say("王五", "你好") == ["回答：你好"]  # no router has that flow any more
    assert await say("赵六", "你好") == ["回答：你好"]
    assert reads == ["张三", "张三", "李四", "王五", "赵六"]
    assert await say("张三", "大家好", mentioned=False) == []  # not for the bot: nothing is read
    assert len(reads) == 5
    with pytest.raises(ValueError, match="dialogue flow assess registered twice"):
        Dispatcher([flows, flows], None, dialogue_of, RENDER, own_commands(flows))


async def test_failing_handler_apologises_and_next_message_works(settings: Settings) -> None:
    harness = make_harness(settings, [router], WORDS)
    replies = await harness.say("张三", "/出错")
    assert [r.text for r in replies] == [APOLOGY]
    assert "boom" not in replies[0].text
    failed = harness.app.context.repos.inbox.failed()
    assert [(f.text, f.status) for f in failed] == [("/出错", "failed")]  # the message is kept
    assert await harness.text("张三", "你好") == "回声：你好"
    assert await harness.text("张三", "/用户错") == "请先绑定县"


async def test_group_message_without_mention_is_ignored(settings: Settings) -> None:
    harness = make_harness(settings, [router], WORDS)
    adapter, app = harness.adapter, harness.app
    unmentioned = adapter.message("群A", "张三", "大家好", "enterprise", None, False)
    assert await app.submit(unmentioned) == []
    command = adapter.message("群A", "张三", "/机密 y", "staff", None, False)
    assert [r.text for r in await app.submit(command)] == ["机密内容 y"]
    private = adapter.message("张三", "张三", "在吗", "enterprise", None, False)
    assert [r.text for r in await app.submit(private)] == ["回声：在吗"]


async def test_redelivered_message_is_handled_once(settings: Settings) -> None:
    harness = make_harness(settings, [router], WORDS)
    msg = harness.adapter.message("群A", "张三", "你好", "enterprise", None, True)
    results = await asyncio.gather(harness.app.submit(msg), harness.app.submit(msg), harness.app.submit(msg))
    assert sorted(len(r) for r in results) == [0, 0, 1]


async def yield_turns(until: Callable[[], bool], most: int = 50) -> None:
    """Lets the loop run until the condition holds or `most` turns have passed: how many turns a message takes
    to reach its handler (the inbox's group commit waits some) is not the behaviour under test."""
    for _ in range(most):
        if until():
            return
        await asyncio.sleep(0)


async def test_same_conversation_in_order_others_concurrently(settings: Settings) -> None:
    harness = make_harness(settings, [router], WORDS)
    app, adapter = harness.app, harness.adapter
    events.clear()
    gates.clear()
    gates.update({name: asyncio.Event() for name in ("a1", "a2", "b1")})
    first = asyncio.ensure_future(
        app.submit(adapter.message("群A", "张三", "/慢 a1", "enterprise", None, True))
    )
    second = asyncio.ensure_future(
        app.submit(adapter.message("群A", "张三", "/慢 a2", "enterprise", None, True))
    )
    other = asyncio.ensure_future(
        app.submit(adapter.message("群A", "李四", "/慢 b1", "enterprise", None, True))
    )
    await yield_turns(until=lambda: len(events) >= 2)
    # 张三's second waits; 李四 is not blocked (which of the two conversations starts first is not promised)
    assert sorted(events) == sorted(["start 张三 a1", "start 李四 b1"])
    gates["b1"].set()
    assert [r.text for r in await other] == ["慢完成 b1"]
    gates["a2"].set()  # released early, but it must still wait for a1
    await yield_turns(until=lambda: "start 张三 a2" in events)
    assert "start 张三 a2" not in events
    gates["a1"].set()
    assert [r.text for r in await first] == ["慢完成 a1"]
    assert [r.text for r in await second] == ["慢完成 a2"]
    assert events.index("end 张三 a1") < events.index("start 张三 a2")


async def test_long_reply_is_split_to_byte_limit(settings: Settings) -> None:
    harness = make_harness(settings, [router], WORDS)
    sentence = "这是一句比较长的回答内容，用来测试分段发送。"
    replies = await harness.say("张三", "/三遍 " + sentence * 20)
    assert len(replies) >= 2
    assert all(len(r.text.encode()) <= 2048 for r in replies)
    assert "".join(r.text for r in replies) == "回声：" + sentence * 60


async def test_a_caller_cancelled_while_its_answer_is_recorded_gets_it_on_the_redelivery(
    settings: Settings,
) -> None:
    """A callback whose turn was taken in its own task and that is cancelled there (as aiohttp does to its
    handlers at a shutdown) did not carry the answer: the platform's redelivery gets the one recorded."""
    harness = make_harness(settings, [router], WORDS)
    app = harness.app
    msg = harness.adapter.message("张三", "张三", "你好", "enterprise", None, True)
    caller = asyncio.ensure_future(app.submit(msg, 3.0))

    def cancel_once_claimed(step: str) -> None:
        if step == "claimed":  # recorded as new: the caller is then at its first wait, its answer's commit
            caller.cancel()

    app.fault = cancel_once_claimed
    with pytest.raises(asyncio.CancelledError):
        await caller
    app.fault = lambda step: None
    await app.drain()
    assert [r.text for r in await app.submit(msg, 3.0)] == ["回声：你好"]  # the redelivery
    assert await app.submit(msg, 3.0) == []  # handed over now: nothing more


LED: Router[None] = Router("led")


@LED.command("reopen")
async def reopen(msg: Message, ctx: None, args: str) -> list[Reply]:
    return [msg.reply(args)]


LED_DISPATCHER = Dispatcher(
    [LED], None, lambda *conversation: None, RENDER, {"reopen": TypedAsKey(("重开",), (), ("重开申请",))}
)


@given(
    space=st.sampled_from(["", " ", "　", "  "]),
    code=st.from_regex(r"[0-9A-Za-z][0-9A-Za-z ]{0,20}", fullmatch=True),
)
def test_a_lead_word_before_a_code_runs_its_command_with_it(space: str, code: str) -> None:
    """修改申请 9113… without the slash is /修改申请 9113…: a lead word (commands.yaml `leads`) before letters
    and digits, spaced or not."""
    assert LED_DISPATCHER.parse_command(f"重开申请{space}{code}") == (LED.commands[0], code.strip())


@given(words=st.text(alphabet="名单要找谁怎么办？的 ", min_size=1).filter(lambda text: text.strip()))
def test_a_lead_word_before_words_leaves_them_a_question(words: str) -> None:
    assert LED_DISPATCHER.parse_command(f"重开申请{words}") is None
