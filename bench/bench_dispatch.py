"""Dispatcher overhead, pipeline and JSON-lines console throughput, resident memory. Prints figures."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.app import build_app  # noqa: E402
from bot.clock import ManualClock  # noqa: E402
from bot.dispatch import Dispatcher, Router  # noqa: E402
from bot.message import ChatKind, Message, Reply, Role  # noqa: E402
from bot.outbox import RecordingOutbox  # noqa: E402
from bot.render import Renderer  # noqa: E402
from bot.settings import Settings  # noqa: E402
from knowledge.base import load_knowledge  # noqa: E402

N = 20_000


def messages(count: int, clock: ManualClock, text: str = "你好") -> list[Message]:
    return [
        Message(
            f"m{i}",
            "console",
            f"群{i % 50}",
            ChatKind.GROUP,
            f"u{i % 200}",
            "用户",
            Role.ENTERPRISE,
            text,
            True,
            clock.now(),
        )
        for i in range(count)
    ]


async def dispatcher_overhead(clock: ManualClock) -> tuple[float, float]:
    router: Router[None] = Router("bench")

    @router.fallback
    async def answer(msg: Message, ctx: None) -> list[Reply]:
        return [msg.reply("好")]

    settings = Settings()
    render = Renderer(
        settings.templates_dir,
        commands=load_knowledge(settings.knowledge_dir, settings.templates_dir).commands,
    )
    dispatcher = Dispatcher([router], None, lambda channel, chat_id, sender_id: None, render, {})
    batch = messages(N, clock)
    started = time.perf_counter()
    for msg in batch:
        await answer(msg, None)
    direct = time.perf_counter() - started
    started = time.perf_counter()
    for msg in batch:
        await dispatcher.dispatch(msg)
    routed = time.perf_counter() - started
    return direct / N * 1e6, (routed - direct) / N * 1e6


async def pipeline(clock: ManualClock, folder: str) -> float:
    settings = Settings(database_url=f"sqlite:///{folder}/pipeline.db", log_level="WARNING")
    app = build_app(settings, clock, RecordingOutbox())
    batch = messages(2_000, clock, "/帮助")
    started = time.perf_counter()
    for msg in batch:
        await app.submit(msg)
    return len(batch) / (time.perf_counter() - started)


def console_throughput(folder: str) -> tuple[float, float]:
    count = 2_000
    lines = "".join(
        json.dumps({"chat": f"群{i % 20}", "user": f"u{i % 100}", "text": "/帮助"}, ensure_ascii=False) + "\n"
        for i in range(count)
    )
    env = {**os.environ, "BOT_DATABASE_URL": f"sqlite:///{folder}/console.db", "BOT_LOG_LEVEL": "WARNING"}
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "console", "--jsonl", "--now", "2020-07-15T09:00"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=ROOT,
        env=env,
        text=True,
    )
    assert process.stdin
    assert process.stdout
    started = time.perf_counter()
    process.stdin.write(lines[: len(lines) // 2])
    process.stdin.flush()
    for _ in range(count // 2):
        process.stdout.readline()
    rss = psutil.Process(process.pid).memory_info().rss / 2**20  # the running bot, everything loaded
    process.stdin.write(lines[len(lines) // 2 :])
    process.stdin.close()
    received = count // 2 + sum(1 for _ in process.stdout)
    elapsed = time.perf_counter() - started
    process.wait()
    assert received == count, received
    return count / elapsed, rss


async def main() -> None:
    clock = ManualClock(datetime.fromisoformat("2020-07-15T09:00:00+08:00"))
    handler_us, overhead_us = await dispatcher_overhead(clock)
    with tempfile.TemporaryDirectory() as folder:
        rate = await pipeline(clock, folder)
        console_rate, rss = console_throughput(folder)
    print(
        f"dispatcher: handler alone {handler_us:.1f} µs/msg; dispatcher overhead {overhead_us:.1f} µs/msg "
        f"(target < 50; NoneBot2 dispatch ≈ 400 µs on this machine kind)"
    )
    print(f"pipeline in-process (inbox record + dispatch + render): {rate:,.0f} msg/s")
    print(f"JSON-lines console subprocess: {console_rate:,.0f} msg/s end to end")
    print(f"resident memory of the running console bot: {rss:.0f} MiB (target < 150)")


if __name__ == "__main__":
    asyncio.run(main())
