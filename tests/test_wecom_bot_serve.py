"""`python -m bot serve` and the server factory: health, readiness, and the AI-bot route wired from settings."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app import BotApp
from bot.clock import ManualClock
from bot.outbox import RecordingOutbox
from bot.server import compose, make_web_app
from bot.settings import VERSION, SecretsInConfigFile, Settings
from storage.db import head_revision
from tests.harness import ROOT, START, make_settings
from tests.wecom_peer import AES_KEY, TOKEN, WeComPeer, text_callback


async def serving_address(process: asyncio.subprocess.Process) -> str:
    """Reads the server's JSON log lines until it says where it listens."""
    assert process.stderr is not None
    for _ in range(200):  # bounded: the start-up writes a handful of lines
        line = await asyncio.wait_for(process.stderr.readline(), 60)  # a loaded machine starts slowly
        if not line:
            break
        entry = json.loads(line)
        if entry.get("event") == "serving":
            return str(entry["addresses"][0])
    raise AssertionError("the server never said where it listens")


@asynccontextmanager
async def serve_process(environment: dict[str, str], logs: list[str] | None = None) -> AsyncIterator[str]:
    """`python -m bot serve` until the block ends (then SIGTERM, and it must exit 0); yields its address.
    With `logs`, what it logged after start-up is appended there once it has stopped."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "serve", cwd=ROOT, env=environment, stderr=asyncio.subprocess.PIPE
    )
    try:
        yield await serving_address(process)
        process.send_signal(signal.SIGTERM)
        if logs is not None:
            assert process.stderr is not None
            logs.append((await asyncio.wait_for(process.stderr.read(), 30)).decode())
        assert await asyncio.wait_for(process.wait(), 30) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


def serve_environment(tmp_path: Path, **settings: str) -> dict[str, str]:
    """What `serve` runs with in these tests: a fresh SQLite file, any free port, JSON logs, and `settings`."""
    return {
        **os.environ,
        "BOT_DATABASE_URL": f"sqlite:///{tmp_path}/bot.db",
        "BOT_CONFIG_FILE": str(tmp_path / "absent.toml"),
        "BOT_HTTP_PORT": "0",
        "BOT_LOG_FORMAT": "json",
        **settings,
    }


@pytest.mark.slow
async def test_serve_answers_health_readiness_and_a_wecom_callback(tmp_path: Path) -> None:
    env = serve_environment(
        tmp_path,
        BOT_WECOM_BOT_TOKEN=TOKEN,
        BOT_WECOM_BOT_AES_KEY=AES_KEY,
        BOT_STAFF=json.dumps({"wangke": "平山县"}),
    )
    logs: list[str] = []
    async with serve_process(env, logs) as base, aiohttp.ClientSession() as session:
        async with session.get(f"{base}/healthz") as response:
            assert (response.status, await response.json()) == (200, {"status": "alive"})
        async with session.get(f"{base}/readyz") as response:
            ready = {"status": "ready", "schema": head_revision(), "version": VERSION}
            assert (response.status, await response.json()) == (200, ready)
        peer = WeComPeer()
        now = int(time.time())  # the served bot runs on the real clock
        params, body = peer.callback(text_callback("serve-1", "@绩效分级助手 /帮助", user="wangke"), now)
        async with session.post(f"{base}/wecom/bot", params=params, data=body) as response:
            assert response.status == 200
            reply = peer.open_reply(await response.json(), params["nonce"])
        assert "/绑定" in reply["stream"]["content"]  # wangke is staff by BOT_STAFF
    assert "/healthz" not in logs[0]  # no access log unless BOT_ACCESS_LOG asks for it


@asynccontextmanager
async def served(
    settings: Settings, start: datetime = START
) -> AsyncIterator[tuple[TestClient[aiohttp.web.Request, aiohttp.web.Application], BotApp, ManualClock]]:
    """What `serve` serves, composed as it composes it, in this process on a clock starting at `start`."""
    clock = ManualClock(start)
    bot, mounts = compose(settings, clock, RecordingOutbox())
    try:
        async with TestClient(TestServer(make_web_app(bot, mounts))) as client:
            yield client, bot, clock
    finally:
        await bot.close()
        bot.context.repos.inbox._engine.dispose()  # before a test database is dropped


async def test_readiness_reports_an_unreachable_database(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with served(settings) as (client, bot, _clock):

        def unreachable() -> None:
            raise OSError("connection refused")

        monkeypatch.setattr(bot.context.repos.inbox, "ping", unreachable)
        response = await client.get("/readyz")
        assert response.status == 503
        assert await response.json() == {"status": "not ready", "problems": ["database unreachable"]}
        assert (await client.get("/healthz")).status == 200  # alive all the same


async def test_without_credentials_the_callback_is_not_served(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    async with served(settings) as (client, _bot, _clock):
        assert (await client.get("/wecom/bot")).status == 404
    assert "BOT_WECOM_BOT_TOKEN" in caplog.text


async def test_settings_reach_the_callback(tmp_path: Path) -> None:
    settings = make_settings(
        f"sqlite:///{tmp_path}/bot.db",
        wecom_bot_token=TOKEN,
        wecom_bot_aes_key=AES_KEY,
        wecom_bot_max_skew_seconds=30,
        staff={"wangke": "平山县"},
    )
    peer = WeComPeer()
    async with served(settings) as (client, _bot, clock):
        now = int(clock.now().timestamp())
        stale = peer.callback(text_callback("s1", "/帮助", user="wangke"), now - 60)
        fresh_params, fresh_body = peer.callback(text_callback("s2", "/帮助", user="wangke"), now - 10)
        assert (await client.post("/wecom/bot", params=stale[0], data=stale[1])).status == 403
        response = await client.post("/wecom/bot", params=fresh_params, data=fresh_body)
        reply = peer.open_reply(await response.json(), fresh_params["nonce"])
        assert "/绑定" in reply["stream"]["content"]


def test_secrets_are_refused_in_the_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "bot.toml"
    config.write_text(
        f'wecom_bot_token = "{TOKEN}"\nwecom_robots = {{ g = "abcdefgh-1234" }}\n', encoding="utf-8"
    )
    monkeypatch.setenv("BOT_CONFIG_FILE", str(config))
    with pytest.raises(SecretsInConfigFile) as refused:
        Settings()
    assert refused.value.names == ["BOT_WECOM_BOT_TOKEN"]
    assert TOKEN not in str(refused.value)
    config.write_text('wecom_robots = { g = "abcdefgh-1234" }\n', encoding="utf-8")  # robots may live there
    monkeypatch.setenv("BOT_WECOM_BOT_TOKEN", TOKEN)
    assert Settings().wecom_robots == {"g": "abcdefgh-1234"}
