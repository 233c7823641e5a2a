"""The matchers: names, clitics, nisba forms, spelling variants, boundaries, acronyms."""

from __future__ import annotations

import pytest

from workers.core.lexicon import Lexicon
from workers.core.textmap import TextMap


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


def values(lexicon: Lexicon, language: str, text: str, kind: str) -> list[str]:
    textmap = TextMap.of(text)
    return [m.value for m in lexicon.matcher(language).find(textmap) if m.kind == kind]


class TestArabicNames:
    @pytest.mark.parametrize(
        ("text", "code"),
        [
            ("وصل الوفد إلى بولندا", "PL"),
            ("التقى وفدا من بولونيا", "PL"),
            ("مع السنغال", "SN"),
            ("زار السينغال", "SN"),
            ("قادة الأمن في بنن", "BJ"),
            ("ووصل إلى تشيلي", "CL"),
            ("وفد من الشيلي", "CL"),
            ("في الدنمارك", "DK"),
            ("وبوركينافاسو", "BF"),
            ("ووفد بوركينا فاسو", "BF"),
            ("مع كوريا الجنوبية", "KR"),
            ("بمقدونيا الشمالية", "MK"),
        ],
    )
    def test_maghreb_and_mashriq_spellings_name_one_country(
        self, lexicon: Lexicon, text: str, code: str
    ) -> None:
        assert values(lexicon, "ar", text, "country") == [code]

    @pytest.mark.parametrize("text", ["وللمغرب", "فالمغرب", "بالمغرب", "والمغرب", "كالمغرب"])
    def test_clitics_before_a_name_are_allowed(self, lexicon: Lexicon, text: str) -> None:
        assert values(lexicon, "ar", text, "country") == ["MA"]

    def test_a_name_inside_another_word_is_not_a_name(self, lexicon: Lexicon) -> None:
        assert values(lexicon, "ar", "الماليزي الصومالي", "country") == []

    @pytest.mark.parametrize(
        "text", ["الشرطة الألمانية", "المسؤول الألماني", "للسلطات الألمانية", "الخبراء الألمان"]
    )
    def test_nisba_adjectives_in_every_form(self, lexicon: Lexicon, text: str) -> None:
        assert values(lexicon, "ar", text, "demonym") == ["DE"]

    def test_diacritics_tatweel_and_hamza_are_folded(self, lexicon: Lexicon) -> None:
        assert values(lexicon, "ar", "مع الإنتربول وَالأنتـــربول", "org") == [
            "INTERPOL",
            "INTERPOL",
        ]

    def test_a_region_is_not_a_country(self, lexicon: Lexicon) -> None:
        assert values(lexicon, "ar", "دول من أمريكا اللاتينية", "country") == []


class TestLatinNames:
    def test_english_acronyms_match_only_in_capitals(self, lexicon: Lexicon) -> None:
        assert values(lexicon, "en", "Let us meet the US envoy", "country") == ["US"]

    def test_french_demonym_agrees_in_gender(self, lexicon: Lexicon) -> None:
        text = "la police nationale espagnole et les autorités marocaines"
        assert values(lexicon, "fr", text, "demonym") == ["ES", "MA"]

    def test_spanish_agency_names_its_country(self, lexicon: Lexicon) -> None:
        found = TextMap.of("Agentes de la Guardia Civil detuvieron")
        mentions = lexicon.matcher("es").find(found)
        assert [(m.value, m.entry.extra) for m in mentions if m.kind == "agency"] == [
            ("Guardia Civil", "ES")
        ]

    def test_a_meeting_in_spanish_is_not_the_island_of_reunion(self, lexicon: Lexicon) -> None:
        assert values(lexicon, "es", "Tras la reunión con Francia", "country") == ["FR"]

    def test_the_latin_matcher_serves_unknown_languages(self, lexicon: Lexicon) -> None:
        assert values(lexicon, "und", "Italia y Portugal, Belgique", "country") == [
            "IT",
            "PT",
            "BE",
        ]


class TestOffsets:
    def test_offsets_of_a_match_point_into_the_original_text(self, lexicon: Lexicon) -> None:
        text = "وَقَّعَ المغربُ مع إسبانيا"
        textmap = TextMap.of(text)
        spain = next(m for m in lexicon.matcher("ar").find(textmap) if m.value == "ES")
        assert text[textmap.start(spain.start) : textmap.end(spain.end)] == "إسبانيا"
