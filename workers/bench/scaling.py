"""How cost grows: the shared duplicate index at 10k-1M articles, Redis commands per article.

The index figures come from the dedup work's own harness (:func:`workers.dedup_bench
.bench_dedup`: fills the Redis index to each size, times real lookups, reads ``INFO memory``),
run here on servers of our own (one per size, persistence off, rounds interleaved). Commands
per article come from the one-worker end-to-end phase (``INFO commandstats`` delta over the
articles it processed).
"""

from __future__ import annotations

import asyncio
from contextlib import ExitStack
from typing import Any

from workers.bench.e2e import Phase
from workers.dedup_bench import bench_dedup
from workers.embedded import embedded_server


def bench_index(sizes: tuple[int, ...], probes: int) -> dict[str, Any]:
    """``bench_dedup`` on throwaway servers, one per size (each holds only its own size's
    data; the rounds alternate between them)."""
    with ExitStack() as stack:
        urls = [stack.enter_context(embedded_server(appendonly=False)) for _ in sizes]
        return asyncio.run(bench_dedup(urls, sizes, probes))


def flatness(lookup_us: dict[str, float]) -> float | None:
    """Largest deviation of a lookup time from the smallest index's, as a fraction."""
    if len(lookup_us) < 2:
        return None
    ordered = sorted(lookup_us.items(), key=lambda kv: int(kv[0]))
    first = ordered[0][1]
    return round(max(abs(v / first - 1) for _, v in ordered), 3)


def commands_per_article(phase: Phase) -> dict[str, Any]:
    """Server-side commands per processed article, in total, by command, and scripts."""
    n = max(1, phase.processed)
    by_command = {
        name: round(calls / n, 3)
        for name, calls in sorted(phase.commands.items(), key=lambda kv: -kv[1])
    }
    scripts = sum(v for k, v in phase.commands.items() if k.startswith(("eval", "fcall")))
    return {
        "redis_commands_per_article": round(sum(phase.commands.values()) / n, 2),
        "redis_scripts_per_article": round(scripts / n, 3),
        "redis_commands_by_type_per_article": by_command,
    }
