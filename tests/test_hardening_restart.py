"""A restart in the middle of a dialogue: the next message, sent as soon as a fresh `python -m bot serve`
listens, continues the dialogue (issue 12, failure 3: the first messages after a start got the
apology until the first tick configured the ORM's mappers)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.harness import fresh_postgres_database, make_settings
from tests.test_wecom_bot_serve import serve_process, served
from tests.test_wording import RENDER
from tests.wecom_peer import AES_KEY, TOKEN, WeComPeer, text_callback

pytestmark = pytest.mark.slow  # bot processes: run first (tests/conftest.py)

Post = Callable[..., Any]  # ClientSession.post on a base address, or TestClient.post: an async context


async def say(post: Post, peer: WeComPeer, msg_id: str, text: str) -> str:
    """One private message to the AI bot; the answer in its callback's response."""
    payload = text_callback(msg_id, text, user="li_jingli", chat=None)
    params, body = peer.callback(payload, int(time.time()))  # the served bot runs on the real clock
    async with post("/wecom/bot", params=params, data=body) as response:
        assert response.status == 200
        return str(peer.open_reply(await response.json(), params["nonce"])["stream"]["content"])


async def dialogue_survives_a_restart(database_url: str, tmp_path: Path) -> None:
    # Before the restart, the bot as `serve` composes it, in this process: what matters is the dialogue row
    # it leaves in the database, and the fresh process after it, whose first message once got the apology.
    before = make_settings(database_url, wecom_bot_token=TOKEN, wecom_bot_aes_key=AES_KEY)
    peer = WeComPeer()
    async with served(before, start=datetime.now().astimezone()) as (client, _bot, _clock):
        assert "【企业名称】" in await say(client.post, peer, "r1", "我要自评")
    environment = {
        **os.environ,
        "BOT_DATABASE_URL": database_url,
        "BOT_CONFIG_FILE": str(tmp_path / "absent.toml"),
        "BOT_HTTP_PORT": "0",
        "BOT_LOG_FORMAT": "json",
        "BOT_TICK_SECONDS": "3600",  # no tick prepares anything before the first message
        "BOT_WECOM_BOT_TOKEN": TOKEN,
        "BOT_WECOM_BOT_AES_KEY": AES_KEY,
    }
    async with aiohttp.ClientSession() as session, serve_process(environment) as base:

        def post(path: str, **request: Any) -> Any:
            return session.post(base + path, **request)

        async with session.get(f"{base}/readyz") as response:
            assert response.status == 200
        answer = await say(post, peer, "r2", "平山县某某铸造有限公司")
    assert RENDER("bot_words.j2", step="apology") not in answer
    assert "【统一社会信用代码】" in answer  # the dialogue went on where it was


async def test_a_dialogue_goes_on_at_once_after_a_restart(tmp_path: Path) -> None:
    await dialogue_survives_a_restart(f"sqlite:///{tmp_path}/bot.db", tmp_path)


async def test_a_dialogue_goes_on_at_once_after_a_restart_on_postgresql(tmp_path: Path) -> None:
    with fresh_postgres_database(migrated=True) as url:
        await dialogue_survives_a_restart(url, tmp_path)
