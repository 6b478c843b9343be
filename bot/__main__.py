"""Command line: python -m bot [--version] console [--jsonl] [--now ISO|real] | serve | knowledge … | export … | schedule …"""

from __future__ import annotations

import gc

if __name__ == "__main__":
    # Start-up makes ~170k objects that live as long as the process, and the cyclic collector would walk them
    # again and again as they are made (a tenth of start-up, bench/bench_startup.py). Paused until serve or
    # the console has built them, then frozen out of its sight (bot.server.freeze_startup_objects).
    gc.disable()

import argparse
import asyncio
import contextlib
import os
import re
import sys
import tomllib
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import ValidationError
from pydantic_settings import SettingsError

from bot.clock import LATEST, as_local
from bot.settings import PACKAGE_ROOT, VERSION, SecretsInConfigFile, Settings, config_file

# What only a command's own path needs is imported there, once the settings are read and valid: a bad
# setting exits 2 without paying for the server, the handlers and the database (bench/bench_startup.py).
if TYPE_CHECKING:
    from bot.render import Renderer
    from knowledge.base import KnowledgeBase

TEST_DATA = PACKAGE_ROOT / "tests" / "data"
REAL = "real"  # --now real: today's clock
DEFAULT_TEMPLATES: Path = Settings.model_fields["templates_dir"].default  # before the settings are read
# Where pydantic-settings' and tomllib's English messages name the field and the place: only these are shown.
UNREADABLE_FIELD = re.compile(r'field "(\w+)"')
TOML_PLACE = re.compile(r"line (\d+), column (\d+)")


@cache
def words_in(templates: Path) -> Renderer:
    """What the command line says (cli.j2), compiled on first use: the command line must start fast."""
    from bot.render import Renderer

    return Renderer(templates, preload=False)


def say(templates: Path, step: str, **values: object) -> str:
    return words_in(templates)("cli.j2", step=step, **values)


def start_time(text: str) -> datetime | str:
    if text == REAL:
        return text
    try:
        moment = datetime.fromisoformat(text)
        if as_local(moment) < LATEST:
            return moment
    except (ValueError, OverflowError):
        pass
    raise argparse.ArgumentTypeError(say(DEFAULT_TEMPLATES, "bad_start", text=text, latest=LATEST))


def campaign_start(settings: Settings) -> datetime:
    """Where the interactive console's clock starts by default: 09:00 the day before the campaign's first
    deadline, inside the campaign whatever today's date."""
    from knowledge.schedule import load_schedule

    schedule = load_schedule(settings.schedule_file, settings.templates_dir)
    first = min(deadline.due for deadline in schedule.deadlines)
    return as_local(first - timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)


def parse_args(argv: list[str]) -> argparse.Namespace:
    # The help texts (cli.j2) only when help is asked for: compiling the template is ~30 ms of every launch,
    # and nothing else argparse prints (usage, errors) shows them.
    asks_help = any(arg in ("-h", "--help") for arg in argv)

    def text(item: str) -> str | None:
        return say(DEFAULT_TEMPLATES, "help", item=item) if asks_help else None

    parser = argparse.ArgumentParser(prog="python -m bot", description=text("description"))
    parser.add_argument(
        "--version", action=ShowVersion, nargs=0, help="show program's version number and exit"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    console = commands.add_parser("console", help=text("console"))
    console.add_argument("--jsonl", action="store_true", help=text("jsonl"))
    console.add_argument("--now", type=start_time, help=text("now"))
    serve_command = commands.add_parser("serve", help=text("serve"))
    serve_command.add_argument("--workers", type=int, default=1, help=text("workers"))
    serve_command.add_argument("--reuse-port", action="store_true", help=text("reuse_port"))
    knowledge = commands.add_parser("knowledge", help=text("knowledge"))
    knowledge.add_argument("action", choices=["check", "eval"])
    knowledge.add_argument("--show-heldout", action="store_true", help=text("show_heldout"))
    knowledge.add_argument("--confusion", action="store_true", help=text("confusion"))
    schedule = commands.add_parser("schedule", help=text("schedule"))
    schedule_commands = schedule.add_subparsers(dest="schedule_command", required=True)
    check = schedule_commands.add_parser("check", help=text("schedule_check"))
    check.add_argument("file", type=Path, help=text("schedule_file"))
    export = commands.add_parser("export", help=text("export"))
    export.add_argument("--county", required=True, help=text("county"))
    export.add_argument("--out", required=True, type=Path, help=text("out"))
    export.add_argument("--format", choices=["xlsx", "csv"], help=text("format"))
    save = commands.add_parser("backup", help=text("backup"))
    save.add_argument("--out", required=True, type=Path, help=text("backup_out"))
    load = commands.add_parser("restore", help=text("restore"))
    load.add_argument("file", type=Path, help=text("restore_file"))
    return parser.parse_args(argv)


class ShowVersion(argparse.Action):
    """--version: the schema's revision is read only when asked for (storage.db imports SQLAlchemy)."""

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        from storage.db import head_revision

        print(f"jixiao-bot {VERSION} (schema {head_revision()})")
        parser.exit()


def checked_knowledge(settings: Settings) -> KnowledgeBase | None:
    """The knowledge, or None once every problem found in it is printed (the command then exits 1)."""
    from knowledge.base import KnowledgeError, load_knowledge

    try:
        return load_knowledge(settings.knowledge_dir, settings.templates_dir)
    except KnowledgeError as error:
        problems = say(settings.templates_dir, "knowledge_problems", problems=error.problems, fidelity=False)
        print(problems, file=sys.stderr)
        return None


def run_knowledge(
    settings: Settings, action: str, show_heldout: bool = False, confusion: bool = False
) -> int:
    templates = settings.templates_dir
    kb = checked_knowledge(settings)
    if kb is None:
        return 1
    if action == "check":
        from knowledge.base import fidelity_problems

        problems = fidelity_problems(kb)
        if problems:
            print(say(templates, "knowledge_problems", problems=problems, fidelity=True), file=sys.stderr)
            return 1
        notices = kb.command_notices()
        if notices:
            print(say(templates, "knowledge_notices", notices=notices), file=sys.stderr)
        counts = {
            "entries": len(kb.entries),
            "industries": len(kb.catalogue.industries),
            "sources": len(kb.sources),
        }
        print(say(templates, "knowledge_ok", **counts))
        return 0
    from bot.evaluate import evaluate, print_report  # the evaluation sets' reader: for this command only
    from bot.render import Renderer

    render = Renderer(templates, preload=False, commands=kb.commands)
    print_report(evaluate(kb, render, TEST_DATA), render, show_heldout, confusion)
    return 0


def check_schedule(settings: Settings, path: Path) -> int:
    """Print every problem with its file and field path; non-zero exit if there is any."""
    from knowledge.schedule import ScheduleError, load_schedule, unsourced_figures

    kb = checked_knowledge(settings)
    if kb is None:
        return 1
    try:
        schedule = load_schedule(path, settings.templates_dir, set(kb.sources))
        problems = unsourced_figures(schedule, kb, path)
        if problems:
            raise ScheduleError(problems)
    except ScheduleError as error:
        print(say(settings.templates_dir, "schedule_problems", problems=error.problems))
        return 1
    counts = {"deadlines": len(schedule.deadlines), "reminders": len(schedule.occurrences())}
    print(say(settings.templates_dir, "schedule_ok", path=path, title=schedule.title, **counts))
    return 0


async def run_console(
    settings: Settings, jsonl: bool, start: datetime | str | None, built: Callable[[], None] = lambda: None
) -> None:
    """`built` runs once the bot is built, before the first line is read."""
    from bot.adapters.console import CHANNEL as CONSOLE
    from bot.adapters.console import ConsoleAdapter, ConsoleOutbox, Repl, stdin_line
    from bot.app import build_app
    from bot.clock import ManualClock, ShiftedClock
    from bot.outbox import RoutingOutbox

    campaign = None  # the greeting says where the clock starts when it chose that itself
    if start is None and not jsonl:
        start = campaign = campaign_start(settings)
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
    built()
    adapter = ConsoleAdapter(
        app, clock, write_flush, app.context.render, console, app.context.kb.words.reason, settings.bot_name
    )
    await adapter.move_clock(clock.now())  # what fell due while the bot was not running goes out now
    ticker = None if now else asyncio.ensure_future(app.run_ticker(settings.tick_seconds))
    try:
        if jsonl:
            await adapter.run_jsonl(stdin_line)
        else:
            with contextlib.suppress(ImportError):
                import readline  # noqa: F401  (line editing and history for input())
            await Repl(adapter, clock, settings.bot_name, write_flush).run(input, campaign)
    finally:
        if ticker:
            ticker.cancel()
        await app.close()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        settings = Settings()
    except SettingsError as error:  # a variable that is not the JSON it must be (BOT_STAFF …)
        field = UNREADABLE_FIELD.search(str(error))
        variable = f"BOT_{field.group(1).upper()}" if field else ""
        print(say(DEFAULT_TEMPLATES, "settings_unreadable", variable=variable), file=sys.stderr)
        return 2
    except SecretsInConfigFile as error:
        print(
            say(DEFAULT_TEMPLATES, "secrets_in_config_file", file=config_file(), names=error.names),
            file=sys.stderr,
        )
        return 2
    except tomllib.TOMLDecodeError as error:  # BOT_CONFIG_FILE that is not TOML
        place = TOML_PLACE.search(str(error))
        line, column = place.groups() if place else (None, None)
        print(
            say(DEFAULT_TEMPLATES, "config_not_toml", file=config_file(), line=line, column=column),
            file=sys.stderr,
        )
        return 2
    except ValidationError as error:  # the message names the variable, never a secret's value
        from knowledge.wording import Wording

        words = Wording(DEFAULT_TEMPLATES)  # what is wrong, in Chinese, as `knowledge check` words it
        problems = [(f"BOT_{'_'.join(map(str, e['loc'])).upper()}", words.reason(e)) for e in error.errors()]
        print(say(DEFAULT_TEMPLATES, "settings_invalid", problems=problems), file=sys.stderr)
        return 2
    from bot.logs import configure_logging

    # the interactive console shows warnings only, unless BOT_LOG_LEVEL asks for more
    quiet = args.command == "console" and not args.jsonl and "log_level" not in settings.model_fields_set
    configure_logging("WARNING" if quiet else settings.log_level, settings.log_format)
    if args.command != "console" and not (args.command == "serve" and args.workers == 1):
        gc.enable()  # nothing built here lives long enough to be worth freezing
    if args.command == "schedule":
        return check_schedule(settings, args.file)
    if args.command == "knowledge":
        return run_knowledge(settings, args.action, args.show_heldout, args.confusion)
    if args.command == "export":
        return run_export(settings, args.county, args.out, args.format)
    if args.command in ("backup", "restore"):
        return run_backup(settings, args)
    return run_bot(settings, args)


def run_bot(settings: Settings, args: argparse.Namespace) -> int:
    """The console or the server, until it is told to stop; the exit status."""
    from bot.app import StartupError
    from bot.server import freeze_startup_objects, serve, serve_workers
    from knowledge.base import KnowledgeError
    from knowledge.schedule import ScheduleError

    try:
        if args.command == "console":
            asyncio.run(run_console(settings, args.jsonl, args.now, freeze_startup_objects))
        elif args.command == "serve" and args.workers > 1:
            return asyncio.run(serve_workers(settings, args.workers))
        elif args.command == "serve":
            asyncio.run(serve(settings, reuse_port=args.reuse_port))
    except (ScheduleError, KnowledgeError, StartupError) as error:
        print(say(settings.templates_dir, "data_problems", problems=error.problems), file=sys.stderr)
        return 2
    except BrokenPipeError:
        # the console's reader has gone (… | head): the lines left are not read, and stdout goes to devnull,
        # since the exit's own flush of what it holds would fail again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 0


def run_backup(settings: Settings, args: argparse.Namespace) -> int:
    from storage import backup
    from storage.db import head_revision, make_engine, migrate

    try:
        if args.command == "backup":
            revision = backup.backup(settings.database_url, args.out)
            print(say(settings.templates_dir, "backed_up", path=args.out, revision=revision))
            return 0
        revision = backup.restore(args.file, settings.database_url)
    except backup.BackupError as error:
        failed = say(
            settings.templates_dir, "backup_failed", command=args.command, reason=error.reason, **error.values
        )
        print(failed, file=sys.stderr)
        return 2
    migrate(make_engine(settings.database_url))  # an older backup is brought to this code's schema
    print(say(settings.templates_dir, "restored", path=args.file, revision=revision, head=head_revision()))
    return 0


def run_export(settings: Settings, county_name: str, out: Path, fmt: Literal["xlsx", "csv"] | None) -> int:
    from handlers import assessment
    from storage.db import make_engine, migrate
    from storage.repos import Repositories

    kb = checked_knowledge(settings)
    if kb is None:
        return 1
    county = kb.counties.match(county_name)
    if county is None:
        print(
            say(settings.templates_dir, "unknown_county", name=county_name, counties=kb.counties.names),
            file=sys.stderr,
        )
        return 2
    engine = make_engine(settings.database_url)
    migrate(engine)
    chosen = fmt or ("csv" if out.suffix.lower() == ".csv" else "xlsx")
    rows = assessment.export_county(
        Repositories.on(engine), words_in(settings.templates_dir), county.name, out, chosen
    )
    print(say(settings.templates_dir, "exported", county=county.name, rows=rows, path=out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
