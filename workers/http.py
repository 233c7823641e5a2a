"""Health, readiness and metrics over HTTP on one port (``COOPSTREAM_HTTP_PORT``).

A tiny asyncio HTTP/1.1 server — three GET routes, no dependency, one request per connection:

- ``/healthz``: 200 while the event loop answers (the worker is alive);
- ``/readyz``: 200 when the worker is started, its subscriber is running and Redis answers a
  PING within a short timeout; 503 otherwise, with a JSON body saying which check failed;
- ``/metrics``: the Prometheus text format (:mod:`workers.metrics`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from workers.logs import get_logger
from workers.metrics import CONTENT_TYPE, Metrics
from workers.processor import TRANSIENT

if TYPE_CHECKING:
    from faststream import FastStream

    from workers.app import Runtime

READ_TIMEOUT_S = 5.0
REASONS = {200: "OK", 404: "Not Found", 405: "Method Not Allowed", 503: "Service Unavailable"}


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes
    content_type: str = "application/json"


Handler = Callable[[], Awaitable[Response]]


class Subscribed(Protocol):
    """FastStream's subscriber, as far as readiness cares."""

    running: bool


def _json(status: int, payload: object) -> Response:
    return Response(status, json.dumps(payload).encode() + b"\n")


class HttpServer:
    """Serves a few GET routes on ``host:port`` until stopped."""

    def __init__(self, host: str, port: int, routes: dict[str, Handler]) -> None:
        self.host, self.port, self.routes = host, port, routes
        self._server: asyncio.Server | None = None
        self.log = get_logger("coopstream.http")

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, self.host, self.port)
        self.port = int(self._server.sockets[0].getsockname()[1])
        self.log.info("http_listening", host=self.host, port=self.port, routes=list(self.routes))

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._server.wait_closed(), 2.0)
            self._server = None

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), READ_TIMEOUT_S)
            method, target, *_ = head.split(b"\r\n", 1)[0].decode("latin-1").split(" ")
            response = await self._route(method, target.split("?", 1)[0])
            await self._write(writer, response, head_only=method == "HEAD")
        except (TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            pass  # a client that sends nothing or garbage gets the connection closed
        except ConnectionError:
            pass
        finally:
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()

    async def _route(self, method: str, path: str) -> Response:
        handler = self.routes.get(path)
        if handler is None:
            return _json(404, {"error": f"no route {path}", "routes": list(self.routes)})
        if method not in {"GET", "HEAD"}:
            return _json(405, {"error": "only GET and HEAD"})
        try:
            return await handler()
        except Exception as exc:
            self.log.exception("http_handler_failed", path=path)
            return _json(503, {"error": type(exc).__name__})

    @staticmethod
    async def _write(writer: asyncio.StreamWriter, response: Response, *, head_only: bool) -> None:
        reason = REASONS.get(response.status, "")
        writer.write(
            f"HTTP/1.1 {response.status} {reason}\r\nContent-Type: {response.content_type}\r\n"
            f"Content-Length: {len(response.body)}\r\nConnection: close\r\n\r\n".encode("latin-1")
        )
        if not head_only:
            writer.write(response.body)
        await writer.drain()


class Probes:
    """The worker's routes: alive, ready, metrics."""

    def __init__(
        self, runtime: Runtime, subscriber: Subscribed, metrics: Metrics, timeout_s: float = 1.0
    ) -> None:
        self.runtime, self.subscriber, self.metrics = runtime, subscriber, metrics
        self.timeout_s = timeout_s

    def routes(self) -> dict[str, Handler]:
        return {"/healthz": self.healthz, "/readyz": self.readyz, "/metrics": self.scrape}

    async def healthz(self) -> Response:
        return _json(200, {"status": "alive"})

    async def _redis_answers(self) -> bool:
        client = self.runtime.client
        if client is None:
            return False
        try:
            return bool(await asyncio.wait_for(client.ping(), self.timeout_s))
        except (TimeoutError, *TRANSIENT):
            return False

    async def readyz(self) -> Response:
        checks = {
            "started": self.runtime.processor is not None,
            "subscribed": bool(self.subscriber.running),
            "redis": await self._redis_answers(),
        }
        ready = all(checks.values())
        return _json(200 if ready else 503, {"ready": ready, **checks})

    async def scrape(self) -> Response:
        body = await self.metrics.exposition(self.runtime.client, self.timeout_s / 2)
        return Response(200, body, CONTENT_TYPE)


def serve_http(app: FastStream, runtime: Runtime, subscriber: Subscribed) -> None:
    """Serve the probes on ``COOPSTREAM_HTTP_PORT`` (nothing when unset), from start-up to
    shutdown. Call it before the app's own hooks are registered: FastStream runs hooks in
    order, so the port is up before their start-up work and down before their teardown."""
    settings = runtime.settings
    port = settings.http_port
    if port is None:
        return

    @app.after_startup
    async def open_http() -> None:
        routes = Probes(runtime, subscriber, runtime.metrics).routes()
        runtime.http = HttpServer(settings.http_host, port, routes)
        await runtime.http.start()

    @app.on_shutdown
    async def close_http() -> None:
        if runtime.http is not None:
            await runtime.http.stop()
            runtime.http = None
