"""Dates as written, ranges, month names of every region, relative days."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from workers.core.dates import find_dates
from workers.core.lexicon import Lexicon
from workers.core.textmap import TextMap


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


def spans(
    lexicon: Lexicon, language: str, text: str, published: datetime | None = None
) -> list[tuple[date | None, date | None, str]]:
    textmap = TextMap.of(text)
    mentions = lexicon.matcher(language).find(textmap)
    return [
        (d.range.start, d.range.end, d.range.precision)
        for d in find_dates(textmap.folded, mentions, published)
    ]


class TestWrittenDates:
    @pytest.mark.parametrize(
        ("language", "text"),
        [
            ("ar", "انعقد الاجتماع ما بين 3 و5 يوليوز 2024"),
            ("ar", "من 3 إلى 5 تموز 2024"),
            ("ar", "من ٣ إلى ٥ يوليو ٢٠٢٤"),
            ("fr", "du 3 au 5 juillet 2024"),
            ("en", "from 3 to 5 July 2024"),
            ("en", "July 3-5, 2024"),
            ("es", "del 3 al 5 de julio de 2024"),
        ],
    )
    def test_day_ranges_in_every_language(self, lexicon: Lexicon, language: str, text: str) -> None:
        assert spans(lexicon, language, text) == [(date(2024, 7, 3), date(2024, 7, 5), "day")]

    @pytest.mark.parametrize(
        ("language", "text", "month"),
        [("ar", "يوم 9 شتنبر 2023", 9), ("ar", "في 9 أيلول 2023", 9), ("ar", "9 غشت 2023", 8)],
    )
    def test_maghreb_and_mashriq_months(
        self, lexicon: Lexicon, language: str, text: str, month: int
    ) -> None:
        assert spans(lexicon, language, text) == [
            (date(2023, month, 9), date(2023, month, 9), "day")
        ]

    def test_month_and_year_only_give_month_precision(self, lexicon: Lexicon) -> None:
        assert spans(lexicon, "fr", "en février 2024") == [
            (date(2024, 2, 1), date(2024, 2, 29), "month")
        ]

    def test_a_missing_year_comes_from_the_publication_date(self, lexicon: Lexicon) -> None:
        found = spans(lexicon, "es", "el 2 de marzo", datetime(2025, 3, 10))
        assert found == [(date(2025, 3, 2), date(2025, 3, 2), "day")]

    def test_without_year_or_publication_date_there_is_no_date(self, lexicon: Lexicon) -> None:
        assert spans(lexicon, "en", "on 2 March the ministers met") == []


class TestRelativeDates:
    @pytest.mark.parametrize(
        ("language", "text"),
        [
            ("ar", "استقبل أمس الوزير"),
            ("fr", "a reçu hier"),
            ("en", "met yesterday"),
            ("es", "ayer"),
        ],
    )
    def test_yesterday_is_the_day_before_publication(
        self, lexicon: Lexicon, language: str, text: str
    ) -> None:
        found = spans(lexicon, language, text, datetime(2025, 6, 4, 9, 0))
        assert found == [(date(2025, 6, 3), date(2025, 6, 3), "published")]

    def test_last_monday_is_the_monday_before_publication(self, lexicon: Lexicon) -> None:
        found = spans(lexicon, "es", "el pasado lunes", datetime(2025, 6, 5))  # a Thursday
        assert found == [(date(2025, 6, 2), date(2025, 6, 2), "published")]

    def test_last_week_gives_no_date(self, lexicon: Lexicon) -> None:
        assert spans(lexicon, "en", "last week", datetime(2025, 6, 5)) == []

    def test_relative_days_need_a_publication_date(self, lexicon: Lexicon) -> None:
        assert spans(lexicon, "fr", "hier", None) == []
