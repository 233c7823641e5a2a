"""Real-server fixtures: a worker running in this process, and a plain-redis producer."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import pytest
from redis.asyncio import Redis

from workers.app import Runtime, build_app
from workers.core.pipeline import Engines
from workers.settings import Settings

pytestmark = pytest.mark.redis


@pytest.fixture(scope="session")
def engines() -> Engines:
    """Language profiles and matchers, loaded once for the session."""
    return Engines.load()


WorkerFactory = Callable[..., AbstractAsyncContextManager[Runtime]]


@asynccontextmanager
async def running(settings: Settings, engines: Engines) -> AsyncIterator[Runtime]:
    """One worker in this process with exactly these settings and engines."""
    app, _broker, runtime = build_app(settings, engines=engines)
    await app.start()
    try:
        yield runtime
    finally:
        await app.stop()


def worker_env(settings: Settings, **extra: str) -> dict[str, str]:
    """What an operator exports for a worker or a CLI command: REDIS_URL and the names."""
    return {
        "REDIS_URL": settings.redis_url_value,
        "COOPSTREAM_INPUT_STREAM": settings.input_stream,
        "COOPSTREAM_ENRICHED_STREAM": settings.enriched_stream,
        "COOPSTREAM_EVENTS_STREAM": settings.events_stream,
        "COOPSTREAM_DEAD_STREAM": settings.dead_stream,
        "COOPSTREAM_KEY_PREFIX": settings.key_prefix,
        "COOPSTREAM_CONSUMER": settings.consumer,
        "COOPSTREAM_BLOCK_MS": "50",
        "COOPSTREAM_LOG_FORMAT": "json",
        **extra,
    }


@pytest.fixture
def worker(
    settings_factory: Callable[..., Settings], redis_url: str, engines: Engines
) -> WorkerFactory:
    """``async with worker(**overrides) as runtime:`` runs one worker against the real server."""

    def run(**overrides: Any) -> AbstractAsyncContextManager[Runtime]:
        return running(settings_factory(redis_url=redis_url, **overrides), engines)

    return run


async def xadd_json(client: Redis, stream: str, article: dict[str, Any]) -> str:
    """What a scraper in any language does: XADD with a `data` field holding the JSON."""
    entry = await client.xadd(stream, {"data": json.dumps(article, ensure_ascii=False)})
    return entry.decode()


async def wait_for_len(client: Redis, stream: str, count: int, timeout: float = 15.0) -> None:
    """Wait until ``stream`` holds at least ``count`` entries."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while await client.xlen(stream) < count:
        if loop.time() > deadline:
            got = await client.xlen(stream)
            pytest.fail(f"{stream} has {got} entries, expected {count} within {timeout}s")
        await asyncio.sleep(0.02)


async def read_group(
    client: Redis, stream: str, group: str, count: int, timeout: float = 15.0
) -> list[tuple[str, dict[bytes, bytes]]]:
    """What a downstream consumer in any language does: XREADGROUP from its own group."""
    try:
        await client.xgroup_create(stream, group, id="0", mkstream=True)
    except Exception as exc:
        if "BUSYGROUP" not in str(exc):
            raise
    got: list[tuple[str, dict[bytes, bytes]]] = []
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while len(got) < count and loop.time() < deadline:
        reply = await client.xreadgroup(group, "reader", {stream: ">"}, count=100, block=100)
        for _name, entries in reply:
            for entry_id, fields in entries:
                got.append((entry_id.decode(), fields))
                await client.xack(stream, group, entry_id)
    return got
