"""Stories: reports of one event by other outlets, in other words or languages (pure).

An article with cooperation events joins the story that best fits its
:class:`~workers.core.signature.Signature` (see :mod:`workers.core.signature` for the rules),
or starts one; a near-identical copy joins its original's story. A story counts its articles,
outlets and languages, as GDELT counts NumArticles and NumSources, and each of its events
(type and two sides, in either order) counts the articles that mention it: the first mention
is published on ``events:cooperation`` as ``new``, later ones as ``mention`` with the count, so
an event reported slightly differently is still counted once. The index lives behind
:class:`StoryIndex`: in memory here, in Redis in the workers (``workers.stores``).
"""

from __future__ import annotations

import hashlib
import heapq
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal, Protocol

from schemas import CooperationEvent, EventMessage, StoryCounts
from workers.core.signature import Context, Signature, judge

Kind = Literal["new", "mention"]

PARTICIPANT_CAP = 256
"""Most recently active stories kept per participant."""
STORIES_SCANNED = 32
"""An article looks for its story among the stories most recently active with each of its
participants, this many per participant (shared participants are then counted exactly)."""
STORIES_JUDGED = 16
"""At most this many candidates are judged per article: most shared participants first, then
most recent. Together these bound a story lookup's cost however long a participant's history."""


def story_id_for(article_id: str) -> str:
    """A story is named after the article that started it."""
    return "st-" + hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:20]


def _ms(seconds: float) -> int:
    """Whole milliseconds, as the Redis index scores activity."""
    return int(seconds * 1000)


@dataclass(frozen=True)
class Mention:
    """What one article's report of one event amounted to."""

    key: str
    kind: Kind
    mentions: int
    first: CooperationEvent | None = None
    """The event as first coded, when another article coded it first."""


@dataclass(frozen=True)
class StoryAssignment:
    """The story an article joined and the event messages it produced."""

    story_id: str | None = None
    counts: StoryCounts | None = None
    event_messages: list[EventMessage] = field(default_factory=list)


def assignment(
    article_id: str,
    signature: Signature,
    *,
    story_id: str | None,
    counts: StoryCounts | None,
    mentions: list[Mention],
    seen_at: datetime,
) -> StoryAssignment:
    """The assignment with one event message per distinct event of the article."""
    if story_id is None:
        return StoryAssignment()
    coded = dict(signature.events)
    messages = [
        EventMessage(
            kind=m.kind,
            event=m.first or coded[m.key],
            article_id=article_id,
            story_id=story_id,
            mentions=m.mentions,
            seen_at=seen_at,
        )
        for m in mentions
        if m.key in coded
    ]
    return StoryAssignment(story_id=story_id, counts=counts, event_messages=messages)


class StoryIndex(Protocol):
    """Groups reports of the same event; atomic per call so concurrent workers agree."""

    async def assign(
        self,
        article_id: str,
        signature: Signature,
        *,
        outlet: str | None,
        language: str,
        seen_at: datetime,
        duplicate_of: str | None = None,
    ) -> StoryAssignment:
        """Join (or start) the story of these events and count the mentions. Asking again for
        the same ``article_id`` returns the first answer and counts nothing twice."""
        ...


@dataclass
class _Story:
    seq: int
    context: Context
    first_seen: float
    last_seen: float
    articles: int = 0
    outlets: set[str] = field(default_factory=set)
    languages: list[str] = field(default_factory=list)
    mentions: dict[str, int] = field(default_factory=dict)
    first: dict[str, CooperationEvent] = field(default_factory=dict)
    parties: set[str] = field(default_factory=set)

    def counts(self) -> StoryCounts:
        return StoryCounts(
            articles=self.articles,
            outlets=len(self.outlets),
            languages=list(self.languages),
            first_seen=datetime.fromtimestamp(self.first_seen, UTC),
            last_seen=datetime.fromtimestamp(self.last_seen, UTC),
        )


class MemoryStoryIndex:
    """Stories in dicts (tests, offline CLI, eval): one process only."""

    def __init__(self, *, window_s: float = 14 * 86400.0) -> None:
        self.window_s = window_s
        self._stories: dict[str, _Story] = {}
        self._by_participant: dict[str, dict[str, int]] = {}
        """Per participant: story id → its last activity there (ms), the latest
        :data:`PARTICIPANT_CAP` kept (as the Redis index's ``sp:`` sets)."""
        self._articles: dict[str, tuple[float, str | None, list[Mention]]] = {}

    def _live(self, story_id: str | None, now: float) -> _Story | None:
        story = self._stories.get(story_id) if story_id else None
        return story if story is not None and now - story.last_seen < self.window_s else None

    def _choose(self, signature: Signature, now: float) -> str | None:
        """The best-fitting story among the :data:`STORIES_SCANNED` latest of each participant
        (at most :data:`STORIES_JUDGED` judged), as ``workers/lua/article.lua`` chooses it."""
        since = _ms(now) - _ms(self.window_s)
        lists = [self._by_participant.get(p, {}) for p in signature.participants]
        order: dict[str, None] = {}
        for entries in lists:
            live = ((t, s) for s, t in entries.items() if t > since)
            order.update((s, None) for _, s in heapq.nlargest(STORIES_SCANNED, live))
        shared: dict[str, int] = {}
        last: dict[str, int] = {}
        for story_id in order:
            times = [e[story_id] for e in lists if e.get(story_id, since) > since]
            shared[story_id], last[story_id] = len(times), max(times)
        need = min(2, len(signature.participants))
        candidates = sorted(
            (s for s in order if shared[s] >= need), key=lambda s: (-shared[s], -last[s], s)
        )
        best: tuple[int, int, str] | None = None  # (-score, seq, story id)
        for story_id in candidates[:STORIES_JUDGED]:
            story = self._live(story_id, now)
            if story is None:
                continue
            common = any(key in story.mentions for key, _ in signature.events)
            score = judge(
                signature,
                story.context,
                shared[story_id],
                len(story.parties),
                shares_event=common,
            )
            if score is not None:
                ranked = (-score, story.seq, story_id)
                best = ranked if best is None or ranked < best else best
        return best[2] if best else None

    def _remember(self, participant: str, story_id: str, now: float) -> None:
        """``ZADD GT``, then drop what is out of the window and all but the latest
        :data:`PARTICIPANT_CAP` (by activity, then id), as the script does."""
        entries = self._by_participant.setdefault(participant, {})
        entries[story_id] = max(entries.get(story_id, 0), _ms(now))
        since = _ms(now) - _ms(self.window_s)
        for old in [s for s, t in entries.items() if t <= since]:
            del entries[old]
        if len(entries) > PARTICIPANT_CAP:
            kept = heapq.nlargest(PARTICIPANT_CAP, ((t, s) for s, t in entries.items()))
            self._by_participant[participant] = {s: t for t, s in kept}

    async def assign(
        self,
        article_id: str,
        signature: Signature,
        *,
        outlet: str | None,
        language: str,
        seen_at: datetime,
        duplicate_of: str | None = None,
    ) -> StoryAssignment:
        now = seen_at.timestamp()
        known = self._articles.get(article_id)
        if known is not None and now - known[0] < self.window_s:
            story = self._live(known[1], now)
            counts = story.counts() if story else None
            return assignment(
                article_id,
                signature,
                story_id=known[1],
                counts=counts,
                mentions=known[2],
                seen_at=seen_at,
            )
        if signature.empty:
            self._articles[article_id] = (now, None, [])
            return StoryAssignment()
        original = self._articles.get(duplicate_of) if duplicate_of else None
        story_id = original[1] if original and self._live(original[1], now) else None
        story_id = story_id or self._choose(signature, now) or story_id_for(article_id)
        story = self._live(story_id, now)
        if story is None:
            story = _Story(len(self._stories), signature.context, now, now)
            self._stories[story_id] = story
        story.context = story.context.merge(signature.context)
        story.articles += 1
        story.last_seen = max(story.last_seen, now)
        if outlet:
            story.outlets.add(outlet)
        if language not in story.languages:
            story.languages.append(language)
        story.parties.update(signature.participants)
        for participant in signature.participants:
            self._remember(participant, story_id, now)
        mentions = []
        for key, event in signature.events:
            count = story.mentions[key] = story.mentions.get(key, 0) + 1
            first = story.first.setdefault(key, event)
            if count == 1:
                mentions.append(Mention(key, "new", count))
            else:
                mentions.append(Mention(key, "mention", count, first))
        self._articles[article_id] = (now, story_id, mentions)
        return assignment(
            article_id,
            signature,
            story_id=story_id,
            counts=story.counts(),
            mentions=mentions,
            seen_at=seen_at,
        )
