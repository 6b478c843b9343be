"""The composition root: the only module that sees every layer."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot.clock import Clock
from bot.dispatch import Dispatcher, HandlerFailed, Router
from bot.message import Message, Reply
from bot.outbox import Outbox
from bot.render import Renderer
from bot.settings import Settings
from bot.text import split_text
from handlers import assessment, qa
from handlers import help as help_handlers
from handlers.context import Context
from knowledge.base import load_knowledge
from storage.db import make_engine, migrate
from storage.repos import Repositories

log = logging.getLogger("bot.app")

TickJob = Callable[[Context], Awaitable[list[Reply]]]


def routers() -> list[Router[Context]]:
    """Every handler module, in priority order (an active dialogue gets first say)."""
    return [help_handlers.router, assessment.router, qa.router]


def tick_jobs() -> list[TickJob]:
    """Jobs run on every tick of the clock (each minute, and whenever the simulated clock moves)."""
    return []


@dataclass
class BotApp:
    """The running bot: messages in through `submit`, replies out through the outbox."""

    context: Context
    dispatcher: Dispatcher[Context]
    outbox: Outbox
    jobs: list[TickJob]
    _background: set[asyncio.Task[None]] = field(default_factory=set)

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
                replies = await job(self.context)
            except Exception:
                log.exception("tick job failed", extra={"job": getattr(job, "__name__", repr(job))})
                continue
            for reply in replies:
                for piece in split_text(reply.text):
                    await self.outbox.send(Reply(reply.channel, reply.chat_id, piece, reply.to))
                    sent += 1
        return sent

    def spawn(self, work: Awaitable[None]) -> None:
        """Background work that `drain` waits for (e.g. a broadcast going out)."""

        async def guarded() -> None:
            try:
                await work
            except Exception:
                log.exception("background work failed")

        task = asyncio.ensure_future(guarded())
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def drain(self) -> None:
        while self._background:
            await asyncio.gather(*list(self._background))

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
    context = Context(
        clock=clock,
        repos=Repositories.on(engine),
        kb=load_knowledge(settings.knowledge_dir),
        render=Renderer(settings.templates_dir),
        settings=settings,
    )
    return BotApp(
        context=context,
        dispatcher=Dispatcher(handler_routers or routers(), context),
        outbox=outbox,
        jobs=tick_jobs(),
    )
