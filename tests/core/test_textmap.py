"""TextMap: the numpy path for long texts folds and maps offsets like the string path."""

from __future__ import annotations

import random

from workers.core.normalize import ARABIC_MARKS
from workers.core.textmap import _TABLE, TextMap

_POOL = [
    chr(code)
    for code in [
        *range(0x20, 0x250),
        *range(0x370, 0x400),
        *range(0x600, 0x700),
        *range(0x1E00, 0x1F00),
        *(0x2019, 0x2013, 0x130, 0xD800, 0x0640, 0x064B, 0x2160, 0x212A, 0x1E9E, 0x1F600),
    ]
] + [" ", "\n"] * 20


def _reference(text: str) -> TextMap:
    """The fold as one ``str.translate`` and the marks by regex: what ``TextMap.of`` means."""
    translated = text.translate(_TABLE)
    marks = [match.start() for match in ARABIC_MARKS.finditer(translated)]
    folded = ARABIC_MARKS.sub("", translated)
    return TextMap(text, folded, tuple(a - r for r, a in enumerate(marks)) if marks else None)


def test_long_and_short_texts_map_like_the_reference() -> None:
    rng = random.Random(4)
    for _ in range(400):
        text = "".join(rng.choice(_POOL) for _ in range(rng.choice([10, 255, 256, 400, 3000])))
        assert TextMap.of(text) == _reference(text), repr(text)


def test_offsets_map_back_over_deleted_marks() -> None:
    text = "وقّع الوزيرُ اتفاقيةً " * 20 + "Rabat"
    textmap = TextMap.of(text)
    at = textmap.folded.index("rabat")
    assert text[textmap.start(at) : textmap.end(at + 5)] == "Rabat"
