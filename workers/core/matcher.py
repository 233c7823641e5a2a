"""One Aho–Corasick automaton per language: every name, trigger and cue in one pass.

Entries are folded (``textmap.fold_key``); the article is folded once (``TextMap``). A hit
counts only on word boundaries: in Arabic a word may start with clitics (و ف ب ل ك and their
pairs; ال is part of the entries, or a prefix of noun stems), and stems (triggers, cues) may
carry suffixes. Overlaps are
resolved leftmost-longest, so ``الجريمة المنظمة`` wins over ``الجريمة`` — triggers among
themselves, everything else among itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

import ahocorasick

from workers.core.textmap import TextMap, fold_key

ARABIC_CLITICS = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "فب", "ول", "فل", "وك", "فك"})
ARABIC_DEFINITE = ARABIC_CLITICS | {c + "ال" for c in ARABIC_CLITICS} | {"لل", "ولل", "فلل"}
"""Before a stem (a noun or verb, not a name): the clitics, then possibly the article."""
_WORD = re.compile(r"\w+")
_ACRONYM = 5
_CLITICS = 5  # no clitic prefix is longer (فلل, وبال): a longer run is one word
_STEM = 2  # variants.STEM: may take the article too
_NISBA_ENDINGS = frozenset({"ي", "يه", "يا", "يون", "يين", "يتين", "يتان", "يات"})  # folded ة → ه
_EVENT_KINDS = frozenset({"trigger", "object", "role"})
"""Triggers, what is signed and officials' roles overlap other words apart: ``coordinated
by Europol`` still names Europol, ``سلمت السلطات`` still has its body (السلطات) for a nisba
to attach to, ``directeur général de la police nationale`` still names the police."""


def is_arabic_letter(char: str) -> bool:
    """True for the Arabic letters that build words (not digits or punctuation)."""
    return "\u0621" <= char <= "\u064a" or char in "\u0671\u067e\u0686\u06a4\u06af\u06cc\u06a9"


@dataclass(frozen=True)
class Entry:
    """What a lexicon term means: its kind (country, trigger, topic…), value and extra."""

    kind: str
    value: str
    extra: str = ""


class Mention(NamedTuple):
    """One hit: offsets in the folded text (``start``/``end``) and what it means (``kind``
    and ``value`` copied from the entry, so reading them costs no lookup)."""

    start: int
    end: int
    kind: str
    value: str
    entry: Entry
    prefix: str = ""


_new_mention = tuple.__new__


class Matcher:
    """Compiled terms of one language (or of several Latin ones together)."""

    def __init__(self, terms: Iterable[tuple[str, Entry, int]]) -> None:
        merged: dict[str, tuple[int, list[Entry], set[str] | None]] = {}
        for term, entry, mode in terms:
            key = fold_key(term)
            if len(key) < 2:
                continue
            mode_before, entries, cased = merged.get(key, (mode, [], set()))
            if entry not in entries:
                entries.append(entry)
            if cased is not None and _is_acronym(term):
                cased.add(term)
            else:
                cased = None
            merged[key] = (min(mode_before, mode), entries, cased)  # the strictest wins
        self._automaton = ahocorasick.Automaton()
        for key, (mode, entries, cased) in merged.items():
            exact = frozenset(cased) if cased else None
            layers = tuple(
                (layer, group)
                for layer in (0, 1)
                if (
                    group := tuple(
                        (e.kind, e.value, e) for e in entries if (e.kind in _EVENT_KINDS) == layer
                    )
                )
            )
            self._automaton.add_word(key, (len(key) - 1, mode, exact, layers))
        self._automaton.make_automaton()
        self.size = len(merged)

    def find(self, text: TextMap) -> list[Mention]:
        """Every entry found in ``text`` on word boundaries, leftmost-longest, in order."""
        folded = text.folded
        size = len(folded)
        candidates: list[tuple[int, int, int, str, tuple[tuple[str, str, Entry], ...]]] = []
        add = candidates.append
        alnum = str.isalnum
        for last, (extent, mode, exact, layers) in self._automaton.iter(folded):
            start, end = last - extent, last + 1
            if end < size and alnum(folded[end]):
                if not mode:
                    continue
                if folded[end] == "\u064a" and _nisba(folded, end):
                    continue  # اجتماع + ية is "social", not a meeting
            prefix = ""
            if start and alnum(folded[start - 1]):
                clitics = _prefix(folded, start, mode)
                if clitics is None:
                    continue
                prefix = clitics
            if exact and text.original[text.start(start) : text.end(end)] not in exact:
                continue
            for layer, entries in layers:
                add((start, -end, layer, prefix, entries))
        return _resolve(candidates)


def _prefix(folded: str, start: int, mode: int) -> str | None:
    """The clitics before an Arabic hit inside a word (و، بال…), or None when the word has
    other letters before it (or the hit is inside a Latin word)."""
    if not is_arabic_letter(folded[start]):
        return None
    word = start - 1
    while word and folded[word - 1].isalnum() and start - word < _CLITICS:
        word -= 1
    prefix = folded[word:start]
    return prefix if prefix in (ARABIC_DEFINITE if mode == _STEM else ARABIC_CLITICS) else None


def _resolve(
    candidates: list[tuple[int, int, int, str, tuple[tuple[str, str, Entry], ...]]],
) -> list[Mention]:
    """Leftmost-longest per layer, one mention per meaning of each hit kept, in order."""
    candidates.sort()  # leftmost first, then longest (one key per span and layer)
    mentions: list[Mention] = []
    reach = [-1, -1]
    for start, negative_end, layer, prefix, entries in candidates:
        if start < reach[layer]:
            continue
        reach[layer] = end = -negative_end
        for kind, value, entry in entries:
            mentions.append(_new_mention(Mention, (start, end, kind, value, entry, prefix)))
    return mentions


def _nisba(folded: str, end: int) -> bool:
    """Whether the rest of the word from ``end`` makes an adjective of a stem (ي، ية، يون…)."""
    rest = _WORD.match(folded, end)
    return rest is not None and rest.group() in _NISBA_ENDINGS


def _is_acronym(term: str) -> bool:
    """``US``, ``UN``, ``ICE``: written in capitals, so only capitals match (not ``us``)."""
    letters = [c for c in term if c.isalpha()]
    return bool(letters) and len(letters) <= _ACRONYM and all(c.isupper() for c in letters)
