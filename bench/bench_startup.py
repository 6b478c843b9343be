"""Start-up to first answer: how long `python -m bot serve`, with its default settings and a WeCom AI-bot
callback configured, takes from its launch until a question posted to /wecom/bot is answered. Prints figures.

Beside it, in the same run, a baseline: a plain aiohttp server (the interpreter and aiohttp imported, one
route that reads the body and answers) from launch to its first answer. Each is launched RUNS times,
interleaved; the bot's first launch meets an empty SQLite file (the schema is created) and an empty
BOT_CACHE_DIR, the others the schema at its head and the knowledge and templates the first one kept. Target (issue
13): under 0.8 s on an already migrated database. Beside the wall time, the CPU time the process used until it
had answered (from /proc: clock ticks), which a loaded machine inflates far less.

    .venv/bin/python bench/bench_startup.py
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.wecom_peer import AES_KEY, TOKEN, WeComPeer, text_callback  # noqa: E402

RUNS = 7
TARGET_SECONDS = 0.8
QUESTION = "@绩效分级助手 申请名单什么时候交"
TIMEOUT_SECONDS = 60.0


def hello() -> None:
    """The baseline server: aiohttp on a free port, printing it as `serve` logs its address."""
    from aiohttp import web

    async def answer(request: web.Request) -> web.Response:
        await request.read()
        return web.Response(text="hello")

    async def run() -> None:
        app = web.Application()
        app.router.add_post("/wecom/bot", answer)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        print(
            json.dumps({"event": "serving", "addresses": [f"http://127.0.0.1:{port}"]}),
            file=sys.stderr,
            flush=True,
        )
        await asyncio.Event().wait()

    asyncio.run(run())


async def first_answer(command: list[str], environment: dict[str, str], folder: Path) -> tuple[float, float]:
    """Seconds from launching `command` to the answer of its first callback, and the CPU seconds it used."""
    started = time.perf_counter()
    process = await asyncio.create_subprocess_exec(
        *command, cwd=folder, env=environment, stderr=asyncio.subprocess.PIPE
    )
    try:
        assert process.stderr is not None
        async with asyncio.timeout(TIMEOUT_SECONDS):
            address = ""
            while not address:
                line = await process.stderr.readline()
                if not line:
                    raise AssertionError(f"{command} stopped before serving")
                entry = json.loads(line) if line.startswith(b"{") else {}
                if entry.get("event") == "serving":
                    address = entry["addresses"][0]
            await ask(address)
        return time.perf_counter() - started, cpu_seconds(process.pid)
    finally:
        process.terminate()
        await process.wait()


def cpu_seconds(pid: int) -> float:
    """User and system time of a running process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def ask(address: str) -> None:
    """One callback, answered (200 and a body), over a raw connection (no client library to import)."""
    peer = WeComPeer()
    params, body = peer.callback(text_callback(f"startup-{time.time_ns()}", QUESTION), int(time.time()))
    query = "&".join(f"{name}={value}" for name, value in params.items())
    host, port = address.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    writer.write(
        f"POST /wecom/bot?{query} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
        + body
    )
    response = await reader.read()
    writer.close()
    assert response.startswith(b"HTTP/1.1 200"), response[:200]
    assert response.split(b"\r\n\r\n", 1)[1], "an empty answer"


async def bench() -> None:
    with tempfile.TemporaryDirectory() as folder:
        environment = {
            **os.environ,
            "BOT_CONFIG_FILE": str(Path(folder) / "absent.toml"),
            "BOT_HTTP_PORT": "0",
            "BOT_WECOM_BOT_TOKEN": TOKEN,
            "BOT_WECOM_BOT_AES_KEY": AES_KEY,
            "PYTHONPATH": str(ROOT),
        }
        bot = [sys.executable, "-m", "bot", "serve"]  # default settings: SQLite under ./data of its folder
        baseline = [sys.executable, __file__, "--hello"]
        times: dict[str, list[tuple[float, float]]] = {"baseline": [], "bot": []}
        for _ in range(RUNS):
            times["baseline"].append(await first_answer(baseline, environment, Path(folder)))
            times["bot"].append(await first_answer(bot, environment, Path(folder)))
    first_wall, first_cpu = times["bot"].pop(0)
    print(f"start-up to first answer, seconds ({RUNS} launches each, interleaved; load {load()})")
    print(f"{'':<36} {'median':>7} {'min':>7} {'max':>7} {'CPU median':>11}")
    for name, label in (("baseline", "plain aiohttp (baseline)"), ("bot", "python -m bot serve, at head")):
        walls, cpus = zip(*times[name], strict=True)
        figures = f"{statistics.median(walls):>7.3f} {min(walls):>7.3f} {max(walls):>7.3f}"
        print(f"{label:<36} {figures} {statistics.median(cpus):>11.2f}")
    print(f"{'python -m bot serve, first start':<36} {first_wall:>7.3f} {'':>15} {first_cpu:>11.2f}")
    median = statistics.median(wall for wall, _ in times["bot"])
    extra = median - statistics.median(wall for wall, _ in times["baseline"])
    ratio = statistics.median(cpu for _, cpu in times["bot"]) / statistics.median(
        cpu for _, cpu in times["baseline"]
    )
    met = "met" if median < TARGET_SECONDS else "NOT met"
    print(f"the bot's own start-up beyond the baseline: {extra:.3f} s; CPU {ratio:.1f}x the baseline's")
    print(f"under {TARGET_SECONDS} s on a migrated database: {met} ({median:.3f} s)")


def load() -> str:
    return " ".join(f"{figure:.1f}" for figure in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hello", action="store_true", help="internal: run the baseline server")
    if parser.parse_args().hello:
        hello()
    else:
        asyncio.run(bench())


if __name__ == "__main__":
    main()
