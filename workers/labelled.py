"""Labelled article sets (``shared/eval/FORMAT.md``): JSON Lines in, validated records out.

A malformed line is reported as ``file:line: what is wrong`` (``LabelledSetError``), never as a
traceback; optional keys may be absent or null, and a gold key that is absent is not scored.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from workers.core.lexicon import read

SET_FIELDS = ("countries", "organizations", "topics", "event_types")
"""The gold lists scored as sets, micro-averaged."""

Span = tuple[str | None, str | None]

_CITY_LANGUAGES = ("ar", "en", "fr", "es")
"""The languages whose ``cities.json`` name the places a location may be written as."""


class LabelledSetError(ValueError):
    """Input that is not a labelled set; ``problems`` lists ``file:line: what is wrong``."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


def fold_city(city: str | None) -> str | None:
    """Case- and accent-insensitive form of a city name (``Fès`` → ``fes``)."""
    if not city:
        return None
    bare = "".join(c for c in unicodedata.normalize("NFKD", city) if not unicodedata.combining(c))
    return " ".join(bare.casefold().split()) or None


def normal_set(name: str, values: Iterable[str]) -> frozenset[str]:
    """Codes and ids upper case, vocabulary words lower case, no duplicates."""
    upper = name in ("countries", "organizations")
    return frozenset(v.strip().upper() if upper else v.strip().lower() for v in values)


@cache
def city_names() -> dict[tuple[str, str | None], str]:
    """Every name a city goes by in the extractor's data, in any of its languages (the
    English name, the local one, the French, Spanish or Arabic one), folded and keyed with
    its country (and with no country when the name is one city's only): the city's
    canonical name, folded (``Tanger``, ``Tánger``, ``طنجة`` → ``tangier``)."""
    names: dict[tuple[str, str | None], str] = {}
    anywhere: dict[str, set[str]] = {}
    for language in _CITY_LANGUAGES:
        for country, cities in read(language, "cities.json").items():
            if len(country) != 2 or not isinstance(cities, dict):  # about, datelines
                continue
            for city, terms in cities.items():
                canonical = fold_city(city)
                for term in (city, *terms):
                    folded = fold_city(term)
                    if folded and canonical:
                        names.setdefault((folded, country), canonical)
                        anywhere.setdefault(folded, set()).add(canonical)
    for folded, canonicals in anywhere.items():
        if len(canonicals) == 1:
            names.setdefault((folded, None), next(iter(canonicals)))
    return names


def place(city: str | None, country: str | None) -> tuple[str | None, str | None]:
    """A location in the form it is compared in: a city by its canonical name when the
    data knows the name it is written with (``Marrakesh`` and ``Marrakech`` are one city),
    else folded as written; the country as an upper-case code."""
    code = (country or "").strip().upper() or None
    folded = fold_city(city)
    if folded is not None:
        folded = city_names().get((folded, code), folded)
    return folded, code


def span(start: date | None, end: date | None) -> Span:
    """ISO dates of a range; a missing end is the start (a one-day event)."""
    first = start.isoformat() if start else None
    return first, end.isoformat() if end else first


def _expect(ok: bool, key: str, expected: str) -> None:
    if not ok:
        raise ValueError(f"{key}: expected {expected}")


def _optional(raw: Mapping[str, Any], key: str, kind: type, expected: str, where: str = "") -> Any:
    """``raw[key]`` when it is absent, null or of ``kind``, else ``ValueError``."""
    value = raw.get(key)
    ok = value is None or (isinstance(value, kind) and not isinstance(value, bool))
    _expect(ok, where + key, expected)
    return value


@dataclass(frozen=True)
class Gold:
    """The labels of one article; ``None`` (or a false ``has_*``) means not scored."""

    language: str | None = None
    relevant: bool | None = None
    sets: Mapping[str, frozenset[str]] = field(default_factory=dict)
    location: tuple[str | None, str | None] | None = None
    event_date: Span | None = None
    meeting_count: int | None = None
    story: str | None = None
    has_story: bool = False
    duplicate_of: str | None = None
    has_duplicate: bool = False

    @classmethod
    def parse(cls, raw: Mapping[str, Any]) -> Gold:
        """Validate a ``gold`` object; ``ValueError`` names the bad key."""
        relevant = raw.get("relevant")
        _expect(relevant is None or isinstance(relevant, bool), "relevant", "true, false or null")
        sets = {}
        for name in SET_FIELDS:
            values = _optional(raw, name, list, "a list of strings or null")
            _expect(all(isinstance(v, str) for v in values or ()), name, "a list of strings")
            if values is not None:
                sets[name] = normal_set(name, values)
        where = _optional(raw, "location", dict, "{city, country} or null") or {}
        location = place(
            _optional(where, "city", str, "a string or null", "location."),
            _optional(where, "country", str, "a string or null", "location."),
        )
        when = _optional(raw, "event_date", dict, "{start, end} or null")
        try:
            dates = [
                date.fromisoformat(v) if (v := (when or {}).get(k)) else None
                for k in ("start", "end")
            ]
        except (TypeError, ValueError):
            raise ValueError("event_date: start and end must be YYYY-MM-DD or null") from None
        return cls(
            language=_optional(raw, "language", str, "a string or null"),
            relevant=relevant,
            sets=sets,
            location=None if location == (None, None) else location,
            event_date=None if when is None else span(*dates),
            meeting_count=_optional(raw, "meeting_count", int, "an integer or null"),
            story=_optional(raw, "story", str, "a string or null"),
            has_story="story" in raw,
            duplicate_of=_optional(raw, "duplicate_of", str, "a string or null"),
            has_duplicate="duplicate_of" in raw,
        )


@dataclass(frozen=True)
class Record:
    """One labelled article: where it was read, its input fields, its gold."""

    source: str
    id: str | None
    fields: Mapping[str, Any]
    gold: Gold


def published_at(value: str | None) -> datetime | None:
    """``published`` as a datetime: a date is its midnight UTC, a naive time is UTC."""
    if value is None:
        return None
    moment = datetime.fromisoformat(value.strip())
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def parse_line(line: str, source: str) -> Record:
    """One JSON Lines line as a record; ``ValueError`` says what is wrong."""
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    _expect(isinstance(raw, dict), "line", "a JSON object")
    _expect(isinstance(raw.get("text"), str), "text", "a string (it is required)")
    fields = {
        key: _optional(raw, key, str, "a string or null")
        for key in ("id", "title", "url", "outlet")
    }
    try:
        when = published_at(_optional(raw, "published", str, "an ISO date or null"))
    except ValueError:
        raise ValueError(f"published: expected an ISO date, got {raw['published']!r}") from None
    try:
        gold = Gold.parse(_optional(raw, "gold", dict, "an object or null") or {})
    except ValueError as exc:
        raise ValueError(f"gold.{exc}") from None
    fields |= {"text": raw["text"], "published_at": when}
    return Record(source=source, id=fields["id"], fields=fields, gold=gold)


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files to read: a directory means its ``*.jsonl`` files, sorted by name."""
    found: list[Path] = []
    for path in paths:
        found.extend(sorted(path.glob("*.jsonl")) if path.is_dir() else [path])
    return found


def read_records(paths: Iterable[Path]) -> list[Record]:
    """Every record of every file, in order; ``LabelledSetError`` lists every problem."""
    records: list[Record] = []
    problems: list[str] = []
    first_seen: dict[str, str] = {}
    for path in expand(paths):
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{path}: cannot read ({exc})")
            continue
        for number, line in enumerate(lines, start=1):
            source = f"{path}:{number}"
            if not line.strip():
                continue
            try:
                record = parse_line(line, source)
            except ValueError as exc:
                problems.append(f"{source}: {exc}")
                continue
            if record.id is not None and record.id in first_seen:
                problems.append(
                    f"{source}: id {record.id!r} already used at {first_seen[record.id]}"
                )
            first_seen.setdefault(record.id or source, source)
            records.append(record)
    if problems:
        raise LabelledSetError(problems)
    return records
