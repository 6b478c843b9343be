"""Several `python -m bot serve` workers on one PostgreSQL database, through the WeCom app's callback and the
fake WeCom API: every message answered once, each user's answers in order whichever worker received each
message, one shared access token, and a reminder due during the run sent once."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import signal
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import create_engine, text

from bot.clock import TZ
from storage.db import make_engine
from storage.repos import Repositories
from tests.fake_wechat_api import AGENT_ID, CORP_ID, CORP_SECRET, FakeWeChatApi, wechat_api
from tests.harness import ROOT, bot_command, fresh_postgres_database
from tests.private_peer import APP_AES_KEY, APP_TOKEN, AppPeer

USERS = [f"staff{n:02d}" for n in range(20)]
MESSAGES_PER_USER = 10
APP_CHAT = "jixiaoPingshan01"
ANSWER = re.compile(r"没有编号为(\d+)的提醒")


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """An empty PostgreSQL database: the workers `serve --workers` starts migrate it at once."""
    with fresh_postgres_database(migrated=False) as url:
        yield url


@pytest.fixture
def migrated_postgres_url() -> Iterator[str]:
    with fresh_postgres_database(migrated=True) as url:
        yield url


def schedule_due_soon(folder: Path, reminder_at: datetime) -> Path:
    """A campaign with one enterprise deadline whose only reminder falls at `reminder_at`."""
    due = reminder_at + timedelta(minutes=30)
    path = folder / "schedule.yaml"
    path.write_text(
        f"""campaign: workers_test
title: 多进程测试活动
defaults:
  reminders:
    - before: 30m
deadlines:
  - id: soon
    title: 测试事项报送
    due: {due.isoformat()}
    due_text: {due:%m月%d日%H:%M}前
    audience: [enterprise]
    source: {{doc: notice2020, section: 第（十五）条}}
""",
        encoding="utf-8",
    )
    return path


class Worker:
    """One `serve` process; its JSON log lines are read as they come (a full pipe would stall it)."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.lines: list[dict[str, object]] = []
        self.address: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        self.listening = asyncio.Condition()  # notified on each "serving" line (one per worker process)
        self._reader = asyncio.ensure_future(self._read())

    def serving_pids(self) -> set[object]:
        return {line.get("pid") for line in self.lines if line.get("event") == "serving"}

    async def _read(self) -> None:
        assert self.process.stderr is not None
        async for raw in self.process.stderr:
            try:
                entry = json.loads(raw)
            except ValueError:  # not a log line: a traceback, or what `serve` prints when it cannot start
                entry = {"event": "output", "text": raw.decode("utf-8", "replace")}
            self.lines.append(entry)
            if entry.get("event") == "serving":
                if not self.address.done():
                    self.address.set_result(str(entry["addresses"][0]))
                async with self.listening:
                    self.listening.notify_all()
        if not self.address.done():  # it stopped before serving: say why
            self.address.set_exception(
                AssertionError(f"the worker stopped before serving: {self.lines[-5:]}")
            )

    async def stop(self) -> int:
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(self.process.wait(), 30)
        await self._reader
        return code


def worker_environment(
    database_url: str, api: FakeWeChatApi, schedule: Path, tmp_path: Path, tick_seconds: float = 5.0
) -> dict[str, str]:
    """`tick_seconds`: each worker's tick costs CPU on a machine these tests share; only the tests whose
    last sends wait for a tick (a reminder due during the run, messages a killed worker left) need it often."""
    return {
        **os.environ,
        "BOT_DATABASE_URL": database_url,
        "BOT_CONFIG_FILE": str(tmp_path / "absent.toml"),
        "BOT_HTTP_PORT": "0",
        "BOT_LOG_FORMAT": "json",
        "BOT_LOG_LEVEL": "INFO",
        "BOT_TICK_SECONDS": str(tick_seconds),
        "BOT_SCHEDULE_FILE": str(schedule),
        "BOT_STAFF": json.dumps(dict.fromkeys(USERS, "平山县")),
        "BOT_WECOM_CORP_ID": CORP_ID,
        "BOT_WECOM_AGENT_ID": str(AGENT_ID),
        "BOT_WECOM_SECRET": CORP_SECRET,
        "BOT_WECOM_TOKEN": APP_TOKEN,
        "BOT_WECOM_AES_KEY": APP_AES_KEY,
        "BOT_WECOM_API_BASE": api.base,
        "BOT_WECOM_APP_CHATS": json.dumps({APP_CHAT: "平山县"}),
        "BOT_WECOM_APP_REPLY_BUDGET_SECONDS": "0",  # every answer through message/send, where it is counted
    }


@asynccontextmanager
async def workers(count: int, environment: dict[str, str]) -> AsyncIterator[list[Worker]]:
    started = [
        Worker(
            await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                "serve",
                cwd=ROOT,
                env=environment,
                stderr=asyncio.subprocess.PIPE,
            )
        )
        for _ in range(count)
    ]
    try:
        await asyncio.wait_for(asyncio.gather(*(w.address for w in started)), 60)
        yield started
    finally:
        for worker in started:
            if worker.process.returncode is None:
                worker.process.kill()
                await worker.process.wait()


@pytest.mark.slow
@pytest.mark.e2e
async def test_two_workers_answer_each_message_once_and_in_order(
    migrated_postgres_url: str, tmp_path: Path
) -> None:
    now = datetime.now(TZ)  # the served bots run on the real clock
    # Due about when the messages are answered (a second after the start on a quiet machine), not seconds
    # after them: the test waits for it.
    schedule = schedule_due_soon(tmp_path, now + timedelta(seconds=1))
    # Bound as BOT_WECOM_APP_CHATS binds it, but before the workers start: the reminder is owed however
    # long they take to start (a reminder found overdue is still sent while its deadline is ahead, and the
    # two workers' first ticks then race for it).
    engine = make_engine(migrated_postgres_url)
    try:
        Repositories.on(engine).groups.bind("wecom_app", APP_CHAT, "平山县", "enterprise", "test", now)
    finally:
        engine.dispose()
    async with wechat_api() as api:
        environment = worker_environment(migrated_postgres_url, api, schedule, tmp_path, tick_seconds=0.5)
        async with workers(2, environment) as running:
            addresses = [await w.address for w in running]
            peer = AppPeer()

            async def user_says(index: int, session: aiohttp.ClientSession) -> None:
                for k in range(1, MESSAGES_PER_USER + 1):
                    number = 100 * index + k
                    params, body = peer.text(
                        USERS[index], f"/取消提醒 {number}", f"9{number:06d}", int(time.time())
                    )
                    base = addresses[(index + k) % 2]  # a user's messages alternate between the workers
                    async with session.post(f"{base}/wecom/app", params=params, data=body) as response:
                        assert response.status == 200

            async with aiohttp.ClientSession() as session:  # 20 users at once, each message after the last
                await asyncio.gather(*(user_says(i, session) for i in range(len(USERS))))
            await api.wait_for(len(USERS) * MESSAGES_PER_USER + 1, seconds=90)
            codes = [await w.stop() for w in running]
        assert codes == [0, 0]

    for index, user in enumerate(USERS):
        numbers = [int(m.group(1)) for t in api.texts(user) if (m := ANSWER.search(t))]
        assert numbers == [100 * index + k for k in range(1, MESSAGES_PER_USER + 1)], user
        assert len(api.texts(user)) == MESSAGES_PER_USER
    reminders = api.texts(APP_CHAT, "/cgi-bin/appchat/send")
    assert len(reminders) == 1
    assert "测试事项报送" in reminders[0]
    assert api.fetches["wecom"] == 1  # one token for both workers, through the database
    engine = create_engine(migrated_postgres_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT status, count(*) FROM inbox GROUP BY status"))
            statuses = {str(status): int(count) for status, count in rows}
    finally:
        engine.dispose()
    assert statuses == {"handled": len(USERS) * MESSAGES_PER_USER}
    served = [sum(1 for line in w.lines if line.get("event") == "access token fetched") for w in running]
    assert sum(served) == 1


async def start_parent(workers: int, environment: dict[str, str]) -> Worker:
    """`serve --workers N`, once all N workers listen."""
    parent = Worker(
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "serve",
            "--workers",
            str(workers),
            cwd=ROOT,
            env=environment,
            stderr=asyncio.subprocess.PIPE,
        )
    )
    try:
        async with asyncio.timeout(60), parent.listening:
            await parent.listening.wait_for(lambda: len(parent.serving_pids()) == workers)
    except BaseException:
        parent.process.kill()
        await parent.process.wait()
        raise
    return parent


class Platform:
    """Plays WeCom: posts a user's message to the app's callback and, as WeCom does, delivers it again while
    the callback fails (no connection, a connection reset, a status other than 200)."""

    def __init__(self, base: str, session: aiohttp.ClientSession) -> None:
        self.base = base
        self.session = session
        self.peer = AppPeer()

    async def deliver(self, user: str, text: str, msg_id: str) -> None:
        for _attempt in range(100):  # bounded: a worker is always listening but for a restart's moment
            params, body = self.peer.text(user, text, msg_id, int(time.time()))
            try:
                async with self.session.post(f"{self.base}/wecom/app", params=params, data=body) as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientError:
                pass
        raise AssertionError(f"message {msg_id} never delivered")


def inbox_statuses(database_url: str) -> dict[str, str]:
    """Each recorded message's text -> its inbox status."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return dict(connection.execute(text("SELECT text, status FROM inbox")).all())
    finally:
        engine.dispose()


@pytest.mark.slow
@pytest.mark.e2e
async def test_a_killed_worker_is_restarted_and_every_message_is_answered_once(
    postgres_url: str, tmp_path: Path
) -> None:
    schedule = schedule_due_soon(tmp_path, datetime.now(TZ) + timedelta(days=1))
    total = len(USERS) * MESSAGES_PER_USER
    sent = 0
    killed: list[int] = []
    killed_at = 0.0
    # WeCom drops a message/send identical to one within its duplicate_check_interval: an answer the killed
    # worker sent and had not yet marked sent is sent again by the worker that takes it up, and dropped there
    async with wechat_api(duplicate_check=True) as api:
        # what the killed worker had claimed is taken up by a live worker's next tick
        environment = worker_environment(postgres_url, api, schedule, tmp_path, tick_seconds=0.5)
        parent = await start_parent(2, environment)
        try:
            first = sorted(int(pid) for pid in parent.serving_pids())  # type: ignore[call-overload]
            assert len(first) == 2  # two processes listen on the one port the parent names
            base = str(
                next(line for line in parent.lines if line.get("event") == "workers started")["address"]
            )

            async def user_says(index: int, platform: Platform) -> None:
                nonlocal sent, killed_at
                for k in range(1, MESSAGES_PER_USER + 1):
                    number = 100 * index + k
                    await platform.deliver(USERS[index], f"/取消提醒 {number}", f"7{number:06d}")
                    sent += 1
                    if sent == total // 2:
                        killed_at = time.monotonic()
                        killed.append(first[0])
                        os.kill(first[0], signal.SIGKILL)

            # a new connection per message: the kernel spreads them over the workers listening at the time
            connector = aiohttp.TCPConnector(force_close=True)
            async with aiohttp.ClientSession(connector=connector) as session:
                platform = Platform(base, session)
                await asyncio.gather(*(user_says(i, platform) for i in range(len(USERS))))
            async with asyncio.timeout(60), parent.listening:
                await parent.listening.wait_for(lambda: len(parent.serving_pids()) == 3)
            with contextlib.suppress(TimeoutError):  # what is missing by then is reported below
                await api.wait_for(total, seconds=20)
            assert await parent.stop() == 0
        finally:
            if parent.process.returncode is None:
                parent.process.kill()
                await parent.process.wait()

    died = [line for line in parent.lines if line.get("event") == "a worker died; restarting it"]
    assert [line["pid"] for line in died] == killed
    assert died[0]["exit_code"] == -signal.SIGKILL
    assert [line["exit_codes"] for line in parent.lines if line.get("event") == "workers stopped"] == [[0, 0]]
    statuses = inbox_statuses(postgres_url)
    for index, user in enumerate(USERS):  # every message answered once: 0 lost, 0 doubled
        numbers = sorted(int(m.group(1)) for t in api.texts(user) if (m := ANSWER.search(t)))
        expected = [100 * index + k for k in range(1, MESSAGES_PER_USER + 1)]
        lost = {f"/取消提醒 {n}": statuses.get(f"/取消提醒 {n}") for n in set(expected) - set(numbers)}
        assert numbers == expected, f"{user}: lost (with their inbox status) {lost}"
        assert sorted(api.texts(user)) == sorted(
            f"没有编号为{n}的提醒。发送 /提醒列表 查看。" for n in expected
        )
    assert len(api.sent) == total
    # nothing sent twice but what the killed worker had sent and not marked (a live worker's lease is its own)
    assert all(duplicate.at > killed_at for duplicate in api.duplicates), api.duplicates


def test_several_workers_refuse_sqlite(tmp_path: Path) -> None:
    done = bot_command(
        ["serve", "--workers", "2"],
        BOT_DATABASE_URL=f"sqlite:///{tmp_path}/bot.db",
        BOT_CONFIG_FILE=str(tmp_path / "absent.toml"),
    )
    assert done.code == 2
    assert "PostgreSQL" in done.stderr
