"""Article in, enriched article out: language → events → duplicates → story.

Pure: the duplicate and story indexes are injected behind one protocol,
:class:`~workers.core.indexes.ArticleIndex` (in memory here and in tests, in Redis in the
workers: ``workers.stores.redis_index``), called once per article.
"""

from __future__ import annotations

import gc
import hashlib
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from schemas import Article, DedupInfo, EnrichedArticle, EventMessage, Processing
from workers import __version__
from workers.core.dedup import DuplicateIndex, MemoryDuplicateIndex
from workers.core.events import Extractor
from workers.core.indexes import ArticleIndex, Sighting, SplitIndex
from workers.core.language import LanguageDetector
from workers.core.normalize import clean_text
from workers.core.signature import signature
from workers.core.sketch import Sketcher
from workers.core.stories import MemoryStoryIndex, StoryIndex

YOUNG_GC_THRESHOLD = 10_000
"""Net new container objects before the cyclic GC looks at the young ones (Python: 700)."""


def passed_through(article: Article) -> dict[str, Any]:
    """The input's own fields, as the enriched message carries them unchanged."""
    return {
        "text": article.text,
        "url": article.url,
        "title": article.title,
        "outlet": article.outlet,
        "published_at": article.published_at,
        "metadata": article.metadata,
    }


def text_digest(text: str) -> str:
    """SHA-256 of the text as received, HTML and whitespace normalised (case, letters,
    digits and punctuation kept): two inputs differ exactly when this differs."""
    return clean_digest(clean_text(text))


def clean_digest(cleaned: str) -> str:
    """:func:`text_digest` of a text already through ``clean_text``."""
    return hashlib.sha256(cleaned.encode("utf-8")).hexdigest()


def article_id(article: Article, digest: str) -> str:
    """The article's id: given, else derived from its URL, else from its text
    (``digest`` is :func:`text_digest`)."""
    if article.id:
        return article.id
    if article.url:
        return "url-" + hashlib.sha256(article.url.encode("utf-8")).hexdigest()[:24]
    return "txt-" + digest[:24]


def idempotency_key(identifier: str, digest: str) -> str:
    """Same article id and same text → same key, however often it is delivered; a corrected
    text under the same id is a new output."""
    return hashlib.sha256(f"{identifier}\x1f{digest}".encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Enrichment:
    """Everything one article produces: the enriched message and its event messages."""

    article: EnrichedArticle
    event_messages: list[EventMessage]
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds spent per stage: ``language``, ``events``, ``dedup`` (sketch and index)."""


@dataclass(frozen=True)
class Engines:
    """The heavy, stateless parts, built once at start-up."""

    detector: LanguageDetector
    extractor: Extractor
    sketcher: Sketcher = field(default_factory=Sketcher)

    @classmethod
    def load(cls) -> Engines:
        engines = cls(detector=LanguageDetector(), extractor=Extractor.load())
        engines.warm()
        # What is loaded now lives as long as the process (~290k objects: the lexicon's
        # automata and entries, langdetect's profiles, the tables): out of the cyclic GC's
        # reach, a full collection no longer scans it (0.25-0.35 s per full collection on
        # a 2-core machine before; a few µs after).
        gc.freeze()
        # An article allocates thousands of short-lived containers (mentions, facts,
        # tuples) that reference counting frees; at the default threshold (700) a young
        # collection ran about every other article (150-225 µs of GC per article on a
        # loaded 2-core machine), at this one a few per thousand articles (~18 µs).
        gc.set_threshold(YOUNG_GC_THRESHOLD, *gc.get_threshold()[1:])
        return engines

    def warm(self) -> None:
        """Build now what is built on first use (the per-code-point tables of folding and
        of the text map, ~70 ms; the walks' first draws), not on the first article."""
        text = "A warm-up text, long enough for the vectorised paths of every stage. " * 8
        self.sketcher.sketch(text)
        self.detector.detect(text)
        self.extractor.extract(text, "en", None)


class Pipeline:
    """Runs the core stages on one article. Build one per worker."""

    def __init__(
        self,
        engines: Engines,
        *,
        index: ArticleIndex | None = None,
        duplicates: DuplicateIndex | None = None,
        stories: StoryIndex | None = None,
        worker: str = "local",
    ) -> None:
        """``index`` answers duplicates and stories in one call (the Redis one in the
        workers); without it, ``duplicates`` and ``stories`` (in memory by default)."""
        self.engines = engines
        self.index: ArticleIndex = index or SplitIndex(
            duplicates or MemoryDuplicateIndex(), stories or MemoryStoryIndex()
        )
        self.worker = worker

    async def enrich(
        self,
        article: Article,
        *,
        entry_id: str | None = None,
        delivery_count: int = 1,
    ) -> Enrichment:
        started = time.perf_counter()
        cleaned = clean_text(article.text)  # once, for the sketch and the text's digest
        sketch = self.engines.sketcher.sketch_clean(cleaned)
        digest = sketch.digest
        received = clean_digest(cleaned)
        identifier = article_id(article, received)
        sketched = time.perf_counter()
        language = self.engines.detector.detect(article.text)
        detected = time.perf_counter()
        extraction = self.engines.extractor.extract(
            article.text, language.code, article.published_at
        )
        extracted = time.perf_counter()
        now = datetime.now(UTC)
        verdict = await self.index.record(
            Sighting(
                article_id=identifier,
                sketch=sketch,
                signature=signature(extraction.events, article.published_at),
                outlet=article.outlet,
                language=language.code,
                seen_at=now,
            )
        )
        duplicate, story = verdict.duplicate, verdict.story
        timings = {
            "language": detected - sketched,
            "events": extracted - detected,
            "dedup": (sketched - started) + (time.perf_counter() - extracted),
        }
        enriched = EnrichedArticle(
            id=identifier,
            **passed_through(article),
            language=language,
            relevant=extraction.summary.relevant,
            events=extraction.events,
            summary=extraction.summary,
            dedup=DedupInfo(
                content_hash=digest,
                duplicate_of=duplicate.duplicate_of,
                similarity=duplicate.similarity,
                story_id=story.story_id,
                story=story.counts,
            ),
            processing=Processing(
                worker=self.worker,
                version=__version__,
                elapsed_ms=round((time.perf_counter() - started) * 1000, 3),
                entry_id=entry_id,
                delivery_count=max(1, delivery_count),
                idempotency_key=idempotency_key(identifier, received),
                processed_at=now,
            ),
        )
        return Enrichment(article=enriched, event_messages=story.event_messages, timings=timings)
