"""PLACEHOLDER for near-duplicates (issue 4): exact copies only, in memory.

The protocol is the contract the pipeline relies on; the Redis version lives in the shell.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Protocol

from workers.core.normalize import fold


def content_hash(text: str) -> str:
    """SHA-256 of the folded text: equal for copies that differ in case, accents,
    Arabic letter variants, punctuation or spacing."""
    return hashlib.sha256(fold(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class DuplicateDecision:
    """The first article this one copies, if any."""

    duplicate_of: str | None = None
    similarity: float | None = None


class DuplicateIndex(Protocol):
    """Finds and remembers articles; atomic per call so concurrent workers agree."""

    async def check_and_add(self, article_id: str, text: str, digest: str) -> DuplicateDecision:
        """Return the earlier copy of this article, and index it if it is new."""
        ...


class MemoryDuplicateIndex:
    """Exact-copy index in memory (tests and offline runs)."""

    def __init__(self) -> None:
        self._by_hash: dict[str, str] = {}

    async def check_and_add(self, article_id: str, text: str, digest: str) -> DuplicateDecision:
        first = self._by_hash.setdefault(digest, article_id)
        if first == article_id:
            return DuplicateDecision()
        return DuplicateDecision(duplicate_of=first, similarity=1.0)
