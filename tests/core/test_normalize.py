"""Folding: the vectorised path for long texts is the regex path, character for character."""

from __future__ import annotations

import random
import re
import unicodedata

from workers.core.normalize import (
    _AR_STRIP,
    _combining_marks,
    _fold_arabic_letters,
    clean_text,
    fold,
    fold_clean,
    has_text,
    letters_sample,
)

_NON_LETTER = re.compile(r"[^\w\s]|[\d_]")
_POOL = [
    chr(code)
    for code in [
        *range(0x20, 0x250),
        *range(0x300, 0x370),
        *range(0x600, 0x700),
        *range(0x1E00, 0x1F00),
        *(0x2019, 0x200F, 0xA0, 0x2009, 0xD800, 0x1F600, 0x1D400, 0xFB01, 0xFE83, 0xFEF0),
        *(0x2160, 0xB2, 0x130, 0x1E9E, 0xDF, 0x5F, 0x660, 0x6F5, 0x640, 0x64B),
    ]
] + [" ", "\n", "\t"] * 30


def _by_regex(cleaned: str) -> str:
    """What :func:`fold_clean` computes, with one regex pass per step (the reference)."""
    text = unicodedata.normalize(
        "NFKD", _fold_arabic_letters(_AR_STRIP.sub("", cleaned)).casefold()
    )
    bmp, astral = _combining_marks()
    return " ".join(_NON_LETTER.sub(" ", astral.sub("", bmp.sub("", text))).split())


def test_long_and_short_texts_fold_like_the_regex_path() -> None:
    rng = random.Random(3)
    for _ in range(400):
        size = rng.choice([3, 40, 255, 256, 300, 3000])
        text = "".join(rng.choice(_POOL) for _ in range(size))
        assert fold_clean(text) == _by_regex(text), repr(text)


def test_any_bmp_text_folds_like_the_regex_path() -> None:
    """Characters from the whole BMP, those that fold to several characters (ß, ﬁ, Hangul)
    left out half the time so that the table path runs too."""
    rng = random.Random(8)
    several = {c for c in map(chr, range(0x10000)) if len(_by_regex(c).replace(" ", "")) > 1}
    bmp = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF]
    simple = [c for c in bmp if c not in several]
    for i in range(300):
        text = "".join(rng.choice(simple if i % 2 else bmp) for _ in range(rng.choice([300, 900])))
        assert fold_clean(text) == _by_regex(text), repr(text)


def test_fold_drops_marks_digits_and_punctuation() -> None:
    text = "  Sûreté NATIONALE — 12 agents, l’accord d'Alger; الإنتربولُ في مراكـش ١٢ " * 20
    folded = fold(text)
    assert folded.startswith("surete nationale agents l accord d alger الانتربول في مراكش surete")
    assert folded == " ".join(folded.split())


def test_has_text_is_whether_clean_text_leaves_anything() -> None:
    for text in ["", " \n\t", "\x00 \x00", "<p> </p>", "&nbsp;", "http://x.y/z", "a", "<b>x</b>"]:
        assert has_text(text) == bool(clean_text(text)), repr(text)


def test_letters_sample_is_the_regex_sample() -> None:
    rng = random.Random(5)
    for _ in range(300):
        text = "".join(rng.choice(_POOL) for _ in range(rng.choice([50, 400, 2000])))
        cleaned = clean_text(text[:960])
        expected = " ".join(_NON_LETTER.sub(" ", cleaned).split())
        if len(expected) > 240:
            cut = expected.rfind(" ", 0, 240)
            expected = expected[: cut if cut > 120 else 240]
        assert letters_sample(text, 240) == expected, repr(text)
