"""Rule families of the extraction core, one sentence written for these tests per language
and family, with negatives: security bodies of many countries, organisations by their full
names, triggers in their real variety, topics, dates and places of the next sentence, the
host country, bodies that several countries name alike, and generic words alone."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from workers.core.events import Extraction, Extractor
from workers.core.lexicon import Lexicon
from workers.core.textmap import TextMap


def run(extractor: Extractor, text: str, language: str, published: str | None = None) -> Extraction:
    when = datetime.fromisoformat(published) if published else None
    return extractor.extract(text, language, when)


def found(text: str, language: str, kind: str) -> set[str]:
    mentions = Lexicon.load().matcher(language).find(TextMap.of(text))
    return {m.value for m in mentions if m.kind == kind}


@pytest.mark.parametrize(
    ("language", "text", "countries", "types"),
    [
        (
            "en",
            "Agents of the DEA and the Colombian National Police seized two tonnes of cocaine "
            "in a joint operation in Cartagena.",
            ["CO", "US"],
            ["joint_operation"],
        ),
        (
            "fr",
            "La GRC et la Guardia Civil ont signé jeudi à Ottawa un protocole d'entente sur la "
            "lutte contre le trafic de stupéfiants.",
            ["CA", "ES"],
            ["agreement"],
        ),
        (
            "es",
            "Carabineros de Chile y la Gendarmería Nacional Argentina desarticularon una banda "
            "de narcotraficantes en un operativo conjunto en la frontera.",
            ["AR", "CL"],
            ["joint_operation"],
        ),
        (
            "ar",
            "وقعت شرطة دبي ومكتب التحقيقات الفيدرالي مذكرة تفاهم لمكافحة غسل الأموال.",
            ["AE", "US"],
            ["agreement"],
        ),
    ],
    ids=["en-dea", "fr-grc", "es-carabineros", "ar-dubai"],
)
def test_security_bodies_name_their_country(
    extractor: Extractor, language: str, text: str, countries: list[str], types: list[str]
) -> None:
    summary = run(extractor, text, language).summary
    assert (sorted(summary.countries), sorted(summary.event_types)) == (countries, types)


@pytest.mark.parametrize(
    ("language", "text", "org"),
    [
        ("en", "the European Union Agency for Law Enforcement Cooperation said", "EUROPOL"),
        ("fr", "l'Office des Nations unies contre la drogue et le crime a publié", "UNODC"),
        ("ar", "أعلن مكتب الأمم المتحدة المعني بالمخدرات والجريمة", "UNODC"),
        ("es", "el Grupo de Acción Financiera revisó", "FATF"),
        ("ar", "دول مجلس التعاون الخليجي", "GCC"),
        ("fr", "la Commission de l'Union africaine a salué", "AU"),
        ("fr", "les alliés de l'OTAN", "NATO"),
        ("ar", "قمة حلف شمال الأطلسي", "NATO"),
        ("ar", "اجتماع وزراء دفاع الناتو", "NATO"),
        ("es", "la Agencia Europea de la Guardia de Fronteras y Costas", "FRONTEX"),
    ],
)
def test_organisations_by_their_full_and_short_names(language: str, text: str, org: str) -> None:
    assert org in found(text, language, "org")


@pytest.mark.parametrize(
    ("language", "text", "event_type"),
    [
        ("en", "The two suspects were handed over to Spanish police at the border.", "extradition"),
        ("es", "El narcotraficante fue extraditado a Estados Unidos.", "extradition"),
        ("fr", "Le suspect a été remis aux autorités belges.", "extradition"),
        ("ar", "تم تسليم المتهم إلى السلطات المغربية", "extradition"),
        ("ar", "جرى التوقيع على اتفاقية أمنية", "agreement"),
        ("en", "The ministers inked a deal on police cooperation.", "agreement"),
        ("es", "Los ministros sellaron un acuerdo de cooperación policial.", "agreement"),
        (
            "fr",
            "Les deux ministres ont paraphé une convention de coopération policière.",
            "agreement",
        ),
        ("en", "The interior ministers held a phone call on border security.", "meeting"),
        ("fr", "Le ministre a eu un entretien téléphonique avec son homologue.", "meeting"),
        (
            "en",
            "Police from both countries conducted joint patrols along the border.",
            "joint_operation",
        ),
        ("es", "Se realizaron patrullajes conjuntos en la zona fronteriza.", "joint_operation"),
        ("en", "A capacity-building workshop for customs officers opened in Accra.", "training"),
        ("es", "Agentes de la policía recibieron capacitación en ciberdelitos.", "training"),
        (
            "fr",
            "Les gendarmes ont bénéficié d'une formation sur la fraude documentaire.",
            "training",
        ),
        ("ar", "اختتام دورة تدريبية لفائدة ضباط الشرطة", "training"),
        (
            "en",
            "The crackdown was coordinated through INTERPOL's regional bureau.",
            "joint_operation",
        ),
        ("es", "La captura se logró a través de Interpol.", "joint_operation"),
    ],
)
def test_triggers_in_their_variety(language: str, text: str, event_type: str) -> None:
    assert event_type in found(text, language, "trigger")


@pytest.mark.parametrize(
    ("language", "text", "topics"),
    [
        (
            "es",
            "la lucha contra el narcotráfico y el crimen organizado",
            {"drug_trafficking", "organized_crime"},
        ),
        (
            "es",
            "trata de personas y tráfico de migrantes",
            {"human_trafficking", "illegal_migration"},
        ),
        ("es", "el lavado de activos y la ciberdelincuencia", {"money_laundering", "cybercrime"}),
        (
            "fr",
            "les stupéfiants, la traite des êtres humains et les passeurs",
            {"drug_trafficking", "human_trafficking", "illegal_migration"},
        ),
        (
            "fr",
            "le blanchiment et la criminalité organisée",
            {"money_laundering", "organized_crime"},
        ),
        (
            "ar",
            "المخدرات والاتجار بالبشر وتهريب المهاجرين",
            {"drug_trafficking", "human_trafficking", "illegal_migration"},
        ),
        (
            "ar",
            "غسل الأموال والجريمة الإلكترونية والتطرف العنيف",
            {"money_laundering", "cybercrime", "terrorism"},
        ),
        (
            "en",
            "a crackdown on scam centres and crypto fraud syndicates",
            {"cybercrime", "organized_crime"},
        ),
    ],
)
def test_topics_vocabulary(language: str, text: str, topics: set[str]) -> None:
    assert topics <= found(text, language, "topic")


class TestDatesAndPlaces:
    def test_the_sentence_after_the_event_gives_its_dates(self, extractor: Extractor) -> None:
        text = (
            "Twenty Senegalese gendarmes completed a training course run by the French "
            "Gendarmerie on maritime surveillance.\n"
            "The course, held from March 3 to 14 in Dakar, covered boarding techniques."
        )
        summary = run(extractor, text, "en", "2025-03-20").summary
        assert summary.date is not None
        assert (summary.date.start, summary.date.end) == (date(2025, 3, 3), date(2025, 3, 14))
        assert summary.location is not None and summary.location.city == "Dakar"

    def test_the_date_by_the_trigger_wins_over_an_older_one(self, extractor: Extractor) -> None:
        text = (
            "El acusado, detenido en Bogotá en agosto de 2024 a pedido de Estados Unidos, "
            "fue extraditado el 6 de marzo por la Policía Nacional de Colombia."
        )
        summary = run(extractor, text, "es", "2025-03-08").summary
        assert summary.date is not None and summary.date.start == date(2025, 3, 6)

    def test_began_and_ended_give_a_span_and_said_gives_no_date(self, extractor: Extractor) -> None:
        text = (
            "Des délégations marocaine et espagnole ont tenu une réunion sur la migration "
            "irrégulière qui a commencé lundi et s'est achevée mardi, a indiqué vendredi le "
            "ministère de l'Intérieur."
        )
        summary = run(extractor, text, "fr", "2025-06-13").summary  # a Friday
        assert summary.date is not None
        assert (summary.date.start, summary.date.end) == (date(2025, 6, 9), date(2025, 6, 10))


class TestDatelines:
    def test_the_datelines_date_is_the_reports(self, extractor: Extractor) -> None:
        text = (
            "ROME, June 12 (Reuters) - Italian police handed over to Albanian authorities on "
            "Tuesday a suspect wanted for drug trafficking, the Interior Ministry said."
        )
        summary = run(extractor, text, "en", "2025-06-12").summary
        assert summary.date is not None and summary.date.start == date(2025, 6, 10)

    def test_a_capital_written_as_its_country_is_the_place(self, extractor: Extractor) -> None:
        text = (
            "الكويت - 3 - 4 (كونا) -- وقعت وزارة الداخلية مذكرة تفاهم مع الشرطة الإيطالية "
            "لمكافحة الجريمة المنظمة."
        )
        summary = run(extractor, text, "ar", "2025-04-03").summary
        assert summary.location is not None and summary.location.city == "Kuwait City"
        assert summary.countries == ["IT", "KW"]

    @pytest.mark.parametrize(
        ("language", "text"),
        [
            (
                "es",
                "La Guardia Civil entregó este miércoles a Francia a un narcotraficante "
                "reclamado por la justicia francesa.",
            ),
            (
                "fr",
                "La police belge a remis ce mercredi à la France un trafiquant recherché "
                "par la justice française.",
            ),
        ],
    )
    def test_this_wednesday_is_the_latest_wednesday(
        self, extractor: Extractor, language: str, text: str
    ) -> None:
        summary = run(extractor, text, language, "2025-07-17").summary  # a Thursday
        assert summary.date is not None and summary.date.start == date(2025, 7, 16)

    def test_a_background_date_does_not_replace_the_events_own(self, extractor: Extractor) -> None:
        text = (
            "Portugal extradited to Brazil last Thursday a man wanted for money laundering.\n"
            "He had been arrested in Lisbon in November 2024 on an INTERPOL Red Notice."
        )
        summary = run(extractor, text, "en", "2025-04-14").summary  # a Monday
        assert summary.date is not None and summary.date.start == date(2025, 4, 10)


class TestCountries:
    def test_the_host_country_comes_from_the_city(self, extractor: Extractor) -> None:
        text = "The FBI director held talks on counter-terrorism in Nairobi on Monday."
        assert run(extractor, text, "en").summary.countries == ["KE", "US"]

    def test_an_unnamed_ministry_belongs_to_the_dateline(self, extractor: Extractor) -> None:
        text = (
            "DOHA, May 4: The Ministry of Interior signed a memorandum of understanding on "
            "cybercrime with the Italian Carabinieri."
        )
        assert run(extractor, text, "en").summary.countries == ["IT", "QA"]

    def test_a_shared_agency_name_takes_the_country_the_article_names(
        self, extractor: Extractor
    ) -> None:
        text = (
            "ALGER - La DGSN a accueilli une délégation de la police italienne pour des "
            "entretiens sur la lutte contre l'immigration clandestine en Algérie."
        )
        assert run(extractor, text, "fr").summary.countries == ["DZ", "IT"]

    def test_an_agency_of_a_named_country(self, extractor: Extractor) -> None:
        text = (
            "La Policía Nacional de Nicaragua y la Policía Nacional de Honduras firmaron un "
            "convenio contra el narcotráfico."
        )
        assert run(extractor, text, "es").summary.countries == ["HN", "NI"]

    def test_the_counterpart_named_in_the_next_sentence(self, extractor: Extractor) -> None:
        text = (
            "The Moroccan police chief signed two security memorandums on Tuesday. "
            "The first, with the Portuguese Judicial Police, covers drug trafficking."
        )
        assert run(extractor, text, "en").summary.countries == ["MA", "PT"]


class TestGenericWordsAlone:
    @pytest.mark.parametrize(
        ("language", "text"),
        [
            (
                "en",
                "Spain and Morocco's national football teams held a joint training session "
                "in Rabat.",
            ),
            (
                "en",
                "French and Moroccan surgeons carried out a joint operation at the hospital "
                "in Rabat.",
            ),
            ("en", "France and Morocco signed a trade agreement on tariffs and investment."),
            (
                "fr",
                "Les joueurs marocains et espagnols ont participé à un stage de préparation "
                "à Tanger.",
            ),
            ("es", "España y Marruecos firmaron un acuerdo comercial sobre aranceles agrícolas."),
            ("ar", "وقع المغرب وإسبانيا اتفاقية تجارية لتعزيز الاستثمار في الطاقة."),
            ("en", "Officials from Kenya and Uganda discussed expanding operational cooperation."),
        ],
        ids=[
            "sport-training",
            "surgery",
            "trade-deal",
            "fr-sport",
            "es-trade",
            "ar-trade",
            "plan-only",
        ],
    )
    def test_no_security_cooperation_event(
        self, extractor: Extractor, language: str, text: str
    ) -> None:
        summary = run(extractor, text, language).summary
        assert "joint_operation" not in summary.event_types
        assert not (set(summary.event_types) - {"meeting"}) or not summary.relevant

    def test_agreeing_to_share_information_is_intelligence_sharing(
        self, extractor: Extractor
    ) -> None:
        text = (
            "Les polices tunisienne et libyenne ont convenu d'échanger des informations sur "
            "les réseaux de passeurs."
        )
        assert run(extractor, text, "fr").summary.event_types == ["intelligence_sharing"]

    def test_participants_of_a_course_do_not_make_a_meeting(self, extractor: Extractor) -> None:
        text = (
            "Policías de Panamá y Costa Rica participaron en un taller de capacitación sobre "
            "lavado de activos impartido por la DEA."
        )
        assert run(extractor, text, "es").summary.event_types == ["training"]

    def test_a_counted_noun_without_a_number_is_no_meeting(self, extractor: Extractor) -> None:
        text = (
            "Nigerian and Ghanaian police officers completed a cybercrime course run by the FBI. "
            "Further sessions are planned next year."
        )
        assert run(extractor, text, "en").summary.event_types == ["training"]


class TestNamedRoles:
    @pytest.mark.parametrize(
        ("language", "text", "named"),
        [
            (
                "en",
                "Spain's Interior Minister Fernando Grande-Marlaska held talks with French "
                "Interior Minister Bruno Retailleau on counter-terrorism.",
                {("FR", "Bruno Retailleau", "Minister of the Interior")},
            ),
            (
                "fr",
                "Le ministre sénégalais de l'Intérieur, Jean Baptiste Tine, a reçu une délégation "
                "gambienne pour discuter de la traite des êtres humains.",
                {("SN", "Jean Baptiste Tine", "Minister")},
            ),
            (
                "es",
                "El ministro del Interior español se reunió con la ministra de Seguridad "
                "argentina, Patricia Bullrich, para abordar el narcotráfico.",
                {("AR", "Patricia Bullrich", "Minister of Security")},
            ),
        ],
    )
    def test_an_official_named_after_the_role(
        self, extractor: Extractor, language: str, text: str, named: set[tuple[str, str, str]]
    ) -> None:
        events = run(extractor, text, language).events
        parties = {p for e in events for p in (e.actor, e.counterpart)}
        found = {(p.country, p.person, p.role) for p in parties if p.person and p.country}
        assert named <= found

    @pytest.mark.parametrize(
        ("language", "text"),
        [
            (
                "en",
                "The Moroccan interior minister said on Monday that talks with Spain on "
                "border security would resume.",
            ),
            (
                "fr",
                "Le ministre marocain de l'Intérieur a rencontré lundi une délégation "
                "espagnole pour discuter de la sécurité des frontières.",
            ),
        ],
    )
    def test_no_name_is_made_up(self, extractor: Extractor, language: str, text: str) -> None:
        events = run(extractor, text, language).events
        assert all(e.actor.person is None and e.counterpart.person is None for e in events)
