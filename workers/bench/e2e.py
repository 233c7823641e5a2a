"""End to end on a real server: saturated throughput, and latency under a paced producer.

Every phase starts from an empty server (``FLUSHALL``), the group created at ``0``, so phases
do the same work. A saturation phase preloads the input stream, starts the workers and counts
outputs every 0.1 s; its rate is taken between 5 % and 95 % of the outputs (start-up and the
last partial batches left out). The paced phase sends at a fixed rate to a warmed-up worker
and measures each article's latency as the enriched entry id's server time minus the input
entry id's (both milliseconds of the server clock).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import numpy as np
from redis.asyncio import Redis

from workers.bench.fleet import (
    Fleet,
    Mode,
    command_calls,
    key_bytes,
    server_cpu_seconds,
    used_memory,
)
from workers.settings import Settings, load_settings

POLL_S = 0.1
STARTUP_S = 120.0
"""Longest a fleet may take to produce its first output."""


@dataclass
class Phase:
    """What one saturation phase measured."""

    name: str
    workers: int
    sent: int
    processed: int = 0
    rate: float = 0.0
    seconds: float = 0.0
    rss_mb: list[float] = field(default_factory=list)
    commands: dict[str, int] = field(default_factory=dict)
    state_bytes: int = 0
    output_stream_bytes: int = 0
    worker_cpu_us: float = 0.0
    """Worker CPU per article (all workers, after their first output)."""
    server_cpu_us: float = 0.0
    """Redis CPU per article, same window."""
    server_cpu_growth: tuple[float, float] = (0.0, 0.0)
    """Redis CPU per article between 5 and 25 %, and between 75 and 95 %, of the outputs:
    how the per-article cost grows as the shared index and stories fill up."""


def streams() -> Settings:
    """Stream and group names: the workers' defaults (the server is ours alone)."""
    return load_settings(redis_url=None)


def payload(article: dict[str, Any]) -> dict[str, str]:
    """The recommended wire shape: the JSON object in the field ``data``."""
    return {"data": json.dumps(article, ensure_ascii=False)}


async def fresh(client: Redis) -> None:
    """Empty server, input group at ``0``."""
    names = streams()
    await client.config_set("lazyfree-lazy-user-flush", "no")  # memory is measured next
    await client.flushall()
    await client.xgroup_create(names.input_stream, names.group, id="0", mkstream=True)


async def send(client: Redis, articles: Sequence[dict[str, Any]]) -> list[str]:
    """XADD in pipelined chunks; the entry ids."""
    stream, ids = streams().input_stream, []
    for first in range(0, len(articles), 500):
        async with client.pipeline(transaction=False) as pipe:
            for article in articles[first : first + 500]:
                pipe.xadd(stream, payload(article))  # type: ignore[arg-type]
            ids += [i.decode() if isinstance(i, bytes) else str(i) for i in await pipe.execute()]
    return ids


async def outputs(client: Redis) -> int:
    names = streams()
    async with client.pipeline(transaction=False) as pipe:
        pipe.xlen(names.enriched_stream)
        pipe.xlen(names.dead_stream)
        enriched, dead = await pipe.execute()
    return int(enriched) + int(dead)


def steady_rate(timeline: Sequence[tuple[float, int]]) -> float:
    """Outputs per second between 5 % and 95 % of the final count (interpolated)."""
    final = timeline[-1][1]
    if final < 20:
        started = next((t for t, n in timeline if n > 0), timeline[0][0])
        return final / max(timeline[-1][0] - started, 1e-9)
    times = np.array([t for t, _ in timeline])
    counts = np.array([n for _, n in timeline], dtype=float)
    low, high = np.interp([0.05 * final, 0.95 * final], counts, times)
    return float(0.9 * final / max(high - low, 1e-9))


def growth(counts: Sequence[int], cpu: Sequence[float]) -> tuple[float, float]:
    """CPU µs per output early (5-25 % of the outputs) and late (75-95 %)."""
    final = counts[-1]
    if final < 20:
        return (0.0, 0.0)
    at = np.interp([0.05 * final, 0.25 * final, 0.75 * final, 0.95 * final], counts, cpu)
    per = 1e6 / (0.2 * final)
    return (round(float(at[1] - at[0]) * per, 1), round(float(at[3] - at[2]) * per, 1))


async def saturate(
    url: str,
    articles: Sequence[dict[str, Any]],
    *,
    workers: int,
    mode: Mode,
    logs: Path,
    cap_s: float,
) -> Phase:
    """Preload ``articles``, run ``workers`` processes until drained (or ``cap_s`` seconds
    after the first output), and measure."""
    name = f"{mode}-{workers}w"
    phase = Phase(name=name, workers=workers, sent=len(articles))
    client = Redis.from_url(url)
    names = streams()
    try:
        await fresh(client)
        baseline = await used_memory(client)
        await send(client, articles)
        await client.config_resetstat()
        polls, timeline, first = 0, [(time.monotonic(), 0)], None
        server_cpu = [await server_cpu_seconds(client)]
        at_first, cpu_first = 0, (0.0, 0.0)
        with Fleet(url, workers, mode, logs, name) as fleet:
            while True:
                await asyncio.sleep(POLL_S)
                done, now = await outputs(client), time.monotonic()
                polls += 1
                timeline.append((now, done))
                server_cpu.append(await server_cpu_seconds(client))
                if first is None and done:
                    first, at_first = now, done
                    cpu_first = (fleet.cpu_seconds(), await server_cpu_seconds(client))
                if done >= len(articles) or (first and now - first > cap_s):
                    break
                if not fleet.alive() or (first is None and now - timeline[0][0] > STARTUP_S):
                    msg = f"{name}: workers failed or never started:\n{fleet.tail()}"
                    raise RuntimeError(msg)
            fleet.read_peaks()
            cpu_last = (fleet.cpu_seconds(), await server_cpu_seconds(client))
        phase.rss_mb = fleet.peaks
        counted = max(1, timeline[-1][1] - at_first)
        phase.worker_cpu_us = (cpu_last[0] - cpu_first[0]) / counted * 1e6
        phase.server_cpu_us = (cpu_last[1] - cpu_first[1]) / counted * 1e6
        calls = await command_calls(client)
        calls["xlen"] = calls.get("xlen", 0) - 2 * polls
        calls["info"] = calls.get("info", 0) - polls - 2  # ours: one per poll, two around
        phase.server_cpu_growth = growth([n for _, n in timeline], server_cpu)
        phase.commands = {k: v for k, v in calls.items() if v > 0 and k != "config|resetstat"}
        phase.processed = timeline[-1][1]
        phase.rate = steady_rate([(t, n) for t, n in timeline if first is None or t >= first])
        phase.seconds = timeline[-1][0] - (first or timeline[0][0])
        out = await key_bytes(client, names.enriched_stream, names.events_stream, names.dead_stream)
        every = out + await key_bytes(client, names.input_stream)
        phase.state_bytes = await used_memory(client) - baseline - every
        phase.output_stream_bytes = out
    finally:
        await client.aclose()
    return phase


async def _wait(client: Redis, target: int, within_s: float, fleet: Fleet) -> bool:
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline and fleet.alive():
        if await outputs(client) >= target:
            return True
        await asyncio.sleep(POLL_S)
    return False


async def _enriched_times(client: Redis) -> dict[str, int]:
    """Article id → enriched entry's server time (ms)."""
    stream, times, start = streams().enriched_stream, {}, "-"
    while True:
        page = cast(
            "list[tuple[bytes, dict[bytes, bytes]]]",
            await client.xrange(stream, min=start, count=1000),
        )
        for entry_id, fields in page:
            times[fields[b"id"].decode()] = int(entry_id.split(b"-")[0])
        if len(page) < 1000:
            return times
        last_ms, last_seq = page[-1][0].decode().split("-")
        start = f"{last_ms}-{int(last_seq) + 1}"


async def paced(
    url: str,
    warmup: Sequence[dict[str, Any]],
    articles: Sequence[dict[str, Any]],
    *,
    rate: float,
    seconds: float,
    logs: Path,
) -> dict[str, Any]:
    """One warmed-up worker, articles sent at ``rate`` per second for ``seconds``: latency."""
    client = Redis.from_url(url)
    sent: dict[str, int] = {}
    try:
        await fresh(client)
        with Fleet(url, 1, "real", logs, "paced-1w") as fleet:
            await send(client, warmup)
            if not await _wait(client, len(warmup), STARTUP_S, fleet):
                msg = f"paced: the worker did not start:\n{fleet.tail()}"
                raise RuntimeError(msg)
            started, count = time.monotonic(), 0
            while count < len(articles) and time.monotonic() - started < seconds:
                due = min(len(articles), int(rate * (time.monotonic() - started)) + 1)
                if due > count:
                    batch = articles[count:due]
                    for article, entry_id in zip(batch, await send(client, batch), strict=True):
                        sent[article["id"]] = int(entry_id.split("-")[0])
                    count = due
                await asyncio.sleep(0.005)
            elapsed = time.monotonic() - started
            drained = await _wait(client, len(warmup) + count, 60.0, fleet)
            fleet.read_peaks()
        done = await _enriched_times(client)
    finally:
        await client.aclose()
    latencies = [done[i] - t for i, t in sent.items() if i in done]
    p50, p99 = np.percentile(latencies, [50, 99]) if latencies else (float("nan"),) * 2
    return {
        "rate": round(rate, 1),
        "achieved_rate": round(len(sent) / max(elapsed, 1e-9), 1),
        "sent": len(sent),
        "measured": len(latencies),
        "drained": drained,
        "p50_ms": round(float(p50), 1),
        "p99_ms": round(float(p99), 1),
        "max_ms": max(latencies, default=0),
        "rss_mb": fleet.peaks,
    }
