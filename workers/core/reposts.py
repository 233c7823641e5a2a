"""Near-identical reposts of an article, one kind of edit at a time (pure, deterministic).

What a syndicated copy or a repost looks like: a changed headline, a dropped or an added
paragraph, other punctuation and spacing, diacritics or accents added or removed, a signature
line, a byline. Each is a copy the duplicate index must point back to its original. Tests,
the chaos test and the benchmark share this generator; the same seed gives the same text.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

KINDS = (
    "headline",
    "drop_paragraph",
    "add_paragraph",
    "punctuation",
    "diacritics",
    "signature",
    "byline",
)

_ARABIC = re.compile("[\u0600-\u06ff]")
_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")
_HARAKAT = "\u064e\u064f\u0650\u0651\u0652\u064b"
_AR_VARIANTS = {"ا": "أ", "ي": "ى", "ه": "ة"}

# (headline openers, added paragraphs, signatures, bylines) per script.
_LATIN = (
    ("Update:", "Breaking:", "Dernière minute :", "Última hora:", "Read more:"),
    (
        "This article has been updated with further details from the official statement "
        "released by the authorities later in the day.",
        "Cet article a été mis à jour avec des précisions tirées du communiqué officiel "
        "publié par les autorités dans la journée.",
        "Este artículo fue actualizado con más detalles del comunicado oficial publicado "
        "por las autoridades a lo largo del día.",
    ),
    ("© 2025 All rights reserved.", "— AFP", "(MAP)", "Source : agences", "Fuente: EFE"),
    ("By Sarah Benali, staff reporter", "Par Karim El Idrissi", "Por Lucía Martín, Madrid"),
)
_ARABIC_TEXTS = (
    ("عاجل:", "تحديث:", "اقرأ أيضا:"),
    (
        "وقد جرى تحديث هذا المقال بتفاصيل إضافية من البلاغ الرسمي الذي أصدرته السلطات "
        "في وقت لاحق من اليوم.",
    ),
    ("جميع الحقوق محفوظة © 2025", "(و م ع)", "المصدر: وكالات"),
    ("بقلم: كريم الإدريسي", "الرباط - مراسلنا"),
)


@dataclass(frozen=True)
class Repost:
    """A generated copy: its kind and its text."""

    kind: str
    text: str


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()]


def _bank(text: str) -> tuple[tuple[str, ...], ...]:
    return _ARABIC_TEXTS if _ARABIC.search(text) else _LATIN


def _headline(text: str, rng: random.Random) -> str:
    parts = paragraphs(text)
    words = " ".join(parts).split()
    headline = f"{rng.choice(_bank(text)[0])} {' '.join(words[: rng.randint(6, 10)])}"
    if len(parts) > 1 and len(parts[0].split()) <= 15:
        parts = parts[1:]  # the first line was the old headline: replace it
    return "\n\n".join([headline, *parts])


def _drop_paragraph(text: str, rng: random.Random) -> str:
    parts = paragraphs(text)
    if len(parts) >= 3:
        del parts[rng.randrange(1, len(parts))]
        return "\n\n".join(parts)
    sentences = _SENTENCE_END.split(text.strip())
    if len(sentences) >= 4:
        del sentences[rng.randrange(1, len(sentences))]
        return " ".join(sentences)
    words = text.split()
    return " ".join(words[: max(1, len(words) * 9 // 10)])


def _add_paragraph(text: str, rng: random.Random) -> str:
    return f"{text.rstrip()}\n\n{rng.choice(_bank(text)[1])}"


def _punctuation(text: str, rng: random.Random) -> str:
    swaps = {",": " ,", ".": " . ", "،": " ، ", ":": " -", "«": '"', "»": '"', '"': "'"}
    out = [swaps.get(ch, ch) if rng.random() < 0.7 else ch for ch in text]
    return re.sub(r"\n+", "\n", "".join(out).replace("  ", "   "))


def _diacritics(text: str, rng: random.Random) -> str:
    if _ARABIC.search(text):
        out = []
        for original in text:
            ch = _AR_VARIANTS.get(original, original) if rng.random() < 0.3 else original
            out.append(ch)
            if "\u0621" <= ch <= "\u064a" and rng.random() < 0.25:
                out.append(rng.choice(_HARAKAT) if rng.random() < 0.9 else "\u0640")
        return "".join(out)
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.upper() if rng.random() < 0.2 else stripped


def _signature(text: str, rng: random.Random) -> str:
    return f"{text.rstrip()}\n{rng.choice(_bank(text)[2])}"


def _byline(text: str, rng: random.Random) -> str:
    return f"{rng.choice(_bank(text)[3])}\n{text.lstrip()}"


_EDITS: dict[str, Callable[[str, random.Random], str]] = {
    "headline": _headline,
    "drop_paragraph": _drop_paragraph,
    "add_paragraph": _add_paragraph,
    "punctuation": _punctuation,
    "diacritics": _diacritics,
    "signature": _signature,
    "byline": _byline,
}


def repost(text: str, kind: str, *, seed: int = 0) -> Repost:
    """One near-identical copy of ``text`` made by one kind of edit."""
    rng = random.Random(f"{seed}:{kind}")  # noqa: S311 - reproducible edits, not secrets
    return Repost(kind, _EDITS[kind](text, rng))


def reposts(text: str, *, seed: int = 0, per_kind: int = 1) -> Iterator[Repost]:
    """``per_kind`` copies of each kind of edit."""
    for kind in KINDS:
        for n in range(per_kind):
            yield repost(text, kind, seed=seed * 1000 + n)
