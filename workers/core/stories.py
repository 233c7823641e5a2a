"""PLACEHOLDER for stories (issue 4): no story is ever assigned.

The protocol is the contract the pipeline relies on; the Redis version lives in the shell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from schemas import CooperationEvent, EventMessage, StoryCounts


@dataclass(frozen=True)
class StoryAssignment:
    """The story an article joined and the event messages it produced."""

    story_id: str | None = None
    counts: StoryCounts | None = None
    event_messages: list[EventMessage] = field(default_factory=list)


class StoryIndex(Protocol):
    """Groups reports of the same event; atomic per call so concurrent workers agree."""

    async def assign(
        self,
        article_id: str,
        events: Sequence[CooperationEvent],
        *,
        outlet: str | None,
        language: str,
        seen_at: datetime,
    ) -> StoryAssignment:
        """Join (or start) the story of these events and count the mentions."""
        ...


class NoStories:
    """Assigns no story (until issue 4 lands)."""

    async def assign(
        self,
        article_id: str,
        events: Sequence[CooperationEvent],
        *,
        outlet: str | None,
        language: str,
        seen_at: datetime,
    ) -> StoryAssignment:
        return StoryAssignment()
