"""Command line: python -m bot [--version] console [--jsonl] [--now ISO|real] | serve | knowledge … | export … | schedule …"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal

from pydantic import ValidationError
from pydantic_settings import SettingsError

from bot.adapters.console import CHANNEL as CONSOLE
from bot.adapters.console import ConsoleAdapter, ConsoleOutbox, Repl, stdin_line
from bot.app import StartupError, build_app
from bot.clock import ManualClock, ShiftedClock, as_local
from bot.evaluate import evaluate, print_report
from bot.logs import configure_logging
from bot.outbox import RoutingOutbox
from bot.render import Renderer
from bot.server import serve, serve_workers
from bot.settings import PACKAGE_ROOT, VERSION, Settings
from handlers import assessment
from knowledge.base import KnowledgeError, fidelity_problems, load_knowledge
from knowledge.schedule import ScheduleError, load_schedule
from storage import backup
from storage.db import head_revision, make_engine, migrate
from storage.repos import Repositories

TEST_DATA = PACKAGE_ROOT / "tests" / "data"
REAL = "real"  # --now real: today's clock


def start_time(text: str) -> datetime | str:
    return text if text == REAL else datetime.fromisoformat(text)


def campaign_start(settings: Settings) -> datetime:
    """Where the interactive console's clock starts by default: 09:00 the day before the campaign's first
    deadline, inside the campaign whatever today's date."""
    first = min(deadline.due for deadline in load_schedule(settings.schedule_file).deadlines)
    return as_local(first - timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bot", description="绩效分级助手")
    parser.add_argument(
        "--version", action="version", version=f"jixiao-bot {VERSION} (schema {head_revision()})"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    console = commands.add_parser("console", help="本地控制台：交互模式或 JSON lines")
    console.add_argument("--jsonl", action="store_true", help="每行一个 JSON 对象进出（脚本和测试用）")
    console.add_argument(
        "--now",
        type=start_time,
        help="模拟时钟的起点（ISO-8601），real 为真实时间；不给时交互模式从活动期间开始，--jsonl 用真实时间",
    )
    serve_command = commands.add_parser(
        "serve", help="HTTP 服务：企业微信智能机器人、自建应用、公众号回调，/healthz、/readyz（真实时钟）"
    )
    serve_command.add_argument(
        "--workers", type=int, default=1, help="工作进程数：多个进程共用一个端口（SO_REUSEPORT）和一个数据库"
    )
    serve_command.add_argument(
        "--reuse-port",
        action="store_true",
        help="以 SO_REUSEPORT 监听，与其他进程共用端口（--workers 自动使用）",
    )
    knowledge = commands.add_parser("knowledge", help="知识库：检查数据或评估准确率")
    knowledge.add_argument("action", choices=["check", "eval"])
    schedule = commands.add_parser("schedule", help="活动日程（截止时间与提醒）")
    schedule_commands = schedule.add_subparsers(dest="schedule_command", required=True)
    check = schedule_commands.add_parser("check", help="检查一个日程文件，列出所有问题")
    check.add_argument("file", type=Path, help="日程 YAML 文件")
    export = commands.add_parser("export", help="导出一个县（市、区）的申请名单（xlsx 或 csv）")
    export.add_argument("--county", required=True, help="县（市、区），如 平山县")
    export.add_argument("--out", required=True, type=Path, help="输出文件，如 平山县.xlsx")
    export.add_argument(
        "--format", choices=["xlsx", "csv"], help="文件格式；不给则按 --out 的扩展名，默认 xlsx"
    )
    save = commands.add_parser("backup", help="SQLite 数据库的一致副本（机器人运行时也可以）")
    save.add_argument("--out", required=True, type=Path, help="备份文件，不能已存在")
    load = commands.add_parser("restore", help="把备份恢复到 BOT_DATABASE_URL 指向的新数据库文件")
    load.add_argument("file", type=Path, help="备份文件")
    return parser.parse_args(argv)


def run_knowledge(settings: Settings, action: str) -> int:
    try:
        kb = load_knowledge(settings.knowledge_dir)
    except KnowledgeError as error:
        print(f"知识库有 {len(error.problems)} 处问题：", *error.problems, sep="\n  ", file=sys.stderr)
        return 1
    if action == "check":
        problems = fidelity_problems(kb)
        if problems:
            print(f"知识库有 {len(problems)} 处来源或可信度问题：", *problems, sep="\n  ", file=sys.stderr)
            return 1
        print(
            f"知识库检查通过：{len(kb.entries)} 条问答，{len(kb.catalogue.industries)} 个行业，{len(kb.sources)} 份来源。"
        )
        return 0
    print_report(evaluate(kb, Renderer(settings.templates_dir), TEST_DATA))
    return 0


def check_schedule(settings: Settings, path: Path) -> int:
    """Print every problem with its file and field path; non-zero exit if there is any."""
    sources = set(load_knowledge(settings.knowledge_dir).sources)
    try:
        schedule = load_schedule(path, sources)
    except ScheduleError as error:
        for problem in error.problems:
            print(problem)
        print(f"共{len(error.problems)}个问题。")
        return 1
    print(
        f"{path}: 没有问题。{schedule.title}：{len(schedule.deadlines)}个截止时间，"
        f"{len(schedule.occurrences())}条提醒。"
    )
    return 0


async def run_console(settings: Settings, jsonl: bool, start: datetime | str | None) -> None:
    note = ""
    if start is None and not jsonl:
        start = campaign_start(settings)
        note = (
            f"模拟时间从 {start:%Y-%m-%d %H:%M} 开始（活动期间：首个截止时间的前一天）。"
            "换时间：/time 2020-07-17 09:00；启动时 make console NOW=2020-07-17T09:00，"
            "或 make console NOW=real 用今天的真实时间。\n"
        )
    now = start if isinstance(start, datetime) else None
    clock = ManualClock(as_local(now)) if now else ShiftedClock()
    write = sys.stdout.write

    def write_flush(text: str) -> None:
        write(text)
        sys.stdout.flush()

    # Pushes to a group with a group robot go through the robot (bot.push.PushRoute), the rest to their
    # channel: the console's to stdout, the WeCom app's and the Official Account's through their APIs.
    console = ConsoleOutbox(write_flush, human=not jsonl)
    app = build_app(settings, clock, RoutingOutbox({CONSOLE: console}))
    adapter = ConsoleAdapter(app, clock, write_flush, console)
    await adapter.move_clock(clock.now())  # what fell due while the bot was not running goes out now
    ticker = None if now else asyncio.ensure_future(app.run_ticker(settings.tick_seconds))
    try:
        if jsonl:
            await adapter.run_jsonl(stdin_line)
        else:
            with contextlib.suppress(ImportError):
                import readline  # noqa: F401  (line editing and history for input())
            await Repl(adapter, clock, settings.bot_name, write_flush).run(input, note)
    finally:
        if ticker:
            ticker.cancel()
        await app.close()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        settings = Settings()
    except SettingsError as error:  # a variable that is not the JSON it must be (BOT_STAFF …)
        print(f"配置有问题，无法启动：{error}", file=sys.stderr)
        return 2
    except ValidationError as error:  # the message names the variable, never a secret's value
        print(
            "配置有问题，无法启动：",
            *(f"BOT_{'_'.join(map(str, e['loc'])).upper()}：{e['msg']}" for e in error.errors()),
            sep="\n  ",
            file=sys.stderr,
        )
        return 2
    # the interactive console shows warnings only, unless BOT_LOG_LEVEL asks for more
    quiet = args.command == "console" and not args.jsonl and "log_level" not in settings.model_fields_set
    configure_logging("WARNING" if quiet else settings.log_level, settings.log_format)
    if args.command == "schedule":
        return check_schedule(settings, args.file)
    if args.command == "knowledge":
        return run_knowledge(settings, args.action)
    if args.command == "export":
        return run_export(settings, args.county, args.out, args.format)
    if args.command in ("backup", "restore"):
        return run_backup(settings, args)
    try:
        if args.command == "console":
            asyncio.run(run_console(settings, args.jsonl, args.now))
        elif args.command == "serve" and args.workers > 1:
            return asyncio.run(serve_workers(settings, args.workers))
        elif args.command == "serve":
            asyncio.run(serve(settings, reuse_port=args.reuse_port))
    except (ScheduleError, KnowledgeError, StartupError) as error:
        print("数据有问题，无法启动：", *error.problems, sep="\n  ", file=sys.stderr)
        return 2
    return 0


def run_backup(settings: Settings, args: argparse.Namespace) -> int:
    try:
        if args.command == "backup":
            revision = backup.backup(settings.database_url, args.out)
            print(f"已备份到 {args.out}（数据库结构版本 {revision}）")
            return 0
        revision = backup.restore(args.file, settings.database_url)
    except backup.BackupError as error:
        print(f"无法{'备份' if args.command == 'backup' else '恢复'}：{error}", file=sys.stderr)
        return 2
    migrate(make_engine(settings.database_url))  # an older backup is brought to this code's schema
    print(f"已从 {args.file} 恢复（数据库结构版本 {revision}，现为 {head_revision()}）")
    return 0


def run_export(settings: Settings, county_name: str, out: Path, fmt: Literal["xlsx", "csv"] | None) -> int:
    kb = load_knowledge(settings.knowledge_dir)
    county = kb.counties.match(county_name)
    if county is None:
        print(f"没有找到县（市、区）“{county_name}”。可选：{'、'.join(kb.counties.names)}", file=sys.stderr)
        return 2
    engine = make_engine(settings.database_url)
    migrate(engine)
    chosen = fmt or ("csv" if out.suffix.lower() == ".csv" else "xlsx")
    rows = assessment.export_county(Repositories.on(engine), county.name, out, chosen)
    print(f"已导出{county.name}申请名单 {rows} 行：{out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
