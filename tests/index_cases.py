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
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from schemas import CooperationEvent, DateRange, Location, Party
from workers.core.indexes import ArticleIndex, Sighting, Verdict
from workers.core.signature import signature
from workers.core.sketch import Sketcher
from workers.core.stories import STORIES_JUDGED, STORIES_SCANNED

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds" / "seeds.jsonl"  # the user's two samples, as in ../shared/eval/
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
    where: str | None = None,
    start: date | None = None,
    end: date | None = None,
    occasion: str | None = None,
    agency: str | None = None,
) -> CooperationEvent:
    """A cooperation event as the extractor codes it (``where``: the location's country)."""
    return CooperationEvent.model_validate(
        {
            "event_id": f"{type}-{actor}-{counterpart}-{start}",
            "type": type,
            "cameo": "036",
            "plover": "CONSULT",
            "actor": Party(country=actor, agency=agency),
            "counterpart": Party(country=counterpart, organization=organization),
            "location": Location(city=city, country=where) if city or where else None,
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
    where: dict[str, Any] = {
        "city": "Marrakech",
        "occasion": "INTERPOL General Assembly",
        "start": start,
    }
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


async def crowd(feed: Feeder, count: int, counterpart: str, *, tag: str = "crowd") -> None:
    """``count`` MA stories with ``counterpart``, each on its own day in 2024 (so none joins
    another), each a second later than the one before."""
    for n in range(count):
        day = date(2024, 1, 1) + timedelta(days=3 * n)
        await feed.send(
            f"{tag}-{n}", events=[event(counterpart, start=day)], later=timedelta(seconds=n + 1)
        )


class CrowdCases:
    """A participant with a long history: the story is still found, and only a few read."""

    @pytest.fixture
    def feed(self, make_index: IndexFactory) -> Feeder:
        return Feeder(make_index(), datetime.now(UTC))

    async def test_story_is_found_behind_many_later_ones_of_a_participant(
        self, feed: Feeder
    ) -> None:
        """More MA stories since than an article scans per participant: the shared count of
        the MA-ES story (found through ES) is still exact, so the report joins it."""
        day = date(2025, 1, 1)
        target = await feed.send("target", events=[event("ES", start=day, city="Rabat")])
        await crowd(feed, 2 * STORIES_SCANNED, "FR")
        report = await feed.send(
            "report",
            events=[event("MA", actor="ES", start=day)],
            language="es",
            later=timedelta(hours=1),
        )
        assert report.story.story_id == target.story.story_id
        assert report.story.counts is not None and report.story.counts.articles == 2

    async def test_report_of_a_recent_story_joins_it_among_many_alike(self, feed: Feeder) -> None:
        await crowd(feed, 2 * STORIES_JUDGED, "ES")
        day = date(2024, 1, 1) + timedelta(days=3 * (2 * STORIES_JUDGED - 1))
        report = await feed.send(
            "report", events=[event("MA", actor="ES", start=day)], later=timedelta(hours=1)
        )
        assert report.story.counts is not None and report.story.counts.articles == 2
