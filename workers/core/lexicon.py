"""Language data → one matcher per language, compiled once at start-up.

Country names come from CLDR (babel's ``Locale(lang).territories``) and month and weekday
names from CLDR too; the per-language files under ``data/<lang>/`` add what CLDR lacks:
variant spellings (Maghreb and Mashriq), demonyms and nisba adjectives, agencies,
organisations, persons, cities, event triggers, topics, cues and number words.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from babel import Locale

from workers.core.matcher import Entry, Matcher
from workers.core.textmap import fold_key
from workers.core.variants import EXACT, STEM, demonym_forms, term_forms

LANGUAGES = ("ar", "fr", "en", "es")
LATIN = ("fr", "en", "es")
_NOT_COUNTRIES = frozenset(
    {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "AC", "CP", "DG", "EA", "IC", "TA"}
)
_NAME_KINDS = frozenset(
    {"country", "demonym", "agency", "org", "person", "leader", "city", "capital", "region"}
    | {"number", "month", "weekday", "relative"}
)

Term = tuple[str, Entry, int]
"""A key, what it means, and how it may be extended (``variants.EXACT``/``VERB``/``STEM``)."""


def read(language: str, name: str) -> Any:
    """One data file, or an empty object when the language has none."""
    path = resources.files("workers.core").joinpath("data", language, name)
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, dict):
        data.pop("about", None)
    return data


@dataclass(frozen=True)
class Person:
    """A known official: name as the output spells it, country and role."""

    name: str
    country: str | None
    role: str | None


@dataclass(frozen=True)
class Lexicon:
    """Every language's matcher and the tables the extractor looks things up in."""

    matchers: dict[str, Matcher]
    persons: dict[str, Person] = field(default_factory=dict)
    demonyms_en: dict[str, str] = field(default_factory=dict)
    security_orgs: frozenset[str] = frozenset()

    @classmethod
    @cache
    def load(cls) -> Lexicon:
        terms = {language: list(_terms(language)) for language in LANGUAGES}
        matchers = {language: Matcher(terms[language]) for language in LANGUAGES}
        matchers["latin"] = Matcher(term for language in LATIN for term in terms[language])
        persons: dict[str, Person] = {}
        for language in LANGUAGES:
            for name, info in read(language, "persons.json").items():
                persons[name] = Person(name, info.get("country"), info.get("role"))
        for name, info in read(".", "officials.json").items():
            persons[name] = Person(name, info.get("country"), info.get("role"))
        english = read("en", "demonyms.json")
        common = read(".", "common.json")
        return cls(
            matchers=matchers,
            persons=persons,
            demonyms_en={code: forms[0] for code, forms in english.items() if forms},
            security_orgs=frozenset(common.get("security_organizations", [])),
        )

    def matcher(self, language: str) -> Matcher:
        """The matcher for ``language``; unknown languages get the Latin one."""
        return self.matchers.get(language) or self.matchers["latin"]


def _terms(language: str) -> Iterator[Term]:
    yield from _countries(language)
    yield from _demonyms(language)
    yield from _named(language)
    yield from _grouped(language, "organizations.json", "org")
    yield from _grouped(language, "topics.json", "topic")
    yield from _triggers(language)
    yield from _cues(language)
    yield from _calendar(language)
    for word, value in read(language, "numbers.json").get("words", {}).items():
        yield from _forms(language, word, Entry("number", str(value)))


def _demonyms(language: str) -> Iterator[Term]:
    """Demonyms in every form; an entry written ``=form`` is taken as it is."""
    for code, bases in read(language, "demonyms.json").items():
        for base in bases:
            forms = [base[1:]] if base.startswith("=") else demonym_forms(language, base)
            for form in forms:
                yield form, Entry("demonym", code), EXACT


def _named(language: str) -> Iterator[Term]:
    """Agencies, persons and places."""
    agencies = read(language, "agencies.json")
    for named in (read(".", "common.json").get("agencies", {}), agencies.get("named", {})):
        for name, info in named.items():
            countries = "|".join([info.get("country") or "", *info.get("also", [])])
            for term in info["terms"]:
                yield from _forms(language, term, Entry("agency", name, countries))
    for name, terms in agencies.get("generic", {}).items():
        for term in terms:
            yield from _forms(language, term, Entry("agency", name))
    for name, info in read(language, "persons.json").items():
        for term in info["names"]:
            yield from _forms(language, term, Entry("person", name, info.get("country") or ""))
    for name, info in read(".", "officials.json").items():  # a leader makes no security context
        kind = "person" if info.get("security") else "leader"
        for term in info.get("ar", []) if language == "ar" else info["names"]:
            yield from _forms(language, term, Entry(kind, name, info["country"]))
    yield from _places(language)


def _places(language: str) -> Iterator[Term]:
    """Cities, and capitals that a dateline names as their country (``الكويت``)."""
    places = read(language, "cities.json")
    capitals = places.pop("datelines", {})
    for kind, table in (("capital", capitals), ("city", places)):
        for code, cities in table.items():
            for city, names in cities.items():
                for term in names:
                    yield from _forms(language, term, Entry(kind, city, code))


def _forms(language: str, term: str, entry: Entry) -> Iterator[Term]:
    arabic_stem = language == "ar" and entry.kind not in _NAME_KINDS
    keys, mode = term_forms(language, term, STEM if arabic_stem else EXACT)
    for key in keys:
        yield key, entry, mode


def _grouped(language: str, name: str, kind: str) -> Iterator[Term]:
    for value, terms in read(language, name).items():
        for term in terms:
            yield from _forms(language, term, Entry(kind, value))


def _countries(language: str) -> Iterator[Term]:
    data = read(language, "countries.json")
    ambiguous = {fold_key(term) for term in data.get("ambiguous", [])}
    excluded = {fold_key(term) for term in data.get("exclude", [])}
    names: dict[str, list[str]] = {}
    for code, name in Locale.parse(language).territories.items():
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES:
            names.setdefault(code, []).append(name)
    for code, extra in data.get("extra", {}).items():
        names.setdefault(code, []).extend(extra)
    for region in data.get("regions", []):
        yield from _forms(language, region, Entry("region", region))
    for code, terms in names.items():
        for term in terms:
            if fold_key(term) in excluded:
                continue
            extra = "ambiguous" if fold_key(term) in ambiguous else ""
            yield from _forms(language, term, Entry("country", code, extra))


def _triggers(language: str) -> Iterator[Term]:
    for event_type, groups in read(language, "triggers.json").items():
        if event_type in ("agreement_object", "agreement_action"):
            value = "agreement" if event_type == "agreement_object" else "action"
            for term in groups:
                yield from _forms(language, term, Entry("object", value))
            continue
        for code, terms in groups.items():
            for term in terms:
                yield from _forms(language, term, Entry("trigger", event_type, code))


def _cues(language: str) -> Iterator[Term]:
    for cue, terms in read(language, "cues.json").items():
        if cue == "role":  # officials' roles, matched apart (see matcher._EVENT_KINDS)
            for value, group in terms.items():
                for term in group:
                    yield from _forms(language, term, Entry("role", value))
            continue
        if isinstance(terms, dict):  # occasions and counted nouns: name → terms
            for value, group in terms.items():
                for term in group:
                    yield from _forms(language, term, Entry("cue", cue, value))
                    if cue == "count" and value == "meetings":  # "43 bilateral meetings"
                        yield from _forms(language, term, Entry("trigger", "meeting", "counted"))
            continue
        for term in terms:
            yield from _forms(language, term, Entry("cue", cue))


def _calendar(language: str) -> Iterator[Term]:
    data = read(language, "calendar.json")
    months: dict[str, list[str]] = {k: list(v) for k, v in data.get("months", {}).items()}
    weekdays: dict[str, list[str]] = {k: list(v) for k, v in data.get("weekdays", {}).items()}
    if language != "ar":
        locale = Locale.parse(language)
        for number, name in locale.months["format"]["wide"].items():
            months.setdefault(str(number), []).append(name)
        for number, name in locale.days["format"]["wide"].items():
            weekdays.setdefault(str(number), []).append(name)
    for number, terms in months.items():
        for term in terms:
            yield from _forms(language, term, Entry("month", number))
    for number, terms in weekdays.items():
        for term in terms:
            yield from _forms(language, term, Entry("weekday", number))
    for offset, terms in data.get("relative", {}).items():
        for term in terms:
            yield from _forms(language, term, Entry("relative", offset))
    for term in data.get("vague", []):
        yield from _forms(language, term, Entry("relative", "vague"))
