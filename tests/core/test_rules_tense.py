"""Tense and time in English and Spanish news: what is announced for later (``are set to
sign``, ``will conduct``, ``firmarán``, ``van a firmar``), drafted, or happened before the
reported event is no event of its own; the event reported beside it is kept (sentences
written for these tests, in wire, ministry and regional-daily styles)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.core.extracting import event_types as types
from workers.core.events import Extractor


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (  # wire: announced signing
            "JAKARTA, March 3 - Indonesia and Malaysia are set to sign a memorandum of "
            "understanding on drug trafficking when their police chiefs meet later this "
            "month, officials said.",
            "en",
            set(),
        ),
        (  # regional daily: future exercise beside a real meeting in another sentence
            "The navy chiefs of India and Sri Lanka held talks in Colombo on Monday. The "
            "two navies will conduct a joint exercise off Trincomalee in April, a navy "
            "spokesman said.",
            "en",
            {"meeting"},
        ),
        (  # ministry: a draft is not a deal, the patrols in it are no operation
            "Officials from Ghana and Togo held talks in Accra on Wednesday on border "
            "security. A draft agreement on joint patrols was presented to the ministers.",
            "en",
            {"meeting"},
        ),
        (  # a future handover is no extradition yet
            "Kenyan police handed over a wanted Tanzanian businessman to Tanzanian "
            "detectives on Friday. Two other suspects are due to be extradited to Uganda "
            "after a court hearing.",
            "en",
            {"extradition"},
        ),
        (  # Spain: future tense
            "Los ministros del Interior de España y Portugal firmarán en las próximas "
            "semanas un acuerdo para reforzar la vigilancia de la frontera frente al "
            "narcotráfico.",
            "es",
            set(),
        ),
        (  # Latin America: periphrastic future (ir a + infinitive)
            "Las autoridades de Ecuador y Colombia van a firmar un memorando para crear un "
            "equipo binacional de investigación contra la minería ilegal, anunció la "
            "cancillería ecuatoriana.",
            "es",
            set(),
        ),
        (  # ministry release: training to be received
            "El Ministerio del Interior de Paraguay anunció que sus agentes antidrogas "
            "recibirán capacitación de la DEA estadounidense en el marco de un programa "
            "de cooperación.",
            "es",
            set(),
        ),
        (  # a meeting held now; the working groups will meet later
            "El director de la Policía de Guatemala se reunió el lunes con su homólogo "
            "salvadoreño en San Salvador. Los grupos de trabajo de ambas policías se "
            "reunirán cada tres meses para revisar la lucha contra las pandillas.",
            "es",
            {"meeting"},
        ),
    ],
)
def test_announced_or_drafted_is_no_event(
    extractor: Extractor, text: str, language: str, expected: set[str]
) -> None:
    assert types(extractor, text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "The interior ministers of Kenya and Somalia met in Nairobi on Tuesday. They "
            "last met in June, when they agreed to conduct coordinated border patrols.",
            "en",
            {"meeting"},
        ),
        (
            "Agentes de la Policía Nacional y de la Policía Judiciaria portuguesa "
            "desarticularon el martes una red de narcotráfico en una operación conjunta. "
            "Ambos cuerpos ya habían firmado un protocolo de colaboración.",
            "es",
            {"joint_operation"},
        ),
    ],
)
def test_what_happened_before_is_background(
    extractor: Extractor, text: str, language: str, expected: set[str]
) -> None:
    assert types(extractor, text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "countries"),
    [
        (
            "Kenyan police on Friday handed over a Tanzanian businessman wanted for fraud "
            "to Tanzanian detectives at the Namanga border post.",
            "en",
            {"KE", "TZ"},
        ),
        (
            "Thai immigration police handed over a Chinese suspect to Chinese police "
            "officers at Suvarnabhumi airport on Tuesday.",
            "en",
            {"TH", "CN"},
        ),
        (  # the person noun is the demonym's own: no side
            "Spanish police arrested a Moroccan national wanted for drug trafficking and "
            "handed him over to the French authorities.",
            "en",
            {"ES", "FR"},
        ),
    ],
)
def test_body_beside_a_demonym_beats_a_person_noun_before_it(
    extractor: Extractor, text: str, language: str, countries: set[str]
) -> None:
    summary = extractor.extract(text, language, None).summary
    assert set(summary.countries) == countries


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (  # wire: the migrant deal of another year is background
            "TUNIS (AP) - Tunisian and Italian coast guards intercepted 300 migrants off "
            "Sfax on Sunday in a joint operation, officials said. Tunisia signed a "
            "memorandum of understanding with the European Union in 2023 to curb departures.",
            "en",
            {"joint_operation"},
        ),
        (  # Indian daily: what an agency has done since another year
            "NEW DELHI: A fugitive wanted in a bank fraud case was extradited from the UAE "
            "to India on Sunday, the CBI said. The agency has coordinated the return of "
            "dozens of fugitives through Interpol channels since 2020.",
            "en",
            {"extradition"},
        ),
        (
            "La Guardia Civil y la Gendarmería Real marroquí se reunieron el lunes en "
            "Tánger. Ambos cuerpos colaboran desde 2019 en patrullas mixtas en el Estrecho.",
            "es",
            {"meeting"},
        ),
        (  # a background year and a date of this week: this event
            "Spanish police arrested a Dutch drug trafficker in Marbella last month. The "
            "suspect, on the run since 2019, was handed over by Spanish officers to Dutch "
            "detectives on Monday.",
            "en",
            {"extradition"},
        ),
    ],
)
def test_a_sentence_set_in_another_year_is_background(
    extractor: Extractor, text: str, language: str, expected: set[str]
) -> None:
    published = datetime(2025, 11, 20, tzinfo=UTC)
    events = extractor.extract(text, language, published).events
    assert {e.type for e in events} == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (  # West African daily: the agenda of the talks
            "Nigeria's police chief received the Ghanaian high commissioner in Abuja on "
            "Monday. The talks covered intelligence cooperation, training and joint border "
            "patrols.",
            "en",
        ),
        (  # Andean ministry release: an aim, not a course
            "El ministro del Interior de Perú recibió el lunes en Lima al embajador de "
            "Chile. Las partes se comprometieron a fortalecer la capacitación de agentes "
            "contra el crimen organizado.",
            "es",
        ),
        (
            "El ministro del Interior de Perú recibió el lunes en Lima al embajador de "
            "Chile. En la reunión se trataron temas como la formación policial y los "
            "patrullajes conjuntos en la frontera.",
            "es",
        ),
    ],
)
def test_the_agenda_or_aim_of_talks_is_no_event(
    extractor: Extractor, text: str, language: str
) -> None:
    assert types(extractor, text, language) == {"meeting"}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Nigeria's police chief received his Nigerien counterpart in Abuja on Tuesday. "
            "They discussed coordinated patrols along the frontier and the training of "
            "border officers.",
            "en",
        ),
        (
            "El jefe de la Policía de Guatemala recibió el martes a su homólogo hondureño. "
            "Ambos analizaron la extradición de tres cabecillas de pandillas y la "
            "realización de patrullajes coordinados en la frontera.",
            "es",
        ),
    ],
)
def test_what_talks_discuss_is_their_agenda(extractor: Extractor, text: str, language: str) -> None:
    assert types(extractor, text, language) == {"meeting"}
