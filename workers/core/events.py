"""Security-cooperation events from an article's text: the composition of the core's parts.

One pass of the language's matcher over the folded text finds every name, trigger and cue;
the text is cut into sentences; each sentence's facts are read; events are the sentences
with an event type, a security context and at least two sides, coded dyadically (acting
side × counterpart × type), and the article summary adds them up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from schemas import (
    CooperationEvent,
    EventType,
    Evidence,
    Location,
    Party,
    Summary,
)
from workers.core import coding
from workers.core.datelines import read_dateline
from workers.core.dates import find_dates
from workers.core.dyads import (
    Home,
    Scope,
    article_city,
    article_date,
    event_date,
    event_dates,
    event_topics,
    home_country,
    ordered,
    scopes,
)
from workers.core.facts import Facts, facts_of
from workers.core.lexicon import LANGUAGES, Lexicon
from workers.core.matcher import is_arabic_letter
from workers.core.numbers import Count, numbers, stated_counts
from workers.core.parties import settle
from workers.core.sentences import group, split
from workers.core.summary import summarize
from workers.core.textmap import TextMap


@dataclass(frozen=True)
class Extraction:
    """What the extractor found in one article."""

    events: list[CooperationEvent] = field(default_factory=list)
    summary: Summary = field(default_factory=lambda: Summary(relevant=False))


def matcher_language(text: str, language: str) -> str:
    """The matcher to use: the language's own, else by script (Arabic, or Latin ones)."""
    if language in LANGUAGES:
        return language
    sample = [c for c in text[:2000] if c.isalpha()]
    arabic = sum(1 for c in sample if is_arabic_letter(c))
    return "ar" if sample and arabic * 2 > len(sample) else "latin"


class Extractor:
    """Finds security-cooperation events in an article's text."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    @classmethod
    def load(cls) -> Extractor:
        """Compile every language's data into matchers (once, at start-up)."""
        return cls(Lexicon.load())

    def extract(self, text: str, language: str, published_at: datetime | None) -> Extraction:
        """Events and summary of ``text`` written in ``language`` (ISO 639-1 or ``und``)."""
        if not text.strip():
            return Extraction()
        textmap = TextMap.of(text)
        mentions = self.lexicon.matcher(matcher_language(text, language)).find(textmap)
        if not any(m.kind == "trigger" for m in mentions):
            return Extraction()  # no event type named anywhere: nothing to code
        sentences = split(text)
        dateline = read_dateline(textmap, mentions)
        dates = [  # the dateline's date is the report's
            d for d in find_dates(textmap.folded, mentions, published_at) if d.start >= dateline.end
        ]
        by_sentence = group(textmap, sentences, mentions)
        dates_by = group(textmap, sentences, dates)
        orgs = self.lexicon.security_orgs
        published = published_at.date() if published_at else None
        facts = [
            facts_of(s, textmap, by_sentence[s.index], dates_by[s.index], orgs, published=published)
            for s in sentences
        ]
        named = {m.value for m in mentions if m.kind in ("country", "demonym")}
        places = {m.entry.extra for m in mentions if m.kind == "city"}
        named.update(places)
        for fact in facts:
            fact.sides = settle(fact.sides, named, places)
        home = home_country(facts)
        found = scopes(facts, home, dateline.country)
        if not found:
            return Extraction()
        counted = any(m.kind == "cue" and m.value == "count" for m in mentions)
        counts = (  # only a counted noun (43 bilateral meetings) makes a count
            stated_counts(textmap.folded, numbers(textmap.folded, mentions), mentions)
            if counted
            else []
        )
        located = [(c, textmap.start(c.start)) for c in counts]
        place = article_city(found, facts) or dateline.place
        events = self._events(facts, found, home, located, place)
        return Extraction(events=events, summary=summarize(events, found, facts, counts, place))

    def _events(
        self,
        facts: Sequence[Facts],
        found: Sequence[Scope],
        home: Home,
        counts: Sequence[tuple[Count, int]],
        place: Location | None,
    ) -> list[CooperationEvent]:
        dates = event_dates(facts, found)
        when = article_date(dates)
        occasion = next((o for scope in found for o in scope.facts.occasions), None)
        events: dict[tuple[str, str, str], CooperationEvent] = {}
        organizations: dict[str, Party] = {}
        for scope, dated in zip(found, dates, strict=True):
            slots = [(c, False) for c in scope.counterparts]
            slots += [(org, True) for org in scope.organizations]
            if scope.actor:
                lead: tuple[str, bool] = (scope.actor, False)
            elif slots:
                lead, slots = slots[0], slots[1:]
            else:
                continue
            sentence = scope.facts.sentence
            date = event_date(dated, when)
            parties: dict[tuple[str, bool], Party] = {}
            evidence = Evidence(start=sentence.start, end=sentence.end)
            for event_type, trigger in scope.types.items():
                code = coding.cameo(event_type, trigger or None)
                for slot in slots:
                    key = (event_type, lead[0], slot[0])
                    if key in events:
                        continue
                    actor, other = (
                        parties.get(side)
                        or parties.setdefault(side, self._side(scope, side, organizations))
                        for side in (lead, slot)
                    )
                    stated = (
                        {c.what: c.value for c, at in counts if sentence.start <= at < sentence.end}
                        if event_type == "meeting"
                        else {}
                    )
                    events[key] = CooperationEvent(
                        event_id=coding.event_id(
                            event_type,
                            actor=actor,
                            counterpart=other,
                            occasion=occasion,
                            city=place.city if place else None,
                            when=(date.start, date.end) if date else None,
                        ),
                        type=event_type,
                        cameo=code,
                        plover=coding.plover(code),
                        actor=actor,
                        counterpart=other,
                        topics=event_topics(scope, event_type),
                        location=place,
                        date=date,
                        occasion=occasion,
                        counts=stated,
                        evidence=[evidence],
                        confidence=_confidence(scope, event_type, home),
                    )
        return ordered(list(events.values()))

    def _side(self, scope: Scope, side: tuple[str, bool], organizations: dict[str, Party]) -> Party:
        """The party for a country of the scope, or for an organisation (one per article)."""
        name, organization = side
        if not organization:
            return self._party(scope, name)
        if name not in organizations:
            organizations[name] = Party(organization=name)
        return organizations[name]

    def _party(self, scope: Scope, country: str) -> Party:
        side = next((s for s in scope.facts.sides if s.country == country), None)
        agency = side.agency if side else None
        if agency and side and side.mention.kind == "demonym":
            adjective = self.lexicon.demonyms_en.get(country)
            agency = f"{adjective} {agency}" if adjective else agency
        persons = [s.person for s in scope.facts.sides if s.country == country and s.person]
        person = self.lexicon.persons.get(persons[0]) if persons else None
        if person is None:  # an official named with a role in the sentence
            name, role = next(
                ((n, r) for c, n, r in scope.facts.roles if c == country), (None, None)
            )
            return Party(country=country, agency=agency, person=name, role=role)
        return Party(country=country, agency=agency, person=person.name, role=person.role)


def _key(party: Party) -> str:
    return party.country or party.organization or ""


def _confidence(scope: Scope, event_type: EventType, home: Home) -> float:
    score = 0.5
    if scope.types.get(event_type):
        score += 0.15
    if scope.facts.security:
        score += 0.15
    if scope.actor is not None and scope.actor in scope.facts.countries:
        score += 0.1
    return min(score, 0.95)
