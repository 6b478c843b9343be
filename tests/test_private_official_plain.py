"""The Official Account's plain mode, whose signature does not cover the body: no staff commands, one body
per signed query; and callback secrets kept out of the access log of `serve`."""

from __future__ import annotations

import json
import time
from pathlib import Path

import aiohttp
import pytest

from tests.harness import private_rig
from tests.private_peer import MP_ORIGINAL_ID, MP_TOKEN, MpPeer, text_xml
from tests.test_private_official import ECHO_WORDS, STAFF_USER, USER, ask, echo_routers, post
from tests.test_wecom_bot_serve import serve_environment, serve_process
from tests.test_wording import RENDER

STAFF_ONLY = RENDER("bot_words.j2", step="staff_only")


async def test_in_plain_mode_staff_commands_are_refused(database_url: str) -> None:
    async with private_rig(database_url, mp_safe=False) as rig:
        refused = await ask(rig, "/申请列表 平山县", "25000001", safe=False, user=STAFF_USER)
        assert refused["Content"] == STAFF_ONLY
        helped = await ask(rig, "/帮助", "25000002", safe=False, user=STAFF_USER)
        assert "/绑定" not in helped["Content"]
    async with private_rig(database_url, mp_safe=True) as rig:  # safe mode: the openid is staff
        helped = await ask(rig, "/帮助", "25000003", safe=True, user=STAFF_USER)
        assert "/绑定" in helped["Content"]


async def test_a_signed_query_carries_one_body_only(database_url: str) -> None:
    async with private_rig(
        database_url, routers=echo_routers(), command_words=ECHO_WORDS, mp_safe=False
    ) as rig:
        params, body = rig.mp_peer.text(USER, "/回声 第一条", "25000010", rig.now(), safe=False)
        response, reply = await post(rig, params, body)
        assert rig.mp_peer.open_reply(reply, params, safe=False)["Content"] == "第一条"
        replays = [
            text_xml(USER, MP_ORIGINAL_ID, "/回声 第二条", "25000011", rig.now()),
            text_xml(STAFF_USER, MP_ORIGINAL_ID, "/帮助", "25000012", rig.now()),
            body,  # WeChat's own retry of the first
        ]
        for replayed in replays:
            response, text = await post(rig, params, replayed)
            assert (response.status, text) == (200, "success")
        await rig.bot.drain()
        assert [(row.msg_id, row.sender_id) for row in rig.inbox()] == [("25000010", USER)]
        assert rig.api.sent == []
        # a new signed query is a new message
        params, body = rig.mp_peer.text(USER, "/回声 第四条", "25000013", rig.now(), safe=False)
        response, reply = await post(rig, params, body)
        assert rig.mp_peer.open_reply(reply, params, safe=False)["Content"] == "第四条"


@pytest.mark.slow
async def test_serve_keeps_callback_secrets_out_of_the_access_log(tmp_path: Path) -> None:
    environment = serve_environment(
        tmp_path, BOT_MP_APP_ID="wx0000000000000001", BOT_MP_TOKEN=MP_TOKEN, BOT_ACCESS_LOG="true"
    )
    logs: list[str] = []
    peer = MpPeer()
    params = {**peer.query(int(time.time()), "o_secret_openid_7"), "echostr": "echo-secret-8812"}
    params["msg_signature"] = "feedfacefeedfacefeedfacefeedfacefeedface"
    async with serve_process(environment, logs) as base, aiohttp.ClientSession() as session:
        async with session.get(f"{base}/mp", params=params) as response:
            assert response.status == 200
        async with session.get(f"{base}/healthz", params={"probe": "kept"}) as response:
            assert response.status == 200
    logged = logs[0]
    access = [json.loads(line)["event"] for line in logged.splitlines() if '"aiohttp.access"' in line]
    assert len(access) == 2
    assert access[0].startswith('127.0.0.1 "GET /mp?')
    assert access[1].startswith('127.0.0.1 "GET /healthz?probe=kept" 200 ')
    for name in ("signature", "timestamp", "nonce", "openid", "msg_signature", "echostr"):
        assert f"{name}=…" in access[0]
        assert params[name] not in logged
