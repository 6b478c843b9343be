"""The composition root: the only module that sees every layer."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from bot.adapters import official, wecom_api
from bot.adapters.console import CHANNEL as CONSOLE
from bot.adapters.official import CHANNEL as MP
from bot.adapters.wecom_app import CHANNEL as WECOM_APP
from bot.adapters.wecom_bot import CHANNEL as WECOM_BOT
from bot.adapters.wecom_robot import WeComRobotSender
from bot.clock import Clock
from bot.delivery import Delivery, SendsUnderWay, Sleep, SlidingWindowLimiter, Tally
from bot.dispatch import Dispatcher, HandlerFailed, Router
from bot.errors import UserError
from bot.files import ANY_SIZE, FileCarriage, FileLimits
from bot.message import ChatKind, Message, Reply, Role
from bot.metrics import Metrics
from bot.outbox import Outbox, RoutingOutbox
from bot.reachability import ChatReachability, RobotLookup
from bot.render import Renderer
from bot.settings import Settings
from bot.text import WECOM_BOT_MARKDOWN_LIMIT, WECOM_TEXT_LIMIT
from bot.webhooks import configured_robots
from handlers import assessment, qa, reminders, signin
from handlers import help as help_handlers
from handlers.context import Context, HandlerConfig
from handlers.reminders.groups import parse_binding
from knowledge.base import load_knowledge
from knowledge.schedule import load_schedule
from storage.db import make_engine, migrate
from storage.repos import (
    HeldConversation,
    InboxEntry,
    InboxRepository,
    Repositories,
    Settlement,
)

log = logging.getLogger("bot.app")

TickJob = Callable[[Context], Awaitable[int]]  # sends through ctx.delivery; returns how many it sent
Conversation = tuple[str, str, str]  # (channel, chat, sender): its messages are handled in order
# A message still queued this long after it arrived is taken up by the tick: its worker may have died.
STALLED_AFTER = timedelta(seconds=60)
# Channels whose own way out carries files: the console shows the file's path, the WeCom app uploads it. Any
# other chat gets a file through its group robot, if it has one (PushRoute).
FILE_CHANNELS = {CONSOLE: ANY_SIZE, WECOM_APP: wecom_api.WeComAppSender.file_limits}


class StartupError(Exception):
    """The configuration cannot work; the problems, in Chinese, are printed and the bot does not start."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def routers() -> list[Router[Context]]:
    """Every handler module, in priority order (an active dialogue gets first say)."""
    return [reminders.router, assessment.router, signin.router, help_handlers.router, qa.router]


def tick_jobs() -> list[TickJob]:
    """Jobs run on every tick of the clock (each minute, and whenever the simulated clock moves)."""
    return [reminders.send_due_reminders, assessment.forget_old_dialogues]


class BackgroundWork:
    """Work handlers start and do not wait for (a broadcast going out); `drain` waits for all of it,
    `settle` only until it waits on a platform."""

    def __init__(self, sends: SendsUnderWay | None = None, metrics: Metrics | None = None) -> None:
        self._tasks: dict[asyncio.Task[None], Tally] = {}
        self._sends = sends or SendsUnderWay()
        self._errors = (metrics or Metrics()).errors

    def spawn(self, work: Awaitable[None]) -> None:
        tally = Tally()

        async def guarded() -> None:
            self._sends.count_into(tally)
            try:
                await work
            except Exception:
                log.exception("background work failed")
                self._errors.labels("background").inc()

        task = asyncio.ensure_future(guarded())
        self._tasks[task] = tally
        task.add_done_callback(self._forget)

    def _forget(self, task: asyncio.Task[None]) -> None:
        self._tasks.pop(task, None)

    async def drain(self) -> None:
        while self._tasks:
            await asyncio.gather(*list(self._tasks))

    async def settle(self) -> None:
        """Wait while each piece of work runs on its own, not once it has a send under way (waiting on a
        platform): what it does up to there (pushes to the console, a report) is out before this returns."""
        while True:
            generation = self._sends.generation
            running = [task for task, tally in self._tasks.items() if not tally.count]
            if not running:
                return
            begins = asyncio.ensure_future(self._sends.another_after(generation))
            try:
                await asyncio.wait([*running, begins], return_when=asyncio.FIRST_COMPLETED)
            finally:
                begins.cancel()


def pieces(reply: Reply, limits: Mapping[str, int]) -> list[Reply]:
    """A reply split to its channel's byte limit, in order."""
    return reply.pieces(limits.get(reply.channel, WECOM_TEXT_LIMIT))


class InboxWrites:
    """Records messages in the inbox before they are handled, and settles queued messages once handled; what
    arrives in the same turn of the event loop goes in one transaction (a group commit).

    Under load several callbacks arrive at once, and one transaction for all of them costs little more than
    one for a single message: the commit and the per-statement overhead, not the row, are what cost
    (performance notes).
    """

    def __init__(self, inbox: InboxRepository) -> None:
        self._inbox = inbox
        self._claims: list[tuple[InboxEntry, asyncio.Future[bool]]] = []
        self._settles: list[tuple[Settlement, asyncio.Future[None]]] = []

    async def claim(self, msg: Message, queued: bool = False, replay_key: str | None = None) -> bool:
        """False if the message (or its `replay_key`) was recorded before: a redelivery. `queued`: it waits in
        its conversation's queue for whichever worker takes it (ConversationQueue)."""
        entry = InboxEntry(
            msg.channel,
            msg.id,
            msg.chat_id,
            msg.sender_id,
            msg.text,
            msg.received_at,
            chat_kind=msg.chat_kind.value,
            sender_name=msg.sender_name,
            role=msg.role.value,
            mentions_bot=msg.mentions_bot,
            status="queued" if queued else "received",
            replay_key=replay_key,
        )
        claimed: asyncio.Future[bool] = self._write_soon()
        self._claims.append((entry, claimed))
        return await claimed

    async def settle(self, msg: Message, error: str | None) -> None:
        """A queued message leaves its queue: handled, or failed with `error`."""
        settled: asyncio.Future[None] = self._write_soon()
        self._settles.append((Settlement(msg.channel, msg.id, error), settled))
        await settled

    def _write_soon(self) -> asyncio.Future[Any]:
        """A future for one more write of the coming transaction."""
        loop = asyncio.get_running_loop()
        if not self._claims and not self._settles:
            loop.call_soon(self._write)  # after the writes already due in this turn
        return loop.create_future()

    def _write(self) -> None:
        claims, self._claims = self._claims, []
        settles, self._settles = self._settles, []
        try:
            recorded = self._inbox.claim_many([entry for entry, _ in claims], [s for s, _ in settles])
        except Exception as error:
            if len(claims) + len(settles) > 1:
                self._write_one_by_one(claims, settles)  # one bad row must not cost the others theirs
                return
            waiting: list[asyncio.Future[Any]] = [future for _, future in claims]
            for future in [*waiting, *(future for _, future in settles)]:
                _resolve(future, error=error)
            return
        for (_, claimed), new in zip(claims, recorded, strict=True):
            _resolve(claimed, new)
        for _, settled in settles:
            _resolve(settled, None)

    def _write_one_by_one(
        self,
        claims: list[tuple[InboxEntry, asyncio.Future[bool]]],
        settles: list[tuple[Settlement, asyncio.Future[None]]],
    ) -> None:
        """After a failed group commit: each write in a transaction of its own, each failing alone."""
        for entry, claimed in claims:
            try:
                _resolve(claimed, self._inbox.claim_many([entry])[0])
            except Exception as error:
                _resolve(claimed, error=error)
        for settlement, settled in settles:
            try:
                self._inbox.claim_many([], [settlement])
            except Exception as error:
                _resolve(settled, error=error)
            else:
                _resolve(settled, None)


def _resolve(future: asyncio.Future[Any], result: Any = None, error: Exception | None = None) -> None:
    # a future may be done already: its handler was cancelled meanwhile
    if future.done():
        return
    if error is None:
        future.set_result(result)
    else:
        future.set_exception(error)


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

    def file_limits(self, channel: str, chat_id: str) -> FileLimits | None:
        """The files this chat's group robot takes; None without one."""
        return self._robots.file_limits if self._key_for(channel, chat_id) is not None else None

    async def send(self, reply: Reply) -> None:
        key = self._key_for(reply.channel, reply.chat_id)
        if key is None:
            await self._channels.send(reply)
        elif reply.file is not None:
            await self._robots.post_file(key, reply.file)
        else:
            await self._robots.post(key, reply.text, mention=reply.to)


def queued_message(entry: InboxEntry) -> Message:
    return Message(
        id=entry.msg_id,
        channel=entry.channel,
        chat_id=entry.chat_id,
        chat_kind=ChatKind(entry.chat_kind),
        sender_id=entry.sender_id,
        sender_name=entry.sender_name,
        role=Role(entry.role),
        text=entry.text,
        mentions_bot=entry.mentions_bot,
        received_at=entry.received_at,
    )


class ConversationQueue:
    """Messages of the channels that answer by active sending (WeCom app, Official Account), handled in the
    order the inbox recorded them, one conversation at a time, by whichever worker gets there first.

    After recording a message its worker takes the conversation's turn: an in-process lock (FIFO), then the
    database's lock for the conversation (a PostgreSQL advisory lock). Holding both it handles every message
    still queued in that conversation, oldest first, and sends each one's answers before the next, so a
    later message never overtakes an earlier one even if another worker received it. A worker that finds
    the conversation taken polls until it is free: by then the holder has usually handled its message too,
    and it finds nothing left. On SQLite one process serves: the in-process lock keeps the order and each
    message is handled by the turn its arrival started, without reading the queue back.
    """

    def __init__(
        self,
        inbox: InboxRepository,
        answer: Callable[[Message], Awaitable[tuple[list[Reply], str | None]]],
        settle: Callable[[Message, str | None], Awaitable[None]],
        send: Callable[[Reply], Awaitable[None]],
        poll_seconds: float = 0.01,
        max_wait_seconds: float = 60.0,
        max_held: int = 8,
    ) -> None:
        self._inbox = inbox
        self._answer = answer
        self._settle = settle
        self._send = send
        self._poll_seconds = poll_seconds
        self._max_wait_seconds = max_wait_seconds
        # each held database lock keeps a pooled connection: fewer than the pool's size, always
        self._slots = asyncio.Semaphore(max_held)
        self._locks: dict[Conversation, asyncio.Lock] = {}
        self._users: dict[Conversation, int] = {}
        self._waiting: dict[tuple[str, str], asyncio.Future[list[Reply]]] = {}

    def expect(self, msg: Message) -> asyncio.Future[list[Reply]]:
        """Where a message's answer goes if it can be the callback's own response (`forget` when done)."""
        answer: asyncio.Future[list[Reply]] = asyncio.get_running_loop().create_future()
        self._waiting[(msg.channel, msg.id)] = answer
        return answer

    def forget(self, msg: Message) -> None:
        """The callback stops waiting: answers not handed over by now go out through the outbox."""
        answer = self._waiting.pop((msg.channel, msg.id), None)
        if answer is not None and not answer.done():
            answer.cancel()

    def busy(self, conversation: Conversation) -> bool:
        return conversation in self._locks

    async def take_turn(
        self, conversation: Conversation, arrived: Message | None = None, wait: bool = True
    ) -> int:
        """Handle the conversation's queued messages unless another worker is; returns how many it handled.

        `wait`: poll (bounded) while another worker holds the conversation; else give up at once.
        """
        lock = self._locks.setdefault(conversation, asyncio.Lock())
        self._users[conversation] = self._users.get(conversation, 0) + 1
        try:
            async with lock:
                polls = max(1, int(self._max_wait_seconds / self._poll_seconds)) if wait else 1
                for _ in range(polls):
                    async with self._slots:
                        held = self._inbox.take_conversation(*conversation)
                        if held is not None:
                            try:
                                return await self._handle_queued(held, arrived)
                            finally:
                                held.release()
                    if wait:
                        await asyncio.sleep(self._poll_seconds)
                if wait:
                    log.warning(
                        "conversation held elsewhere too long; left for the tick",
                        extra={"chat": conversation[1]},
                    )
                return 0
        finally:
            self._users[conversation] -= 1
            if not self._users[conversation]:
                del self._users[conversation], self._locks[conversation]
            if arrived is not None:
                self._answered_elsewhere(arrived)

    def _answered_elsewhere(self, msg: Message) -> None:
        """The message was handled by another worker (its answers went out there): its callback need not wait."""
        waiting = self._waiting.get((msg.channel, msg.id))
        if waiting is not None and not waiting.done():
            waiting.set_result([])

    async def _handle_queued(self, held: HeldConversation, arrived: Message | None) -> int:
        if arrived is not None and not self._inbox.shared:
            # One process serves this database and recorded the message itself: the in-process lock alone
            # keeps the order, and no other worker can have queued anything in between.
            await self._handle(arrived)
            return 1
        handled = 0
        for _ in range(50):  # bounded: what is left waits for the next turn (or the tick)
            batch = held.queued()
            if not batch:
                break
            for entry in batch:
                own = arrived is not None and arrived.id == entry.msg_id
                await self._handle(arrived if own and arrived is not None else queued_message(entry))
                handled += 1
        return handled

    async def _handle(self, msg: Message) -> None:
        replies, error = await self._answer(msg)
        # settled before its answers go out: a crash in between loses them rather than doubling them
        await self._settle(msg, error)
        await self._deliver(msg, replies)

    async def _deliver(self, msg: Message, replies: list[Reply]) -> None:
        waiting = self._waiting.get((msg.channel, msg.id))
        if waiting is not None and not waiting.done():
            one_to_sender = len(replies) == 1 and (replies[0].channel, replies[0].chat_id) == (
                msg.channel,
                msg.chat_id,
            )
            if one_to_sender:
                waiting.set_result(replies)
                return
            waiting.set_result([])  # the callback answers at once; these go out through the outbox
        for reply in replies:
            await self._send(reply)


@dataclass
class BotApp:
    """The running bot: messages in through `submit`, replies out through the outbox."""

    settings: Settings
    context: Context
    dispatcher: Dispatcher[Context]
    outbox: Outbox  # answers to messages; what the bot starts itself leaves through ctx.delivery
    # Answers of the channels that send them actively (WeCom app, Official Account): back the way the
    # message came, never through a group robot, rate-limited and retried like pushes.
    answer_delivery: Delivery
    answer_routes: RoutingOutbox  # where answer_delivery sends, by channel (else through `outbox`)
    robots: WeComRobotSender
    jobs: list[TickJob]
    files: FileCarriage  # files in answers: sent where they can go, else said in a text
    background: BackgroundWork = field(default_factory=BackgroundWork)
    metrics: Metrics = field(default_factory=Metrics)
    # channel -> bytes one message may carry, for answers to a message; longer texts are cut at
    # sentence ends. On WeCom the AI bot answers (markdown) while group robots push (Delivery's limits).
    answer_limits: Mapping[str, int] = field(default_factory=dict)
    _inbox: InboxWrites = field(init=False)
    _queue: ConversationQueue = field(init=False)

    def __post_init__(self) -> None:
        self._inbox = InboxWrites(self.context.repos.inbox)
        self._queue = ConversationQueue(
            self.context.repos.inbox, self._answer, self._inbox.settle, self._send_answer
        )

    async def handle(self, msg: Message) -> list[Reply]:
        """Record the message (dropping a redelivery), route it, and split long replies."""
        repos = self.context.repos
        if not await self._inbox.claim(msg):
            log.info("duplicate message dropped", extra={"msg_id": msg.id, "channel": msg.channel})
            return []
        self._received(msg)
        try:
            replies, error = await self._answer(msg)
        finally:
            self.metrics.queue_depth.dec()
        if error:
            repos.inbox.mark_failed(msg.channel, msg.id, error)
        return replies

    async def submit(self, msg: Message) -> None:
        for reply in await self.handle(msg):
            await self.outbox.send(reply)

    async def enqueue(
        self, msg: Message, wait_seconds: float = 0.0, replay_key: str | None = None
    ) -> list[Reply]:
        """Record the message in its conversation's queue and take the conversation's turn in the background;
        the replies if they can go back in the callback's response within `wait_seconds` (see BotPort)."""
        if not await self._inbox.claim(msg, queued=True, replay_key=replay_key):
            log.info("duplicate message dropped", extra={"msg_id": msg.id, "channel": msg.channel})
            return []
        self._received(msg)
        answer = self._queue.expect(msg) if wait_seconds > 0 else None
        self.spawn(self._take_turn(msg))
        if answer is None:
            return []
        try:
            await asyncio.wait((answer,), timeout=wait_seconds)
        finally:
            self._queue.forget(msg)  # from here on its answers go out through the outbox
        return answer.result() if answer.done() and not answer.cancelled() else []

    def _received(self, msg: Message) -> None:
        self.metrics.received.labels(msg.channel).inc()
        self.metrics.queue_depth.inc()  # until answered: `handle` or the turn `enqueue` started

    async def _take_turn(self, msg: Message) -> None:
        try:
            await self._queue.take_turn(msg.conversation, msg)
        finally:
            self.metrics.queue_depth.dec()

    async def _answer(self, msg: Message) -> tuple[list[Reply], str | None]:
        """A message's replies, split; and why it failed, if a handler raised."""
        with self.metrics.latency.labels(msg.channel).time():
            try:
                replies, error = await self.dispatcher.dispatch(msg), None
            except HandlerFailed as failure:
                replies, error = [failure.apology], "handler failed"
                self.metrics.errors.labels("handler").inc()
        if replies:
            self.metrics.answered.labels(msg.channel).inc()
        replies = [self.files.prepare(reply) for reply in replies]
        return [piece for reply in replies for piece in pieces(reply, self.answer_limits)], error

    async def _send_answer(self, reply: Reply) -> None:
        outcome = await self.answer_delivery.send(reply)
        if not outcome.delivered:
            self.metrics.errors.labels("answer_undelivered").inc()
            log.error(
                "answer not delivered",
                extra={"channel": reply.channel, "chat": reply.chat_id, "error": outcome.error},
            )

    def resume_stalled(self) -> None:
        """Take up conversations whose messages have waited too long (a worker died after recording them)."""
        stalled_since = self.context.clock.now() - STALLED_AFTER
        for conversation in self.context.repos.inbox.stalled(stalled_since):
            if not self._queue.busy(conversation):
                self.spawn(self._queue.take_turn(conversation, wait=False))

    async def tick(self) -> int:
        """Run the periodic jobs once; returns how many messages they sent."""
        try:
            self.resume_stalled()
        except Exception:
            log.exception("resuming stalled conversations failed")
            self.metrics.errors.labels("tick").inc()
        sent = 0
        for job in self.jobs:
            try:
                sent += await job(self.context)
            except Exception:
                log.exception("tick job failed", extra={"job": getattr(job, "__name__", repr(job))})
                self.metrics.errors.labels("tick").inc()
        self.metrics.reminders.inc(sent)
        return sent

    def spawn(self, work: Awaitable[None]) -> None:
        """Background work that `drain` waits for (e.g. a broadcast going out)."""
        self.background.spawn(work)

    async def drain(self) -> None:
        await self.background.drain()

    async def settle(self) -> None:
        await self.background.settle()

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
    """The bot on a migrated database, with the configured app chats bound (StartupError if one cannot be,
    or if BOT_STAFF names a county that does not exist).

    `outbox` is each channel's way out; `monotonic` and `sleep` pace pushes (tests shrink time)."""
    engine = make_engine(settings.database_url)
    migrate(engine)
    kb = load_knowledge(settings.knowledge_dir)
    render = Renderer(settings.templates_dir)
    repos = Repositories.on(engine)
    sends = SendsUnderWay()
    metrics = Metrics()
    background = BackgroundWork(sends, metrics)
    robots = WeComRobotSender(settings.wecom_api_base, msgtype=settings.wecom_robot_msgtype)
    # a chat's group robot: the one a staff member attached with /机器人, else the one BOT_WECOM_ROBOTS names
    reach = ChatReachability(repos.groups.robot_key, configured_robots(settings.wecom_robots), {WECOM_BOT})
    pushes = PushRoute(robots, reach.robot_key, outbox)
    limiter = SlidingWindowLimiter(
        settings.send_rate_limit, settings.send_rate_window_seconds, monotonic=monotonic, sleep=sleep
    )
    retries: dict[str, Any] = {
        "max_attempts": settings.send_max_attempts,
        "backoff_base": settings.send_retry_base_seconds,
        "backoff_max": settings.send_retry_max_seconds,
        "sleep": sleep,
        "under_way": sends,
        "metrics": metrics,
    }
    delivery = Delivery(pushes, limiter, limit_for=pushes.limit_for, **retries)
    # Later answers go the channels' way; a channel that only answers (the WeCom AI bot) adds its own route
    # here, which pushes never take. One limiter: a chat's window counts answers and pushes alike.
    answer_routes = RoutingOutbox({}, fallback=outbox)
    answers = Delivery(answer_routes, limiter, **retries)
    context = Context(
        clock=clock,
        repos=repos,
        kb=kb,
        render=render,
        answer=qa.answerer(kb, render, settings.answer_cache_size),
        config=HandlerConfig.of(settings),
        schedule=load_schedule(settings.schedule_file, set(kb.sources)),
        delivery=delivery,
        answers=answers,
        reach=reach,
        spawn=background.spawn,
    )
    unknown_counties = [
        render("bot_words.j2", step="unknown_staff_county", user=user, county=county)
        for user, county in settings.staff.items()
        if county and kb.counties.match(county) is None
    ]
    if unknown_counties:  # a typo there would lift the county limit of that staff member's commands
        raise StartupError(unknown_counties)
    bind_app_chats(context, settings)
    return BotApp(
        settings=settings,
        context=context,
        dispatcher=Dispatcher(handler_routers or routers(), context, repos.dialogues.get, render),
        outbox=outbox,
        answer_delivery=answers,
        answer_routes=answer_routes,
        robots=robots,
        jobs=tick_jobs(),
        files=FileCarriage(render, FILE_CHANNELS, pushes.file_limits),
        background=background,
        metrics=metrics,
        answer_limits={WECOM_BOT: WECOM_BOT_MARKDOWN_LIMIT},
    )


def bind_app_chats(context: Context, settings: Settings) -> None:
    """The group chats the WeCom app created (BOT_WECOM_APP_CHATS) are bound as configured."""
    now = context.clock.now()
    problems: list[str] = []
    for chat_id, spec in settings.wecom_app_chats.items():
        try:
            county, audience = parse_binding(spec, context)
        except UserError as error:
            problems.append(
                context.render("bot_words.j2", step="app_chat_problem", chat=chat_id, problem=error.text)
            )
            continue
        if context.repos.groups.ensure(WECOM_APP, chat_id, county.name, audience, "BOT_WECOM_APP_CHATS", now):
            log.info("app chat bound", extra={"chat": chat_id, "county": county.name, "audience": audience})
    if problems:
        raise StartupError(problems)


@dataclass
class PlatformSenders:
    """The outboxes that reach the platforms, by channel, and what closes their HTTP clients."""

    routes: dict[str, Outbox]
    closers: list[Callable[[], Awaitable[None]]]

    async def close(self) -> None:
        for close in self.closers:
            await close()


def platform_senders(settings: Settings, repos: Repositories, clock: Clock) -> PlatformSenders:
    """The WeCom app's API and the Official Account's customer-service messages, when their credentials
    are set (group robots are the pushes' own route, see PushRoute). Access tokens are shared through the
    database."""
    routes: dict[str, Outbox] = {}
    closers: list[Callable[[], Awaitable[None]]] = []
    wecom_secret = settings.wecom_secret.get_secret_value()
    if settings.wecom_corp_id and settings.wecom_agent_id and wecom_secret:
        source = wecom_api.wecom_token_source(settings.wecom_corp_id, settings.wecom_agent_id, wecom_secret)
        api = wecom_api.ApiClient(settings.wecom_api_base, source, repos.tokens, clock, "wecom")
        routes[WECOM_APP] = wecom_api.WeComAppSender(api, settings.wecom_agent_id, settings.wecom_app_chats)
        closers.append(api.close)
    mp_secret = settings.mp_app_secret.get_secret_value()
    if settings.mp_app_id and mp_secret:
        source = official.mp_token_source(settings.mp_app_id, mp_secret)
        api = wecom_api.ApiClient(settings.mp_api_base, source, repos.tokens, clock, "mp")

        def last_heard(openid: str) -> datetime | None:
            return repos.inbox.last_received(MP, openid, openid)

        routes[MP] = official.CustomerServiceSender(api, clock, last_heard)
        closers.append(api.close)
    return PlatformSenders(routes, closers)
