"""Start-up to first answer: how long `python -m bot serve`, with its default settings and a WeCom AI-bot
callback configured, takes from its launch until a question posted to /wecom/bot is answered. Prints figures.

Beside it, in the same run, a baseline: a plain aiohttp server (the interpreter and aiohttp imported, one
route that reads the body and answers) from launch to its first answer. Each is launched RUNS times,
interleaved; the bot's first launch meets an empty SQLite file (the schema is created) and an empty
BOT_CACHE_DIR, the others the schema at its head and the knowledge and templates the first one kept. Target (issue
13): under 0.8 s on an already migrated database. Beside the wall time, the CPU time the process used until it
had answered (from /proc: clock ticks), which a loaded machine inflates far less. `--before TREE` launches
the `serve` of another source tree too (the code before a change, e.g. `git archive main | tar -x -C TREE`),
interleaved with the others, on a database and cache folder of its own.

    .venv/bin/python bench/bench_startup.py [--before TREE]
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


async def bench(before: Path | None) -> None:
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
        # name: (command, environment, folder)
        launches = {
            "baseline": ([sys.executable, __file__, "--hello"], environment, Path(folder)),
            "bot": (bot, environment, Path(folder)),
        }
        if before is not None:
            (Path(folder) / "before").mkdir()
            launches["before"] = (bot, {**environment, "PYTHONPATH": str(before)}, Path(folder) / "before")
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in launches}
        for _ in range(RUNS):
            for name, launch in launches.items():
                times[name].append(await first_answer(*launch))
    firsts = {name: times[name].pop(0) for name in launches if name != "baseline"}
    print(f"start-up to first answer, seconds ({RUNS} launches each, interleaved; load {load()})")
    print(f"{'':<40} {'median':>7} {'min':>7} {'max':>7} {'CPU median':>11}")
    labels = {"baseline": "plain aiohttp (baseline)", "bot": "python -m bot serve", "before": f"{before}"}
    walls = {name: statistics.median(wall for wall, _ in runs) for name, runs in times.items()}
    cpus = {name: statistics.median(cpu for _, cpu in runs) for name, runs in times.items()}
    for name, runs in times.items():
        label = labels[name] + ("" if name == "baseline" else ", at head")
        spread = f"{min(wall for wall, _ in runs):>7.3f} {max(wall for wall, _ in runs):>7.3f}"
        print(f"{label:<40} {walls[name]:>7.3f} {spread} {cpus[name]:>11.2f}")
    for name, (first_wall, first_cpu) in firsts.items():
        print(f"{labels[name] + ', first start':<40} {first_wall:>7.3f} {'':>15} {first_cpu:>11.2f}")
    for name in firsts:
        extra = walls[name] - walls["baseline"]
        ratios = f"wall {walls[name] / walls['baseline']:.2f}x, CPU {cpus[name] / cpus['baseline']:.2f}x"
        print(f"{labels[name]}: {extra:.3f} s beyond the baseline; {ratios} the baseline's")
    met = "met" if walls["bot"] < TARGET_SECONDS else "NOT met"
    print(f"under {TARGET_SECONDS} s on a migrated database: {met} ({walls['bot']:.3f} s)")


def load() -> str:
    return " ".join(f"{figure:.1f}" for figure in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hello", action="store_true", help="internal: run the baseline server")
    parser.add_argument("--before", type=Path, help="also launch the serve of this source tree")
    args = parser.parse_args()
    if args.hello:
        hello()
    else:
        asyncio.run(bench(args.before))


if __name__ == "__main__":
    main()
