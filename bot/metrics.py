"""What the running bot counts, for Prometheus: messages, answer latency, sends, reminders, queue, errors.

One registry per bot (not prometheus-client's global one), so that several bots in one process (tests)
count apart. Labels are few and fixed (channel, send status, error kind): never a chat or a user.
"""

from __future__ import annotations

import time
from bisect import bisect_left
from collections.abc import Iterator
from itertools import accumulate

from prometheus_client import CollectorRegistry, Counter, Gauge, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.metrics_core import CounterMetricFamily, HistogramMetricFamily, Metric
from prometheus_client.samples import Sample
from prometheus_client.utils import floatToGoString

CONTENT_TYPE = CONTENT_TYPE_LATEST
# seconds from a message's arrival at the dispatcher to its replies being ready
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
_BUCKET_NAMES = [*(floatToGoString(bound) for bound in LATENCY_BUCKETS), "+Inf"]
_RECEIVED = "Messages received (after de-duplication), by channel"
_ANSWERED = "Messages that got at least one reply, by channel"
_LATENCY = "Time to work out a message's replies (routing, handlers, rendering), by channel"


class ChannelMetrics:
    """What every message of one channel counts: plain numbers, read when scraped (`_MessageCounts`). Through
    prometheus-client's Counter and Histogram, each update took a lock and a few calls in Python, ~20k
    instructions a message (bench/bench_wecom_bot.py --instructions); the loop is the only writer."""

    __slots__ = ("_latencies", "answered", "created", "latency_sum", "received")

    def __init__(self) -> None:
        self.received = 0
        self.answered = 0
        self._latencies = [0] * (len(LATENCY_BUCKETS) + 1)  # per bucket, the last one +Inf
        self.latency_sum = 0.0
        self.created = time.time()

    def observe(self, seconds: float) -> None:
        """One message's answer latency (in the first bucket whose bound it does not exceed)."""
        self._latencies[bisect_left(LATENCY_BUCKETS, seconds)] += 1
        self.latency_sum += seconds

    def latency_buckets(self) -> list[tuple[str, float]]:
        """The cumulative counts Prometheus reads, by bucket name."""
        return list(zip(_BUCKET_NAMES, accumulate(self._latencies), strict=True))


class _MessageCounts:
    """The channels' message counts as prometheus-client's Counter and Histogram would expose them (a collector
    registered in their place): the same families, samples and creation times."""

    def __init__(self, channels: dict[str, ChannelMetrics]) -> None:
        self._channels = channels

    def collect(self) -> Iterator[Metric]:
        received = CounterMetricFamily("bot_messages_received", _RECEIVED, labels=["channel"])
        answered = CounterMetricFamily("bot_messages_answered", _ANSWERED, labels=["channel"])
        latency = HistogramMetricFamily("bot_answer_latency_seconds", _LATENCY, labels=["channel"])
        for channel, counts in self._channels.items():
            received.add_metric([channel], counts.received, created=counts.created)
            answered.add_metric([channel], counts.answered, created=counts.created)
            latency.add_metric([channel], counts.latency_buckets(), counts.latency_sum)
            latency.samples.append(Sample(f"{latency.name}_created", {"channel": channel}, counts.created))
        yield from (received, answered, latency)


class Metrics:
    def __init__(self) -> None:
        self._channels: dict[str, ChannelMetrics] = {}
        self.registry = CollectorRegistry(auto_describe=True)
        registry = self.registry
        registry.register(_MessageCounts(self._channels))
        self.sends = Counter(
            "bot_sends",
            "Messages sent through Delivery (pushes, later answers) by outcome: delivered, failed (refused"
            " for good), gave_up (transient failures until the last attempt), error (our sender crashed),"
            " retried (one transient failure, tried again)",
            ["channel", "status"],
            registry=registry,
        )
        self.reminders = Counter(
            "bot_reminder_deliveries", "Reminder messages the clock's jobs sent", registry=registry
        )
        self.queue_depth = Gauge(
            "bot_queue_depth",
            "Messages this process has received and not yet answered (waiting for their conversation's turn"
            " or being handled)",
            registry=registry,
        )
        # counted here and read when scraped: a gauge's inc and dec take its lock, twice per message
        self.queued = 0
        self.queue_depth.set_function(lambda: self.queued)
        self.errors = Counter(
            "bot_errors",
            "Failures logged with their traceback: handler, background (work started by a handler),"
            " tick (a clock job), answer_undelivered",
            ["kind"],
            registry=registry,
        )

    def of_channel(self, channel: str) -> ChannelMetrics:
        """The per-message counts of a channel (exposed from its first message on)."""
        found = self._channels.get(channel)
        if found is None:
            found = self._channels[channel] = ChannelMetrics()
        return found

    def exposition(self) -> bytes:
        """The registry in Prometheus' text format."""
        return generate_latest(self.registry)
