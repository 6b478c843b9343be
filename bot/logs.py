"""Structured logs to stderr: one JSON object per line (or plain text for humans)."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

from aiohttp.abc import AbstractAccessLogger
from aiohttp.web import BaseRequest, StreamResponse

from bot.forwarded import client_address

_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        entry.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(level: str, fmt: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # alembic says what it does on every start; storage.db.migrate logs one line when the schema changes
    logging.getLogger("alembic").setLevel(logging.NOTSET if root.level <= logging.DEBUG else logging.WARNING)


# What platforms put in a callback's query that must not reach a log: signatures and their inputs (which
# let anyone replay the call within the freshness window), the echo the URL check answers, and who wrote.
SECRET_QUERY_NAMES = frozenset(
    {"signature", "msg_signature", "timestamp", "nonce", "openid", "echostr", "token"}  # token: staff sign-in
)


class AccessLogger(AbstractAccessLogger):
    """One line per HTTP request, its query's secrets replaced by "…" (aiohttp's own writes the query), from the
    client's address (behind nginx the forwarded one, bot.forwarded; then `via` names the proxy)."""

    def log(self, request: BaseRequest, response: StreamResponse, time: float) -> None:
        query = "&".join(
            f"{name}={'…' if name.lower() in SECRET_QUERY_NAMES else value}"
            for name, value in request.rel_url.query.items()
        )
        target = f"{request.path}?{query}" if query else request.path
        client = client_address(request)
        extra: dict[str, object] = {"status": response.status, "seconds": round(time, 3)}
        if client != request.remote:
            extra["via"] = request.remote
        self.logger.info(f'{client} "{request.method} {target}" {response.status} {time:.3f}s', extra=extra)
