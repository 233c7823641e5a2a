"""A folded copy of an article for matching, with a map back to the original offsets.

Folding is one character to one character (case, Latin accents, Arabic letter variants,
Eastern digits, typographic apostrophes and dashes, whitespace), done with one table
(``str.lower`` first, then the table for what is left; for long texts of the BMP, the same
table as a lookup per code point in numpy), so offsets are the same in both copies. Only
Arabic marks and tatweel are deleted; then, and only then, their places are kept to map
offsets back.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

import numpy as np

from workers.core.normalize import ARABIC_FOLD, ARABIC_MARKS, bmp_codes, bmp_text


def _latin_fold(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char.casefold())
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base[:1] or char


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in [*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        folded = _latin_fold(chr(code))
        if folded != chr(code):
            table[code] = folded
    for code, target in ARABIC_FOLD.items():
        table[code] = str(target)
    for char in "\u2019\u2018\u02bc\u00b4`":
        table[ord(char)] = "'"
    for char in "\u2010\u2011\u2012\u2013\u2014\u2212":
        table[ord(char)] = "-"
    for char in "\t\n\r\f\v\u00a0\u2009\u202f\u200f\u200e\u061c":
        table[ord(char)] = " "
    table[ord("\u060c")] = ","  # Arabic comma
    return table


_TABLE = _build_table()
_FOLDS = {chr(code): str(target) for code, target in _TABLE.items()}


def _char_class(chars: list[str]) -> re.Pattern[str]:
    """One character class of ``chars``, as ranges (a long list of literals is slow)."""
    codes = sorted(ord(c) for c in chars)
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    parts = (re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges)
    return re.compile("[" + "".join(parts) + "]")


def _lower_unsafe() -> re.Pattern[str]:
    """Characters that ``str.lower`` folds unlike the table (Greek, Cyrillic capitals, İ):
    a text holding one is folded by the table alone."""
    unsafe = [chr(code) for code in range(0x10000, 0x110000)]  # rare: one range, kept fast
    for code in range(0x10000):
        char = chr(code)
        lowered = char.lower()
        if lowered != char and (
            len(lowered) != 1 or lowered.translate(_TABLE) != char.translate(_TABLE)
        ):
            unsafe.append(char)
    return _char_class(unsafe)


_LOWER_UNSAFE = _lower_unsafe()
_AFTER_LOWER = _char_class([c for c in _FOLDS if not "A" <= c <= "Z"])
_CHAINED = frozenset(c for c, target in _FOLDS.items() if target in _FOLDS and target != c)
"""Characters whose fold is folded again (ŉ → ʼ): replacing one by one would chain."""
"""What ``str.lower`` leaves for the table to fold: accents, Arabic variants, spaces."""


def _translate(text: str) -> str:
    """``text.translate(_TABLE)``, faster: ``str.lower`` in C, then each distinct character
    left replaced at once (a table lookup per character is what makes ``translate`` slow on
    non-ASCII text). Every fold is one character, so replacing never shifts an offset."""
    if _LOWER_UNSAFE.search(text):
        return text.translate(_TABLE)
    folded = text.lower()
    left = set(_AFTER_LOWER.findall(folded))
    if left & _CHAINED:
        return text.translate(_TABLE)
    for char in left:  # a few distinct ones, each replaced in C
        folded = folded.replace(char, _FOLDS[char])
    return folded


@cache
def _bmp_tables() -> tuple[np.ndarray, np.ndarray]:
    """Per BMP code point: its fold (``_TABLE``, else itself) and whether it is an Arabic
    mark to delete (``ARABIC_MARKS``); built once (~30 ms)."""
    codes = np.arange(0x10000, dtype=np.uint32)
    table = codes.copy()
    for code, target in _TABLE.items():
        table[code] = ord(target)
    marked = np.zeros(0x10000, dtype=bool)
    for match in ARABIC_MARKS.finditer(bmp_text()):
        marked[ord(match.group())] = True
    return table, marked


def fold_key(text: str) -> str:
    """Fold a lexicon entry the way article text is folded, spaces collapsed."""
    folded = ARABIC_MARKS.sub("", text).translate(_TABLE)
    return " ".join(folded.split())


@dataclass(frozen=True)
class TextMap:
    """The folded text and, when characters were deleted, where each one came from."""

    original: str
    folded: str
    deleted: tuple[int, ...] | None = None
    """For each deleted character, the folded index of the first character kept after it."""

    @classmethod
    def of(cls, text: str) -> TextMap:
        codes = bmp_codes(text)
        if codes is not None:  # long, and within the tables: numpy
            return cls._of_codes(text, codes)
        translated = _translate(text)
        marks = [match.start() for match in ARABIC_MARKS.finditer(translated)]
        if not marks:
            return cls(text, translated)
        folded = ARABIC_MARKS.sub("", translated)
        return cls(text, folded, tuple(at - rank for rank, at in enumerate(marks)))

    @classmethod
    def _of_codes(cls, text: str, codes: np.ndarray) -> TextMap:
        """:meth:`of` for a text of the BMP, as two table lookups per code point in numpy
        (the fold, then the marks to delete): some four times faster on a 5 KB article."""
        table, marked = _bmp_tables()
        folded = table[codes]
        marks = np.flatnonzero(marked[folded])
        if not marks.size:
            return cls(text, folded.tobytes().decode("utf-32-le", "surrogatepass"))
        kept: bytes = np.delete(folded, marks).tobytes()
        deleted = marks - np.arange(marks.size)
        return cls(text, kept.decode("utf-32-le", "surrogatepass"), tuple(deleted.tolist()))

    def start(self, index: int) -> int:
        """Original offset of the folded character at ``index``."""
        if self.deleted is None:
            return index
        if index >= len(self.folded):
            return len(self.original)
        return index + bisect_right(self.deleted, index)

    def end(self, index: int) -> int:
        """Original offset one past the folded character before ``index``."""
        if self.deleted is None or index == 0:
            return index
        return self.start(index - 1) + 1
