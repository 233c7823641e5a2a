"""Text cleaning and script-aware folding shared by language detection and dedup."""

from __future__ import annotations

import html
import re
import unicodedata

_TAG = re.compile(r"<[^<>]{0,2000}>")
_URL = re.compile(r"https?://\S{1,2000}|www\.\S{1,2000}")
_SPACE = re.compile(r"\s+")
_NON_LETTER = re.compile(r"[^\w\s]|[\d_]")

# Arabic: harakat, superscript alef, Quranic marks, and tatweel carry no meaning for matching.
_AR_STRIP = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_AR_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ئ": "ي",
        "ؤ": "و",
        "ة": "ه",
        "ک": "ك",
        "ی": "ي",
        # Eastern Arabic and Persian digits to ASCII.
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
    }
)


def clean_text(text: str) -> str:
    """Drop HTML tags, entities, URLs and NULs; collapse whitespace."""
    text = text.replace("\x00", " ")
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    text = _URL.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def strip_accents(text: str) -> str:
    """Remove Latin combining marks: é → e, ñ → n."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Fold text for comparison: case, accents, Arabic letter variants and diacritics,
    punctuation and digits gone, whitespace collapsed."""
    text = _AR_STRIP.sub("", clean_text(text)).translate(_AR_FOLD)
    text = strip_accents(text.casefold())
    text = _NON_LETTER.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def letters_sample(text: str, limit: int) -> str:
    """A bounded sample of the cleaned text for language detection: letters and spaces,
    at most ``limit`` characters, cut at a word boundary."""
    sample = _SPACE.sub(" ", _NON_LETTER.sub(" ", clean_text(text[: limit * 4]))).strip()
    if len(sample) <= limit:
        return sample
    cut = sample.rfind(" ", 0, limit)
    return sample[: cut if cut > limit // 2 else limit]
