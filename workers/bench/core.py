"""The pure core, per stage, on one core: no Redis, no FastStream.

Each article goes through :meth:`Pipeline.enrich` with the in-memory indexes (a fresh
pipeline per round, so no article is ever a repeat of itself); the pipeline's own per-stage
timings give the split (language, events, dedup = sketch + index lookup), ``other`` is the
rest of ``enrich`` (ids, the output model); ``cpu`` is the process CPU time of the whole
call, which other processes on a shared machine inflate less than the wall time. Figures are
means over the articles of each language and size, the best of ``rounds`` rounds (the least
disturbed by other processes on a shared machine).
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Sequence
from typing import Any

from schemas import Article
from workers.bench.corpus import LANGUAGES, Corpus
from workers.core.events import matcher_language
from workers.core.pipeline import Engines, Pipeline
from workers.core.textmap import TextMap

SIZES = {"5KB": 5_000, "50KB": 50_000}


async def _round(engines: Engines, articles: Sequence[Article]) -> dict[str, float]:
    """Mean µs per article of each stage and in total, over one pass."""
    pipeline = Pipeline(engines, worker="bench")
    sums: dict[str, float] = {}
    total = cpu = 0.0
    for article in articles:
        started, cpu_started = time.perf_counter(), time.process_time()
        enrichment = await pipeline.enrich(article)
        total += time.perf_counter() - started
        cpu += time.process_time() - cpu_started
        for stage, seconds in enrichment.timings.items():
            sums[stage] = sums.get(stage, 0.0) + seconds
    n = len(articles)
    stages = {f"{stage}_us": s / n * 1e6 for stage, s in sums.items()}
    stages["other_us"] = (total - sum(sums.values())) / n * 1e6
    stages["total_us"] = total / n * 1e6
    stages["cpu_us"] = cpu / n * 1e6
    return stages


async def _measure(engines: Engines, articles: Sequence[Article], rounds: int) -> dict[str, float]:
    await _round(engines, articles[: max(1, len(articles) // 4)])  # warm caches
    runs = [await _round(engines, articles) for _ in range(rounds)]
    best = min(runs, key=lambda r: r["total_us"])
    figures = {k: round(v, 1) for k, v in best.items()}
    figures["articles_per_s"] = round(1e6 / best["total_us"], 1)
    return figures


def _matcher_us(engines: Engines, articles: Sequence[Article], language: str, rounds: int) -> float:
    """µs per article of the extractor's lexicon pass alone: the folded text map and one
    Aho–Corasick walk of the language's matcher (best of ``rounds`` passes)."""
    lexicon = engines.extractor.lexicon
    best = float("inf")
    for _ in range(max(1, rounds)):
        started = time.perf_counter()
        for article in articles:
            lexicon.matcher(matcher_language(article.text, language)).find(TextMap.of(article.text))
        best = min(best, (time.perf_counter() - started) / max(1, len(articles)))
    return best * 1e6


def bench_core(
    engines: Engines,
    corpus: Corpus,
    *,
    per_language: dict[str, int],
    rounds: int,
) -> dict[str, Any]:
    """Per size and language: µs per article by stage, total, and articles/s on one core.

    ``per_language`` maps a size label of :data:`SIZES` to the articles per language."""
    by_size: dict[str, dict[str, dict[str, float]]] = {}
    for label, count in per_language.items():
        by_size[label] = {}
        for language in LANGUAGES:
            articles = [
                Article.model_validate(corpus.article(language, SIZES[label], prefix="core"))
                for _ in range(count)
            ]
            by_size[label][language] = asyncio.run(_measure(engines, articles, rounds))
            by_size[label][language]["matcher_us"] = round(
                _matcher_us(engines, articles, language, rounds + 1), 1
            )
    small = by_size["5KB"]
    totals = [small[lang]["total_us"] for lang in LANGUAGES]
    median, mean = statistics.median(totals), statistics.fmean(totals)
    stages = [k for k in small[LANGUAGES[0]] if k.endswith("_us") and k != "matcher_us"]
    cpu = statistics.median(small[lang]["cpu_us"] for lang in LANGUAGES)
    return {
        "core": by_size,
        "core_us_per_article": round(median, 1),
        "core_mixed_us_per_article": round(mean, 1),
        "core_cpu_us_per_article": round(cpu, 1),
        "core_articles_per_s": round(1e6 / mean, 1),
        "matcher_us_per_article": round(
            statistics.median(small[lang]["matcher_us"] for lang in LANGUAGES), 1
        ),
        "core_stage_us": {
            k: round(statistics.fmean(small[lang][k] for lang in LANGUAGES), 1) for k in stages
        },
    }
