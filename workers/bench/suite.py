"""The whole benchmark: what runs, in which order, and the figures it adds up to.

Order: the pure core and the language baselines (in this process), then, on one embedded
server of our own, the transport ceiling, one worker, two workers and the paced latency run —
back to back, so their ratios hold on a noisy machine — then the index scaling on a second
throwaway server.
"""

from __future__ import annotations

import asyncio
import os
import platform
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from workers import __version__
from workers.bench.baseline import bench_languages
from workers.bench.core import bench_core
from workers.bench.corpus import Corpus
from workers.bench.e2e import paced, saturate
from workers.bench.fleet import Mode
from workers.bench.scaling import bench_index, commands_per_article, flatness
from workers.core.pipeline import Engines
from workers.embedded import embedded_server

REQUIRED = (
    "core_us_per_article",
    "langdetect_full_us_per_article",
    "transport_msgs_per_s",
    "e2e_1w_articles_per_s",
    "e2e_2w_articles_per_s",
    "p50_ms",
    "p99_ms",
    "dedup_lookup_us",
    "redis_bytes_per_100k",
    "rss_mb",
    "e2e_1w_vs_core",
    "e2e_2w_vs_1w",
    "core_vs_langdetect_full",
    "e2e_1w_vs_transport",
    "redis_commands_per_article",
)


@dataclass(frozen=True)
class Options:
    """What to run and how big."""

    quick: bool = False
    articles: int = 20_000
    skip_e2e: bool = False
    skip_scaling: bool = False
    tiny: bool = False
    """Smallest possible core run (the unit test)."""

    @property
    def core_sizes(self) -> dict[str, int]:
        if self.tiny:
            return {"5KB": 2, "50KB": 1}
        return {"5KB": 16, "50KB": 2} if self.quick else {"5KB": 40, "50KB": 6}

    @property
    def rounds(self) -> int:
        """Passes over the same articles, the best kept (a quick run keeps two: one pass of
        a few articles on a shared machine is mostly noise, and the core part is seconds)."""
        if self.tiny:
            return 1
        return 2 if self.quick else 3

    @property
    def cap_s(self) -> float:
        """Longest a saturation phase runs after its first output."""
        return 30.0 if self.quick else 120.0

    @property
    def paced_s(self) -> float:
        return 8.0 if self.quick else 20.0

    @property
    def index_sizes(self) -> tuple[int, ...]:
        return (10_000, 100_000) if self.quick else (10_000, 100_000, 1_000_000)


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a and b else None


def _e2e(
    figures: dict[str, Any], corpus: Corpus, options: Options, say: Callable[[str], None]
) -> None:
    n = options.articles
    articles = corpus.articles(n, 5_000, prefix="e2e")
    warmup = corpus.articles(64, 5_000, prefix="warm")
    logs = Path(tempfile.mkdtemp(prefix="coopstream-bench-"))
    with embedded_server(appendonly=False) as url:
        phases = {}
        plan: tuple[tuple[str, int, Mode], ...] = (
            ("transport", 1, "echo"),
            ("1w", 1, "real"),
            ("2w", 2, "real"),
        )
        for key, workers, mode in plan:
            say(f"end to end: {key} ({workers} worker{'s' * (workers > 1)}, {n} articles)…")
            phases[key] = asyncio.run(
                saturate(url, articles, workers=workers, mode=mode, logs=logs, cap_s=options.cap_s)
            )
        one = phases["1w"]
        rate = one.rate / 2
        say(f"end to end: latency at {rate:.0f} articles/s (half of one worker's rate)…")
        paced_articles = corpus.articles(int(rate * options.paced_s) + 10, 5_000, prefix="paced")
        latency = asyncio.run(
            paced(url, warmup, paced_articles, rate=rate, seconds=options.paced_s, logs=logs)
        )
    shutil.rmtree(logs, ignore_errors=True)
    figures["phases"] = {k: vars(p) | {"commands": None} for k, p in phases.items()}
    figures["transport_msgs_per_s"] = round(phases["transport"].rate, 1)
    figures["e2e_1w_articles_per_s"] = round(one.rate, 1)
    figures["e2e_2w_articles_per_s"] = round(phases["2w"].rate, 1)
    figures["latency"] = latency
    figures["p50_ms"], figures["p99_ms"] = latency["p50_ms"], latency["p99_ms"]
    peaks = [*one.rss_mb, *phases["2w"].rss_mb, *latency["rss_mb"]]
    figures["rss_mb"] = max(peaks, default=None)
    figures["transport_rss_mb"] = max(phases["transport"].rss_mb, default=None)
    figures |= commands_per_article(one)
    figures["worker_cpu_us_per_article"] = round(one.worker_cpu_us, 1)
    figures["redis_cpu_us_per_article"] = round(one.server_cpu_us, 1)
    figures["redis_cpu_us_per_article_early_late"] = list(one.server_cpu_growth)
    two = phases["2w"]
    per_article_s = (two.worker_cpu_us + two.server_cpu_us) / 1e6
    cores = _cores()
    # What the two workers and Redis could reach if they had every core to themselves, and how
    # much of the cores they actually got (the rest went to other processes).
    figures["e2e_2w_cpu_bound_articles_per_s"] = (
        round(cores / per_article_s, 1) if per_article_s else None
    )
    figures["e2e_2w_cores_used"] = round(two.rate * per_article_s, 2)
    figures["cores"] = cores
    figures["redis_core_ceiling_articles_per_s"] = (
        round(1e6 / one.server_cpu_us, 1) if one.server_cpu_us else None
    )
    per_100k = 100_000 / max(1, one.processed)
    figures["redis_state_bytes_per_100k_e2e"] = round(one.state_bytes * per_100k)
    figures["redis_output_stream_bytes_per_100k"] = round(one.output_stream_bytes * per_100k)


def run(options: Options, say: Callable[[str], None] = print) -> dict[str, Any]:
    """Every figure of the benchmark, in one dict (JSON-ready)."""
    figures: dict[str, Any] = dict.fromkeys(REQUIRED)
    figures |= {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "version": __version__,
        "machine": f"{platform.machine()}, {_cores()} cores, Python {platform.python_version()}",
        "mode": "tiny" if options.tiny else "quick" if options.quick else "full",
        "articles": options.articles,
        "notes": [],
        "load_avg_start": [round(x, 2) for x in os.getloadavg()],
    }
    corpus = Corpus()
    say("pure core: loading engines…")
    engines = Engines.load()
    say("pure core: per stage, 5 KB and 50 KB articles per language…")
    figures |= bench_core(engines, corpus, per_language=options.core_sizes, rounds=options.rounds)
    say("language: langdetect over the whole text against our bounded sample…")
    figures |= bench_languages(
        engines.detector, corpus, per_language=options.core_sizes["5KB"], rounds=options.rounds
    )
    if options.skip_e2e:
        figures["notes"].append("end to end skipped (--skip-e2e)")
    else:
        _e2e(figures, corpus, options, say)
    if options.skip_scaling:
        figures["notes"].append("index scaling skipped (--skip-scaling)")
        figures["dedup_lookup_us"] = {}
    else:
        say(f"scaling: duplicate index at {', '.join(map(str, options.index_sizes))} articles…")
        index = bench_index(options.index_sizes, probes=200 if options.quick else 1000)
        figures["dedup"] = index
        figures["dedup_lookup_us"] = index["dedup_lookup_us"]
        figures["redis_bytes_per_100k"] = index["redis_bytes_per_100k"]
        figures["dedup_lookup_flatness"] = flatness(index["dedup_lookup_us"])
    figures["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
    core_rate = figures["core_articles_per_s"]
    figures["e2e_1w_vs_core"] = _ratio(figures["e2e_1w_articles_per_s"], core_rate)
    figures["e2e_2w_vs_1w"] = _ratio(
        figures["e2e_2w_articles_per_s"], figures["e2e_1w_articles_per_s"]
    )
    figures["e2e_1w_vs_transport"] = _ratio(
        figures["e2e_1w_articles_per_s"], figures["transport_msgs_per_s"]
    )
    figures["core_vs_langdetect_full"] = _ratio(
        figures["langdetect_full_us_per_article"], figures["core_us_per_article"]
    )
    figures["core_cpu_vs_langdetect_full_cpu"] = _ratio(
        figures.get("langdetect_full_cpu_us_per_article"), figures["core_cpu_us_per_article"]
    )
    figures["core_cpu_share_of_worker_cpu"] = _ratio(
        figures["core_cpu_us_per_article"], figures.get("worker_cpu_us_per_article")
    )
    figures["language_vs_langdetect_full"] = _ratio(
        figures["langdetect_full_us_per_article"], figures["language_us_per_article"]
    )
    return figures


def _cores() -> int:
    return os.cpu_count() or 1
