"""The transport ceiling: the real worker with the pure core replaced by an echo.

``python -m workers.bench.transport`` runs exactly what ``coopstream run`` runs — the FastStream
batch subscriber on the same consumer group, intake of each entry, the outbox's one Lua commit
per batch (publish + idempotency key + ack), the canonical log line per article — except that
:class:`EchoPipeline` turns each article into an enriched message of the same size (the input's
text and fields, no language, events or duplicate lookup). Throughput measured with it is what
the shell and Redis alone allow on this machine: the ceiling the real pipeline is compared to.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

from schemas import Article, DedupInfo, EnrichedArticle, LanguageResult, Processing, Summary
from workers import __version__
from workers.app import build_app
from workers.core.pipeline import (
    Enrichment,
    Pipeline,
    article_id,
    idempotency_key,
    passed_through,
    text_digest,
)
from workers.logs import configure_logging
from workers.settings import load_settings

_NOTHING = Summary(relevant=False)
_UNKNOWN = LanguageResult(code="und", probability=0.0)


class EchoPipeline(Pipeline):
    """No processing: the article comes back as an enriched message with empty findings."""

    async def enrich(
        self,
        article: Article,
        *,
        entry_id: str | None = None,
        delivery_count: int = 1,
    ) -> Enrichment:
        started = time.perf_counter()
        digest = text_digest(article.text)
        identifier = article_id(article, digest)
        enriched = EnrichedArticle(
            id=identifier,
            **passed_through(article),
            language=_UNKNOWN,
            relevant=False,
            events=[],
            summary=_NOTHING,
            dedup=DedupInfo(content_hash=digest),
            processing=Processing(
                worker=self.worker,
                version=__version__,
                elapsed_ms=round((time.perf_counter() - started) * 1000, 3),
                entry_id=entry_id,
                delivery_count=max(1, delivery_count),
                idempotency_key=idempotency_key(identifier, digest),
                processed_at=datetime.now(UTC),
            ),
        )
        return Enrichment(article=enriched, event_messages=[])


async def serve_echo() -> None:
    """One echo worker until SIGTERM/SIGINT (settings from the environment, as ``run``)."""
    settings = load_settings()
    configure_logging(settings.log_level, settings.log_format)
    app, _broker, runtime = build_app(settings)

    @app.on_startup
    async def swap_pipeline() -> None:  # runs after the app's own start-up hook
        assert runtime.processor is not None
        assert runtime.engines is not None
        runtime.processor.pipeline = EchoPipeline(runtime.engines, worker=settings.consumer)

    await app.run()


if __name__ == "__main__":
    asyncio.run(serve_echo())
