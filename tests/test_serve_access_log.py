"""The access line (BOT_ACCESS_LOG), written straight to its stream: whatever a callback's query holds, its
signatures, timestamps, nonces, openids and echo strings never reach the line, and a JSON line is one valid
JSON object with the client, the request and the status."""

from __future__ import annotations

import io
import json
import logging
from unittest import mock
from urllib.parse import urlencode

from aiohttp import web
from aiohttp.test_utils import make_mocked_request
from hypothesis import given
from hypothesis import strategies as st

from bot.logs import SECRET_QUERY_NAMES, access_logger

# "秘" appears nowhere else in a line: wherever it shows, a secret leaked
secret_values = st.text(min_size=1, max_size=20).map(lambda value: f"秘{value}")
other_names = st.text("abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12).filter(
    lambda name: name not in SECRET_QUERY_NAMES
)


def logged(fmt: str, target: str, headers: dict[str, str] | None = None) -> str:
    stream = io.StringIO()
    writer = access_logger(fmt, stream)(logging.getLogger("aiohttp.access"), "")
    peer = mock.Mock()  # the connection, from loopback as nginx's (deploy/nginx)
    peer.get_extra_info.side_effect = lambda name, default=None: (
        ("127.0.0.1", 40000) if name == "peername" else default
    )
    request = make_mocked_request(
        "POST", target, headers={"Host": "127.0.0.1", **(headers or {})}, transport=peer
    )
    writer.log(request, web.Response(status=200), 0.0021)
    return stream.getvalue()


@given(
    secrets=st.dictionaries(st.sampled_from(sorted(SECRET_QUERY_NAMES)), secret_values, min_size=1),
    others=st.dictionaries(other_names, st.text("0123456789abc", max_size=8), max_size=3),
)
def test_no_secret_of_the_query_reaches_the_line(secrets: dict[str, str], others: dict[str, str]) -> None:
    target = "/wecom/app?" + urlencode({**others, **secrets})
    text_line = logged("text", target)
    json_line = logged("json", target)
    assert text_line.count("\n") == json_line.count("\n") == 1
    event = json.loads(json_line)["event"]
    for line in (text_line, event):
        assert "秘" not in line
        for name in secrets:
            assert f"{name}=…" in line
        for name, value in others.items():
            assert f"{name}={value}" in line


def test_a_json_line_names_the_client_the_request_and_the_proxy() -> None:
    entry = json.loads(logged("json", "/mp?nonce=42&probe=1", {"X-Forwarded-For": "203.0.113.9"}))
    assert entry["logger"] == "aiohttp.access"
    assert entry["event"] == '203.0.113.9 "POST /mp?nonce=…&probe=1" 200 0.002s'
    assert (entry["status"], entry["seconds"], entry["via"]) == (200, 0.002, "127.0.0.1")


def test_a_text_line_is_the_time_and_the_request() -> None:
    time, _, rest = logged("text", "/healthz").rstrip("\n").partition(" ")
    assert time.endswith("+00:00")
    assert rest == '127.0.0.1 "POST /healthz" 200 0.002s'
