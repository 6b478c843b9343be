"""The conversation runtime: one way in (`submit`), a conversation's messages handled in order by whichever
worker takes its queue, each answer recorded before it is sent, and what a dead process left taken up."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import (
    AsyncIterator,
    Awaitable,
    Callable,
    Collection,
    Coroutine,
    Hashable,
    Mapping,
)
from contextlib import asynccontextmanager
from contextvars import ContextVar, copy_context
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, Generic, TypeVar, cast

from prometheus_client import Counter

from bot.clock import Clock
from bot.delivery import Delivery, Outcome, SendsUnderWay, Tally
from bot.dispatch import HandlerFailed
from bot.files import FileCarriage
from bot.inbox import (
    FAILED,
    PASSIVE,
    PENDING,
    SENDING,
    SENT,
    Conversation,
    HeldConversation,
    Inbox,
    InboxEntry,
    InboxWrites,
    RecordedAnswer,
    SendResult,
    Settlement,
)
from bot.message import Message, Reply
from bot.metrics import Metrics
from bot.outbox import Failure, SendFailure
from bot.settings import Settings
from bot.text import WECOM_TEXT_LIMIT, utf8_len

log = logging.getLogger("bot.runtime")

C = TypeVar("C")
T = TypeVar("T")
K = TypeVar("K", bound=Hashable)
TickJob = Callable[[], Awaitable[int]]  # a periodic job; returns how many messages it sent
# the moments in (after, until] at which a tick job has something to send (BotApp.falling_due)
DueTimes = Callable[[datetime, datetime], list[datetime]]
Dispatch = Callable[[Message], Awaitable[list[Reply]]]  # raises HandlerFailed with the apology
# What a dead process claimed or leased is taken up at once (the database tells who is alive, bot.inbox).
# A message of a live worker still queued this long after it arrived is taken up by the tick: its worker gave up.
STALLED_AFTER = timedelta(seconds=60)
# A pending answer belongs to the live worker that recorded it for this long (its sends, retries and backoff
# included); after that the tick takes it (a send that failed half-way).
ANSWER_LEASE = timedelta(minutes=10)
CUT_OFF_BY_A_CRASH = SendFailure(Failure.INTERRUPTED).encode()  # an answer left SENDING, as its row says
KEPT_HANDED_OVER = 10_000


def no_fault(step: str) -> None:
    """The fault-injection hook's default: `step` is "claimed", "recorded" or "sending"."""


class KeyedLock(Generic[K]):
    """One asyncio.Lock per key, alive while someone holds or waits for it; waiters are woken first-in
    first-out, so a key's work runs in arrival order."""

    def __init__(self) -> None:
        self._locks: dict[K, asyncio.Lock] = {}
        self._users: dict[K, int] = {}

    def busy(self, key: K) -> bool:
        return key in self._locks

    def alone(self, key: K) -> bool:
        """Entered once (by the caller) and free: the caller takes the lock without a wait."""
        return self._users.get(key) == 1 and not self._locks[key].locked()

    def enter(self, key: K) -> asyncio.Lock:
        """Counts as busy from now (before the lock is awaited); `leave` exactly once afterwards."""
        self._users[key] = self._users.get(key, 0) + 1
        return self._locks.setdefault(key, asyncio.Lock())

    def lock(self, key: K) -> asyncio.Lock:
        """The lock of a key already entered."""
        return self._locks[key]

    def leave(self, key: K) -> None:
        self._users[key] -= 1
        if not self._users[key]:
            del self._users[key], self._locks[key]

    @asynccontextmanager
    async def hold(self, key: K) -> AsyncIterator[None]:
        lock = self.enter(key)
        try:
            async with lock:
                yield
        finally:
            self.leave(key)


def run_eagerly(work: Coroutine[Any, Any, T]) -> T | asyncio.Task[T]:
    """`work` run in the caller's task (in a context of its own, as a task's) until it first waits on something:
    its result if it never does, else a task carrying it on from there. Python 3.12's eager task start, for one
    coroutine: what finishes at once costs no task and no turn of the event loop."""
    context = copy_context()
    try:
        waits_on = context.run(work.send, None)
    except StopIteration as done:
        return cast(T, done.value)
    task = asyncio.get_running_loop().create_task(_carry_on(work, waits_on), context=context)
    # a task cancelled before its first step never enters `_carry_on`: `work` is closed at its wait instead
    task.add_done_callback(lambda _: work.close(), context=context)
    return task


async def _carry_on(work: Coroutine[Any, Any, T], waits_on: Any) -> T:
    """Drive `work` on from the wait it began outside any task: await what it yielded (a future, or None for a
    bare yield), then resume it; it reads the future's outcome itself. Anything else raised here (this task
    cancelled before the future was done) is thrown into it."""
    while True:
        error: BaseException | None = None
        if waits_on is not None:
            waits_on._asyncio_future_blocking = False  # taken over, as a task takes what its coroutine yields
        try:
            await (asyncio.sleep(0) if waits_on is None else waits_on)
        except BaseException as raised:
            if waits_on is None or not waits_on.done():
                error = raised
        try:
            waits_on = work.send(None) if error is None else work.throw(error)
        except StopIteration as done:
            return cast(T, done.value)


# Work a handler starts while its message is being answered (a broadcast): held until the answer is out,
# so what the work says (its pushes, its report) comes after it.
_HELD: ContextVar[list[Awaitable[None]] | None] = ContextVar("held_background_work", default=None)


class _FailuresLogged:
    """`BackgroundWork.failures_logged`: a context manager that keeps no state, so one serves every use (a
    message's turn taken in its callback's task passes through one; a generator's would be built each time)."""

    def __init__(self, errors: Counter) -> None:
        self._errors = errors

    def __enter__(self) -> None:
        return None

    def __exit__(self, _kind: object, error: BaseException | None, _trace: object) -> bool:
        if error is None or not isinstance(error, Exception):
            return False
        log.error("background work failed", exc_info=error)
        self._errors.inc()
        return True


class _Holding:
    """`BackgroundWork.holding`, one per answer, without a generator."""

    def __enter__(self) -> list[Awaitable[None]]:
        held: list[Awaitable[None]] = []
        self._token = _HELD.set(held)
        return held

    def __exit__(self, *_exception: object) -> None:
        _HELD.reset(self._token)


class BackgroundWork:
    """Work started and not waited for (a message's turn, a broadcast going out); `drain` waits for all of
    it, `settle` only until it waits on a platform. Work started while a message is answered is held until
    its answer is out (`holding`)."""

    def __init__(self, sends: SendsUnderWay | None = None, metrics: Metrics | None = None) -> None:
        self._tasks: dict[asyncio.Task[None], Tally] = {}
        self._sends = sends or SendsUnderWay()
        self._failures_logged = _FailuresLogged((metrics or Metrics()).errors.labels("background"))

    def spawn(self, work: Awaitable[None]) -> None:
        held = _HELD.get()
        if held is not None:
            held.append(work)
            return
        tally = Tally()

        async def guarded() -> None:
            self._sends.count_into(tally)
            with self.failures_logged():
                await work

        task = asyncio.ensure_future(guarded())
        self._tasks[task] = tally
        task.add_done_callback(self._forget)

    def failures_logged(self) -> _FailuresLogged:
        """What fails inside is logged and counted, not raised: nobody waits for this work's outcome."""
        return self._failures_logged

    def _forget(self, task: asyncio.Task[None]) -> None:
        self._tasks.pop(task, None)

    def holding(self) -> _Holding:
        """Work spawned inside is held in the list yielded, for `start` once the answer is out."""
        return _Holding()

    def start(self, held: list[Awaitable[None]]) -> None:
        for work in held:
            self.spawn(work)

    async def drain(self) -> None:
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def settle(self) -> None:
        """Wait while each piece of work runs on its own, not once it has a send under way (waiting on a
        platform): what it does up to there (pushes to the console, a report) is out before this returns."""
        while True:
            generation = self._sends.generation
            running = [task for task, tally in self._tasks.items() if not tally.count and not task.done()]
            if not running:
                return
            begins = asyncio.ensure_future(self._sends.another_after(generation))
            try:
                await asyncio.wait([*running, begins], return_when=asyncio.FIRST_COMPLETED)
            finally:
                begins.cancel()


# _WorkedOut and _Recorded: one of each a message, so plain slotted ones (a frozen one's fields are set through
# object.__setattr__, ~2k instructions each)
@dataclass(slots=True)
class _WorkedOut:
    """A message's replies; why it failed, if a handler raised; the work its handlers started meanwhile."""

    replies: list[Reply]
    error: str | None
    held: list[Awaitable[None]]


@dataclass(slots=True)
class _Recorded:
    """A message's answers recorded with its settlement: those it still has to send."""

    unsent: list[RecordedAnswer]
    keys: set[tuple[str, str, int]]  # all its answers', under way (`_sending`) until the sends are over
    held: list[Awaitable[None]]  # its handlers' work, started once its answers are out


@dataclass
class _Waiting:
    """A caller waiting for a message's answer to return it in its own response."""

    answer: asyncio.Future[list[Reply]]
    passive_limit: int | None  # None: takes every reply (the console); else one reply of at most this
    later: list[Awaitable[None]] = field(default_factory=list)  # work to start once the caller has the answer
    promised: bool = False  # the answer is being recorded as the caller's response: it waits for it


class ConversationQueue:
    """A conversation's messages handled in the order the inbox recorded them, one at a time, by whichever
    worker gets there first; each one's answers recorded with its settlement and sent before the next.

    After recording a message its worker takes the conversation's turn: the in-process KeyedLock, then the
    database's lock for the conversation (a PostgreSQL advisory lock). Holding both it handles every message
    still queued in that conversation, oldest first, so a later message never overtakes an earlier one even
    if another worker received it. A worker that finds the conversation taken polls until it is free: by then
    the holder has usually handled its message too, and it finds nothing left. On SQLite one process serves:
    the in-process lock keeps the order and each message is handled by the turn its arrival started.
    """

    def __init__(
        self,
        inbox: Inbox,
        writes: InboxWrites,
        answer: Callable[[Message], Awaitable[tuple[list[Reply], str | None]]],
        deliver: Callable[[Reply], Awaitable[Outcome]],
        clock: Clock,
        background: BackgroundWork,
        fault: Callable[[str], None] = no_fault,
        at_most_once: Collection[str] = (),
        poll_seconds: float = 0.01,
        max_wait_seconds: float = 60.0,
        max_held: int = 8,
    ) -> None:
        self._inbox = inbox
        self._writes = writes
        self._answer = answer
        self._deliver = deliver
        self._clock = clock
        self._background = background
        self._fault = fault
        self._at_most_once = at_most_once
        self._poll_seconds = poll_seconds
        self._max_wait_seconds = max_wait_seconds
        # each held database lock keeps a pooled connection: fewer than the pool's size, always
        self._slots = asyncio.Semaphore(max_held)
        self._locks: KeyedLock[Conversation] = KeyedLock()
        self._waiting: dict[tuple[str, str], _Waiting] = {}
        self._arriving: set[tuple[str, str]] = set()  # messages whose own turn is on its way
        self._sending: set[tuple[str, str, int]] = set()  # answers recorded here and not yet sent
        # messages whose answer this process gave (or is giving) in their caller's response: a redelivery of
        # one gets nothing more
        self._handed: OrderedDict[tuple[str, str], None] = OrderedDict()

    def expect(self, msg: Message, passive_limit: int | None) -> _Waiting:
        """Where a message's answer goes if it can be the caller's own response (`forget` when done)."""
        waiting = _Waiting(asyncio.get_running_loop().create_future(), passive_limit)
        self._waiting[(msg.channel, msg.id)] = waiting
        return waiting

    def forget(self, msg: Message) -> None:
        """The caller stops waiting: answers not handed over by now go out actively."""
        waiting = self._waiting.pop((msg.channel, msg.id), None)
        if waiting is not None and not waiting.answer.done():
            waiting.answer.cancel()

    def busy(self, conversation: Conversation) -> bool:
        return self._locks.busy(conversation)

    def hand_over(self, msg: Message) -> None:
        """The message's answer goes (or went) back in its caller's response."""
        self._handed[(msg.channel, msg.id)] = None
        if len(self._handed) > KEPT_HANDED_OVER:
            self._handed.popitem(last=False)

    def handed_over(self, msg: Message) -> bool:
        return (msg.channel, msg.id) in self._handed

    def reserve(self, conversation: Conversation) -> None:
        """The conversation counts as busy from now (a message of it is being recorded): `turn(reserved=True)`
        or `release` follows."""
        self._locks.enter(conversation)

    def release(self, conversation: Conversation) -> None:
        self._locks.leave(conversation)

    def turn(
        self,
        conversation: Conversation,
        arrived: Message | None = None,
        wait: bool = True,
        reserved: bool = False,
    ) -> Awaitable[int]:
        """Handle the conversation's queued messages unless another worker is; how many it handled. The
        conversation counts as busy from this call on (or from `reserve`), before the turn runs.

        `wait`: poll (bounded) while another worker holds the conversation; else give up at once.
        """
        lock = self._locks.lock(conversation) if reserved else self._locks.enter(conversation)
        if arrived is not None:
            self._arriving.add((arrived.channel, arrived.id))
        return self._take_turn(conversation, lock, arrived, wait)

    async def _take_turn(
        self, conversation: Conversation, lock: asyncio.Lock, arrived: Message | None, wait: bool
    ) -> int:
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
            self._locks.leave(conversation)
            if arrived is not None:
                self._arriving.discard((arrived.channel, arrived.id))
                self._answered_elsewhere(arrived)

    def _answered_elsewhere(self, msg: Message) -> None:
        """The message was handled by another worker (its answers went out there): its caller need not wait."""
        waiting = self._waiting.get((msg.channel, msg.id))
        if waiting is not None and not waiting.answer.done():
            waiting.answer.set_result([])

    async def _handle_queued(self, held: HeldConversation, arrived: Message | None) -> int:
        if not self._inbox.shared:
            # One process serves this database: the in-process lock alone keeps the order, and a message
            # that arrived here is handled by its own turn (without reading the queue back).
            if arrived is not None:
                await self._handle(arrived)
                return 1
            entries = [InboxEntry(**row) for row in held.queued()]
            left = [e for e in entries if (e.channel, e.msg_id) not in self._arriving]
            for entry in left:
                await self._handle(entry.message())
            return len(left)
        handled = 0
        for _ in range(50):  # bounded: what is left waits for the next turn (or the tick)
            batch = [InboxEntry(**row) for row in held.queued()]
            if not batch:
                break
            for entry in batch:
                own = arrived is not None and arrived.id == entry.msg_id
                await self._handle(arrived if own and arrived is not None else entry.message())
                handled += 1
        return handled

    async def _handle(self, msg: Message) -> None:
        """Answer one message in its turn: its replies worked out, recorded with its settlement, the passive one
        handed to its caller, the others sent."""
        await self._send_recorded(await self._record(msg, await self._work_out(msg)))

    async def _work_out(self, msg: Message) -> _WorkedOut:
        with self._background.holding() as held:
            replies, error = await self._answer(msg)
        return _WorkedOut(replies, error, held)

    async def _record(self, msg: Message, worked_out: _WorkedOut) -> _Recorded:
        """Record the message's settlement with its answers and hand the passive one to its caller; the answers
        still to send."""
        replies, held = worked_out.replies, worked_out.held
        waiting = self._waiting.get((msg.channel, msg.id))
        passive = (
            _passive(msg, replies, waiting.passive_limit)
            if waiting is not None and not waiting.answer.done()
            else []
        )
        lease = self._clock.now() + ANSWER_LEASE if len(passive) < len(replies) else None
        handed_over = {id(reply) for reply in passive}
        answers = tuple(
            RecordedAnswer(msg.channel, msg.id, seq, reply, PASSIVE, None)
            if id(reply) in handed_over
            else RecordedAnswer(msg.channel, msg.id, seq, reply, PENDING, lease)
            for seq, reply in enumerate(replies)
        )
        keys = {_key(answer) for answer in answers}
        self._sending |= keys  # before they are recorded: nobody else takes them up as left behind
        if waiting is not None and passive:
            waiting.promised = True  # recorded as its response's: the caller waits for it past its budget
            self.hand_over(msg)
        try:
            await self._writes.settle(Settlement(msg.channel, msg.id, worked_out.error, answers))
            self._fault("recorded")
        except BaseException:
            if waiting is not None and not waiting.answer.done():
                waiting.answer.set_result([])  # it failed: the caller need not wait
            # its caller's response does not carry it (a caller cancelled here, as at a shutdown, took the turn
            # with it): a redelivery gets the answer if it was recorded
            self._handed.pop((msg.channel, msg.id), None)
            self._sending -= keys
            self._background.start(held)
            raise
        handed = waiting is not None and not waiting.answer.done()
        if waiting is not None and handed:
            if passive:
                waiting.later, held = held, []  # started by the caller, once it has the answer
            waiting.answer.set_result(passive)
        # passive ones too if their caller hung up meanwhile
        unsent = [answer for answer in answers if not (handed and answer.status == PASSIVE)]
        return _Recorded(unsent, keys, held)

    async def _send_recorded(self, recorded: _Recorded) -> None:
        try:
            for answer in recorded.unsent:
                await self._send(answer)
        finally:
            self._sent_all(recorded)

    def _sent_all(self, recorded: _Recorded) -> None:
        self._sending -= recorded.keys
        self._background.start(recorded.held)

    def idle(self, conversation: Conversation) -> bool:
        """Nothing of the conversation is under way here but the caller's reservation, and one process serves
        the database (the in-process lock is all a turn takes): `turn_here` may take its turn."""
        return not self._inbox.shared and self._locks.alone(conversation)

    async def turn_here(self, msg: Message) -> Awaitable[None] | None:
        """Take the turn of a message whose conversation is `idle`, in the caller's own task: no task of its own
        and no turn of the event loop spent waiting for one. What is left when its handler waits on something
        (whose answer the caller then awaits within its budget, as any turn's) or when answers go out actively
        is returned, to run in the background; None when the turn is over."""
        conversation = msg.conversation
        lock = self._locks.lock(conversation)
        await lock.acquire()  # free (`idle`): taken at once
        self._arriving.add((msg.channel, msg.id))
        try:
            worked_out = run_eagerly(self._work_out(msg))
            if isinstance(worked_out, asyncio.Task):
                return self._end_turn_after(msg, self._record_then_send(msg, worked_out))
            recorded = await self._record(msg, worked_out)
        except BaseException:
            self._end_turn(msg)
            raise
        if recorded.unsent:
            return self._end_turn_after(msg, self._send_recorded(recorded))
        self._sent_all(recorded)
        self._end_turn(msg)
        return None

    async def _record_then_send(self, msg: Message, working_out: Awaitable[_WorkedOut]) -> None:
        await self._send_recorded(await self._record(msg, await working_out))

    async def _end_turn_after(self, msg: Message, rest: Awaitable[None]) -> None:
        try:
            await rest
        finally:
            self._end_turn(msg)

    def _end_turn(self, msg: Message) -> None:
        self._locks.lock(msg.conversation).release()
        self._locks.leave(msg.conversation)
        self._arriving.discard((msg.channel, msg.id))
        self._answered_elsewhere(msg)

    async def send_left(self, answers: list[RecordedAnswer]) -> None:
        """Send answers recorded and never sent (taken up after a crash), except those under way here."""
        for answer in answers:
            if _key(answer) not in self._sending:
                self._sending.add(_key(answer))
                try:
                    await self._send(answer)
                finally:
                    self._sending.discard(_key(answer))

    def under_way(self, answer: RecordedAnswer) -> bool:
        return _key(answer) in self._sending

    async def _send(self, answer: RecordedAnswer) -> None:
        """Send one recorded answer and mark it sent (or failed for good). A pending answer (leased: what a
        restart takes up) to an at-most-once channel is marked SENDING first: a crash after the platform took
        it leaves it so, and it is not sent again."""
        self._fault("sending")
        if answer.reply.channel in self._at_most_once and answer.lease_until is not None:
            await self._writes.sent(SendResult(answer.channel, answer.msg_id, answer.seq, SENDING))
        outcome = await self._deliver(answer.reply)
        status = SENT if outcome.delivered else FAILED
        error = None if outcome.error is None else outcome.error.encode()  # SendFailure.decode reads it
        await self._writes.sent(SendResult(answer.channel, answer.msg_id, answer.seq, status, error))


def _out_of_time(waiting: _Waiting) -> None:
    """The caller's budget ran out: it stops waiting, unless the answer is being recorded as its response
    (then it waits for that, or for [] if that fails)."""
    if not waiting.promised and not waiting.answer.done():
        waiting.answer.set_result([])


def _key(answer: RecordedAnswer) -> tuple[str, str, int]:
    return (answer.channel, answer.msg_id, answer.seq)


def _own_texts(msg: Message, replies: list[Reply]) -> list[Reply]:
    """The text replies to the sender's chat (files go their own way, never in a passive reply)."""
    return [r for r in replies if r.file is None and (r.channel, r.chat_id) == (msg.channel, msg.chat_id)]


def _passive(msg: Message, replies: list[Reply], limit: int | None) -> list[Reply]:
    """The replies that go back in the caller's response: all of them for the console (`limit` None); else
    the one text reply to the sender's chat, if it is the only one and fits (a passive reply carries one
    text message). The others are sent actively."""
    if limit is None:
        return replies
    own = _own_texts(msg, replies)
    return own if len(own) == 1 and utf8_len(own[0].text) <= limit else []


def _joined(msg: Message, replies: list[Reply], limit: int) -> list[Reply]:
    """The texts to the sender's chat as one message, in the place of the first, when together they fit."""
    own = _own_texts(msg, replies)
    if len(own) < 2:
        return replies
    text = "\n\n".join(reply.text for reply in own)
    if utf8_len(text) > limit:
        return replies
    first = replies.index(own[0])
    rest = [reply for reply in replies if not any(reply is mine for mine in own)]
    return [*rest[:first], replace(own[0], text=text), *rest[first:]]


@dataclass
class BotApp(Generic[C]):
    """The running bot: messages in through `submit`, answers back in the caller's response or out through
    `answers`; what the handlers see is `context`."""

    context: C
    dispatch: Dispatch
    inbox: Inbox
    clock: Clock
    # Answers sent actively: back the way the message came, never through a group robot first,
    # rate-limited and retried like pushes (a channel that only answers falls back to the push route).
    answers: Delivery
    jobs: list[TickJob]
    due_times: DueTimes
    close_senders: Callable[[], Awaitable[None]]
    files: FileCarriage  # files in answers: sent where they can go, else said in a text
    settings: Settings
    background: BackgroundWork = field(default_factory=BackgroundWork)
    metrics: Metrics = field(default_factory=Metrics)
    # channel -> bytes one passive reply may carry (else WECOM_TEXT_LIMIT); a longer answer goes actively
    passive_limits: Mapping[str, int] = field(default_factory=dict)
    # channels that carry one message per answer (the AI bot): a message's texts to the sender's chat are
    # joined into one when they fit its passive limit
    one_message: Collection[str] = ()
    # channels whose answers are sent at most once: their way back after a restart has no duplicate check
    # (the AI bot's: a group robot), and an answer doubled in a group is worse than one lost, recorded, logged
    at_most_once: Collection[str] = ()
    inbox_retention: timedelta = timedelta(days=30)
    fault: Callable[[str], None] = no_fault  # fault injection for the crash tests
    _writes: InboxWrites = field(init=False)
    _queue: ConversationQueue = field(init=False)

    def __post_init__(self) -> None:
        self._writes = InboxWrites(self.inbox)
        self._queue = ConversationQueue(
            self.inbox,
            self._writes,
            self._answer,
            self._deliver,
            self.clock,
            self.background,
            lambda step: self.fault(step),
            self.at_most_once,
        )

    async def submit(
        self, msg: Message, answer_within: float | None = None, *, replay_key: str | None = None
    ) -> list[Reply]:
        """Record the message and have its conversation's turn answer it; the answer if it can go back in the
        caller's own response.

        `answer_within`: seconds the caller can wait; the answer is returned if by then it is ready and is one
        message to the sender's chat within the channel's passive limit, and sent actively otherwise. None:
        the caller waits for every reply and delivers them itself (the console). A redelivery returns its
        answer if it was recorded and never sent, else nothing. A message whose `replay_key` (e.g. a
        signature that does not cover the body) was recorded before is a redelivery too.
        """
        self._queue.reserve(msg.conversation)  # nobody takes it up as left behind while it is recorded
        try:
            claimed = await self._writes.claim(msg, replay_key)
            if claimed:
                self.fault("claimed")
        except BaseException:
            self._queue.release(msg.conversation)
            raise
        if not claimed:
            self._queue.release(msg.conversation)
            log.info("redelivered message", extra={"msg_id": msg.id, "channel": msg.channel})
            return await self._redelivered(msg, answer_within)
        self.metrics.of_channel(msg.channel).received += 1
        self.metrics.queued += 1  # until its turn is over
        return await self._start_turn(msg, msg, answer_within)

    async def _start_turn(
        self, msg: Message, arrived: Message | None, answer_within: float | None
    ) -> list[Reply]:
        own = arrived is not None
        limit = None if answer_within is None else self.passive_limits.get(msg.channel, WECOM_TEXT_LIMIT)
        # no time to wait (a budget of 0): every answer goes actively
        waiting = self._queue.expect(msg, limit) if answer_within is None or answer_within > 0 else None
        if own and waiting is not None and self._queue.idle(msg.conversation):
            # its turn taken in this task, as a turn in its own task would (a failure is logged, not raised)
            rest: Awaitable[None] | None = None
            with self.background.failures_logged():
                rest = await self._queue.turn_here(msg)
            if rest is None:
                self.metrics.queued -= 1
            else:
                self.spawn(self._counted(rest))
        else:
            turn = self._queue.turn(msg.conversation, arrived, wait=own, reserved=own)
            self.spawn(self._counted(turn) if own else _ignore_count(turn))
        if waiting is None:
            return []
        # one timer, not asyncio.wait's (a waiter future and callbacks on top, per message); none when the turn
        # taken here is over
        budget = (
            None
            if answer_within is None or waiting.answer.done()
            else waiting.answer.get_loop().call_later(answer_within, _out_of_time, waiting)
        )
        try:
            # the answer, or [] once the budget ran out before it was recorded as this response's
            return await waiting.answer
        finally:
            if budget is not None:
                budget.cancel()
            self._queue.forget(msg)  # from here on its answers go out actively
            # handed over, the caller writes the answer before it next yields: what the handlers started
            # (held for that) may go
            self.background.start(waiting.later)

    async def _counted(self, turn: Awaitable[object]) -> None:
        try:
            await turn
        finally:
            self.metrics.queued -= 1

    async def _redelivered(self, msg: Message, answer_within: float | None) -> list[Reply]:
        """A message recorded before. Still queued (its worker may have died): take its conversation's turn
        unless this process is at it. Answered passively by another run (the platform redelivers only when
        it did not get that response): the same answer again. Answered and not sent: send it."""
        state = self.inbox.state(msg.channel, msg.id)
        if state is None:  # a replay key recorded under another message id
            return []
        status, rows = state
        if status == "queued":
            if self._queue.busy(msg.conversation):
                return []
            return await self._start_turn(msg, None, answer_within)
        if not self._queue.handed_over(msg):
            again = [RecordedAnswer.from_row(row) for row in rows if row["status"] == PASSIVE]
            if again and answer_within is not None:
                self._queue.hand_over(msg)
                return [answer.reply for answer in again]
            self.spawn(self._queue.send_left(again))
        if not any(row["status"] == PENDING for row in rows):
            return []
        now = self.clock.now()
        taken = self.inbox.take_unsent(now, now + ANSWER_LEASE, message=(msg.channel, msg.id))
        self.spawn(self._queue.send_left([RecordedAnswer.from_row(row) for row in taken]))
        return []

    async def _answer(self, msg: Message) -> tuple[list[Reply], str | None]:
        """A message's replies; and why it failed, if a handler raised."""
        counts = self.metrics.of_channel(msg.channel)
        # timed here: the histogram's own timer costs a context manager and an object a message
        started = time.perf_counter()
        try:
            replies, error = await self.dispatch(msg), None
        except HandlerFailed as failure:
            replies, error = [failure.apology], "handler failed"
            self.metrics.errors.labels("handler").inc()
        finally:
            counts.observe(time.perf_counter() - started)
        if replies:
            counts.answered += 1
        replies = [self.files.prepare(reply) for reply in replies]
        if msg.channel in self.one_message:
            replies = _joined(msg, replies, self.passive_limits.get(msg.channel, WECOM_TEXT_LIMIT))
        return replies, error

    async def _deliver(self, reply: Reply) -> Outcome:
        outcome = await self.answers.send(reply)
        if not outcome.delivered:
            self.metrics.errors.labels("answer_undelivered").inc()
            log.error(
                "answer not delivered",
                extra={"channel": reply.channel, "chat": reply.chat_id, "error": outcome.error},
            )
        return outcome

    def resume_stalled(self) -> None:
        """Take up what a dead process left (at once) or a live one gave up on: conversations whose messages
        wait, and answers recorded and never sent."""
        now = self.clock.now()
        for conversation in self.inbox.stalled(now - STALLED_AFTER):
            if not self._queue.busy(conversation):
                self.spawn(_ignore_count(self._queue.turn(conversation, wait=False)))
        for row in self.inbox.give_up_cut_off(now, CUT_OFF_BY_A_CRASH):
            self.metrics.errors.labels("answer_undelivered").inc()
            log.warning(
                "answer cut off by a crash: it may have arrived, and is not sent again",
                extra={"channel": row["reply_channel"], "chat": row["chat_id"], "msg_id": row["msg_id"]},
            )
        taken = self.inbox.take_unsent(now, now + ANSWER_LEASE)
        left = [RecordedAnswer.from_row(row) for row in taken]
        if left:
            log.warning("sending answers recorded and never sent", extra={"count": len(left)})
            self.spawn(self._queue.send_left(left))

    def falling_due(self, after: datetime, until: datetime) -> list[datetime]:
        return self.due_times(after, until)

    async def tick(self) -> int:
        """Run the periodic jobs once; returns how many messages they sent."""
        try:
            self.resume_stalled()
        except Exception:
            log.exception("resuming stalled conversations failed")
            self.metrics.errors.labels("tick").inc()
        try:
            self.inbox.forget_before(self.clock.now() - self.inbox_retention)
        except Exception:
            log.exception("deleting old inbox rows failed")
            self.metrics.errors.labels("tick").inc()
        sent = 0
        for job in self.jobs:
            try:
                sent += await job()
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
        """After the last send: the platform senders' HTTP clients, and this process's hold on what it
        claimed and leased."""
        try:
            await self.close_senders()
        finally:
            self.inbox.close()

    async def run_ticker(self, seconds: float) -> None:
        """Tick forever on the real clock (serve, and the console without --now)."""
        while True:
            await asyncio.sleep(seconds)
            try:
                await self.tick()
            except Exception:
                log.exception("tick failed")


async def _ignore_count(turn: Awaitable[int]) -> None:
    await turn
