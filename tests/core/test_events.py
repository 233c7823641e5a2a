"""The extractor end to end: the seeds' gold, sentences written for these tests in each
language, negatives that look alike, evidence offsets and stable ids."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from workers.core.events import Extraction, Extractor

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "seeds.jsonl"


def seeds() -> list[dict[str, Any]]:
    return [json.loads(line) for line in SEEDS.read_text(encoding="utf-8").splitlines() if line]


def run(
    extractor: Extractor, text: str, language: str, published: datetime | None = None
) -> Extraction:
    return extractor.extract(text, language, published)


class TestSeeds:
    @pytest.mark.parametrize("seed", seeds(), ids=lambda s: s["id"])
    def test_summary_matches_the_gold_exactly(
        self, extractor: Extractor, seed: dict[str, Any]
    ) -> None:
        gold = seed["gold"]
        summary = run(extractor, seed["text"], gold["language"]).summary
        event_date = (
            {"start": str(summary.date.start), "end": str(summary.date.end)}
            if summary.date
            else None
        )
        location = summary.location.model_dump() if summary.location else None
        assert (
            summary.relevant,
            sorted(summary.countries),
            sorted(summary.organizations),
            sorted(summary.topics),
            sorted(summary.event_types),
            location,
            event_date,
            summary.meeting_count,
        ) == (
            gold["relevant"],
            sorted(gold["countries"]),
            sorted(gold["organizations"]),
            sorted(gold["topics"]),
            sorted(gold["event_types"]),
            gold["location"],
            gold["event_date"],
            gold["meeting_count"],
        )

    def test_evidence_offsets_cut_sentences_of_the_text(self, extractor: Extractor) -> None:
        seed = seeds()[0]
        for event in run(extractor, seed["text"], "ar").events:
            sentence = seed["text"][event.evidence[0].start : event.evidence[0].end]
            assert sentence.strip() == sentence and len(sentence) > 20


class TestCountriesAndTypes:
    @pytest.mark.parametrize(
        ("language", "text", "countries", "types"),
        [
            (
                "ar",
                "استقبل وزير الداخلية الأردني بعمّان نظيره العراقي، وبحث الجانبان تعزيز التعاون "
                "الأمني في مجال مكافحة تهريب المخدرات عبر الحدود.",
                ["IQ", "JO"],
                ["meeting"],
            ),
            (
                "fr",
                "Le ministre sénégalais de l'Intérieur et son homologue gambien ont signé jeudi à "
                "Dakar un protocole d'accord sur la lutte contre la traite des êtres humains.",
                ["GM", "SN"],
                ["agreement"],
            ),
            (
                "en",
                "Kenyan police and their Ugandan counterparts dismantled a cross-border cattle "
                "rustling gang in a joint operation coordinated by INTERPOL.",
                ["KE", "UG"],
                ["joint_operation"],
            ),
            (
                "es",
                "La Guardia Civil impartió un curso de formación a cuarenta agentes de la Policía "
                "Nacional de Colombia sobre investigación de blanqueo de capitales.",
                ["CO", "ES"],
                ["training"],
            ),
            (
                "en",
                "Portugal extradited to Brazil a suspected leader of a drug trafficking network "
                "wanted for money laundering.",
                ["BR", "PT"],
                ["extradition"],
            ),
        ],
    )
    def test_participants_and_event_types(
        self, extractor: Extractor, language: str, text: str, countries: list[str], types: list[str]
    ) -> None:
        summary = run(extractor, text, language).summary
        assert (sorted(summary.countries), sorted(summary.event_types)) == (countries, types)

    def test_the_acting_side_is_the_country_the_article_speaks_for(
        self, extractor: Extractor
    ) -> None:
        text = (
            "Abdellatif Hammouchi received delegations from Ghana, Togo and Niger on Tuesday to "
            "discuss counter-terrorism cooperation."
        )
        events = run(extractor, text, "en").events
        assert {e.actor.country for e in events} == {"MA"}
        assert sorted(e.counterpart.country or "" for e in events) == ["GH", "NE", "TG"]

    def test_a_country_mentioned_in_passing_does_not_take_part(self, extractor: Extractor) -> None:
        text = (
            "Les polices espagnole et marocaine ont démantelé conjointement un réseau de passeurs "
            "qui acheminait des migrants originaires de Guinée et du Mali."
        )
        assert sorted(run(extractor, text, "fr").summary.countries) == ["ES", "MA"]


class TestNegatives:
    @pytest.mark.parametrize(
        ("language", "text"),
        [
            (
                "en",
                "The French and Moroccan trade ministers met in Rabat to discuss tariffs "
                "and investment in the automotive sector.",
            ),
            (
                "es",
                "España y Marruecos se enfrentaron el sábado en un partido amistoso de fútbol "
                "en Tánger.",
            ),
            (
                "fr",
                "La police nationale a démantelé à Lyon un réseau de trafic de cocaïne et "
                "interpellé douze suspects.",
            ),
            ("ar", "أوقفت عناصر الشرطة بمدينة فاس شخصين يشتبه في تورطهما في السرقة بالعنف."),
        ],
        ids=["trade", "sport", "lone-operation", "crime-report"],
    )
    def test_lookalikes_are_not_cooperation(
        self, extractor: Extractor, language: str, text: str
    ) -> None:
        assert not run(extractor, text, language).summary.relevant

    def test_a_national_of_a_country_is_not_that_country(self, extractor: Extractor) -> None:
        text = (
            "Spanish and French police arrested a Moroccan national in a joint operation "
            "against drug trafficking."
        )
        assert sorted(run(extractor, text, "en").summary.countries) == ["ES", "FR"]


class TestDatesAndIds:
    def test_yesterday_is_resolved_against_publication(self, extractor: Extractor) -> None:
        text = "وقع المغرب وإسبانيا أمس بالرباط اتفاقية للتعاون في مكافحة الإرهاب."
        summary = run(extractor, text, "ar", datetime(2025, 2, 11)).summary
        assert summary.date is not None
        assert (summary.date.start, summary.date.precision) == (date(2025, 2, 10), "published")

    def test_no_date_in_the_text_gives_no_date(self, extractor: Extractor) -> None:
        text = "Le Maroc et la France ont signé un accord de coopération contre le terrorisme."
        assert run(extractor, text, "fr", datetime(2025, 2, 11)).summary.date is None

    def test_the_same_event_in_two_languages_gets_the_same_id(self, extractor: Extractor) -> None:
        french = (
            "Le Maroc et l'Espagne ont signé un accord contre le terrorisme à Rabat le 3 mars 2025."
        )
        spanish = (
            "Marruecos y España firmaron en Rabat el 3 de marzo de 2025 un acuerdo antiterrorista."
        )
        ids = {
            e.event_id
            for text, language in ((french, "fr"), (spanish, "es"))
            for e in run(extractor, text, language).events
        }
        assert len(ids) == 1

    def test_unknown_language_in_arabic_script_uses_the_arabic_rules(
        self, extractor: Extractor
    ) -> None:
        text = "التقى وزير الداخلية التونسي نظيره الليبي لبحث أمن الحدود."
        assert sorted(run(extractor, text, "und").summary.countries) == ["LY", "TN"]
