"""The HTTP server: one aiohttp application for every platform callback, plus health and readiness.

`make_web_app` takes the running bot and a list of mounts; each channel adapter's `mount` adds its own
routes, dependencies (typed AppKeys) and lifecycle; `channel_mounts` lists those the settings enable
(/wecom/bot, /wecom/app, /mp).

Several workers: `serve --workers N` starts N `serve --reuse-port` processes listening on one port with
SO_REUSEPORT, so the kernel spreads connections over them. They share nothing but the database, which
holds everything that matters (inbox and conversation queues, dialogues, the delivery ledger, access
tokens); the parent migrates the database once, restarts a worker that dies (with a back-off, bot.workers)
and stops them all only when it is told to stop (SIGTERM/SIGINT).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gc
import hmac
import ipaddress
import logging
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any

from aiohttp import web

from bot.adapters import wecom_bot
from bot.app import build_app
from bot.clock import Clock, SystemClock
from bot.dispatch import Router
from bot.logs import access_logger
from bot.metrics import CONTENT_TYPE
from bot.outbox import Outbox, RoutingOutbox
from bot.render import Renderer
from bot.runtime import BotApp
from bot.settings import VERSION, Settings
from bot.workers import CANNOT_START, Child, Supervisor
from handlers.context import Context
from storage.db import engine_backend, make_engine, migrate

log = logging.getLogger("bot.server")

BOT = web.AppKey("bot", BotApp[Context])
MAX_REQUEST_BYTES = 64 * 1024  # every platform callback is a few KiB
READINESS_TIMEOUT_SECONDS = 2.0
WORKER_STOP_SECONDS = 30.0  # a worker finishes its late answers and background work within this

Mount = Callable[[web.Application], None]


def make_web_app(
    bot: BotApp[Context], mounts: Sequence[Mount] = (), tick_seconds: float | None = None
) -> web.Application:
    """The server: /healthz, /readyz and whatever the mounts add; ticks the bot's clock if asked to."""
    # no middleware: with none (the staff workspace off) aiohttp runs none per request, two coroutines fewer;
    # what logs a request's client asks bot.forwarded for it
    app = web.Application(client_max_size=MAX_REQUEST_BYTES)
    app[BOT] = bot
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    app.router.add_get("/metrics", metrics)
    app.on_cleanup.append(_drain)  # before the mounts' own clean-up: late answers still need their clients
    for mount in mounts:
        mount(app)
    if tick_seconds:
        app.cleanup_ctx.append(functools.partial(_ticker, seconds=tick_seconds))
    return app


def compose(
    settings: Settings,
    clock: Clock,
    outbox: Outbox,
    handler_routers: list[Router[Context]] | None = None,
    **build: Any,
) -> tuple[BotApp[Context], list[Mount]]:
    """The bot and the platform callbacks this configuration enables, as `serve` composes them: the AI bot's
    response_urls, the way back of its later answers, are built first and given to both."""
    response_urls = wecom_bot.ResponseUrls(clock)
    bot = build_app(
        settings, clock, outbox, handler_routers, answer_routes={wecom_bot.CHANNEL: response_urls}, **build
    )
    return bot, channel_mounts(bot, settings, response_urls)


def channel_mounts(
    bot: BotApp[Context], settings: Settings, response_urls: wecom_bot.ResponseUrls
) -> list[Mount]:
    """The platform callbacks this configuration enables; `response_urls` is the AI bot's way back, the
    route build_app was given for its later answers."""
    mounts: list[Mount] = []
    token = settings.wecom_bot_token.get_secret_value()
    aes_key = settings.wecom_bot_aes_key.get_secret_value()
    if token and aes_key:
        config = wecom_bot.WeComBotConfig(
            token=token,
            encoding_aes_key=aes_key,
            bot_name=settings.bot_name,
            staff=settings.staff,
            max_skew_seconds=settings.wecom_bot_max_skew_seconds,
            reply_budget_seconds=settings.wecom_bot_reply_budget_seconds,
        )
        endpoint = wecom_bot.WeComBotCallback(bot, response_urls, bot.clock, config, bot.context.render)
        mounts.append(functools.partial(wecom_bot.mount, endpoint=endpoint))
    else:
        log.warning("BOT_WECOM_BOT_TOKEN or BOT_WECOM_BOT_AES_KEY not set: /wecom/bot is not served")
    mounts += (
        wecom_app_mounts(bot, settings) + official_mounts(bot, settings) + workspace_mounts(bot, settings)
    )
    return mounts


def wecom_app_mounts(bot: BotApp[Context], settings: Settings) -> list[Mount]:
    token = settings.wecom_token.get_secret_value()
    aes_key = settings.wecom_aes_key.get_secret_value()
    if not (settings.wecom_corp_id and settings.wecom_agent_id and token and aes_key):
        log.warning(
            "BOT_WECOM_CORP_ID, BOT_WECOM_AGENT_ID, BOT_WECOM_TOKEN or BOT_WECOM_AES_KEY not set:"
            " /wecom/app is not served"
        )
        return []
    if not settings.wecom_secret.get_secret_value():
        log.warning("BOT_WECOM_SECRET not set: /wecom/app hears messages but cannot send the answers")
    from bot.adapters import wecom_app  # wechatpy's parsers only when the channel is on

    config = wecom_app.WeComAppConfig(
        corp_id=settings.wecom_corp_id,
        agent_id=settings.wecom_agent_id,
        token=token,
        encoding_aes_key=aes_key,
        staff=settings.staff,
        max_skew_seconds=settings.callback_max_skew_seconds,
        reply_budget_seconds=settings.wecom_app_reply_budget_seconds,
    )
    endpoint = wecom_app.WeComAppCallback(bot, bot.clock, config, bot.context.render)
    return [functools.partial(wecom_app.mount, endpoint=endpoint)]


def official_mounts(bot: BotApp[Context], settings: Settings) -> list[Mount]:
    token = settings.mp_token.get_secret_value()
    if not (settings.mp_app_id and token):
        log.warning("BOT_MP_APP_ID or BOT_MP_TOKEN not set: /mp is not served")
        return []
    if not settings.mp_app_secret.get_secret_value():
        log.warning("BOT_MP_APP_SECRET not set: /mp answers only within the callback, never later")
    if not settings.mp_aes_key.get_secret_value():
        log.warning(
            "BOT_MP_AES_KEY not set: /mp runs in plain mode, where nobody is staff (staff need safe mode)"
        )
    from bot.adapters import official  # wechatpy's parsers only when the channel is on

    config = official.OfficialAccountConfig(
        app_id=settings.mp_app_id,
        token=token,
        encoding_aes_key=settings.mp_aes_key.get_secret_value(),
        staff=settings.staff,
        reply_budget_seconds=settings.mp_reply_budget_seconds,
        max_skew_seconds=settings.callback_max_skew_seconds,
    )
    endpoint = official.OfficialAccountCallback(bot, bot.clock, config, bot.context.render)
    return [functools.partial(official.mount, endpoint=endpoint)]


def workspace_mounts(bot: BotApp[Context], settings: Settings) -> list[Mount]:
    secret = settings.session_secret.get_secret_value()
    if not (settings.public_url and secret):
        log.warning("BOT_PUBLIC_URL or BOT_SESSION_SECRET not set: the staff workspace (/staff/) is off")
        return []
    from bot import web as workspace  # its pages, sessions and templates only when it is on

    config = workspace.WorkspaceSettings(secret=secret, secure=settings.public_url.startswith("https://"))
    return [functools.partial(workspace.mount, context=bot.context, settings=config)]


async def healthz(_request: web.Request) -> web.Response:
    return web.json_response({"status": "alive"})


async def readyz(request: web.Request) -> web.Response:
    """Ready when the database answers and the knowledge is loaded; 503 with the problems otherwise."""
    bot = request.app[BOT]
    problems: list[str] = []
    schema = None
    try:
        ping = asyncio.to_thread(bot.context.repos.inbox.ping)
        schema = await asyncio.wait_for(ping, READINESS_TIMEOUT_SECONDS)
    except Exception as error:
        log.warning("database unreachable", extra={"error": type(error).__name__})
        problems.append("database unreachable")
    kb = bot.context.kb
    if not kb.sources or not kb.counties.counties:
        problems.append("knowledge not loaded")
    if problems:
        return web.json_response({"status": "not ready", "problems": problems}, status=503)
    return web.json_response({"status": "ready", "schema": schema, "version": VERSION})


# Set by a reverse proxy: a request carrying one came from elsewhere, whatever its loopback peer address.
_PROXY_HEADERS = ("X-Forwarded-For", "X-Real-IP", "Forwarded")


async def metrics(request: web.Request) -> web.Response:
    """Prometheus' text format, for a scraper on this host (straight, not through a proxy) or one that
    sends `Authorization: Bearer <BOT_METRICS_TOKEN>`."""
    bot = request.app[BOT]
    if not (_from_loopback(request) or _has_token(request, bot.settings.metrics_token.get_secret_value())):
        raise web.HTTPForbidden()
    return web.Response(body=bot.metrics.exposition(), headers={"Content-Type": CONTENT_TYPE})


def _from_loopback(request: web.Request) -> bool:
    if any(header in request.headers for header in _PROXY_HEADERS):
        return False
    try:
        return request.remote is not None and ipaddress.ip_address(request.remote).is_loopback
    except ValueError:  # a Unix socket's peer
        return False


def _has_token(request: web.Request, token: str) -> bool:
    sent = request.headers.get("Authorization", "")
    return bool(token) and hmac.compare_digest(sent.encode(), f"Bearer {token}".encode())


async def _ticker(app: web.Application, seconds: float) -> AsyncIterator[None]:
    task = asyncio.ensure_future(app[BOT].run_ticker(seconds))
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def _drain(app: web.Application) -> None:
    await app[BOT].drain()


def freeze_startup_objects() -> None:
    """What start-up built lives as long as the process, most of it the knowledge index (~170k objects).
    Frozen, the cyclic garbage collector stops walking it on every full collection, which otherwise held up
    every request in flight for ~70 ms now and then (p99 at concurrency 50 in bench/bench_wecom_bot.py).

    `python -m bot` pauses the collector for its start-up; this turns it back on. Nothing is collected
    first: start-up leaves about 2k unreachable objects, and a collection of everything it made would cost
    a tenth of start-up (bench/bench_startup.py)."""
    gc.freeze()
    gc.enable()


async def serve(settings: Settings, reuse_port: bool = False) -> None:
    """`python -m bot serve`: the bot on real time behind one HTTP server, until SIGINT or SIGTERM.

    `reuse_port`: listen with SO_REUSEPORT, beside other workers on the same port.
    """
    stop = _stop_on_signals()
    # Pushes reach WeCom groups through their robots (bot.push.PushRoute); the app and the Official
    # Account send actively through their APIs (built by build_app); the AI bot only answers, through the
    # response_url a message left, so nothing else takes what no sender takes.
    bot, mounts = compose(settings, SystemClock(), RoutingOutbox({}))
    app = make_web_app(bot, mounts, tick_seconds=settings.tick_seconds)
    freeze_startup_objects()

    async def close_senders(_app: web.Application) -> None:
        await bot.close()

    app.on_cleanup.append(close_senders)  # after the callbacks' late answers and the bot's background work
    if settings.access_log:
        runner = web.AppRunner(app, access_log_class=access_logger(settings.log_format))
    else:
        runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    try:
        await web.TCPSite(runner, settings.http_host, settings.http_port, reuse_port=reuse_port).start()
        addresses = [f"http://{address[0]}:{address[1]}" for address in runner.addresses]
        log.info("serving", extra={"addresses": addresses, "pid": os.getpid()})
        await stop.wait()
        log.info("stopping")
    finally:
        await runner.cleanup()


def _stop_on_signals() -> asyncio.Event:
    """Set by SIGINT or SIGTERM from now on (a stop during start-up is honoured once started)."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    return stop


async def serve_workers(settings: Settings, workers: int) -> int:
    """`python -m bot serve --workers N`: N worker processes on one port; the exit status for the shell."""
    if engine_backend(settings.database_url) != "postgresql":
        # on SQLite the conversation queue relies on one process (storage.repos.InboxRepository.shared)
        print(
            Renderer(settings.templates_dir, preload=False)("cli.j2", step="workers_need_postgres"),
            file=sys.stderr,
        )
        return 2
    stop = _stop_on_signals()
    engine = make_engine(settings.database_url)
    migrate(engine)  # once, before the workers start (each would wait for the others' migration otherwise)
    engine.dispose()
    port = settings.http_port
    with contextlib.ExitStack() as cleanup:
        if port == 0:
            # pick a free port for all of them: a bound, never listening socket in the same reuse-port group
            # holds it while they start and restart, and takes no connections
            holder = cleanup.enter_context(socket.socket(socket.AF_INET, socket.SOCK_STREAM))
            holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            holder.bind((settings.http_host, 0))
            port = holder.getsockname()[1]
        environment = {**os.environ, "BOT_HTTP_PORT": str(port)}

        async def start_worker() -> Child:
            return await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "serve", "--reuse-port", env=environment
            )

        log.info(
            "workers started", extra={"address": f"http://{settings.http_host}:{port}", "count": workers}
        )
        supervisor = Supervisor(start_worker, workers, stop, WORKER_STOP_SECONDS)
        codes = await supervisor.run()
        log.info("workers stopped", extra={"exit_codes": codes})
        if supervisor.cannot_start:
            return CANNOT_START
        # a worker still loading (no handler yet) when the stop came was ended by SIGTERM itself, as asked
        clean = (0, -signal.SIGTERM)
        return 0 if all(code in clean for code in codes) else 1
