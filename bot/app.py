"""The composition root: the only module that sees every layer."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot.clock import Clock
from bot.delivery import Delivery, SlidingWindowLimiter
from bot.dispatch import Dispatcher, HandlerFailed, Router
from bot.message import Message, Reply
from bot.outbox import Outbox
from bot.render import Renderer
from bot.settings import Settings
from bot.text import split_text
from handlers import help as help_handlers
from handlers import qa, reminders
from handlers.context import Context
from knowledge.base import load_knowledge
from knowledge.schedule import load_schedule
from storage.db import make_engine, migrate
from storage.repos import Repositories

log = logging.getLogger("bot.app")

TickJob = Callable[[Context], Awaitable[int]]  # sends through ctx.delivery; returns how many it sent


def routers() -> list[Router[Context]]:
    """Every handler module, in priority order (an active dialogue gets first say)."""
    return [reminders.router, help_handlers.router, qa.router]


def tick_jobs() -> list[TickJob]:
    """Jobs run on every tick of the clock (each minute, and whenever the simulated clock moves)."""
    return [reminders.send_due_reminders]


class BackgroundWork:
    """Work handlers start and do not wait for (a broadcast going out); `drain` waits for all of it."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[None]] = set()

    def spawn(self, work: Awaitable[None]) -> None:
        async def guarded() -> None:
            try:
                await work
            except Exception:
                log.exception("background work failed")

        task = asyncio.ensure_future(guarded())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def drain(self) -> None:
        while self._tasks:
            await asyncio.gather(*list(self._tasks))


@dataclass
class BotApp:
    """The running bot: messages in through `submit`, replies out through the outbox."""

    context: Context
    dispatcher: Dispatcher[Context]
    outbox: Outbox
    jobs: list[TickJob]
    background: BackgroundWork = field(default_factory=BackgroundWork)

    async def handle(self, msg: Message) -> list[Reply]:
        """Record the message (dropping a redelivery), route it, and split long replies."""
        repos = self.context.repos
        if not repos.inbox.claim(msg.channel, msg.id, msg.chat_id, msg.sender_id, msg.text, msg.received_at):
            log.info("duplicate message dropped", extra={"msg_id": msg.id, "channel": msg.channel})
            return []
        try:
            replies = await self.dispatcher.dispatch(msg)
        except HandlerFailed as failure:
            repos.inbox.mark_failed(msg.channel, msg.id, "handler failed")
            replies = [failure.apology]
        return [
            Reply(reply.channel, reply.chat_id, piece, reply.to)
            for reply in replies
            for piece in split_text(reply.text)
        ]

    async def submit(self, msg: Message) -> None:
        for reply in await self.handle(msg):
            await self.outbox.send(reply)

    async def tick(self) -> int:
        """Run the periodic jobs once; returns how many messages they sent."""
        sent = 0
        for job in self.jobs:
            try:
                sent += await job(self.context)
            except Exception:
                log.exception("tick job failed", extra={"job": getattr(job, "__name__", repr(job))})
        return sent

    def spawn(self, work: Awaitable[None]) -> None:
        """Background work that `drain` waits for (e.g. a broadcast going out)."""
        self.background.spawn(work)

    async def drain(self) -> None:
        await self.background.drain()

    async def run_ticker(self, seconds: float) -> None:
        """Tick forever on the real clock (serve, and the console without --now)."""
        while True:
            await asyncio.sleep(seconds)
            await self.tick()


def build_app(
    settings: Settings, clock: Clock, outbox: Outbox, handler_routers: list[Router[Context]] | None = None
) -> BotApp:
    engine = make_engine(settings.database_url)
    migrate(engine)
    kb = load_knowledge(settings.knowledge_dir)
    background = BackgroundWork()
    delivery = Delivery(
        outbox,
        SlidingWindowLimiter(settings.send_rate_limit, settings.send_rate_window_seconds),
        max_attempts=settings.send_max_attempts,
        backoff_base=settings.send_retry_base_seconds,
        backoff_max=settings.send_retry_max_seconds,
    )
    context = Context(
        clock=clock,
        repos=Repositories.on(engine),
        kb=kb,
        render=Renderer(settings.templates_dir),
        settings=settings,
        schedule=load_schedule(settings.schedule_file, set(kb.sources)),
        delivery=delivery,
        spawn=background.spawn,
    )
    return BotApp(
        context=context,
        dispatcher=Dispatcher(handler_routers or routers(), context),
        outbox=outbox,
        jobs=tick_jobs(),
        background=background,
    )
