"""Command line: python -m bot console [--jsonl] [--now ISO] | serve | knowledge … | export … | schedule …"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from datetime import datetime

from bot.adapters.console import CHANNEL as CONSOLE
from bot.adapters.console import ConsoleAdapter, ConsoleOutbox, Repl, stdin_line
from bot.adapters.wecom_bot import CHANNEL as WECOM_BOT
from bot.app import build_app, robot_sender
from bot.clock import ManualClock, ShiftedClock, as_local
from bot.logs import configure_logging
from bot.outbox import RoutingOutbox
from bot.server import serve
from bot.settings import Settings


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bot", description="绩效分级助手")
    commands = parser.add_subparsers(dest="command", required=True)
    console = commands.add_parser("console", help="本地控制台：交互模式或 JSON lines")
    console.add_argument("--jsonl", action="store_true", help="每行一个 JSON 对象进出（脚本和测试用）")
    console.add_argument(
        "--now", type=datetime.fromisoformat, help="模拟时钟的起点（ISO-8601）；不给则用真实时间"
    )
    commands.add_parser("serve", help="HTTP 服务：企业微信智能机器人回调、/healthz、/readyz（真实时钟）")
    return parser.parse_args(argv)


async def run_console(settings: Settings, jsonl: bool, now: datetime | None) -> None:
    clock = ManualClock(as_local(now)) if now else ShiftedClock()
    write = sys.stdout.write

    def write_flush(text: str) -> None:
        write(text)
        sys.stdout.flush()

    robots = robot_sender(settings)  # pushes due for WeCom groups go out through their robots
    outbox = RoutingOutbox({CONSOLE: ConsoleOutbox(write_flush, human=not jsonl), WECOM_BOT: robots})
    app = build_app(settings, clock, outbox)
    adapter = ConsoleAdapter(app, clock, write_flush)
    ticker = None if now else asyncio.ensure_future(app.run_ticker(settings.tick_seconds))
    try:
        if jsonl:
            await adapter.run_jsonl(stdin_line)
        else:
            with contextlib.suppress(ImportError):
                import readline  # noqa: F401  (line editing and history for input())
            await Repl(adapter, clock, settings.bot_name, write_flush).run(input)
    finally:
        if ticker:
            ticker.cancel()
        await robots.close()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    settings = Settings()
    configure_logging(settings.log_level, settings.log_format)
    if args.command == "console":
        asyncio.run(run_console(settings, args.jsonl, args.now))
    elif args.command == "serve":
        asyncio.run(serve(settings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
