"""The composition root: the only module that sees every layer."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field

from bot.adapters.wecom_bot import CHANNEL as WECOM_BOT
from bot.adapters.wecom_robot import WeComRobotSender
from bot.clock import Clock
from bot.delivery import Delivery, Sleep, SlidingWindowLimiter
from bot.dispatch import Dispatcher, HandlerFailed, Router
from bot.message import Message, Reply
from bot.outbox import Outbox
from bot.render import Renderer
from bot.settings import Settings
from bot.text import WECOM_BOT_MARKDOWN_LIMIT, WECOM_TEXT_LIMIT, split_text
from bot.webhooks import configured_robots
from handlers import assessment, qa, reminders
from handlers import help as help_handlers
from handlers.context import Context
from knowledge.base import load_knowledge
from knowledge.schedule import load_schedule
from storage.db import make_engine, migrate
from storage.repos import GroupRepository, InboxEntry, InboxRepository, Repositories

log = logging.getLogger("bot.app")

TickJob = Callable[[Context], Awaitable[int]]  # sends through ctx.delivery; returns how many it sent


def routers() -> list[Router[Context]]:
    """Every handler module, in priority order (an active dialogue gets first say)."""
    return [reminders.router, assessment.router, help_handlers.router, qa.router]


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


def pieces(reply: Reply, limits: Mapping[str, int]) -> list[Reply]:
    """A reply split to its channel's byte limit, in order."""
    limit = limits.get(reply.channel, WECOM_TEXT_LIMIT)
    return [Reply(reply.channel, reply.chat_id, piece, reply.to) for piece in split_text(reply.text, limit)]


class InboxClaims:
    """Records messages in the inbox before they are handled; those arriving in the same turn of the
    event loop go in one transaction (a group commit).

    Under load several callbacks arrive at once, and one insert for all of them costs little more than
    one for a single message: the per-statement overhead, not the row, is what costs (performance notes).
    """

    def __init__(self, inbox: InboxRepository) -> None:
        self._inbox = inbox
        self._waiting: list[tuple[InboxEntry, asyncio.Future[bool]]] = []

    async def claim(self, msg: Message) -> bool:
        """False if the message was recorded before: a redelivery."""
        loop = asyncio.get_running_loop()
        claimed: asyncio.Future[bool] = loop.create_future()
        if not self._waiting:
            loop.call_soon(self._record)  # after the messages already due in this turn
        entry = InboxEntry(msg.channel, msg.id, msg.chat_id, msg.sender_id, msg.text, msg.received_at)
        self._waiting.append((entry, claimed))
        return await claimed

    def _record(self) -> None:
        batch, self._waiting = self._waiting, []
        try:
            recorded = self._inbox.claim_many([entry for entry, _ in batch])
        except Exception as error:
            for _, claimed in batch:
                if not claimed.done():
                    claimed.set_exception(error)
            return
        for (_, claimed), new in zip(batch, recorded, strict=True):
            if not claimed.done():  # its handler may have been cancelled meanwhile
                claimed.set_result(new)


RobotLookup = Callable[[str, str], str | None]  # (channel, chat id) -> the key of the chat's group robot


def robot_lookup(settings: Settings, groups: GroupRepository) -> RobotLookup:
    """A chat's group robot: the one a staff member attached with /机器人, else the one BOT_WECOM_ROBOTS names."""
    configured = configured_robots(settings.wecom_robots)

    def key_for(channel: str, chat_id: str) -> str | None:
        return groups.robot_key(channel, chat_id) or configured.get(chat_id)

    return key_for


class PushRoute:
    """Where pushes (reminders, broadcasts, their progress) go: the one rule, for every channel.

    A chat with a group robot gets its pushes through the robot, and any other chat through its channel's
    outbox. So a group bound in the console with a robot sees its reminders arrive at that robot (a fake one
    in tests), not on stdout; a WeCom group without a robot cannot be pushed to (the AI bot only answers).
    Answers to a message never come here: they go back the way the message came.
    """

    def __init__(self, robots: WeComRobotSender, key_for: RobotLookup, channels: Outbox) -> None:
        self._robots = robots
        self._key_for = key_for
        self._channels = channels

    def limit_for(self, reply: Reply) -> int:
        """Bytes of UTF-8 one push to this chat may carry."""
        if self._robots.limit == WECOM_TEXT_LIMIT:  # text robots take what channels take: no need to look
            return WECOM_TEXT_LIMIT
        has_robot = self._key_for(reply.channel, reply.chat_id) is not None
        return self._robots.limit if has_robot else WECOM_TEXT_LIMIT

    async def send(self, reply: Reply) -> None:
        key = self._key_for(reply.channel, reply.chat_id)
        if key is None:
            await self._channels.send(reply)
        else:
            await self._robots.post(key, reply.text, mention=reply.to)


@dataclass
class BotApp:
    """The running bot: messages in through `submit`, replies out through the outbox."""

    context: Context
    dispatcher: Dispatcher[Context]
    outbox: Outbox  # answers to messages; what the bot starts itself leaves through ctx.delivery
    robots: WeComRobotSender
    jobs: list[TickJob]
    background: BackgroundWork = field(default_factory=BackgroundWork)
    # channel -> bytes one message may carry, for answers to a message; longer texts are cut at
    # sentence ends. On WeCom the AI bot answers (markdown) while group robots push (Delivery's limits).
    answer_limits: Mapping[str, int] = field(default_factory=dict)
    _claims: InboxClaims = field(init=False)

    def __post_init__(self) -> None:
        self._claims = InboxClaims(self.context.repos.inbox)

    async def handle(self, msg: Message) -> list[Reply]:
        """Record the message (dropping a redelivery), route it, and split long replies."""
        repos = self.context.repos
        if not await self._claims.claim(msg):
            log.info("duplicate message dropped", extra={"msg_id": msg.id, "channel": msg.channel})
            return []
        try:
            replies = await self.dispatcher.dispatch(msg)
        except HandlerFailed as failure:
            repos.inbox.mark_failed(msg.channel, msg.id, "handler failed")
            replies = [failure.apology]
        return [piece for reply in replies for piece in pieces(reply, self.answer_limits)]

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

    async def close(self) -> None:
        """After the last push: the group robots' HTTP client."""
        await self.robots.close()

    async def run_ticker(self, seconds: float) -> None:
        """Tick forever on the real clock (serve, and the console without --now)."""
        while True:
            await asyncio.sleep(seconds)
            try:
                await self.tick()
            except Exception:
                log.exception("tick failed")


def build_app(
    settings: Settings,
    clock: Clock,
    outbox: Outbox,
    handler_routers: list[Router[Context]] | None = None,
    *,
    monotonic: Callable[[], float] = time.monotonic,
    sleep: Sleep = asyncio.sleep,
) -> BotApp:
    """The bot on `outbox` (each channel's way out); `monotonic` and `sleep` pace pushes (tests shrink time)."""
    engine = make_engine(settings.database_url)
    migrate(engine)
    kb = load_knowledge(settings.knowledge_dir)
    repos = Repositories.on(engine)
    background = BackgroundWork()
    robots = WeComRobotSender(settings.wecom_api_base, msgtype=settings.wecom_robot_msgtype)
    pushes = PushRoute(robots, robot_lookup(settings, repos.groups), outbox)
    delivery = Delivery(
        pushes,
        SlidingWindowLimiter(
            settings.send_rate_limit, settings.send_rate_window_seconds, monotonic=monotonic, sleep=sleep
        ),
        max_attempts=settings.send_max_attempts,
        backoff_base=settings.send_retry_base_seconds,
        backoff_max=settings.send_retry_max_seconds,
        sleep=sleep,
        limit_for=pushes.limit_for,
    )
    context = Context(
        clock=clock,
        repos=repos,
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
        robots=robots,
        jobs=tick_jobs(),
        background=background,
        answer_limits={WECOM_BOT: WECOM_BOT_MARKDOWN_LIMIT},
    )
