"""A folded copy of an article for matching, with a map back to the original offsets.

Folding is one character to one character (case, Latin accents, Arabic letter variants,
Eastern digits, typographic apostrophes and dashes, whitespace), done with one
``str.translate`` table, so offsets are the same in both copies. Only Arabic marks and
tatweel are deleted; then, and only then, an offset table is kept.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from workers.core.normalize import ARABIC_FOLD, ARABIC_MARKS


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


def fold_key(text: str) -> str:
    """Fold a lexicon entry the way article text is folded, spaces collapsed."""
    folded = ARABIC_MARKS.sub("", text).translate(_TABLE)
    return " ".join(folded.split())


@dataclass(frozen=True)
class TextMap:
    """The folded text and, when characters were deleted, where each one came from."""

    original: str
    folded: str
    offsets: tuple[int, ...] | None = None

    @classmethod
    def of(cls, text: str) -> TextMap:
        translated = text.translate(_TABLE)
        if not ARABIC_MARKS.search(translated):
            return cls(text, translated)
        keep = [i for i, char in enumerate(translated) if not ARABIC_MARKS.match(char)]
        folded = "".join(translated[i] for i in keep)
        return cls(text, folded, tuple(keep))

    def start(self, index: int) -> int:
        """Original offset of the folded character at ``index``."""
        if self.offsets is None:
            return index
        return self.offsets[index] if index < len(self.offsets) else len(self.original)

    def end(self, index: int) -> int:
        """Original offset one past the folded character before ``index``."""
        if self.offsets is None or index == 0:
            return index
        return self.offsets[index - 1] + 1
