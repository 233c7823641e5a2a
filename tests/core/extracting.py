"""Helpers for the extraction tests."""

from __future__ import annotations

from workers.core.events import Extractor


def event_types(extractor: Extractor, text: str, language: str) -> set[str]:
    """The event types the extractor finds in ``text`` (no publication date)."""
    return {e.type for e in extractor.extract(text, language, None).events}
