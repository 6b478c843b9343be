"""The campaign schedule as data: `python -m bot schedule check`, and replacing the campaign by a file."""

from __future__ import annotations

from pathlib import Path

from tests.harness import KNOWLEDGE_DATA, bot_command, run_jsonl

SHIPPED = KNOWLEDGE_DATA / "schedule_2020.yaml"

NEXT_CAMPAIGN = """\
campaign: sjz2021
title: 2021年绩效分级复核
defaults:
  reminders:
    - before: 1d
    - {days_before: 0, at: "08:30"}
deadlines:
  - id: review_list
    title: 企业报送复核申请
    due: 2021-03-10 17:00
    due_text: 2021年3月10日17:00前
    audience: [enterprise]
    submit: 复核申请表
    to: 辖区生态环境分局
    source: {doc: notice2020, section: 第（十五）条}
"""

BROKEN = """\
campaign: sjz2020
title: 坏的日程
defaults:
  reminders:
    - before: 3 weeks
deadlines:
  - id: a
    title: 甲
    due: 2020-07-17T12:00:00+08:00
    due_text: 7月17日12:00前
    audience: [enterprises]
    source: {doc: notice2019, section: 第一条}
    colour: red
  - id: b
    title: 乙
    due: 7月18日
    due_text: 7月18日前
    audience: [county_branch]
    source: {doc: notice2020, section: 第（十六）条}
    reminders:
      - {days_before: 1, at: 9:00}
"""

LATE_REMINDER = NEXT_CAMPAIGN.replace('at: "08:30"', 'at: "18:00"')


def check(path: Path) -> tuple[int, str]:
    """`python -m bot schedule check FILE`: the exit code and the output."""
    done = bot_command(["schedule", "check", str(path)], BOT_LOG_LEVEL="WARNING")
    return done.code, done.stdout


def test_shipped_schedule_passes_the_check() -> None:
    code, output = check(SHIPPED)
    assert code == 0, output
    assert "没有问题。2020年重点行业环保绩效分级：5个截止时间，16条提醒。" in output


def test_check_names_every_problem_by_file_and_field(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    code, output = check(broken)
    assert code == 1
    lines = output.splitlines()
    assert (
        f"{broken} 第5行第7列：defaults 的 reminders 第1项的 before：时长写成 3d、1d、2h、30m 这样" in lines
    )
    assert (
        f"{broken} 第11行第16列：deadlines 第1项（a）的 audience 第1项：只能是其中之一：enterprise、county_branch"
        in lines
    )
    assert any(
        line.startswith(
            f"{broken} 第12行第5列：deadlines 第1项（a）的 source：doc “notice2019”不在 sources.yaml 里"
        )
        for line in lines
    )
    assert (
        f"{broken} 第13行第5列：deadlines 第1项（a）的 colour：不认识这个字段（拼写错了，还是放错了位置？）"
        in lines
    )
    assert (
        f"{broken} 第16行第5列：deadlines 第2项（b）的 due：时间格式不对，例如 2020-07-17T12:00:00+08:00"
        in lines
    )
    assert (
        f'{broken} 第21行第26列：deadlines 第2项（b）的 reminders 第1项的 at：时刻要加引号写成 "08:30" 这样'
        in lines
    )
    assert lines[-1] == "共6个问题。"

    late = tmp_path / "late.yaml"
    late.write_text(LATE_REMINDER, encoding="utf-8")
    code, output = check(late)
    assert code == 1
    assert (
        'deadlines 第1项（review_list）的 defaults.reminders[1]（days_before: 0, at: "18:00"）不早于截止时间'
        in output
    )

    assert check(tmp_path / "missing.yaml") == (
        1,
        f"{tmp_path / 'missing.yaml'}: 读不了这个文件：文件不存在\n共1个问题。\n",
    )
    (tmp_path / "bad.yaml").write_text("deadlines: [a\n", encoding="utf-8")
    assert (
        f"{tmp_path / 'bad.yaml'} 第2行第1列：YAML 格式有误：方括号 [ ] 里的列表没有写完整"
        in check(tmp_path / "bad.yaml")[1]
    )


def test_check_refuses_a_date_the_cited_notice_does_not_give(tmp_path: Path) -> None:
    moved = tmp_path / "moved.yaml"
    shipped = SHIPPED.read_text(encoding="utf-8")
    moved.write_text(
        shipped.replace("due_text: 2020年7月17日12:00前", "due_text: 2020年7月19日12:00前"), "utf-8"
    )
    code, output = check(moved)
    assert code == 1
    assert (
        f"{moved}: deadlines.application_list: 说的“7月19日”在所引的 knowledge/sources/notice2020.txt"
        in output
    )
    assert output.endswith("共1个问题。\n")


def test_a_schedule_file_replaces_the_campaign(tmp_path: Path) -> None:
    campaign = tmp_path / "2021.yaml"
    campaign.write_text(NEXT_CAMPAIGN, encoding="utf-8")
    out = run_jsonl(
        [
            {"chat": "平山县企业群", "user": "王科长", "role": "staff", "text": "/绑定 平山县"},
            {"chat": "平山县企业群", "user": "张三", "text": "/截止"},
            {"chat": "张三", "user": "张三", "text": "/截止", "time": "2021-03-09T17:00"},
            {"chat": "张三", "user": "张三", "text": "/截止", "time": "2021-03-10T08:30"},
        ],
        f"sqlite:///{tmp_path}/bot.db",
        now="2021-03-01T09:00",
        BOT_SCHEDULE_FILE=str(campaign),
    )
    texts = [(o["chat"], o["to"], str(o["text"])) for o in out]
    assert "最近的是企业报送复核申请，2021年3月10日17:00前" in texts[0][2]
    assert "1. 企业报送复核申请：2021年3月10日17:00前，还有9天8小时" in texts[1][2]
    assert "7月17日" not in texts[1][2]
    pushes = [text for chat, to, text in texts if to is None and chat == "平山县企业群"]
    assert len(pushes) == 2
    assert "截止：2021年3月10日17:00前（还有1天）" in pushes[0]
    assert "今天是最后一天！截止：2021年3月10日17:00前（还有8小时30分钟）" in pushes[1]


def test_an_invalid_schedule_file_stops_the_bot_with_the_problems(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    done = bot_command(
        ["console", "--jsonl", "--now", "2020-07-15T09:00"],
        BOT_DATABASE_URL=f"sqlite:///{tmp_path}/bot.db",
        BOT_SCHEDULE_FILE=str(broken),
    )
    assert done.code == 2
    assert done.stdout == ""
    assert f"{broken} 第13行第5列：deadlines 第1项（a）的 colour：不认识这个字段" in done.stderr
