"""Discourse in English and Spanish news: ``the two sides``/``ambas partes`` are the sides
just named, whoever else the sentence mentions; what was exchanged decides whether an
exchange is information sharing; food or energy security is no security context; a
sentence of another time (``comes weeks after``) names no partner; demonyms of smaller
countries (sentences written for these tests)."""

from __future__ import annotations

import pytest

from workers.core.events import Extractor


def read(extractor: Extractor, text: str, language: str) -> tuple[set[str], set[str]]:
    extraction = extractor.extract(text, language, None)
    return {e.type for e in extraction.events}, set(extraction.summary.countries)


@pytest.mark.parametrize(
    ("text", "language", "types", "countries"),
    [
        (  # East African daily: a co-host named by "the two sides" is no participant
            "Kenyan and Ugandan police chiefs met in Kampala on Monday to discuss "
            "cross-border crime. The two sides also reviewed security plans for the 2027 "
            "Africa Cup of Nations, which Kenya will co-host with Tanzania.",
            "en",
            {"meeting"},
            {"KE", "UG"},
        ),
        (  # Levant: names exchanged are information
            "Jordanian and Iraqi anti-narcotics officials met in Amman on Sunday. During "
            "the talks, the two delegations exchanged the names of suspected Captagon "
            "smugglers.",
            "en",
            {"meeting", "intelligence_sharing"},
            {"JO", "IQ"},
        ),
        (  # views exchanged are talk
            "The interior ministers of Jordan and Iraq met in Amman on Sunday and exchanged "
            "views on regional security.",
            "en",
            {"meeting"},
            {"JO", "IQ"},
        ),
        (
            "Los jefes de policía de Argentina y Paraguay se reunieron el martes en "
            "Posadas. Durante el encuentro, las dos policías intercambiaron datos sobre 40 "
            "sospechosos de narcotráfico.",
            "es",
            {"meeting", "intelligence_sharing"},
            {"AR", "PY"},
        ),
        (
            "Los ministros del Interior de Argentina y Paraguay se reunieron el martes en "
            "Asunción e intercambiaron opiniones sobre la seguridad regional.",
            "es",
            {"meeting"},
            {"AR", "PY"},
        ),
        (  # the purpose is no frame for what follows "tras"
            "Los ministros del Interior de España y Mauritania firmaron el miércoles en "
            "Nuakchot un memorando para reforzar la lucha contra la inmigración irregular, "
            "tras una reunión de dos horas.",
            "es",
            {"agreement", "meeting"},
            {"ES", "MR"},
        ),
        (
            "The trade ministers of India and the UAE met in Dubai on Wednesday and "
            "discussed food security and investment.",
            "en",
            set(),
            set(),
        ),
        (
            "Los ministros de Agricultura de México y Guatemala se reunieron en Tapachula y "
            "abordaron la seguridad alimentaria y el comercio.",
            "es",
            set(),
            set(),
        ),
        (  # West African wire: Gambian; the pact of weeks before names no partner
            "Senegalese and Gambian police chiefs met in Banjul on Tuesday to discuss border "
            "crime. The meeting comes weeks after Senegal and Mauritania signed a security "
            "pact in Nouakchott.",
            "en",
            {"meeting"},
            {"SN", "GM"},
        ),
        (
            "La policía tailandesa entregó a agentes de la policía china a un sospechoso de "
            "fraude buscado por Pekín, informó el lunes la embajada.",
            "es",
            {"extradition"},
            {"TH", "CN"},
        ),
    ],
)
def test_discourse(
    extractor: Extractor, text: str, language: str, types: set[str], countries: set[str]
) -> None:
    assert read(extractor, text, language) == (types, countries)


@pytest.mark.parametrize(
    ("text", "language", "types", "countries"),
    [
        (  # Indian daily: the team's trip is the handover, not a visit
            "NEW DELHI: A fugitive wanted in a cheating case was brought back from the UAE "
            "on Sunday. A Delhi Police team which had travelled to Dubai took custody of "
            "the accused from Emirati police.",
            "en",
            {"extradition"},
            {"IN", "AE"},
        ),
        (  # Spanish press epithet: el instituto armado is the Guardia Civil
            "La Guardia Civil desmanteló en Algeciras una red de narcotráfico. La pista la "
            "dieron los servicios de inteligencia marroquíes, que compartieron con el "
            "instituto armado los datos de los camiones.",
            "es",
            {"intelligence_sharing"},
            {"ES", "MA"},
        ),
        (  # a request being considered is no extradition
            "Agentes de la Policía Federal Argentina y de la Policía Nacional de Paraguay "
            "detuvieron a 12 personas en un operativo conjunto. Paraguay analiza pedidos de "
            "extradición de tres de los arrestados.",
            "es",
            {"joint_operation"},
            {"AR", "PY"},
        ),
        (  # fraud platforms are crime, not investment news
            "Egyptian and Greek police officers held a joint workshop in Cairo on online "
            "fraud. During the workshop, the Egyptian and Greek units exchanged data on "
            "fraudulent investment platforms.",
            "en",
            {"training", "intelligence_sharing"},
            {"EG", "GR"},
        ),
    ],
)
def test_one_event_named_twice_and_security_words(
    extractor: Extractor, text: str, language: str, types: set[str], countries: set[str]
) -> None:
    assert read(extractor, text, language) == (types, countries)


@pytest.mark.parametrize(
    ("text", "language", "types", "countries"),
    [
        (  # one side's raid after a two-country meeting is no joint operation
            "Colombian and Ecuadorian police chiefs met in Quito on Monday to review border "
            "security. On Tuesday, Colombian police dismantled a cocaine ring in Cali and "
            "arrested 14 people.",
            "en",
            {"meeting"},
            {"CO", "EC"},
        ),
        (
            "Los jefes de las policías de Colombia y Ecuador se reunieron el lunes en Quito. "
            "El martes, la Policía colombiana desarticuló una banda de narcotraficantes en "
            "Cali y detuvo a 14 personas.",
            "es",
            {"meeting"},
            {"CO", "EC"},
        ),
        (  # two sides that dismantle and arrest together: a joint operation
            "La Policía Nacional y la Policía marroquí desarticularon el martes una red de "
            "tráfico de hachís y detuvieron a 20 personas.",
            "es",
            {"joint_operation"},
            {"ES", "MA"},
        ),
    ],
)
def test_one_sides_raid(
    extractor: Extractor, text: str, language: str, types: set[str], countries: set[str]
) -> None:
    assert read(extractor, text, language) == (types, countries)


def test_forces_taking_part_in_raids_hold_no_meeting(extractor: Extractor) -> None:
    text = (
        "Officers of the Spanish Guardia Civil and of the French gendarmerie took part in "
        "the raids in Perpignan on Tuesday, in which 20 suspects were arrested."
    )
    assert "meeting" not in read(extractor, text, "en")[0]


@pytest.mark.parametrize(
    ("text", "language", "countries"),
    [
        (
            "Australia and Indonesia held talks in Jakarta on counter-terrorism on Tuesday, "
            "a week after the United States and Japan announced a new security pact.",
            "en",
            {"AU", "ID"},
        ),
        (
            "Los ministros del Interior de Marruecos y Francia se reunieron el martes en "
            "Rabat para abordar la lucha antiterrorista, meses después de que Estados "
            "Unidos respaldara el plan marroquí.",
            "es",
            {"MA", "FR"},
        ),
    ],
)
def test_countries_of_another_event_in_a_time_clause_take_no_part(
    extractor: Extractor, text: str, language: str, countries: set[str]
) -> None:
    assert read(extractor, text, language)[1] == countries


@pytest.mark.parametrize(
    ("text", "language", "countries"),
    [
        (
            "Colombia extraditó el miércoles a Estados Unidos a un jefe del Clan del Golfo. "
            "El grupo armado mantiene conversaciones de paz con el Gobierno colombiano en "
            "Catar.",
            "es",
            {"CO", "US"},
        ),
        (
            "Colombia extradited a Clan del Golfo commander to the United States on "
            "Wednesday. The armed group is holding peace talks with the Colombian "
            "government in Qatar.",
            "en",
            {"CO", "US"},
        ),
    ],
)
def test_peace_talks_with_an_armed_group_are_no_cooperation(
    extractor: Extractor, text: str, language: str, countries: set[str]
) -> None:
    assert read(extractor, text, language) == ({"extradition"}, countries)
