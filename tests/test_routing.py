"""The same routing test in memory (TestRedisBroker + fakeredis) and on a real server."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import fakeredis
import pytest
from faststream import TestApp
from faststream.redis import TestRedisBroker
from redis.asyncio import Redis

from schemas import DeadLetter, EnrichedArticle
from workers.app import build_app
from workers.core.pipeline import Engines
from workers.settings import Settings

Factory = Callable[..., dict[str, Any]]


@pytest.fixture(scope="module")
def engines() -> Engines:
    return Engines.load()


@asynccontextmanager
async def routed(
    settings: Settings, engines: Engines, *, real: bool, client: Redis
) -> AsyncIterator[Any]:
    app, broker, _runtime = build_app(settings, client=client, engines=engines)
    async with TestRedisBroker(broker, with_real=real) as test_broker, TestApp(app):
        yield test_broker


@pytest.fixture(
    params=[
        pytest.param(False, id="memory"),
        pytest.param(True, id="real", marks=pytest.mark.redis),
    ]
)
async def setup(
    request: pytest.FixtureRequest, settings_factory: Callable[..., Settings], engines: Engines
) -> AsyncIterator[tuple[Settings, Redis, bool]]:
    real: bool = request.param
    if real:
        url = request.getfixturevalue("redis_url")
        client: Redis = Redis.from_url(url)
        settings = settings_factory(redis_url=url)
    else:
        client = fakeredis.FakeAsyncRedis()
        settings = settings_factory()
    yield settings, client, real
    keys = [k async for k in client.scan_iter(match=f"{settings.key_prefix}*")]
    if keys:
        await client.delete(*keys)
    await client.aclose()


async def _wait_len(client: Redis, stream: str, n: int) -> None:
    import asyncio

    for _ in range(300):
        if await client.xlen(stream) >= n:
            return
        await asyncio.sleep(0.02)


class TestRouting:
    async def test_article_is_enriched_once(
        self, setup: tuple[Settings, Redis, bool], engines: Engines, article_factory: Factory
    ) -> None:
        """A published article produces exactly one enriched message."""
        settings, client, real = setup
        article = article_factory()
        async with routed(settings, engines, real=real, client=client) as broker:
            await broker.publish(article, stream=settings.input_stream)
            await _wait_len(client, settings.enriched_stream, 1)
        entries = await client.xrange(settings.enriched_stream)
        assert len(entries) == 1
        enriched = EnrichedArticle.model_validate_json(entries[0][1][b"data"])
        assert enriched.id == article["id"]
        assert enriched.language.code == "fr"

    async def test_bad_article_is_dead_lettered(
        self, setup: tuple[Settings, Redis, bool], engines: Engines
    ) -> None:
        """A message without text goes to the dead stream, not downstream."""
        settings, client, real = setup
        async with routed(settings, engines, real=real, client=client) as broker:
            await broker.publish({"title": "no text"}, stream=settings.input_stream)
            await _wait_len(client, settings.dead_stream, 1)
        dead = await client.xrange(settings.dead_stream)
        assert DeadLetter.model_validate_json(dead[0][1][b"data"]).reason == "missing_text"
        assert await client.xlen(settings.enriched_stream) == 0
