"""Prometheus metrics of one worker, in a registry of its own (tests build several apps).

:class:`Metrics` is the processor's observer: it counts what each committed batch held (entries
received, enriched, dead-lettered by reason, duplicates, stories, published or skipped by the
outbox) and times the pipeline's stages. The consumer group's pending entries and lag are read
from ``XINFO GROUPS`` when the metrics are scraped, with a short timeout. FastStream's own
broker-level metrics (``faststream_*``: batches received, handler exceptions, messages in
process) land in the same registry through its Prometheus middleware — see :func:`middleware`.
"""

from __future__ import annotations

import asyncio
from typing import Any

from faststream.redis.prometheus import RedisPrometheusMiddleware
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from redis.asyncio import Redis
from redis.exceptions import ResponseError

from workers import __version__
from workers.outbox import Batch, CommitResult
from workers.processor import TRANSIENT
from workers.settings import Settings

STAGES = ("language", "events", "dedup")
STAGE_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
BATCH_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
SIZE_BUCKETS = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024)
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


def middleware(registry: CollectorRegistry) -> RedisPrometheusMiddleware:
    """FastStream's broker metrics in our registry: batches and entries received by the
    subscriber, handler exceptions by type and entries in process (outputs are published by
    the outbox script, not by FastStream, so its publish metrics stay empty)."""
    return RedisPrometheusMiddleware(registry=registry, app_name="coopstream")


class Metrics:
    """The worker's counters, histograms and gauges; also a :class:`BatchObserver`."""

    def __init__(self, settings: Settings, registry: CollectorRegistry | None = None) -> None:
        self.settings = settings
        self.registry = registry or CollectorRegistry(auto_describe=True)
        r = self.registry
        self.received = Counter(
            "coopstream_messages_received", "Entries the processor received.", registry=r
        )
        self.enriched = Counter(
            "coopstream_messages_enriched", "Articles enriched (duplicates included).", registry=r
        )
        self.dead = Counter(
            "coopstream_messages_dead", "Entries dead-lettered, by reason.", ["reason"], registry=r
        )
        self.duplicates = Counter(
            "coopstream_duplicates", "Articles found to copy an earlier one.", registry=r
        )
        self.stories = Counter(
            "coopstream_story_articles",
            "Articles in a story: `new` started one, `existing` joined a known one.",
            ["story"],
            registry=r,
        )
        self.events = Counter("coopstream_events", "Cooperation events extracted.", registry=r)
        self.outbox = Counter(
            "coopstream_outbox_articles",
            "Enriched articles committed: `published`, or `skipped` (already published: a "
            "redelivery).",
            ["outcome"],
            registry=r,
        )
        self.stage = Histogram(
            "coopstream_stage_seconds",
            "Time per article per pipeline stage.",
            ["stage"],
            buckets=STAGE_BUCKETS,
            registry=r,
        )
        self.batch = Histogram(
            "coopstream_batch_seconds",
            "Time per batch: parse, enrich, commit.",
            buckets=BATCH_BUCKETS,
            registry=r,
        )
        self.batch_size = Histogram(
            "coopstream_batch_entries",
            "Entries per committed batch.",
            buckets=SIZE_BUCKETS,
            registry=r,
        )
        self.pending = Gauge(
            "coopstream_group_pending", "Entries delivered, not yet acknowledged.", registry=r
        )
        self.lag = Gauge(
            "coopstream_group_lag", "Entries in the input stream not yet delivered.", registry=r
        )
        self.redis_up = Gauge(
            "coopstream_redis_up", "1 if Redis answered the last scrape in time.", registry=r
        )
        info = Gauge("coopstream_info", "The worker.", ["version", "consumer", "group"], registry=r)
        info.labels(__version__, settings.consumer, settings.group).set(1)
        for stage in STAGES:
            self.stage.labels(stage)
        for outcome in ("published", "skipped"):
            self.outbox.labels(outcome)

    def received_entries(self, count: int) -> None:
        """Entries handed to the processor (a redelivered entry counts again)."""
        self.received.inc(count)

    def committed(self, batch: Batch, result: CommitResult, elapsed_s: float) -> None:
        """What a committed batch held."""
        if elapsed_s > 0:  # dead letters of crashed entries are not timed
            self.batch.observe(elapsed_s)
        self.batch_size.observe(len(batch.ack_ids))
        self.outbox.labels("published").inc(result.published)
        self.outbox.labels("skipped").inc(result.skipped)
        for letter in batch.dead:
            self.dead.labels(letter.reason).inc()
        for item in batch.enrichments:
            self.enriched.inc()
            dedup = item.article.dedup
            self.events.inc(len(item.article.events))
            if dedup.duplicate_of:
                self.duplicates.inc()
            if dedup.story_id and dedup.story is not None:
                self.stories.labels("new" if dedup.story.articles <= 1 else "existing").inc()
            for stage, seconds in item.timings.items():
                self.stage.labels(stage).observe(seconds)

    async def refresh_group(self, client: Redis, timeout_s: float = 0.5) -> bool:
        """Read the group's pending count and lag (NaN when unknown); False if Redis did not
        answer within ``timeout_s``."""
        try:
            groups: Any = await asyncio.wait_for(
                client.xinfo_groups(self.settings.input_stream), timeout_s
            )
        except (TimeoutError, *TRANSIENT):
            self.redis_up.set(0)
            self.pending.set(float("nan"))
            self.lag.set(float("nan"))
            return False
        except ResponseError:  # no such stream yet: nothing pending
            groups = []
        self.redis_up.set(1)
        mine = [g for g in groups if _text(g.get("name")) == self.settings.group]
        pending = mine[0].get("pending") if mine else None
        lag = mine[0].get("lag") if mine else None
        self.pending.set(float(pending) if pending is not None else float("nan"))
        self.lag.set(float(lag) if lag is not None else float("nan"))
        return True

    async def exposition(self, client: Redis | None, timeout_s: float = 0.5) -> bytes:
        """The text format, group gauges refreshed first."""
        if client is not None:
            await self.refresh_group(client, timeout_s)
        return generate_latest(self.registry)


def _text(value: object) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)
