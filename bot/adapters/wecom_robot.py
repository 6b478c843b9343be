"""WeCom group robots (群机器人, now filed under 消息推送): pushes into a group through its webhook.

POST {api_base}/cgi-bin/webhook/send?key=KEY with {"msgtype": "text", "text": {"content", "mentioned_list"}}
or {"msgtype": "markdown", "markdown": {"content"}}; WeCom answers {"errcode": 0, "errmsg": "ok"}.
Limits (document 91770): 20 messages a minute per robot; text 2048 and markdown 4096 bytes of UTF-8.
A file goes up first: POST {api_base}/cgi-bin/webhook/upload_media?key=KEY&type=file, multipart form with the
file in the field `media` (more than 5 bytes, at most 20 MB), answered {"errcode": 0, "media_id": …}; the
media_id serves only that robot, for three days, in {"msgtype": "file", "file": {"media_id"}}.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, Literal

import aiohttp

from bot.adapters.wecom_api import TRANSIENT_ERRCODES, media_id, refusal, unanswered, upload_form
from bot.files import WECOM_FILE_LIMITS, read_for_upload
from bot.outbox import Failure, SendError, SendFailure, TransientSendError
from bot.text import WECOM_ROBOT_MARKDOWN_LIMIT, WECOM_TEXT_LIMIT, utf8_len
from bot.webhooks import WEBHOOK_PATH

# The robot's refusals that have a kind of their own in /发送失败. The transient ones (45009 "API freq out
# of limit", -1 "system busy") are the APIs' own: the same message may go through later.
REFUSALS = {
    93000: Failure.ROBOT_KEY_INVALID,
    40058: Failure.TOO_LONG,
    40008: Failure.WRONG_MSGTYPE,
    40006: Failure.FILE_SIZE,
}
PLATFORM = "wecom_robot"
UPLOAD_MEDIA_PATH = "/cgi-bin/webhook/upload_media"

MsgType = Literal["text", "markdown"]


def message_limit(msgtype: MsgType) -> int:
    return WECOM_ROBOT_MARKDOWN_LIMIT if msgtype == "markdown" else WECOM_TEXT_LIMIT


class WeComRobotSender:
    """Posts one message to one group robot per call.

    It neither paces nor cuts: pushes reach it through Delivery, which cuts texts to `limit` and keeps at
    most 20 a minute per chat. That window is the robot's own, because a group robot posts only into the
    group it was added to, and the /机器人 command refuses a robot already attached to another group.
    """

    file_limits = WECOM_FILE_LIMITS

    def __init__(self, api_base: str, msgtype: MsgType = "text", timeout_seconds: float = 10.0) -> None:
        self._url = api_base.rstrip("/") + WEBHOOK_PATH
        self._upload_url = api_base.rstrip("/") + UPLOAD_MEDIA_PATH
        self._msgtype = msgtype
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self._session: aiohttp.ClientSession | None = None

    @property
    def limit(self) -> int:
        """Bytes of UTF-8 one robot message may carry."""
        return message_limit(self._msgtype)

    async def post(self, key: str, text: str, mention: str | None = None) -> None:
        """Raises TransientSendError when the robot may take the same message later, SendError when not."""
        await self._post(key, self._body(text, mention))

    async def post_file(self, key: str, file: Path) -> None:
        """The file as a file message: uploaded to the robot, then sent (two requests, one message)."""
        content = await read_for_upload(file, self.file_limits)
        form = upload_form(file.name, content)
        uploaded = await self._request(self._upload_url, {"key": key, "type": "file"}, data=form)
        await self._post(key, {"msgtype": "file", "file": {"media_id": media_id(uploaded, PLATFORM)}})

    def _body(self, content: str, mention: str | None) -> dict[str, object]:
        if self._msgtype == "markdown":
            # a mention inside markdown is written <@userid>; it must fit the byte limit too
            mentioned = f"<@{mention}>\n{content}" if mention else content
            if utf8_len(mentioned) <= self.limit:
                content = mentioned
            return {"msgtype": "markdown", "markdown": {"content": content}}
        text: dict[str, object] = {"content": content}
        if mention:
            text["mentioned_list"] = [mention]
        return {"msgtype": "text", "text": text}

    async def _post(self, key: str, body: dict[str, object]) -> None:
        await self._request(self._url, {"key": key}, json=body)

    async def _request(self, url: str, params: dict[str, str], **content: Any) -> dict[str, Any]:
        """The robot's answer when its errcode is 0; else TransientSendError or SendError, in words."""
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        try:
            async with self._session.post(url, params=params, **content) as response:
                if response.status >= 500:
                    raise TransientSendError(
                        SendFailure(Failure.SERVER_ERROR, PLATFORM, status=response.status)
                    )
                if response.status != 200:
                    raise SendError(SendFailure(Failure.HTTP_REFUSED, PLATFORM, status=response.status))
                answer = await response.json(content_type=None)
        except (aiohttp.ClientError, TimeoutError) as error:
            raise unanswered(PLATFORM, error) from None
        except ValueError:
            raise SendError(SendFailure(Failure.NOT_JSON, PLATFORM)) from None
        errcode = answer.get("errcode") if isinstance(answer, dict) else None
        if errcode == 0:
            return answer
        if isinstance(errcode, int) and errcode in TRANSIENT_ERRCODES:
            raise TransientSendError(SendFailure(TRANSIENT_ERRCODES[errcode], PLATFORM, errcode=errcode))
        raise SendError(refusal(PLATFORM, REFUSALS, errcode, answer))

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
            await asyncio.sleep(0)  # let the connector close its transports before the loop ends
