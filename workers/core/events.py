"""PLACEHOLDER — replaced by the extraction work (issue 3). Finds nothing.

The interface is fixed: ``Extractor.load()`` compiles the data once; ``extract`` is pure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from schemas import CooperationEvent, Summary


@dataclass(frozen=True)
class Extraction:
    """What the extractor found in one article."""

    events: list[CooperationEvent] = field(default_factory=list)
    summary: Summary = field(default_factory=lambda: Summary(relevant=False))


class Extractor:
    """Finds security-cooperation events in an article's text."""

    @classmethod
    def load(cls) -> Extractor:
        """Compile every language's data into matchers (once, at start-up)."""
        return cls()

    def extract(self, text: str, language: str, published_at: datetime | None) -> Extraction:
        """Events and summary of ``text`` written in ``language`` (ISO 639-1 or ``und``)."""
        return Extraction()
