"""Numbers in digits and words, and the counts the text states."""

from __future__ import annotations

import pytest

from workers.core.lexicon import Lexicon
from workers.core.numbers import numbers, stated_counts
from workers.core.textmap import TextMap


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


def values(lexicon: Lexicon, language: str, text: str) -> list[int]:
    textmap = TextMap.of(text)
    mentions = lexicon.matcher(language).find(textmap)
    return [n.value for n in numbers(textmap.folded, mentions)]


def meetings(lexicon: Lexicon, language: str, text: str) -> list[int]:
    textmap = TextMap.of(text)
    mentions = lexicon.matcher(language).find(textmap)
    found = numbers(textmap.folded, mentions)
    return [c.value for c in stated_counts(textmap.folded, found, mentions) if c.what == "meetings"]


class TestNumbers:
    @pytest.mark.parametrize(
        ("language", "text", "value"),
        [
            ("ar", "خمسة وعشرين", 25),
            ("ar", "سبعة وخمسون", 57),
            ("ar", "٢٠٢٥", 2025),
            ("en", "sixty-two", 62),
            ("fr", "quatre-vingt-dix", 90),
            ("fr", "trente et un", 31),
            ("es", "treinta y seis", 36),
            ("es", "veintitrés", 23),
        ],
    )
    def test_number_words_and_digits(
        self, lexicon: Lexicon, language: str, text: str, value: int
    ) -> None:
        assert values(lexicon, language, text) == [value]


class TestCounts:
    @pytest.mark.parametrize(
        ("language", "text", "count"),
        [
            ("ar", "وعقد الوزير خمسة وعشرين لقاء مع نظرائه", 25),
            ("en", "The minister held 17 bilateral meetings in Geneva.", 17),
            ("fr", "Il a tenu une vingtaine de réunions avec ses homologues.", 20),
            ("es", "Mantuvo doce reuniones bilaterales en Lisboa.", 12),
        ],
    )
    def test_a_number_before_meetings_is_a_meeting_count(
        self, lexicon: Lexicon, language: str, text: str, count: int
    ) -> None:
        assert meetings(lexicon, language, text) == [count]

    def test_a_number_of_other_things_is_not_a_meeting_count(self, lexicon: Lexicon) -> None:
        text = "More than 900 delegates attended; three meetings were planned later."
        assert meetings(lexicon, "en", text) == [3]
