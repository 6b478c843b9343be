"""An outbox posting to a webhook URL per chat, in the WeCom group-robot format (消息推送/群机器人).

Generic on purpose: whoever knows the chats' robot URLs passes a function chat_id -> URL. The robot
answers HTTP 200 with {"errcode", "errmsg"}; rate limiting (45009), "system busy" (-1), HTTP 5xx,
timeouts and dropped connections may pass if tried again later, everything else will not.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import aiohttp

from bot.message import Reply
from bot.outbox import SendError, TransientSendError

RETRYABLE_ERRCODES = {-1: "平台繁忙", 45009: "超过平台频率限制"}


class WebhookOutbox:
    def __init__(self, url_for: Callable[[str], str | None], timeout_seconds: float = 10.0) -> None:
        self._url_for = url_for
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self._session: aiohttp.ClientSession | None = None

    async def send(self, reply: Reply) -> None:
        url = self._url_for(reply.chat_id)
        if url is None:
            raise SendError("这个群没有设置机器人地址")
        payload: dict[str, Any] = {"msgtype": "text", "text": {"content": reply.text}}
        if reply.to is not None:
            payload["text"]["mentioned_list"] = [reply.to]
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        try:
            async with self._session.post(url, json=payload) as response:
                if response.status >= 500:
                    raise TransientSendError(f"平台服务器出错（HTTP {response.status}）")
                if response.status != 200:
                    raise SendError(f"平台拒收（HTTP {response.status}）")
                body = await response.json(content_type=None)
        except (aiohttp.ClientConnectionError, aiohttp.ClientPayloadError, TimeoutError) as error:
            raise TransientSendError(f"网络问题（{type(error).__name__}）") from None
        except (aiohttp.ContentTypeError, ValueError):
            raise SendError("平台的回应看不懂（不是 JSON）") from None
        if not isinstance(body, dict):
            raise SendError("平台的回应看不懂（不是 JSON 对象）")
        errcode = body.get("errcode", 0)
        if errcode in RETRYABLE_ERRCODES:
            raise TransientSendError(f"{RETRYABLE_ERRCODES[errcode]}（errcode {errcode}）")
        if errcode != 0:
            raise SendError(f"平台拒收（errcode {errcode}：{body.get('errmsg', '')}）")

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
            await asyncio.sleep(0)  # let the connector close its transports before the loop ends
