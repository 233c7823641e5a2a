"""How Arabic and French news sets an event against its background: what a reminder
paragraph (``يذكر أن``, ``Pour rappel``), a pluperfect (``avaient signé``), a future or a
subjunctive (``من المقرر أن يوقع``, ``signeront``), praise or a call (``أشاد بالدور``,
``a appelé à``) or an agreement's content (``portant sur``, ``qui autorisera``) names is no
event of its own; and forms the rules must still read (the accusative nisba ``وفدا مغربيا``,
``تسلمها مطلوبا``). Sentences written for these tests, in wire, ministry and daily styles."""

from __future__ import annotations

import pytest

from workers.core.events import Extraction, Extractor


def extract(extractor: Extractor, text: str, language: str) -> Extraction:
    return extractor.extract(text, language, None)


def types(extractor: Extractor, text: str, language: str) -> set[str]:
    return {e.type for e in extract(extractor, text, language).events}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (  # Maghreb wire: a reminder paragraph about earlier handovers
            "الرباط - سلمت السلطات المغربية، أمس الأربعاء، إلى نظيرتها الفرنسية مواطنا "
            "فرنسيا مطلوبا بموجب نشرة حمراء صادرة عن الإنتربول بتهمة الاتجار الدولي في "
            "المخدرات.\n\nيذكر أن المغرب سلم خلال السنة الجارية عددا من المطلوبين إلى كل من "
            "بلجيكا وهولندا في إطار اتفاقيات التعاون القضائي.",
            "ar",
            {"extradition"},
        ),
        (  # Mashriq agency: "this comes after…" sets the meeting against an earlier one
            "عمّان (بترا) - بحث وزير الداخلية الأردني مع السفير العراقي في عمّان، الأحد، "
            "سبل تعزيز التعاون الأمني في مكافحة تهريب المخدرات.\n\nويأتي هذا اللقاء بعد "
            "أسابيع من انعقاد اجتماع اللجنة الأمنية المشتركة بين البلدين في بغداد.",
            "ar",
            {"meeting"},
        ),
        (  # "it is worth noting … since the signing of the memorandum"
            "تونس (وات) - التقى وزير الداخلية، أمس الاثنين بمقر الوزارة، وزير الداخلية "
            "الإيطالي في إطار زيارة عمل إلى تونس، وتناول اللقاء التعاون الأمني في مجال "
            "الهجرة غير النظامية.\n\nوتجدر الإشارة إلى أن عدد المهاجرين الوافدين على "
            "السواحل الإيطالية تراجع منذ توقيع مذكرة التفاهم بين تونس والاتحاد الأوروبي.",
            "ar",
            {"meeting"},
        ),
        (  # Arabic pluperfect of a background agreement (كان … قد)
            "انجامينا - استقبل وزير الداخلية التشادي نظيره النيجري، الاثنين، وبحث الجانبان "
            "تأمين الحدود المشتركة في مواجهة الجماعات الإرهابية.\n\nوكان البلدان قد وقعا "
            "في ديسمبر الماضي بروتوكول اتفاق يتعلق بتسيير دوريات مشتركة على طول الحدود.",
            "ar",
            {"meeting"},
        ),
        (  # French pluperfect: the arrest before the handover
            "Rabat - Les autorités marocaines ont remis mercredi à la France un ressortissant "
            "français visé par une notice rouge d'Interpol pour trafic de stupéfiants. "
            "L'intéressé avait été interpellé en août à Tanger par la police judiciaire, en "
            "coordination avec le bureau central national d'Interpol.",
            "fr",
            {"extradition"},
        ),
        (  # "Pour rappel" / "Il convient de rappeler": background paragraphs
            "Bruxelles - Le commissaire général de la police fédérale belge a reçu mardi "
            "une délégation de la police marocaine conduite par le directeur de la police "
            "judiciaire.\n\nIl convient de rappeler que les renseignements transmis par les "
            "services marocains ont permis de déjouer plusieurs projets d'attentats en "
            "Belgique et en France.",
            "fr",
            {"meeting"},
        ),
    ],
)
def test_background_adds_no_type(
    extractor: Extractor, text: str, language: str, expected: set[str]
) -> None:
    assert types(extractor, text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (  # subjunctive after "it is scheduled that"
            "الرباط - أجرى المدير العام للأمن الوطني، الاثنين بالرباط، مباحثات مع رئيس "
            "الشرطة الفيدرالية البلجيكية حول تعزيز التعاون الأمني. ومن المقرر أن يوقع "
            "الجانبان مذكرة تفاهم في مجال مكافحة الإرهاب خلال زيارة مرتقبة إلى بروكسل.",
            "ar",
            {"meeting"},
        ),
        (  # future prefix س on the verb, "early next year"
            "الجزائر - استقبل وزير الداخلية الجزائري، الخميس، سفير النيجر بالجزائر، حيث "
            "تناول اللقاء الوضع الأمني في منطقة الساحل. وسيشارك البلدان في تمرين مشترك "
            "لمكافحة الإرهاب مطلع السنة المقبلة.",
            "ar",
            {"meeting"},
        ),
        (  # praise of a role, a call for more: no sharing, no training
            "الرباط - استقبل المدير العام للأمن الوطني، أمس الثلاثاء، وفدا أمنيا أمريكيا "
            "رفيع المستوى. وأشاد المسؤولون الأمريكيون بالدور الذي تضطلع به المصالح "
            "الأمنية المغربية في تبادل المعلومات الاستخباراتية، داعين إلى مزيد من تبادل "
            "الخبرات بين البلدين.",
            "ar",
            {"meeting"},
        ),
        (  # French simple future and "la prochaine session"
            "Niamey - Le ministre nigérien de l'Intérieur s'est entretenu lundi avec son "
            "homologue burkinabè sur la sécurisation de la frontière commune. Les deux "
            "ministres signeront un protocole d'accord sur les patrouilles mixtes lors de la "
            "prochaine session de la commission mixte.",
            "fr",
            {"meeting"},
        ),
        (  # an agreement's content: what it will allow is no operation
            "GENÈVE (ATS) - La Suisse et la France ont signé lundi à Genève un avenant à "
            "leur accord de coopération policière, qui autorisera des patrouilles mixtes de "
            "policiers suisses et français dans les trains régionaux.",
            "fr",
            {"agreement"},
        ),
        (  # "agreed to organise" joint exercises: planned, not held
            "Bruxelles - Le commissaire général de la police fédérale belge a reçu mardi "
            "une délégation de la police marocaine. Lors de la rencontre, les deux parties "
            "ont convenu d'organiser des exercices conjoints dans les prochains mois.",
            "fr",
            {"meeting"},
        ),
        (  # the meeting the signing follows is background
            "Dakar - Le Sénégal et la Gambie ont signé vendredi à Banjul un accord de "
            "coopération en matière de sécurité transfrontalière. Cet accord fait suite à la "
            "rencontre des deux chefs d'État en janvier à Dakar.",
            "fr",
            {"agreement"},
        ),
    ],
)
def test_future_praise_and_content_are_no_events(
    extractor: Extractor, text: str, language: str, expected: set[str]
) -> None:
    assert types(extractor, text, language) == expected


def test_grouped_within_an_alliance_is_no_meeting(extractor: Extractor) -> None:
    text = (
        "Au Mali, au Burkina Faso et au Niger, réunis depuis 2023 au sein d'une "
        "confédération, les groupes jihadistes menacent les forces de sécurité."
    )
    assert types(extractor, text, "fr") == set()


@pytest.mark.parametrize(
    ("text", "expected_types", "expected_countries"),
    [
        (  # accusative nisba (وفدا نيجريا) names the delegation's country
            "نيامي - استقبل وزير الداخلية الجزائري، الاثنين، وفدا نيجريا برئاسة وزير "
            "الداخلية، وبحث الجانبان تأمين الحدود المشتركة.",
            {"meeting"},
            {"DZ", "NE"},
        ),
        (  # receiving a wanted man is a handover
            "بغداد - أعلنت وزارة الداخلية العراقية، الأحد، تسلمها مطلوبا من السلطات "
            "السورية بتهمة الإرهاب، وذلك بالتنسيق مع الإنتربول.",
            {"extradition"},
            {"IQ"},
        ),
        (  # a joint declaration in the accusative is what was signed
            "نواكشوط - وقعت موريتانيا والاتحاد الأوروبي، الاثنين بنواكشوط، إعلانا مشتركا "
            "حول الهجرة، بحضور وزير الداخلية الموريتاني.",
            {"agreement"},
            {"MR"},
        ),
    ],
)
def test_arabic_forms(
    extractor: Extractor, text: str, expected_types: set[str], expected_countries: set[str]
) -> None:
    found = extract(extractor, text, "ar")
    assert {e.type for e in found.events} == expected_types
    assert expected_countries <= set(found.summary.countries)


@pytest.mark.parametrize(
    ("text", "language", "expected_types", "expected_countries"),
    [
        (  # "this course … with the participation of": the course's participants
            "الجزائر - انطلقت اليوم الاثنين بالجزائر العاصمة دورة تكوينية حول التحقيق في "
            "الجرائم السيبرانية لفائدة إطارات من الشرطة الجزائرية ينظمها أفريبول.\n\nوتستمر "
            "هذه الدورة خمسة أيام، بمشاركة ضباط من تونس وموريتانيا والنيجر.",
            "ar",
            {"training"},
            {"DZ", "TN", "MR", "NE"},
        ),
        (  # "Ce stage a réuni …": the course gathered them, no meeting
            "ABIDJAN - Un stage de formation sur la police technique et scientifique, "
            "organisé par la police ivoirienne avec le concours d'Interpol, s'est achevé "
            "vendredi à Abidjan. Ce stage de deux semaines a réuni des officiers ivoiriens "
            "et leurs homologues du Togo, du Bénin et du Ghana.",
            "fr",
            {"training"},
            {"CI", "TG", "BJ", "GH"},
        ),
        (  # at the end of the meeting they signed: that is an event of its own
            "Rabat - Le ministre marocain de l'Intérieur s'est entretenu lundi avec son "
            "homologue portugais de la coopération sécuritaire. À l'issue de la réunion, les "
            "deux ministres ont signé un mémorandum d'entente sur la lutte contre le "
            "terrorisme.",
            "fr",
            {"meeting", "agreement"},
            {"MA", "PT"},
        ),
    ],
)
def test_a_sentence_about_the_event_just_reported(
    extractor: Extractor,
    text: str,
    language: str,
    expected_types: set[str],
    expected_countries: set[str],
) -> None:
    found = extract(extractor, text, language)
    assert {e.type for e in found.events} == expected_types
    assert set(found.summary.countries) == expected_countries


@pytest.mark.parametrize(
    ("text", "language", "expected_countries"),
    [
        (  # Maghreb agency: "the two sides" talked of an event run with other countries
            "الرباط - استقبل المدير العام للأمن الوطني، أمس، وفدا أمنيا أمريكيا رفيع "
            "المستوى.\n\nكما تطرق الجانبان إلى الاستعدادات الأمنية لكأس العالم 2030 التي "
            "ينظمها المغرب بشراكة مع إسبانيا والبرتغال.",
            "ar",
            {"MA", "US"},
        ),
        (  # "les deux ministres" reviewed cooperation with neighbours: not participants
            "Nouakchott - Le ministre mauritanien de l'Intérieur a reçu jeudi son homologue "
            "malien. Les deux ministres ont également passé en revue la coopération "
            "sécuritaire avec le Sénégal et l'Algérie.",
            "fr",
            {"MR", "ML"},
        ),
    ],
)
def test_the_two_sides_are_the_pair_just_named(
    extractor: Extractor, text: str, language: str, expected_countries: set[str]
) -> None:
    assert set(extract(extractor, text, language).summary.countries) == expected_countries


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (  # a ministry's yearly figures after the talks: one country's own raids
            "Madrid - Le ministre marocain de l'Intérieur et son homologue espagnol ont signé "
            "lundi un mémorandum d'entente contre le trafic de migrants. Selon le ministère, "
            "les services marocains ont démantelé depuis janvier 332 réseaux criminels.",
            "fr",
        ),
        (
            "الرباط - وقع وزير الداخلية المغربي ونظيره الإسباني، الاثنين بمدريد، مذكرة "
            "تفاهم لمكافحة تهريب المهاجرين. وأوضح البلاغ أن المصالح الأمنية المغربية "
            "فككت خلال هذه السنة 332 شبكة إجرامية.",
            "ar",
        ),
    ],
)
def test_one_sides_raid_is_no_joint_operation(
    extractor: Extractor, text: str, language: str
) -> None:
    assert types(extractor, text, language) == {"agreement"}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Les polices française et espagnole ont démantelé mardi un réseau de passeurs "
            "entre Perpignan et Barcelone, a annoncé le parquet.",
            "fr",
        ),
        (
            "فككت الشرطة المغربية والإسبانية، الثلاثاء، شبكة دولية لتهريب المخدرات بين "
            "طنجة والجزيرة الخضراء.",
            "ar",
        ),
    ],
)
def test_two_sides_raid_is_a_joint_operation(
    extractor: Extractor, text: str, language: str
) -> None:
    assert types(extractor, text, language) == {"joint_operation"}


def test_a_shared_agency_name_belongs_to_the_country_its_sentence_names(
    extractor: Extractor,
) -> None:
    text = (
        "Abidjan (AIP) - Une opération conjointe coordonnée par Interpol et Afripol a permis "
        "l'interpellation de 300 personnes en Afrique de l'Ouest. En Côte d'Ivoire, la "
        "Gendarmerie nationale et la police ont été mobilisées aux frontières. Afripol, dont "
        "le siège est à Alger, a salué les résultats."
    )
    assert "DZ" not in extract(extractor, text, "fr").summary.countries


def test_an_open_question_is_no_extradition(extractor: Extractor) -> None:
    text = (
        "MONTRÉAL - La GRC et la police américaine ont démantelé mardi un réseau de trafic "
        "d'armes lors d'une enquête conjointe. Les autorités américaines n'ont pas précisé "
        "si elles demanderaient l'extradition des suspects."
    )
    assert types(extractor, text, "fr") == {"joint_operation"}


@pytest.mark.parametrize(
    ("text", "language", "expected_types", "absent"),
    [
        (  # Gulf agency: origins are no party; the treaty "signed between" is background
            "الدوحة في 3 مارس / قنا / سلمت وزارة الداخلية القطرية، أمس، مواطنا فرنسيا من "
            "أصول جزائرية إلى السلطات الفرنسية المختصة. وأكدت الوزارة أن التسليم تم في إطار "
            "اتفاقية تسليم المجرمين الموقعة بين دولة قطر والجمهورية الفرنسية.",
            "ar",
            {"extradition"},
            "DZ",
        ),
        (  # the works of a training course, then who takes part in the course
            "الرياض (واس) - انطلقت أمس أعمال الدورة التدريبية المتخصصة في مكافحة غسل الأموال "
            "بمقر جامعة نايف العربية للعلوم الأمنية، بالتعاون مع الإنتربول. ويشارك في الدورة "
            "ضباط من الأردن والكويت وسلطنة عمان.",
            "ar",
            {"training"},
            None,
        ),
        (  # a smuggling ring's "reception" man; authorities keen on periodic meetings
            "الرباط - فككت المصالح الأمنية المغربية بتنسيق مع الشرطة الإسبانية شبكة لتهريب "
            "المخدرات، من بين أفرادها المسؤول عن الاستقبال في إسبانيا. وتحرص سلطات البلدين "
            "على عقد اجتماعات دورية للجان الأمنية المشتركة.",
            "ar",
            {"joint_operation"},
            None,
        ),
        (  # an agenda "will include" ratifying a plan: no agreement
            "نواكشوط - استقبل وزير الداخلية الموريتاني، الثلاثاء، وفدا أمنيا سنغاليا. وأوضح "
            "بيان أن جدول أعمال اللجنة المشتركة سيتضمن المصادقة على خطة عمل لتأمين الحدود.",
            "ar",
            {"meeting"},
            None,
        ),
        (  # the agenda, and what the two forces do regularly
            "Dakar - Le directeur général de la police sénégalaise a reçu lundi son homologue "
            "gambien. À l'ordre du jour figurait la signature d'un protocole sur les patrouilles "
            "mixtes. Les deux polices échangent régulièrement des informations sur les "
            "réseaux de passeurs.",
            "fr",
            {"meeting"},
            None,
        ),
    ],
)
def test_origins_agendas_habits_and_the_course_itself(
    extractor: Extractor,
    text: str,
    language: str,
    expected_types: set[str],
    absent: str | None,
) -> None:
    found = extract(extractor, text, language)
    assert {e.type for e in found.events} == expected_types
    assert absent not in found.summary.countries


def test_a_call_for_cooperation_continues_no_event(extractor: Extractor) -> None:
    text = (
        "الرياض - افتتح وزير الداخلية السعودي، أمس، اجتماعا مع نظيره اليمني. وقال الوزير "
        "إن التهديدات الإرهابية تتطلب تعاونا وثيقا بين الأجهزة الأمنية في البلدين ومع "
        "الشركاء في مصر."
    )
    found = extract(extractor, text, "ar")
    assert "EG" not in found.summary.countries


@pytest.mark.parametrize(
    ("text", "language", "expected_countries"),
    [
        (  # Amman or Oman? the national agency (بترا) says Jordan, whose directorate it is
            "عمان 3 آذار (بترا) - أعلنت مديرية الأمن العام، اليوم، ضبط شحنة مخدرات كبيرة في "
            "عملية أمنية مشتركة نفذت بالتنسيق مع الأجهزة الأمنية العراقية على الحدود.",
            "ar",
            {"JO", "IQ"},
        ),
        (  # the unnamed ministry under a Nouakchott dateline is Mauritania's
            "Nouakchott, 4 avril (AMI) - Le ministère de l'Intérieur a annoncé mardi le "
            "démantèlement d'un réseau de passeurs lors d'une opération conjointe menée avec "
            "la gendarmerie sénégalaise près de Rosso.",
            "fr",
            {"MR", "SN"},
        ),
    ],
)
def test_a_national_body_without_a_country_is_the_datelines(
    extractor: Extractor, text: str, language: str, expected_countries: set[str]
) -> None:
    assert set(extract(extractor, text, language).summary.countries) == expected_countries


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (  # Gulf agency: the sides exchanged data during the committee meeting
            "مسقط - اختتمت أمس أعمال الاجتماع الخامس للجنة الأمنية المشتركة بين سلطنة عمان "
            "والجمهورية اليمنية. وتبادل الجانبان خلال الاجتماع بيانات عن شبكات تهريب "
            "الأسلحة عبر الحدود البرية.",
            "ar",
            {"meeting", "intelligence_sharing"},
        ),
        (  # … but exchanging views is talk, not intelligence sharing
            "مسقط - اختتمت أمس أعمال الاجتماع الخامس للجنة الأمنية المشتركة بين سلطنة عمان "
            "والجمهورية اليمنية. وتبادل الجانبان خلال الاجتماع وجهات النظر حول أمن الحدود.",
            "ar",
            {"meeting"},
        ),
        (
            "Bamako - Les chefs des services de renseignement du Mali et du Niger se sont "
            "réunis jeudi à Bamako. Les deux services ont échangé, à cette occasion, des "
            "renseignements sur les mouvements des groupes armés dans la zone des trois "
            "frontières.",
            "fr",
            {"meeting", "intelligence_sharing"},
        ),
    ],
)
def test_exchanging_information_is_sharing_not_exchanging_views(
    extractor: Extractor, text: str, language: str, expected: set[str]
) -> None:
    assert types(extractor, text, language) == expected


def test_the_three_parties_are_the_meetings_sides(extractor: Extractor) -> None:
    text = (
        "عمان (بترا) - عقدت مديرية الأمن العام اجتماعا ثلاثيا مع الأجهزة الأمنية العراقية "
        "والسعودية لمكافحة تهريب المخدرات. واتفقت الأطراف الثلاثة على تبادل المعلومات "
        "بشكل فوري عبر قناة اتصال دائمة."
    )
    found = extract(extractor, text, "ar")
    sharing = [e for e in found.events if e.type == "intelligence_sharing"]
    sides = {e.actor.country for e in sharing} | {e.counterpart.country for e in sharing}
    assert sides == {"JO", "IQ", "SA"}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "الرباط - استقبل وزير الداخلية، اليوم الثلاثاء بالرباط، نظيره الإسباني، حيث تباحث "
            "الجانبان سبل تعزيز التعاون الأمني.\n\nوأكد الوزيران على ضرورة تكثيف تبادل "
            "المعلومات لمكافحة شبكات تهريب المخدرات.",
            "ar",
        ),
        (
            "Rabat - Le ministre de l'Intérieur a reçu mardi son homologue espagnol. Les deux "
            "ministres ont souligné la nécessité d'intensifier l'échange d'informations sur "
            "les réseaux de trafic de drogue.",
            "fr",
        ),
    ],
)
def test_the_need_for_more_sharing_is_no_sharing(
    extractor: Extractor, text: str, language: str
) -> None:
    assert types(extractor, text, language) == {"meeting"}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (  # an announcement: the session is next October
            "الرباط - تحتضن مدينة الرباط خلال الفترة من 20 إلى 22 أكتوبر المقبل أشغال "
            "الاجتماع السنوي لرؤساء أجهزة الشرطة العربية، بمشاركة وفود من تونس ومصر والأردن.",
            "ar",
            set(),
        ),
        (
            "Dakar accueillera du 3 au 5 décembre prochain la réunion annuelle des chefs de "
            "police d'Afrique de l'Ouest, en présence de délégations du Mali, du Niger et de "
            "la Guinée.",
            "fr",
            set(),
        ),
        (  # started yesterday and goes on until next month: under way
            "الجزائر - انطلقت أمس بالجزائر العاصمة دورة تكوينية لفائدة ضباط من الشرطة "
            "التونسية والموريتانية، تستمر إلى غاية 10 ديسمبر المقبل.",
            "ar",
            {"training"},
        ),
    ],
)
def test_an_announced_event_is_none_yet(
    extractor: Extractor, text: str, language: str, expected: set[str]
) -> None:
    assert types(extractor, text, language) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "TUNIS - La Tunisie et la Libye ont signé mercredi à Tunis un protocole d'accord "
            "portant sur la sécurisation de la frontière commune, à l'issue d'une réunion "
            "entre les ministres de l'Intérieur des deux pays.",
            "fr",
        ),
        (
            "تونس - وقعت تونس وليبيا، الأربعاء، مذكرة تفاهم تتعلق بتأمين الحدود المشتركة، "
            "وذلك في ختام اجتماع جمع وزيري الداخلية في البلدين.",
            "ar",
        ),
    ],
)
def test_the_meeting_that_frames_a_signing_is_no_content_of_it(
    extractor: Extractor, text: str, language: str
) -> None:
    assert types(extractor, text, language) == {"agreement", "meeting"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # Mashriq: the requesting side "recovers" a wanted man
            "بغداد - أعلنت وزارة الداخلية العراقية، السبت، استرداد مطلوب بقضايا إرهاب من "
            "تركيا، بالتنسيق مع منظمة الإنتربول.",
            {"extradition"},
        ),
        (  # the definite noun and adjective: the training course itself
            "المنامة - اختتمت بالأكاديمية الملكية للشرطة الدورة التدريبية في مجال مكافحة "
            "الاتجار بالأشخاص، بمشاركة منتسبين من وزارة الداخلية البحرينية ونظرائهم من "
            "المملكة العربية السعودية.",
            {"training"},
        ),
    ],
)
def test_arabic_recovery_and_definite_course(
    extractor: Extractor, text: str, expected: set[str]
) -> None:
    assert types(extractor, text, "ar") == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "TEGUCIGALPA - Le Honduras a remis mardi aux États-Unis un chef présumé de gang "
            "réclamé par la justice américaine. L'homme a été remis à des agents américains "
            "sur une base aérienne, lors d'une opération coordonnée par le bureau d'Interpol.",
            "fr",
        ),
        (
            "الرباط - سلمت السلطات المغربية، الخميس، إلى نظيرتها الفرنسية مواطنا فرنسيا "
            "مطلوبا للعدالة، وذلك في إطار عملية منسقة مع المكتب المركزي الوطني للإنتربول.",
            "ar",
        ),
    ],
)
def test_the_coordinated_handover_is_the_extradition(
    extractor: Extractor, text: str, language: str
) -> None:
    assert types(extractor, text, language) == {"extradition"}


def test_where_the_operation_took_place_names_its_participants(extractor: Extractor) -> None:
    text = (
        "Dakar, 12 mars (APS) - Une opération conjointe coordonnée par Interpol a permis "
        "l'interpellation de 400 personnes en Afrique de l'Ouest.\n\nBaptisée « Sentinelle », "
        "l'opération s'est déroulée du 1er au 10 mars au Sénégal, en Gambie, en Guinée-Bissau "
        "et au Mali. Le Niger et le Burkina Faso n'ont pas participé à l'opération."
    )
    countries = set(extract(extractor, text, "fr").summary.countries)
    assert countries == {"SN", "GM", "GW", "ML"}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Lomé - Une opération conjointe des polices togolaise et béninoise a permis "
            "l'arrestation de 60 suspects. Elle a été suivie en temps réel depuis un centre de "
            "commandement installé à Lomé.",
            "fr",
        ),
        (
            "لومي - أسفرت عملية مشتركة بين الشرطة التوغولية والبنينية عن توقيف 60 مشتبها "
            "فيهم، وتمت متابعتها في الوقت الحقيقي من مركز قيادة في لومي.",
            "ar",
        ),
    ],
)
def test_in_real_time_is_no_sharing(extractor: Extractor, text: str, language: str) -> None:
    assert types(extractor, text, language) == {"joint_operation"}


@pytest.mark.parametrize(
    ("text", "language", "expected_types"),
    [
        (  # a domestic meeting about the border with a neighbour
            "TUNIS - Le ministre de l'Intérieur a présidé lundi une réunion consacrée à la "
            "sécurisation de la frontière avec la Libye, en présence des cadres de la garde "
            "nationale.",
            "fr",
            set(),
        ),
        (
            "الجزائر - ترأس وزير الداخلية، الاثنين، اجتماعا خصص لتأمين الشريط الحدودي مع "
            "ليبيا والنيجر، بحضور إطارات الدرك الوطني.",
            "ar",
            set(),
        ),
        (  # a secretary and armies are bodies a demonym attaches to
            "OTTAWA - Le ministre canadien de la Sécurité publique a rencontré jeudi à Ottawa "
            "la secrétaire américaine à la Sécurité intérieure pour discuter du trafic de "
            "fentanyl.",
            "fr",
            {"meeting"},
        ),
        (
            "NIAMEY - Les armées nigérienne et burkinabè ont mené du 2 au 9 juin une opération "
            "conjointe dans la zone des trois frontières, selon un communiqué conjoint.",
            "fr",
            {"joint_operation"},
        ),
    ],
)
def test_borders_with_neighbours_and_more_bodies(
    extractor: Extractor, text: str, language: str, expected_types: set[str]
) -> None:
    assert types(extractor, text, language) == expected_types


def test_the_three_states_are_those_named_just_before(extractor: Extractor) -> None:
    text = (
        "لم تكن العملية التي نفذتها الأجهزة الأمنية في الأردن وسوريا ولبنان، الثلاثاء "
        "الماضي، الأولى من نوعها.\n\nفقد أسفرت العملية المشتركة عن ضبط شحنة كبيرة من "
        "الحبوب المخدرة وتوقيف مشتبه بهم موزعين على الدول الثلاث."
    )
    assert set(extract(extractor, text, "ar").summary.countries) == {"JO", "SY", "LB"}


def test_who_ran_the_course_just_reported_takes_part(extractor: Extractor) -> None:
    text = (
        "Jacqueville - L'Académie de lutte contre le terrorisme a accueilli lundi un stage de "
        "formation au profit d'officiers ivoiriens et béninois.\n\nAnimé par des formateurs "
        "de la gendarmerie française, ce stage porte sur la gestion des prises d'otages."
    )
    assert set(extract(extractor, text, "fr").summary.countries) == {"CI", "BJ", "FR"}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "مسقط - اختتمت أعمال الاجتماع الخامس للجنة المشتركة لحرس الحدود بين سلطنة عمان "
            "وإيران، بمشاركة قائد حرس الحدود بقيادة قوى الأمن الداخلي الإيرانية.",
            "ar",
            {"OM", "IR"},
        ),
        (
            "Dakar - La Gendarmerie nationale sénégalaise et la police gambienne ont mené "
            "jeudi une opération conjointe contre les passeurs à la frontière.",
            "fr",
            {"SN", "GM"},
        ),
    ],
)
def test_a_shared_body_name_with_its_own_nisba(
    extractor: Extractor, text: str, language: str, expected: set[str]
) -> None:
    assert set(extract(extractor, text, language).summary.countries) == expected


def test_they_too_is_another_case(extractor: Extractor) -> None:
    text = (
        "Bruxelles - Un trafiquant présumé a été remis mardi aux autorités belges à Dubaï, "
        "a confirmé le parquet fédéral.\n\nLes Pays-Bas et la France ont eux aussi obtenu "
        "des remises depuis Dubaï ces dernières années."
    )
    assert set(extract(extractor, text, "fr").summary.countries) == {"BE", "AE"}


def test_the_dgsn_in_nouakchott_is_mauritanias(extractor: Extractor) -> None:
    text = (
        "نواكشوط - استقبل وزير الداخلية الموريتاني، الثلاثاء، نظيره السنغالي. وحضر اللقاء "
        "المدير العام للأمن الوطني وسفير السنغال في نواكشوط."
    )
    assert set(extract(extractor, text, "ar").summary.countries) == {"MR", "SN"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a day between the verb and the recipient
            "Abidjan - Un Burkinabè recherché pour terrorisme a été expulsé vers le Burkina "
            "Faso et remis lundi aux policiers burkinabè à l'aéroport de Ouagadougou, a "
            "indiqué la police ivoirienne.",
            {"extradition"},
        ),
        (  # a prize handed over is no handover
            "Rabat - Les prix du concours de la meilleure brigade ont été remis lundi aux "
            "lauréats de la police marocaine et espagnole.",
            set(),
        ),
    ],
)
def test_handed_over_to_a_body(extractor: Extractor, text: str, expected: set[str]) -> None:
    assert types(extractor, text, "fr") == expected


@pytest.mark.parametrize(
    "text",
    [
        (  # the information the other side provided, in a relative clause
            "بيروت - أوقفت شعبة المعلومات في قوى الأمن الداخلي اللبنانية، أمس، شبكة لتهريب "
            "الكبتاغون. وقال مصدر أمني إن المعلومات التي وفرها الجانب الأردني كانت حاسمة في "
            "تحديد مكان المستودع."
        ),
        (  # the agencies exchange data (present tense)
            "عمان - أكد مصدر أمني أردني أن الأجهزة الأمنية الأردنية والعراقية تتبادل بشكل "
            "يومي بيانات حول المطلوبين في قضايا التهريب."
        ),
    ],
)
def test_information_provided_and_exchanged(extractor: Extractor, text: str) -> None:
    assert "intelligence_sharing" in types(extractor, text, "ar")


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (  # what the talks dealt with is their topic, not a course held
            "Dakar, 14 fév (APS) - Le ministre de l'Intérieur a reçu mercredi une délégation de "
            "la police fédérale allemande. Les échanges ont porté sur la migration irrégulière "
            "et le renforcement des capacités des unités de surveillance des côtes.",
            "fr",
            {"meeting"},
        ),
        (  # signed on the occasion of a visit: the visit is a meeting
            "Paris et Alger ont signé jeudi à Alger un accord de coopération contre le trafic de "
            "stupéfiants, à l'occasion de la visite du ministre français de l'Intérieur.",
            "fr",
            {"agreement", "meeting"},
        ),
        (
            "القاهرة - استقبل وزير الداخلية المصري نظيره السوداني، وتركزت المباحثات على تنظيم "
            "دورات تدريبية لضباط الشرطة السودانية.",
            "ar",
            {"meeting"},
        ),
    ],
)
def test_what_talks_dealt_with_and_the_visits_signings(
    extractor: Extractor, text: str, language: str, expected: set[str]
) -> None:
    assert types(extractor, text, language) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (  # the course "programmed" for Mauritanian officers has not been held
            "نواكشوط - استقبل وزير الداخلية الموريتاني سفير بلجيكا، وتطرق اللقاء إلى الدورة "
            "التكوينية المبرمجة لفائدة ضباط الشرطة الموريتانية.",
            "ar",
        ),
        (  # a postponed committee session
            "الجزائر - استقبل وزير الداخلية الجزائري سفير إيطاليا، وأعلن عن تأجيل اجتماع "
            "اللجنة المشتركة الجزائرية الإيطالية إلى موعد لاحق.",
            "ar",
        ),
        (  # "la réunion" is a meeting, not the island of La Réunion
            "Bruxelles - Le ministre de l'Intérieur a reçu mardi l'ambassadeur du Maroc. La "
            "session de la commission mixte prévue à Rabat a été reportée.",
            "fr",
        ),
    ],
)
def test_planned_and_postponed_events_are_none(
    extractor: Extractor, text: str, language: str
) -> None:
    found = extract(extractor, text, language)
    assert {e.type for e in found.events} == {"meeting"}
    assert "RE" not in found.summary.countries
    assert all(e.evidence[0].start == 0 for e in found.events)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "PARIS - La cour d'appel de Paris a refusé jeudi l'extradition vers l'Algérie d'un "
            "ancien ministre algérien poursuivi pour corruption, a indiqué son avocat.",
            "fr",
            set(),
        ),
        (
            "الجزائر - رفضت محكمة الاستئناف بباريس تسليم وزير جزائري سابق إلى السلطات "
            "الجزائرية، حسب ما أفاد به محاميه.",
            "ar",
            set(),
        ),
        (  # a request is no handover yet
            "RABAT - La France a transmis aux autorités marocaines une demande d'extradition "
            "visant un trafiquant de cocaïne arrêté à Tanger, selon une source judiciaire.",
            "fr",
            set(),
        ),
        (
            "RABAT - Le Maroc a extradé mardi vers la France un trafiquant de cocaïne arrêté à "
            "Tanger en vertu d'un mandat d'arrêt international.",
            "fr",
            {"extradition"},
        ),
    ],
)
def test_a_refused_or_requested_extradition_is_none(
    extractor: Extractor, text: str, language: str, expected: set[str]
) -> None:
    assert types(extractor, text, language) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Madrid - Le ministre espagnol de l'Intérieur a reçu lundi son homologue "
            "mauritanien. Lors de leur dernière rencontre, à Nouakchott, les deux ministres "
            "avaient signé un accord sur les patrouilles conjointes.",
            "fr",
        ),
        (
            "الرباط - استقبل وزير الداخلية المغربي نظيره الإسباني، الاثنين. وتعقد اللجنة "
            "الأمنية المشتركة بين البلدين اجتماعات منتظمة، كان آخرها بمدريد.",
            "ar",
        ),
    ],
)
def test_the_previous_meeting_is_background(extractor: Extractor, text: str, language: str) -> None:
    assert types(extractor, text, language) == {"meeting"}
    found = extract(extractor, text, language)
    assert all(e.evidence[0].start == 0 for e in found.events)


@pytest.mark.parametrize(
    ("text", "language", "expected_types", "expected_countries"),
    [
        (  # combating diseases is health, not security
            "القاهرة - التقى وزير الصحة المصري نظيره السعودي لبحث التعاون في مجال مكافحة "
            "الأمراض المعدية وتبادل الخبرات الطبية.",
            "ar",
            set(),
            set(),
        ),
        (  # the nisba agrees with the authorities before it, not the accused after it
            "بغداد - أعلنت وزارة الداخلية العراقية، الأحد، تسلمها مطلوبا من السلطات التركية متهما "
            "بقضايا إرهاب، وذلك بالتنسيق مع الإنتربول.",
            "ar",
            {"extradition"},
            {"IQ", "TR"},
        ),
    ],
)
def test_health_is_no_security_and_the_nisba_agrees_with_its_noun(
    extractor: Extractor,
    text: str,
    language: str,
    expected_types: set[str],
    expected_countries: set[str],
) -> None:
    found = extract(extractor, text, language)
    assert {e.type for e in found.events} == expected_types
    assert set(found.summary.countries) == expected_countries


def test_fighting_diseases_is_no_security(extractor: Extractor) -> None:
    text = (
        "RABAT - Le ministre marocain de la Santé a reçu son homologue français pour évoquer "
        "la lutte contre les maladies chroniques et la formation des médecins."
    )
    assert types(extractor, text, "fr") == set()


def test_air_traffic_is_no_trafficking(extractor: Extractor) -> None:
    text = (
        "TUNIS - Le ministre tunisien des Transports a reçu son homologue libyen pour évoquer "
        "le trafic aérien entre les deux pays."
    )
    assert types(extractor, text, "fr") == set()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "DAKAR - Le Sénégal et la Mauritanie ont signé lundi un protocole d'accord sur la "
            "sécurité alimentaire et la gestion des pâturages transfrontaliers.",
            "fr",
        ),
        (
            "الرباط - وقع المغرب وموريتانيا، الاثنين، مذكرة تفاهم في مجال الأمن الغذائي "
            "وتطوير الزراعات المقاومة للجفاف.",
            "ar",
        ),
    ],
)
def test_food_security_is_no_security(extractor: Extractor, text: str, language: str) -> None:
    assert types(extractor, text, language) == set()


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (  # the meeting is the subject of a verb in the future
            "RABAT - Une réunion des ministres de l'Intérieur du Maroc, de l'Espagne et du "
            "Portugal se tiendra lundi à Rabat pour préparer la sécurité de la Coupe du monde.",
            "fr",
            set(),
        ),
        (
            "Une session de formation au profit des policiers nigériens sera organisée en juin "
            "à Niamey par la gendarmerie française.",
            "fr",
            set(),
        ),
        (  # the future verb is in a relative clause about someone else
            "MADRID - Le ministre espagnol de l'Intérieur a reçu mardi son homologue marocain, "
            "qui participera jeudi à un forum sur la migration à Séville.",
            "fr",
            {"meeting"},
        ),
        (
            "عمان - اجتماع اللجنة الأمنية المشتركة بين الأردن والعراق سيعقد الأسبوع المقبل في "
            "بغداد لبحث تأمين الحدود.",
            "ar",
            set(),
        ),
    ],
)
def test_an_event_that_will_be_held_is_none_yet(
    extractor: Extractor, text: str, language: str, expected: set[str]
) -> None:
    assert types(extractor, text, language) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (  # where a ring operates is no partner of the raid
            "NIAMEY - La gendarmerie nigérienne a démantelé un réseau de passeurs opérant entre "
            "le Niger, la Libye et l'Algérie, et interpellé douze suspects.",
            "fr",
        ),
        (
            "الجزائر - فككت مصالح الدرك الوطني شبكة إجرامية تنشط بين الجزائر وليبيا والنيجر "
            "في تهريب المهاجرين، وأوقفت 12 مشتبها فيهم.",
            "ar",
        ),
    ],
)
def test_where_a_ring_operates_is_no_partner(
    extractor: Extractor, text: str, language: str
) -> None:
    assert types(extractor, text, language) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # المالي after an official or the army is Malian
            "بماكو - استقبل وزير الخارجية المالي، الاثنين، وفدا نيجريا برئاسة وزير الداخلية، "
            "وبحث الجانبان تأمين الحدود المشتركة في مواجهة الجماعات الإرهابية.",
            {"ML", "NE"},
        ),
        (  # … but the financial crisis is no Mali
            "الرباط - بحث وزير الداخلية المغربي مع نظيره الفرنسي تداعيات الأزمة المالية على "
            "تمويل برامج مكافحة الإرهاب.",
            {"MA", "FR"},
        ),
    ],
)
def test_malian_or_financial(extractor: Extractor, text: str, expected: set[str]) -> None:
    assert set(extract(extractor, text, "ar").summary.countries) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "RABAT - Le ministre de l'Intérieur a reçu lundi son homologue malien, en prévision "
            "de la réunion de la commission mixte prévue en mars prochain à Bamako.",
            "fr",
        ),
        (
            "الرباط - استقبل وزير الداخلية المغربي، الاثنين، نظيره الموريتاني، تحضيرا لاجتماع "
            "اللجنة المشتركة المقرر في مارس المقبل.",
            "ar",
        ),
    ],
)
def test_a_meeting_held_before_one_to_come_is_an_event(
    extractor: Extractor, text: str, language: str
) -> None:
    assert types(extractor, text, language) == {"meeting"}
