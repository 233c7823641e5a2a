"""Connections to Redis: retries for lost connections (never for refused credentials),
waiting for a server that is starting, and the consumer group created at id 0."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.exceptions import AuthenticationError, ResponseError

from workers.logs import get_logger
from workers.processor import TRANSIENT
from workers.settings import Settings

T = TypeVar("T")


class TransientRetry(Retry):
    """Retries lost connections with backoff, but never refused credentials."""

    async def call_with_retry(
        self,
        do: Callable[[], Awaitable[T]],
        fail: Callable[..., Any],
        is_retryable: Callable[[Exception], bool] | None = None,
        with_failure_count: bool = False,
    ) -> T:
        def retryable(error: Exception) -> bool:
            if isinstance(error, AuthenticationError):
                return False
            return is_retryable is None or is_retryable(error)

        return await super().call_with_retry(do, fail, retryable, with_failure_count)


def redis_client(settings: Settings) -> Redis:
    """A client that retries lost connections with backoff."""
    return Redis.from_url(
        settings.redis_url_value,
        retry=TransientRetry(ExponentialBackoff(cap=5.0, base=0.1), retries=8),
        retry_on_timeout=True,
        health_check_interval=15,
        socket_keepalive=True,
    )


async def wait_for_redis(client: Redis, settings: Settings) -> None:
    """Wait, with backoff, until the server answers (it may be starting or restarting)."""
    log = get_logger("coopstream.app")
    loop = asyncio.get_running_loop()
    deadline = loop.time() + settings.startup_timeout_s
    delay = 0.1
    while True:
        try:
            await client.ping()
            return
        except AuthenticationError:
            raise
        except TRANSIENT as exc:
            if loop.time() + delay > deadline:
                raise
            log.warning(
                "waiting_for_redis", redis=settings.redis_url_safe, error=type(exc).__name__
            )
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)


async def ensure_group(client: Redis, stream: str, group: str) -> bool:
    """Create the consumer group at id 0 (FastStream would create it at ``$`` and skip what
    scrapers pushed before the first start). True if it was created."""
    try:
        await client.xgroup_create(stream, group, id="0", mkstream=True)
    except ResponseError as exc:
        if "BUSYGROUP" not in str(exc):
            raise
        return False
    return True
