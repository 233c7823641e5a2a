"""Health and readiness over HTTP, against a worker running in this process."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterator

import pytest

from tests.integration.conftest import WorkerFactory, running
from tests.integration.test_metrics import http_get
from workers.core.pipeline import Engines
from workers.embedded import EmbeddedServer, free_port
from workers.settings import Settings

pytestmark = pytest.mark.redis


async def wait_for_status(
    port: int, path: str, status: int, timeout: float = 20.0
) -> dict[str, bool]:
    """Poll ``path`` until it answers ``status``; its JSON body."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    last: tuple[int, str] = (0, "")
    while loop.time() < deadline:
        last = await http_get(port, path)
        if last[0] == status:
            return dict(json.loads(last[1]))
        await asyncio.sleep(0.1)
    pytest.fail(f"{path} answered {last} for {timeout}s, expected {status}")


@pytest.fixture
def own_server() -> Iterator[EmbeddedServer]:
    """A throwaway server on its own port, which the test may stop and start again (append-only,
    as in production, so the consumer group survives the restart)."""
    server = EmbeddedServer(appendonly=True)
    server.start()
    yield server
    server.cleanup()


class TestHealth:
    async def test_healthz_answers_while_running(self, worker: WorkerFactory) -> None:
        port = free_port()
        async with worker(http_port=port):
            assert await wait_for_status(port, "/healthz", 200) == {"status": "alive"}

    async def test_readyz_is_200_when_connected_and_subscribed(self, worker: WorkerFactory) -> None:
        port = free_port()
        async with worker(http_port=port):
            body = await wait_for_status(port, "/readyz", 200)
        assert body == {"ready": True, "started": True, "subscribed": True, "redis": True}

    async def test_unknown_path_is_404(self, worker: WorkerFactory) -> None:
        port = free_port()
        async with worker(http_port=port):
            status, _ = await http_get(port, "/nope")
        assert status == 404

    async def test_port_is_closed_after_shutdown(self, worker: WorkerFactory) -> None:
        port = free_port()
        async with worker(http_port=port):
            await wait_for_status(port, "/healthz", 200)
        with pytest.raises(ConnectionRefusedError):
            await http_get(port, "/healthz")

    async def test_readyz_flips_when_redis_goes_away_and_back(
        self,
        own_server: EmbeddedServer,
        settings_factory: Callable[..., Settings],
        engines: Engines,
    ) -> None:
        """200, then 503 while the server is stopped, then 200 once it is back on its port."""
        port = free_port()
        settings = settings_factory(redis_url=own_server.url, http_port=port)
        async with running(settings, engines):
            await wait_for_status(port, "/readyz", 200)
            own_server.stop()
            body = await wait_for_status(port, "/readyz", 503)
            assert body["redis"] is False
            assert (await http_get(port, "/healthz"))[0] == 200
            own_server.start()
            await wait_for_status(port, "/readyz", 200)
