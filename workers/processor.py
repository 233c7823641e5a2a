"""One batch of stream entries → enriched articles, dead letters and acks, committed at once.

Transport-agnostic: it gets entries (id, fields, delivery count) from the FastStream subscriber
or from the reclaimer, runs the pure pipeline and hands the result to the outbox.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from schemas import Article, DeadLetter, DeadReason
from workers.core.pipeline import Enrichment, Pipeline
from workers.intake import Limits, Rejection, original_for_dead_letter, parse_entry
from workers.logs import get_logger
from workers.outbox import Batch, CommitResult, Outbox
from workers.settings import Settings

TRANSIENT = (RedisConnectionError, RedisTimeoutError, OSError)
"""Errors of the connection, not of the message: never counted against it."""


@dataclass(frozen=True)
class Entry:
    """A stream entry as read: id, raw fields, and how many times it was delivered."""

    entry_id: str
    fields: dict[bytes, bytes]
    delivery_count: int = 1


class BatchObserver(Protocol):
    """Told what the processor did (``workers.metrics.Metrics`` counts it)."""

    def received_entries(self, count: int) -> None: ...

    def committed(self, batch: Batch, result: CommitResult, elapsed_s: float) -> None: ...


class Processor:
    """Turns entries into a committed batch. One per worker process."""

    def __init__(
        self,
        settings: Settings,
        pipeline: Pipeline,
        outbox: Outbox,
        client: Redis,
        *,
        observer: BatchObserver | None = None,
    ) -> None:
        self.observer = observer
        self.settings = settings
        self.pipeline = pipeline
        self.outbox = outbox
        self.client = client
        self.limits = Limits(settings.max_payload_bytes, settings.max_text_chars)
        self.failures_key = settings.key("failures", settings.input_stream)
        self.log = get_logger("coopstream.worker")
        self.ready = False

    def dead_letter(
        self, entry: Entry, reason: DeadReason, detail: str, error: str | None = None
    ) -> DeadLetter:
        original, encoding, truncated = original_for_dead_letter(
            entry.fields, self.settings.dead_original_max_bytes
        )
        return DeadLetter(
            reason=reason,
            detail=detail,
            source_stream=self.settings.input_stream,
            entry_id=entry.entry_id,
            delivery_count=max(1, entry.delivery_count),
            original=original,
            original_encoding=encoding,
            original_truncated=truncated,
            error=error,
            worker=self.settings.consumer,
            failed_at=datetime.now(UTC),
        )

    async def _failed(self, entry: Entry, exc: Exception) -> DeadLetter | None:
        """Count a processing failure; a dead letter once it failed too often."""
        error = f"{type(exc).__name__}: {str(exc)[:300]}"
        failures = int(await self.client.hincrby(self.failures_key, entry.entry_id, 1))
        self.log.warning("article_failed", entry_id=entry.entry_id, failures=failures, error=error)
        if failures < self.settings.max_failures:
            return None
        return self.dead_letter(entry, "processing_failed", f"failed {failures} times", error=error)

    async def dead_letter_crashed(self, entries: Sequence[Entry]) -> None:
        """Entries delivered too often without a clean failure (they kill workers)."""
        batch = Batch()
        for entry in entries:
            batch.dead.append(
                self.dead_letter(
                    entry,
                    "processing_failed",
                    f"delivered {entry.delivery_count} times without completing",
                )
            )
            batch.ack_ids.append(entry.entry_id)
        result = await self.outbox.commit(batch)
        if self.observer is not None:
            self.observer.received_entries(len(entries))
            self.observer.committed(batch, result, 0.0)
        self._log_batch(batch, 0.0, result)

    async def _enrich(self, entry: Entry, article: Article) -> Enrichment:
        return await self.pipeline.enrich(
            article, entry_id=entry.entry_id, delivery_count=entry.delivery_count
        )

    async def process(self, entries: Sequence[Entry]) -> CommitResult | None:
        """Process and commit a batch. Entries that failed transiently stay pending."""
        batch = Batch()
        started = time.perf_counter()
        if self.observer is not None:
            self.observer.received_entries(len(entries))
        failed_ids: list[str] = []
        for entry in entries:
            parsed = parse_entry(entry.fields, self.limits)
            if isinstance(parsed, Rejection):
                batch.dead.append(self.dead_letter(entry, parsed.reason, parsed.detail))
                batch.ack_ids.append(entry.entry_id)
                continue
            try:
                batch.enrichments.append(await self._enrich(entry, parsed))
                batch.ack_ids.append(entry.entry_id)
            except TRANSIENT:
                raise
            except Exception as exc:  # a bug or poison input: count it, never crash
                letter = await self._failed(entry, exc)
                if letter is not None:
                    batch.dead.append(letter)
                    batch.ack_ids.append(entry.entry_id)
                    failed_ids.append(entry.entry_id)
        if not batch:
            return None
        result = await self.outbox.commit(batch)
        if self.observer is not None:
            self.observer.committed(batch, result, time.perf_counter() - started)
        if failed_ids:
            await self.client.hdel(self.failures_key, *failed_ids)
        self.ready = True
        self._log_batch(batch, time.perf_counter() - started, result)
        return result

    def _log_batch(self, batch: Batch, elapsed: float, result: CommitResult) -> None:
        per_article_ms = round(elapsed * 1000 / max(1, len(batch.ack_ids)), 3)
        published_before = set(result.skipped_at)
        for position, item in enumerate(batch.enrichments):
            a = item.article
            if position in published_before:
                self.log.info(
                    "article_already_published",
                    article_id=a.id,
                    entry_id=a.processing.entry_id,
                    idempotency_key=a.processing.idempotency_key,
                    delivery_count=a.processing.delivery_count,
                )
                continue
            self.log.info(
                "article_enriched",
                article_id=a.id,
                entry_id=a.processing.entry_id,
                language=a.language.code,
                relevant=a.relevant,
                events=len(a.events),
                countries=len(a.summary.countries),
                duplicate_of=a.dedup.duplicate_of,
                story_id=a.dedup.story_id,
                delivery_count=a.processing.delivery_count,
                elapsed_ms=a.processing.elapsed_ms,
            )
        for letter in batch.dead:
            self.log.warning(
                "article_dead_lettered",
                entry_id=letter.entry_id,
                reason=letter.reason,
                detail=letter.detail,
                delivery_count=letter.delivery_count,
                batch_ms_per_entry=per_article_ms,
            )
