"""Phrasings beyond the obvious triggers, one sentence written for these tests per language
and family, with negatives: transfers of wanted persons, deals struck or inked, summits and
courtesy calls, leaders and security officials named without their country, two forces
acting together without the word "joint", and the follow-up sentence of a security event."""

from __future__ import annotations

import pytest

from workers.core.events import Extraction, Extractor


def run(extractor: Extractor, text: str, language: str) -> Extraction:
    return extractor.extract(text, language, None)


@pytest.mark.parametrize(
    ("language", "text", "countries", "event_type"),
    [
        (
            "en",
            "A fugitive wanted for drug trafficking was flown back to Spain to face charges after "
            "the Moroccan police arrested him in Tangier.",
            ["ES", "MA"],
            "extradition",
        ),
        (
            "es",
            "Un narcotraficante colombiano fue trasladado a Estados Unidos para ser juzgado, "
            "informó la Policía Nacional de Colombia.",
            ["CO", "US"],
            "extradition",
        ),
        (
            "fr",
            "Le trafiquant a été transféré vers la Belgique pour y être jugé, a annoncé la police "
            "marocaine.",
            ["BE", "MA"],
            "extradition",
        ),
        (
            "ar",
            "تم ترحيل المطلوب إلى فرنسا بموجب نشرة حمراء بعد توقيفه من قبل الشرطة المغربية.",
            ["FR", "MA"],
            "extradition",
        ),
        (
            "en",
            "Kenya and Uganda struck a deal on Monday to fight cross-border cattle rustling and "
            "arms smuggling.",
            ["KE", "UG"],
            "agreement",
        ),
        (
            "es",
            "Perú y Bolivia rubricaron un convenio para combatir el narcotráfico en la frontera.",
            ["BO", "PE"],
            "agreement",
        ),
        (
            "ar",
            "أبرمت تونس والجزائر اتفاقية لمكافحة الإرهاب والتهريب على الحدود.",
            ["DZ", "TN"],
            "agreement",
        ),
        (
            "en",
            "The Ghanaian police chief paid a courtesy call on the Inspector-General of Police, "
            "Kayode Egbetokun, to discuss border security.",
            ["GH", "NG"],
            "meeting",
        ),
        (
            "fr",
            "Le ministre de l'Intérieur sénégalais s'est entretenu avec son homologue malien sur "
            "la lutte contre le terrorisme.",
            ["ML", "SN"],
            "meeting",
        ),
        (
            "en",
            "Officers from the Republic of Niger and the Nigerian police arrested 14 suspected "
            "arms smugglers in a coordinated operation.",
            ["NE", "NG"],
            "joint_operation",
        ),
        (
            "en",
            "Italian police and the Albanian police arrested nine suspects and seized 300 kilos "
            "of cannabis, working with Europol.",
            ["AL", "IT"],
            "joint_operation",
        ),
    ],
)
def test_phrasings_code_their_event(
    extractor: Extractor, language: str, text: str, countries: list[str], event_type: str
) -> None:
    summary = run(extractor, text, language).summary
    assert summary.relevant
    assert summary.countries == countries
    assert event_type in summary.event_types


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Macron and Starmer discussed trade tariffs and energy investment in London."),
        ("es", "Sheinbaum y Petro firmaron un acuerdo comercial para impulsar las exportaciones."),
        ("en", "Fifty migrants deported from the United States landed in Guatemala City."),
        ("en", "Italian police arrested nine suspects and seized 300 kilos of cannabis."),
        ("fr", "Le président a reçu une délégation de la fédération de football du Sénégal."),
        ("ar", "استقبل وزير التجارة وفدا اقتصاديا من فرنسا لبحث الاستثمار."),
    ],
)
def test_look_alikes_code_nothing(extractor: Extractor, language: str, text: str) -> None:
    assert not run(extractor, text, language).summary.relevant


def test_leaders_name_their_country(extractor: Extractor) -> None:
    text = (
        "Keir Starmer and Emmanuel Macron agreed a pilot scheme to return migrants who cross "
        "the Channel in small boats."
    )
    summary = run(extractor, text, "en").summary
    assert summary.countries == ["FR", "GB"]
    assert summary.event_types == ["agreement"]


def test_a_leader_alone_is_no_security_context(extractor: Extractor) -> None:
    text = "Donald Trump met Javier Milei at the White House to discuss a currency swap."
    assert not run(extractor, text, "en").summary.relevant


def test_follow_up_sentence_between_the_same_sides(extractor: Extractor) -> None:
    text = (
        "Britain and France agreed a plan to fight people smuggling gangs in the Channel. "
        "The deal was struck at a UK-France summit in London."
    )
    summary = run(extractor, text, "en").summary
    assert summary.event_types == ["agreement", "meeting"]
    assert summary.countries == ["FR", "GB"]
