"""The readable table, the targets of issue 7 with PASS/MISS, and the JSON line."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from workers.bench.corpus import LANGUAGES


@dataclass(frozen=True)
class Target:
    """One target: a figure, a bound, and which side of it passes."""

    label: str
    key: str
    bound: float
    at_most: bool

    def verdict(self, figures: dict[str, Any]) -> str:
        value = figures.get(self.key)
        if value is None:
            return "SKIP"
        ok = value <= self.bound if self.at_most else value >= self.bound
        return "PASS" if ok else "MISS"


TARGETS = (
    Target(
        "pure core per 5 KB article (median over languages) ≤ 1,500 µs",
        "core_us_per_article",
        1500,
        at_most=True,
    ),
    Target(
        "pure core ≥ 5× faster than langdetect over the whole text",
        "core_vs_langdetect_full",
        5.0,
        at_most=False,
    ),
    Target(
        "end to end, 1 worker ≥ 60% of the pure core's rate", "e2e_1w_vs_core", 0.6, at_most=False
    ),
    Target("end to end, 2 workers ≥ 1.6× one worker", "e2e_2w_vs_1w", 1.6, at_most=False),
    Target("p99 latency at half the saturating rate ≤ 50 ms", "p99_ms", 50.0, at_most=True),
    Target("dedup lookup flat (±20%) from 10k to 1M", "dedup_lookup_flatness", 0.2, at_most=True),
    Target("peak RSS per worker ≤ 250 MB", "rss_mb", 250.0, at_most=True),
)


def _num(value: Any, digits: int = 1) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _core_table(figures: dict[str, Any], out: Callable[[str], None]) -> None:
    core = figures.get("core") or {}
    for label, by_language in core.items():
        stages = [k for k in by_language[LANGUAGES[0]] if k.endswith("_us")]
        head = "".join(f"{s.removesuffix('_us'):>11}" for s in stages)
        out(f"  {label:<5} lang{head}  articles/s")
        for lang in LANGUAGES:
            row = by_language[lang]
            cells = "".join(f"{_num(row[s]):>11}" for s in stages)
            out(f"        {lang:<4}{cells}  {_num(row['articles_per_s']):>10}")


def render(figures: dict[str, Any], out: Callable[[str], None] = print) -> None:
    """The human-readable report (everything but the JSON line)."""
    out(f"coopstream bench — {figures['date']} — {figures['machine']} — {figures['mode']}")
    out(
        f"load average (1, 5, 15 min) at start {figures['load_avg_start']}, "
        f"at end {figures['load_avg_end']}: other processes share these cores"
    )
    out("")
    out("1. Pure core (µs per article, one core; dedup = sketch + in-memory index)")
    _core_table(figures, out)
    out(
        f"  median over languages (5 KB): {_num(figures['core_us_per_article'])} µs; "
        f"mixed: {_num(figures['core_articles_per_s'])} articles/s"
    )
    out(
        f"  matcher (part of events: folded text map + one Aho-Corasick pass), median 5 KB: "
        f"{_num(figures.get('matcher_us_per_article'))} µs"
    )
    out("")
    out("5. Language: langdetect over the whole text vs our bounded sample (5 KB articles)")
    for name in ("langdetect_full", "langdetect_sample", "language"):
        out(
            f"  {name:<18} {_num(figures.get(f'{name}_us_per_article')):>10} µs   "
            f"(CPU {_num(figures.get(f'{name}_cpu_us_per_article'))} µs)   "
            f"dev accuracy {_num(figures.get(f'{name}_accuracy'), 4)}"
        )
    if figures.get("e2e_1w_articles_per_s") is not None:
        out("")
        out(f"2-3. Transport and end to end ({_num(figures['articles'])} articles of ~5 KB)")
        out(
            "  phase         articles/s  processed  seconds  worker CPU µs/art  Redis CPU µs/art"
            "  peak RSS MB"
        )
        for key, p in figures["phases"].items():
            out(
                f"  {key:<10} {_num(p['rate']):>13} {p['processed']:>10} {p['seconds']:>8.1f}"
                f" {_num(p['worker_cpu_us'], 0):>17} {_num(p['server_cpu_us'], 0):>17}"
                f"  {', '.join(map(str, p['rss_mb']))}"
            )
        out(
            f"  2 workers + Redis used {figures['e2e_2w_cores_used']} of {figures['cores']} cores;"
            f" with every core theirs the CPU per article allows "
            f"{_num(figures['e2e_2w_cpu_bound_articles_per_s'])} /s"
        )
        early, late = figures["redis_cpu_us_per_article_early_late"]
        out(
            f"  Redis CPU per article, 1 worker: {_num(early, 0)} µs early in the run, "
            f"{_num(late, 0)} µs late (the shared index and stories fill up)"
        )
        lat = figures["latency"]
        out(
            f"  latency at {lat['rate']} /s (achieved {lat['achieved_rate']}): "
            f"p50 {lat['p50_ms']} ms, p99 {lat['p99_ms']} ms, max {lat['max_ms']} ms "
            f"({lat['measured']} articles)"
        )
        out(
            f"  Redis commands per article: {figures['redis_commands_per_article']} "
            f"(scripts {figures['redis_scripts_per_article']}); state "
            f"{_num(figures['redis_state_bytes_per_100k_e2e'])} B per 100k (index, stories, "
            "idempotency keys); output streams "
            f"{_num(figures['redis_output_stream_bytes_per_100k'])} B per 100k"
        )
    if figures.get("dedup_lookup_us"):
        out("")
        out("4. Duplicate index scaling (Redis, real lookups)")
        dedup = figures["dedup"]
        out("  indexed     lookup µs (as reported)   p99 µs   server µs/call   bytes per 100k")
        for size, us in figures["dedup_lookup_us"].items():
            p99 = dedup.get("dedup_lookup_p99_us", {}).get(size)
            server = dedup.get("script_us", {}).get(size)
            memory = dedup.get("redis_bytes_per_100k_by_size", {}).get(size)
            out(
                f"  {int(size):>9,} {_num(us):>25} {_num(p99):>8} {_num(server):>16}"
                f" {_num(memory):>16}"
            )
    out("")
    out(
        "Ratios (one run): "
        + ", ".join(
            f"{k} {_num(figures.get(k), 2)}"
            for k in (
                "e2e_1w_vs_core",
                "e2e_2w_vs_1w",
                "e2e_1w_vs_transport",
                "core_vs_langdetect_full",
                "core_cpu_vs_langdetect_full_cpu",
                "language_vs_langdetect_full",
                "core_cpu_share_of_worker_cpu",
            )
        )
    )
    out("Targets:")
    for target in TARGETS:
        value = figures.get(target.key)
        out(f"  [{target.verdict(figures)}] {target.label}: {_num(value, 3)}")
    for note in figures.get("notes", []):
        out(f"  note: {note}")


def json_line(figures: dict[str, Any]) -> str:
    """Every figure, one line; the targets' verdicts included."""
    verdicts = {t.key: t.verdict(figures) for t in TARGETS}
    return json.dumps(figures | {"targets": verdicts}, ensure_ascii=False, separators=(",", ":"))
