"""Numbers as written: digits (Eastern Arabic ones are folded to ASCII) or words joined by
the language's joiners (ثلاثة وأربعين, forty-three, quarante-trois, cuarenta y tres), and the
counts the text states (``43 meetings``)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from workers.core.matcher import Mention

# Bounded: a count or a year has a few digits; a run of thousands of digits is noise, and
# int() refuses more than 4,300 of them. Runs are found by a pattern that starts with a
# character class (scanned in C), then read as grouped thousands or a plain number.
_RUN = re.compile(r"[0-9]+")
_GROUPED = re.compile(r"[0-9]{1,3}(?:[,.\u066c][0-9]{3}){1,4}(?![0-9])")
_LONGEST = 12
_SEPARATORS = str.maketrans("", "", ",.\u066c")
_JOINERS = frozenset({"", "-", "و", "and", "et", "y", "e"})
_GAP_WORDS = 3
_MULTIPLIERS = (100, 1000)


class Number(NamedTuple):
    """A number in the folded text: ``[start, end)`` and its value."""

    start: int
    end: int
    value: int


def numbers(folded: str, mentions: list[Mention]) -> list[Number]:
    """Every number in the text, in order: digit runs and number-word sequences."""
    found = list(_digits(folded))
    words = [m for m in mentions if m.kind == "number"]
    group: list[Mention] = []
    for mention in words:
        if group and _joined(folded, group[-1].end, mention):
            group.append(mention)
            continue
        if group:
            found.append(_compose(group))
        group = [mention]
    if group:
        found.append(_compose(group))
    return sorted(found, key=lambda n: n.start)


def _digits(folded: str) -> Iterator[Number]:
    """Digit runs not after a digit, point or comma: ``1,200`` whole, else up to 12 digits."""
    reach = 0
    for run in _RUN.finditer(folded):
        start, end = run.span()
        if start < reach or (start and folded[start - 1] in ".,"):
            continue
        grouped = _GROUPED.match(folded, start)
        if grouped:
            reach = grouped.end()
            yield Number(start, reach, int(grouped.group().translate(_SEPARATORS)))
        elif end - start <= _LONGEST:
            yield Number(start, end, int(run.group()))


def _joined(folded: str, previous_end: int, mention: Mention) -> bool:
    gap = folded[previous_end : mention.start].strip()
    attached = gap == "" and mention.prefix == "و"
    return previous_end <= mention.start and (gap in _JOINERS or attached)


def _compose(group: list[Mention]) -> Number:
    total, current = 0, 0
    for mention in group:
        value = int(mention.value)
        if value in _MULTIPLIERS and current:
            total += current * value
            current = 0
        elif value in _MULTIPLIERS:
            total += value
        elif value == 20 and current == 4:  # quatre-vingt(s)
            current = 80
        else:
            current += value
    return Number(group[0].start, group[-1].end, total + current)


@dataclass(frozen=True)
class Count:
    """A count the text states: what is counted, how many, where (folded offset)."""

    what: str
    value: int
    start: int


def stated_counts(folded: str, found: list[Number], mentions: list[Mention]) -> list[Count]:
    """Counts the text states: a number followed, within a few words, by a counted noun."""
    counts: list[Count] = []
    nouns = [m for m in mentions if m.kind == "cue" and m.value == "count"]
    ends = [n.end for n in found]  # numbers are in order and do not overlap
    for noun in nouns:
        before = bisect_right(ends, noun.start)
        if not before:
            continue
        number = found[before - 1]
        gap = folded[number.end : noun.start]
        near = len(gap.split()) < _GAP_WORDS and not any(p in gap for p in ".,;:")
        if near and number.value > 1 and not any(c.start == number.start for c in counts):
            counts.append(Count(noun.entry.extra, number.value, number.start))
    return counts
