"""The wire contract of coopstream: pydantic models of every message in and out.

The contracts import nothing of ours; everything else may import them.
"""

from schemas.article import Article
from schemas.dead import DeadLetter, DeadReason
from schemas.enriched import (
    DedupInfo,
    EnrichedArticle,
    LanguageCandidate,
    LanguageResult,
    Processing,
    StoryCounts,
    Summary,
)
from schemas.events import (
    CooperationEvent,
    DateRange,
    EventMessage,
    EventType,
    Evidence,
    Location,
    Party,
    Topic,
)

SCHEMA_VERSION = "1"

__all__ = [
    "SCHEMA_VERSION",
    "Article",
    "CooperationEvent",
    "DateRange",
    "DeadLetter",
    "DeadReason",
    "DedupInfo",
    "EnrichedArticle",
    "EventMessage",
    "EventType",
    "Evidence",
    "LanguageCandidate",
    "LanguageResult",
    "Location",
    "Party",
    "Processing",
    "StoryCounts",
    "Summary",
    "Topic",
]
