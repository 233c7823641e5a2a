"""``coopstream run``: the workers."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path
from types import FrameType
from typing import Any

from redis.exceptions import RedisError, ResponseError

from workers.cli.common import redis_or_embedded
from workers.logs import configure_logging, get_logger
from workers.settings import Settings, load_settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "run",
        help="run the workers (starts an embedded Redis-compatible server if REDIS_URL is unset)",
        description="Consume the input stream with N worker processes until SIGTERM/SIGINT. "
        "Without REDIS_URL an embedded Valkey is started (its data under --data-dir).",
    )
    parser.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=Path("var/embedded"),
        help="where the embedded server keeps its append-only file (default var/embedded)",
    )
    parser.set_defaults(func=command)


async def group_vanished(settings: Settings) -> bool:
    """True when Redis answers and our consumer group (or its stream) is gone."""
    from workers.connection import redis_client

    client = redis_client(settings)
    try:
        groups: Any = await client.xinfo_groups(settings.input_stream)
    except ResponseError as exc:
        return "no such key" in str(exc).lower()
    except (RedisError, OSError):
        return False  # Redis is away: nothing to tell; stop as asked
    finally:
        await client.aclose()
    names = {g["name"].decode() if isinstance(g["name"], bytes) else g["name"] for g in groups}
    return settings.group not in names


async def serve(settings: Settings) -> None:
    """Run one worker until a signal asks it to stop.

    FastStream stops its subscriber for good when the consumer group disappears (Redis
    restarted without persistence, or the stream was deleted) and ends the app. A signal ends
    it too; we tell them apart by the group: gone means start again (the start-up creates it at
    id 0 and waits for Redis), present means we were asked to stop.
    """
    from workers.app import build_app

    log = get_logger("coopstream.run")
    while True:
        app, _broker, _runtime = build_app(settings)
        await app.run()
        if not await group_vanished(settings):
            return
        log.warning("consumer_group_vanished_restarting", group=settings.group)
        await asyncio.sleep(1.0)


def _http_port(settings: Settings, n: int) -> dict[str, str]:
    """Worker ``n`` serves its probes on COOPSTREAM_HTTP_PORT + n (one port per process)."""
    if not settings.http_port:  # unset, or 0: any free port
        return {}
    return {"COOPSTREAM_HTTP_PORT": str(settings.http_port + n)}


def _spawn(settings: Settings, count: int) -> int:
    env = {**os.environ, "REDIS_URL": settings.redis_url_value}
    base = settings.consumer
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "workers.cli", "run", "--workers", "1"],
            env={**env, "COOPSTREAM_CONSUMER": f"{base}-{n}", **_http_port(settings, n)},
        )
        for n in range(count)
    ]

    def forward(signum: int, _frame: FrameType | None) -> None:
        for child in children:
            if child.poll() is None:
                child.send_signal(signum)

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    codes = [child.wait() for child in children]
    return max(codes, default=0)


def command(args: argparse.Namespace) -> int:
    settings = load_settings()
    configure_logging(settings.log_level, settings.log_format)
    args.data_dir.mkdir(parents=True, exist_ok=True)
    with redis_or_embedded(settings, data_dir=args.data_dir.resolve()) as ready:
        if args.workers <= 1:
            asyncio.run(serve(ready))
            return 0
        return _spawn(ready, args.workers)
