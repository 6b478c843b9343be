"""The composition root: the only module that sees every layer. It builds the parts and connects them."""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from bot.adapters import wecom_api
from bot.adapters.channels import CONSOLE, MP, WECOM_APP, WECOM_BOT
from bot.adapters.wecom_robot import WeComRobotSender
from bot.clock import Clock
from bot.delivery import Delivery, SendsUnderWay, Sleep, SlidingWindowLimiter
from bot.dispatch import CommandWithoutWords, CommandWords, Dispatcher, Router
from bot.errors import UserError
from bot.files import ANY_SIZE, FileCarriage
from bot.metrics import Metrics
from bot.outbox import Outbox, RoutingOutbox
from bot.push import ElsePush, PlatformSenders, PushRoute
from bot.reachability import ChatReachability
from bot.render import Renderer
from bot.runtime import BackgroundWork, BotApp
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
from storage.repos import Repositories

log = logging.getLogger("bot.app")

TickJob = Callable[[Context], Awaitable[int]]  # sends through ctx.delivery; returns how many it sent
# channel -> bytes one answer may carry (else WECOM_TEXT_LIMIT): the AI bot answers in markdown
ANSWER_LIMITS: Mapping[str, int] = {WECOM_BOT: WECOM_BOT_MARKDOWN_LIMIT}
# Channels whose own way out carries files (path shown, app upload); elsewhere a chat's group robot (PushRoute)
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


def build_app(
    settings: Settings,
    clock: Clock,
    outbox: Outbox,
    handler_routers: list[Router[Context]] | None = None,
    *,
    command_words: Mapping[str, CommandWords] | None = None,
    answer_routes: Mapping[str, Outbox] | None = None,
    monotonic: Callable[[], float] = time.monotonic,
    sleep: Sleep = asyncio.sleep,
) -> BotApp[Context]:
    """The bot on a migrated database, with the configured app chats bound (StartupError if one cannot be,
    if BOT_STAFF names a county that does not exist, or if a command has no names in commands.yaml).

    `handler_routers` and `command_words` (what their commands are called, by key) replace the handlers and
    the knowledge's commands.yaml for tests that build their own; `outbox` takes what no platform sender built here takes (the console); `answer_routes` are the ways back
    of channels that only answer (the AI bot's response_urls), built by their server; `monotonic` and
    `sleep` pace sends (tests shrink time)."""
    engine = make_engine(settings.database_url)
    migrate(engine)
    kb = load_knowledge(settings.knowledge_dir, settings.templates_dir, settings.cache_dir)
    render = Renderer(settings.templates_dir, cache=settings.cache_dir, commands=kb.commands)
    repos = Repositories.on(engine)
    senders = platform_senders(settings, repos, clock)
    channels = RoutingOutbox(senders.routes, fallback=outbox)
    sends, metrics = SendsUnderWay(), Metrics()
    background = BackgroundWork(sends, metrics)
    robots = WeComRobotSender(settings.wecom_api_base, msgtype=settings.wecom_robot_msgtype)
    senders.closers.append(robots.close)
    # a chat's group robot: the one a staff member attached with /机器人, else the one BOT_WECOM_ROBOTS names
    reach = ChatReachability(repos.groups.robot_key, configured_robots(settings.wecom_robots), {WECOM_BOT})
    pushes = PushRoute(robots, reach.robot_key, channels)
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
    # Answers go back the channels' way; a channel that only answers has its own route, and the push route
    # when that has no way back. One limiter: a chat's window counts answers and pushes alike.
    only_answers = {channel: ElsePush(route, pushes) for channel, route in (answer_routes or {}).items()}
    answers = Delivery(
        RoutingOutbox(only_answers, fallback=channels),
        limiter,
        limit_for=lambda reply: ANSWER_LIMITS.get(reply.channel, WECOM_TEXT_LIMIT),
        **retries,
    )
    qa_answers = qa.Answers(kb, render)
    context = Context(
        clock=clock,
        repos=repos,
        kb=kb,
        render=render,
        answer=qa.answerer(
            qa_answers, kb.others_data.asked_for, settings.answer_cache_size, qa_answers.written
        ),
        config=HandlerConfig.of(settings),
        schedule=load_schedule(settings.schedule_file, settings.templates_dir, set(kb.sources)),
        delivery=delivery,
        answers=answers,
        reach=reach,
        spawn=background.spawn,
    )
    unknown_counties = [
        render("bot_words.j2", step="unknown_staff_county", user=user, county=county)
        for user, county in settings.staff.items()
        if county and kb.counties.match(county, by_sound=False) is None
    ]
    if unknown_counties:  # a typo there would lift the county limit of that staff member's commands
        raise StartupError(unknown_counties)
    bind_app_chats(context, settings)
    try:
        dispatcher = Dispatcher(
            handler_routers or routers(), context, repos.dialogues.get, render, command_words or kb.commands
        )
    except CommandWithoutWords as unnamed:
        raise StartupError([render("bot_words.j2", step="command_without_words", key=unnamed.key)]) from None
    return BotApp(
        context=context,
        dispatch=dispatcher.dispatch,
        inbox=repos.inbox,
        clock=clock,
        answers=answers,
        jobs=[functools.partial(job, context) for job in tick_jobs()],
        due_times=functools.partial(reminders.falling_due, context),
        files=FileCarriage(render, FILE_CHANNELS, pushes.file_limits),
        settings=settings,
        close_senders=senders.close,
        background=background,
        metrics=metrics,
        passive_limits=ANSWER_LIMITS,
        one_message={WECOM_BOT},  # its response_url is good for one message
        at_most_once={WECOM_BOT},  # after a restart its way back is a group robot, without a duplicate check
        inbox_retention=timedelta(days=settings.inbox_retention_days),
    )


def bind_app_chats(context: Context, settings: Settings) -> None:
    """The group chats the WeCom app created (BOT_WECOM_APP_CHATS) are bound as configured."""
    now = context.clock.now()
    problems: list[str] = []
    for chat_id, spec in settings.wecom_app_chats.items():
        try:
            reading, audience = parse_binding(spec, context)
        except UserError as error:
            problems.append(
                context.render("bot_words.j2", step="app_chat_problem", chat=chat_id, problem=error.text)
            )
            continue
        county = reading.county.name  # a setting is not confirmed: a close name is taken, as before
        if context.repos.groups.ensure(WECOM_APP, chat_id, county, audience, "BOT_WECOM_APP_CHATS", now):
            log.info("app chat bound", extra={"chat": chat_id, "county": county, "audience": audience})
    if problems:
        raise StartupError(problems)


def platform_senders(settings: Settings, repos: Repositories, clock: Clock) -> PlatformSenders:
    """The WeCom app's API and the Official Account's customer-service messages, when their credentials
    are set (group robots are the pushes' own route, see PushRoute). Access tokens are shared through the
    database."""
    senders = PlatformSenders()
    wecom_secret = settings.wecom_secret.get_secret_value()
    if settings.wecom_corp_id and settings.wecom_agent_id and wecom_secret:
        source = wecom_api.wecom_token_source(settings.wecom_corp_id, settings.wecom_agent_id, wecom_secret)
        api = wecom_api.ApiClient(settings.wecom_api_base, source, repos.tokens, clock, "wecom")
        senders.routes[WECOM_APP] = wecom_api.WeComAppSender(
            api, settings.wecom_agent_id, settings.wecom_app_chats
        )
        senders.closers.append(api.close)
    mp_secret = settings.mp_app_secret.get_secret_value()
    if settings.mp_app_id and mp_secret:
        from bot.adapters import official  # wechatpy's parsers only when the Official Account is configured

        source = official.mp_token_source(settings.mp_app_id, mp_secret)
        api = wecom_api.ApiClient(settings.mp_api_base, source, repos.tokens, clock, "mp")

        def last_heard(openid: str) -> datetime | None:
            return repos.inbox.last_heard_privately(MP, openid)

        senders.routes[MP] = official.CustomerServiceSender(api, clock, last_heard)
        senders.closers.append(api.close)
    return senders
