"""Dyadic coding: from sentence facts to events, one per acting side × counterpart × type.

The acting side is the article's home country when the article is written from its point of
view (its officials, agencies or ``the Moroccan side`` act in it) and the sentence lists its
partners; otherwise the first side named. A sentence with only one side (a police operation
by one country alone) codes nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from schemas import CooperationEvent, DateRange, EventType, Location, Topic
from workers.core.dates import Dated, event_span
from workers.core.facts import Facts

_IMPLICIT_PARTNERS = 2  # with exactly two foreign sides and no home side, they act together
_EXPLICIT_KINDS = frozenset({"person", "agency", "demonym"})
_INHERIT_REACH = 2  # a generic "cooperation extended to…" continues the events just before
_NEAR_DAYS = 7  # a relative date and a written-out one this close are one event's


@dataclass(frozen=True)
class Home:
    """The country the article is written from, and whether its own actors say so."""

    country: str | None
    strong: bool


@dataclass(frozen=True)
class Scope:
    """A sentence that reports cooperation, with its types and its two kinds of sides."""

    facts: Facts
    types: dict[EventType, str]
    actor: str | None
    counterparts: list[str]
    organizations: list[str]


def home_country(facts: Sequence[Facts]) -> Home:
    """The article's home: the country its officials and agencies belong to, else the one
    named most often (at least twice, more than any other)."""
    explicit: Counter[str] = Counter()
    named: Counter[str] = Counter()
    for fact in facts:
        for side in fact.sides:
            if side.mention.kind in _EXPLICIT_KINDS:
                explicit[side.country] += 1
            named[side.country] += 1
    if explicit:
        return Home(explicit.most_common(1)[0][0], True)
    ranked = named.most_common(2)
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return Home(ranked[0][0], False)
    return Home(None, False)


def scopes(facts: Sequence[Facts], home: Home, dateline: str | None = None) -> list[Scope]:
    """The sentences that report cooperation, in order, with their acting side. A sentence
    whose only side acts alone takes its counterpart from the sentences that follow in its
    paragraph (``signed two memorandums. The first, with the Norwegian police…``), else from
    the events just before, else from the host: the country of a city it names or, for an
    unnamed national body (``the Ministry of Interior``), of the article's dateline."""
    secure_paragraphs = {f.sentence.paragraph for f in facts if f.security}
    found: list[Scope] = []
    last: dict[EventType, str] = {}
    last_index = -_INHERIT_REACH - 1
    for fact in facts:
        types = dict(fact.types)
        near = fact.sentence.index - last_index <= _INHERIT_REACH
        inherited = (
            not types and fact.cooperation and near and bool(fact.sides) and not fact.offtime
        )
        if inherited:
            types = {t: "" for t in last if not (fact.ceremony and t == "meeting")}
        anaphoric = (
            (bool(types) or bool(fact.sides)) and fact.anaphor and bool(found) and not fact.offtime
        )
        if anaphoric:  # ``Cette session … a réuni``: the event just reported
            types = _anaphoric(found[-1], fact)
        if not types or (fact.negative and not fact.security):
            continue
        if not (
            fact.security
            or inherited
            or anaphoric
            or fact.sentence.paragraph in secure_paragraphs
            or _continues(found, fact, last_index)
        ):
            continue
        hosted = _with_host(fact, dateline)
        actor, counterparts = _dyad(hosted, home)
        orgs = fact.organizations
        pair = _pair(found, facts, fact) if fact.pair else None
        if pair is not None:  # ``الجانبان``: the same two sides, whoever else is named
            actor, counterparts = pair
        if actor and not counterparts and not orgs:
            counterparts = _following(facts, fact, actor)
        recent = found[-1] if found and (near or anaphoric) else None
        alone = not counterparts and not orgs
        if recent and anaphoric and recent.actor:  # the event's sides, and whom it adds
            sides = [recent.actor, *recent.counterparts]
            actor = recent.actor
            counterparts = [
                *recent.counterparts,
                *(c for c in hosted if c not in sides),
            ]
            orgs = list(dict.fromkeys([*recent.organizations, *orgs]))
        elif recent and alone and fact.strong and actor in (None, recent.actor):
            actor, counterparts, orgs = recent.actor, recent.counterparts, recent.organizations
        elif actor and alone:
            counterparts = _host(fact, actor, dateline)
        if fact.strong or inherited:  # weak-only types are not handed on to "cooperation…"
            last, last_index = types, fact.sentence.index
        found.append(Scope(fact, types, actor, counterparts, orgs))
    return found


def _anaphoric(recent: Scope, fact: Facts) -> dict[EventType, str]:
    """The types of a sentence that speaks of the event just reported: that event's, and
    what the sentence itself reports besides a gathering (``a réuni``, ``بمشاركة``)."""
    types = dict(recent.types)
    for event_type, code in fact.types.items():
        if fact.strong and event_type != "meeting":
            types.setdefault(event_type, code)
    return types


def _pair(
    found: Sequence[Scope], facts: Sequence[Facts], fact: Facts
) -> tuple[str, list[str]] | None:
    """The sides of the latest event between countries, else of a sentence just before that
    names several (``العملية التي نفذتها الأجهزة الأمنية في الأردن وسوريا ولبنان`` … ``الدول
    الثلاث``)."""
    for scope in reversed(found):
        if scope.actor and scope.counterparts:
            return scope.actor, scope.counterparts
    index = fact.sentence.index
    for before in reversed(facts[max(0, index - _INHERIT_REACH) : index]):
        if len(before.countries) > 1:
            return before.countries[0], before.countries[1:]
    return None


def _continues(found: Sequence[Scope], fact: Facts, last_index: int) -> bool:
    """A sentence right after a security event, between the same sides, with a strong
    trigger of its own (``The deal was struck at a UK-France summit``) continues it."""
    if not found or not fact.strong or fact.sentence.index - last_index > _INHERIT_REACH:
        return False
    recent = found[-1]
    sides = {recent.actor, *recent.counterparts}
    return bool(fact.countries) and set(fact.countries) <= sides


def _following(facts: Sequence[Facts], fact: Facts, actor: str) -> list[str]:
    """Sides named in the next sentences of the paragraph that report no event of their own."""
    for later in facts[fact.sentence.index + 1 : fact.sentence.index + 1 + _INHERIT_REACH]:
        if later.sentence.paragraph != fact.sentence.paragraph or later.types or later.offtime:
            break  # a sentence of another time names no partner (``comes weeks after``)
        others = [c for c in later.countries if c != actor]
        if others:
            return others
    return []


def _with_host(fact: Facts, dateline: str | None) -> list[str]:
    """The sentence's countries, and the dateline's for a national body named with no country
    beside foreign ones (``أعلنت مديرية الأمن العام … بالتنسيق مع وزارة الداخلية السورية``
    under an Amman dateline: Jordan's directorate)."""
    countries = fact.countries
    if fact.unattributed and dateline and countries and dateline not in countries:
        return [dateline, *countries]
    return countries


def _host(fact: Facts, actor: str, dateline: str | None) -> list[str]:
    hosts = [country for _, country in fact.cities if country and country != actor]
    if hosts:
        return hosts[:1]
    if fact.unattributed and dateline and dateline != actor:
        return [dateline]
    return []


def elaboration(facts: Sequence[Facts], scope: Scope) -> Facts | None:
    """The sentence right after an event's, when it reports no event of its own (``The
    course, held from Oct. 6 to 17, …``): where its dates and places may be."""
    index = scope.facts.sentence.index + 1
    if index < len(facts) and not facts[index].strong:
        return facts[index]
    return None


def _dyad(countries: list[str], home: Home) -> tuple[str | None, list[str]]:
    foreign = [c for c in countries if c != home.country]
    speaks = home.strong and len(foreign) != _IMPLICIT_PARTNERS
    if home.country and (home.country in countries or speaks):
        return home.country, foreign
    if countries:
        return countries[0], countries[1:]
    return None, []


def event_dates(facts: Sequence[Facts], found: Sequence[Scope]) -> list[Dated | None]:
    """Each event sentence's own date (the one by its trigger, or the span of its dates);
    without a written-out one, read with the dates of the sentence after it (``closed on
    Wednesday a two-day meeting. Opened on Tuesday 22 July…`` spans both days)."""
    dates: list[Dated | None] = []
    for scope in found:
        own = event_span(scope.facts.dates, scope.facts.trigger_at)
        after = elaboration(facts, scope)
        if (own is None or not own.explicit) and after is not None and after.dates:
            own = event_span([*scope.facts.dates, *after.dates], scope.facts.trigger_at)
        dates.append(own)
    return dates


def event_date(own: Dated | None, article: DateRange | None) -> DateRange | None:
    """An event's date: its own when written out; a relative one (``el pasado jueves``)
    gives way to the article's written-out date only when that is near it (the days of
    the same meeting), not to a date of the background (``detenido en noviembre de 2024``)."""
    if own is None or own.explicit or article is None or article.start is None:
        return own.range if own is not None and (own.explicit or article is None) else article
    near = own.range.start is not None and abs((own.range.start - article.start).days) <= _NEAR_DAYS
    return article if near else own.range


def article_date(dates: Sequence[Dated | None]) -> DateRange | None:
    """The date of the article's events: the first written out, else the first relative."""
    for explicit in (True, False):
        for dated in dates:
            if dated is not None and dated.explicit is explicit:
                return dated.range
    return None


def article_city(found: Sequence[Scope], facts: Sequence[Facts] = ()) -> Location | None:
    """The place most named in the sentences that report cooperation (first on a tie), else
    in the sentences right after them."""
    cities = [city for scope in found for city in scope.facts.cities]
    if not cities and facts:
        cities = [
            city
            for scope in found
            if (after := elaboration(facts, scope)) is not None
            for city in after.cities
        ]
    if not cities:
        return None
    (city, country), _ = Counter(cities).most_common(1)[0]
    return Location(city=city, country=country)


def event_topics(scope: Scope, event_type: EventType) -> list[Topic]:
    """The sentence's topics, plus the type's own topic for training and intelligence."""
    topics: list[Topic] = list(scope.facts.topics)
    if event_type in ("training", "intelligence_sharing") and event_type not in topics:
        topics.append(event_type)
    return topics


def ordered(events: list[CooperationEvent]) -> list[CooperationEvent]:
    """Events in text order (by their first evidence), stable."""
    return sorted(events, key=lambda e: e.evidence[0].start if e.evidence else 0)
