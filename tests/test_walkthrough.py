"""What a user found wrong walking through the bot in each role with wrong input at every step, each fixed in
the mechanism that owns it and kept fixed here, as transcripts through the console harness."""

from __future__ import annotations

import asyncio
import csv
import shutil
import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.worksheet.worksheet import Worksheet

from bot.adapters.console import Repl
from knowledge.application_list import HEADER_ROW
from knowledge.base import KnowledgeBase
from storage.lazy import models
from tests.harness import (
    ALL_A,
    CEMENT,
    VALID_CODES,
    Harness,
    Rule,
    Run,
    basics,
    cement,
    complete,
    make_harness,
    make_settings,
    question_line,
    run_jsonl,
    save_draft,
)

GROUP = "平山县企业群"


@pytest.fixture(scope="module")
def cement_draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database where 李经理 has answered the cement works' self-assessment (CEMENT) up to its draft summary in
    his own chat: answered once for the module's tests that start there (~28 answers each), each of them on a copy
    with a bot of its own, as after a restart (the dialogue is in the database: tests/test_hardening_restart.py)."""
    folder = tmp_path_factory.mktemp("cement_draft")
    harness = make_harness(make_settings(f"sqlite:///{folder}/bot.db", exports_dir=folder / "exports"))

    async def answered() -> None:
        try:
            await complete(harness, "李经理", CEMENT, chat="李经理")
        finally:
            await harness.app.close()

    asyncio.run(answered())
    # the database's whole content in one file (its WAL read in), with the mode the bot gives it
    snapshot = folder / "draft.db"
    with closing(sqlite3.connect(folder / "bot.db")) as source, closing(sqlite3.connect(snapshot)) as copy:
        source.backup(copy)
    snapshot.chmod(0o600)
    return snapshot


@pytest.fixture
def drafted(cement_draft: Path, tmp_path: Path) -> Harness:
    """A bot at 李经理's cement draft summary: the review of his answers, in his own chat (cement_draft)."""
    shutil.copy(cement_draft, tmp_path / "bot.db")
    return make_harness(make_settings(f"sqlite:///{tmp_path}/bot.db", exports_dir=tmp_path / "exports"))


@pytest.mark.parametrize("text", ["123", "😀😀😀", "？？？", "1.5", "……"])
async def test_a_message_with_no_word_gets_the_prompt_not_a_random_answer(
    harness: Harness, text: str
) -> None:
    """Digits, emoji or punctuation alone ask nothing; retrieval matched "123" to the HJ 1321-2023 entry and
    answered it with a source line, as if it were the answer."""
    reply = await harness.text("张三", text, chat=GROUP)
    assert reply == await harness.text("张三", "", chat=GROUP)
    assert reply.startswith("您好，请直接说您的问题")


async def test_a_new_broadcast_while_one_waits_replaces_it_and_only_the_new_one_is_sent(
    harness: Harness,
) -> None:
    """A staff member who sends /广播 again before confirming means the new text: the old confirmation had
    swallowed the command ("请回复“确认”或“取消”"), and the next 好的 sent the old text to every group."""
    await harness.say("王科长", "/绑定 平山县", chat=GROUP, role="staff")
    first = await harness.text("王科长", "/广播 明天开会", chat=GROUP, role="staff")
    assert "【通知】明天开会" in first
    second = await harness.text("王科长", "/广播 请各企业按时报送申请名单", chat=GROUP, role="staff")
    assert second.startswith("上一条广播（明天开会）还没有确认，已作废，不会发出。\n将向所有绑定的1个群")
    assert "【通知】请各企业按时报送申请名单" in second
    sent = await harness.say("王科长", "好的", chat=GROUP, role="staff")
    pushed = [reply.text for reply in sent if "【通知】" in reply.text]
    assert pushed == ["【通知】请各企业按时报送申请名单\n——王科长"]


async def test_another_command_while_a_confirmation_waits_is_answered_and_the_question_kept(
    harness: Harness,
) -> None:
    await harness.say("王科长", "/绑定 平山县", chat=GROUP, role="staff")
    await harness.say("王科长", "/解绑", chat=GROUP, role="staff")
    deadlines = await harness.text("王科长", "/截止", chat=GROUP, role="staff")
    assert "企业报送绩效评级申请名单" in deadlines
    assert "已解绑" not in deadlines
    unbound = await harness.text("王科长", "/确认", chat=GROUP, role="staff")  # the answer, slash or not
    assert unbound == "已解绑，本群不再收到截止提醒和广播。"


async def test_the_staff_help_says_what_export_sends(harness: Harness) -> None:
    """The help promised "（xlsx 和 csv）" while /导出 sends the xlsx alone unless csv is named."""
    helped = await harness.text("王科长", "/帮助", chat="王科长", role="staff")
    assert "/导出 [县] [csv] ——导出申请名单表格：默认 xlsx，写 csv 导出 CSV" in helped
    await complete(harness, "李经理", CEMENT, chat="鹿泉区企业群")
    await save_draft(harness, "李经理", chat="鹿泉区企业群")
    for command, suffixes in (("/导出 鹿泉区", [".xlsx"]), ("/导出 鹿泉区 csv", [".csv"])):
        _, *files = await harness.say("王科长", command, chat="王科长", role="staff")
        assert [reply.file.suffix for reply in files if reply.file] == suffixes


async def test_yes_to_another_industry_asks_which_one(harness: Harness) -> None:
    """ "还有其他重点行业吗？" answered "是" was read as an industry named 是 ("没有找到“是”对应的行业")."""
    for answer in ["我要自评", "鹿泉区鼎鑫水泥有限公司", VALID_CODES[0], "鹿泉区", "水泥"]:
        asked = await harness.text("李经理", answer, chat="李经理")
    assert "贵企业还有其他重点行业吗？" in asked
    which = await harness.text("李经理", "是", chat="李经理")
    assert (
        which
        == "好的，请直接回复另一个行业的名称或主要产品、工艺，例如“铸造”“包装印刷”；没有其他行业请回复“没有”。"
    )
    more = await harness.text("李经理", "铸造", chat="李经理")
    assert more.startswith("已记录行业：水泥、铸造。")
    assert "【是否在工业园区】" in await harness.text("李经理", "没有", chat="李经理")


async def test_move_to_private_said_in_a_private_chat_is_no_answer(harness: Harness) -> None:
    """ "转私聊" in the private chat was taken as the enterprise's name ("内容太短了，请至少写4个字")."""
    await harness.say("李经理", "我要自评", chat="李经理")
    reply = await harness.text("李经理", "转私聊", chat="李经理")
    assert reply.startswith("我们已经在私聊里了，这里的回答只有您能看到。请接着回答：\n【企业名称】")
    assert "【统一社会信用代码】" in await harness.text("李经理", "鹿泉区鼎鑫水泥有限公司", chat="李经理")


async def test_an_export_format_we_do_not_make_is_named_as_such(harness: Harness) -> None:
    """ "/导出 平山县 pdf" was answered "没有找到“平山县 pdf”", as if the county were misspelt."""
    reply = await harness.text("王科长", "/导出 平山县 pdf", chat="王科长", role="staff")
    assert reply == (
        "不能导出“pdf”格式。可以导出 xlsx（默认）和 csv，例如“/导出 平山县”“/导出 平山县 csv”“/导出 平山县 xlsx和csv”。"
    )
    assert "平山县还没有申请名单草稿" in await harness.text(
        "王科长", "/导出 平山县 CSV", chat="王科长", role="staff"
    )


async def test_a_broadcast_sent_again_before_confirming_says_the_first_is_dropped(harness: Harness) -> None:
    """The second /广播 replaced the first without a word: a staff member who meant to send both confirmed
    and believed both had gone out."""
    await harness.say("王科长", "/绑定 平山县", chat=GROUP, role="staff")
    await harness.say("王科长", "/广播 明天上午开会", chat="王科长", role="staff")
    second = await harness.text("王科长", "/广播 请按时报送申请名单", chat="王科长", role="staff")
    assert second.startswith("上一条广播（明天上午开会）还没有确认，已作废，不会发出。")
    assert "【通知】请按时报送申请名单" in second
    first_alone = await harness.text("王科长", "/广播 明天上午开会", chat="王科长", role="staff")
    assert "已作废" in first_alone  # the waiting one is dropped again, and said again
    await harness.say("王科长", "取消", chat="王科长", role="staff")
    assert "已作废" not in await harness.text("王科长", "/广播 明天上午开会", chat="王科长", role="staff")


async def start_and_leave(harness: Harness, user: str) -> None:
    await harness.say(user, "我要自评", chat=user, time="2020-07-15T09:00")
    await harness.say(user, "平山县利民建材有限公司", chat=user, time="2020-07-15T09:05")
    await harness.say(user, VALID_CODES[0], chat=user, time="2020-07-15T09:10")


@pytest.mark.parametrize("first", [[], ["你好"]])  # 取消 the first message after the pause, or a later one
async def test_cancel_after_a_pause_drops_the_paused_self_assessment(
    harness: Harness, first: list[str]
) -> None:
    """Back the next day, 取消 was answered "现在没有等您回复的事项" beside "您有一份未完成的自评…回复“继续自评”接着填":
    the self-assessment could be neither dropped nor left, and 我要自评 brought the old answers back."""
    await start_and_leave(harness, "张三")
    for said in first:
        assert "回复“取消”放弃" in await harness.text("张三", said, chat="张三", time="2020-07-16T09:00")
    asked = await harness.text("张三", "取消", chat="张三", time="2020-07-16T09:01")
    assert asked == "确定要取消本次自评吗？这次填写或修改的内容不会保存。回复“是”取消，回复“否”继续。"
    assert (await harness.text("张三", "是", chat="张三")).startswith("已取消本次自评")
    restarted = await harness.text("张三", "我要自评", chat="张三")
    assert "【企业名称】" in restarted  # a new one, the old answers gone
    assert "进行中的自评" not in restarted


async def test_no_to_cancelling_a_paused_self_assessment_keeps_it(harness: Harness) -> None:
    await start_and_leave(harness, "张三")
    await harness.say("张三", "取消", chat="张三", time="2020-07-16T09:01")
    kept = await harness.text("张三", "否", chat="张三")
    assert kept.startswith("好的，继续。\n【县（市、区）】")  # where it stopped, the answers kept


async def test_a_contact_who_does_not_know_the_credit_code_is_told_where_to_find_it(harness: Harness) -> None:
    """At the credit code, "不知道" was answered "应为18位，您输入的是3位": no help to someone without the licence."""
    await harness.say("张三", "我要自评", chat="张三")
    await harness.say("张三", "平山县利民建材有限公司", chat="张三")
    for said in ("不知道", "没带执照，回头再说"):
        reply = await harness.text("张三", said, chat="张三")
        assert reply.startswith("统一社会信用代码是营业执照上的18位数字和字母")
        assert "已填的答案会保留" in reply
        assert "【统一社会信用代码】" in reply  # the same question again
    assert "应为18位，您输入的是17位" in await harness.text("张三", VALID_CODES[0][:17], chat="张三")


async def test_a_reminder_for_tomorrow_night_at_12_is_not_set_a_day_early(harness: Harness) -> None:
    """A reminder for "明天晚上12点" was set for tonight's midnight (7月16日 00:00), a whole day early, and so was
    one for "7月17日晚上12点"; "明晚8点" and "17号9点" were not understood."""
    set_for = {
        "明天晚上12点 关网": "7月17日 00:00",
        "7月17日晚上12点 关网": "7月18日 00:00",
        "明晚8点 开会": "7月16日 20:00",
        "17号9点 交材料": "7月17日 09:00",
    }
    for number, (said, moment) in enumerate(set_for.items(), start=1):
        reply = await harness.text("王科长", f"/提醒 {said}", chat="王科长", role="staff")
        assert reply.startswith(f"好的，提醒#{number}将于{moment}发到这里"), reply


async def test_dont_know_is_no_name_in_the_application_list(harness: Harness) -> None:
    """At the contact's name, "不知道" was taken as the name and went into the draft row (联系人：不知道); at the
    enterprise's name it was told "内容太短了，请至少写4个字", as if a longer 不知道 would do."""
    await harness.say("张三", "我要自评", chat="张三")
    for said in ("不知道", "不清楚"):
        reply = await harness.text("张三", said, chat="张三")
        assert reply.startswith("这一项要写具体内容，会填进申请名单。"), reply
        assert "【企业名称】" in reply
    run = await complete(harness, "李四", [(r"【联系人】", ["不知道", "张经理"]), *CEMENT], chat="李四")
    refused = next(text for text in run.transcript if text.startswith("这一项要写具体内容"))
    assert "【联系人】" in refused
    assert "联系人：张经理" in run.text


@pytest.mark.parametrize("first", [[], ["你好"]])  # 转私聊 the first message after the pause, or a later one
async def test_a_paused_self_assessment_in_a_group_moves_to_the_private_chat(
    harness: Harness, first: list[str]
) -> None:
    """The group was told "已在群里开始的，随时回复“转私聊”", but after a pause 转私聊 was answered "这个问题我不确定"."""
    await harness.say("张三", "我要自评", chat=GROUP, time="2020-07-15T09:00")
    await harness.say("张三", "平山县利民建材有限公司", chat=GROUP, time="2020-07-15T09:05")
    for said in first:
        await harness.say("张三", said, chat=GROUP, time="2020-07-16T09:00")
    moved = await harness.text("张三", "转私聊", chat=GROUP, time="2020-07-16T09:01")
    assert moved.startswith("已转到私聊")
    resumed = await harness.text("张三", "继续自评", chat="张三")
    assert "【统一社会信用代码】" in resumed  # where it stopped, the name kept


async def test_move_to_private_with_nothing_going_on_is_no_question(harness: Harness) -> None:
    reply = await harness.text("张三", "转私聊", chat=GROUP)
    assert reply.startswith("现在没有等您回复的事项")  # not "这个问题我不确定"


async def test_a_county_typed_by_sound_is_offered_or_named(harness: Harness) -> None:
    """Pinyin input writes 平三县 for 平山县 and 鹿全 for 鹿泉: both were "没有找到", in the self-assessment and
    in the staff commands alike."""
    await harness.say("张三", "我要自评", chat="张三")
    await harness.say("张三", "平山县利民建材有限公司", chat="张三")
    await harness.say("张三", VALID_CODES[0], chat="张三")
    assert (await harness.text("张三", "平三县", chat="张三")).startswith("您说的是“平山县”吗？")
    offered = await harness.text("王科长", "/绑定 鹿全", chat="鹿泉区企业群", role="staff")
    assert offered.startswith("您说的是“鹿泉区”吗？")  # as the self-assessment offers it
    bound = await harness.text("王科长", "确认", chat="鹿泉区企业群", role="staff")
    assert bound.startswith("已把本群绑定到鹿泉区（企业群）")
    assert "没有找到" in await harness.text("王科长", "/申请列表 火星县", chat="王科长", role="staff")


# (what is typed, the county it names, whether it is taken at once: its name or alias, else offered to confirm)
TYPED_COUNTIES = [
    ("平山县", "平山县", True),
    ("平山", "平山县", True),
    ("平山县。", "平山县", True),
    ("石家庄市平山县", "平山县", True),
    ("平三县", "平山县", False),  # typed by sound
    ("平山县的", "平山县", False),
    ("平山县岗南镇", "平山县", False),  # a town after the county
    ("鹿泉市", "鹿泉区", False),  # its name before it became a district
    ("火星县", None, False),
]


@pytest.mark.parametrize(("typed", "county", "certain"), TYPED_COUNTIES)
async def test_a_county_is_read_alike_by_the_self_assessment_and_by_binding(
    harness: Harness, typed: str, county: str | None, certain: bool
) -> None:
    """One reading of a typed county: the self-assessment's county question and staff's /绑定 took 平山县岗南镇 and
    石家庄市平山县 differently (the binding refused both) and bound 平三县 without asking."""
    for said in ("我要自评", "平山县利民建材有限公司", VALID_CODES[0]):
        await harness.say("张三", said, chat="张三")
    answered = await harness.text("张三", typed, chat="张三")
    binding = await harness.text("王科长", f"/绑定 {typed}", chat="某企业群", role="staff")
    if county is None:
        assert f"没有找到“{typed}”" in answered
        assert f"没找到“{typed}”" in binding
    elif certain:
        assert question_line(answered).startswith("【行业类别】")
        assert binding.startswith(f"已把本群绑定到{county}（企业群）")
    else:
        assert answered.startswith(f"您说的是“{county}”吗？")
        assert binding.startswith(f"您说的是“{county}”吗？")
        assert question_line(await harness.text("张三", "是", chat="张三")).startswith("【行业类别】")
        bound = await harness.text("王科长", "确认", chat="某企业群", role="staff")
        assert bound.startswith(f"已把本群绑定到{county}（企业群）")


async def test_a_binding_made_supersedes_one_still_asked(harness: Harness) -> None:
    """/绑定 平三县 asked whether 平山县 was meant; /绑定 鹿泉区 bound the group, and then the first question was
    asked again: 确认 to it moved the group to 平山县, undoing the binding just made."""
    asked = await harness.text("王科长", "/绑定 平三县", chat="某企业群", role="staff")
    assert asked.startswith("您说的是“平山县”吗？")
    bound = await harness.text("王科长", "/绑定 鹿泉区", chat="某企业群", role="staff")
    assert bound.startswith("已把本群绑定到鹿泉区（企业群）")
    assert "平山县" not in bound
    assert "已把本群绑定" not in await harness.text("王科长", "确认", chat="某企业群", role="staff")
    group = harness.app.context.repos.groups.get("console", "某企业群")
    assert group is not None
    assert group.county == "鹿泉区"


AROUND = st.text(alphabet=" 。，！？、“”（）()：:\t", max_size=3)  # what people type around a name


@given(
    choice=st.integers(min_value=0),
    before=AROUND,
    after=AROUND,
    city=st.booleans(),
    noise=st.text(max_size=30),
)
def test_a_countys_own_name_is_read_certainly_whatever_is_around_it(
    kb: KnowledgeBase, choice: int, before: str, after: str, city: bool, noise: str
) -> None:
    counties = kb.counties
    names = sorted(counties.names_and_aliases)
    name = names[choice % len(names)]
    typed = f"{before}{counties.written_before[0] if city else ''}{name}{after}"
    reading = counties.read(typed)
    assert reading is not None
    assert reading.certain
    assert reading.county.name == counties.names_and_aliases[name].name
    found = counties.read(noise)  # anything at all: a county or None, never an error
    assert found is None or found.county in counties.counties


async def test_wechat_emoji_codes_are_emoji_not_words(harness: Harness) -> None:
    """WeChat and WeCom send their own emoji as names in brackets inside the text: "收到[抱拳]" and "[强]" were
    answered "这个问题我不确定…", "[Emm]" with the entry on online monitoring."""
    assert await harness.text("张三", "收到[抱拳]", chat=GROUP) == await harness.text(
        "张三", "收到", chat=GROUP
    )
    assert (await harness.text("张三", "[Emm]", chat=GROUP)).startswith("您好，请直接说您的问题")
    for said in (
        "[强]",
        "[强][强]",
    ):  # WeChat's thumbs-up says OK, as 好的 does (tests/test_qa_user_round16.py)
        assert await harness.text("张三", said, chat=GROUP) == await harness.text("张三", "好的", chat=GROUP)
    asked = await harness.text("张三", "申请名单什么时候交[疑问]", chat=GROUP)
    assert asked == await harness.text("张三", "申请名单什么时候交", chat=GROUP)
    cited = await harness.text(
        "张三", "环办大气函[2020]340号是什么", chat=GROUP
    )  # brackets that are no emoji
    assert "[2020]" not in cited or "不确定" not in cited


async def test_reminders_for_other_chats_are_not_listed_in_an_enterprise_group(harness: Harness) -> None:
    """/提醒列表 in an enterprise group listed every staff reminder with its text, a staff member's private
    "给张经理打电话…" too, for the whole group to read."""
    await harness.say("王科长", "/绑定 平山县", chat=GROUP, role="staff")
    await harness.say("王科长", "/绑定 平山县 分局", chat="平山分局群", role="staff")
    await harness.say("王科长", "/提醒 明天9点 给张经理打电话13812345678", chat="王科长", role="staff")
    await harness.say("王科长", "/提醒 明天10点 请按时报送申请名单", chat=GROUP, role="staff")
    await harness.say("王科长", "/提醒 平山县 明天11点 材料月底截止", chat="王科长", role="staff")
    listed = await harness.text("王科长", "/提醒列表", chat=GROUP, role="staff")
    assert "本群：请按时报送申请名单" in listed
    assert "平山县各群：材料月底截止" in listed  # this group gets it too
    assert "张经理" not in listed
    assert "另有1条提醒发到其他群或私聊，不在群里列出：私聊我发送 /提醒列表 查看。" in listed
    for where in ("王科长", "平山分局群"):  # in private and among staff: all of them
        assert "给张经理打电话" in await harness.text("王科长", "/提醒列表", chat=where, role="staff")


async def test_a_bare_small_hour_said_in_the_morning_is_this_afternoons(harness: Harness) -> None:
    """ "/提醒 3点 开会" at 09:00 was refused as a time gone by: staff mean 15:00, and are told so."""
    assert "提醒#1将于7月15日 15:00" in await harness.text("王科长", "/提醒 3点 开会", role="staff")


@pytest.mark.parametrize(
    "text", ["今天天气怎么样", "明天会下雨吗", "中午吃什么", "给我讲个笑话", "各位中午吃啥"]
)
async def test_small_talk_off_the_subject_is_told_what_the_bot_answers(harness: Harness, text: str) -> None:
    """ "今天天气怎么样" was answered 不确定 with 启动预警 offered first, and "中午吃什么" with the branches' deadline."""
    reply = await harness.text("张三", text, chat=GROUP)
    assert reply.startswith("这个不在我能回答的范围里。")
    assert "申请名单什么时候交" in reply  # what the bot does answer, by example
    assert "/帮助" in reply
    assert "预警" not in reply
    assert "——来源" not in reply


async def test_the_weather_of_heavy_pollution_is_still_a_question(harness: Harness) -> None:
    reply = await harness.text("张三", "重污染天气怎么启动预警", chat=GROUP)
    assert not reply.startswith("这个不在我能回答的范围里。")


@pytest.mark.parametrize(
    "text", ["你是谁", "你能干什么", "你会干啥", "这个机器人怎么用", "你好，请问一下", "领导好，咨询一下"]
)
async def test_asking_what_the_bot_is_or_only_opening_a_question_gets_the_greeting(
    harness: Harness, text: str
) -> None:
    """ "你是谁" was answered with the notice's contact persons, "你能干什么" and "你好，请问一下" with 不确定 and
    three random topics."""
    # the greeting in another group: a second one in the same chat within the hour is the short one
    assert await harness.text("张三", text, chat=GROUP) == await harness.text(
        "张三", "你好", chat="鹿泉区企业群"
    )


@pytest.mark.parametrize("text", ["转人工", "人工", "人工客服", "找个真人"])
async def test_asking_for_a_person_is_told_whom_to_ask(harness: Harness, text: str) -> None:
    """ "转人工" was answered 不确定 with the bureau's recruitment (缺口) offered first."""
    reply = await harness.text("张三", text, chat=GROUP)
    assert reply.startswith("我是自动回复的机器人，没有人工客服。")
    assert "生态环境分局" in reply
    assert "sjzyjjp@163.com" in reply
    assert "招聘" not in reply


@pytest.mark.parametrize("text", ["还有几天", "还剩几天", "还有几天？"])
async def test_how_many_days_are_left_is_the_deadlines(harness: Harness, text: str) -> None:
    """ "还有几天" alone was answered with what not applying costs (按最低等级进行管理)."""
    assert await harness.text("张三", text, chat=GROUP) == await harness.text("张三", "/截止", chat=GROUP)


async def test_back_after_an_edit_at_the_review_returns_to_the_review(drafted: Harness) -> None:
    """After "修改 联系电话" at the review, 返回 went to the question before it (联系人), and a second 返回 to
    拟申报等级: the person who changed their mind about the edit had to answer their way back."""
    await drafted.say("李经理", "修改 联系电话", chat="李经理")
    back = await drafted.text("李经理", "返回", chat="李经理")
    assert "【申请名单草稿】请核对" in back
    assert "联系电话：13812345678" in back
    assert "已更改" not in back
    again = await drafted.text(
        "李经理", "返回", chat="李经理"
    )  # from the review, the last question as before
    assert again.startswith("【联系电话】")


async def test_back_after_an_edit_mid_way_returns_to_the_question_it_left(harness: Harness) -> None:
    for said in ("我要自评", "平山县利民建材有限公司", VALID_CODES[0]):
        await harness.say("李经理", said, chat="李经理")
    await harness.say("李经理", "修改 企业名称", chat="李经理")
    assert (await harness.text("李经理", "返回", chat="李经理")).startswith("【县（市、区）】")


@pytest.mark.parametrize("said", ["申请名单什么时候交？", "今天天气怎么样", "这个名称要写全称吗"])
async def test_a_question_at_a_name_is_not_taken_as_the_name(harness: Harness, said: str) -> None:
    """A question asked at 【企业名称】 went into the draft as the enterprise's name (当前答案：申请名单什么时候交？)."""
    await harness.say("李经理", "我要自评", chat="李经理")
    reply = await harness.text("李经理", said, chat="李经理")
    assert "没有当作本题的答案记下" in reply
    assert "【企业名称】" in reply
    assert "当前答案" not in reply
    assert "【统一社会信用代码】" in await harness.text("李经理", "平山县利民建材有限公司", chat="李经理")


@pytest.mark.parametrize("said", ["修改 联系电话", "修改联系人", "修改"])
async def test_an_edit_after_the_draft_is_saved_says_how_to_reopen_it(drafted: Harness, said: str) -> None:
    """ "修改 联系电话" right after 确认 was answered with the notice's silence on changing a submitted list."""
    await drafted.say("李经理", "确认", chat="李经理")
    reply = await drafted.text("李经理", said, chat="李经理")
    assert reply.startswith("您的申请名单草稿已经保存（鹿泉区鼎鑫水泥有限公司，第1版）")
    assert "发送“修改申请”" in reply
    reopened = await drafted.text("李经理", "修改申请", chat="李经理")
    assert "已打开“鹿泉区鼎鑫水泥有限公司”的申请名单草稿" in reopened


async def test_an_edit_without_a_draft_is_still_a_question(harness: Harness) -> None:
    reply = await harness.text("张三", "修改 联系电话", chat=GROUP)
    assert not reply.startswith("您的申请名单草稿已经保存")


async def test_a_hedge_does_not_drop_the_self_assessment(harness: Harness) -> None:
    """ "嗯" to 确定要取消本次自评吗 dropped every answer, though a broadcast or an unbinding is never carried out on
    a hedge (messages.yaml: "plain, never a hedge like 嗯")."""
    for said in ("我要自评", "平山县利民建材有限公司", "取消"):
        await harness.say("李经理", said, chat="李经理")
    hedged = await harness.text("李经理", "嗯", chat="李经理")
    assert hedged.startswith("请回复“是”或“否”。\n确定要取消本次自评吗？")
    kept = await harness.text("李经理", "否", chat="李经理")
    assert kept.startswith("好的，继续。\n【统一社会信用代码】")


async def test_the_staff_command_list_says_what_export_sends(harness: Harness) -> None:
    """The list of commands said /导出 sends the xlsx and, with csv, the CSV besides ("加“csv”另发csv"): it
    sends the CSV alone."""
    listed = await harness.text("王科长", "/没有这个命令", chat="王科长", role="staff")
    assert "/导出 —— 导出本县（市、区）申请名单表格：默认xlsx，加“csv”导出CSV" in listed


async def test_failed_pushes_name_the_group_not_its_platform_id(harness: Harness) -> None:
    """/发送失败 listed a WeCom group as “wrkSFfCgAAx7Kq2mP9”: staff cannot tell which group that is. A bound group
    is named by its county and kind, and two such groups told apart by the masked end of their id."""
    repos, now = harness.app.context.repos, harness.clock.now()
    for chat in ("wrkSFfCgAAx7Kq2mP9", "wrkSFfCgAAb3Tt8wQ4"):
        repos.groups.ensure("wecom_bot", chat, "平山县", "enterprise", "wangke", now)
        repos.deliveries.record("reminder:9", "wecom_bot", chat, "提醒#9：请按时报送申请名单", "missed", now)
    failures = await harness.text("王科长", "/发送失败", chat="王科长", role="staff")
    assert "wrkSFfCgAA" not in failures
    assert "平山县·企业群（…wQ4）、平山县·企业群（…mP9）" in failures


async def test_a_reminder_to_a_private_chat_names_whose_chat_it_is(harness: Harness) -> None:
    """/提醒列表 showed a reminder a staff member set in the WeCom app's private chat as “→ “wangke””: an account id,
    not a place anyone recognises."""
    harness.app.context.repos.announcements.add(
        models.Announcement(
            kind="reminder",
            text="给鼎鑫水泥打电话",
            target_channel="wecom_app",
            target_chat_id="wangke",
            due_at=harness.clock.now() + timedelta(hours=3),
            status="scheduled",
            created_by="wangke",
            created_by_name="王科长",
            created_at=harness.clock.now(),
        )
    )
    listed = await harness.text("李科员", "/提醒列表", chat="李科员", role="staff")
    assert "→ 王科长的私聊：给鼎鑫水泥打电话（王科长）" in listed
    assert "wangke" not in listed


@pytest.mark.parametrize(
    ("said", "example"),
    [
        ("7月17日 开会", "/提醒 7月17日 9:00"),
        ("明天 开会", "/提醒 明天 9:00"),
        ("平山县 7/17 开会", "/提醒 平山县 7/17 9:00"),
    ],
)
async def test_a_reminder_with_a_day_and_no_hour_asks_for_the_hour(
    harness: Harness, said: str, example: str
) -> None:
    """ "/提醒 7月17日 开会" was told "没看懂提醒时间", though the day was read: only the hour was missing."""
    await harness.say("王科长", "/绑定 平山县", chat=GROUP, role="staff")
    reply = await harness.text("王科长", f"/提醒 {said}", chat=GROUP, role="staff")
    assert reply.startswith("只写了日期“")
    assert "没写几点发" in reply
    assert example in reply


@pytest.mark.parametrize("said", ["不知道", "不清楚是哪个行业", "说不准"])
async def test_not_knowing_the_industry_is_told_how_to_find_it(harness: Harness, said: str) -> None:
    """ "不知道" at 【行业类别】 was told "在47个重点行业里没有找到“不知道”对应的行业", as if it were a trade's name."""
    for answer in ("我要自评", "平山县利民建材有限公司", VALID_CODES[0], "平山县"):
        await harness.say("李经理", answer, chat="李经理")
    reply = await harness.text("李经理", said, chat="李经理")
    assert reply.startswith("拿不准属于哪个行业没关系：请告诉我贵企业的主要产品、工艺或原料")
    assert "没有找到" not in reply
    assert "【行业类别】" in reply
    assert "石灰窑" in await harness.text("李经理", "我们烧石灰", chat="李经理")


@pytest.mark.parametrize("said", ["继续", "接着填", "继续填"])
async def test_go_on_said_after_a_pause_resumes_the_self_assessment(harness: Harness, said: str) -> None:
    """Back after a pause, "继续" was answered 不确定 with three random topics beside the note "回复“继续自评”接着填"."""
    await start_and_leave(harness, "张三")
    resumed = await harness.text("张三", said, chat="张三", time="2020-07-16T09:00")
    assert "【县（市、区）】" in resumed
    assert "我不确定" not in resumed


async def test_go_on_with_nothing_paused_says_nothing_waits(harness: Harness) -> None:
    assert (await harness.text("张三", "继续", chat="张三")).startswith("现在没有等您回复的事项")


@pytest.mark.parametrize(
    ("text", "kind"),
    [("好的，明白了", "谢谢"), ("ok谢谢", "谢谢"), ("谢谢，辛苦了", "谢谢"), ("再见", "谢谢"), ("拜拜", "谢谢"),
     ("你好，在吗", "你好"), ("机器人你好", "你好"), ("有人在吗", "你好"), ("早安", "你好")],
)  # fmt: skip
async def test_greetings_and_thanks_said_together_or_in_other_words_are_small_talk(
    harness: Harness, text: str, kind: str
) -> None:
    """ "好的，明白了", "你好，在吗" and "再见" were answered 不确定 with three random topics, and "有人在吗" with the
    city bureau's working groups: each is a greeting or thanks already known, said together, or one not listed."""
    assert await harness.text("张三", text, chat=GROUP) == await harness.text(
        "张三", kind, chat="鹿泉区企业群"
    )


async def test_a_short_question_holding_a_greeting_is_still_answered(harness: Harness) -> None:
    reply = await harness.text("张三", "你好，申请名单什么时候交", chat=GROUP)
    assert "7月17日12:00" in reply


@pytest.mark.parametrize("command", ["/申请列表 鹿泉区", "/导出 鹿泉区"])
async def test_a_branch_group_shows_only_its_own_countys_drafts(harness: Harness, command: str) -> None:
    """In 平山县's branch group (分局群), "/导出 鹿泉区" sent 鹿泉区's enterprises' codes and phone numbers in full to
    every member of 平山县's branch, and /申请列表 listed them: a group is shown its own county's drafts only."""
    await harness.say("王科长", "/绑定 平山县 分局", chat="平山分局群", role="staff")
    await complete(harness, "李经理", CEMENT, chat="李经理")
    await harness.say("李经理", "确认", chat="李经理")
    replies = await harness.say("王科长", command, chat="平山分局群", role="staff")
    assert [reply.file for reply in replies] == [None]
    assert replies[0].text.startswith("本群绑定的是平山县，在这里只能查看和导出平山县的申请名单。")
    assert "鹿泉区鼎鑫水泥" not in replies[0].text
    private = await harness.say("王科长", command, chat="王科长", role="staff")
    assert "鹿泉区" in private[0].text  # in private, as before


async def test_not_knowing_a_choice_is_told_it_can_be_changed_later(harness: Harness) -> None:
    """ "不知道" at 【拟申报等级】 was told "没有看懂您的选择": the contact who has not decided was given no way on."""
    run = await complete(harness, "李经理", [(r"【拟申报等级】", ["不知道", "A级"]), *CEMENT], chat="李经理")
    asked_again = [text for text in run.transcript if text.startswith("还没想好的话，可以先选最接近的一项")]
    assert len(asked_again) == 1
    assert "修改 拟申报等级" in asked_again[0]
    assert "【拟申报等级】" in asked_again[0]
    assert "拟申报等级：A级" in run.text


@pytest.mark.parametrize("hedge", ["嗯", "嗯嗯"])
async def test_a_hedge_at_a_yes_no_question_is_asked_again_with_the_options(
    harness: Harness, hedge: str
) -> None:
    """ "嗯" at 【是否在工业园区】 was recorded as 是."""
    run = await complete(
        harness, "李经理", [(r"【是否在工业园区】", [hedge, "嗯，是的"]), *CEMENT], chat="李经理"
    )
    reply = run.transcript[run.sent.index(hedge)]
    assert reply.startswith("请回答“是”或“否”")
    assert question_line(reply).startswith("【是否在工业园区】")
    assert "1. 是　2. 否" in reply
    assert "是否在工业园区：是" in run.text


@pytest.mark.parametrize(
    ("step", "asked", "answer"),
    [(r"【拟申报等级】", "B级要啥条件？", "A级"), (r"【年运输量】", "这个数填多少合适", "12.5")],
)
async def test_a_question_at_a_choice_or_a_number_is_answered_and_the_step_asked_again(
    harness: Harness, step: str, asked: str, answer: str
) -> None:
    """ "B级要啥条件？" at 【拟申报等级】 was taken as B级, and "这个数填多少合适" at a figure was told "请回复一个数字":
    the question went unanswered. It is answered as the Q&A answers it elsewhere, and the step asked again."""
    run = await _asked_at_the_step_then_answered(harness, step, asked, answer)
    assert not question_line(run.transcript[run.sent.index(answer)]).startswith(step.replace("\\", ""))
    assert "拟申报等级：A级" in run.text


@pytest.mark.parametrize(
    ("step", "asked", "answer"),
    [
        (r"【统一社会信用代码】", "申请名单什么时候交", VALID_CODES[0]),
        (r"【县（市、区）】", "申请名单交给谁？", "鹿泉"),
        (r"【联系电话】", "材料交几份", "13812345678"),
    ],
)
async def test_a_question_at_a_code_a_county_or_a_phone_is_answered_and_the_step_asked_again(
    harness: Harness, step: str, asked: str, answer: str
) -> None:
    """ "申请名单什么时候交" at 【统一社会信用代码】 was told what a credit code is, and at 【县（市、区）】 没有找到“申请名单
    什么时候交”: the question went unanswered at the steps that read a code, a county or a number."""
    await _asked_at_the_step_then_answered(harness, step, asked, answer)


async def _asked_at_the_step_then_answered(harness: Harness, step: str, asked: str, answer: str) -> Run:
    """The cement walkthrough with a question asked at `step` before its answer: the question got the reply it gets
    in a group, said not to be taken as the answer, and the step asked again after it; nothing entered before is
    lost."""
    elsewhere = await harness.text("张三", asked, chat=GROUP)
    run = await complete(harness, "李经理", [(step, [asked, answer]), *CEMENT], chat="李经理")
    reply = run.transcript[run.sent.index(asked)]
    assert reply.startswith(elsewhere)
    assert "没有当作本题的答案记下" in reply
    assert question_line(reply).startswith(step.replace("\\", ""))
    assert "鹿泉区鼎鑫水泥有限公司" in run.text
    return run


async def test_an_option_named_only_to_deny_it_is_not_taken(harness: Harness) -> None:
    """ "不是手工的" at the foundry's moulding equipment was taken as 低于机械化（手工造型等）, the very option denied, and
    capped the grade at B."""
    rules: list[Rule] = [
        (r"【铸造·造型", ["不是手工的", "机械化造型"]),
        (r"【铸造·熔炼方式】", "电炉"),
        (r"【铸造·制芯", "1"),
        (r"·", "是"),
        *basics("鹿泉区宏达铸造有限公司", VALID_CODES[1], "鹿泉", ["铸件"], "A级"),
        *ALL_A,
    ]
    run = await complete(harness, "李经理", rules, chat="李经理")
    reply = run.transcript[run.sent.index("不是手工的")]
    assert reply.startswith("您说的是不选“低于机械化（手工造型等）”，还没说选哪一项")
    assert question_line(reply).startswith("【铸造·造型（制壳）装备】")
    assert "装备水平B" in run.text  # mechanised moulding, as said next


async def test_a_question_at_a_name_is_answered_too(harness: Harness) -> None:
    await harness.say("李经理", "我要自评", chat="李经理")
    elsewhere = await harness.text("张三", "申请名单什么时候交？", chat=GROUP)
    reply = await harness.text("李经理", "申请名单什么时候交？", chat="李经理")
    assert reply.startswith(elsewhere)
    assert question_line(reply).startswith("【企业名称】")


async def test_an_outside_business_at_the_industry_is_told_it_is_not_one_of_the_47(harness: Harness) -> None:
    """ "我们是做钢材贸易的" at 【行业类别】 was told "没有找到…对应的行业", while the Q&A told it 不属于 with the class."""
    for answer in ("我要自评", "平山县利民建材有限公司", VALID_CODES[0], "平山县"):
        await harness.say("李经理", answer, chat="李经理")
    reply = await harness.text("李经理", "我们是做钢材贸易的", chat="李经理")
    elsewhere = await harness.text("张三", "我们是做钢材贸易的，要参加评级吗", chat=GROUP)
    assert "没有找到" not in reply
    assert reply.startswith("不属于。")
    outside = elsewhere.split("“")[2].split("”")[0]  # the class the Q&A named
    assert f"“{outside}”" in reply
    assert "按最低等级管理" in reply
    assert "取消" in reply
    assert question_line(reply).startswith("【行业类别】")
    assert "贵企业还有其他重点行业吗" in await harness.text("李经理", "水泥", chat="李经理")


async def test_a_hedge_at_another_industry_is_asked_again(harness: Harness) -> None:
    """With 嗯 no longer a yes, "嗯" to "还有其他重点行业吗？" was read as an industry ("没有找到“嗯”对应的行业")."""
    for answer in ["我要自评", "鹿泉区鼎鑫水泥有限公司", VALID_CODES[0], "鹿泉区", "水泥"]:
        asked = await harness.text("李经理", answer, chat="李经理")
    assert await harness.text("李经理", "嗯", chat="李经理") == question_line(asked)
    assert "【是否在工业园区】" in await harness.text("李经理", "没有", chat="李经理")


async def test_staff_lists_of_reminders_and_failures_keep_to_the_county_named(harness: Harness) -> None:
    """ "/提醒列表 平山县" and "/发送失败 平山县" listed every county's, the county silently ignored."""
    await harness.say("王科长", "/绑定 平山县", chat=GROUP, role="staff")
    await harness.say("王科长", "/绑定 鹿泉区", chat="鹿泉区企业群", role="staff")
    await harness.say("王科长", "/提醒 平山县 明天9点 平山材料月底截止", chat="王科长", role="staff")
    await harness.say("王科长", "/提醒 鹿泉区 明天9点 鹿泉材料月底截止", chat="王科长", role="staff")
    listed = await harness.text("王科长", "/提醒列表 平山县", chat="王科长", role="staff")
    assert "平山材料月底截止" in listed
    assert "鹿泉材料" not in listed
    repos, now = harness.app.context.repos, harness.clock.now()
    for chat, label in ((GROUP, "提醒#8：平山"), ("鹿泉区企业群", "提醒#9：鹿泉")):
        repos.deliveries.record(label, "console", chat, label, "missed", now)
    failed = await harness.text("王科长", "/发送失败 平山县", chat="王科长", role="staff")
    assert "提醒#8：平山" in failed
    assert "鹿泉" not in failed
    for command in ("/提醒列表 火星县", "/发送失败 火星县"):
        assert "没有找到" in await harness.text("王科长", command, chat="王科长", role="staff")


async def test_the_console_says_private_when_switched_to_the_speakers_own_chat(harness: Harness) -> None:
    """ "/chat 王科长" while speaking as 王科长 said "已切换到群“王科长”", though that is the private chat."""
    written: list[str] = []
    repl = Repl(harness.adapter, harness.clock, "绩效分级助手", written.append)
    await repl.handle_input("/as 王科长")
    await repl.handle_input("/chat 王科长")
    assert written[-1] == "已切换到与机器人的私聊。\n"
    await repl.handle_input("/chat 平山县企业群")
    assert written[-1] == "已切换到群“平山县企业群”。\n"


@pytest.mark.parametrize(("asked", "option", "number"), [("够A级吗", "A级", 1), ("B级要啥条件？", "B级", 2)])
async def test_a_question_naming_an_option_says_how_to_choose_it(
    harness: Harness, asked: str, option: str, number: int
) -> None:
    """ "够A级吗" at 【拟申报等级】 got the Q&A's answer and the question again, but not how to pick A级 if that was
    the choice: the contact was left to guess whether to type "A", "A级" or "1"."""
    run = await complete(
        harness, "李经理", [(r"【拟申报等级】", [asked, str(number)]), *CEMENT], chat="李经理"
    )
    reply = run.transcript[run.sent.index(asked)]
    assert f"要选“{option}”，请回复“{number}”" in reply
    assert "修改 拟申报等级" in reply  # and that it can be changed after the result
    assert question_line(reply).startswith("【拟申报等级】")
    assert f"拟申报等级：{option}" in run.text


async def test_the_item_named_after_a_bare_edit_is_the_item_to_change(drafted: Harness) -> None:
    """ "修改" alone lists the items; the contact then named one ("联系电话") and got the review's prompt again
    without a word on it, at a question it would have been taken as the answer (联系人：联系电话)."""
    listed = await drafted.text("李经理", "修改", chat="李经理")
    assert listed.startswith("请写明要修改哪一项")
    asked = await drafted.text("李经理", "电话", chat="李经理")
    assert question_line(asked).startswith("【联系电话】")
    changed = await drafted.text("李经理", "13900139000", chat="李经理")
    assert changed.startswith("已更改：联系电话：13900139000")
    await drafted.say("李经理", "修改 联系人", chat="李经理")
    await drafted.say("李经理", "修改", chat="李经理")
    named = await drafted.text("李经理", "联系电话", chat="李经理")  # at a question: the item, not the answer
    assert question_line(named).startswith("【联系电话】")
    await drafted.say("李经理", "修改", chat="李经理")
    assert "拟申报等级：A级" in await drafted.text(
        "李经理", "13800138000", chat="李经理"
    )  # no item: the answer


async def test_an_item_not_asked_yet_named_after_a_bare_edit_is_said_to_come_later(harness: Harness) -> None:
    """ux30: at 【行业类别】, "修改" then "联系电话" (not asked yet) was looked up as an industry: 没有找到“联系电话”
    对应的行业. Named exactly, the item is told to come later, as "修改 联系电话" is; the question is asked again."""
    for said in ("我要自评", "平山县恒达铸造有限公司", VALID_CODES[2], "平山县", "修改"):
        await harness.say("李会计", said, chat=GROUP)
    told = await harness.text("李会计", "联系电话", chat=GROUP)
    assert told.startswith("“联系电话”还没问到，问到时直接回答即可。")
    assert question_line(told).startswith("【行业类别】")
    assert "已记录行业：铸造。" in await harness.text("李会计", "铸造", chat=GROUP)


@pytest.mark.parametrize("said", ["-5", "负5万吨", "－3"])
async def test_a_negative_figure_is_refused_not_taken_without_its_sign(harness: Harness, said: str) -> None:
    """ "-5" at 【年运输量】 was recorded as 5万吨/年: the minus dropped without a word."""
    run = await complete(harness, "李经理", [(r"【年运输量】", [said, "5"]), *CEMENT], chat="李经理")
    reply = run.transcript[run.sent.index(said)]
    assert reply.startswith("这个数值应在0到20000之间")
    assert question_line(reply).startswith("【年运输量】")


@pytest.mark.parametrize(
    ("command", "suggested"), [("/导出", "/导出 平山县"), ("/导出 平山县 csv", "/导出 平山县 csv")]
)
async def test_export_refused_in_a_group_suggests_the_command_that_works_in_private(
    harness: Harness, command: str, suggested: str
) -> None:
    """In an enterprises' group /导出 said "请私聊我发送“/导出”", and there /导出 alone asked which county (the
    group's county is known only in the group), one more turn for nothing; /申请列表 names it already."""
    await harness.say("王科长", "/绑定 平山县", chat=GROUP, role="staff")
    refused = await harness.text("王科长", command, chat=GROUP, role="staff")
    assert f"请私聊我发送“{suggested}”" in refused
    assert "平山县还没有申请名单草稿" in await harness.text("王科长", suggested, chat="王科长", role="staff")


def test_json_lines_read_a_group_message_without_the_bots_mention(tmp_path: Path) -> None:
    """A trainer replaying a group chat writes what people type there, "@绩效分级助手 我要自评": the JSON lines
    took the mention as words (你好 got an article of the notice, /绑定 was no command, 我要自评 started
    nothing), while WeCom and the interactive console drop it."""
    said = ["@绩效分级助手 你好", "@绩效分级助手 /绑定 平山县", "@绩效分级助手我要自评", "@绩效分级助手 取消"]
    mentioned = run_jsonl(
        [{"chat": GROUP, "user": "王科长", "text": text, "role": "staff"} for text in said],
        f"sqlite:///{tmp_path}/with.db",
    )
    plain = run_jsonl(
        [
            {
                "chat": GROUP,
                "user": "王科长",
                "text": text.removeprefix("@绩效分级助手").strip(),
                "role": "staff",
            }
            for text in said
        ],
        f"sqlite:///{tmp_path}/without.db",
    )
    assert mentioned == plain
    assert str(mentioned[1]["text"]).startswith("已把本群绑定到平山县")


async def test_binding_a_group_again_to_its_own_county_says_it_already_was(harness: Harness) -> None:
    """ "/绑定 平山县" sent again (it is easy to forget whether one did) answered "已把本群绑定到平山县（企业群），原为
    平山县·企业群", as if something had changed."""
    await harness.say("王科长", "/绑定 平山县", chat=GROUP, role="staff")
    again = await harness.text("王科长", "/绑定平山县", chat=GROUP, role="staff")
    assert again.startswith("本群已经绑定到平山县（企业群），不用再绑定。")
    assert "原为" not in again
    asked = await harness.text("王科长", "/绑定 平山县 分局", chat=GROUP, role="staff")
    assert asked.startswith("本群现在绑定平山县·企业群。确定把本群改为平山县的分局群吗？")
    moved = await harness.text("王科长", "确认", chat=GROUP, role="staff")
    assert moved.startswith("已把本群绑定到平山县（分局群），原为平山县·企业群。")


async def test_the_hour_asked_for_a_reminder_can_be_given_alone(harness: Harness) -> None:
    """ "/提醒 7月17日 开会" is asked for the hour ("没写几点发"); the hour given alone, "9点", was answered as a
    question ("这个问题我不确定…"), and the reminder was never set."""
    asked = await harness.text("王科长", "/提醒 平山县 7月17日 开会", chat="王科长", role="staff")
    assert asked.startswith("只写了日期“7月17日”，没写几点发。")
    assert "直接回复几点" in asked
    set_for = await harness.text("王科长", "9点", chat="王科长", role="staff")
    assert set_for.startswith("好的，提醒#1将于7月17日 09:00发到平山县绑定的群")
    assert "：开会" in set_for
    await harness.say("王科长", "/提醒 7月17日 交材料", chat="王科长", role="staff")
    answered = await harness.text("王科长", "申请名单什么时候交", chat="王科长", role="staff")
    # not an hour: answered as any question, then the hour asked again (staff18: it was dropped, the day and text lost)
    assert "7月17日12:00" in answered
    assert answered.endswith(
        "只写了日期“7月17日”，没写几点发。请直接回复几点发，例如“9点”“下午3点”（不设这条提醒请回复“取消”）；或者写上时间重新发送，例如：/提醒 7月17日 9:00 交材料。"
    )
    assert "好的，提醒#2将于7月17日 10:00发到这里：交材料" in await harness.text(
        "王科长", "10点", chat="王科长", role="staff"
    )


@pytest.mark.parametrize(
    ("code", "said"),
    [
        (VALID_CODES[0][:17], "统一社会信用代码应为18位，您输入的是17位。"),
        (VALID_CODES[0][:17] + "I", "统一社会信用代码第18位的“I”不合规"),
    ],
)
async def test_a_mistyped_code_to_transfer_is_named_as_such(harness: Harness, code: str, said: str) -> None:
    """ "/转交" with a code one character short got the command's usage again, with nothing on what was wrong:
    staff retyped the same code."""
    reply = await harness.text("王科长", f"/转交 {code} zhangsan", chat="王科长", role="staff")
    assert reply.startswith(said)
    assert "/转交 统一社会信用代码 新负责人的账号" in reply
    assert "请对照营业执照" not in reply  # that is said to the enterprise filling in its own code


@pytest.mark.parametrize("said", ["铸造和工业涂装", "铸造、工业涂装", "铸造 工业涂装"])
async def test_two_industries_named_at_once_are_both_recorded(harness: Harness, said: str) -> None:
    """A cross-industry enterprise naming both at 【行业类别】 ("铸造和工业涂装") was asked "您说的是“工业涂装”行业吗？":
    a yes recorded 工业涂装 alone, 铸造 lost without a word; "水泥、铸造" was offered as one or the other."""
    for answer in ("我要自评", "平山县恒达铸造有限公司", VALID_CODES[0], "平山县"):
        await harness.say("李经理", answer, chat="李经理")
    recorded = await harness.text("李经理", said, chat="李经理")
    assert recorded.startswith("已记录行业：铸造、工业涂装。贵企业还有其他重点行业吗？")
    assert "已记录行业：铸造、工业涂装、水泥。" in await harness.text("李经理", "水泥", chat="李经理")


BRICK_WORKSHOP = "我们是小作坊，就两个人，做砖的，要报吗"


@pytest.mark.parametrize("pick", ["第一个", "一", "第1个"])
async def test_the_offered_industry_is_picked_by_its_number_in_words(harness: Harness, pick: str) -> None:
    """ "第一个" to the numbered industries of a Q&A answer was taken as a new question (the procedure's steps)."""
    offered = await harness.text("张三", BRICK_WORKSHOP, chat=GROUP)
    assert "1. 砖瓦窑" in offered
    assert (await harness.text("张三", pick, chat=GROUP)).startswith("好的，按“砖瓦窑”")


async def test_none_of_the_offered_industries_is_told_what_to_do_next(harness: Harness) -> None:
    """ "都不是" to the numbered industries got "这个问题我不确定…您是不是想问：哪些企业要申报…", as if it were a question."""
    await harness.say("张三", BRICK_WORKSHOP, chat=GROUP)
    reply = await harness.text("张三", "都不是", chat=GROUP)
    assert reply.startswith("好的，不是这几个。")
    assert "主要产品、工艺或原料" in reply
    assert "按最低等级管理" in reply
    assert "这个问题我不确定" in await harness.text(
        "张三", "都不是", chat=GROUP
    )  # the offer lived one message


async def test_none_of_these_said_in_words_at_the_self_assessments_industries(harness: Harness) -> None:
    """At 【行业类别】 the candidates end with "N. 都不是"; "都不是" typed in words, not as its number, was read as a
    trade's name ("在47个重点行业里没有找到“都不是”对应的行业")."""
    for answer in ("我要自评", "平山县利民建材有限公司", VALID_CODES[0], "平山县"):
        await harness.say("李经理", answer, chat="李经理")
    assert "都不是" in await harness.text("李经理", "我们做五金的", chat="李经理")
    reply = await harness.text("李经理", "都不是", chat="李经理")
    assert reply.startswith("好的，请换个说法再回答一次。")
    assert question_line(reply).startswith("【行业类别】")


async def test_the_topics_of_a_not_sure_answer_are_offered_as_titles_to_send_not_numbers(
    harness: Harness,
) -> None:
    """ "这个问题我不确定…您是不是想问：1. … 2. … 3. …" invited a number, and "1" got "您好，请直接说您的问题": a dead
    end. The topics are offered as the other answers offer theirs, titles to send, and a title sent answers."""
    reply = await harness.text("张三", "9点", chat=GROUP)
    assert reply.startswith("这个问题我不确定")
    assert "您是不是想问下面这些？可以直接发标题：\n· " in reply
    assert not [line for line in reply.splitlines() if line[:1].isdigit()]
    title = next(line.removeprefix("· ") for line in reply.splitlines() if line.startswith("· "))
    answered = await harness.text("张三", title, chat=GROUP)
    assert not answered.startswith(("这个问题我不确定", "您好，请直接说您的问题"))


async def offer_brick_industries(harness: Harness) -> None:
    for answer in ("我要自评", "平山县利民建材有限公司", VALID_CODES[0], "平山县"):
        await harness.say("李经理", answer, chat="李经理")
    offered = await harness.text("李经理", "做砖的", chat="李经理")
    assert offered.startswith("“做砖的”可能是以下行业之一，请回复编号：\n1. 砖瓦窑")


@pytest.mark.parametrize("wrong", ["5", "随便"])
async def test_a_wrong_pick_among_the_offered_industries_keeps_the_list(harness: Harness, wrong: str) -> None:
    """ "5" (or "随便") to the four industries offered dropped the list: the question came back open, and the "1"
    the contact sent next was told "在47个重点行业里没有找到“1”对应的行业"."""
    await offer_brick_industries(harness)
    again = await harness.text("李经理", wrong, chat="李经理")
    assert "1. 砖瓦窑" in again
    assert again.endswith("4. 都不是")
    assert "1到4" in again
    assert (await harness.text("李经理", "1", chat="李经理")).startswith("已记录行业：砖瓦窑。")


async def test_another_trade_named_instead_of_a_number_is_still_read(harness: Harness) -> None:
    await offer_brick_industries(harness)
    assert (await harness.text("李经理", "水泥熟料", chat="李经理")).startswith(
        "您说的是附件1中的“水泥”行业吗？"
    )


@pytest.mark.parametrize("said", ["不知道", "不清楚"])
async def test_not_knowing_a_yes_no_answer_is_told_how_to_go_on(harness: Harness, said: str) -> None:
    """ "不知道" at 【是否在工业园区】 (or 【小微涉气企业核对】) got only "请回答“是”或“否”": no way on for the contact
    who has to ask a colleague first."""
    run = await complete(harness, "李经理", [(r"【是否在工业园区】", [said, "是"]), *CEMENT], chat="李经理")
    reply = run.transcript[run.sent.index(said)]
    assert reply.startswith("拿不准的话，可以先问问厂里管这方面的同事")
    assert "已填的答案会保留" in reply
    assert question_line(reply).startswith("【是否在工业园区】")
    assert "是否在工业园区：是" in run.text


async def test_the_deadline_warning_says_what_is_handed_in_by_when(harness: Harness) -> None:
    """The warning read "申请名单须在2020年7月17日12:00前《2020年重点行业企业环保绩效评级申请名单》报辖区生态环境分局":
    a sentence without its verb."""
    started = await harness.text("李经理", "我要自评", chat="李经理", time="2020-07-16T09:00")
    assert (
        "提醒：须在2020年7月17日12:00前把《2020年重点行业企业环保绩效评级申请名单》报辖区生态环境分局，还剩约27小时。"
        in started
    )


@pytest.mark.parametrize("wrong", ["5", "第四个"])
async def test_a_number_the_offered_industries_do_not_have_keeps_them_offered(
    harness: Harness, wrong: str
) -> None:
    """ "5" to the three industries of a Q&A answer was told "您好，请直接说您的问题", "第四个" was answered with the
    eight principles' fourth, and the "1" sent next found the offer gone."""
    offered = await harness.text("张三", BRICK_WORKSHOP, chat=GROUP)
    assert "3. 陶瓷" in offered
    again = await harness.text("张三", wrong, chat=GROUP)
    assert (
        again
        == "没有看懂您选的是哪一个，请回复编号（1到3），或直接写行业名称。\n1. 砖瓦窑\n2. 耐火材料\n3. 陶瓷"
    )
    assert (await harness.text("张三", "1", chat=GROUP)).startswith("好的，按“砖瓦窑”")


@pytest.mark.parametrize("said", ["啥意思", "这个是什么意思？", "看不懂", "怎么填"])
async def test_asking_what_a_step_means_gets_the_dialogues_help_not_a_random_answer(
    harness: Harness, said: str
) -> None:
    """ "这个是什么意思" at an indicator question was answered with two unrelated FAQ entries (成熟一个申报一个, the
    work's purpose), "啥意思" with the short-board principle and the 2026 reform: it asks about the question."""
    run = await complete(harness, "李经理", [(r"【是否在工业园区】", [said, "是"]), *CEMENT], chat="李经理")
    reply = run.transcript[run.sent.index(said)]
    assert reply.startswith("您正在进行环保绩效初步自评，可以发送：")
    assert "——来源" not in reply
    assert question_line(reply).startswith("【是否在工业园区】")
    assert "是否在工业园区：是" in run.text


async def test_a_pasted_placeholder_of_a_picture_or_a_voice_message_asks_nothing(harness: Harness) -> None:
    """WeChat copies a picture or a voice message as "[图片]" or "[语音]": pasted alone they were answered "这个问题我不确定"
    with the city bureau's contacts, and beside a question they are no words of it."""
    for said in ("[图片]", "[语音]", "[图片][图片]", "[动画表情]"):
        assert (await harness.text("张三", said, chat=GROUP)).startswith("您好，请直接说您的问题")
    asked = await harness.text("张三", "[图片]这个表申请名单什么时候交", chat=GROUP)
    assert asked == await harness.text("张三", "这个表申请名单什么时候交", chat=GROUP)


async def test_an_emoji_or_a_pasted_picture_is_no_answer_to_a_self_assessment_question(
    harness: Harness,
) -> None:
    """ "[图片]" at 【企业名称】 was recorded as the enterprise's name, bound for the application list; "好的[抱拳]" at a
    yes/no question was refused. The chat apps' emoji and placeholders are no words of an answer either."""
    await harness.say("李经理", "我要自评", chat="李经理")
    refused = await harness.text("李经理", "[图片]", chat="李经理")
    assert refused.startswith("图片、语音和表情我看不到也听不到，这一题请打字回复")
    assert question_line(refused).startswith("【企业名称】")
    run = await complete(harness, "李经理", [(r"【是否在工业园区】", "好的[抱拳]"), *CEMENT], chat="李经理")
    assert "是否在工业园区：是" in run.text


async def test_a_picture_or_voice_message_mid_assessment_is_said_unreadable_and_the_question_kept(
    harness: Harness,
) -> None:
    """ux30: an older owner sent [图片] (his licence) at 【统一社会信用代码】 and was told 一时查不到也没关系, as if he had
    said he could not find it; [语音] at an industry's confirmation was told 请回复“是”或“否”, as a wrong word."""
    for said in ("我要自评", "平山县恒达铸造有限公司"):
        await harness.say("老王", said, chat=GROUP)
    for pasted in ("[图片]", "[语音]"):
        told = await harness.text("老王", pasted, chat=GROUP)
        assert told.startswith("图片、语音和表情我看不到也听不到，这一题请打字回复，已填的答案都保留。")
        assert question_line(told).startswith("【统一社会信用代码】")
    for said in (VALID_CODES[2], "平山县", "铸件"):
        await harness.say("老王", said, chat=GROUP)
    told = await harness.text("老王", "[语音]", chat=GROUP)
    assert told.startswith("图片、语音和表情我看不到也听不到")
    assert told.endswith("您说的是附件1中的“铸造”行业吗？（回复“是”或“否”）")
    assert "已记录行业：铸造。" in await harness.text("老王", "是", chat=GROUP)


@pytest.mark.parametrize("asked_meanwhile", [[], ["截止时间"]])
async def test_the_credit_code_looked_up_during_a_pause_is_taken_as_the_answer(
    harness: Harness, asked_meanwhile: list[str]
) -> None:
    """The bot says "一时查不到也没关系…查到后直接发代码接着填"; the contact who took three hours to find the licence
    sent the code and was told "您好，请直接说您的问题": the self-assessment had paused, and the code was lost. A
    valid code (or mobile number) where the paused self-assessment asks for one can be nothing else."""
    await harness.say("李经理", "我要自评", chat="李经理", time="2020-07-15T09:00")
    await harness.say("李经理", "平山县利民建材有限公司", chat="李经理", time="2020-07-15T09:05")
    looked_up = await harness.text("李经理", "营业执照在哪看信用代码", chat="李经理", time="2020-07-15T09:06")
    assert "【统一社会信用代码】" in looked_up
    for said in asked_meanwhile:
        assert "未完成的自评" in await harness.text("李经理", said, chat="李经理", time="2020-07-15T12:00")
    taken = await harness.text("李经理", VALID_CODES[0], chat="李经理", time="2020-07-15T12:30")
    assert question_line(taken).startswith("【县（市、区）】")
    assert "请直接说您的问题" not in taken
    assert "未完成的自评" not in await harness.text("李经理", "申请名单什么时候交", chat="李经理")


async def test_a_code_with_no_self_assessment_paused_at_it_is_still_no_question(harness: Harness) -> None:
    await start_and_leave(harness, "张三")  # paused at 【县（市、区）】: a code is no answer there
    reply = await harness.text("张三", VALID_CODES[1], chat="张三", time="2020-07-16T09:00")
    assert "未完成的自评" in reply
    assert "【县（市、区）】" not in reply


@pytest.mark.parametrize(("said", "recorded"), [("1万2吨", "1.2"), ("两万五", "2.5"), ("3千吨", "0.3")])
async def test_a_volume_shortened_as_people_say_it_is_recorded_as_meant(
    harness: Harness, said: str, recorded: str
) -> None:
    """ "1万2吨" at 【年运输量】 was recorded as 12万吨 and "3千吨" as 3万吨 without a word, "两万五" refused as 20005."""
    run = await complete(harness, "李经理", [(r"【年运输量】", said), *CEMENT], chat="李经理")
    shown = await harness.text("李经理", "修改 年运输量", chat="李经理")
    assert f"（当前答案：{recorded}" in shown, run.sent


async def test_a_phone_number_given_with_the_contacts_name_is_asked_for_on_its_own(drafted: Harness) -> None:
    """ "李明 13812345678" at 联系人 was taken as the name: the number went into the list's name column (and into
    every summary of the draft, where the phone column is masked)."""
    await drafted.say("李经理", "修改 联系人", chat="李经理")
    refused = await drafted.text("李经理", "李明 13812345678", chat="李经理")
    assert "电话号码" in refused
    assert question_line(refused).startswith("【联系人】")
    review = await drafted.text("李经理", "李明", chat="李经理")
    assert "联系人：李明" in review
    assert "联系人：李明 13812345678" not in review


@pytest.mark.parametrize(
    "said", ["９１３３０１００７１６１０５８５２Ｆ", "91330100716105852F", "代码91330100716105852F 鼎鑫水泥"]
)
async def test_a_credit_code_at_the_name_is_asked_for_at_its_own_question(
    harness: Harness, said: str
) -> None:
    """A credit code typed at 【企业名称】 (a full-width paste, or with the name) went into the list as the enterprise's
    name, where a group read it unmasked."""
    await harness.say("李经理", "我要自评", chat=GROUP)
    refused = await harness.text("李经理", said, chat=GROUP)
    assert refused.startswith("这是统一社会信用代码，不能当作企业名称填进申请名单")
    assert question_line(refused).startswith("【企业名称】")
    assert question_line(await harness.text("李经理", "鹿泉区鼎鑫水泥有限公司", chat=GROUP)).startswith(
        "【统一社会信用代码】"
    )


async def test_a_name_before_the_credit_code_in_a_group_is_taken_and_the_code_masked(
    harness: Harness,
) -> None:
    """The name before the code is the name now (it was refused with the code), the code its own answer, masked."""
    await harness.say("李经理", "我要自评", chat=GROUP)
    taken = await harness.text("李经理", "鼎鑫水泥 代码91330100716105852F", chat=GROUP)
    assert taken.startswith("“企业名称”记为：鼎鑫水泥，后面的统一社会信用代码也一并记下了")
    assert "91330100716105852F" not in taken
    assert question_line(taken).startswith("【县（市、区）】")


@pytest.mark.parametrize("said", ["13812345678（微信同号）", "手机13812345678", "138 1234 5678 微信同号"])
async def test_a_mobile_number_with_words_around_it_is_taken(drafted: Harness, said: str) -> None:
    """ "13812345678（微信同号）" at 联系电话 was refused as no mobile number."""
    await drafted.say("李经理", "修改 联系电话", chat="李经理")
    await drafted.say("李经理", "13900001111", chat="李经理")
    await drafted.say("李经理", "修改 联系电话", chat="李经理")
    review = await drafted.text("李经理", said, chat="李经理")
    assert "联系电话：13812345678" in review


@pytest.mark.parametrize("said", ["13812345678 或 13900001111", "138123456789", "电话0311-1234567"])
async def test_a_phone_answer_that_is_not_one_mobile_number_is_refused(drafted: Harness, said: str) -> None:
    await drafted.say("李经理", "修改 联系电话", chat="李经理")
    refused = await drafted.text("李经理", said, chat="李经理")
    assert question_line(refused).startswith("【联系电话】")


async def test_a_private_chats_list_of_commands_leaves_out_those_about_a_group(harness: Harness) -> None:
    """An unknown command in a private chat listed /本群 and /绑定, which are about the group they are sent in."""
    private = await harness.text("王科长", "/没有这个命令", chat="王科长", role="staff")
    group = await harness.text("王科长", "/没有这个命令", chat=GROUP, role="staff")
    for command in ("/本群 ", "/绑定 ", "/解绑 ", "/机器人 "):
        assert command not in private
        assert command in group
    assert "/截止 —— 看还有几天截止" in private


async def test_a_command_mid_dialogue_is_answered_and_the_question_it_waits_on_asked_again(
    harness: Harness,
) -> None:
    """ "/截止" sent during the self-assessment's answers got the deadlines alone: the question the dialogue
    waited on was not said again, as it is after a question asked mid-way."""
    await harness.say("李经理", "我要自评", chat="李经理")
    await harness.say("李经理", "鹿泉区鼎鑫水泥有限公司", chat="李经理")
    deadlines = await harness.text("李经理", "/截止", chat="李经理")
    assert "企业报送绩效评级申请名单" in deadlines
    assert question_line(deadlines).startswith("【统一社会信用代码】")
    mine = await harness.text("李经理", "/我的申请", chat="李经理")
    assert question_line(mine).startswith("【统一社会信用代码】")


async def test_a_command_while_a_confirmation_waits_asks_the_confirmation_again(harness: Harness) -> None:
    await harness.say("王科长", "/绑定 平山县", chat=GROUP, role="staff")
    asked = await harness.text("王科长", "/解绑", chat=GROUP, role="staff")
    deadlines = await harness.text("王科长", "/截止", chat=GROUP, role="staff")
    assert deadlines.endswith(asked)


async def test_an_item_changed_mid_way_is_said_changed_at_once(harness: Harness) -> None:
    """After "修改 县" mid-way and the new county, the next question came with no word of the change: the
    contact learnt it was made only at the review."""
    for answer in ["我要自评", "鹿泉区鼎鑫水泥有限公司", VALID_CODES[0], "平山县", "修改 县"]:
        await harness.say("李经理", answer, chat="李经理")
    changed = await harness.text("李经理", "鹿泉区", chat="李经理")
    assert "已更改：县（市、区）：鹿泉区" in changed
    assert question_line(changed).startswith("【行业类别】")
    await harness.say("李经理", "修改 县", chat="李经理")
    kept = await harness.text("李经理", "不变", chat="李经理")  # nothing changed: nothing said
    assert "已更改" not in kept


@pytest.mark.parametrize("said", ["几十万吨", "好几万吨吧", "大概几万吨"])
async def test_a_figure_guessed_in_words_is_told_how_to_give_an_estimate(drafted: Harness, said: str) -> None:
    """ "好几万吨吧" at 【年运输量】 was refused with "请回复一个数字" alone, as if an estimate would not do, and
    "几十万吨" was recorded as 10 without a word."""
    await drafted.say("李经理", "修改 年运输量", chat="李经理")
    refused = await drafted.text("李经理", said, chat="李经理")
    assert refused.startswith("估计的数也可以，请写成数字（单位：万吨/年），例如“约12.5”")
    assert question_line(refused).startswith("【年运输量】")
    assert "您写的是10到20" in await drafted.text("李经理", "10到20", chat="李经理")


async def test_a_time_before_the_clock_at_the_console_says_the_clock_only_moves_forward(
    harness: Harness,
) -> None:
    """ "/time 昨天9点" was answered "时间格式不对", though the time was read right and only lay behind."""
    written: list[str] = []
    repl = Repl(harness.adapter, harness.clock, "绩效分级助手", written.append)
    for said in ("/time 昨天9点", "/time 前天下午3点", "/time 昨晚8点"):
        await repl.handle_input(said)
        assert written[-1] == "模拟时钟只能往后拨。\n", said


def test_the_interactive_consoles_commands_in_json_lines_point_to_the_time_field(tmp_path: Path) -> None:
    """ "/advance 2h" and "/now" in JSON lines got "没有这个命令" with no word of the line's "time" field."""
    lines = [{"chat": GROUP, "user": "张三", "text": text} for text in ("/advance 2h", "/now", "/没有")]
    replies = [str(reply["text"]) for reply in run_jsonl(lines, f"sqlite:///{tmp_path}/bot.db")]
    for reply in replies[:2]:
        assert '"time"' in reply
        assert "交互式控制台" in reply
    assert '"time"' not in replies[2]


async def test_reopen_without_the_slash_and_with_the_code_reopens_that_draft(drafted: Harness) -> None:
    """ "修改申请 <code>" typed without the slash, as 修改申请 alone may be, was answered as a question."""
    await drafted.say("李经理", "确认", chat="李经理")
    for said in (f"修改申请 {VALID_CODES[0]}", f"修改申请{VALID_CODES[0].lower()}"):
        reopened = await drafted.text("李经理", said, chat="李经理")
        assert "已打开“鹿泉区鼎鑫水泥有限公司”的申请名单草稿" in reopened, said
        running = await drafted.text("李经理", said, chat="李经理")
        assert "您有一份进行中的自评" in running, said
        await drafted.say("李经理", "确认", chat="李经理")
    asked = await drafted.text(
        "李经理", "修改申请名单要找谁", chat="李经理"
    )  # words after it: still a question
    assert "已打开" not in asked


async def test_a_greeting_after_one_answered_lately_in_the_chat_gets_the_short_one(harness: Harness) -> None:
    """Every 你好 in a group got the full introduction again, one under the other."""
    full = await harness.text("张三", "你好", chat=GROUP)
    assert full.startswith("您好！我是绩效分级助手")
    again = await harness.text("李四", "大家好", chat=GROUP)
    assert not again.startswith("您好！我是绩效分级助手")
    assert again.startswith("您好！")
    assert "/帮助" in again
    assert (await harness.text("王五", "你好", chat="王五")) == full  # another chat: its first
    harness.clock.advance(hours=2)
    assert await harness.text("李四", "你好", chat=GROUP) == full  # a while later: in full again


@pytest.mark.parametrize(
    ("said", "recorded"),
    [
        ("0311-86012345", "0311-86012345"),
        ("（0311）86012345", "0311-86012345"),
        ("0311 8601 2345", "0311-86012345"),
        ("031186012345", "0311-86012345"),
        ("010-62345678", "010-62345678"),
        ("座机0311-8601234", "0311-8601234"),
    ],
)
async def test_a_landline_with_its_area_code_is_taken_as_the_contact_phone(
    drafted: Harness, said: str, recorded: str
) -> None:
    """ "0311-86012345" at 【联系电话】 was refused: only a mobile number was taken, though many enterprises give
    the office's landline, and the list's column is 联系电话."""
    await drafted.say("李经理", "修改 联系电话", chat="李经理")
    review = await drafted.text("李经理", said, chat="李经理")
    assert f"联系电话：{recorded}" in review, said


async def test_a_landline_without_its_area_code_is_asked_for_with_it(drafted: Harness) -> None:
    asked = await drafted.text("李经理", "修改 联系电话", chat="李经理")
    assert "座机" in question_line(asked) or "座机" in asked
    refused = await drafted.text("李经理", "86012345", chat="李经理")
    assert "区号" in refused
    assert question_line(refused).startswith("【联系电话】")


async def test_a_landline_is_masked_in_a_group_as_a_mobile_number_is(harness: Harness) -> None:
    await complete(harness, "李经理", [(r"【联系电话】", "0311-86012345"), *CEMENT], chat=GROUP)
    review = await harness.text("李经理", "确认", chat=GROUP)  # nothing shown, so nothing saved: in private
    await save_draft(harness, "李经理", chat=GROUP)
    mine = await harness.text("李经理", "/我的申请", chat=GROUP)
    assert "86012345" not in review + mine
    assert "0311-****2345" in mine


@pytest.mark.parametrize(
    ("said", "low", "high"),
    [
        ("二十多万吨", 20, 30),
        ("二十来万吨", 20, 30),
        ("大概十几万吨", 10, 20),
        ("十多万吨", 10, 20),
        ("3万多吨", 3, 4),
    ],
)
async def test_a_figure_with_a_rough_tail_is_taken_at_its_conservative_end_and_said_so(
    drafted: Harness, said: str, low: int, high: int
) -> None:
    """At 【年运输量】 "二十多万吨" and "二十来万吨" were recorded as 20 without a word, while "十几万吨" and "十多万吨"
    were refused: the same kind of estimate read two ways. Each is now the range it says, taken as a range is."""
    await drafted.say("李经理", "修改 年运输量", chat="李经理")
    taken = await drafted.text("李经理", said, chat="李经理")
    assert f"您写的是{low}到{high}万吨/年，按较保守的{low}万吨/年记录" in taken, said


@pytest.mark.parametrize("said", ["要钱吗", "评级收费吗", "评级要交钱不", "参加评级要花钱吗"])
async def test_asking_whether_taking_part_costs_anything_is_answered_first(
    harness: Harness, said: str
) -> None:
    """ "要钱吗" got how the city plans its procurement budget by the application list, and only at the end, in
    passing, that the notice names no fee: the question asked came last."""
    reply = await harness.text("张三", said, chat=GROUP)
    assert reply.startswith("通知没有写企业参加评级要交费用"), said
    assert "生态环境分局" in reply.splitlines()[0]


@pytest.mark.parametrize("said", ["几号交", "截止到几号"])
async def test_a_bare_deadline_word_gets_the_likeliest_deadline_and_the_others_by_title(
    harness: Harness, said: str
) -> None:
    """ "截止" alone in a group got two long entries one under the other, the list's and the materials' (issue #11
    item 5: the likeliest meaning first, briefly, then the others offered by title). "截止" alone is now /截止, which
    leads with the same two dates, on the clock (test_a_deadline_word_said_alone_lists_the_deadlines_on_the_clock)."""
    reply = await harness.text("张三", said, chat=GROUP)
    assert reply.startswith("企业须在2020年7月17日12:00前"), reply
    assert "申报材料另有截止时间：7月31日前" in reply  # the other date asked most, in a line of the first
    assert "【" not in reply
    offered = reply[reply.index("您要问的如果是别的") :]
    assert "· 申报材料交哪、截止和份数" in offered
    assert "· 全部时间节点汇总" in offered


async def test_the_csv_keeps_an_all_digit_code_as_typed_and_the_caption_says_the_xlsx_is_for_excel(
    harness: Harness,
) -> None:
    """A credit code of 18 digits, opened from the CSV in Excel, showed as 9.11301E+17 with its last digits lost.
    The CSV stays exact, for programs (a ="…" or a leading tab would reach them too); the xlsx, its cells text,
    is the file for Excel, and the CSV's caption says so."""
    code = "911301007161058522"  # all digits, its check character too
    await complete(harness, "李经理", cement("鹿泉区鼎鑫水泥有限公司", code, "鹿泉", "85"), chat="李经理")
    await harness.say("李经理", "确认", chat="李经理")
    caption, xlsx, comma = await harness.say("王科长", "/导出 鹿泉区 xlsx和csv", chat="王科长", role="staff")
    assert xlsx.file is not None
    assert comma.file is not None
    with comma.file.open(encoding="utf-8-sig", newline="") as stream:
        assert list(csv.reader(stream))[HEADER_ROW][3] == code
    sheet = openpyxl.load_workbook(xlsx.file).active
    assert isinstance(sheet, Worksheet)
    cell = sheet.cell(row=HEADER_ROW + 1, column=4)
    assert (cell.value, cell.data_type) == (code, "s")
    assert "用Excel查看、打印请用xlsx文件" in caption.text
    only_csv = await harness.text("王科长", "/导出 鹿泉区 csv", chat="王科长", role="staff")
    assert "9.11E+17" in only_csv
    only_xlsx = await harness.text("王科长", "/导出 鹿泉区", chat="王科长", role="staff")
    assert "Excel" not in only_xlsx


@pytest.mark.parametrize(
    ("said", "told"),
    [("/导出 csv", "/导出 鹿泉区 csv"), ("/导出 excel", "/导出 鹿泉区"), ("/导出 平山县", "/导出 平山县")],
)
async def test_export_refused_in_an_enterprises_group_names_the_command_that_works_in_private(
    harness: Harness, said: str, told: str
) -> None:
    """In a group bound to 鹿泉区, "/导出 csv" was told to send "/导出 csv" in private, where no binding names the
    county and the bot then asks which county: the county the group gave was lost."""
    await harness.say("王科长", "/绑定 鹿泉区", chat="鹿泉区企业群", role="staff")
    refused = await harness.text("王科长", said, chat="鹿泉区企业群", role="staff")
    assert f"请私聊我发送“{told}”" in refused
    await complete(harness, "李经理", CEMENT, chat="李经理")
    await harness.say("李经理", "确认", chat="李经理")
    caption, *files = await harness.say(
        "王科长", told.replace("平山县", "鹿泉区"), chat="王科长", role="staff"
    )
    assert caption.text.startswith("已导出鹿泉区申请名单草稿（1家")
    assert len(files) == 1


async def test_going_on_as_asked_after_moving_to_private_is_not_told_how_to_start_again(
    harness: Harness,
) -> None:
    """After 转私聊 the group said to send “继续自评” in private; sent, it got "您有一份进行中的自评……如要重新开始，
    请先发送“取消”", as if a new self-assessment had been asked for."""
    for answer in ["我要自评", "鹿泉区鼎鑫水泥有限公司", "转私聊"]:
        await harness.say("李经理", answer, chat=GROUP)
    resumed = await harness.text("李经理", "继续自评", chat="李经理")
    assert resumed.startswith("好的，接着上次的自评往下填，之前的回答都保留。")
    assert "重新开始" not in resumed
    assert question_line(resumed).startswith("【统一社会信用代码】")
    again = await harness.text(
        "李经理", "我要自评", chat="李经理"
    )  # a new one asked for: that one is running
    assert again.startswith("您有一份进行中的自评")


@pytest.mark.parametrize("said", ["继续自评", "继续"])
async def test_going_on_after_a_pause_is_not_told_how_to_start_again(harness: Harness, said: str) -> None:
    for answer in ["我要自评", "鹿泉区鼎鑫水泥有限公司"]:
        await harness.say("李经理", answer, chat="李经理")
    await harness.say("李经理", "你好", chat="李经理", time="2020-07-15T12:00")  # paused
    resumed = await harness.text("李经理", said, chat="李经理")
    # 48 hours before the application list's deadline: said first, as when one starts
    assert resumed.startswith("提醒：须在2020年7月17日12:00前")
    assert "\n\n好的，接着上次的自评往下填，之前的回答都保留。\n" in resumed
    assert question_line(resumed).startswith("【统一社会信用代码】")


@pytest.mark.parametrize(("item", "said"), [("联系人", "确认"), ("企业名称", "好的"), ("联系电话", "确定")])
async def test_a_confirmation_at_a_question_reopened_from_the_review_keeps_its_answer(
    drafted: Harness, item: str, said: str
) -> None:
    """ "修改 联系人" at the review, then "确认" (as the review asks) recorded 确认 as the contact's name, and the next
    确认 saved it into the application list; at 联系电话 it was refused as no phone number."""
    await drafted.say("李经理", f"修改 {item}", chat="李经理")
    kept = await drafted.text("李经理", said, chat="李经理")
    assert "【申请名单草稿】" in kept  # back at the review, nothing changed
    assert "已更改" not in kept
    assert "联系人：张经理" in kept
    assert "企业名称：鹿泉区鼎鑫水泥有限公司" in kept
    assert "联系电话：13812345678" in kept


async def test_a_confirmation_is_no_name_where_none_was_given(harness: Harness) -> None:
    """ "好的" said to the first question, 企业名称, was taken as the enterprise's name."""
    await harness.say("李经理", "我要自评", chat="李经理")
    refused = await harness.text("李经理", "好的", chat="李经理")
    assert question_line(refused).startswith("【企业名称】")
    assert "“好的”" in refused


@pytest.mark.parametrize(
    ("said", "told"), [("/提醒", "请写上提醒的时间和内容。"), ("/绑定", "请写上要绑定的县（市、区）。")]
)
async def test_a_staff_command_sent_bare_asks_for_what_it_needs(
    harness: Harness, said: str, told: str
) -> None:
    """ "/提醒" and "/绑定" sent alone got "没看懂提醒时间" and "没看懂要绑定哪个县", as if something had been written and
    misread, where /广播 and /取消提醒 alone say what to write."""
    reply = await harness.text("王科长", said, chat=GROUP, role="staff")
    assert reply.startswith(told)
    assert "没看懂" not in reply


async def test_going_on_in_private_with_a_self_assessment_running_in_a_group_says_where_it_is(
    harness: Harness,
) -> None:
    """ "继续自评" in private, with the self-assessment begun a moment ago in the group, got "没有找到可以接着填的自评
    （暂停超过7天的会清除），现在重新开始" and a second self-assessment from the first question."""
    for answer in ["我要自评", "鹿泉区鼎鑫水泥有限公司"]:
        await harness.say("李经理", answer, chat=GROUP)
    told = await harness.text("李经理", "继续自评", chat="李经理")
    assert told.startswith(f"您的自评在群“{GROUP}”里（已答1题，")
    assert "转私聊" in told
    assert "重新开始" not in told
    assert "【企业名称】" not in told
    assert harness.app.context.repos.dialogues.get("console", "李经理", "李经理") is None


@pytest.mark.parametrize(
    "said", ["我们不是水泥厂，要报吗", "我们厂不喷漆，要报吗", "不是钢厂也不是焦化厂", "我们不是砖厂"]
)
async def test_not_being_one_industry_says_nothing_of_the_other_46(harness: Harness, said: str) -> None:
    """ "我们不是水泥厂，要报吗" was told 不属于 (单从这点看不属于47个重点行业): a denial alone names no business, so
    the honest answer is the unsure one, with how to check and the lowest-grade warning."""
    reply = await harness.text("张三", said, chat=GROUP)
    assert reply.startswith("我没能确定贵企业是否属于2020年47个重点行业"), reply
    assert "不属于" not in reply
    assert "按最低等级管理" in reply


async def test_a_denial_beside_what_the_business_does_keeps_its_condition(harness: Harness) -> None:
    reply = await harness.text("张三", "五金冲压，不喷漆", chat=GROUP)
    assert "单从这点看不属于47个重点行业" in reply
    assert "如有“喷漆”工序，则属于“工业涂装”" in reply


@pytest.mark.parametrize("asked", ["平山县环保分局电话多少", "平山分局的电话是多少"])
async def test_pingshan_s_phone_is_answered_with_the_contacts_its_policies_name(
    harness: Harness, asked: str
) -> None:
    """ "平山县环保分局电话多少" got "通知…没有公布电话号码", though each of Pingshan's 2022 policies names a contact
    and a phone number (knowledge/sources/pingshan2022.txt): the answer gives them, with their source."""
    reply = await harness.text("王五", asked, chat=GROUP)
    assert "没有公布电话号码" not in reply
    assert "李国恒 13832363726" in reply
    assert "——来源：平山县分局2022年助企政策 各项政策·联系人" in reply


async def test_the_city_s_missing_phone_says_where_pingshan_s_numbers_are(harness: Harness) -> None:
    reply = await harness.text("王五", "市局电话是多少", chat=GROUP)
    assert "没有公布电话号码" in reply
    assert "平山县分局2022年助企政策各项写有联系人和电话" in reply


@pytest.mark.parametrize("asked", ["我们厂名单交了吗", "分局收到我们的名单没有"])
async def test_whether_the_list_reached_the_county_is_said_unknowable_with_how_to_check(
    harness: Harness, asked: str
) -> None:
    """ "我们厂名单交了吗" got the revision entry (名单报出后能否修改): the bot cannot know what a county received, so
    it says so, and how to check: the person's own drafts (/我的申请) and the county branch."""
    reply = await harness.text("张三", asked, chat=GROUP)
    assert reply.startswith("分局收到了哪些名单，我这里看不到"), reply
    assert "发“我的申请”可以看自己保存的申请名单草稿" in reply
    assert "不等于已经报给分局" in reply


@pytest.mark.parametrize("chat", [GROUP, "李四"])
async def test_a_credit_code_in_a_question_is_no_business_and_never_echoed(
    harness: Harness, chat: str
) -> None:
    """ "9113…这个代码的企业要报吗" got three unrelated industries (玻璃钢, 炭黑, 制药) guessed from the code's letters:
    the bot cannot look a code up, so it says so and asks what the business makes; the code is shown masked only."""
    code = VALID_CODES[1]
    reply = await harness.text("李四", f"{code}这个代码的企业要报吗", chat=chat)
    assert reply.startswith("我查不到统一社会信用代码对应的企业"), reply
    assert "9144**********6T" in reply
    assert code not in reply
    assert "玻璃钢" not in reply
    assert "炭黑" not in reply
    assert ("群里请不要发完整的信用代码" in reply) is (chat == GROUP)


async def test_a_deadline_word_said_alone_lists_the_deadlines_on_the_clock(harness: Harness) -> None:
    """ "截止" alone got the Q&A's answer (7月17日12:00, even after that day) while "什么时候截止" and "截止时间", its
    synonyms, ran /截止: said alone, each is the command, whose list follows the clock and the group's audience."""
    harness.clock.advance(days=5)  # 7月20日: the application list's deadline is gone
    listed = await harness.text("张三", "/截止", chat=GROUP)
    assert "企业报送绩效评级申请名单" not in listed
    for said in ["截止", "什么时候截止", "截止时间", "截止？"]:
        assert await harness.text("张三", said, chat=GROUP) == listed
    asked = await harness.text("张三", "申请名单什么时候截止", chat=GROUP)  # a question naming what is due
    note, answer = asked.split("\n", 1)  # told first that it has passed (tests/test_qa_user_round16.py)
    assert "已经截止" in note
    assert answer.startswith("企业须在2020年7月17日12:00前")


async def test_reminders_and_broadcasts_are_numbered_each_on_their_own(harness: Harness) -> None:
    """A broadcast took the number after the last reminder (提醒#1, 广播#2, 提醒#3), so the staff's list showed #1 and
    #3 and "/取消提醒 2" was told there is no reminder 2: each kind now counts from 1 by itself."""
    await harness.say("王科长", "/绑定 平山县", chat=GROUP, role="staff")
    first = await harness.text("王科长", "/提醒 明天9点 请各企业准备材料", chat=GROUP, role="staff")
    assert first.startswith("好的，提醒#1将于")
    await harness.say("王科长", "/广播 请各企业按时报送申请名单", chat=GROUP, role="staff")
    sent = await harness.text("王科长", "确认", chat=GROUP, role="staff")
    assert "开始发送广播#1" in sent
    assert "广播#1发送完毕" in sent
    second = await harness.text("王科长", "/提醒 明天10点 材料7月31日前报分局", chat=GROUP, role="staff")
    assert second.startswith("好的，提醒#2将于")
    listed = await harness.text("王科长", "/提醒列表", chat="王科长", role="staff")
    assert "#1 7月16日 09:00" in listed
    assert "#2 7月16日 10:00" in listed
    cancelled = await harness.text("王科长", "/取消提醒 2", chat="王科长", role="staff")
    assert "材料7月31日前报分局" in cancelled
    assert "#2" not in await harness.text("王科长", "/提醒列表", chat="王科长", role="staff")


async def test_my_drafts_said_alone_is_the_command(drafted: Harness) -> None:
    """ "我的申请" without the slash got a Q&A entry about whether the list reached the branch; said alone it is
    /我的申请, as 修改申请 is /修改申请."""
    await drafted.say("李经理", "确认", chat="李经理")
    for chat in (GROUP, "李经理"):
        mine = await drafted.text("李经理", "/我的申请", chat=chat)
        assert mine.startswith("您保存的申请名单草稿（共1份）")
        assert await drafted.text("李经理", "我的申请", chat=chat) == mine


@pytest.mark.parametrize(("said", "not_told"), [("不是耐火材料", "耐火材料"), ("不是陶瓷，是红砖", "陶瓷")])
async def test_an_offered_industry_denied_is_no_pick(harness: Harness, said: str, not_told: str) -> None:
    """After "我们做砖的" offered 砖瓦窑, 耐火材料 and 陶瓷, "不是耐火材料" got "好的，按“耐火材料”…需要申报" and "不是陶瓷，
    是红砖" got 陶瓷: a name said only to deny it picks nothing, and the message is answered as any other."""
    offered = await harness.text("张三", "我们做砖的", chat=GROUP)
    assert "2. 耐火材料" in offered
    reply = await harness.text("张三", said, chat=GROUP)
    assert not reply.startswith(f"好的，按“{not_told}”"), reply
    assert f"属于2020年47个重点行业中的“{not_told}”" not in reply


async def test_the_reminder_list_says_what_it_leaves_out_and_where_the_deadlines_are(
    harness: Harness,
) -> None:
    """/提醒列表 ended "……另有7条，发送 /截止 查看全部截止时间", which reads as if /截止 listed those reminders; it lists
    the deadlines: the line now says what is left out (the campaign's later reminders, sent by themselves)."""
    await harness.say("王科长", "/绑定 平山县", chat=GROUP, role="staff")
    listed = await harness.text("王科长", "/提醒列表", chat="王科长", role="staff")
    assert "条截止提醒，按日程自动发送，不用设置；各截止时间发送 /截止 查看。" in listed
    assert "查看全部截止时间" not in listed


async def test_a_self_assessment_resumed_after_the_deadline_says_it_has_passed(harness: Harness) -> None:
    """Begun before the application list's deadline and resumed days after it, the self-assessment went on with no
    word of it, though one started then is told at once: resuming says it too, as starting does."""
    for answer in ["我要自评", "平山县某铸造有限公司"]:
        await harness.say("李经理", answer, chat="李经理")
    harness.clock.advance(days=5)  # 7月20日: past 7月17日12:00, and paused long since
    resumed = await harness.text("李经理", "继续自评", chat="李经理")
    assert resumed.startswith("注意：申请名单的报送截止时间（2020年7月17日12:00前"), resumed
    assert "好的，接着上次的自评往下填" in resumed
    assert question_line(resumed).startswith("【统一社会信用代码】")
