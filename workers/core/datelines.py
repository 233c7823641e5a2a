"""The dateline that opens a news article: ``KUWAIT CITY, Feb 18:``, ``RABAT –``,
``MADRID, 17 Jul. (EUROPA PRESS) -``, ``الكويت - 17 - 2 (كونا) --``, ``Dakar, 19 mars (APS) –``,
``أبوظبي في 21 يناير/ وام /``.

It tells where the report comes from: the host country when a national body is named with
no country (``the Ministry of Interior``), the place when no sentence names one (``الكويت``
opening an article is Kuwait City), and its date is the report's, not the event's. With no
city (``عمان`` is Amman or Oman), a national news agency (``بترا``, ``MAP``) names the country.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from schemas import Location
from workers.core.lexicon import LANGUAGES, read
from workers.core.matcher import Mention
from workers.core.textmap import TextMap, fold_key

_CITY_REACH = 3
"""The dateline's place starts the text (a few characters of markup or space allowed)."""
_MARKS = frozenset(",:-(")
_REACH = 60
"""The dateline ends at its dash or colon within this many characters of the start."""
_ENDS = (" - ", " -- ", "--", ": ", " -\n", " – ", " — ", " –\n", " —\n", ")- ", ")-\n")
_AGENCY_TAG = re.compile(r"/\s*[^\W\d]{2,12}\s*/")
"""``أبوظبي في 21 يناير/ وام /``: the agency between slashes ends the dateline."""
_HEAD = 80
"""A dateline's agency stands within this many characters of the start."""
_BRACKETED = re.compile(r"[(/]\s*([^()/\n]{2,24}?)\s*[)/]")
"""``(بترا)``, ``/ وام /``, ``(MAP)``: where a dateline names its news agency."""


@dataclass(frozen=True)
class Dateline:
    """Where the report says it comes from, and where its dateline ends (folded offset)."""

    country: str | None = None
    place: Location | None = None
    end: int = 0


def read_dateline(textmap: TextMap, mentions: Sequence[Mention]) -> Dateline:
    """The article's dateline: its place (a city, or a capital written as its country, as
    Arabic datelines do), and the end of the dateline, where the dates of the text begin."""
    folded = textmap.folded
    head = folded[:_REACH]
    ends = [at for at in (head.find(mark) for mark in _ENDS) if at > 0]
    tag = _AGENCY_TAG.search(head)
    if tag is not None:
        ends.append(tag.end())
    end = min(ends) if ends else 0
    if any(m.kind == "trigger" and m.start < end for m in mentions):
        end = 0  # a sentence, not a dateline
    for mention in mentions[:3]:
        if mention.kind not in ("city", "capital") or textmap.start(mention.start) >= _CITY_REACH:
            continue
        if folded[mention.end : mention.end + 3].lstrip()[:1] in _MARKS:
            country = mention.entry.extra or None
            return Dateline(country, Location(city=mention.value, country=country), end)
    wire = _wire(textmap.original[:_HEAD])
    if wire is not None:  # ``عمان 5 تشرين الثاني (بترا)``: the national agency's country
        return Dateline(wire, None, end)
    return Dateline(end=end)


@cache
def _wires() -> dict[str, str]:
    """Every language's national news agencies, folded, with their country."""
    table: dict[str, str] = {}
    for language in LANGUAGES:
        for country, names in read(language, "wires.json").items():
            table.update((fold_key(name), country) for name in names)
    return table


def _wire(head: str) -> str | None:
    """The country of a news agency the head names in brackets or between slashes."""
    table = _wires()
    return next(
        (table[k] for m in _BRACKETED.finditer(head) if (k := fold_key(m.group(1))) in table), None
    )
