"""The private channels' senders against the fake API: how each refusal reads, tokens shared between workers,
and the settings that configure them."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.adapters.wecom_api import LEASE_SECONDS, ApiClient, wecom_token_source
from bot.app import StartupError
from bot.clock import ManualClock
from bot.message import Reply
from bot.settings import SecretsInConfigFile, Settings
from storage.db import make_engine, migrate
from storage.repos import AccessTokenRepository, Repositories
from tests.fake_wechat_api import AGENT_ID, CORP_ID, CORP_SECRET, wechat_api
from tests.harness import START, Rig, private_rig

USER = "zhangsan"


async def push(rig: Rig, channel: str, chat: str, text: str = "通知") -> tuple[bool, str | None]:
    """Whether it was delivered, and why not in the words of /发送失败."""
    outcome = await rig.bot.context.delivery.send(Reply(channel, chat, text))
    if outcome.error is None:
        return outcome.delivered, None
    return outcome.delivered, rig.bot.context.render("send_failure.j2", failure=outcome.error)


async def test_refusals_read_as_their_reasons(tmp_path: Path) -> None:
    async with private_rig(f"sqlite:///{tmp_path}/bot.db") as rig:
        rig.api.invisible.add("ghost")
        assert await push(rig, "wecom_app", "ghost") == (
            False,
            "收件人不在应用的可见范围内，或已离职、未激活、没有接口许可",
        )
        rig.api.refuse_next(60020)
        assert await push(rig, "wecom_app", USER) == (
            False,
            "服务器的 IP 不在应用的“企业可信IP”里（errcode 60020）",
        )
        rig.api.refuse_next(-1, times=5)  # busy on every try: retried, then given up
        assert await push(rig, "wecom_app", USER) == (False, "企业微信平台繁忙（errcode -1）（已试5次）")
        assert rig.api.sent == []


async def test_the_platform_closing_the_48_hour_window_reads_as_such(tmp_path: Path) -> None:
    async with private_rig(f"sqlite:///{tmp_path}/bot.db") as rig:
        params, body = rig.mp_peer.text(USER, "你好", "41000001", rig.now(), safe=True)
        assert (await rig.client.post("/mp", params=params, data=body)).status == 200
        rig.api.refuse_next(45015)  # e.g. the user unfollowed: WeChat knows before we do
        delivered, error = await push(rig, "mp", USER)
        assert not delivered
        assert "48小时" in str(error)
        assert await push(rig, "mp", USER) == (True, None)
        assert await push(rig, "mp", "o_never_wrote") == (
            False,
            "该用户超过48小时没有给公众号发消息，按微信规定公众号不能再主动发给他；等他再发来消息后才能回复",
        )


async def test_a_wrong_secret_says_where_to_look(tmp_path: Path) -> None:
    async with private_rig(f"sqlite:///{tmp_path}/bot.db", wecom_secret="not-the-secret") as rig:
        delivered, error = await push(rig, "wecom_app", USER)
        assert not delivered
        assert str(error).startswith("企业微信不给访问令牌：")
        assert str(error).endswith("（请检查应用的 ID 和 Secret）")
        assert CORP_SECRET not in str(error)


async def test_workers_share_one_token_through_the_database(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    repos = Repositories.on(engine)
    clock = ManualClock(START)
    try:
        async with wechat_api() as api:
            workers = [
                ApiClient(
                    api.base,
                    wecom_token_source(CORP_ID, AGENT_ID, CORP_SECRET),
                    repos.tokens,
                    clock,
                    "wecom",
                )
                for _ in range(3)
            ]
            try:
                tokens = {await worker.token() for worker in workers}
                assert len(tokens) == 1
                assert api.fetches["wecom"] == 1
                api.expire_tokens()
                body = {"touser": USER, "msgtype": "text", "agentid": AGENT_ID, "text": {"content": "x"}}
                await workers[0].post("/cgi-bin/message/send", body)  # refused, refreshed, tried again
                await workers[1].post(
                    "/cgi-bin/message/send", body
                )  # its copy is stale: refreshed from the store
                assert api.fetches["wecom"] == 2
                assert api.refusals == [42001, 42001]
                clock.advance(hours=2)  # past the token's life: the next call fetches anew, once
                await workers[2].post("/cgi-bin/message/send", body)
                await workers[0].post("/cgi-bin/message/send", body)
                assert api.fetches["wecom"] == 3
            finally:
                for worker in workers:
                    await worker.close()
    finally:
        engine.dispose()


class StoreWhereTheOtherFetchEndsFirst(AccessTokenRepository):
    """One worker's view of the shared store, while another worker (`other`, on its own engine as a process of
    its own) holds the lease: the other's fetch ends and its token is stored between this worker's read
    (no token yet) and its own attempt at the lease."""

    def __init__(
        self, engine: Engine, other: AccessTokenRepository, token: str, expires_at: datetime
    ) -> None:
        super().__init__(engine)
        self._other_puts = lambda name: other.put(name, token, expires_at)

    def lease(self, name: str, now: datetime, until: datetime) -> bool:
        self._other_puts(name)
        return super().lease(name, now, until)


async def no_wait(_seconds: float) -> None:
    await asyncio.sleep(0)


async def test_a_token_stored_while_a_worker_waited_is_used_not_fetched_again(database_url: str) -> None:
    engines = [make_engine(database_url) for _ in range(2)]
    migrate(engines[0])
    source = wecom_token_source(CORP_ID, AGENT_ID, CORP_SECRET)
    fetching = AccessTokenRepository(engines[0])
    assert fetching.lease(source.name, START, START + timedelta(seconds=LEASE_SECONDS))
    store = StoreWhereTheOtherFetchEndsFirst(
        engines[1], fetching, "wecom-token-other", START + timedelta(hours=1)
    )
    try:
        async with wechat_api() as api:
            waiting = ApiClient(api.base, source, store, ManualClock(START), "wecom", sleep=no_wait)
            try:
                assert await waiting.token() == "wecom-token-other"
            finally:
                await waiting.close()
            assert api.fetches["wecom"] == 0
    finally:
        for engine in engines:
            engine.dispose()


@pytest.mark.parametrize(
    "name", ["wecom_secret", "wecom_token", "wecom_aes_key", "mp_app_secret", "mp_token", "mp_aes_key"]
)
def test_secrets_are_refused_in_the_config_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    config = tmp_path / "bot.toml"
    config.write_text(f'{name} = "x"\nwecom_corp_id = "{CORP_ID}"\n', encoding="utf-8")
    monkeypatch.setenv("BOT_CONFIG_FILE", str(config))
    with pytest.raises(SecretsInConfigFile) as refused:
        Settings()
    assert refused.value.names == [f"BOT_{name.upper()}"]


def test_an_encoding_aes_key_must_be_43_base64_characters(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BOT_CONFIG_FILE", str(tmp_path / "absent.toml"))
    monkeypatch.setenv("BOT_MP_AES_KEY", "too-short")
    with pytest.raises(ValueError, match="aes_key_invalid"):
        Settings()


async def test_an_app_chat_for_an_unknown_county_stops_the_start(tmp_path: Path) -> None:
    with pytest.raises(StartupError, match="BOT_WECOM_APP_CHATS 里的群 chat1：没找到“火星县”"):
        async with private_rig(f"sqlite:///{tmp_path}/bot.db", wecom_app_chats={"chat1": "火星县"}):
            pass


async def test_without_credentials_the_private_callbacks_are_not_served(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async with private_rig(f"sqlite:///{tmp_path}/bot.db", wecom_token="", mp_token="") as rig:
        assert (await rig.client.post("/wecom/app")).status == 404
        assert (await rig.client.post("/mp")).status == 404
    assert "/wecom/app is not served" in caplog.text
    assert "/mp is not served" in caplog.text
