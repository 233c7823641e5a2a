"""Against what a user would do instead: ``langdetect.detect_langs`` over the whole text.

Three ways to find an article's language, timed on the same 5 KB articles and scored on the
development set (``tests/data/dev``, ``gold.language``):

- ``langdetect_full``: stock langdetect over the whole text (``detect_langs(text)``);
- ``langdetect_sample``: stock langdetect over our bounded sample (what sampling alone buys);
- ``language``: our :class:`~workers.core.language.LanguageDetector` (the sample, the fast
  walks) — the language stage of the pipeline.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any

from langdetect import detect_langs
from langdetect.lang_detect_exception import LangDetectException

from workers.bench.corpus import LANGUAGES, Corpus, dev_records
from workers.core.language import LanguageDetector
from workers.core.normalize import letters_sample


def _stock(text: str) -> str:
    try:
        found = detect_langs(text)
    except LangDetectException:
        return "und"
    return str(found[0].lang).split("-")[0] if found else "und"


def methods(detector: LanguageDetector) -> dict[str, Callable[[str], str]]:
    """Each method as ``text → ISO 639-1 code``."""
    limit = detector.sample_chars
    return {
        "langdetect_full": _stock,
        "langdetect_sample": lambda text: _stock(letters_sample(text, limit)),
        "language": lambda text: detector.detect(text).code,
    }


def _best_us(
    method: Callable[[str], str], texts: Sequence[str], rounds: int
) -> tuple[float, float]:
    """Best wall and best CPU µs per text over ``rounds`` passes."""
    best = best_cpu = float("inf")
    for _ in range(rounds):
        started, cpu = time.perf_counter(), time.process_time()
        for text in texts:
            method(text)
        best = min(best, (time.perf_counter() - started) / len(texts))
        best_cpu = min(best_cpu, (time.process_time() - cpu) / len(texts))
    return best * 1e6, best_cpu * 1e6


def bench_languages(
    detector: LanguageDetector, corpus: Corpus, *, per_language: int, rounds: int
) -> dict[str, Any]:
    """µs per 5 KB article (median over languages; wall and CPU) and dev-set accuracy of
    each method."""
    texts = {
        lang: [corpus.article(lang, 5_000, prefix="lang")["text"] for _ in range(per_language)]
        for lang in LANGUAGES
    }
    dev = [(r["text"], r["gold"]["language"]) for r in dev_records() if r.get("gold")]
    out: dict[str, Any] = {"dev_articles": len(dev)}
    for name, method in methods(detector).items():
        timed = {lang: _best_us(method, texts[lang], rounds) for lang in LANGUAGES}
        per_lang = {lang: round(wall, 1) for lang, (wall, _) in timed.items()}
        out[f"{name}_us_by_language"] = per_lang
        out[f"{name}_us_per_article"] = round(statistics.median(per_lang.values()), 1)
        cpu = statistics.median(cpu for _, cpu in timed.values())
        out[f"{name}_cpu_us_per_article"] = round(cpu, 1)
        right = sum(method(text) == gold for text, gold in dev)
        out[f"{name}_accuracy"] = round(right / max(1, len(dev)), 4)
    return out
