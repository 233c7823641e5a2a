"""Sentences and paragraphs of an article, as offsets into the text it was given.

A sentence ends at ``. ! ? ؟ ؛`` followed by space and something that can start a sentence,
or at a line break; a paragraph ends at a blank line or, in texts written one paragraph per
line, at each line break. Abbreviations such as ``U.S.`` or ``M.`` do not end sentences
(what follows them is not a space and a capital, or they are on the list).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BREAK = re.compile(
    r"(?<=[.!?؟؛…])[\"'»”)\]]?\s+(?=[\"'«“(\[]?[A-ZÀ-ÖØ-Þ¿¡\d\u0600-\u06ff])|\s*\n\s*"
)
_ABBREVIATIONS = frozenset(
    {"m.", "mm.", "mme.", "dr.", "mr.", "mrs.", "ms.", "st.", "sr.", "sra.", "sres.", "gen.",
     "col.", "lt.", "gov.", "u.s.", "u.k.", "e.u.", "no.", "art.", "núm.", "p.", "d.", "j.",
     "jan.", "feb.", "mar.", "apr.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.",
     "janv.", "févr.", "déc.", "ene.", "dic."}
)
_PARAGRAPH = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
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
    for match in _BREAK.finditer(text):
        if match.group().strip() == "" and "\n" not in match.group():
            words = text[start : match.start()].rsplit(None, 1)
            if words and words[-1].casefold() in _ABBREVIATIONS:
                continue
        _add(sentences, text, start, match.start(), paragraph)
        gap = match.group()
        if "\n" in gap and (not blank_lines or gap.count("\n") > 1):
            paragraph += 1
        start = match.end()
    _add(sentences, text, start, len(text), paragraph)
    return sentences


def _add(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(len(sentences), start, end, paragraph))


def locate(sentences: list[Sentence], offset: int) -> Sentence | None:
    """The sentence holding ``offset`` (binary search), or None between sentences."""
    low, high = 0, len(sentences) - 1
    while low <= high:
        middle = (low + high) // 2
        sentence = sentences[middle]
        if offset < sentence.start:
            high = middle - 1
        elif offset >= sentence.end:
            low = middle + 1
        else:
            return sentence
    return None
