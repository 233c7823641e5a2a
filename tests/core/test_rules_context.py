"""Context in English and Spanish news: borders and customs in trade news make no security
context; troops and militants do; what an agreement provides for is no event of its own;
a tip passed on by a foreign force is intelligence sharing; a course is training; ongoing
cooperation of recent years is background (sentences written for these tests)."""

from __future__ import annotations

import pytest

from tests.core.extracting import event_types as types
from workers.core.events import Extractor


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Los ministros de Comercio de Perú y Ecuador firmaron el martes en Tumbes un "
            "acuerdo para agilizar los trámites en las aduanas de la frontera y duplicar "
            "las exportaciones agrícolas.",
            "es",
        ),
        (
            "Trade ministers from Kenya and Uganda signed an agreement in Kampala on Monday "
            "to harmonise customs procedures at the Malaba border crossing and boost "
            "exports.",
            "en",
        ),
    ],
)
def test_borders_and_customs_in_trade_news_are_no_security(
    extractor: Extractor, text: str, language: str
) -> None:
    assert types(extractor, text, language) == set()


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (  # wire: a joint offensive of a regional force
            "Troops from Niger, Chad and Nigeria killed dozens of militants in a joint "
            "offensive around Lake Chad, the regional force said on Sunday.",
            "en",
            {"joint_operation"},
        ),
        (
            "Tropas de Camerún y Chad abatieron a una treintena de yihadistas en una "
            "ofensiva conjunta en la región del lago Chad, informó el sábado el ejército "
            "camerunés.",
            "es",
            {"joint_operation"},
        ),
        (  # Latin America: what the agreement provides for is the agreement
            "La Policía Nacional de Colombia y la Policía Federal de Brasil firmaron el "
            "lunes en Leticia un convenio de cooperación contra el narcotráfico. El "
            "convenio contempla patrullajes conjuntos en el río Amazonas.",
            "es",
            {"agreement"},
        ),
        (  # Southern African daily
            "Police chiefs of Mozambique and Tanzania signed a memorandum of understanding "
            "in Maputo on Thursday to fight cross-border crime. Under the deal, the two "
            "forces will run joint patrols along the Rovuma river.",
            "en",
            {"agreement"},
        ),
        (  # Spanish daily: the tip came from the foreign force
            "La Guardia Civil desarticuló en Almería una red que introducía hachís en "
            "lanchas rápidas. La pista inicial la aportó la Gendarmería Real marroquí, que "
            "compartió los datos de las embarcaciones con los investigadores españoles.",
            "es",
            {"intelligence_sharing"},
        ),
        (
            "Dutch police arrested nine people in Rotterdam over a cocaine shipment hidden "
            "in bananas. The initial tip came from Ecuadorian police, who flagged the "
            "container before it left Guayaquil.",
            "en",
            {"intelligence_sharing"},
        ),
        (  # Central American release
            "Un total de 30 agentes de la Policía Nacional de Honduras culminaron un curso "
            "especializado en ciberdelitos impartido por instructores de la Policía "
            "Nacional de España en Tegucigalpa.",
            "es",
            {"training"},
        ),
        (
            "Thirty Ghanaian police officers completed a two-week course on cybercrime "
            "investigation run by British National Crime Agency instructors in Accra.",
            "en",
            {"training"},
        ),
        (  # ongoing cooperation of recent years beside this week's meeting
            "La Policía Nacional y la Gendarmería Real de Marruecos se reunieron el martes "
            "en Tánger. Ambos cuerpos han realizado en los últimos años decenas de "
            "operaciones conjuntas contra el tráfico de hachís.",
            "es",
            {"meeting"},
        ),
        (
            "Indonesian and Australian police officials met in Bali on Tuesday to review "
            "counter-terrorism cooperation. In recent years the two forces have carried "
            "out several joint investigations into extremist networks.",
            "en",
            {"meeting"},
        ),
    ],
)
def test_what_the_sentence_reports(
    extractor: Extractor, text: str, language: str, expected: set[str]
) -> None:
    assert types(extractor, text, language) == expected


def test_a_shared_agency_name_takes_the_country_of_the_cities_named(
    extractor: Extractor,
) -> None:
    text = (
        "La Policía Nacional extraditó ayer a Estados Unidos a un cabecilla del Clan del "
        "Golfo. El capo fue entregado a agentes de la DEA en el aeropuerto de Bogotá. "
        "El año pasado hubo también solicitudes de extradición de España e Italia."
    )
    summary = extractor.extract(text, "es", None).summary
    assert set(summary.countries) == {"CO", "US"}
