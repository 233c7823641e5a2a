"""Nothing lost, nothing doubled: reclaim, redelivery, poison, shutdown, reconnect."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError

from schemas import DeadLetter
from tests.integration.conftest import running, wait_for_len, worker_env, xadd_json
from workers.core.events import Extraction, Extractor
from workers.core.pipeline import Engines
from workers.embedded import EmbeddedServer
from workers.processor import Entry
from workers.settings import Settings

pytestmark = pytest.mark.redis
Factory = Callable[..., dict[str, Any]]
ROOT = Path(__file__).resolve().parents[2]


class PoisonExtractor(Extractor):
    """Fails on any text containing POISON, like a rule that trips on one article."""

    def __init__(self, inner: Extractor) -> None:
        self.inner = inner

    def extract(self, text: str, language: str, published_at: datetime | None) -> Extraction:
        if "POISON" in text:
            msg = "rule exploded on this article"
            raise ValueError(msg)
        return self.inner.extract(text, language, published_at)


async def enriched_ids(client: Redis, stream: str) -> list[str]:
    return [f[b"id"].decode() for _, f in await client.xrange(stream)]


class TestReclaim:
    async def test_entries_left_pending_by_a_dead_consumer_are_processed(
        self,
        settings_factory: Callable[..., Settings],
        redis_url: str,
        redis_client: Redis,
        engines: Engines,
        article_factory: Factory,
    ) -> None:
        """A consumer that read entries and died never acks; a live worker takes them over."""
        settings = settings_factory(redis_url=redis_url, claim_idle_ms=200)
        await redis_client.xgroup_create(settings.input_stream, settings.group, "0", mkstream=True)
        sent = [article_factory() for _ in range(5)]
        for article in sent:
            await xadd_json(redis_client, settings.input_stream, article)
        await redis_client.xreadgroup(settings.group, "ghost", {settings.input_stream: ">"})
        async with running(settings, engines):
            await wait_for_len(redis_client, settings.enriched_stream, 5)
            await asyncio.sleep(0.2)
            pending = await redis_client.xpending(settings.input_stream, settings.group)
        assert sorted(await enriched_ids(redis_client, settings.enriched_stream)) == sorted(
            a["id"] for a in sent
        )
        assert pending["pending"] == 0

    async def test_redelivered_entry_is_acknowledged_but_not_published_again(
        self, worker: Any, redis_client: Redis, article_factory: Factory
    ) -> None:
        """A crash between publish and ack means a redelivery: the output stays single."""
        article = article_factory()
        async with worker() as runtime:
            entry_id = await xadd_json(redis_client, runtime.settings.input_stream, article)
            await wait_for_len(redis_client, runtime.settings.enriched_stream, 1)
            fields = {b"data": json.dumps(article).encode()}
            again = await runtime.processor.process([Entry(entry_id, fields, 2)])
        assert again is not None
        assert (again.published, again.skipped, again.acked) == (0, 1, 0)
        assert await redis_client.xlen(runtime.settings.enriched_stream) == 1


class TestPoison:
    async def test_article_failing_every_time_is_dead_lettered_and_the_worker_goes_on(
        self,
        settings_factory: Callable[..., Settings],
        redis_url: str,
        redis_client: Redis,
        engines: Engines,
        article_factory: Factory,
    ) -> None:
        """After max_failures the entry goes to dead with the last error; others flow."""
        settings = settings_factory(
            redis_url=redis_url, max_failures=3, claim_idle_ms=50, claim_interval_ms=50
        )
        poisoned = Engines(engines.detector, PoisonExtractor(engines.extractor))
        bad = article_factory(text="POISON " * 20)
        good = article_factory()
        async with running(settings, poisoned):
            bad_entry = await xadd_json(redis_client, settings.input_stream, bad)
            await xadd_json(redis_client, settings.input_stream, good)
            await wait_for_len(redis_client, settings.dead_stream, 1)
            await wait_for_len(redis_client, settings.enriched_stream, 1)
        dead = await redis_client.xrange(settings.dead_stream)
        letter = DeadLetter.model_validate_json(dead[0][1][b"data"])
        assert (letter.reason, letter.entry_id) == ("processing_failed", bad_entry)
        assert letter.error is not None
        assert "rule exploded" in letter.error
        assert letter.delivery_count >= 3
        assert await enriched_ids(redis_client, settings.enriched_stream) == [good["id"]]
        pending = await redis_client.xpending(settings.input_stream, settings.group)
        assert pending["pending"] == 0


class TestShutdown:
    @pytest.mark.timeout(120)
    async def test_sigterm_acknowledges_in_flight_work_and_exits(
        self,
        settings_factory: Callable[..., Settings],
        redis_url: str,
        redis_client: Redis,
        article_factory: Factory,
        tmp_path: Path,
    ) -> None:
        """SIGTERM mid-stream: the worker exits 0 in bounded time with nothing pending;
        a second worker finishes the rest; every article is enriched exactly once."""
        settings = settings_factory(redis_url=redis_url)
        sent = [article_factory() for _ in range(300)]
        for article in sent:
            await xadd_json(redis_client, settings.input_stream, article)
        log = tmp_path / "worker.log"
        with log.open("wb") as sink:
            proc = subprocess.Popen(  # noqa: ASYNC220 - started once, returns at once
                [sys.executable, "-m", "workers.cli", "run"],
                env={**os.environ, **worker_env(settings, COOPSTREAM_BATCH_SIZE="16")},
                cwd=ROOT,
                stdout=sink,
                stderr=sink,
            )
        try:
            await wait_for_len(redis_client, settings.enriched_stream, 20, timeout=60)
            proc.send_signal(signal.SIGTERM)
            code = await asyncio.to_thread(proc.wait, 30)
        finally:
            if proc.poll() is None:
                proc.kill()
        assert code == 0, log.read_text()[-2000:]
        pending = await redis_client.xpending(settings.input_stream, settings.group)
        assert pending["pending"] == 0
        engines = Engines.load()
        async with running(settings.model_copy(update={"consumer": "second"}), engines):
            await wait_for_len(redis_client, settings.enriched_stream, 300, timeout=60)
        ids = await enriched_ids(redis_client, settings.enriched_stream)
        assert sorted(ids) == sorted(a["id"] for a in sent)


class TestReconnect:
    @pytest.mark.timeout(90)
    async def test_worker_resumes_when_redis_comes_back(
        self,
        settings_factory: Callable[..., Settings],
        engines: Engines,
        article_factory: Factory,
        tmp_path: Path,
    ) -> None:
        """Redis restarts (append-only): the worker keeps running and processes new input."""
        server = EmbeddedServer(data_dir=tmp_path / "valkey", appendonly=True)
        server.start()
        settings = settings_factory(redis_url=server.url)
        client = Redis.from_url(
            server.url,
            retry=Retry(ExponentialBackoff(), 6),
            retry_on_error=[RedisConnectionError],
        )
        try:
            async with running(settings, engines) as runtime:
                await xadd_json(client, settings.input_stream, article_factory())
                await wait_for_len(client, settings.enriched_stream, 1)
                server.stop()
                await asyncio.sleep(1.0)
                server.start()
                await xadd_json(client, settings.input_stream, article_factory())
                await wait_for_len(client, settings.enriched_stream, 2, timeout=40)
                assert runtime.processor is not None
                assert runtime.processor.ready
        finally:
            await client.aclose()
            server.cleanup()


class TestVolatileRedis:
    @pytest.mark.timeout(120)
    async def test_worker_recreates_the_group_after_a_restart_without_persistence(
        self,
        settings_factory: Callable[..., Settings],
        article_factory: Factory,
        tmp_path: Path,
    ) -> None:
        """Redis restarted with no data: the group is gone; `coopstream run` recreates it."""
        server = EmbeddedServer(data_dir=tmp_path / "valkey", appendonly=False)
        server.start()
        settings = settings_factory(redis_url=server.url)
        client = Redis.from_url(
            server.url, retry=Retry(ExponentialBackoff(), 6), retry_on_error=[RedisConnectionError]
        )
        log = tmp_path / "worker.log"
        with log.open("wb") as sink:
            proc = subprocess.Popen(  # noqa: ASYNC220 - started once, returns at once
                [sys.executable, "-m", "workers.cli", "run"],
                env={**os.environ, **worker_env(settings)},
                cwd=ROOT,
                stdout=sink,
                stderr=sink,
            )
        try:
            await xadd_json(client, settings.input_stream, article_factory())
            await wait_for_len(client, settings.enriched_stream, 1, timeout=60)
            server.stop()
            server.start()
            await asyncio.sleep(2.0)
            await xadd_json(client, settings.input_stream, article_factory())
            await wait_for_len(client, settings.enriched_stream, 1, timeout=60)
            proc.send_signal(signal.SIGTERM)
            code = await asyncio.to_thread(proc.wait, 30)
        finally:
            if proc.poll() is None:
                proc.kill()
            await client.aclose()
            server.cleanup()
        assert code == 0, log.read_text()[-3000:]
        assert "consumer_group_vanished_restarting" in log.read_text()
