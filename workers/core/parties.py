"""Who takes part: countries, organisations, agencies and persons in a sentence.

A country name takes part unless it is ambiguous and stands alone, or comes after a cue of
passing mention (``migrants from``, ``la guerre en``, ``الحرب في``) — with the rest of its
list. A demonym or nisba takes part only beside a security or government body (``German
federal police``, ``الشرطة الوطنية الإسبانية``, ``son homologue marocain``) and never beside
a person noun (``a Moroccan national``, ``مواطن مغربي``).
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from itertools import pairwise
from typing import NamedTuple

from workers.core.matcher import Mention

_NEAR_WORDS = 4
_ADJACENT_WORDS = 2
_FAR = 1 << 20
_PASSING_REACH = 40
_LIST_WORDS = frozenset(
    {",", "و", "and", "et", "y", "or", "ou", "o", "ainsi", "que", "as", "well", "the", "du", "de"}
    | {"des", "la", "le", "les", "l'", "d'", "del", "el", "los", "las", "e", "a", "en", "in", "au"}
)
_OF_WORDS = frozenset({"of", "of the", "de", "del", "de la", "d'", "du", "in", "en"})
PARTY_KINDS = frozenset({"country", "demonym", "agency", "person", "leader"})
"""Mention kinds that can name a side."""
_NAME_KINDS = frozenset({"country", "demonym"})


class Side(NamedTuple):
    """A country taking part, with the mention that names it and what it says."""

    country: str
    mention: Mention
    agency: str | None = None
    person: str | None = None
    alternatives: tuple[str, ...] = ()
    """Other countries with a body of that name (DGSN: Morocco, Algeria, Tunisia)."""


def _words(folded: str, start: int, end: int) -> int:
    return len(folded[min(start, end) : max(start, end)].split())


def _near(folded: str, mention: Mention, others: Sequence[Mention], reach: int) -> bool:
    for other in others:
        if other is mention:
            continue
        if other.end <= mention.start and _words(folded, other.end, mention.start) < reach:
            return True
        if other.start >= mention.end and _words(folded, mention.end, other.start) < reach:
            return True
    return False


def _right_after(folded: str, mention: Mention, bodies: Sequence[Mention]) -> bool:
    """Whether the demonym is the adjective of the body right before it (``السلطات التركية
    متهما``, ``les autorités turques un suspect``): it agrees with that body, not with a person
    noun after it."""
    return any(
        body.end <= mention.start and not folded[body.end : mention.start].strip()
        for body in bodies
    )


def _gap(folded: str, mention: Mention, others: Sequence[Mention]) -> int:
    """Words between ``mention`` and the nearest of ``others`` (a large number if none):
    ``businessman to Tanzanian detectives`` — the body is nearer than the person noun."""
    gaps = [
        _words(folded, other.end, mention.start)
        if other.end <= mention.start
        else _words(folded, mention.end, other.start)
        for other in others
        if other is not mention and (other.end <= mention.start or other.start >= mention.end)
    ]
    return min(gaps, default=_FAR)


def _passing(folded: str, mentions: Sequence[Mention]) -> set[int]:
    """Ids of the country mentions that come after a passing cue, lists included."""
    skipped: set[int] = set()
    names = [m for m in mentions if m.kind in ("country", "demonym")]
    for cue in (m for m in mentions if m.kind == "cue" and m.value == "passing"):
        reach = cue.end
        for name in names:
            if name.start < cue.end:
                continue
            gap = folded[reach : name.start].replace(",", " , ").replace("'", "' ").split()
            listed = all(word in _LIST_WORDS for word in gap)
            if name.start - reach > _PASSING_REACH or (reach > cue.end and not listed):
                break
            skipped.add(id(name))
            reach = name.end
    return skipped


def sides(folded: str, mentions: Sequence[Mention], cues: Set[str] | None = None) -> list[Side]:
    """The countries taking part in one sentence, in order of mention (``cues``: the values
    of the sentence's cues, when the caller has them)."""
    parties = [m for m in mentions if m.kind in PARTY_KINDS]
    if not parties:
        return []
    if cues is None:
        cues = {m.value for m in mentions if m.kind == "cue"}
    bodies = [m for m in mentions if (m.kind == "cue" and m.value == "body") or m.kind == "agency"]
    persons = (
        [m for m in mentions if m.kind == "cue" and m.value == "person_noun"]
        if "person_noun" in cues
        else []
    )
    countries = [m for m in parties if m.kind == "country"]
    skipped = _passing(folded, mentions) if "passing" in cues else set()
    owned = _owned(folded, mentions)
    found: list[Side] = []
    for mention in parties:
        if id(mention) in skipped:
            continue
        if mention.kind == "country":
            extra = mention.entry.extra
            if extra == "ambiguous" and not _near(folded, mention, countries, 3):
                continue
            found.append(Side(mention.value, mention))
        elif mention.kind == "demonym":
            body_gap = _gap(folded, mention, bodies)
            person_gap = _gap(folded, mention, persons)
            agrees = _right_after(folded, mention, bodies)  # السلطات التركية متهما
            if body_gap >= _NEAR_WORDS or (
                person_gap < _ADJACENT_WORDS and person_gap <= body_gap and not agrees
            ):
                continue  # no body beside it, or a person noun nearer (a Moroccan national)
            agency = _agency_beside(folded, mention, bodies)
            found.append(Side(mention.value, mention, agency=agency))
        elif mention.kind == "agency" and id(mention) in owned:
            continue  # la Policía Nacional del Perú: the country after it is the side
        elif mention.entry.extra:  # a named agency or a known person with a country
            agency = mention.value if mention.kind == "agency" else None
            person = mention.value if mention.kind in ("person", "leader") else None
            country, *others = mention.entry.extra.split("|")
            found.append(Side(country, mention, agency, person, tuple(others)))
    return found


def _owned(folded: str, mentions: Sequence[Mention]) -> set[int]:
    """Ids of the agencies followed by ``of``/``de``/``del`` and a country name, or by a
    nisba or demonym of their own (``قوى الأمن الداخلي الإيرانية`` is Iran's, not Lebanon's)."""
    owned: set[int] = set()
    for mention, after in pairwise(mentions):
        if mention.kind != "agency" or after.kind not in _NAME_KINDS:
            continue
        between = folded[mention.end : after.start].strip()
        if (after.kind == "country" and between in _OF_WORDS) or (
            after.kind == "demonym" and not between and after.value != mention.entry.extra
        ):
            owned.add(id(mention))
    return owned


def settle(sides: Sequence[Side], named: set[str], places: Set[str] = frozenset()) -> list[Side]:
    """A body whose name several countries use belongs to the one its sentence names (``En
    Côte d'Ivoire, la Gendarmerie nationale``), else to the one whose cities the article
    names (``la Policía Nacional`` in a story from Bogotá is Colombia's), else to the one the
    article names (``DGSN`` in an article from Algiers is Algeria's), else to its first."""
    here = {s.country for s in sides if s.mention.kind in _NAME_KINDS}
    settled: list[Side] = []
    for side in sides:
        local = [c for c in (side.country, *side.alternatives) if c in here]
        placed = [c for c in (side.country, *side.alternatives) if c in places]
        if side.alternatives and local:
            settled.append(Side(local[0], side.mention, side.agency, side.person))
        elif side.alternatives and placed and side.country not in places:
            settled.append(Side(placed[0], side.mention, side.agency, side.person))
        elif side.alternatives and side.country not in named:
            country = next((c for c in side.alternatives if c in named), side.country)
            settled.append(Side(country, side.mention, side.agency, side.person))
        else:
            settled.append(side)
    return settled


def _agency_beside(folded: str, demonym: Mention, bodies: Sequence[Mention]) -> str | None:
    for body in bodies:
        if body.kind != "agency":
            continue
        if body.end <= demonym.start and _words(folded, body.end, demonym.start) <= 1:
            return body.value
        if body.start >= demonym.end and _words(folded, demonym.end, body.start) <= 1:
            return body.value
    return None


def organizations(mentions: Sequence[Mention]) -> list[str]:
    """Organisation ids in order of first mention."""
    seen: list[str] = []
    for mention in mentions:
        if mention.kind == "org" and mention.value not in seen:
            seen.append(mention.value)
    return seen
