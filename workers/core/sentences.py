"""Sentences and paragraphs of an article, as offsets into the text it was given.

A sentence ends at ``. ! ? ؟ ؛`` followed by space and something that can start a sentence,
or at a line break (not one that wraps a sentence: a word, then a lower-case word); a
paragraph ends at a blank line or, in texts written one paragraph per line, at each line
break. Abbreviations such as ``U.S.`` or ``M.`` do not end sentences
(what follows them is not a space and a capital, or they are on the list).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Protocol, TypeVar

from workers.core.textmap import TextMap

_STARTS = r"(?=(?:[\"'“(\[]|«[\s\u00a0\u202f]?)?[A-ZÀ-ÖØ-Þ¿¡\d\u0600-\u06ff])"
"""What can start a sentence: a capital, digit or Arabic letter, maybe after an opening
quote (French ``« Dès``, with its space)."""
_BREAK = re.compile(r"(?<=[.!?؟؛…])[\"'»”)\]]?\s+" + _STARTS + r"|\s*\n\s*")
_ABBREVIATIONS = frozenset(
    {
        "m.",
        "mm.",
        "mme.",
        "dr.",
        "mr.",
        "mrs.",
        "ms.",
        "st.",
        "sr.",
        "sra.",
        "sres.",
        "gen.",
        "col.",
        "lt.",
        "gov.",
        "u.s.",
        "u.k.",
        "e.u.",
        "no.",
        "art.",
        "núm.",
        "p.",
        "d.",
        "j.",
        "jan.",
        "feb.",
        "mar.",
        "apr.",
        "aug.",
        "sep.",
        "sept.",
        "oct.",
        "nov.",
        "dec.",
        "janv.",
        "févr.",
        "déc.",
        "ene.",
        "dic.",
    }
)
_START = attrgetter("start")
_PARAGRAPH = re.compile(r"\n\s*\n")
_MARKS = ".!?؟؛…\n"
_CLOSING = frozenset("\"'»”)]")
_AFTER_MARK = re.compile(r"[\"'»”)\]]?\s+" + _STARTS)
_SPACES = re.compile(r"\s+")


class _Located(Protocol):
    @property
    def start(self) -> int: ...


_Item = TypeVar("_Item", bound=_Located)


@dataclass(slots=True)
class Sentence:
    """``text[start:end]`` is the sentence; ``paragraph`` numbers the paragraph it is in."""

    index: int
    start: int
    end: int
    paragraph: int


def split(text: str) -> list[Sentence]:
    """The article's sentences, trimmed of surrounding space, in order."""
    blank_lines = bool(_PARAGRAPH.search(text))
    sentences: list[Sentence] = []
    paragraph = 0
    start = 0
    for break_start, break_end in _breaks(text):
        gap = text[break_start:break_end]
        if "\n" not in gap and gap.isspace():
            word = break_start  # the last word before the break: an abbreviation?
            while word > start and not text[word - 1].isspace():
                word -= 1
            if text[word:break_start].casefold() in _ABBREVIATIONS:
                continue
        _add(sentences, text, start, break_start, paragraph)
        if "\n" in gap and (not blank_lines or gap.count("\n") > 1):
            paragraph += 1
        start = break_end
    _add(sentences, text, start, len(text), paragraph)
    return sentences


def _breaks(text: str) -> Iterator[tuple[int, int]]:
    """The spans ``_BREAK.finditer`` would give, found from their anchors (an end mark with
    space after it, or a line break) instead of trying the pattern at every character."""
    reach = 0
    for at, anchor_end in _anchors(text):
        if at < reach:
            continue
        if text[at] == "\n" and _wrapped(text, at):
            continue
        if text[at] != "\n":  # after an end mark: a closing quote, space, a capital
            found = _AFTER_MARK.match(text, at + 1)
            if found:
                reach = found.end()
                yield at + 1, reach
                continue
            at_space = anchor_end
            if text.find("\n", at_space, _space_end(text, at_space)) < 0:
                continue
        else:
            at_space = at
        first = at_space
        while first > reach and text[first - 1].isspace():
            first -= 1
        reach = _space_end(text, at_space)
        yield first, reach


def _wrapped(text: str, at: int) -> bool:
    """A single line break inside a sentence of hard-wrapped copy: a word before it (no end
    mark), a lower-case word after it (``efforts\\nto counter``)."""
    before = text[at - 1] if at else ""
    after = text[at + 1] if at + 1 < len(text) else ""
    return before.isalnum() and after.islower()


def _anchors(text: str) -> list[tuple[int, int]]:
    """Where ``[.!?؟؛…][closing quote]?(?=\\s)|\\n`` matches, in order: each mark found by
    ``str.find`` (a regex tried at every character costs more than the whole split)."""
    size = len(text)
    found: list[tuple[int, int]] = []
    for mark in _MARKS:
        at = text.find(mark)
        while at >= 0:
            after = at + 1
            if mark == "\n" or (after < size and text[after].isspace()):
                found.append((at, after))
            elif after + 1 < size and text[after] in _CLOSING and text[after + 1].isspace():
                found.append((at, after + 1))
            at = text.find(mark, after)
    found.sort()
    return found


def _space_end(text: str, at: int) -> int:
    found = _SPACES.match(text, at)
    return found.end() if found else at


def _add(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    if start < end and (text[start].isspace() or text[end - 1].isspace()):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
    if end > start:
        sentences.append(Sentence(len(sentences), start, end, paragraph))


def group(
    textmap: TextMap, sentences: list[Sentence], items: Sequence[_Item]
) -> dict[int, list[_Item]]:
    """Items by the sentence they start in."""
    grouped: dict[int, list[_Item]] = {s.index: [] for s in sentences}
    position, count = 0, len(sentences)
    mapped = textmap.deleted is not None
    for item in sorted(items, key=_START):
        start = textmap.start(item.start) if mapped else item.start
        while position < count and sentences[position].end <= start:
            position += 1
        if position < count and sentences[position].start <= start:
            grouped[sentences[position].index].append(item)
    return grouped
