"""What one sentence says: its event types, sides, organisations, topics, places, dates and
whether it is about security at all (a trade or football meeting is not)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from schemas import EventType, Topic
from workers.core.dates import Dated
from workers.core.matcher import Mention
from workers.core.parties import PARTY_KINDS, Side, organizations, sides
from workers.core.persons import named_roles
from workers.core.sentences import Sentence
from workers.core.textmap import TextMap

ACTIVITY_TOPICS: frozenset[Topic] = frozenset({"training", "intelligence_sharing"})
"""Topics that name an activity, not a threat: training for tourism workers is no security."""
_COUNT_REACH = 16
_REPORT_REACH = 24
"""A date within this many characters after ``said``/``a indiqué``/``أفاد`` dates the report."""
_PROSPECT_REACH = 160
"""A trigger within this many characters after ``discussed the possibility of``/``تهدف إلى``
names what is planned, discussed or aimed at, not an event of its own."""
_OBJECT_REACH = 120
"""What an exchange verb exchanged comes within this many characters after it."""
_VENUE_REACH = 120
"""A city this near after a trigger is where the event took place (``signed a memorandum of
understanding on cybercrime and drug trafficking with the UAE in Dubai``)."""
_OBJECTS = {
    "exchange": (frozenset({"information", "intelligence_sharing"}), "064"),
    "handover": (frozenset({"recipient", "country"}), "063"),
    "surrender": (frozenset({"wanted"}), "063"),  # ``entregó el lunes a EE.UU. a 18 reos``
}
"""Trigger groups that need an object after them (a cue, a topic or a country's name), and
the code they then take."""
_HELD_REACH = 60
"""``عقدت مديرية الأمن العام اجتماعا``: the subject between the verb and what was held."""
_PLANNED_REACH = 24
"""``الدورة التكوينية المبرمجة``, ``la réunion prévue en juin``: the participle of something
planned right after the trigger's noun."""
_FUTURE_REACH = 80
_CLAUSE_MARKS = (" qui ", " que ", " dont ", ", et ", ";", " الذي ", " التي ", "، و")
"""What ends the clause of a trigger's noun before a verb in the future."""
_UNDER_WAY = frozenset({"until", "done"})
_NEXT_REACH = 2
"""``أكتوبر المقبل``: the word for next right after the month."""
_SIDES = 2
"""An operation needs two sides to be a joint one."""
_PLUPERFECT_REACH = 60
"""``وكانت عناصر الشرطة القضائية قد``: the subject between the auxiliary and قد."""
_PLEDGED = frozenset({"intelligence_sharing"})
"""Agreeing to share information is coded as the sharing itself (see ``_types``)."""
_YEAR_PHRASE = re.compile(
    r"(?<!\w)(?:in|since|during|until|from|en|desde|durante|hasta|depuis|durant|dès|في|منذ|عام|سنة)"
    r"\s+(?:(?:early|late|mid|principios de|finales de|mediados de|début|fin)\s+)?"
    r"((?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
"""A year with its preposition (``in 2019``, ``desde 2020``, ``منذ عام 2018``)."""
_CURRENT_DAYS = 120
"""A date this near the publication is the reported event's time."""
_LAST_YEAR_MONTHS = 2
"""Published in January or February, last year's December is still recent."""
_DISCUSSED = frozenset({"joint_operation", "training", "extradition"})
"""What talks discuss (``discussed coordinated patrols``, ``analizaron la extradición``) is
their agenda, not an event; the talks themselves are the meeting."""
_TRADE_BODIES = frozenset({"Customs"})
_TRADE_TOPICS: frozenset[str] = frozenset({"border_security"})
"""Bodies, topics and ``border`` cues that trade news names too (``border crossings``,
``aduanas``): beside a trade or economy cue they make no security context."""
_HOSTED = frozenset({"training", "joint_operation"})
"""What a host (``a accueilli un stage``) holds: that is the event, not a meeting."""


@dataclass(slots=True)
class Facts:
    """The facts of one sentence (offsets of ``sentence`` are in the original text)."""

    sentence: Sentence
    types: dict[EventType, str] = field(default_factory=dict)
    sides: list[Side] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    cities: list[tuple[str, str]] = field(default_factory=list)
    occasions: list[str] = field(default_factory=list)
    dates: list[Dated] = field(default_factory=list)
    security: bool = False
    negative: bool = False
    cooperation: bool = False
    weak_types: list[EventType] = field(default_factory=list)
    ceremony: bool = False
    """A ceremony (closing, graduation): attending it is no meeting."""
    strong: bool = False
    trigger_at: int = -1
    unattributed: bool = False
    offtime: bool = False
    """The sentence speaks of another time (``l'an dernier``, ``وكان … قد``)."""
    anaphor: bool = False
    """The sentence speaks of the event just reported (``Cette session``, ``هذا اللقاء``)."""
    pair: bool = False
    """Its subject is the two sides just named (``les deux parties``, ``الجانبان``)."""
    roles: list[tuple[str, str, str]] = field(default_factory=list)
    """Officials named with their role: (country, name, role)."""

    @property
    def countries(self) -> list[str]:
        return list(dict.fromkeys(side.country for side in self.sides))


def _counted(folded: str, mention: Mention, mentions: Sequence[Mention]) -> bool:
    """``43 bilateral meetings``, ``ثلاثة وأربعين اجتماعا``: a counted noun is a trigger only
    after a number or a verb of holding (``عقدت مديرية الأمن العام اجتماعا``), not alone
    (``further sessions were planned`` is not a meeting)."""
    before = folded[max(0, mention.start - _COUNT_REACH) : mention.start].split()
    if before and any(c.isdigit() for c in before[-1]):
        return True
    return any(
        (m.kind == "number" and 0 <= mention.start - m.end < _COUNT_REACH)
        or (m.kind == "cue" and m.value == "held" and 0 <= mention.start - m.end <= _HELD_REACH)
        for m in mentions
    )


def _deferred(mention: Mention, prospects: Sequence[int], frames: Sequence[int]) -> bool:
    """Whether a trigger follows a cue of something planned, discussed or aimed at, with no
    frame of the event between (``un protocole portant sur … , à l'issue d'une réunion``)."""
    return any(
        0 <= mention.start - end <= _PROSPECT_REACH
        and not any(end <= frame <= mention.start for frame in frames)
        for end in prospects
    )


def _remarked(mention: Mention, remarks: Sequence[Mention], frames: Sequence[int]) -> bool:
    """Whether a trigger is what praise, a call or a reminder speaks of (``أشاد بالدور … في
    تبادل المعلومات``, ``a appelé à davantage d'échanges``, ``depuis la signature``): no
    event, not even a pledged one."""
    return any(r.start <= mention.start < r.end for r in remarks) or _deferred(
        mention, [r.end for r in remarks], frames
    )


def _exchanged(mention: Mention, mentions: Sequence[Mention]) -> bool:
    """Whether a verb that needs its object has it after it: what was exchanged is
    information (``ont échangé … des renseignements``, ``جرى تبادل هذه المعلومات``), not views;
    who was handed over went to a body (``remis lundi aux policiers``), not a prize; other
    triggers pass."""
    wanted = _OBJECTS.get(mention.entry.extra)
    return wanted is None or any(
        (m.value in wanted[0] or m.kind in wanted[0])
        and mention.start < m.start
        and m.start - mention.end <= _OBJECT_REACH
        for m in mentions
    )


def _subject_of(folded: str, mention: Mention, future: Sequence[int]) -> bool:
    """Whether the trigger's noun is the subject of a verb in the future in the same clause
    (``Une réunion des ministres se tiendra lundi``), not of an earlier clause (``a reçu
    l'ambassadeur, qui participera demain…``)."""
    return any(
        0 <= start - mention.end <= _FUTURE_REACH
        and not any(mark in folded[mention.end : start] for mark in _CLAUSE_MARKS)
        for start in future
    )


def _held_back(
    mention: Mention,
    prospective: Sequence[Mention],
    prospects: list[int],
    frames: Sequence[int],
) -> bool:
    """Whether a trigger names something only planned, discussed or aimed at (it is part of
    the cue, ``will meet``, or after it); a held-back trigger holds back those listed after
    it (``teams as well as patrols``)."""
    if mention.value not in _PLEDGED and any(  # ``acordaron estudiar``, ``will meet``
        p.start <= mention.start < p.end for p in prospective
    ):
        return True
    if mention.value not in _PLEDGED and _deferred(mention, prospects, frames):
        prospects.append(mention.end)
        return True
    return False


def _types(
    folded: str, mentions: Sequence[Mention], ceremony: bool = False
) -> tuple[dict[EventType, str], list[EventType], int]:
    """Event types named in the sentence, each with its trigger's CAMEO code, and where the
    first strong trigger is; weak ones (``exchange of information`` beside a meeting: a topic
    of the talks, not an event) only when no other trigger is there, and a weak joint
    operation (``in cooperation with``) only beside an operational cue (arrests, seizures)."""
    strong: dict[EventType, str] = {}
    weak: list[EventType] = []
    marks = {m.value for m in mentions if m.kind in ("object", "cue")}
    signed_object = "agreement" in marks
    action = "action" in marks
    operational = "operation" in marks
    by_cue: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.kind == "cue":
            by_cue.setdefault(m.value, []).append(m)
    prospective = by_cue.get("prospective", [])
    prospects = [m.end for m in prospective]
    remarks = by_cue.get("remark", [])
    frames = [m.start for m in by_cue.get("frame", ())]
    planned = [m.start for m in by_cue.get("planned", ())]
    future = [m.start for m in by_cue.get("will", ())]
    agenda = [m.end for m in by_cue.get("agenda", ())]
    hosts: set[str] = set()
    first = -1
    for mention in mentions:
        if mention.kind != "trigger":
            continue
        event_type: EventType = mention.value  # type: ignore[assignment]
        if (
            _held_back(mention, prospective, prospects, frames)
            or _remarked(mention, remarks, frames)
            or any(0 <= start - mention.end <= _PLANNED_REACH for start in planned)
            or _subject_of(folded, mention, future)
            or not _exchanged(mention, mentions)
            or (event_type in _DISCUSSED and _deferred(mention, agenda, frames))
        ):
            continue
        extra = mention.entry.extra
        extra = _OBJECTS[extra][1] if extra in _OBJECTS else extra  # ``تبادل … بيانات``
        if event_type == "meeting":
            hosts.add(extra)
        if event_type == "agreement" and not (signed_object or action):
            continue
        if extra == "counted" and not _counted(folded, mention, mentions):
            continue
        if extra in ("weak", "acting"):
            if event_type != "joint_operation" or operational:
                weak.append(event_type)
            continue
        strong.setdefault(event_type, "" if extra == "counted" else extra)
        first = mention.start if first < 0 else first
    sharing = "intelligence_sharing" in strong or "intelligence_sharing" in weak
    _overlaps(
        strong,
        sharing=sharing,
        signed=signed_object,
        hosted=hosts == {"043"},
        travelled=hosts == {"042"},
    )
    if not strong:
        attended = [  # a ceremony's guests, the forces taking part in a raid: no meeting
            t for t in weak if not ((ceremony or operational) and t == "meeting")
        ]
        for event_type in attended:
            strong.setdefault(event_type, "")
    return strong, weak, first


def _overlaps(
    strong: dict[EventType, str],
    *,
    sharing: bool,
    signed: bool,
    hosted: bool,
    travelled: bool,
) -> None:
    """Types that name one event twice: agreeing to share information is the sharing; a
    handover ``lors d'une opération coordonnée par Interpol`` is the extradition, and so is
    the trip of the team that fetched him (``a CBI team which travelled to Kuwait took
    custody of the accused``); hosting a training course is the course."""
    if "agreement" in strong and not signed and sharing:
        del strong["agreement"]
        strong.setdefault("intelligence_sharing", "064")
    if "extradition" in strong:
        strong.pop("joint_operation", None)
        if travelled:
            strong.pop("meeting", None)
    if "meeting" in strong and hosted and _HOSTED.intersection(strong):
        del strong["meeting"]


def facts_of(
    sentence: Sentence,
    textmap: TextMap,
    mentions: Sequence[Mention],
    dates: Sequence[Dated],
    security_orgs: frozenset[str],
    *,
    published: date | None = None,
) -> Facts:
    """Read one sentence's mentions into its facts (``published``: the article's date, to
    tell a sentence set in another year)."""
    folded = textmap.folded
    kinds: set[str] = set()
    cues: set[str] = set()
    topics: list[Topic] = []
    cities: list[tuple[str, str]] = []
    official = False  # a known person with a country
    for mention in mentions:  # one pass: what each kind contributes
        kind = mention.kind
        kinds.add(kind)
        if kind == "cue":
            cues.add(mention.value)
        elif kind == "topic" and mention.value not in topics:
            topics.append(mention.value)  # type: ignore[arg-type]
        elif kind == "city":
            cities.append((mention.value, mention.entry.extra))
            if _after_trigger(mention, mentions):  # ``signed … in Dubai``: counts over a dateline
                cities.append((mention.value, mention.entry.extra))
        elif kind == "person" and mention.entry.extra:
            official = True
    ceremony = "ceremony" in cues
    offtime = (  # last year, next month, a reminder, in 2019: not this event
        "offtime" in cues
        or _pluperfect(mentions)
        or (published is not None and _elsewhen(textmap, sentence, dates, published))
    ) and sentence.index > 0
    offtime = offtime or _upcoming(mentions)  # an event to come, even in the lead
    types, weak, first = (
        _types(folded, mentions, ceremony) if "trigger" in kinds and not offtime else ({}, [], -1)
    )
    found = sides(folded, mentions, cues) if kinds & PARTY_KINDS else []
    orgs = organizations(mentions) if "org" in kinds else []
    if first < 0 and _acting_alone(types, mentions, found, orgs):
        types = {}
    trade = "negative" in cues  # trade news names borders and customs too
    drill = "drill" in cues and not set(topics) - ACTIVITY_TOPICS  # air or naval drills
    security = not drill and (
        "security" in cues
        or ("border" in cues and not trade)
        or ("agency" in kinds and not (trade and _customs_only(mentions)))
        or official
        or bool(set(topics) - ACTIVITY_TOPICS - (_TRADE_TOPICS if trade else frozenset()))
        or bool(security_orgs.intersection(orgs))
        or "extradition" in types  # a handover of a wanted person is police work
    )
    return Facts(
        sentence=sentence,
        types=types,
        sides=found,
        organizations=orgs,
        topics=topics,
        cities=cities,
        occasions=_occasions(mentions) if "occasion" in cues else [],
        dates=_event_dates(mentions, dates) if "reporting" in cues else list(dates),
        security=security,
        negative=trade or drill,
        cooperation="cooperation" in cues and "remark" not in cues,  # not a call for it
        weak_types=weak,
        ceremony=ceremony,
        strong=first >= 0,
        trigger_at=first,
        unattributed="agency" in kinds and _unattributed(mentions, found),
        offtime=offtime,
        anaphor="anaphor" in cues,
        pair="pair" in cues,
        roles=named_roles(textmap, mentions, found) if "role" in kinds and found else [],
    )


def _after_trigger(city: Mention, mentions: Sequence[Mention]) -> bool:
    """Whether a city is named in the clause right after an event's verb (``signed a
    memorandum … in Dubai``, ``suscribieron en Dubái``): where that event took place."""
    return any(m.kind == "trigger" and 0 <= city.start - m.end <= _VENUE_REACH for m in mentions)


def _elsewhen(
    textmap: TextMap, sentence: Sentence, dates: Sequence[Dated], published: date
) -> bool:
    """Whether the sentence is set in another year than the article's (``signed a memorandum
    with the EU in 2023``, ``colaboran desde 2019``, ``منذ عام 2018``) and gives no date
    near its publication (``arrested in 2023 and extradited on Monday`` is this event)."""
    if any(d.range.start and abs((d.range.start - published).days) <= _CURRENT_DAYS for d in dates):
        return False
    text = textmap.original[sentence.start : sentence.end]
    years = [int(m.group(1)) for m in _YEAR_PHRASE.finditer(text)]
    last_year = published.year - (1 if published.month <= _LAST_YEAR_MONTHS else 0)
    if any(last_year <= year <= published.year for year in years):
        return False  # this year's (or, in January, last December's)
    return bool(years) or any(d.range.start for d in dates)


def _customs_only(mentions: Sequence[Mention]) -> bool:
    """Whether customs is the only body named (in a trade sentence, ``simplificar los
    trámites de las aduanas``, that is trade, not security)."""
    return all(m.value in _TRADE_BODIES for m in mentions if m.kind == "agency")


def _acting_alone(
    types: dict[EventType, str],
    mentions: Sequence[Mention],
    found: Sequence[Side],
    orgs: Sequence[str],
) -> bool:
    """Whether the only joint operation is an operation verb (``démantelé``, ``فككت``) done by
    one side alone (``les services marocains ont démantelé 332 réseaux``): no cooperation."""
    triggers = [m for m in mentions if m.kind == "trigger" and m.value == "joint_operation"]
    return (
        set(types) == {"joint_operation"}
        and all(m.entry.extra == "acting" for m in triggers)
        and len({side.country for side in found}) + len(orgs) < _SIDES
    )


def _upcoming(mentions: Sequence[Mention]) -> bool:
    """Whether the sentence, even the lead, announces an event to come: a month named as the
    next one (``من 13 إلى 15 أكتوبر المقبل``, ``le 15 octobre prochain``), with no past day
    (``أمس``), no ``until`` (``يستمر إلى غاية 20 أكتوبر المقبل`` is under way) and no verb of
    something done (``a reçu lundi … avant la réunion prévue en mars prochain``)."""
    months = [m.end for m in mentions if m.kind == "month"]
    if not months or any(
        (m.kind == "cue" and m.value in _UNDER_WAY) or (m.kind == "relative" and m.value[:1] == "-")
        for m in mentions
    ):
        return False
    return any(
        m.kind == "cue" and m.value == "next" and 0 <= m.start - end <= _NEXT_REACH
        for m in mentions
        for end in months
    )


def _pluperfect(mentions: Sequence[Mention]) -> bool:
    """``وكان البلدان قد وقعا``: a past auxiliary and, a few words on, the particle قد make
    the Arabic pluperfect of background (``وقد وقع الجانبان`` alone is this event)."""
    auxiliaries = [m.end for m in mentions if m.kind == "cue" and m.value == "past_auxiliary"]
    return bool(auxiliaries) and any(
        m.kind == "cue" and m.value == "perfect" and 0 <= m.start - end <= _PLUPERFECT_REACH
        for m in mentions
        for end in auxiliaries
    )


def _event_dates(mentions: Sequence[Mention], dates: Sequence[Dated]) -> list[Dated]:
    """The dates that are not the report's own (``a indiqué vendredi``)."""
    reported = [m.end for m in mentions if m.kind == "cue" and m.value == "reporting"]
    return [d for d in dates if not any(0 <= d.start - end < _REPORT_REACH for end in reported)]


def _unattributed(mentions: Sequence[Mention], found: Sequence[Side]) -> bool:
    """Whether a national body is named with no country (``the Ministry of Interior``)."""
    attributed = {side.agency for side in found}
    return any(
        m.kind == "agency" and not m.entry.extra and m.value not in attributed for m in mentions
    )


def _occasions(mentions: Sequence[Mention]) -> list[str]:
    """``INTERPOL General Assembly``: an occasion noun and the organisation right after it;
    an occasion with no organisation is kept by its English name only when qualified."""
    found: list[str] = []
    for index, mention in enumerate(mentions):
        if mention.kind != "cue" or mention.value != "occasion":
            continue
        following = [m for m in mentions[index + 1 : index + 4] if m.kind == "org"]
        preceding = [m for m in mentions[max(0, index - 2) : index] if m.kind == "org"]
        org = following[0] if following and following[0].start - mention.end < 40 else None
        if org is None and preceding and mention.start - preceding[-1].end < 3:
            org = preceding[-1]
        if org is not None:
            found.append(f"{org.value} {mention.entry.extra}")
    return found
