"""Language detection: the labelled sets' languages, deterministic, ``und`` without letters."""

from __future__ import annotations

import pytest

from tests.index_cases import DEV, SEEDS, labelled
from workers.core.language import UNDETERMINED, LanguageDetector


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector()


def test_every_labelled_article_in_its_language(detector: LanguageDetector) -> None:
    rows = [r for r in labelled(SEEDS, *DEV) if (r.get("gold") or {}).get("language")]
    wrong = [
        (r["id"], r["gold"]["language"], found.code)
        for r in rows
        if (found := detector.detect(r["text"])).code != r["gold"]["language"]
    ]
    assert rows
    assert not wrong


def test_same_answer_every_call_and_in_another_detector(detector: LanguageDetector) -> None:
    text = "La Guardia Civil y la Gendarmería Real firmaron un acuerdo de cooperación policial."
    first = detector.detect(text)
    assert detector.detect(text) == first == LanguageDetector().detect(text)
    assert first.code == "es"


def test_too_few_letters_is_undetermined(detector: LanguageDetector) -> None:
    assert detector.detect("12 345 — 2025/11/24 !!").code == UNDETERMINED
    assert detector.detect("").code == UNDETERMINED


def test_arabic_french_english(detector: LanguageDetector) -> None:
    assert (
        detector.detect("وقع وزير الداخلية المغربي ونظيره الإسباني اتفاقية للتعاون الأمني").code
        == "ar"
    )
    assert (
        detector.detect("Le ministre de l'Intérieur a reçu son homologue espagnol à Rabat.").code
        == "fr"
    )
    assert (
        detector.detect("The interior minister received his Spanish counterpart in Rabat.").code
        == "en"
    )
