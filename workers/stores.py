"""The duplicate and story indexes in Redis, shared by every worker (shell side).

The app builds one per worker process and hands it to the pipeline::

    from workers.stores import redis_index

    index = redis_index(
        client,  # redis.asyncio.Redis
        prefix=settings.key_prefix,  # COOPSTREAM_KEY_PREFIX, default "coopstream"
        window_s=int(settings.dedup_window_days * 86400),  # COOPSTREAM_DEDUP_WINDOW_DAYS, 14
    )
    pipeline = Pipeline(engines, index=index, worker=settings.consumer)

Each article costs one ``EVALSHA`` of ``workers/lua/article.lua``: the duplicate lookup, the
story choice, the counts and the article's own record happen in one atomic script, so two
workers racing near-identical articles agree on which came first (the one whose script ran
first), and a redelivered article gets its first verdict back. The rules are those of the pure
core (:mod:`workers.core.dedup`, :mod:`workers.core.signature`, :mod:`workers.core.stories`);
the same tests run against both.

Measured on this 2-core machine, shared and busy (``coopstream bench``: a server per size,
rounds interleaved, medians of 5): at 10k, 100k and 1M indexed articles the script takes
0.38, 0.42 and 0.46 ms for an article without events and 1.16, 1.36 and 1.47 ms for one with
events (the story path: 80 commands, 11.6 ``HMGET`` at every size: what grows is the cost of
each access in a bigger dataset, for the duplicate part alike); the index holds about
1.35 KB per article (135 MB per 100k at 1M).

Keys, all under ``{prefix}:`` and all expiring but ``seq``:

- ``a:<id hash>`` the article's record (sketch fingerprint, verdict): ``window_s`` after it
  was first seen; an article older than that is forgotten;
- ``b:<shard>`` LSH buckets: strings of 14-byte entries (4 bytes of band, 8 of article id
  hash, 2 of generation), read for all bands with one ``MGET`` and appended to with
  ``APPEND`` (no per-entry overhead). A generation lasts ``window_s``; lookups use the
  entries of the current generation and the one before; entries are in arrival order, so the
  older ones are a prefix, cut away on a key's first write in a new generation, when its
  expiry moves to two windows after that generation began. The cost of a lookup does not grow
  with history; 2^20 shards keep each string short (about 450 bytes at 1M articles: with 2^18
  the strings, four times longer, made a lookup at 1M 30-100 % slower than at 10k);
- ``s:<story>`` a story (counts, context, mentions per event: small values, so Redis keeps
  it as one compact listpack), ``sj:<story>`` its events as first coded (JSON),
  ``sp:<participant>`` the recent stories of a country or organisation (the latest
  ``PARTICIPANT_CAP``, scored by their last activity there): ``window_s`` after the story's
  last article. An article reads the ``STORIES_SCANNED`` latest of each of its participants
  (``ZRANGE … LIMIT``), counts exactly how many of its participants each of those shares (one
  ``ZMSCORE`` per list cut short) and reads at most ``STORIES_JUDGED`` of them (``HMGET``), so
  the story lookup costs a bounded handful of commands however many stories a participant has
  (see :class:`workers.core.stories.MemoryStoryIndex`, which keeps the same bounds);
- ``seq`` a counter that orders articles (the earliest is the original).

The script derives most keys itself (they depend on what it finds), so it needs one Redis
server (or one Redis Cluster slot: a prefix with a hash tag, such as ``{coopstream}``).
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from importlib.resources import files
from typing import Any

from redis.asyncio import Redis

from schemas import CooperationEvent, StoryCounts
from workers.core.dedup import DedupPolicy, DuplicateDecision
from workers.core.indexes import Sighting, Verdict
from workers.core.signature import (
    NEAR_DAYS,
    SAME_PARTIES,
    SLACK_DAYS,
    SOFT_AFTER_DAYS,
    SOFT_BEFORE_DAYS,
    Context,
)
from workers.core.stories import (
    PARTICIPANT_CAP,
    STORIES_JUDGED,
    STORIES_SCANNED,
    Mention,
    assignment,
    story_id_for,
)

SCRIPT = (files("workers") / "lua" / "article.lua").read_text(encoding="utf-8")
SHARD_BITS = 20


def id_hash(article_id: str) -> str:
    """The article's key part: fixed length, whatever its id."""
    return hashlib.blake2b(article_id.encode("utf-8"), digest_size=8).hexdigest()


def bucket(band: int, shard_bits: int = SHARD_BITS) -> tuple[int, bytes]:
    """(shard, field) of a 64-bit LSH band key: the top bits pick the key, the next 32 bits
    are the entry's field (4 bytes) in that key."""
    return band >> (64 - shard_bits), ((band >> (32 - shard_bits)) & 0xFFFFFFFF).to_bytes(4, "big")


def pack_bands(bands: tuple[int, ...], shard_bits: int = SHARD_BITS) -> bytes:
    """The script's band argument: per band a big-endian u32 shard and a 4-byte field."""
    return b"".join(
        shard.to_bytes(4, "big") + field
        for shard, field in (bucket(band, shard_bits) for band in bands)
    )


def _text(value: Any) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def _context(context: Context) -> dict[str, Any]:
    """The context as the script reads it: absent spans left out, absent names empty."""
    out: dict[str, Any] = {
        "ci": context.city or "",
        "co": context.country or "",
        "oc": context.occasion or "",
    }
    if context.hard is not None:
        out["h0"], out["h1"] = context.hard
    if context.soft is not None:
        out["s0"], out["s1"] = context.soft
    return out


class RedisIndex:
    """Duplicates and stories in Redis; one script call per article."""

    def __init__(
        self,
        client: Redis,
        *,
        prefix: str,
        window_s: int,
        policy: DedupPolicy | None = None,
        shard_bits: int = SHARD_BITS,
    ) -> None:
        self.client = client
        self.prefix = prefix
        self.window_s = window_s
        self.policy = policy or DedupPolicy(window_s=float(window_s))
        self.shard_bits = shard_bits
        self._script = client.register_script(SCRIPT)

    def query(self, sighting: Sighting) -> tuple[str, list[str | bytes]]:
        """The script's record key and arguments for one article."""
        now_ms = int(sighting.seen_at.timestamp() * 1000)
        article_key = id_hash(sighting.article_id)
        generation = now_ms // 1000 // self.window_s
        sketch, signature = sighting.sketch, sighting.signature
        header = {
            "p": self.prefix,
            "id": article_key,
            "article": sighting.article_id,
            "now": now_ms,
            "window": self.window_s * 1000,
            "gen": generation,
            "gen_expire": (generation + 2) * self.window_s + 60,
            "min": self.policy.min_matches,
            "perms": self.policy.num_perm,
            "digest": sketch.digest,
            "nbands": len(sketch.bands),
            "story": story_id_for(sighting.article_id),
            "parts": list(signature.participants),
            "ctx": _context(signature.context),
            "slack": SLACK_DAYS,
            "same": SAME_PARTIES,
            "before": SOFT_BEFORE_DAYS,
            "after": SOFT_AFTER_DAYS,
            "near": NEAR_DAYS,
            "cap": PARTICIPANT_CAP,
            "scan": STORIES_SCANNED,
            "judged": STORIES_JUDGED,
            "outlet": sighting.outlet or "",
            "lang": sighting.language,
            "keys": [key for key, _ in signature.events],
        }
        events = [event.model_dump_json() for _, event in signature.events]
        args: list[str | bytes] = [
            json.dumps(header),
            sketch.fingerprint,
            bytes.fromhex(article_key),
            pack_bands(sketch.bands, self.shard_bits),
            *events,
        ]
        return f"{self.prefix}:a:{article_key}", args

    async def record(self, sighting: Sighting) -> Verdict:
        key, args = self.query(sighting)
        reply = await self._script(keys=[key], args=args)
        return self.verdict(sighting, reply)

    def verdict(self, sighting: Sighting, reply: list[Any]) -> Verdict:
        """The script's reply as the pipeline's verdict."""
        dup, matches, story_id = _text(reply[0]), int(reply[1]), _text(reply[2])
        duplicate = (
            DuplicateDecision(dup, self.policy.similarity(matches)) if dup else DuplicateDecision()
        )
        articles, outlets, languages = int(reply[3]), int(reply[4]), _text(reply[5])
        counts = None
        if articles > 0:
            counts = StoryCounts(
                articles=articles,
                outlets=outlets,
                languages=[lang for lang in languages.split(",") if lang],
                first_seen=datetime.fromtimestamp(int(reply[6]) / 1000, UTC),
                last_seen=datetime.fromtimestamp(int(reply[7]) / 1000, UTC),
            )
        mentions = []
        for i in range(8, len(reply) - 3, 4):
            first = _text(reply[i + 3])
            mentions.append(
                Mention(
                    key=_text(reply[i]),
                    kind="new" if _text(reply[i + 1]) == "new" else "mention",
                    mentions=int(reply[i + 2]),
                    first=CooperationEvent.model_validate_json(first) if first else None,
                )
            )
        story = assignment(
            sighting.article_id,
            sighting.signature,
            story_id=story_id or None,
            counts=counts,
            mentions=mentions,
            seen_at=sighting.seen_at,
        )
        return Verdict(duplicate, story)


def redis_index(client: Redis, *, prefix: str, window_s: int) -> RedisIndex:
    """The shared index of every worker: see the module's docstring."""
    return RedisIndex(client, prefix=prefix, window_s=window_s)
