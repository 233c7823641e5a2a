"""English and Spanish wire and press-release phrasings, one sentence written for these tests
each: handovers with a split or passive verb (handed … over to US authorities, entregó el
lunes a Estados Unidos), intelligence that led to an arrest, datos de inteligencia, operations
coordinated by an organisation, a summit named where something was said (no meeting), and
defence drills (air or naval exercises, maniobras militares) that are no security cooperation
unless a crime or border role is named."""

from __future__ import annotations

import pytest

from workers.core.events import Extractor


@pytest.mark.parametrize(
    ("language", "text", "countries", "event_types"),
    [
        (
            "en",
            "Colombian authorities handed the alleged cartel financier over to US authorities on "
            "Tuesday at a military airport in Bogota.",
            ["CO", "US"],
            ["extradition"],
        ),
        (
            "es",
            "El Gobierno de México entregó el lunes a Estados Unidos a 18 detenidos vinculados "
            "al narcotráfico.",
            ["MX", "US"],
            ["extradition"],
        ),
        (
            "es",
            "La entrega de 26 reos a Estados Unidos fue acordada por el gabinete de seguridad de "
            "México.",
            ["MX", "US"],
            ["extradition"],
        ),
        (
            "en",
            "Britain's National Crime Agency provided the intelligence that led to the arrest by "
            "Dutch police.",
            ["GB", "NL"],
            ["intelligence_sharing"],
        ),
        (
            "es",
            "La Guardia Civil incautó la droga a partir de datos de inteligencia de la DEA "
            "estadounidense.",
            ["ES", "US"],
            ["intelligence_sharing"],
        ),
        (
            "es",
            "El operativo se realizó en coordinación con los servicios de inteligencia de "
            "Ecuador, informó la Policía de Colombia.",
            ["CO", "EC"],
            ["intelligence_sharing"],
        ),
        (
            "en",
            "NATO fighter jets from Germany and Poland took part in air exercises over the "
            "Baltic Sea.",
            [],
            [],
        ),
        (
            "es",
            "Las armadas de Chile y Perú realizaron maniobras militares conjuntas en el Pacífico.",
            [],
            [],
        ),
        (
            "en",
            "Troops from Nigeria and Chad launched a joint counter-terrorism operation against "
            "Boko Haram.",
            ["NG", "TD"],
            ["joint_operation"],
        ),
        (
            "en",
            "Spanish and Moroccan police dismantled a hashish ring in a joint operation, officials "
            "said on the sidelines of a security summit in Rabat.",
            ["ES", "MA"],
            ["joint_operation"],
        ),
        (
            "es",
            "En el operativo, coordinado por Europol, participaron agentes de España, Italia y "
            "Francia.",
            ["ES", "FR", "IT"],
            ["joint_operation"],
        ),
        (
            "en",
            "The week-long operation was run by Europol and involved police from Spain, Portugal "
            "and France, who arrested 40 people.",
            ["ES", "FR", "PT"],
            ["joint_operation"],
        ),
        (
            "es",
            "Paraguay extraditó este viernes a Brasil a un líder del Primeiro Comando da Capital.",
            ["BR", "PY"],
            ["extradition"],
        ),
        (
            "en",
            "Colombian and US forces conducted a joint counter-narcotics operation in the "
            "Pacific, seizing 3 tonnes of cocaine.",
            ["CO", "US"],
            ["joint_operation"],
        ),
        (
            "en",
            "The arrest came after the FBI passed information to Mexican authorities about the "
            "suspect's whereabouts.",
            ["MX", "US"],
            ["intelligence_sharing"],
        ),
        (
            "en",
            "Peru's police handed the Colombian fugitive over to Colombian agents at Lima airport.",
            ["CO", "PE"],
            ["extradition"],
        ),
        (
            "en",
            "Operation Trigger IX, which brought together law enforcement from 12 countries "
            "including Brazil and Chile under INTERPOL coordination, led to 200 arrests.",
            ["BR", "CL"],
            ["joint_operation"],
        ),
        (
            "es",
            "La operación reunió a policías de España, Francia e Italia y dejó 40 detenidos.",
            ["ES", "FR", "IT"],
            ["joint_operation"],
        ),
        (
            "en",
            "The conference brought together police chiefs from Kenya and Uganda in Nairobi to "
            "discuss terrorism.",
            ["KE", "UG"],
            ["meeting"],
        ),
        (
            "es",
            "El Gobierno de Japón entregó el lunes a Honduras 20 patrullas para la Policía "
            "Nacional.",
            [],
            [],
        ),
        (
            "es",
            "La Policía de Colombia entregó a Estados Unidos un informe sobre el narcotráfico.",
            [],
            [],
        ),
        (
            "en",
            "Nigerian and Cameroonian troops killed 30 Boko Haram fighters in a joint operation "
            "in the Lake Chad region. Military chiefs from Nigeria, Chad, Niger and Cameroon had "
            "held talks in N'Djamena in March to plan the offensive.",
            ["CM", "NG"],
            ["joint_operation"],
        ),
        (
            "es",
            "La ministra de Seguridad de Argentina recibió a su par paraguayo en Buenos Aires "
            "para analizar la seguridad en la frontera.",
            ["AR", "PY"],
            ["meeting"],
        ),
        (
            "en",
            "Police chiefs from Brazil and Argentina held a conference call on drug trafficking "
            "on Monday.",
            ["AR", "BR"],
            ["meeting"],
        ),
        (
            "es",
            "Los jefes policiales de Brasil y Argentina hablaron por videoconferencia sobre la "
            "operación conjunta contra el narcotráfico.",
            ["AR", "BR"],
            ["meeting"],
        ),
        (
            "en",
            "More than 50 ships from 20 NATO allies, including Germany, Poland and Sweden, are "
            "taking part in the BALTOPS exercise in the Baltic Sea.",
            [],
            [],
        ),
        (
            "es",
            "Tropas de Estados Unidos y Guatemala realizaron ejercicios conjuntos en Petén como "
            "parte del programa Tradewinds.",
            [],
            [],
        ),
        (
            "es",
            "Las policías de Colombia y Panamá realizaron ejercicios conjuntos contra el "
            "narcotráfico en el Darién.",
            ["CO", "PA"],
            ["joint_operation"],
        ),
        (
            "en",
            "Special forces from Mali and Niger held a joint counter-terrorism exercise in Niamey.",
            ["ML", "NE"],
            ["joint_operation"],
        ),
        (
            "en",
            "Mexico extradited a cartel leader to the US on Monday.",
            ["MX", "US"],
            ["extradition"],
        ),
        (
            "es",
            "Estados Unidos deportó a El Salvador a un pandillero de la MS-13 buscado por "
            "homicidio.",
            ["SV", "US"],
            ["extradition"],
        ),
        (
            "es",
            "Estados Unidos deportó a Honduras a 120 migrantes en un vuelo fletado.",
            [],
            [],
        ),
        (
            "en",
            "Canadian police provided critical intelligence to their US counterparts.",
            ["CA", "US"],
            ["intelligence_sharing"],
        ),
        (
            "es",
            "La Policía de Ecuador recibió información de la Policía de Colombia sobre el "
            "paradero del prófugo.",
            ["CO", "EC"],
            ["intelligence_sharing"],
        ),
        (
            "es",
            "La Armada de Colombia interceptó el semisumergible con información de la DEA "
            "estadounidense.",
            ["CO", "US"],
            ["intelligence_sharing"],
        ),
        (
            "es",
            "AMERIPOL coordinó la Operación Andes en Bolivia, Perú y Chile, con 60 detenidos.",
            ["BO", "CL", "PE"],
            ["joint_operation"],
        ),
        (
            "en",
            "Europol supported the operation, led by Spain's Guardia Civil with Portuguese "
            "police, which netted 3 tonnes of hashish.",
            ["ES", "PT"],
            ["joint_operation"],
        ),
    ],
)
def test_wire_phrasings(
    extractor: Extractor,
    language: str,
    text: str,
    countries: list[str],
    event_types: list[str],
) -> None:
    extraction = extractor.extract(text, language, None)
    assert sorted(extraction.summary.countries) == countries
    assert sorted({e.type for e in extraction.events}) == event_types
    assert extraction.summary.relevant is bool(event_types)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "ABU DHABI, 12th May, 2025 (WAM) -- The UAE Ministry of Interior and the Republic of "
            "Kenya signed a memorandum of understanding on cybercrime and drug trafficking in "
            "Dubai.",
        ),
        (
            "en",
            "NAIROBI - Kenya has signed a memorandum of understanding on cybercrime and drug "
            "trafficking with the United Arab Emirates in Dubai, the Interior Ministry said.",
        ),
        (
            "es",
            "MADRID, 5 Mar. (EUROPA PRESS) - España y Emiratos Árabes Unidos han firmado en Dubái "
            "un memorando de entendimiento en materia de lucha contra el crimen organizado.",
        ),
    ],
)
def test_venue_after_the_verb_beats_the_dateline(
    extractor: Extractor, language: str, text: str
) -> None:
    summary = extractor.extract(text, language, None).summary
    assert summary.event_types == ["agreement"]
    assert summary.location is not None
    assert (summary.location.city, summary.location.country) == ("Dubai", "AE")
