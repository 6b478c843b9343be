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
retries (bot/delivery.py); other refusals raise SendError with the reason's kind.

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
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

import aiohttp

from bot.clock import Clock
from bot.files import WECOM_FILE_LIMITS, read_for_upload
from bot.message import Reply
from bot.outbox import Failure, SendError, SendFailure, TransientSendError

log = logging.getLogger("bot.adapters.wecom_api")

TOKEN_ERRCODES = frozenset({40001, 40014, 42001})  # bad credential / invalid token / token expired
TRANSIENT_ERRCODES = {-1: Failure.BUSY, 45009: Failure.RATE_LIMITED}
REFUSALS = {
    40003: Failure.BAD_RECIPIENT,
    40006: Failure.FILE_SIZE,
    45015: Failure.MP_WINDOW_CLOSED,
    45047: Failure.MP_QUOTA,
    60020: Failure.UNTRUSTED_IP,
    81013: Failure.NOT_VISIBLE,
}
CALL_TIMEOUT_SECONDS = 10.0  # one API call, the token fetch included, gives up after this long
# A worker fetching a token holds the lease this long at most: longer than the fetch can take, with time to
# store the token on a busy machine, so that a live fetcher's lease never runs out and a second token (which,
# on the Official Account, revokes the first) is never fetched beside it.
LEASE_SECONDS = CALL_TIMEOUT_SECONDS + 5.0
POLL_SECONDS = 0.1
EARLY_REFRESH_SECONDS = 300  # a token is replaced this long before the platform says it expires
# WeCom drops a message/send identical to one sent within this window: it covers our own retries after an
# answer that was lost on the way back (Delivery's backoff: 2 + 4 + 8 + 16 s); a longer window would also
# swallow the same answer to the same question asked again a little later.
DUPLICATE_CHECK_SECONDS = 60

Sleep = Callable[[float], Awaitable[None]]


def unanswered(platform: str, error: Exception) -> TransientSendError:
    """A request the platform did not answer, as the kind staff read in /发送失败: never the error's text,
    which may hold the address and the token, key or secret in its query, nor its Python name."""
    if isinstance(error, TimeoutError):
        return TransientSendError(SendFailure(Failure.TIMEOUT, platform))
    if isinstance(error, aiohttp.ClientConnectorError):
        return TransientSendError(SendFailure(Failure.UNREACHABLE, platform))
    return TransientSendError(SendFailure(Failure.CUT_OFF, platform))


def refusal(platform: str, kinds: Mapping[int, Failure], errcode: object, answer: object) -> SendFailure:
    """The failure an errcode names: its own kind where `kinds` has one, else the platform's errmsg."""
    if isinstance(errcode, int) and errcode in kinds:
        return SendFailure(kinds[errcode], platform, errcode=errcode)
    errmsg = str(answer.get("errmsg", ""))[:200] if isinstance(answer, dict) else ""
    return SendFailure(
        Failure.REFUSED, platform, errcode=errcode if isinstance(errcode, int) else None, errmsg=errmsg
    )


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
    """Calls one platform's API with a cached access token; `platform` ("wecom", "mp") names it in failures."""

    def __init__(
        self,
        base: str,
        source: TokenSource,
        store: TokenStore,
        clock: Clock,
        platform: str,
        timeout_seconds: float = CALL_TIMEOUT_SECONDS,
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
            raise TransientSendError(
                SendFailure(TRANSIENT_ERRCODES[errcode], self._platform, errcode=errcode)
            )
        raise SendError(refusal(self._platform, REFUSALS, errcode, answer))

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
        raise TransientSendError(SendFailure(Failure.TOKEN_STUCK, self._platform, token=True))

    async def _fetch(self) -> tuple[str, float]:
        answer = await self._call("GET", self._source.path, self._source.params)
        errcode = answer.get("errcode", 0)
        token, lifetime = answer.get("access_token"), answer.get("expires_in")
        if errcode == 0 and isinstance(token, str) and token and isinstance(lifetime, int | float):
            return token, float(lifetime)
        if errcode in TRANSIENT_ERRCODES:
            raise TransientSendError(SendFailure(TRANSIENT_ERRCODES[errcode], self._platform, token=True))
        raise SendError(replace(refusal(self._platform, REFUSALS, errcode, answer), token=True))

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
                    raise TransientSendError(
                        SendFailure(Failure.SERVER_ERROR, self._platform, status=response.status)
                    )
                if response.status != 200:
                    raise SendError(SendFailure(Failure.HTTP_REFUSED, self._platform, status=response.status))
                answer = await response.json(content_type=None)
        except (aiohttp.ClientError, TimeoutError) as error:
            raise unanswered(self._platform, error) from None
        except ValueError:
            raise SendError(SendFailure(Failure.NOT_JSON, self._platform)) from None
        if not isinstance(answer, dict):
            raise SendError(SendFailure(Failure.NOT_OBJECT, self._platform))
        return answer

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
            raise SendError(SendFailure(Failure.SKIPPED_USER, "wecom"))

    async def upload(self, file: Path) -> str:
        """The media_id of the file uploaded as temporary media (media/upload, type file, document 90253); WeCom
        keeps it three days and shows the file under the name uploaded."""
        content = await read_for_upload(file, self.file_limits)
        answer = await self._api.upload("/cgi-bin/media/upload", {"type": "file"}, file.name, content)
        return media_id(answer, "wecom")


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
        raise SendError(SendFailure(Failure.NO_MEDIA_ID, platform))
    return value
