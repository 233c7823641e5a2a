"""The article at a glance: what its events add up to."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from schemas import CooperationEvent, DateRange, EventType, Location, Summary, Topic
from workers.core.dyads import Scope, article_city
from workers.core.facts import ACTIVITY_TOPICS, Facts
from workers.core.numbers import Count

_NEAR = timedelta(days=14)
"""Dates of the article's events this close to its lead event's are the same occasion's."""
# Activity topics (facts.ACTIVITY_TOPICS: what was done) are the article's only when an
# event's sentence, or the one after it, names them (``courses held in past years``, ``a
# regional course planned for next year`` in the background are no topic of this meeting).


def summarize(
    events: Sequence[CooperationEvent],
    found: Sequence[Scope],
    facts: Sequence[Facts],
    counts: Sequence[Count],
    place: Location | None = None,
) -> Summary:
    """Countries and organisations of the events (acting sides included), topics of the
    article, their place, the span of their dates, the meeting count."""
    if not events:
        return Summary(relevant=False)
    countries: list[str] = []
    organizations: list[str] = []
    types: list[EventType] = []
    for event in events:
        for party in (event.actor, event.counterpart):
            if party.country and party.country not in countries:
                countries.append(party.country)
            if party.organization and party.organization not in organizations:
                organizations.append(party.organization)
        if event.type not in types:
            types.append(event.type)
    topics: list[Topic] = []
    near = {
        scope.facts.sentence.index + step for scope in found if _two_sided(scope) for step in (0, 1)
    }
    for fact in facts:  # what the article is about, background paragraphs included
        activities = fact.sentence.index in near  # training elsewhere is not this event's
        topics.extend(
            t for t in fact.topics if t not in topics and (activities or t not in ACTIVITY_TOPICS)
        )
    for event in events:
        topics.extend(t for t in event.topics if t not in topics)
    meetings = next((c.value for c in counts if c.what == "meetings"), None)
    occasions = [e.occasion for e in events if e.occasion]
    return Summary(
        relevant=True,
        countries=sorted(countries),
        organizations=sorted(organizations),
        topics=sorted(topics),
        event_types=types,
        location=place if place is not None else article_city(found, facts),
        date=_span([e.date for e in events if e.date is not None]),
        meeting_count=meetings,
        occasion=occasions[0] if occasions else None,
    )


def _two_sided(scope: Scope) -> bool:
    """Whether a scope codes events: an acting side with a counterpart, or two sides."""
    sides = len(scope.counterparts) + len(scope.organizations)
    return sides >= 1 if scope.actor else sides >= 2


def _span(dated: list[DateRange]) -> DateRange | None:
    """The span of the events' dates around the first dated event (the one the article
    leads with): a date of another event more than a fortnight from it is background (``the
    memorandum signed in July 2023``, ``arrested in August 2024``) and does not stretch it."""
    lead = next((r for r in dated if r.start and r.end), None)
    if lead is None or lead.start is None or lead.end is None:
        return None
    low, high = lead.start - _NEAR, lead.end + _NEAR
    ranges = [r for r in dated if r.start and r.end and r.start <= high and r.end >= low]
    starts = [r.start for r in ranges if r.start]
    ends = [r.end for r in ranges if r.end]
    if not starts or not ends:
        return None
    precision = ranges[0].precision if len({r.precision for r in ranges}) == 1 else "day"
    return DateRange(start=min(starts), end=max(ends), precision=precision)
