"""The private channels under test: `serve`'s application (settings, mounts, platform senders) in-process on
a real HTTP server on 127.0.0.1, a manual clock, and the fake WeCom / Official Account API."""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from unittest import mock

from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from bot.app import BotApp
from bot.clock import ManualClock
from bot.dispatch import Router
from bot.outbox import RoutingOutbox
from bot.server import compose, make_web_app
from handlers.context import Context
from knowledge.base import load_knowledge
from storage.models import InboxRecord
from tests.conftest import START, make_settings
from tests.fake_wechat_api import (
    AGENT_ID,
    CORP_ID,
    CORP_SECRET,
    MP_APP_ID,
    MP_APP_SECRET,
    FakeWeChatApi,
    wechat_api,
)
from tests.private_peer import APP_AES_KEY, APP_TOKEN, MP_AES_KEY, MP_TOKEN, AppPeer, MpPeer

STAFF = {"wangke": "平山县", "o_staff_openid_1": "平山县"}
# The knowledge is read-only data: loaded once for all these tests instead of once per test (0.3 s each).
shared_knowledge = functools.cache(load_knowledge)


@dataclass
class Rig:
    client: TestClient[Any, Any]
    bot: BotApp
    clock: ManualClock
    api: FakeWeChatApi
    app_peer: AppPeer
    mp_peer: MpPeer

    def now(self) -> int:
        return int(self.clock.now().timestamp())

    def inbox(self) -> list[InboxRecord]:
        engine = self.bot.context.repos.inbox._engine
        with engine.connect() as connection:
            rows = connection.execute(select(InboxRecord.__table__).order_by(InboxRecord.__table__.c.id))  # type: ignore[attr-defined]
            return [InboxRecord(**row._mapping) for row in rows]


@asynccontextmanager
async def private_rig(
    database_url: str,
    routers: list[Router[Context]] | None = None,
    start: datetime = START,
    mp_safe: bool = True,
    app_token: str = APP_TOKEN,
    app_aes_key: str = APP_AES_KEY,
    corp_id: str = CORP_ID,
    agent_id: int = AGENT_ID,
    **overrides: Any,
) -> AsyncIterator[Rig]:
    """Both private channels configured as `serve` configures them; `mp_safe=False`: plain mode only."""
    async with wechat_api(corp_id, agent_id) as api:
        values: dict[str, Any] = {
            "wecom_corp_id": corp_id,
            "wecom_agent_id": agent_id,
            "wecom_secret": CORP_SECRET,
            "wecom_token": app_token,
            "wecom_aes_key": app_aes_key,
            "wecom_api_base": api.base,
            "mp_app_id": MP_APP_ID,
            "mp_app_secret": MP_APP_SECRET,
            "mp_token": MP_TOKEN,
            "mp_aes_key": MP_AES_KEY if mp_safe else "",
            "mp_api_base": api.base,
            "staff": STAFF,
            "send_retry_base_seconds": 0.01,  # backoff after 45009 / -1: short real waits
            # the app's answers through message/send, unless a test gives its passive replies a budget
            "wecom_app_reply_budget_seconds": 0,
            **overrides,
        }
        settings = make_settings(database_url, **values)
        clock = ManualClock(start)
        with mock.patch("bot.app.load_knowledge", shared_knowledge):
            bot, mounts = compose(settings, clock, RoutingOutbox({}), routers)
        try:
            async with TestClient(TestServer(make_web_app(bot, mounts))) as client:
                peer = AppPeer(app_token, app_aes_key, corp_id, agent_id)
                yield Rig(client, bot, clock, api, peer, MpPeer())
        finally:
            await bot.close()
            bot.context.repos.inbox._engine.dispose()  # before the test database is dropped
