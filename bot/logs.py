"""Structured logs to stderr: one JSON object per line (or plain text for humans)."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from json.encoder import encode_basestring as quoted  # a JSON string, as json.dumps writes it
from typing import TextIO

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


ACCESS_LOGGER = "aiohttp.access"


class AccessLogger(AbstractAccessLogger):
    """One line per HTTP request (BOT_ACCESS_LOG), its query's secrets replaced by "…" (aiohttp's own writes the
    query), from the client's address (behind nginx the forwarded one, bot.forwarded; then `via` names the
    proxy). In the format of the other lines (BOT_LOG_FORMAT) on the same stream, but written straight to it:
    a record through `logging` cost ~100 µs a request, more than the bot's own work on a cached answer."""

    json_lines = True
    stream: TextIO = sys.stderr

    def log(self, request: BaseRequest, response: StreamResponse, time: float) -> None:
        target = request.path
        if request.query_string:
            target += "?" + "&".join(
                f"{name}={'…' if name.lower() in SECRET_QUERY_NAMES else value}"
                for name, value in request.query.items()
            )
        client = client_address(request)
        event = f'{client} "{request.method} {target}" {response.status} {time:.3f}s'
        now = datetime.now(UTC).isoformat(timespec="milliseconds")
        if not self.json_lines:
            self.stream.write(f"{now} {event}\n")
            return
        # the object written out by hand: json.dumps of a dict costs more than the rest of the line
        via = f', "via": {quoted(request.remote or "")}' if client != request.remote else ""
        self.stream.write(
            f'{{"time": "{now}", "level": "info", "logger": "{ACCESS_LOGGER}", "event": {quoted(event)},'
            f' "status": {response.status}, "seconds": {round(time, 3)}{via}}}\n'
        )


def access_logger(fmt: str, stream: TextIO | None = None) -> type[AccessLogger]:
    """aiohttp makes its access logger from a class: this one writes lines of BOT_LOG_FORMAT `fmt` to `stream`
    (stderr as it is when called)."""
    return type(
        "AccessLogger", (AccessLogger,), {"json_lines": fmt == "json", "stream": stream or sys.stderr}
    )
