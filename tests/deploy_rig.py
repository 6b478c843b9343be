"""The files in deploy/ as tests use them: the environment template and the systemd unit parsed, the nginx
site rendered, and nginx itself started on loopback under a temporary prefix."""

from __future__ import annotations

import asyncio
import importlib.util
import os
import re
import shlex
import shutil
import signal
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from types import ModuleType

import pytest

from tests.harness import ROOT

DEPLOY = ROOT / "deploy"
ENV_TEMPLATE = DEPLOY / "jixiao-bot.env"
UNIT = DEPLOY / "systemd" / "jixiao-bot.service"
SITE = DEPLOY / "nginx" / "jixiao-bot.conf"
_ASSIGNMENT = re.compile(r"^(#?)(BOT_[A-Z0-9_]+)=(.*)$")


def env_template_lines() -> list[tuple[bool, str, str]]:
    """(commented out, name, value) of each assignment, values unquoted as systemd's EnvironmentFile does
    for the forms the template uses (plain, or in single quotes)."""
    found = []
    for line in ENV_TEMPLATE.read_text(encoding="utf-8").splitlines():
        if match := _ASSIGNMENT.match(line):
            value = match.group(3)
            if len(value) >= 2 and value[0] == value[-1] == "'":
                value = value[1:-1]
            found.append((bool(match.group(1)), match.group(2), value))
    return found


def env_template() -> dict[str, str]:
    """What systemd puts in the service's environment from the template as shipped."""
    return {name: value for commented, name, value in env_template_lines() if not commented}


def unit_entries(path: Path = UNIT) -> dict[str, list[str]]:
    """`Section.Key` -> its values in order (a key may repeat), comments and blank lines skipped."""
    entries: dict[str, list[str]] = {}
    section = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            continue
        key, _, value = line.partition("=")
        entries.setdefault(f"{section}.{key.strip()}", []).append(value.strip())
    return entries


def unit_command() -> list[str]:
    return shlex.split(unit_entries()["Service.ExecStart"][-1])


def nginx_render() -> ModuleType:
    """deploy/nginx/render.py as a module (deploy/ is not a package: it is copied to servers as it is)."""
    spec = importlib.util.spec_from_file_location("deploy_nginx_render", DEPLOY / "nginx" / "render.py")
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def nginx_binary() -> str:
    """nginx, or a skip (a failure in CI, which installs it: .ci/run)."""
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)), None
    )
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("nginx must be installed in CI (.ci/run installs it)")
        pytest.skip("nginx is not installed")
    return found


def nginx_config(prefix: Path, site: str) -> Path:
    """A whole nginx.conf around the site: in the foreground, one process (so no user switch even as root),
    errors to stderr, everything it writes under `prefix`."""
    (prefix / "site.conf").write_text(site, encoding="utf-8")
    config = prefix / "nginx.conf"
    config.write_text(
        f"""daemon off;
master_process off;
pid {prefix}/nginx.pid;
error_log stderr notice;
events {{ worker_connections 64; }}
http {{
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/site.conf;
}}
""",
        encoding="utf-8",
    )
    return config


def nginx_args(prefix: Path, config: Path) -> list[str]:
    return [nginx_binary(), "-p", f"{prefix}/", "-c", str(config), "-e", "stderr"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@asynccontextmanager
async def nginx_process(prefix: Path, site: str, port: int) -> AsyncIterator[asyncio.subprocess.Process]:
    """nginx in the foreground, owned by the test, until the block ends (then a graceful stop)."""
    args = nginx_args(prefix, nginx_config(prefix, site))
    process = await asyncio.create_subprocess_exec(*args, stderr=asyncio.subprocess.PIPE)
    try:
        for _ in range(400):  # bounded: nginx listens within moments of starting
            if process.returncode is not None:
                break
            try:
                _reader, writer = await asyncio.open_connection("127.0.0.1", port)
            except ConnectionRefusedError:
                await asyncio.sleep(0.025)
                continue
            writer.close()
            await writer.wait_closed()
            break
        else:
            raise AssertionError("nginx never listened")
        if process.returncode is not None:
            assert process.stderr is not None
            raise AssertionError(f"nginx stopped: {(await process.stderr.read()).decode()}")
        yield process
        process.send_signal(signal.SIGQUIT)  # graceful: finish what is in flight
        assert await asyncio.wait_for(process.wait(), 30) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
