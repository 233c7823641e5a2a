"""The language-independent signature of an article's events, and when two of them can be one
story (pure).

Reports of one event in other words or another language agree on *who* (the countries and
organisations taking part, codes not names), *when* (the event dates, else near the publication
date) and *where* (city, country, occasion), not on wording. A :class:`Signature` keeps exactly
that; :func:`judge` tells whether an article fits a story's :class:`Context` and how well.

Rules, the same in memory and in the Redis script (``workers/lua/article.lua``):

- an article shares at least ``min(2, its participants)`` participants with the story, so the
  same minister meeting two different countries on one day makes two stories;
- dates conflict when both sides have event dates and the ranges are more than
  :data:`SLACK_DAYS` apart (two INTERPOL assemblies a year apart, two agreements a year apart);
  an article with no event date stands for ``[published - 10 days, published + 1 day]``; an
  article with neither fits any date. Event dates more than :data:`FRESH_DAYS` from the
  publication are background (the arrest in February, the treaty denounced last year), not
  the event reported, and left out;
- without event dates on both sides that agree, the article must share an event (type and
  sides) with the story: a Moroccan-French meeting in Rabat whose report mentions joint
  operations with Spain in passing is not the Moroccan-Spanish agreement signed in Rabat
  that week;
- cities (or location countries) conflict when both are known and differ, unless the report
  is plainly the same event seen from elsewhere (:func:`elsewhere`): it shares an event (type
  and sides) with the story, the dates are near (event dates that agree, or publications at
  most :data:`NEAR_DAYS` apart), the parties are nearly the same, and the places lie in one
  country or one of them in a country taking part — a dateline in Bogotá and the raid in
  Cartagena, the plane leaving Mexico City and landing in New York, a port where an earlier
  seizure was made named by one report;
- the score is the shared participants, +1 for agreeing event dates, +1 for the same city,
  +1 for the same occasion; with none of these three, the two sets of participants must be
  nearly the same (Jaccard ≥ :data:`SAME_PARTIES`); the best score wins, the earliest story on
  a tie.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from schemas import CooperationEvent, DateRange, Party
from workers.core.normalize import fold

SLACK_DAYS = 1
SAME_PARTIES = 0.6
"""Without an agreeing event date, city or occasion, the article's and the story's
participants must overlap this much (Jaccard): a bilateral meeting in Algiers on 4 March is
not the Arab interior ministers' council in Tunis on 5 March, though three of its parties sat
there too."""
SOFT_BEFORE_DAYS, SOFT_AFTER_DAYS = 10, 1
FRESH_DAYS = 31
"""An event date this many days or more before (or after) the publication is background."""
NEAR_DAYS = 2
"""Near in time (for :func:`elsewhere`): event dates, or the days an undated story was
published, at most this many days apart."""

Span = tuple[int, int]
"""Inclusive range of proleptic Gregorian day ordinals."""


def side(party: Party) -> str | None:
    """A party as a code every language agrees on: organisation, else country."""
    if party.organization:
        return f"o:{party.organization.upper()}"
    if party.country:
        return f"c:{party.country.upper()}"
    return None


def event_key(event: CooperationEvent) -> str | None:
    """One event of a story: its type and its two sides, in either order."""
    sides = sorted(s or "-" for s in (side(event.actor), side(event.counterpart)))
    if sides == ["-", "-"]:
        return None
    return f"{event.type}|{sides[0]}|{sides[1]}"


def span(when: DateRange | None) -> Span | None:
    """Event dates as an ordinal range; a month or year stands for all its days."""
    if when is None or when.start is None or when.precision == "published":
        return None
    start, end = when.start, when.end or when.start
    if when.precision == "month":
        start = start.replace(day=1)
        end = end.replace(day=calendar.monthrange(end.year, end.month)[1])
    elif when.precision == "year":
        start, end = date(start.year, 1, 1), date(end.year, 12, 31)
    return (min(start, end).toordinal(), max(start, end).toordinal())


def union(left: Span | None, right: Span | None) -> Span | None:
    if left is None or right is None:
        return left or right
    return (min(left[0], right[0]), max(left[1], right[1]))


def overlaps(left: Span, right: Span, slack: int = SLACK_DAYS) -> bool:
    return left[0] <= right[1] + slack and right[0] <= left[1] + slack


def _most_common(values: Iterable[str | None]) -> str | None:
    counted = Counter(v for v in values if v)
    return counted.most_common(1)[0][0] if counted else None


@dataclass(frozen=True)
class Context:
    """When and where: of one article, or of a story (the union of its articles)."""

    hard: Span | None = None
    """Event dates the texts give."""
    soft: Span | None = None
    """Around the publication dates, for articles that give no event date."""
    city: str | None = None
    country: str | None = None
    occasion: str | None = None

    def merge(self, other: Context) -> Context:
        """The story's context once ``other`` joined it."""
        return Context(
            hard=union(self.hard, other.hard),
            soft=union(self.soft, other.soft),
            city=self.city or other.city,
            country=self.country or other.country,
            occasion=self.occasion or other.occasion,
        )


@dataclass(frozen=True)
class Signature:
    """What an article says happened, language-independently."""

    participants: tuple[str, ...]
    context: Context
    events: tuple[tuple[str, CooperationEvent], ...]
    """(event key, event) for each distinct key, in the article's order."""

    @property
    def empty(self) -> bool:
        return not self.events


def signature(events: Sequence[CooperationEvent], published_at: datetime | None) -> Signature:
    """The signature of an article's events."""
    keyed: dict[str, CooperationEvent] = {}
    participants: set[str] = set()
    hard: Span | None = None
    day = published_at.date().toordinal() if published_at is not None else None
    fresh = (day - FRESH_DAYS, day + FRESH_DAYS) if day is not None else None
    for event in events:
        key = event_key(event)
        if key is None:
            continue
        keyed.setdefault(key, event)
        participants.update(s for s in (side(event.actor), side(event.counterpart)) if s)
        when = span(event.date)
        if when is not None and (fresh is None or overlaps(when, fresh, 0)):
            hard = union(hard, when)
    soft: Span | None = None
    if hard is None and day is not None:
        soft = (day - SOFT_BEFORE_DAYS, day + SOFT_AFTER_DAYS)
    located = [e.location for e in keyed.values() if e.location is not None]
    context = Context(
        hard=hard,
        soft=soft,
        city=_most_common(fold(loc.city) if loc.city else None for loc in located),
        country=_most_common(loc.country for loc in located),
        occasion=_most_common(fold(e.occasion) if e.occasion else None for e in keyed.values()),
    )
    return Signature(tuple(sorted(participants)), context, tuple(keyed.items()))


def near(context: Context) -> Span | None:
    """When, narrowly: the event dates, else the publication days, else unknown."""
    if context.hard is not None:
        return context.hard
    if context.soft is None:
        return None
    return (context.soft[0] + SOFT_BEFORE_DAYS, context.soft[1] - SOFT_AFTER_DAYS)


def elsewhere(
    article: Signature, story: Context, *, same_parties: bool, shares_event: bool
) -> bool:
    """Whether a report whose place differs from the story's is still the same event: one
    event in common, near in time, nearly the same parties, and the places in one country or
    one of them in a country taking part (a place elsewhere is weak evidence: a background
    port, a surname read as a city)."""
    mine, theirs = near(article.context), near(story)
    if not (same_parties and shares_event and mine and theirs):
        return False
    if not overlaps(mine, theirs, NEAR_DAYS):
        return False
    left, right = article.context.country, story.country
    taking_part = {p.removeprefix("c:") for p in article.participants if p.startswith("c:")}
    return bool(left and right and (left == right or left in taking_part or right in taking_part))


def _dates(mine: Context, theirs: Context, *, shares_event: bool) -> int | None:
    """1 when the event dates agree, 0 when no dates conflict and an event is in common,
    None otherwise."""
    if mine.hard is not None and theirs.hard is not None:
        return 1 if overlaps(mine.hard, theirs.hard) else None
    left, right = mine.hard or mine.soft, theirs.hard or theirs.soft
    if left is not None and right is not None and not overlaps(left, right):
        return None
    return 0 if shares_event else None  # no event dates agree, and no event in common


def judge(
    article: Signature,
    story: Context,
    shared: int,
    participants: int,
    *,
    shares_event: bool = False,
) -> int | None:
    """How well an article fits a story of ``participants`` participants, ``shared`` of them
    the article's; None: it does not. ``shares_event``: the story already counts one of the
    article's events (type and sides)."""
    mine, theirs, count = article.context, story, len(article.participants)
    if shared < min(2, count) or shared == 0:
        return None
    same_parties = shared >= SAME_PARTIES * (count + participants - shared)
    dated = _dates(mine, theirs, shares_event=shares_event)
    if dated is None:
        return None
    score = shared + dated
    if any(
        a and b and a != b for a, b in ((mine.city, theirs.city), (mine.country, theirs.country))
    ):
        if not elsewhere(article, story, same_parties=same_parties, shares_event=shares_event):
            return None
    elif mine.city and mine.city == theirs.city:
        score += 1
    if mine.occasion and mine.occasion == theirs.occasion:
        score += 1
    if score == shared and not same_parties:
        return None  # nothing but the parties agrees, and they are not the same parties
    return score
