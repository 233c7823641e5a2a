"""Event-type precision: what is only planned, discussed or aimed at, what happened at another
time, what a host holds and who attends a ceremony are no events of their own (sentences
written for these tests)."""

from __future__ import annotations

import pytest

from tests.core.extracting import event_types as types
from workers.core.events import Extractor


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "Le ministre marocain de l'Intérieur a rencontré lundi à Rabat son homologue "
            "espagnol. Les deux ministres ont évoqué la mise en place de patrouilles mixtes "
            "dans le détroit pour lutter contre le trafic de drogue.",
            "fr",
            {"meeting"},
        ),
        (
            "The Kenyan interior minister met his Ugandan counterpart in Nairobi on Monday "
            "to discuss counter-terrorism cooperation. They discussed the possibility of "
            "joint patrols along the border.",
            "en",
            {"meeting"},
        ),
        (
            "El ministro del Interior español se reunió el lunes en Madrid con su homólogo "
            "marroquí para abordar la lucha contra el terrorismo. Ambos acordaron estudiar "
            "la posibilidad de crear equipos conjuntos de investigación.",
            "es",
            {"meeting"},
        ),
        (
            "التقى وزير الداخلية المغربي أمس بالرباط نظيره الإسباني لبحث التعاون الأمني "
            "في مجال مكافحة الإرهاب. وبحث الجانبان إمكانية تنظيم دوريات مشتركة على الحدود.",
            "ar",
            {"meeting"},
        ),
    ],
)
def test_planned_or_discussed_is_no_event(
    extractor: Extractor, text: str, language: str, expected: set[str]
) -> None:
    assert types(extractor, text, language) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Moroccan and Spanish police arrested twelve drug traffickers in a joint "
            "operation on Tuesday, the interior ministry said. Last year, Spanish and "
            "Moroccan officials met in Rabat on drug trafficking.",
            "en",
        ),
        (
            "Les polices française et espagnole ont interpellé mardi onze trafiquants lors "
            "d'une opération conjointe. Les suspects arrêtés en Espagne devraient être "
            "extradés vers la France dans les prochaines semaines.",
            "fr",
        ),
    ],
)
def test_past_or_future_mentions_add_no_type(
    extractor: Extractor, text: str, language: str
) -> None:
    assert types(extractor, text, language) == {"joint_operation"}


def test_hosted_course_is_training_not_meeting(extractor: Extractor) -> None:
    text = (
        "L'école de police de Dakar a accueilli lundi un stage de formation en lutte "
        "contre le terrorisme au profit de policiers maliens, animé par des formateurs "
        "de la police nationale sénégalaise."
    )
    assert types(extractor, text, "fr") == {"training"}


def test_ceremony_attendance_is_no_meeting(extractor: Extractor) -> None:
    text = (
        "اختتمت أمس بالجزائر دورة تكوينية لفائدة إطارات من الشرطة التونسية في مجال "
        "مكافحة الجريمة المعلوماتية. وتوج الحفل بتسليم الشهادات بحضور ممثل عن سفارة "
        "الجمهورية التونسية بالجزائر."
    )
    assert types(extractor, text, "ar") == {"training"}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "The interior ministers of France and Belgium met in Paris on Tuesday and "
            "signed a police cooperation agreement against drug trafficking.",
            "en",
            {"meeting", "agreement"},
        ),
        (
            "La Guardia Civil y la Policía francesa detuvieron el martes a nueve miembros "
            "de una red de narcotráfico en una operación conjunta.",
            "es",
            {"joint_operation"},
        ),
        (
            "Les ministres de l'Intérieur tunisien et algérien se sont entretenus lundi à "
            "Tunis et ont convenu de renforcer l'échange d'informations sur le terrorisme.",
            "fr",
            {"meeting"},
        ),
    ],
)
def test_events_that_happened_are_kept(
    extractor: Extractor, text: str, language: str, expected: set[str]
) -> None:
    assert expected <= types(extractor, text, language)
