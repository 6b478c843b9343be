"""/metrics in Prometheus' format: messages received and answered per channel, answer latency, sends per
status, reminder deliveries, queue depth and errors; loopback or the token only."""

from __future__ import annotations

from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient, TestServer
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.parser import text_string_to_metric_families
from pydantic import SecretStr

from bot.app import routers
from bot.dispatch import Router
from bot.message import Message, Reply
from bot.metrics import LATENCY_BUCKETS, Metrics
from bot.server import make_web_app
from bot.settings import Settings
from handlers.context import Context
from tests.harness import Harness, make_harness, own_commands

GROUP = "平山县企业群"
failing: Router[Context] = Router("failing")


@failing.command("出错")
async def fail(msg: Message, ctx: Context, args: str) -> list[Reply]:
    raise RuntimeError("a handler bug")


async def samples(response: ClientResponse) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/plain")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(await response.text())
        for sample in family.samples
    }


async def test_a_scrape_after_some_traffic_counts_it(settings: Settings) -> None:
    harness = make_harness(settings, [failing, *routers()], own_commands(failing))
    await harness.say("王科长", "/绑定 平山县", chat=GROUP, role="staff")
    await harness.say("张三", "申请名单什么时候交", chat=GROUP)
    await harness.say("李四", "/帮助", chat="李四")
    await harness.say("张三", "/出错", chat=GROUP)
    # the clock passes 7月16日12:00: the enterprise groups' reminder of the 17th's deadline goes out
    pushed = await harness.say("张三", "谢谢", chat=GROUP, time="2020-07-16T12:30")
    reminders = [reply for reply in pushed if reply.text.startswith("【截止提醒】")]
    assert len(reminders) == 1

    async with TestClient(TestServer(make_web_app(harness.app), host="127.0.0.1")) as client:
        found = await samples(await client.get("/metrics"))

    console = (("channel", "console"),)
    assert found[("bot_messages_received_total", console)] == 5
    assert found[("bot_messages_answered_total", console)] == 5  # the failing one gets the apology
    assert found[("bot_answer_latency_seconds_count", console)] == 5
    assert found[("bot_answer_latency_seconds_bucket", (*console, ("le", "+Inf")))] == 5
    assert found[("bot_sends_total", (("channel", "console"), ("status", "delivered")))] == 1
    assert found[("bot_reminder_deliveries_total", ())] == 1
    assert found[("bot_queue_depth", ())] == 0
    assert found[("bot_errors_total", (("kind", "handler"),))] == 1


async def test_metrics_are_refused_through_a_proxy_without_the_token(settings: Settings) -> None:
    harness = make_harness(settings.model_copy(update={"metrics_token": SecretStr("s3cret-token")}))
    async with TestClient(TestServer(make_web_app(harness.app), host="127.0.0.1")) as client:
        proxied = {"X-Forwarded-For": "203.0.113.9"}
        assert (await client.get("/metrics", headers=proxied)).status == 403
        wrong = {**proxied, "Authorization": "Bearer guessed"}
        assert (await client.get("/metrics", headers=wrong)).status == 403
        right = {**proxied, "Authorization": "Bearer s3cret-token"}
        assert "bot_messages_received_total" in (await (await client.get("/metrics", headers=right)).text())


async def test_without_a_token_only_a_direct_loopback_request_gets_metrics(harness: Harness) -> None:
    async with TestClient(TestServer(make_web_app(harness.app), host="127.0.0.1")) as client:
        assert (await client.get("/metrics")).status == 200
        assert (await client.get("/metrics", headers={"X-Real-IP": "203.0.113.9"})).status == 403
        empty = {"X-Forwarded-For": "203.0.113.9", "Authorization": "Bearer "}
        assert (await client.get("/metrics", headers=empty)).status == 403


def families(exposition: bytes) -> dict[tuple[str, str, tuple[tuple[str, str], ...]], float | None]:
    """Each sample by its family's name and type, its name and labels: its value, or None for a creation time."""
    return {
        (f"{family.name} {family.type}", sample.name, tuple(sorted(sample.labels.items()))): (
            None if sample.name.endswith("_created") else sample.value
        )
        for family in text_string_to_metric_families(exposition.decode())
        for sample in family.samples
    }


def test_a_messages_counts_read_as_prometheus_clients_own_metrics_would() -> None:
    ours, reference = Metrics(), CollectorRegistry()
    received = Counter("bot_messages_received", "-", ["channel"], registry=reference)
    answered = Counter("bot_messages_answered", "-", ["channel"], registry=reference)
    latency = Histogram(
        "bot_answer_latency_seconds", "-", ["channel"], buckets=LATENCY_BUCKETS, registry=reference
    )
    seen = {"console": [0.0004, 0.001, 0.0025, 0.003, 7.0], "wecom_bot": [0.05]}
    for channel, latencies in seen.items():
        counts = ours.of_channel(channel)
        for seconds in latencies:
            counts.received += 1
            received.labels(channel).inc()
            counts.observe(seconds)
            latency.labels(channel).observe(seconds)
        counts.answered += 1
        answered.labels(channel).inc()
    names = ("bot_messages_received", "bot_messages_answered", "bot_answer_latency_seconds")
    mine = {key: value for key, value in families(ours.exposition()).items() if key[0].startswith(names)}
    assert mine == families(generate_latest(reference))
