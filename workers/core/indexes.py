"""Both indexes in one call per article, so a shared store can answer in one round trip (pure).

The pipeline hands each article to an :class:`ArticleIndex` once: the duplicate decision and
the story come back together. :class:`SplitIndex` makes one of a
:class:`~workers.core.dedup.DuplicateIndex` and a :class:`~workers.core.stories.StoryIndex`
(two calls: fine in memory); the Redis index in ``workers.stores`` answers both in one script.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from workers.core.dedup import DedupPolicy, DuplicateDecision, DuplicateIndex, MemoryDuplicateIndex
from workers.core.signature import Signature
from workers.core.sketch import Sketch
from workers.core.stories import MemoryStoryIndex, StoryAssignment, StoryIndex


@dataclass(frozen=True)
class Sighting:
    """One article as the indexes see it."""

    article_id: str
    sketch: Sketch
    signature: Signature
    outlet: str | None
    language: str
    seen_at: datetime


@dataclass(frozen=True)
class Verdict:
    """The duplicate decision and the story of one article."""

    duplicate: DuplicateDecision
    story: StoryAssignment


class ArticleIndex(Protocol):
    """Finds copies and stories, and remembers the article; atomic per call, idempotent per
    article id (a redelivered article gets its first verdict back and counts nothing twice)."""

    async def record(self, sighting: Sighting) -> Verdict:
        """The verdict on this article."""
        ...


class SplitIndex:
    """An article index made of a duplicate index and a story index."""

    def __init__(self, duplicates: DuplicateIndex, stories: StoryIndex) -> None:
        self.duplicates = duplicates
        self.stories = stories

    async def record(self, sighting: Sighting) -> Verdict:
        duplicate = await self.duplicates.check_and_add(
            sighting.article_id, sighting.sketch, seen_at=sighting.seen_at
        )
        story = await self.stories.assign(
            sighting.article_id,
            sighting.signature,
            outlet=sighting.outlet,
            language=sighting.language,
            seen_at=sighting.seen_at,
            duplicate_of=duplicate.duplicate_of,
        )
        return Verdict(duplicate, story)


def memory_index(*, window_s: float = 14 * 86400.0, threshold: float = 0.4) -> SplitIndex:
    """Both indexes in memory: tests, the offline CLI, ``coopstream eval``."""
    policy = DedupPolicy(threshold=threshold, window_s=window_s)
    return SplitIndex(MemoryDuplicateIndex(policy), MemoryStoryIndex(window_s=window_s))
