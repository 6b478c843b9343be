"""deploy/: the environment template lists every setting, the systemd unit runs `serve --workers N` hardened,
the nginx site is its template rendered and valid, and, end to end, nginx on loopback in front of two
workers on PostgreSQL answers callbacks, refuses an oversized body and passes the client's address on."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

import aiohttp
import pytest
from aiohttp.test_utils import make_mocked_request
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from bot.adapters.callback import MAX_BODY_BYTES
from bot.forwarded import client_address
from bot.server import WORKER_STOP_SECONDS
from bot.settings import Settings
from tests.deploy_rig import (
    ENV_TEMPLATE,
    SITE,
    UNIT,
    env_template,
    env_template_lines,
    free_port,
    nginx_args,
    nginx_config,
    nginx_process,
    nginx_render,
    unit_command,
    unit_entries,
)
from tests.harness import fresh_postgres_database
from tests.private_peer import MpPeer
from tests.test_private_workers import Worker
from tests.wecom_peer import AES_KEY, TOKEN, WeComPeer, text_callback

CLIENT = "127.0.0.2"  # the test's client: loopback, but not the address nginx connects to the bot from
SPOOFED = "203.0.113.7"


def test_every_setting_is_in_the_env_template_with_a_comment() -> None:
    lines = ENV_TEMPLATE.read_text(encoding="utf-8").splitlines()
    undocumented = []
    for name in [f"BOT_{field.upper()}" for field in Settings.model_fields]:
        at = [i for i, line in enumerate(lines) if line.lstrip("#").startswith(f"{name}=")]
        if len(at) != 1 or at[0] == 0 or not lines[at[0] - 1].startswith("# "):
            undocumented.append(name)
    assert not undocumented
    known = {f"BOT_{field.upper()}" for field in Settings.model_fields} | {"BOT_CONFIG_FILE"}
    assert {name for _, name, _ in env_template_lines()} <= known


def test_the_env_template_is_valid_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every value it shows, the commented-out defaults and examples too, is one the settings accept."""
    for _commented, name, value in env_template_lines():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("BOT_CONFIG_FILE", "absent.toml")
    settings = Settings()
    assert settings.staff == {"wangke": "平山县"}  # the JSON survived the quoting
    assert settings.http_host == "127.0.0.1"  # nginx is in front: the bot listens on loopback only


def test_the_systemd_unit_runs_several_workers_hardened() -> None:
    entries = unit_entries()
    command = unit_command()
    assert command[1:4] == ["-m", "bot", "serve"]
    assert int(command[command.index("--workers") + 1]) >= 2
    assert entries["Service.User"] not in (["root"], ["0"])
    install_path = "/etc/jixiao-bot/env"
    assert entries["Service.EnvironmentFile"] == [install_path]
    assert install_path in ENV_TEMPLATE.read_text(encoding="utf-8")
    assert entries["Service.Restart"] == ["on-failure"]
    assert entries["Service.KillMode"] == ["mixed"]  # SIGTERM to the parent, which forwards it
    assert int(entries["Service.TimeoutStopSec"][0]) > WORKER_STOP_SECONDS
    sysusers = (UNIT.parent / "jixiao-bot.sysusers.conf").read_text(encoding="utf-8")
    assert f"u {entries['Service.User'][0]} " in sysusers  # the dedicated user is created
    for hardening in (
        "NoNewPrivileges",
        "ProtectSystem",
        "ProtectHome",
        "PrivateTmp",
        "CapabilityBoundingSet",
    ):
        assert f"Service.{hardening}" in entries, hardening


def test_systemd_accepts_the_unit(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    unit = tmp_path / UNIT.name  # the interpreter where this test runs, for the one in /opt
    unit.write_text(UNIT.read_text(encoding="utf-8").replace(unit_command()[0], sys.executable), "utf-8")
    done = subprocess.run([analyze, "verify", str(unit)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert f"{unit.name}:" not in done.stderr  # unknown keys and bad values are only warnings


def test_the_site_file_is_its_template_rendered() -> None:
    done = subprocess.run(
        [sys.executable, str(SITE.parent / "render.py")], capture_output=True, text=True, check=True
    )
    assert done.stdout == SITE.read_text(encoding="utf-8")
    assert "PLACEHOLDER" in done.stdout  # the certificate paths are marked as such
    limit = next(line for line in done.stdout.splitlines() if "client_max_body_size" in line)
    assert limit.split()[1] == f"{MAX_BODY_BYTES // 1024}k;"  # nginx refuses what the bot would


def self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "bot.example.gov.cn")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "bot.crt", folder / "bot.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


@pytest.mark.e2e
def test_nginx_accepts_the_tls_site(tmp_path: Path) -> None:
    certificate, key = self_signed(tmp_path)
    site = nginx_render().render(
        certificate=str(certificate),
        certificate_key=str(key),
        access_log=str(tmp_path / "access.log"),
        monitoring=("10.0.0.0/8",),
    )
    assert str(certificate) in site
    assert "listen 443 ssl" in site
    done = subprocess.run(
        [*nginx_args(tmp_path, nginx_config(tmp_path, site)), "-t"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def request_from(peer: str, headers: dict[str, str]) -> aiohttp.web.Request:
    transport = mock.Mock()
    transport.get_extra_info.side_effect = lambda name, default=None: (
        (peer, 40000) if name == "peername" else default
    )
    return make_mocked_request("GET", "/wecom/bot", headers=headers, transport=transport)


@pytest.mark.parametrize(
    ("peer", "headers", "client"),
    [
        ("127.0.0.1", {"X-Forwarded-For": "198.51.100.4"}, "198.51.100.4"),
        (
            "127.0.0.1",
            {"X-Forwarded-For": f"{SPOOFED}, 198.51.100.4"},
            "198.51.100.4",
        ),  # what our proxy added
        ("127.0.0.1", {"X-Real-IP": "2001:db8::5"}, "2001:db8::5"),
        ("::1", {"X-Forwarded-For": "198.51.100.4"}, "198.51.100.4"),
        ("127.0.0.1", {"X-Forwarded-For": "not-an-address"}, "127.0.0.1"),
        ("127.0.0.1", {}, "127.0.0.1"),
        ("192.0.2.10", {"X-Forwarded-For": SPOOFED, "X-Real-IP": SPOOFED}, "192.0.2.10"),  # not our proxy
    ],
)
def test_the_client_address_is_believed_from_a_proxy_on_loopback_only(
    peer: str, headers: dict[str, str], client: str
) -> None:
    assert client_address(request_from(peer, headers)) == client


@pytest.mark.slow
@pytest.mark.e2e
async def test_nginx_in_front_of_two_workers(tmp_path: Path) -> None:
    prefix = tmp_path / "nginx"
    prefix.mkdir()
    nginx_port = free_port()
    with fresh_postgres_database(migrated=False) as database_url:
        environment = {
            **os.environ,
            **env_template(),  # as systemd gives it, then what the test changes
            "BOT_DATABASE_URL": database_url,
            "BOT_CONFIG_FILE": str(tmp_path / "absent.toml"),
            "BOT_HTTP_PORT": "0",
            "BOT_EXPORTS_DIR": str(tmp_path / "exports"),
            # the knowledge and templates this session keeps: each worker built them cold (~0.7 s of CPU)
            "BOT_CACHE_DIR": str(Settings().cache_dir.resolve()),
            "BOT_STAFF": json.dumps({"wangke": "平山县"}),
            "BOT_WECOM_BOT_TOKEN": TOKEN,
            "BOT_WECOM_BOT_AES_KEY": AES_KEY,
            "BOT_MP_APP_ID": "wx0000000000000001",
            "BOT_MP_TOKEN": MpPeer().token,
            "BOT_ACCESS_LOG": "true",
        }
        command = [sys.executable, *unit_command()[1:]]  # the unit's ExecStart: serve --workers 2
        assert command[-2:] == ["--workers", "2"]
        parent = Worker(
            await asyncio.create_subprocess_exec(
                *command,
                cwd=tmp_path,
                env=environment,
                stderr=asyncio.subprocess.PIPE,
                start_new_session=True,
            )
        )
        try:
            async with asyncio.timeout(60), parent.listening:
                await parent.listening.wait_for(lambda: len(parent.serving_pids()) == 2)
            started = next(line for line in parent.lines if line.get("event") == "workers started")
            upstream = str(started["address"]).removeprefix("http://")
            site = nginx_render().render(
                upstream=upstream, listen=f"127.0.0.1:{nginx_port}", access_log=str(prefix / "access.log")
            )
            async with nginx_process(prefix, site, nginx_port):
                await talk_through_nginx(f"http://127.0.0.1:{nginx_port}")
            assert await parent.stop() == 0
        finally:
            if parent.process.returncode is None:
                # the whole group: workers left behind would hold their connections and block the drop
                os.killpg(parent.process.pid, signal.SIGKILL)
                await parent.process.wait()

    access = [line for line in parent.lines if line.get("logger") == "aiohttp.access"]
    callbacks = [line for line in access if '"POST /wecom/bot?' in str(line["event"])]
    assert len(callbacks) == 6
    assert all(str(line["event"]).startswith(f"{CLIENT} ") for line in access)  # the client's, not nginx's
    assert all(line["via"] == "127.0.0.1" for line in access)
    assert not [line for line in parent.lines if SPOOFED in json.dumps(line)]
    assert 413 not in [line["status"] for line in access]  # nginx refused it: the bot never saw it
    nginx_log = (prefix / "access.log").read_text(encoding="utf-8")
    assert f"{CLIENT} - " in nginx_log
    assert "msg_signature" not in nginx_log  # nginx's own log leaves the signed query out


async def talk_through_nginx(base: str) -> None:
    # a new connection per request, from another loopback address than nginx's own
    connector = aiohttp.TCPConnector(local_addr=(CLIENT, 0), force_close=True)
    async with aiohttp.ClientSession(connector=connector) as session:
        async with session.get(f"{base}/healthz") as response:
            assert (response.status, await response.json()) == (200, {"status": "alive"})
        async with session.get(f"{base}/readyz") as response:
            assert response.status == 200
            assert (await response.json())["status"] == "ready"

        peer = WeComPeer()
        for n in range(6):
            params, body = peer.callback(
                text_callback(f"nginx-{n}", "@绩效分级助手 /帮助", user="wangke"), int(time.time())
            )
            headers = {"X-Forwarded-For": SPOOFED} if n == 0 else {}  # what a client claims is dropped
            async with session.post(
                f"{base}/wecom/bot", params=params, data=body, headers=headers
            ) as response:
                assert response.status == 200
                reply = peer.open_reply(await response.json(), params["nonce"])
            assert "/绑定" in reply["stream"]["content"]  # wangke is staff by BOT_STAFF

        mp = MpPeer()
        params, xml = mp.text("o_nginx_user", "/帮助", "26000001", int(time.time()), safe=False)
        async with session.post(f"{base}/mp", params=params, data=xml.encode()) as response:
            assert response.status == 200
            fields = mp.open_reply(await response.text(), params, safe=False)
        assert fields["ToUserName"] == "o_nginx_user"
        assert fields["Content"]

        params, body = peer.callback(text_callback("nginx-big", "大" * MAX_BODY_BYTES), int(time.time()))
        assert len(body) > MAX_BODY_BYTES
        async with session.post(f"{base}/wecom/bot", params=params, data=body) as response:
            assert response.status == 413
            assert "nginx" in await response.text()  # nginx's page: refused before the bot

        async with session.get(f"{base}/staff/") as response:  # proxied: the bot has no page there yet
            assert (response.status, await response.text()) == (404, "404: Not Found")
        for path in ("/metrics", "/wecom/bot/more", "/"):
            async with session.get(f"{base}{path}") as response:
                assert response.status == 404
                assert "nginx" in await response.text(), path  # nginx's own: not passed to the bot
