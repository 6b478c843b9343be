"""The HTTP server: one aiohttp application for every platform callback, plus health and readiness.

`make_web_app` takes the running bot and a list of mounts; each channel adapter's `mount` adds its own
routes, dependencies (typed AppKeys) and lifecycle, so later channels (/wecom/app, /mp) join the same
server by adding one mount in `channel_mounts`.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import signal
from collections.abc import AsyncIterator, Callable, Sequence

from aiohttp import web

from bot.adapters import wecom_bot
from bot.app import BotApp, build_app
from bot.clock import SystemClock
from bot.delivery import DeliveryOutbox
from bot.outbox import RoutingOutbox
from bot.settings import Settings

log = logging.getLogger("bot.server")

BOT = web.AppKey("bot", BotApp)
MAX_REQUEST_BYTES = 64 * 1024  # every platform callback is a few KiB
READINESS_TIMEOUT_SECONDS = 2.0

Mount = Callable[[web.Application], None]


def make_web_app(
    bot: BotApp, mounts: Sequence[Mount] = (), tick_seconds: float | None = None
) -> web.Application:
    """The server: /healthz, /readyz and whatever the mounts add; ticks the bot's clock if asked to."""
    app = web.Application(client_max_size=MAX_REQUEST_BYTES)
    app[BOT] = bot
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    for mount in mounts:
        mount(app)
    if tick_seconds:
        app.cleanup_ctx.append(functools.partial(_ticker, seconds=tick_seconds))
    app.on_cleanup.append(_drain)
    return app


def channel_mounts(bot: BotApp, settings: Settings) -> list[Mount]:
    """The platform callbacks this configuration enables."""
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
        # its answers go back in the callback; a reply meant for another chat is a push, paced like any
        pushes = DeliveryOutbox(bot.context.delivery)
        endpoint = wecom_bot.WeComBotCallback(bot, pushes, bot.context.clock, config)
        mounts.append(functools.partial(wecom_bot.mount, endpoint=endpoint))
    else:
        log.warning("BOT_WECOM_BOT_TOKEN or BOT_WECOM_BOT_AES_KEY not set: /wecom/bot is not served")
    return mounts


async def healthz(_request: web.Request) -> web.Response:
    return web.json_response({"status": "alive"})


async def readyz(request: web.Request) -> web.Response:
    """Ready when the database answers and the knowledge is loaded; 503 with the problems otherwise."""
    bot = request.app[BOT]
    problems: list[str] = []
    try:
        ping = asyncio.to_thread(bot.context.repos.inbox.ping)
        await asyncio.wait_for(ping, READINESS_TIMEOUT_SECONDS)
    except Exception as error:
        log.warning("database unreachable", extra={"error": type(error).__name__})
        problems.append("database unreachable")
    kb = bot.context.kb
    if not kb.sources or not kb.counties.counties:
        problems.append("knowledge not loaded")
    if problems:
        return web.json_response({"status": "not ready", "problems": problems}, status=503)
    return web.json_response({"status": "ready"})


async def _ticker(app: web.Application, seconds: float) -> AsyncIterator[None]:
    task = asyncio.ensure_future(app[BOT].run_ticker(seconds))
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def _drain(app: web.Application) -> None:
    await app[BOT].drain()


async def serve(settings: Settings) -> None:
    """`python -m bot serve`: the bot on real time behind one HTTP server, until SIGINT or SIGTERM."""
    # No channel served here can start a message itself: pushes reach WeCom groups through their robots.
    bot = build_app(settings, SystemClock(), RoutingOutbox({}))
    app = make_web_app(bot, channel_mounts(bot, settings), tick_seconds=settings.tick_seconds)

    async def close_bot(_app: web.Application) -> None:
        await bot.close()

    app.on_cleanup.append(close_bot)  # after the callbacks' late answers and the bot's background work
    runner = web.AppRunner(app)
    await runner.setup()
    try:
        await web.TCPSite(runner, settings.http_host, settings.http_port).start()
        addresses = [f"http://{address[0]}:{address[1]}" for address in runner.addresses]
        log.info("serving", extra={"addresses": addresses})
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        await stop.wait()
        log.info("stopping")
    finally:
        await runner.cleanup()
