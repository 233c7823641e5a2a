"""Shared fixtures: a real Redis-compatible server, unique stream names, article factories."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import ExitStack
from typing import Any

import pytest
import structlog
from redis import Redis
from redis.asyncio import Redis as AsyncRedis
from redis.exceptions import ConnectionError as RedisConnectionError

from workers.embedded import embedded_server
from workers.settings import Settings, load_settings

LOCAL_REDIS = "redis://127.0.0.1:6379/0"


def _answers(url: str) -> bool:
    try:
        client = Redis.from_url(url, socket_connect_timeout=0.5)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except RedisConnectionError:
        return False


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """A real server: COOPSTREAM_TEST_REDIS_URL, else the local one, else an embedded one on
    its own port. With COOPSTREAM_REQUIRE_REDIS=1 (CI) a missing server fails, never skips."""
    required = os.environ.get("COOPSTREAM_REQUIRE_REDIS") == "1"
    given = os.environ.get("COOPSTREAM_TEST_REDIS_URL")
    if given:
        if not _answers(given):
            pytest.fail(f"COOPSTREAM_TEST_REDIS_URL does not answer: {given}")
        yield given
        return
    if _answers(LOCAL_REDIS):
        yield LOCAL_REDIS
        return
    with ExitStack() as stack:
        try:
            url = stack.enter_context(embedded_server(appendonly=False))
        except Exception as exc:  # pragma: no cover - depends on the machine
            if required:
                pytest.fail(f"no Redis server and the embedded one did not start: {exc}")
            pytest.skip(f"no Redis server available: {exc}")
        yield url


@pytest.fixture
def namespace() -> str:
    """A unique prefix for every stream and key of one test."""
    return f"t-{uuid.uuid4().hex[:12]}"


def make_settings(namespace: str, redis_url: str | None = None, **overrides: Any) -> Settings:
    """Settings whose streams and keys all live under ``namespace``."""
    values: dict[str, Any] = {
        "redis_url": redis_url,
        "input_stream": f"{namespace}:articles:raw",
        "enriched_stream": f"{namespace}:articles:enriched",
        "events_stream": f"{namespace}:events:cooperation",
        "dead_stream": f"{namespace}:articles:dead",
        "key_prefix": namespace,
        "consumer": f"{namespace}-worker",
        "block_ms": 50,
        "claim_interval_ms": 100,
        "log_format": "json",
    }
    values.update(overrides)
    return load_settings(**values)


@pytest.fixture
def settings_factory(namespace: str) -> Callable[..., Settings]:
    """Build settings in this test's namespace (pass ``redis_url`` for real-server tests)."""

    def build(**overrides: Any) -> Settings:
        return make_settings(namespace, **overrides)

    return build


@pytest.fixture
async def redis_client(redis_url: str, namespace: str) -> AsyncIterator[AsyncRedis]:
    """A client of the real server; the test's keys are deleted afterwards."""
    client = AsyncRedis.from_url(redis_url)
    yield client
    keys = [key async for key in client.scan_iter(match=f"{namespace}*", count=1000)]
    if keys:
        await client.delete(*keys)
    await client.aclose()


@pytest.fixture
def article_factory() -> Callable[..., dict[str, Any]]:
    """Input articles as scrapers send them (a JSON object)."""
    counter = iter(range(1_000_000))

    def build(**fields: Any) -> dict[str, Any]:
        n = next(counter)
        article: dict[str, Any] = {
            "id": f"article-{n}-{uuid.uuid4().hex[:6]}",
            "text": f"La police espagnole et la police marocaine ont tenu une réunion n°{n} "
            "à Rabat pour renforcer la coopération contre le terrorisme.",
            "outlet": "example.org",
        }
        article.update(fields)
        return article

    return build


@pytest.fixture(autouse=True)
def _reset_structlog() -> Iterator[None]:
    """Each test starts with structlog's defaults."""
    structlog.reset_defaults()
    yield
    structlog.reset_defaults()
