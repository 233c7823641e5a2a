"""Organisations, places and the article's date span, in all four languages (sentences
written for these tests in the style of news reports)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from schemas import DateRange
from workers.core.events import Extractor
from workers.core.summary import _span
from workers.labelled import place


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Greek and Turkish coast guard chiefs met in Athens on Thursday with the EU Home "
            "Affairs Commissioner to discuss migrant smuggling across the Aegean.",
            "en",
        ),
        (
            "Le ministre tunisien de l'Intérieur a reçu lundi à Tunis son homologue italien, en "
            "présence de la commissaire européenne aux affaires intérieures, pour évoquer la "
            "lutte contre les réseaux de passeurs.",
            "fr",
        ),
        (
            "El ministro del Interior de Portugal se reunió el martes en Lisboa con su homólogo "
            "marroquí y con el comisario europeo de Interior para reforzar la lucha contra la "
            "inmigración irregular.",
            "es",
        ),
        (
            "التقى وزير الداخلية المغربي أمس بالرباط نظيره البرتغالي بحضور المفوض الأوروبي "
            "للشؤون الداخلية، لبحث التعاون في مجال مكافحة الهجرة غير النظامية.",
            "ar",
        ),
    ],
)
def test_a_european_commissioner_at_the_table_is_the_eu(
    extractor: Extractor, text: str, language: str
) -> None:
    assert "EU" in extractor.extract(text, language, None).summary.organizations


@pytest.mark.parametrize(
    ("text", "language", "organization"),
    [
        (
            "La Policía Nacional de Colombia y la Oficina de las Naciones Unidas contra la Droga "
            "y el Delito (UNODC) firmaron el lunes en Bogotá un convenio para capacitar a 300 "
            "agentes en investigación financiera contra el narcotráfico.",
            "es",
            "UNODC",
        ),
        (
            "La gendarmerie sénégalaise et l'Office des Nations unies contre la drogue et le "
            "crime ont signé mardi à Dakar une convention de formation à la lutte contre le "
            "trafic de cocaïne.",
            "fr",
            "UNODC",
        ),
        (
            "وقعت المديرية العامة للأمن الوطني ومكتب الأمم المتحدة المعني بالمخدرات والجريمة "
            "أمس بالرباط اتفاقية لتكوين ضباط الشرطة في مجال مكافحة الاتجار بالبشر.",
            "ar",
            "UNODC",
        ),
        (
            "Le Mécanisme africain de coopération policière a organisé à Alger une formation "
            "au profit de policiers nigériens et maliens sur la lutte contre le terrorisme.",
            "fr",
            "AFRIPOL",
        ),
    ],
)
def test_organisations_by_their_full_names(
    extractor: Extractor, text: str, language: str, organization: str
) -> None:
    assert organization in extractor.extract(text, language, None).summary.organizations


@pytest.mark.parametrize(
    ("text", "language", "city", "country"),
    [
        (
            "TEGUCIGALPA (AFP) - Le Honduras a extradé mardi vers les États-Unis un trafiquant "
            "présumé réclamé par la justice américaine pour trafic de cocaïne.",
            "fr",
            "Tegucigalpa",
            "HN",
        ),
        (
            "Agentes de la Policía Nacional y de la Gendarmería de Mali se reunieron el lunes en "
            "Bamako para coordinar la lucha contra el terrorismo en el Sahel.",
            "es",
            "Bamako",
            "ML",
        ),
        (
            "استقبل وزير الداخلية التونسي أمس بتونس العاصمة وفدا أمنيا من كوت ديفوار قادما من "
            "أبيدجان، لبحث التعاون في مكافحة الإرهاب.",
            "ar",
            "Tunis",
            "TN",
        ),
    ],
)
def test_cities_of_every_region_in_every_language(
    extractor: Extractor, text: str, language: str, city: str, country: str
) -> None:
    location = extractor.extract(text, language, None).summary.location
    assert location is not None
    assert (location.city, location.country) == (city, country)


def test_a_background_event_does_not_stretch_the_date_span() -> None:
    lead = DateRange(start=date(2025, 7, 21), end=date(2025, 7, 21), precision="day")
    same_visit = DateRange(start=date(2025, 7, 22), end=date(2025, 7, 22), precision="day")
    years_ago = DateRange(start=date(2023, 7, 1), end=date(2023, 7, 31), precision="month")
    span = _span([lead, years_ago, same_visit])
    assert span is not None
    assert (span.start, span.end) == (date(2025, 7, 21), date(2025, 7, 22))
    assert _span([]) is None


def test_the_article_date_leaves_out_an_agreement_signed_years_before(
    extractor: Extractor,
) -> None:
    text = (
        "Le ministre espagnol de l'Intérieur a rencontré mercredi 16 juillet 2025 à Rabat son "
        "homologue marocain pour évoquer la lutte contre le trafic de drogue.\n\n"
        "En mars 2019, l'Espagne et le Maroc avaient signé à Madrid un accord de coopération "
        "policière contre le terrorisme."
    )
    when = extractor.extract(text, "fr", datetime(2025, 7, 17, tzinfo=UTC)).summary.date
    assert when is not None
    assert (when.start, when.end) == (date(2025, 7, 16), date(2025, 7, 16))


@pytest.mark.parametrize(
    ("written", "country", "canonical"),
    [
        ("Tanger", "MA", "tangier"),
        ("Tánger", "MA", "tangier"),
        ("طنجة", "MA", "tangier"),
        ("Marrakesh", "MA", "marrakech"),
        ("Bruxelles", "BE", "brussels"),
        ("Ciudad de México", "MX", "mexico city"),
        ("Palerme", "IT", "palermo"),
        ("Nicolet", "CA", "nicolet"),  # unknown to the data: compared as written
    ],
)
def test_a_city_is_compared_by_its_canonical_name(
    written: str, country: str, canonical: str
) -> None:
    assert place(written, country) == (canonical, country)


@pytest.mark.parametrize(
    ("text", "language", "topic"),
    [
        (
            "سلمت السلطات الإماراتية أمس إلى فرنسا مطلوبا في قضايا غسل أموال وتهرب ضريبي، وذلك "
            "بموجب نشرة حمراء صادرة عن الإنتربول.",
            "ar",
            "money_laundering",
        ),
        (
            "Italian and Libyan coast guard commanders met in Rome on Tuesday to coordinate "
            "patrols against departures from the Libyan coast.",
            "en",
            "border_security",
        ),
        (
            "La Guardia Civil y la guardia costera de Marruecos firmaron el lunes en Rabat un "
            "protocolo para coordinar sus patrullas en el Estrecho.",
            "es",
            "border_security",
        ),
        (
            "Les garde-côtes sénégalais et la Guardia civil espagnole ont mené la semaine "
            "dernière une patrouille conjointe au large de Dakar.",
            "fr",
            "border_security",
        ),
        (
            "عقدت قيادتا خفر السواحل في سلطنة عمان وجمهورية الهند أمس اجتماعا في مسقط لبحث "
            "التعاون في مكافحة عمليات التهريب البحري.",
            "ar",
            "border_security",
        ),
    ],
)
def test_topic_vocabulary(extractor: Extractor, text: str, language: str, topic: str) -> None:
    assert topic in extractor.extract(text, language, None).summary.topics


def test_training_named_only_in_the_background_is_no_topic(extractor: Extractor) -> None:
    text = (
        "The interior ministers of Kenya and Uganda met in Kampala on Monday to discuss cattle "
        "rustling and arms smuggling. Both sides pledged to step up joint patrols.\n\n"
        "The ministers did not take questions. Separately, the police college in Nairobi has "
        "run training courses in forensic science since 2019."
    )
    summary = extractor.extract(text, "en", None).summary
    assert summary.relevant
    assert "training" not in summary.topics


@pytest.mark.parametrize(
    ("text", "language", "start", "end"),
    [
        (
            "Una treintena de agentes de la Policía Nacional del Perú y de la Policía Federal de "
            "Brasil iniciaron este lunes en Lima un curso de cinco días sobre ciberdelincuencia.",
            "es",
            date(2025, 4, 14),
            date(2025, 4, 18),
        ),
        (
            "Des policiers nigériens et maliens suivent à Alger une session de formation de cinq "
            "jours, ouverte le 7 avril, organisée par AFRIPOL sur la cybercriminalité.",
            "fr",
            date(2025, 4, 7),
            date(2025, 4, 11),
        ),
        (
            "انطلقت أمس بالرباط دورة تدريبية لمدة خمسة أيام لفائدة ضباط من الشرطة المغربية "
            "والإسبانية حول مكافحة الإرهاب.",
            "ar",
            date(2025, 4, 14),
            date(2025, 4, 18),
        ),
        (
            "Kenyan and Ugandan police chiefs met in Kampala on 14 April, three days ago, to "
            "discuss cattle rustling along the border.",
            "en",
            date(2025, 4, 14),
            date(2025, 4, 14),
        ),
    ],
)
def test_a_duration_makes_a_span_from_the_first_day(
    extractor: Extractor, text: str, language: str, start: date, end: date
) -> None:
    when = extractor.extract(text, language, datetime(2025, 4, 15, tzinfo=UTC)).summary.date
    assert when is not None
    assert (when.start, when.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "language", "day"),
    [
        (
            "أبوظبي في 21 يناير/ وام / سلمت السلطات الإماراتية أمس إلى المغرب مطلوبا في قضايا "
            "اتجار بالمخدرات، بالتعاون مع الإنتربول.",
            "ar",
            date(2025, 1, 20),
        ),
        (
            "الدوحة في 21 يناير /قنا/ اجتمع وزير الداخلية القطري اليوم مع نظيره التركي لبحث "
            "التعاون الأمني في مكافحة الإرهاب.",
            "ar",
            date(2025, 1, 21),
        ),
        (
            "عمان 21 كانون الثاني (بترا)- أعلنت مديرية الأمن العام إحباط تهريب شحنة مخدرات في "
            "عملية أمنية مشتركة نفذت أمس بالتنسيق مع الأجهزة الأمنية العراقية.",
            "ar",
            date(2025, 1, 20),
        ),
        (
            "Dakar, 21 janv. (APS) – La gendarmerie sénégalaise et la police malienne ont mené "
            "lundi une opération conjointe contre le trafic de drogue à la frontière.",
            "fr",
            date(2025, 1, 20),
        ),
    ],
)
def test_the_dateline_date_is_the_report_s(
    extractor: Extractor, text: str, language: str, day: date
) -> None:
    when = extractor.extract(text, language, datetime(2025, 1, 21, tzinfo=UTC)).summary.date
    assert when is not None
    assert (when.start, when.end) == (day, day)


def test_a_surname_is_no_city(extractor: Extractor) -> None:
    text = (
        "La Policía Nacional de Colombia entregó el martes en Bogotá a agentes de la DEA a "
        "Luis Alberto Rosario Mendoza, alias 'el Químico', requerido por narcotráfico."
    )
    location = extractor.extract(text, "es", None).summary.location
    assert location is not None
    assert (location.city, location.country) == ("Bogota", "CO")


def test_when_the_news_was_learnt_is_not_the_event_date(extractor: Extractor) -> None:
    text = (
        "Une opération conjointe des polices ivoirienne et ghanéenne contre la traite des "
        "enfants a permis l'interpellation de 40 suspects, a-t-on appris mardi de source "
        "policière. L'opération s'est déroulée du 6 au 19 octobre 2025 dans les deux pays."
    )
    when = extractor.extract(text, "fr", datetime(2025, 11, 4, tzinfo=UTC)).summary.date
    assert when is not None
    assert (when.start, when.end) == (date(2025, 10, 6), date(2025, 10, 19))


def test_an_arabic_two_day_meeting_starts_on_its_first_named_day(extractor: Extractor) -> None:
    text = (
        "اختتمت في الدوحة أمس أعمال اللجنة الأمنية المشتركة بين دولة قطر والمملكة الأردنية "
        "الهاشمية، التي عقدت على مدى يومي الاثنين والثلاثاء لبحث التعاون في مكافحة المخدرات."
    )
    when = extractor.extract(text, "ar", datetime(2025, 5, 14, tzinfo=UTC)).summary.date
    assert when is not None
    assert (when.start, when.end) == (date(2025, 5, 12), date(2025, 5, 13))


def test_smuggling_networks_are_no_migration_by_themselves(extractor: Extractor) -> None:
    text = (
        "Jordanian and Iraqi anti-narcotics officials met in Amman on Monday and exchanged "
        "information on smuggling networks moving captagon across their shared border."
    )
    topics = extractor.extract(text, "en", None).summary.topics
    assert "illegal_migration" not in topics
    assert "smuggling" in topics
