"""Two bot processes on one database (SQLite file and PostgreSQL) tick together: each reminder goes out once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import pytest

from bot.settings import Settings
from knowledge.schedule import load_schedule
from tests.harness import ROOT, run_jsonl

pytestmark = pytest.mark.slow  # bot processes: run first (tests/conftest.py)

# 132 reminders raced for (16 groups, 8 or 9 moments each): each moment, both processes claim every group's
# reminder at once; more groups would make the race longer, not different.
ENTERPRISE_GROUPS = {f"企业群{n:02d}": county for n, county in enumerate(["平山县", "鹿泉区", "正定县"] * 4)}
BRANCH_GROUPS = {f"分局群{n:02d}": county for n, county in enumerate(["平山县", "鹿泉区"] * 2)}
BOUND_AT = "2020-07-15T09:00:00"


def console_process(database_url: str, now: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "console", "--jsonl", "--now", now],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "BOT_DATABASE_URL": database_url, "BOT_LOG_LEVEL": "WARNING"},
    )


def feed(process: subprocess.Popen[str], lines: str) -> list[dict[str, object]]:
    stdout, stderr = process.communicate(lines, timeout=120)
    assert process.returncode == 0, stderr
    return [json.loads(line) for line in stdout.splitlines()]


def test_two_processes_send_each_reminder_once(database_url: str) -> None:
    bindings = [
        {"chat": chat, "user": "王科长", "role": "staff", "text": f"/绑定 {county}"}
        for chat, county in ENTERPRISE_GROUPS.items()
    ] + [
        {"chat": chat, "user": "王科长", "role": "staff", "text": f"/绑定 {county} 分局"}
        for chat, county in BRANCH_GROUPS.items()
    ]
    run_jsonl(bindings, database_url, now=BOUND_AT)  # also brings the schema up before the race

    occurrences = load_schedule(Settings().schedule_file, Settings().templates_dir).occurrences()
    bound_at = datetime.fromisoformat(BOUND_AT + "+08:00")
    moments = sorted({o.at for o in occurrences if o.at >= bound_at})
    lines = "".join(
        json.dumps(
            {"chat": "观察员", "user": "观察员", "text": "/截止", "time": m.isoformat()}, ensure_ascii=False
        )
        + "\n"
        for m in moments
    )
    processes = [console_process(database_url, "2020-07-15T09:01") for _ in range(2)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        outputs = list(pool.map(feed, processes, [lines, lines]))

    groups = ENTERPRISE_GROUPS | BRANCH_GROUPS
    pushes = [(o["chat"], o["text"]) for out in outputs for o in out if o["chat"] in groups]
    assert max(Counter(pushes).values()) == 1
    expected = Counter(
        chat
        for chat in groups
        for o in occurrences
        if o.at >= bound_at
        and ("county_branch" if chat in BRANCH_GROUPS else "enterprise") in o.deadline.audience
    )
    assert Counter(chat for chat, _ in pushes) == expected
    assert sum(expected.values()) == 12 * 8 + 4 * 9
