"""Campaign reminders through the JSON-lines console: right times, right groups, once, across restarts."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

from tests.harness import run_jsonl
from tests.test_wording import RENDER

STAFF_ONLY = RENDER("bot_words.j2", step="staff_only")

PINGSHAN = "平山县企业群"
LUQUAN = "鹿泉区企业群"
BRANCH = "平山县分局群"
GROUPS = (PINGSHAN, LUQUAN, BRANCH)
OBSERVER = "观察员"  # a private chat: each of its lines marks a moment in the output


def staff(chat: str, text: str, time: str | None = None) -> dict[str, str]:
    line = {"chat": chat, "user": "王科长", "text": text, "role": "staff"}
    return line | ({"time": time} if time else {})


def mark(time: str) -> dict[str, str]:
    """Move the clock; the observer's reply closes the output segment of that moment."""
    return {"chat": OBSERVER, "user": OBSERVER, "text": "/截止", "time": time}


BINDINGS = [staff(PINGSHAN, "/绑定 平山县"), staff(LUQUAN, "/绑定 鹿泉"), staff(BRANCH, "/绑定 平山县 分局")]


def segments(out: list[dict[str, object]]) -> list[list[tuple[str, str]]]:
    """Group pushes by moment: segment i holds what was pushed before the observer's i-th reply."""
    found: list[list[tuple[str, str]]] = [[]]
    for item in out:
        if item.get("chat") == OBSERVER:
            found.append([])
        elif item.get("to") is None and item.get("chat") in GROUPS:
            found[-1].append((str(item["chat"]), str(item["text"])))
    return found


def chats(segment: list[tuple[str, str]]) -> set[str]:
    return {chat for chat, _ in segment}


def test_reminders_reach_the_matching_groups_at_their_times_once(tmp_path: Path) -> None:
    moments = [
        "2020-07-15T11:59",
        "2020-07-15T12:00",
        "2020-07-16T12:00",
        "2020-07-16T12:00",  # the same moment again
        "2020-07-17T08:30",
        "2020-07-17T10:00",
        "2020-07-17T12:00",
        "2020-07-18T10:00",  # 08:30 and 10:00 both due: one message, the latest
        "2020-07-27T09:00",
        "2020-09-10T08:30",  # a long jump: the materials reminders are past their deadlines
        "2020-09-12T00:00",
    ]
    out = run_jsonl(
        [*BINDINGS, *(mark(moment) for moment in moments), staff("王科长", "/发送失败")],
        f"sqlite:///{tmp_path}/bot.db",
    )
    bound = [o for o in out if o["chat"] in GROUPS and o["to"] == "王科长"]
    assert [o["chat"] for o in bound] == list(GROUPS)
    assert "已把本群绑定到鹿泉区（企业群）" in str(bound[1]["text"])
    seen = segments(out)[: len(moments)]
    assert [chats(s) for s in seen] == [
        set(),
        {BRANCH},
        {LUQUAN, PINGSHAN},
        set(),
        {LUQUAN, PINGSHAN},
        {LUQUAN, PINGSHAN},
        {BRANCH},
        {BRANCH},
        {LUQUAN, PINGSHAN},
        {LUQUAN, PINGSHAN, BRANCH},
        set(),
    ]
    assert all(len(s) == len(chats(s)) for s in seen)
    texts = {i: dict(s) for i, s in enumerate(seen)}
    assert "【截止提醒】分局汇总上报申请名单" in texts[1][BRANCH]
    assert "截止：2020年7月18日12:00前（还有3天）" in texts[1][BRANCH]
    assert "报市局专班" in texts[1][BRANCH]
    assert "截止：2020年7月17日12:00前（还有1天）" in texts[2][PINGSHAN]
    assert "《2020年重点行业企业环保绩效评级申请名单》（通知附件5）报辖区生态环境分局" in texts[2][PINGSHAN]
    assert "依据：石家庄市生态环境局2020年绩效分级紧急通知 第（十五）条" in texts[2][PINGSHAN]
    assert "今天是最后一天！截止：2020年7月17日12:00前（还有3小时30分钟）" in texts[4][LUQUAN]
    assert "（还有2小时）" in texts[5][PINGSHAN]
    assert "今天是最后一天！截止：2020年7月18日12:00前（还有2小时）" in texts[7][BRANCH]
    assert "【截止提醒】企业提报绩效分级申报材料" in texts[8][PINGSHAN]
    assert "截止：2020年7月31日前（还有3天15小时）" in texts[8][PINGSHAN]
    assert "纸质版2份和电子版" in texts[8][PINGSHAN]
    assert all("集中绩效评定工作结束" in texts[9][chat] for chat in GROUPS)
    assert "今天是最后一天！截止：2020年9月10日（还有15小时30分钟）" in texts[9][BRANCH]
    pushes = [(chat, text) for s in seen for chat, text in s]
    assert max(Counter(pushes).values()) == 1
    failures = str(out[-1]["text"])
    assert "错过未发" in failures
    assert "截止提醒：企业提报绩效分级申报材料（7月29日 09:00）：平山县·企业群、鹿泉区·企业群" in failures
    assert "截止提醒：分局上报企业绩效分级申报材料（8月6日 08:30）：平山县·分局群" in failures
    assert "集中绩效评定工作结束" not in failures  # superseded by the later reminder, which was sent


def test_restart_loses_and_repeats_nothing(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path}/bot.db"
    first = run_jsonl([*BINDINGS, mark("2020-07-16T12:00")], database)
    assert [chats(s) for s in segments(first)] == [{BRANCH, LUQUAN, PINGSHAN}, set()]

    # Down from 7月16日 12:00 until 7月18日 11:00: the enterprises' 7月17日 reminders are past their
    # deadline (missed); the branch's deadline (7月18日 12:00) is still ahead, so its latest reminder goes out.
    second = run_jsonl(
        [mark("2020-07-18T11:00"), mark("2020-07-27T09:00"), staff("王科长", "/发送失败")],
        database,
        now="2020-07-18T11:00",
    )
    at_start, at_27 = segments(second)[:2]
    assert at_start == [(BRANCH, at_start[0][1])]
    assert "今天是最后一天！截止：2020年7月18日12:00前（还有1小时）" in at_start[0][1]
    assert sorted(chat for chat, _ in at_27) == sorted([LUQUAN, PINGSHAN])
    assert all("企业提报绩效分级申报材料" in text for _, text in at_27)
    failures = str(second[-1]["text"])
    assert "企业报送绩效评级申请名单（7月17日 08:30）：平山县·企业群、鹿泉区·企业群" in failures
    assert "企业报送绩效评级申请名单（7月17日 10:00）：平山县·企业群、鹿泉区·企业群" in failures

    third = run_jsonl([mark("2020-07-27T09:00")], database, now="2020-07-27T09:00")
    assert segments(third) == [[], []]  # the same moment on a third start: nothing again

    with sqlite3.connect(tmp_path / "bot.db") as db:
        statuses = Counter(
            (chat, key.split("/")[1], status)
            for key, chat, status in db.execute("SELECT key, chat_id, status FROM deliveries")
        )
    assert statuses == {
        (PINGSHAN, "application_list", "sent"): 1,
        (PINGSHAN, "application_list", "missed"): 2,
        (LUQUAN, "application_list", "sent"): 1,
        (LUQUAN, "application_list", "missed"): 2,
        (BRANCH, "application_list_summary", "sent"): 2,  # 7月15日 12:00 and 7月18日 10:00
        (BRANCH, "application_list_summary", "superseded"): 2,  # 7月17日 12:00, 7月18日 08:30
        (PINGSHAN, "application_materials", "sent"): 1,
        (LUQUAN, "application_materials", "sent"): 1,
    }


def test_enterprise_users_are_refused_staff_commands(tmp_path: Path) -> None:
    commands = [
        "/广播 明天停产",
        "/提醒 明天9点 开会",
        "/绑定 平山县",
        "/解绑",
        "/提醒列表",
        "/取消提醒 1",
        "/发送失败",
    ]
    out = run_jsonl(
        [
            staff(PINGSHAN, "/绑定 平山县"),
            *({"chat": PINGSHAN, "user": "张三", "text": text} for text in commands),
            {"chat": PINGSHAN, "user": "张三", "text": "确认"},
        ],
        f"sqlite:///{tmp_path}/bot.db",
    )
    refusals = [o["text"] for o in out if o["to"] == "张三"][: len(commands)]
    assert refusals == [STAFF_ONLY] * len(commands)
    assert all(o["to"] is not None for o in out)  # nothing was pushed to the group


def test_deadlines_with_countdown_for_each_audience(tmp_path: Path) -> None:
    out = run_jsonl(
        [
            staff(BRANCH, "/绑定 平山县 分局"),
            {"chat": PINGSHAN, "user": "张三", "text": "还有几天截止"},
            {"chat": BRANCH, "user": "李四", "text": "截止时间"},
            staff("王科长", "/截止"),
            {"chat": "张三", "user": "张三", "text": "/截止", "time": "2020-09-11T08:00"},
        ],
        f"sqlite:///{tmp_path}/bot.db",
    )
    enterprise, branch, everyone, late = (str(o["text"]) for o in out[1:])
    assert "企业的截止时间（现在7月15日 09:00）" in enterprise
    assert "1. 企业报送绩效评级申请名单：2020年7月17日12:00前，还有2天3小时" in enterprise
    assert "2. 企业提报绩效分级申报材料：2020年7月31日前，还有15天15小时" in enterprise
    assert "按从严理解计到7月30日24:00" in enterprise
    assert "分局" not in enterprise.split("\n")[0]
    assert "市局专班" not in enterprise
    assert "1. 分局汇总上报申请名单：2020年7月18日12:00前，还有3天3小时" in branch
    assert "企业报送" not in branch
    assert "［企业］企业报送绩效评级申请名单" in everyone
    assert "［分局］分局汇总上报申请名单" in everyone
    assert "截止时间都已过去" in late
