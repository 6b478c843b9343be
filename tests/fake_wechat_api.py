"""A fake of WeCom's and the Official Account's HTTP APIs on 127.0.0.1, recording what was sent.

- GET /cgi-bin/gettoken?corpid&corpsecret (WeCom) and GET /cgi-bin/token?grant_type&appid&secret (Official
  Account) issue tokens; the Official Account's revokes the previous one at once (the platform keeps it for
  a few minutes), so workers that fetched a token each would keep knocking each other's out.
- `expire_tokens()` makes every token issued so far answer 42001 (expired).
- `refuse_next(errcode, times, path)`: the next sends (to `path` only, if given) answer that errcode (45009
  rate limit, -1 busy, …).
- POST /cgi-bin/message/send, /cgi-bin/appchat/send, /cgi-bin/message/custom/send check the token and the
  body the way the platforms document it, and record each accepted message.
- `duplicate_check=True`: message/send honours `enable_duplicate_check` as WeCom does: a message identical
  (addressee, type, content) to one accepted within `duplicate_check_interval` seconds is answered ok and
  not delivered again (kept in `duplicates`).
- POST /cgi-bin/media/upload?type=file takes one file as WeCom does (multipart form, the field `media` with a
  file name, more than 5 bytes and at most 20 MB: 40006 otherwise) and keeps it under a new media_id; the
  WeCom sends take a message of type file naming a media_id it issued (40007 otherwise).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import Counter, deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from aiohttp import BodyPartReader, web
from aiohttp.test_utils import TestServer

CORP_ID = "wwjixiao0000test1"
CORP_SECRET = "corp-secret-for-tests-only-000000000000000"
AGENT_ID = 1000002
MP_APP_ID = "wxjixiaotest00001"
MP_APP_SECRET = "mp-secret-for-tests-only-0000000"


MB = 1024 * 1024
UPLOAD_MIN_BYTES, UPLOAD_MAX_BYTES = 6, 20 * MB  # WeCom's temporary media of type file, and a robot's


@dataclass(frozen=True)
class Upload:
    """A file as the platform received it: the name it will show, and the bytes."""

    name: str
    content: bytes


async def read_upload(request: web.Request) -> Upload | int:
    """The one file of an upload request, or the errcode WeCom answers: 40005 for a type other than file,
    40006 for a size outside what it takes, 44001 for a form without the file."""
    if request.query.get("type") != "file":
        return 40005  # invalid file type
    if request.content_type != "multipart/form-data":
        return 44001  # empty media data
    reader = await request.multipart()
    part = await reader.next()
    if not isinstance(part, BodyPartReader) or part.name != "media" or not part.filename:
        return 44001
    content = bytearray()
    while chunk := await part.read_chunk():
        content += chunk
        if len(content) > UPLOAD_MAX_BYTES:
            return 40006  # invalid file size
    if await reader.next() is not None:
        return 44001  # one file an upload
    if len(content) < UPLOAD_MIN_BYTES:
        return 40006
    return Upload(part.filename, bytes(content))


@dataclass(frozen=True)
class Sent:
    path: str
    to: str  # touser or chatid
    text: str
    body: dict[str, Any]
    file: Upload | None = None  # a message of type file: the file its media_id names
    at: float = field(default_factory=time.monotonic)  # when it arrived


@dataclass
class FakeWeChatApi:
    corp_id: str = CORP_ID
    agent_id: int = AGENT_ID
    sent: list[Sent] = field(default_factory=list)
    duplicate_check: bool = False
    duplicates: list[Sent] = field(default_factory=list)  # dropped by the duplicate check
    fetches: Counter[str] = field(default_factory=Counter)  # "wecom" / "mp" -> tokens issued
    refusals: list[int] = field(default_factory=list)  # errcodes answered to sends
    invisible: set[str] = field(default_factory=set)  # members outside the app's visibility
    uploads: dict[str, Upload] = field(default_factory=dict)  # media_id -> the file uploaded
    base: str = ""
    _valid: dict[str, str] = field(default_factory=dict)  # token -> platform
    _expired: set[str] = field(default_factory=set)
    _forced: deque[tuple[int, str | None]] = field(default_factory=deque)  # (errcode, only at this path)
    _serial: itertools.count[int] = field(default_factory=itertools.count)
    _arrived: asyncio.Condition = field(default_factory=asyncio.Condition)
    _accepted_at: dict[str, float] = field(default_factory=dict)  # a message/send's identity -> when

    def expire_tokens(self) -> None:
        self._expired |= set(self._valid)
        self._valid.clear()

    def refuse_next(self, errcode: int, times: int = 1, path: str | None = None) -> None:
        self._forced.extend([(errcode, path)] * times)

    def texts(self, to: str, path: str | None = None) -> list[str]:
        return [s.text for s in self.sent if s.to == to and (path is None or s.path == path)]

    async def wait_for(self, count: int, seconds: float = 30.0) -> None:
        """Until `count` messages were accepted in all (bounded)."""
        async with asyncio.timeout(seconds), self._arrived:
            await self._arrived.wait_for(lambda: len(self.sent) >= count)

    def _issue(self, platform: str) -> web.Response:
        if platform == "mp":  # a new Official Account token revokes the one before
            for token in [t for t, p in self._valid.items() if p == "mp"]:
                del self._valid[token]
        token = f"{platform}-token-{next(self._serial)}"
        self._valid[token] = platform
        self.fetches[platform] += 1
        answer: dict[str, Any] = {"access_token": token, "expires_in": 7200}
        if platform == "wecom":
            answer |= {"errcode": 0, "errmsg": "ok"}
        return web.json_response(answer)

    async def gettoken(self, request: web.Request) -> web.Response:
        if (request.query.get("corpid"), request.query.get("corpsecret")) != (self.corp_id, CORP_SECRET):
            return web.json_response({"errcode": 40001, "errmsg": "invalid credential"})
        return self._issue("wecom")

    async def token(self, request: web.Request) -> web.Response:
        query = request.query
        if (query.get("grant_type"), query.get("appid"), query.get("secret")) != (
            "client_credential",
            MP_APP_ID,
            MP_APP_SECRET,
        ):
            return web.json_response({"errcode": 40013, "errmsg": "invalid appid"})
        return self._issue("mp")

    def _token_error(self, request: web.Request, platform: str) -> int:
        token = request.query.get("access_token", "")
        if token in self._expired:
            return 42001  # access_token expired
        if self._valid.get(token) != platform:
            return 40001 if platform == "mp" else 40014  # not latest / invalid access_token
        return 0

    def _refused(self, errcode: int) -> web.Response:
        self.refusals.append(errcode)
        return web.json_response({"errcode": errcode, "errmsg": "refused by the fake"})

    def _errcode(self, request: web.Request, platform: str) -> int:
        """A bad token's errcode, else a refusal forced by the test, else 0."""
        errcode = self._token_error(request, platform)
        if not errcode and self._forced and self._forced[0][1] in (None, request.path):
            errcode = self._forced.popleft()[0]
        return errcode

    async def media_upload(self, request: web.Request) -> web.Response:
        errcode = self._errcode(request, "wecom")
        upload = await read_upload(request) if not errcode else errcode
        if isinstance(upload, int):
            return self._refused(upload)
        media_id = f"media-{next(self._serial)}"
        self.uploads[media_id] = upload
        return web.json_response(
            {"errcode": 0, "errmsg": "ok", "type": "file", "media_id": media_id, "created_at": "1594774800"}
        )

    async def _accept(self, request: web.Request, platform: str, to_field: str) -> web.Response:
        body = await request.json()
        errcode = self._errcode(request, platform)
        # the Official Account's customer-service messages carry no files
        msgtypes = ("text", "file") if platform == "wecom" else ("text",)
        if not errcode and (body.get("msgtype") not in msgtypes or not body.get(to_field)):
            errcode = 40008  # invalid message type
        content = body.get("text", {}).get("content", "")
        if not errcode and len(content.encode("utf-8")) > 2048:
            errcode = 45002  # content size out of limit
        file = (
            self.uploads.get(body.get("file", {}).get("media_id", ""))
            if body.get("msgtype") == "file"
            else None
        )
        if not errcode and body.get("msgtype") == "file" and file is None:
            errcode = 40007  # invalid media_id
        if errcode:
            return self._refused(errcode)
        if body[to_field] in self.invisible:  # WeCom answers errcode 0 and names the skipped member
            return web.json_response({"errcode": 0, "errmsg": "ok", "invaliduser": body[to_field]})
        sent = Sent(request.path, body[to_field], content, body, file)
        if self._duplicate(request.path, body):
            self.duplicates.append(sent)
            return web.json_response({"errcode": 0, "errmsg": "ok", "invaliduser": ""})
        async with self._arrived:
            self.sent.append(sent)
            self._arrived.notify_all()
        answer: dict[str, Any] = {"errcode": 0, "errmsg": "ok"}
        if request.path == "/cgi-bin/message/send":
            answer |= {"invaliduser": "", "msgid": f"msg{len(self.sent)}"}
        return web.json_response(answer)

    def _duplicate(self, path: str, body: dict[str, Any]) -> bool:
        """Whether WeCom's duplicate check drops this message/send (and if not, it counts from now)."""
        if not (
            self.duplicate_check and path == "/cgi-bin/message/send" and body.get("enable_duplicate_check")
        ):
            return False
        msgtype = body["msgtype"]
        identity = json.dumps([body["touser"], msgtype, body[msgtype]], sort_keys=True, ensure_ascii=False)
        now = time.monotonic()
        before = self._accepted_at.get(identity)
        if before is not None and now - before < body.get("duplicate_check_interval", 1800):
            return True
        self._accepted_at[identity] = now
        return False

    async def message_send(self, request: web.Request) -> web.Response:
        body = await request.json()
        if body.get("agentid") != self.agent_id:
            return web.json_response({"errcode": 40056, "errmsg": "invalid agentid"})
        return await self._accept(request, "wecom", "touser")

    async def appchat_send(self, request: web.Request) -> web.Response:
        return await self._accept(request, "wecom", "chatid")

    async def custom_send(self, request: web.Request) -> web.Response:
        return await self._accept(request, "mp", "touser")

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/cgi-bin/gettoken", self.gettoken)
        app.router.add_post("/cgi-bin/media/upload", self.media_upload)
        app.router.add_get("/cgi-bin/token", self.token)
        app.router.add_post("/cgi-bin/message/send", self.message_send)
        app.router.add_post("/cgi-bin/appchat/send", self.appchat_send)
        app.router.add_post("/cgi-bin/message/custom/send", self.custom_send)
        return app


@asynccontextmanager
async def wechat_api(
    corp_id: str = CORP_ID, agent_id: int = AGENT_ID, duplicate_check: bool = False
) -> AsyncIterator[FakeWeChatApi]:
    fake = FakeWeChatApi(corp_id, agent_id, duplicate_check=duplicate_check)
    async with TestServer(fake.app(), host="127.0.0.1") as server:
        fake.base = str(server.make_url("")).rstrip("/")
        yield fake
