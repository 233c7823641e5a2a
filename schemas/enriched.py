"""The output message on ``articles:enriched``: the input article, enriched."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from schemas.events import CooperationEvent, DateRange, EventType, Location, Topic


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LanguageCandidate(_Model):
    """One language langdetect considered."""

    code: str = Field(description="ISO 639-1 code.")
    probability: float = Field(ge=0.0, le=1.0, description="Its probability.")


class LanguageResult(_Model):
    """The article's language."""

    code: str = Field(description="ISO 639-1 code, or `und` for empty or too-short text.")
    probability: float = Field(ge=0.0, le=1.0, description="Probability of `code`.")
    candidates: list[LanguageCandidate] = Field(
        default_factory=list, description="Every language considered, most likely first."
    )


class Summary(_Model):
    """The article at a glance: what the events add up to."""

    relevant: bool = Field(description="At least one security-cooperation event was found.")
    countries: list[str] = Field(
        default_factory=list,
        description="ISO codes of every country taking part in an event, acting side included.",
    )
    organizations: list[str] = Field(default_factory=list, description="Canonical ids.")
    topics: list[Topic] = Field(default_factory=list, description="Union of the events' topics.")
    event_types: list[EventType] = Field(default_factory=list, description="Types found.")
    location: Location | None = Field(default=None, description="Main place of the events.")
    date: DateRange | None = Field(default=None, description="Span of the events' dates.")
    meeting_count: int | None = Field(default=None, description="A number of meetings stated.")
    occasion: str | None = Field(default=None, description="The main occasion, if any.")


class StoryCounts(_Model):
    """How widely a story was reported (as GDELT's NumArticles / NumSources)."""

    articles: int = Field(ge=1, description="Distinct articles in the story.")
    outlets: int = Field(ge=0, description="Distinct outlets.")
    languages: list[str] = Field(default_factory=list, description="Languages seen.")
    first_seen: datetime = Field(description="First article processed (UTC).")
    last_seen: datetime = Field(description="Latest article processed (UTC).")


class DedupInfo(_Model):
    """Duplicate and story decisions."""

    content_hash: str = Field(description="SHA-256 of the normalised text.")
    duplicate_of: str | None = Field(
        default=None, description="Id of the first article of which this is a near-copy."
    )
    similarity: float | None = Field(
        default=None, description="Estimated Jaccard similarity with `duplicate_of`."
    )
    story_id: str | None = Field(default=None, description="Story shared by reports of the event.")
    story: StoryCounts | None = Field(default=None, description="The story's counts so far.")


class Processing(_Model):
    """Where and how the article was processed."""

    worker: str = Field(description="Consumer name of the worker.")
    version: str = Field(description="coopstream version.")
    elapsed_ms: float = Field(ge=0.0, description="Time spent on this article.")
    entry_id: str | None = Field(default=None, description="Source stream entry id.")
    delivery_count: int = Field(default=1, ge=1, description="Deliveries of the source entry.")
    idempotency_key: str = Field(
        description="Key of this output: the same input always yields the same key, so "
        "subscribers can drop a repeat."
    )
    processed_at: datetime = Field(description="When (UTC).")


class EnrichedArticle(_Model):
    """One message per input article, duplicates included (flagged in `dedup`)."""

    schema_version: str = Field(default="1", description="Version of this contract.")
    id: str = Field(description="Article id (given, or derived from url or text).")
    text: str = Field(description="The article body as received.")
    url: str | None = Field(default=None, description="As received.")
    title: str | None = Field(default=None, description="As received.")
    outlet: str | None = Field(default=None, description="As received.")
    published_at: datetime | None = Field(default=None, description="As received.")
    metadata: dict[str, Any] = Field(default_factory=dict, description="As received.")
    language: LanguageResult = Field(description="Detected language.")
    relevant: bool = Field(description="Reports at least one security-cooperation event.")
    events: list[CooperationEvent] = Field(default_factory=list, description="Events found.")
    summary: Summary = Field(description="Article-level summary.")
    dedup: DedupInfo = Field(description="Duplicate and story decisions.")
    processing: Processing = Field(description="Processing details.")
