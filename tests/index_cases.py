"""Behaviour every article index must show, in memory and in Redis alike: the helpers.

The cases are in ``tests/dedup_cases.py`` and ``tests/story_cases.py``: subclass a ``*Cases``
class in a test module and give it a ``make_index`` fixture (a factory of fresh, empty
indexes); the same cases then run against that implementation.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from schemas import CooperationEvent, DateRange, Location, Party
from workers.core.indexes import ArticleIndex, Sighting, Verdict
from workers.core.signature import signature
from workers.core.sketch import Sketcher

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "eval" / "seeds.jsonl"
DEV = sorted((ROOT / "tests" / "data" / "dev").glob("*.jsonl"))
SKETCHER = Sketcher()
IndexFactory = Callable[[], ArticleIndex]


def labelled(*paths: Path) -> list[dict[str, Any]]:
    """Articles of labelled sets (FORMAT.md), skipping files that are not there."""
    rows: list[dict[str, Any]] = []
    for path in paths:
        if path.exists():
            rows.extend(json.loads(line) for line in path.read_text("utf-8").splitlines() if line)
    return rows


def seed_texts() -> dict[str, str]:
    return {row["id"]: row["text"] for row in labelled(SEEDS)}


def event(
    counterpart: str | None = "ES",
    *,
    type: str = "meeting",
    actor: str | None = "MA",
    organization: str | None = None,
    city: str | None = None,
    start: date | None = None,
    end: date | None = None,
    occasion: str | None = None,
    agency: str | None = None,
) -> CooperationEvent:
    """A cooperation event as the extractor codes it."""
    return CooperationEvent.model_validate(
        {
            "event_id": f"{type}-{actor}-{counterpart}-{start}",
            "type": type,
            "cameo": "036",
            "plover": "CONSULT",
            "actor": Party(country=actor, agency=agency),
            "counterpart": Party(country=counterpart, organization=organization),
            "location": Location(city=city) if city else None,
            "date": DateRange(start=start, end=end or start) if start else None,
            "occasion": occasion,
            "confidence": 0.9,
        }
    )


def seed_events(seed: str) -> list[CooperationEvent]:
    """The seeds' events as the gold describes them: MA at the INTERPOL General Assembly in
    Marrakech, agreements with NO and ET, meetings with partly different countries; seed 000
    gives the dates 24-27 November 2025, seed 001 none."""
    dated = seed.startswith("000")
    start, end = (date(2025, 11, 24), date(2025, 11, 27)) if dated else (None, None)
    met = ("PL", "RS", "RU", "SE", "HU", "BY", "NP") if dated else ("PL", "RS", "DE", "ES", "KW")
    where = {"city": "Marrakech", "occasion": "INTERPOL General Assembly", "start": start}
    return [
        event("NO", type="agreement", end=end, **where),
        event("ET", type="agreement", end=end, **where),
        *(event(country, end=end, **where) for country in met),
        event(None, organization="INTERPOL", end=end, **where),
    ]


def own_words(article_id: str) -> str:
    """A text no other article id gets (letters only: folding drops digits)."""
    digest = hashlib.sha256(article_id.encode()).digest()
    return " ".join(chr(97 + byte % 26) * 4 for byte in digest[:16])


@dataclass
class Feeder:
    """Sends articles to an index the way the pipeline does."""

    index: ArticleIndex
    now: datetime

    async def send(
        self,
        article_id: str,
        text: str = "",
        events: list[CooperationEvent] | None = None,
        *,
        outlet: str | None = "example.org",
        language: str = "en",
        published_at: datetime | None = None,
        later: timedelta = timedelta(0),
    ) -> Verdict:
        sighting = Sighting(
            article_id=article_id,
            sketch=SKETCHER.sketch(text or own_words(article_id)),
            signature=signature(events or [], published_at),
            outlet=outlet,
            language=language,
            seen_at=self.now + later,
        )
        return await self.index.record(sighting)
