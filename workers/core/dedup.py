"""Near-identical copies: the first article seen of which a new one is a copy (pure).

An article's :class:`~workers.core.sketch.Sketch` is looked up in an LSH index: every article
that shares a band is a candidate, and a candidate whose fingerprint agrees on at least
:attr:`DedupPolicy.min_matches` bytes (estimated Jaccard ≥ ``threshold``) is a copy. The
answer is the copy's own original (its *root*), so chains of reposts all point to the first
article; among several, the earliest root wins. The index lives behind
:class:`DuplicateIndex`: in memory here (tests, offline runs), in Redis in the workers
(``workers.stores``, one Lua script, the same rules).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from workers.core.sketch import Sketch, content_hash, estimate_jaccard, matches_needed

__all__ = [
    "DedupPolicy",
    "DuplicateDecision",
    "DuplicateIndex",
    "MemoryDuplicateIndex",
    "content_hash",
]


@dataclass(frozen=True)
class DuplicateDecision:
    """The first article this one copies, if any."""

    duplicate_of: str | None = None
    similarity: float | None = None


@dataclass(frozen=True)
class DedupPolicy:
    """When a candidate counts as a copy, and for how long articles are remembered."""

    threshold: float = 0.4
    """Estimated Jaccard similarity of word 3-grams at or above which a text is a copy.
    Reposts with a changed headline, a dropped or added paragraph, a signature or byline score
    0.6-1.0 (estimates: ± 0.045 at 128 permutations); the same event in other words, 0.03-0.05
    (the two seeds, the closest pairs of the development set)."""
    num_perm: int = 128
    window_s: float = 14 * 86400.0
    """Articles older than this are forgotten."""

    @property
    def min_matches(self) -> int:
        """Fingerprint bytes that must agree."""
        return matches_needed(self.threshold, self.num_perm)

    def matches(self, new: Sketch, old_digest: str, old_fingerprint: bytes) -> int:
        """Agreeing bytes between two sketches; all of them for an exact copy."""
        if new.digest == old_digest:
            return self.num_perm
        if not new.fingerprint or len(new.fingerprint) != len(old_fingerprint):
            return 0
        return sum(a == b for a, b in zip(new.fingerprint, old_fingerprint, strict=True))

    def similarity(self, matches: int) -> float:
        return estimate_jaccard(matches, self.num_perm)


class DuplicateIndex(Protocol):
    """Finds and remembers articles; atomic per call so concurrent workers agree."""

    async def check_and_add(
        self, article_id: str, sketch: Sketch, *, seen_at: datetime
    ) -> DuplicateDecision:
        """The earlier copy of this article, if any; the article is indexed either way.
        Asking again for the same ``article_id`` returns the first answer."""
        ...


@dataclass
class _Seen:
    seq: int
    at: float
    digest: str
    fingerprint: bytes
    root: str
    root_seq: int
    decision: DuplicateDecision = field(default_factory=DuplicateDecision)


class MemoryDuplicateIndex:
    """The LSH index in a dict (tests, offline CLI, eval): one process only."""

    def __init__(self, policy: DedupPolicy | None = None) -> None:
        self.policy = policy or DedupPolicy()
        self._seen: dict[str, _Seen] = {}
        self._buckets: dict[int, str] = {}
        self._seq = 0

    def _live(self, article_id: str | None, now: float) -> _Seen | None:
        seen = self._seen.get(article_id) if article_id is not None else None
        if seen is None or now - seen.at >= self.policy.window_s:
            return None
        return seen

    async def check_and_add(
        self, article_id: str, sketch: Sketch, *, seen_at: datetime
    ) -> DuplicateDecision:
        now = seen_at.timestamp()
        earlier = self._live(article_id, now)
        if earlier is not None:
            return earlier.decision
        self._seq += 1
        best: tuple[int, int, str] | None = None  # (root seq, -matches, candidate id)
        for band in sketch.bands:
            holder = self._buckets.get(band)
            candidate = self._live(holder, now)
            if candidate is None or holder == article_id:
                continue
            matches = self.policy.matches(sketch, candidate.digest, candidate.fingerprint)
            if matches >= self.policy.min_matches:
                assert holder is not None
                ranked = (candidate.root_seq, -matches, holder)
                best = ranked if best is None or ranked < best else best
        seen = _Seen(self._seq, now, sketch.digest, sketch.fingerprint, article_id, self._seq)
        if best is not None:
            matched = self._seen[best[2]]
            root = self._live(matched.root, now)
            matches = -best[1]
            if root is not None and matched.root != best[2]:
                matches = self.policy.matches(sketch, root.digest, root.fingerprint)
            seen.root, seen.root_seq = matched.root, matched.root_seq
            seen.decision = DuplicateDecision(matched.root, self.policy.similarity(matches))
        self._seen[article_id] = seen
        for band in sketch.bands:
            if self._live(self._buckets.get(band), now) is None:
                self._buckets[band] = article_id
        return seen.decision
