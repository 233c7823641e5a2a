"""Metrics scraped over HTTP from a running worker reconcile with what was sent."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from prometheus_client.parser import text_string_to_metric_families
from redis.asyncio import Redis

from tests.integration.conftest import WorkerFactory, wait_for_len, xadd_json
from workers.embedded import free_port

pytestmark = pytest.mark.redis


async def http_get(port: int, path: str) -> tuple[int, str]:
    """A plain HTTP/1.1 GET, as a scraper or a probe does it."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
    await writer.drain()
    raw = await reader.read()
    writer.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    return int(head.split(b" ")[1]), body.decode()


def unrelated_text() -> str:
    """A text no other article resembles (random words), so no duplicate is found."""
    return " ".join(uuid.uuid4().hex[:8] for _ in range(40))


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of an exposition, by name and sorted labels."""
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


async def scrape(port: int) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    status, body = await http_get(port, "/metrics")
    assert status == 200
    return samples(body)


class TestMetrics:
    async def test_received_equals_enriched_plus_dead(
        self,
        worker: WorkerFactory,
        redis_client: Redis,
        settings_factory: Callable[..., Any],
        article_factory: Callable[..., dict[str, Any]],
    ) -> None:
        """5 good articles, 1 exact repost and 2 bad entries: the counters say so."""
        port = free_port()
        async with worker(http_port=port) as runtime:
            stream = runtime.settings.input_stream
            first = article_factory(text=unrelated_text())
            for article in [first, *(article_factory(text=unrelated_text()) for _ in range(4))]:
                await xadd_json(redis_client, stream, article)
            await xadd_json(redis_client, stream, {**first, "id": "repost"})
            await redis_client.xadd(stream, {"data": "{not json"})
            await redis_client.xadd(stream, {"title": "no text"})
            await wait_for_len(redis_client, runtime.settings.enriched_stream, 6)
            await wait_for_len(redis_client, runtime.settings.dead_stream, 2)
            got = await scrape(port)
        received = got[("coopstream_messages_received_total", ())]
        enriched = got[("coopstream_messages_enriched_total", ())]
        dead = sum(v for (n, _), v in got.items() if n == "coopstream_messages_dead_total")
        assert (received, enriched, dead) == (8, 6, 2)
        assert got[("coopstream_messages_dead_total", (("reason", "invalid_json"),))] == 1
        assert got[("coopstream_messages_dead_total", (("reason", "missing_text"),))] == 1
        assert got[("coopstream_duplicates_total", ())] == 1
        assert got[("coopstream_outbox_articles_total", (("outcome", "published"),))] == 6

    async def test_a_backlog_waiting_at_start_up_is_processed_once(
        self,
        worker: WorkerFactory,
        redis_client: Redis,
        settings_factory: Callable[..., Any],
        redis_url: str,
        article_factory: Callable[..., dict[str, Any]],
    ) -> None:
        """Entries sent before the worker starts: each received once, one dead letter each."""
        settings = settings_factory(redis_url=redis_url)
        for _ in range(10):
            await xadd_json(
                redis_client, settings.input_stream, article_factory(text=unrelated_text())
            )
        for _ in range(3):
            await redis_client.xadd(settings.input_stream, {"data": "{not json"})
        port = free_port()
        async with worker(http_port=port) as runtime:
            await wait_for_len(redis_client, runtime.settings.enriched_stream, 10)
            await wait_for_len(redis_client, runtime.settings.dead_stream, 3)
            await asyncio.sleep(0.3)
            got = await scrape(port)
        assert got[("coopstream_messages_received_total", ())] == 13
        assert await redis_client.xlen(settings.dead_stream) == 3

    async def test_stage_latency_is_observed_per_stage(
        self,
        worker: WorkerFactory,
        redis_client: Redis,
        article_factory: Callable[..., dict[str, Any]],
    ) -> None:
        """Each of language, events and dedup has one observation per enriched article."""
        port = free_port()
        async with worker(http_port=port) as runtime:
            for _ in range(3):
                await xadd_json(redis_client, runtime.settings.input_stream, article_factory())
            await wait_for_len(redis_client, runtime.settings.enriched_stream, 3)
            got = await scrape(port)
        for stage in ("language", "events", "dedup"):
            assert got[("coopstream_stage_seconds_count", (("stage", stage),))] == 3

    async def test_reports_of_one_event_count_one_new_story(
        self,
        worker: WorkerFactory,
        redis_client: Redis,
        article_factory: Callable[..., dict[str, Any]],
    ) -> None:
        """Three reports of the same meeting: one story started, two articles joined it."""
        port = free_port()
        async with worker(http_port=port) as runtime:
            for _ in range(3):
                await xadd_json(redis_client, runtime.settings.input_stream, article_factory())
            await wait_for_len(redis_client, runtime.settings.enriched_stream, 3)
            got = await scrape(port)
        assert got[("coopstream_story_articles_total", (("story", "new"),))] == 1
        assert got[("coopstream_story_articles_total", (("story", "existing"),))] == 2

    async def test_group_pending_and_lag_are_read_at_scrape_time(
        self,
        worker: WorkerFactory,
        redis_client: Redis,
    ) -> None:
        """A drained group has nothing pending and no lag; Redis is reported up."""
        port = free_port()
        async with worker(http_port=port) as runtime:
            await xadd_json(redis_client, runtime.settings.input_stream, {"text": "x" * 50})
            await wait_for_len(redis_client, runtime.settings.enriched_stream, 1)
            await asyncio.sleep(0.1)
            got = await scrape(port)
        assert got[("coopstream_group_pending", ())] == 0
        assert got[("coopstream_group_lag", ())] == 0
        assert got[("coopstream_redis_up", ())] == 1

    async def test_faststream_middleware_counts_subscriber_deliveries(
        self,
        worker: WorkerFactory,
        redis_client: Redis,
        article_factory: Callable[..., dict[str, Any]],
    ) -> None:
        """FastStream's own counter sees the entries its subscriber delivered."""
        port = free_port()
        async with worker(http_port=port) as runtime:
            for _ in range(2):
                await xadd_json(redis_client, runtime.settings.input_stream, article_factory())
            await wait_for_len(redis_client, runtime.settings.enriched_stream, 2)
            got = await scrape(port)
        delivered = sum(v for (n, _), v in got.items() if n == "faststream_received_messages_total")
        assert delivered == 2
