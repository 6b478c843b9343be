"""Active sending through Tencent's HTTP APIs (WeCom and the Official Account): an async client on aiohttp.

wechatpy's clients are synchronous (requests); this one only needs what the bot sends. Every call carries
an access token that the platform issues for about two hours:
- WeCom: GET {base}/cgi-bin/gettoken?corpid&corpsecret → {"errcode": 0, "access_token", "expires_in"};
- Official Account: GET {base}/cgi-bin/token?grant_type=client_credential&appid&secret → {"access_token",
  "expires_in"} (fetching a new one revokes the previous one after a few minutes).
The token is kept in memory and in a shared store (a database table), so several workers use one token and
only one of them fetches a new one at a time (a lease in the store); within a process one refresh is in
flight at a time. A call refused for its token (40001, 40014, 42001) fetches a new one and is tried once
more. Busy (-1) and rate-limited (45009) calls raise TransientSendError, so the caller backs off and
retries (bot/delivery.py); other refusals raise SendError with the reason in Chinese.

WeComAppSender is the self-built app's outbox: `message/send` to a member (document 90236, with the
platform's duplicate check on) and `appchat/send` to the group chats the app created (document 90248); a
file goes up first as temporary media (`media/upload`, multipart form) and then as a message of type file.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
from collections.abc import Awaitable, Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

import aiohttp

from bot.clock import Clock
from bot.files import WECOM_FILE_LIMITS, read_for_upload
from bot.message import Reply
from bot.outbox import SendError, TransientSendError

log = logging.getLogger("bot.adapters.wecom_api")

TOKEN_ERRCODES = frozenset({40001, 40014, 42001})  # bad credential / invalid token / token expired
TRANSIENT_ERRCODES = {-1: "平台繁忙", 45009: "频率超限"}
REFUSALS = {
    40003: "收件人的 ID 不对（不是本应用的成员，或不是公众号的关注者）",
    40006: "文件大小不符（企业微信只收 6 字节到 20 MB 的文件）",
    45015: "用户超过48小时没有和公众号互动（或已取消关注），公众号不能再主动发消息给他",
    45047: "客服消息超过次数限制（用户每发来一条消息，公众号最多可回复5条）",
    60020: "服务器的 IP 不在应用的“企业可信IP”里",
    81013: "收件人不在应用的可见范围内",
}
LEASE_SECONDS = 10.0  # a worker fetching a token holds the lease this long at most
POLL_SECONDS = 0.1
EARLY_REFRESH_SECONDS = 300  # a token is replaced this long before the platform says it expires
# WeCom drops a message/send identical to one sent within this window: it covers our own retries after an
# answer that was lost on the way back (Delivery's backoff: 2 + 4 + 8 + 16 s); a longer window would also
# swallow the same answer to the same question asked again a little later.
DUPLICATE_CHECK_SECONDS = 60

Sleep = Callable[[float], Awaitable[None]]


def unanswered(platform: str, error: Exception) -> TransientSendError:
    """A request the platform did not answer, in the words staff read in /发送失败: never the error's text,
    which may hold the address and the token, key or secret in its query, nor its Python name."""
    if isinstance(error, TimeoutError):
        return TransientSendError(f"连接超时：{platform}没有在限定时间内回应")
    if isinstance(error, aiohttp.ClientConnectorError):
        return TransientSendError(f"连接失败：连不上{platform}（网络不通或地址不对）")
    return TransientSendError(f"连接中断：{platform}的回应没有收完")


class TokenStore(Protocol):
    """The shared token store (storage.repos.AccessTokenRepository)."""

    def get(self, name: str) -> tuple[str, datetime | None] | None: ...
    def lease(self, name: str, now: datetime, until: datetime) -> bool: ...
    def put(self, name: str, token: str, expires_at: datetime) -> None: ...
    def release(self, name: str) -> None: ...
    def discard(self, name: str, token: str) -> None: ...


@dataclass(frozen=True)
class TokenSource:
    """Where a platform issues access tokens: the store's name for it, the path, and the query (secret)."""

    name: str
    path: str
    params: Mapping[str, str] = field(repr=False)


class ApiClient:
    """Calls one platform's API with a cached access token; `platform` names it in error texts."""

    def __init__(
        self,
        base: str,
        source: TokenSource,
        store: TokenStore,
        clock: Clock,
        platform: str,
        timeout_seconds: float = 10.0,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._base = base.rstrip("/")
        self._source = source
        self._store = store
        self._clock = clock
        self._platform = platform
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self._sleep = sleep
        self._token: tuple[str, datetime] | None = None  # this process's copy
        self._refreshing = asyncio.Lock()
        self._session: aiohttp.ClientSession | None = None

    async def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        """POST a JSON body with the access token; the platform's answer when its errcode is 0."""
        return await self._with_token(lambda token: self._call("POST", path, {"access_token": token}, body))

    async def upload(self, path: str, params: Mapping[str, str], name: str, content: bytes) -> dict[str, Any]:
        """POST a file (upload_form) with the access token and `params`; the platform's answer when its
        errcode is 0."""
        # a form is sent once: each attempt builds its own
        return await self._with_token(
            lambda token: self._call(
                "POST", path, {**params, "access_token": token}, form=upload_form(name, content)
            )
        )

    async def _with_token(self, call: Callable[[str], Awaitable[dict[str, Any]]]) -> dict[str, Any]:
        token = await self.token()
        answer = await call(token)
        if answer.get("errcode") in TOKEN_ERRCODES:
            self.discard(token)
            token = await self.token()
            answer = await call(token)
        errcode = answer.get("errcode", 0)
        if errcode == 0:
            return answer
        if errcode in TRANSIENT_ERRCODES:
            raise TransientSendError(f"{self._platform}{TRANSIENT_ERRCODES[errcode]}（errcode {errcode}）")
        raise SendError(self._refusal(errcode, answer))

    async def token(self) -> str:
        """A valid access token: this process's, else the shared one, else a new one (one fetch at a time)."""
        cached = self._valid(self._token)
        if cached is not None:
            return cached
        async with self._refreshing:  # concurrent callers wait for the one refresh in flight
            cached = self._valid(self._token)
            if cached is not None:
                return cached
            self._token = await self._shared_token()
            return self._token[0]

    def discard(self, token: str) -> None:
        """The platform refused this token: neither this process nor any other uses it again."""
        if self._token is not None and self._token[0] == token:
            self._token = None
        self._store.discard(self._source.name, token)

    def _valid(self, token: tuple[str, datetime] | None) -> str | None:
        if token is None or not token[0] or token[1] <= self._clock.now():
            return None
        return token[0]

    async def _shared_token(self) -> tuple[str, datetime]:
        name = self._source.name
        # Bounded: past one lease a dead holder's lease has run out and this process takes it.
        for _ in range(int(2 * LEASE_SECONDS / POLL_SECONDS)):
            stored = self._store.get(name)
            if stored is not None and stored[1] is not None and self._valid((stored[0], stored[1])):
                return stored[0], stored[1]
            now = self._clock.now()
            if self._store.lease(name, now, now + timedelta(seconds=LEASE_SECONDS)):
                try:
                    token, lifetime = await self._fetch()
                except BaseException:
                    self._store.release(name)
                    raise
                usable_for = max(lifetime - EARLY_REFRESH_SECONDS, lifetime / 2)
                expires_at = self._clock.now() + timedelta(seconds=usable_for)
                self._store.put(name, token, expires_at)
                log.info("access token fetched", extra={"token_name": name, "expires_in": lifetime})
                return token, expires_at
            await self._sleep(POLL_SECONDS)  # another worker is fetching it
        raise TransientSendError(f"{self._platform}的访问令牌迟迟取不到（另一进程一直在取）")

    async def _fetch(self) -> tuple[str, float]:
        answer = await self._call("GET", self._source.path, self._source.params)
        errcode = answer.get("errcode", 0)
        token, lifetime = answer.get("access_token"), answer.get("expires_in")
        if errcode == 0 and isinstance(token, str) and token and isinstance(lifetime, int | float):
            return token, float(lifetime)
        if errcode in TRANSIENT_ERRCODES:
            raise TransientSendError(f"{self._platform}取访问令牌时{TRANSIENT_ERRCODES[errcode]}")
        raise SendError(
            f"{self._platform}不给访问令牌：{self._refusal(errcode, answer)}（请检查应用的 ID 和 Secret）"
        )

    async def _call(
        self,
        method: str,
        path: str,
        params: Mapping[str, str],
        body: dict[str, Any] | None = None,
        form: aiohttp.FormData | None = None,
    ) -> dict[str, Any]:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        data: bytes | aiohttp.FormData | None = form
        headers = None
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            headers = {"Content-Type": "application/json; charset=utf-8"}
        try:
            async with self._session.request(
                method, self._base + path, params=params, data=data, headers=headers
            ) as response:
                if response.status >= 500:
                    raise TransientSendError(f"{self._platform}服务器出错（HTTP {response.status}）")
                if response.status != 200:
                    raise SendError(f"{self._platform}拒收（HTTP {response.status}）")
                answer = await response.json(content_type=None)
        except (aiohttp.ClientError, TimeoutError) as error:
            raise unanswered(self._platform, error) from None
        except ValueError:
            raise SendError(f"{self._platform}的回应看不懂（不是 JSON）") from None
        if not isinstance(answer, dict):
            raise SendError(f"{self._platform}的回应看不懂（不是 JSON 对象）")
        return answer

    def _refusal(self, errcode: object, answer: dict[str, Any]) -> str:
        if isinstance(errcode, int) and errcode in REFUSALS:
            return f"{REFUSALS[errcode]}（errcode {errcode}）"
        errmsg = str(answer.get("errmsg", ""))[:200]
        return f"{self._platform}拒收（errcode {errcode}：{errmsg}）"

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


def wecom_token_source(corp_id: str, agent_id: int, secret: str) -> TokenSource:
    return TokenSource(
        f"wecom:{corp_id}:{agent_id}", "/cgi-bin/gettoken", {"corpid": corp_id, "corpsecret": secret}
    )


class WeComAppSender:
    """Outbox of the WeCom self-built app: to a member by user id, or into a group chat the app created."""

    file_limits = WECOM_FILE_LIMITS

    def __init__(self, api: ApiClient, agent_id: int, app_chats: Collection[str]) -> None:
        self._api = api
        self._agent_id = agent_id
        self._app_chats = frozenset(app_chats)

    async def send(self, reply: Reply) -> None:
        content: dict[str, Any]
        if reply.file is not None:
            content = {"msgtype": "file", "file": {"media_id": await self.upload(reply.file)}}
        else:
            content = {"msgtype": "text", "text": {"content": reply.text}}
        if reply.chat_id in self._app_chats:
            await self._api.post("/cgi-bin/appchat/send", {"chatid": reply.chat_id, **content, "safe": 0})
            return
        answer = await self._api.post(
            "/cgi-bin/message/send",
            {
                "touser": reply.chat_id,
                "agentid": self._agent_id,
                **content,
                "safe": 0,
                "enable_duplicate_check": 1,
                "duplicate_check_interval": DUPLICATE_CHECK_SECONDS,
            },
        )
        if answer.get("invaliduser") or answer.get("unlicenseduser"):
            # errcode 0 all the same: WeCom names the addressees it skipped
            raise SendError("收件人不在应用的可见范围内，或已离职、未激活、没有接口许可")

    async def upload(self, file: Path) -> str:
        """The media_id of the file uploaded as temporary media (media/upload, type file, document 90253); WeCom
        keeps it three days and shows the file under the name uploaded."""
        content = await read_for_upload(file, self.file_limits)
        answer = await self._api.upload("/cgi-bin/media/upload", {"type": "file"}, file.name, content)
        return media_id(answer, "企业微信")


def upload_form(name: str, content: bytes) -> aiohttp.FormData:
    """A file as WeCom's uploads take it: a multipart form with the file in the field `media`."""
    # the name in UTF-8, as browsers send it: percent-escaped, WeCom would show it escaped
    form = aiohttp.FormData(quote_fields=False)
    # a stream, not bytes: aiohttp writes it in chunks instead of holding the loop for 20 MB at once
    form.add_field("media", io.BytesIO(content), filename=name, content_type="application/octet-stream")
    return form


def media_id(answer: dict[str, Any], platform: str) -> str:
    """The media_id of an accepted upload."""
    value = answer.get("media_id")
    if not isinstance(value, str) or not value:
        raise SendError(f"{platform}收下了文件，却没有给出 media_id")
    return value
