"""What the running bot counts, for Prometheus: messages, answer latency, sends, reminders, queue, errors.

One registry per bot (not prometheus-client's global one), so that several bots in one process (tests)
count apart. Labels are few and fixed (channel, send status, error kind): never a chat or a user.
"""

from __future__ import annotations

from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

CONTENT_TYPE = CONTENT_TYPE_LATEST
# seconds from a message's arrival at the dispatcher to its replies being ready
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)


@dataclass(frozen=True, slots=True)
class ChannelMetrics:
    """What every message of one channel counts, its labels looked up once."""

    received: Counter
    answered: Counter
    latency: Histogram


class Metrics:
    def __init__(self) -> None:
        self._channels: dict[str, ChannelMetrics] = {}
        self.registry = CollectorRegistry(auto_describe=True)
        registry = self.registry
        self.received = Counter(
            "bot_messages_received",
            "Messages received (after de-duplication), by channel",
            ["channel"],
            registry=registry,
        )
        self.answered = Counter(
            "bot_messages_answered",
            "Messages that got at least one reply, by channel",
            ["channel"],
            registry=registry,
        )
        self.latency = Histogram(
            "bot_answer_latency_seconds",
            "Time to work out a message's replies (routing, handlers, rendering), by channel",
            ["channel"],
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
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
        """The per-message metrics of a channel: `labels()` on every message cost more than the counting."""
        found = self._channels.get(channel)
        if found is None:
            found = ChannelMetrics(
                self.received.labels(channel), self.answered.labels(channel), self.latency.labels(channel)
            )
            self._channels[channel] = found
        return found

    def exposition(self) -> bytes:
        """The registry in Prometheus' text format."""
        return generate_latest(self.registry)
