"""``coopstream chaos``: the scripted crash run of ``make chaos`` (see workers/chaos.py)."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

if TYPE_CHECKING:
    from workers.chaos import Plan


STREAMS = ("articles:raw", "articles:enriched", "articles:dead")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "chaos",
        help="kill workers and Redis mid-flight; prove nothing is lost or doubled",
        description="Runs 3 workers on an embedded append-only Valkey, publishes N articles "
        "(1%% planted bad inputs), SIGKILLs a worker twice, restarts Redis once, SIGTERMs all, "
        "and prints a JSON summary as its last line. Exits 1 unless nothing was lost or doubled "
        "and every bad input was dead-lettered with the right reason.",
    )
    parser.add_argument("--articles", type=int, default=20_000, help="entries to publish")
    parser.add_argument("--timeout", type=float, default=900.0, help="give up after N seconds")
    parser.set_defaults(func=command)


async def _count(client: Redis) -> tuple[int, int, int]:
    """(enriched, dead, pending) — tolerant of a restarting server."""
    try:
        enriched = await client.xlen(STREAMS[1])
        dead = await client.xlen(STREAMS[2])
        pending: dict[str, Any] = await client.xpending(STREAMS[0], "coopstream")
        return int(enriched), int(dead), int(pending["pending"])
    except (RedisConnectionError, OSError):
        return -1, -1, -1
    except Exception:  # the group may not exist yet
        return 0, 0, 0


async def _wait_progress(client: Redis, target: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        enriched, dead, _ = await _count(client)
        if enriched + dead >= target:
            return
        await asyncio.sleep(0.2)


async def _drained(client: Redis, total: int, deadline: float) -> bool:
    while time.monotonic() < deadline:
        enriched, dead, pending = await _count(client)
        if enriched + dead >= total and pending == 0:
            return True
        await asyncio.sleep(0.5)
    return False


async def _verify(client: Redis, plan: Plan) -> dict[str, Any]:
    from workers.chaos import probe_of

    ids: Counter[str] = Counter()
    async for _key, fields in _scan(client, STREAMS[1]):
        ids[fields[b"id"].decode()] += 1
    dead_reasons: dict[str, str] = {}
    unexpected = 0
    async for _key, fields in _scan(client, STREAMS[2]):
        letter = json.loads(fields[b"data"])
        probe = probe_of(letter)
        if probe is None:
            unexpected += 1
        else:
            dead_reasons[probe] = letter["reason"]
    right = sum(1 for p, reason in plan.bad.items() if dead_reasons.get(p) == reason)
    return {
        "sent": len(plan.good) + len(plan.bad),
        "enriched_unique": len(ids),
        "enriched_duplicates": sum(ids.values()) - len(ids),
        "lost": len(plan.good - set(ids)),
        "dead_expected": right,
        "dead_planted": len(plan.bad),
        "dead_unexpected": unexpected,
    }


async def _scan(client: Redis, stream: str) -> Any:
    last = "-"
    while True:
        chunk = cast(
            "list[tuple[bytes, dict[bytes, bytes]]]",
            await client.xrange(stream, min=last, count=2000),
        )
        if not chunk:
            return
        for entry_id, fields in chunk:
            yield entry_id, fields
        last = "(" + chunk[-1][0].decode()


async def chaos(n: int, limit_s: float) -> dict[str, Any]:
    from workers.chaos import Plan, Workers, produce, temp_dir
    from workers.embedded import EmbeddedServer

    started = time.monotonic()
    deadline = started + limit_s
    work = temp_dir()
    server = EmbeddedServer(data_dir=work / "valkey", appendonly=True)
    server.start()
    workers = Workers(server.url, work)
    client = Redis.from_url(server.url)
    plan = Plan()
    root = Path.cwd()
    producer = asyncio.create_task(produce(server.url, STREAMS[0], n, root, plan))
    steps: list[str] = []
    try:
        for fraction, action in ((0.2, "kill-0"), (0.45, "restart-redis"), (0.7, "kill-1")):
            await _wait_progress(client, int(n * fraction), deadline)
            if action.startswith("kill"):
                slot = int(action[-1])
                workers.kill(slot)
                workers.start(slot)
            else:
                server.stop()
                await asyncio.sleep(1.0)
                server.start()
            steps.append(f"{action}@{fraction:.0%}")
            print(f"chaos: {steps[-1]}", file=sys.stderr, flush=True)
        await producer
        drained = await _drained(client, len(plan.good) + len(plan.bad), deadline)
        codes = workers.terminate_all(timeout=30.0)
        summary = await _verify(client, plan)
    finally:
        if not producer.done():
            producer.cancel()
        await client.aclose()
        workers.terminate_all(timeout=5.0)
        server.stop()
    summary.update(
        drained=drained,
        worker_exit_codes=codes,
        steps=steps,
        elapsed_s=round(time.monotonic() - started, 1),
        logs=str(work),
    )
    summary["ok"] = bool(
        drained
        and summary["lost"] == 0
        and summary["enriched_duplicates"] == 0
        and summary["dead_expected"] == summary["dead_planted"]
        and summary["dead_unexpected"] == 0
        and all(code == 0 for code in codes)
    )
    return summary


def command(args: argparse.Namespace) -> int:
    summary = asyncio.run(chaos(args.articles, args.timeout))
    print(json.dumps(summary))
    return 0 if summary["ok"] else 1
