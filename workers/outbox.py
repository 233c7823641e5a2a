"""The outbox: publish a batch's outputs and acknowledge its entries in one atomic script.

Publishing before acknowledging gives at-least-once; the idempotency key claimed in the same
script makes the publish effectively-once: an entry redelivered after a crash between publish
and ack is acknowledged without being published again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

from redis.asyncio import Redis

from schemas import DeadLetter
from workers.core.pipeline import Enrichment

_SCRIPT = (files("workers") / "lua" / "commit_batch.lua").read_text(encoding="utf-8")


@dataclass
class Batch:
    """What one poll produced: enriched articles, dead letters, entries to acknowledge."""

    enrichments: list[Enrichment] = field(default_factory=list)
    dead: list[DeadLetter] = field(default_factory=list)
    ack_ids: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.enrichments or self.dead or self.ack_ids)


@dataclass(frozen=True)
class CommitResult:
    """Counts returned by the script, and which articles were published before."""

    published: int
    dead: int
    acked: int
    skipped_at: tuple[int, ...] = ()
    """Positions in ``Batch.enrichments`` of the articles published before (a redelivery):
    acknowledged only."""

    @property
    def skipped(self) -> int:
        """How many articles were acknowledged without a second publish."""
        return len(self.skipped_at)


@dataclass(frozen=True)
class Streams:
    """Names and caps of the streams the outbox writes."""

    input: str
    enriched: str
    events: str
    dead: str
    group: str
    enriched_maxlen: int
    events_maxlen: int
    dead_maxlen: int


class Outbox:
    """Commits batches through one registered Lua script."""

    def __init__(
        self, client: Redis, streams: Streams, *, key_prefix: str, idempotency_ttl_s: int
    ) -> None:
        self.streams = streams
        self.key_prefix = key_prefix
        self.ttl = max(1, idempotency_ttl_s)
        self._script = client.register_script(_SCRIPT)

    def published_key(self, idempotency_key: str) -> str:
        """The Redis key that records that an output was published."""
        return f"{self.key_prefix}:published:{idempotency_key}"

    async def commit(self, batch: Batch) -> CommitResult:
        """Publish, dead-letter and acknowledge atomically."""
        s = self.streams
        keys = [s.enriched, s.events, s.dead, s.input]
        args: list[Any] = [
            s.group,
            s.enriched_maxlen,
            s.events_maxlen,
            s.dead_maxlen,
            self.ttl,
            len(batch.enrichments),
            len(batch.dead),
            len(batch.ack_ids),
        ]
        for item in batch.enrichments:
            key = item.article.processing.idempotency_key
            keys.append(self.published_key(key))
            args += [item.article.id, key, item.article.model_dump_json(), len(item.event_messages)]
            args += [message.model_dump_json() for message in item.event_messages]
        for letter in batch.dead:
            args += [letter.entry_id, letter.reason, letter.model_dump_json()]
        args += batch.ack_ids
        published, dead, acked, skipped_at = await self._script(keys=keys, args=args)
        return CommitResult(
            int(published), int(dead), int(acked), tuple(int(p) - 1 for p in skipped_at)
        )
