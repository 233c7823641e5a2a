"""The processor's failure accounting, on fakeredis."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import fakeredis
import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from workers.app import build_app, start_runtime
from workers.core.pipeline import Engines, Pipeline
from workers.processor import Entry, Processor
from workers.reclaim import Reclaimer
from workers.settings import Settings


@pytest.fixture(scope="module")
def engines() -> Engines:
    return Engines.load()


class BrokenRedisPipeline(Pipeline):
    """A pipeline whose index loses its Redis connection."""

    async def enrich(self, *args: Any, **kwargs: Any) -> Any:
        raise RedisConnectionError("connection lost")


async def processor_with(settings: Settings, engines: Engines, client: Any) -> Processor:
    _app, _broker, runtime = build_app(settings, client=client, engines=engines)
    await start_runtime(runtime)
    assert runtime.processor is not None
    return runtime.processor


async def test_transient_redis_error_is_not_counted_against_the_message(
    settings_factory: Callable[..., Settings],
    engines: Engines,
    article_factory: Callable[..., dict[str, Any]],
) -> None:
    """A lost connection leaves the entry pending for a retry; no failure is recorded."""
    settings = settings_factory()
    client: Any = fakeredis.FakeAsyncRedis()
    processor = await processor_with(settings, engines, client)
    processor.pipeline = BrokenRedisPipeline(engines)
    entry_id = (await client.xadd(settings.input_stream, {"x": "1"})).decode()
    fields = {b"data": json.dumps(article_factory()).encode()}
    with pytest.raises(RedisConnectionError):
        await processor.process([Entry(entry_id, fields)])
    assert await client.hget(processor.failures_key, entry_id) is None
    assert await client.xlen(settings.enriched_stream) == 0
    assert await client.xlen(settings.dead_stream) == 0


async def test_idle_consumers_owning_nothing_are_pruned(
    settings_factory: Callable[..., Settings], engines: Engines
) -> None:
    """Old consumer names of restarted processes leave the group; busy ones stay."""
    settings = settings_factory(claim_idle_ms=1)
    client: Any = fakeredis.FakeAsyncRedis()
    processor = await processor_with(settings, engines, client)
    await client.xadd(settings.input_stream, {"x": "1"})
    await client.xreadgroup(settings.group, "busy", {settings.input_stream: ">"})
    await client.xgroup_createconsumer(settings.input_stream, settings.group, "gone")
    reclaimer = Reclaimer(settings, client, processor)
    await asyncio.sleep(0.02)
    assert await reclaimer.prune_consumers(idle_ms=10) == ["gone"]
