"""A security-cooperation event, coded as event coders do (CAMEO / PLOVER), and its message."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

EventType = Literal[
    "meeting", "agreement", "joint_operation", "training", "intelligence_sharing", "extradition"
]
"""The kinds of cooperation event coopstream codes."""

Topic = Literal[
    "terrorism",
    "organized_crime",
    "cybercrime",
    "illegal_migration",
    "drug_trafficking",
    "money_laundering",
    "human_trafficking",
    "smuggling",
    "violent_crime",
    "border_security",
    "training",
    "intelligence_sharing",
]
"""What the cooperation is about (the vocabulary of the labelled sets)."""

DatePrecision = Literal["day", "month", "year", "published"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Party(_Model):
    """One side of an event: a country, an organisation, an agency, a person."""

    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 code.")
    organization: str | None = Field(
        default=None, description="Canonical organisation id: INTERPOL, EUROPOL, AIMC, UNPOL…"
    )
    agency: str | None = Field(
        default=None, description="A named agency, e.g. `Norwegian National Police`."
    )
    person: str | None = Field(default=None, description="A named person, as written.")
    role: str | None = Field(default=None, description="The person's role, as written.")


class Location(_Model):
    """Where an event took place."""

    city: str | None = Field(default=None, description="City name in English, e.g. `Marrakech`.")
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 code.")


class DateRange(_Model):
    """When an event took place, as precisely as the text allows."""

    start: date | None = Field(default=None, description="First day.")
    end: date | None = Field(default=None, description="Last day (equal to start for one day).")
    precision: DatePrecision = Field(
        default="day",
        description="`day`, `month`, `year` as written; `published` when taken from "
        "`published_at` because the text says `yesterday`/`today`.",
    )


class Evidence(_Model):
    """Character offsets ``[start, end)`` into the article text of the supporting sentence."""

    start: int = Field(ge=0, description="Offset of the first character.")
    end: int = Field(ge=0, description="Offset one past the last character.")


class CooperationEvent(_Model):
    """One dyadic event: acting side × counterpart × type."""

    event_id: str = Field(
        description="Stable id: the same event reported twice (any wording, any language) "
        "gets the same id."
    )
    type: EventType = Field(description="The kind of cooperation.")
    cameo: str = Field(description="CAMEO code, e.g. `036` (meet), `057` (sign agreement).")
    plover: str = Field(description="PLOVER event type from the CAMEO→PLOVER mapping.")
    actor: Party = Field(description="The acting side.")
    counterpart: Party = Field(description="The other side.")
    topics: list[Topic] = Field(default_factory=list, description="What it is about.")
    location: Location | None = Field(default=None, description="Where.")
    date: DateRange | None = Field(default=None, description="When, or null if the text says not.")
    occasion: str | None = Field(
        default=None, description="The occasion, e.g. `INTERPOL General Assembly`."
    )
    counts: dict[str, int] = Field(
        default_factory=dict, description='Counts the text states, e.g. `{"meetings": 43}`.'
    )
    evidence: list[Evidence] = Field(
        default_factory=list, description="Sentences that support the event."
    )
    confidence: float = Field(ge=0.0, le=1.0, description="How sure the coder is.")


class EventMessage(_Model):
    """A message on ``events:cooperation``: an event the first time it is seen, then its
    mention count each time another article reports it (GDELT's event/mention split)."""

    schema_version: str = Field(default="1", description="Version of this contract.")
    kind: Literal["new", "mention"] = Field(description="First sighting, or one more mention.")
    event: CooperationEvent = Field(description="The event as first coded.")
    article_id: str = Field(description="The article that reported it this time.")
    story_id: str | None = Field(default=None, description="The story the article belongs to.")
    mentions: int = Field(ge=1, description="How many distinct articles reported it so far.")
    seen_at: datetime = Field(description="When this mention was processed (UTC).")
