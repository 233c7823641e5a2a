"""What one sentence says: its event types, sides, organisations, topics, places, dates and
whether it is about security at all (a trade or football meeting is not)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from schemas import EventType, Topic
from workers.core.dates import Dated
from workers.core.matcher import Mention
from workers.core.parties import Side, organizations, sides
from workers.core.sentences import Sentence


@dataclass
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

    @property
    def countries(self) -> list[str]:
        return list(dict.fromkeys(side.country for side in self.sides))


def _types(mentions: Sequence[Mention]) -> tuple[dict[EventType, str], list[EventType]]:
    """Event types named in the sentence, each with its trigger's CAMEO code; weak ones
    (``exchange of information`` beside a meeting: a topic of the talks, not an event) only
    when no other trigger is there."""
    strong: dict[EventType, str] = {}
    weak: list[EventType] = []
    signed_object = any(m.kind == "object" for m in mentions)
    for mention in mentions:
        if mention.kind != "trigger":
            continue
        event_type: EventType = mention.value  # type: ignore[assignment]
        if event_type == "agreement" and not signed_object:
            continue
        if mention.entry.extra == "weak":
            weak.append(event_type)
        else:
            strong.setdefault(event_type, mention.entry.extra)
    if not strong:
        for event_type in weak:
            strong.setdefault(event_type, "")
    return strong, weak


def facts_of(
    sentence: Sentence,
    folded: str,
    mentions: Sequence[Mention],
    dates: Sequence[Dated],
    security_orgs: frozenset[str],
) -> Facts:
    """Read one sentence's mentions into its facts."""
    types, weak = _types(mentions)
    cues = {m.value for m in mentions if m.kind == "cue"}
    orgs = organizations(mentions)
    topics: list[Topic] = list(dict.fromkeys(m.value for m in mentions if m.kind == "topic"))  # type: ignore[misc]
    security = (
        "security" in cues
        or bool(topics)
        or any(m.kind == "agency" for m in mentions)
        or any(m.kind == "person" and m.entry.extra for m in mentions)
        or bool(security_orgs.intersection(orgs))
    )
    return Facts(
        sentence=sentence,
        types=types,
        sides=sides(folded, mentions),
        organizations=orgs,
        topics=topics,
        cities=[(m.value, m.entry.extra) for m in mentions if m.kind == "city"],
        occasions=_occasions(mentions),
        dates=list(dates),
        security=security,
        negative="negative" in cues,
        cooperation="cooperation" in cues,
        weak_types=weak,
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
