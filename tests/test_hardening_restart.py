"""A restart of `python -m bot serve` in the middle of a dialogue: the next message, sent as soon as the
server listens again, continues the dialogue (issue 12, failure 3: the first messages after a start got the
apology until the first tick configured the ORM's mappers)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import aiohttp

from tests.harness import fresh_postgres_database
from tests.test_wecom_bot_serve import serve_process
from tests.test_wording import RENDER
from tests.wecom_peer import AES_KEY, TOKEN, WeComPeer, text_callback


async def say(session: aiohttp.ClientSession, base: str, peer: WeComPeer, msg_id: str, text: str) -> str:
    """One private message to the AI bot; the answer in its callback's response."""
    payload = text_callback(msg_id, text, user="li_jingli", chat=None)
    params, body = peer.callback(payload, int(time.time()))  # the served bot runs on the real clock
    async with session.post(f"{base}/wecom/bot", params=params, data=body) as response:
        assert response.status == 200
        return str(peer.open_reply(await response.json(), params["nonce"])["stream"]["content"])


async def dialogue_survives_a_restart(database_url: str, tmp_path: Path) -> None:
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
    peer = WeComPeer()
    async with aiohttp.ClientSession() as session:
        async with serve_process(environment) as base:
            assert "【企业名称】" in await say(session, base, peer, "r1", "我要自评")
        async with serve_process(environment) as base:
            async with session.get(f"{base}/readyz") as response:
                assert response.status == 200
            answer = await say(session, base, peer, "r2", "平山县某某铸造有限公司")
    assert RENDER("bot_words.j2", step="apology") not in answer
    assert "【统一社会信用代码】" in answer  # the dialogue went on where it was


async def test_a_dialogue_goes_on_at_once_after_a_restart(tmp_path: Path) -> None:
    await dialogue_survives_a_restart(f"sqlite:///{tmp_path}/bot.db", tmp_path)


async def test_a_dialogue_goes_on_at_once_after_a_restart_on_postgresql(tmp_path: Path) -> None:
    with fresh_postgres_database() as url:
        await dialogue_survives_a_restart(url, tmp_path)
