"""Behaviour every article index must show, in memory and in Redis alike.

Subclass a ``*Cases`` class in a test module and give it a ``make_index`` fixture (a factory
of fresh, empty indexes); the same cases then run against that implementation.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from schemas import CooperationEvent, DateRange, Location, Party
from workers.core.indexes import ArticleIndex, Sighting, Verdict
from workers.core.reposts import KINDS, reposts
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


def repost_cases(rows: list[dict[str, Any]], per_kind: int) -> Iterator[tuple[str, str, str]]:
    """(original id, repost id, repost text) for every article and kind of edit."""
    for n, row in enumerate(rows):
        for i, copy in enumerate(reposts(row["text"], seed=n, per_kind=per_kind)):
            yield row["id"], f"{row['id']}~{copy.kind}~{i}", copy.text


def precision_recall(
    pairs: list[tuple[str, str | None]], truth: dict[str, str]
) -> tuple[float, float]:
    """Precision and recall of predicted (article, duplicate_of) pairs against the truth."""
    predicted = {(a, d) for a, d in pairs if d is not None}
    expected = set(truth.items())
    hits = len(predicted & expected)
    return hits / max(1, len(predicted)), hits / max(1, len(expected))


class DedupCases:
    """Near-identical copies point to the first article seen."""

    per_kind = 2

    @pytest.fixture
    def feed(self, make_index: IndexFactory) -> Feeder:
        return Feeder(make_index(), datetime.now(UTC))

    async def test_first_article_is_original(self, feed: Feeder) -> None:
        verdict = await feed.send("a", "Police chiefs of Spain and Morocco met in Rabat today.")
        assert verdict.duplicate.duplicate_of is None

    async def test_exact_copy_points_to_original(self, feed: Feeder) -> None:
        text = seed_texts()["001_6b56e5e20511414a"]
        await feed.send("original", text)
        verdict = await feed.send("copy", text)
        assert (verdict.duplicate.duplicate_of, verdict.duplicate.similarity) == ("original", 1.0)

    @pytest.mark.parametrize("kind", KINDS)
    async def test_repost_points_to_original(self, feed: Feeder, kind: str) -> None:
        text = seed_texts()["000_9be00a86e598711c"]
        await feed.send("original", text)
        copy = next(c for c in reposts(text, seed=7) if c.kind == kind)
        verdict = await feed.send("copy", copy.text)
        assert verdict.duplicate.duplicate_of == "original"

    async def test_seeds_are_not_copies(self, feed: Feeder) -> None:
        """Two reports of one event in other words (word 3-gram Jaccard 0.03)."""
        (first, one), (_, two) = seed_texts().items()
        await feed.send(first, one)
        verdict = await feed.send("second", two)
        assert verdict.duplicate.duplicate_of is None

    async def test_copy_of_copy_points_to_first(self, feed: Feeder) -> None:
        text = seed_texts()["001_6b56e5e20511414a"]
        once = next(c.text for c in reposts(text) if c.kind == "byline")
        twice = next(c.text for c in reposts(once) if c.kind == "signature")
        await feed.send("first", text)
        await feed.send("second", once)
        verdict = await feed.send("third", twice)
        assert verdict.duplicate.duplicate_of == "first"

    async def test_redelivered_original_is_not_its_own_copy(self, feed: Feeder) -> None:
        text = seed_texts()["001_6b56e5e20511414a"]
        await feed.send("original", text)
        verdict = await feed.send("original", text)
        assert verdict.duplicate.duplicate_of is None

    async def test_redelivered_copy_keeps_its_answer(self, feed: Feeder) -> None:
        text = seed_texts()["001_6b56e5e20511414a"]
        await feed.send("original", text)
        first = await feed.send("copy", text + "\nAFP")
        again = await feed.send("copy", text + "\nAFP")
        assert again.duplicate == first.duplicate

    async def test_text_without_letters_is_nobodys_copy(self, feed: Feeder) -> None:
        await feed.send("a", "2025 - 11 - 24 !!!")
        verdict = await feed.send("b", "2025 - 11 - 24 !!!")
        assert verdict.duplicate.duplicate_of is None

    async def test_reposts_precision_and_recall(self, feed: Feeder) -> None:
        """Every kind of edit of the seeds and the development set: both at least 0.99."""
        rows = labelled(SEEDS, *DEV)
        for row in rows:
            await feed.send(row["id"], row["text"])
        truth: dict[str, str] = {}
        pairs: list[tuple[str, str | None]] = []
        for original, copy_id, text in repost_cases(rows, self.per_kind):
            truth[copy_id] = original
            pairs.append((copy_id, (await feed.send(copy_id, text)).duplicate.duplicate_of))
        precision, recall = precision_recall(pairs, truth)
        assert min(precision, recall) >= 0.99, (precision, recall)


class StoryCases:
    """Reports of one event share a story; look-alikes do not."""

    @pytest.fixture
    def feed(self, make_index: IndexFactory) -> Feeder:
        return Feeder(make_index(), datetime.now(UTC))

    async def test_seeds_form_one_story_without_copy(self, feed: Feeder) -> None:
        texts = seed_texts()
        verdicts = [
            await feed.send(seed, text, seed_events(seed), language="ar")
            for seed, text in texts.items()
        ]
        second = verdicts[1]
        assert second.story.story_id == verdicts[0].story.story_id is not None
        assert second.story.counts is not None and second.story.counts.articles == 2
        assert second.duplicate.duplicate_of is None

    async def test_story_counts_articles_outlets_languages(self, feed: Feeder) -> None:
        day = date(2025, 3, 12)
        for n, (outlet, language) in enumerate([("a.ma", "ar"), ("b.fr", "fr"), ("a.ma", "fr")]):
            verdict = await feed.send(
                f"r{n}", events=[event("ES", start=day)], outlet=outlet, language=language
            )
        counts = verdict.story.counts
        assert counts is not None
        assert (counts.articles, counts.outlets, counts.languages) == (3, 2, ["ar", "fr"])

    async def test_article_without_events_joins_no_story(self, feed: Feeder) -> None:
        verdict = await feed.send("quiet", "The weather was fine in Rabat.")
        assert (verdict.story.story_id, verdict.story.event_messages) == (None, [])

    async def test_other_language_and_sides_reversed_join_story(self, feed: Feeder) -> None:
        day = date(2025, 3, 12)
        first = await feed.send("fr", events=[event("ES", start=day, city="Rabat")])
        other = await feed.send(
            "ar",
            events=[event("MA", actor="ES", start=day, city="Rabat", agency="Policía")],
            language="ar",
        )
        assert other.story.story_id == first.story.story_id

    async def test_interpol_assemblies_of_two_years_are_two_stories(self, feed: Feeder) -> None:
        ga = "INTERPOL General Assembly"
        first = await feed.send(
            "2024",
            events=[
                event(
                    None,
                    organization="INTERPOL",
                    occasion=ga,
                    start=date(2024, 11, 4),
                    end=date(2024, 11, 7),
                    city="Glasgow",
                ),
                event("GB", occasion=ga, start=date(2024, 11, 5)),
            ],
        )
        second = await feed.send(
            "2025",
            events=[
                event(
                    None,
                    organization="INTERPOL",
                    occasion=ga,
                    start=date(2025, 11, 24),
                    end=date(2025, 11, 27),
                ),
                event("GB", occasion=ga, start=date(2025, 11, 25)),
            ],
        )
        assert second.story.story_id != first.story.story_id

    async def test_two_agreements_a_year_apart_are_two_stories(self, feed: Feeder) -> None:
        first = await feed.send(
            "mou-1", events=[event("ES", type="agreement", start=date(2024, 3, 12))]
        )
        second = await feed.send(
            "mou-2", events=[event("ES", type="agreement", start=date(2025, 3, 11))]
        )
        assert second.story.story_id != first.story.story_id

    async def test_minister_meeting_two_countries_same_day_two_stories(self, feed: Feeder) -> None:
        day = date(2025, 6, 3)
        first = await feed.send("fr", events=[event("FR", start=day, city="Rabat")])
        second = await feed.send("de", events=[event("DE", start=day, city="Rabat")])
        assert second.story.story_id != first.story.story_id

    async def test_undated_report_a_year_later_is_another_story(self, feed: Feeder) -> None:
        published = datetime(2024, 3, 13, tzinfo=UTC)
        first = await feed.send("then", events=[event("ES")], published_at=published)
        second = await feed.send(
            "now", events=[event("ES")], published_at=published + timedelta(days=365)
        )
        assert second.story.story_id != first.story.story_id

    async def test_few_parties_of_a_larger_gathering_are_another_story(self, feed: Feeder) -> None:
        """The Arab interior ministers in Tunis (no date, no place found) and, the day before,
        a bilateral Algeria-Tunisia police meeting in Algiers."""
        published = datetime(2025, 3, 6, tzinfo=UTC)
        council = [event(c, actor="TN") for c in ("DZ", "EG", "JO", "MA", "SA")]
        first = await feed.send("council", events=council, published_at=published)
        bilateral = [event("TN", actor="DZ", start=date(2025, 3, 4), city="Algiers")]
        second = await feed.send("bilateral", events=bilateral, published_at=published)
        assert second.story.story_id != first.story.story_id

    async def test_same_parties_with_no_date_or_place_join(self, feed: Feeder) -> None:
        published = datetime(2025, 11, 5, tzinfo=UTC)
        first = await feed.send("en", events=[event("CO", actor="ES")], published_at=published)
        second = await feed.send("es", events=[event("ES", actor="CO")], published_at=published)
        assert second.story.story_id == first.story.story_id

    async def test_first_report_is_new_then_mentions_grow(self, feed: Feeder) -> None:
        day = date(2025, 3, 12)
        kinds = []
        for n in range(3):
            verdict = await feed.send(f"r{n}", events=[event("ES", start=day)])
            kinds += [(m.kind, m.mentions) for m in verdict.story.event_messages]
        assert kinds == [("new", 1), ("mention", 2), ("mention", 3)]

    async def test_mention_carries_event_as_first_coded(self, feed: Feeder) -> None:
        day = date(2025, 3, 12)
        await feed.send("first", events=[event("ES", start=day, agency="DGSN")])
        verdict = await feed.send("later", events=[event("ES", start=day, agency="Sûreté")])
        assert verdict.story.event_messages[0].event.actor.agency == "DGSN"

    async def test_redelivered_article_counts_nothing_twice(self, feed: Feeder) -> None:
        events = [event("ES", start=date(2025, 3, 12))]
        await feed.send("first", events=events)
        once = await feed.send("second", events=events)
        again = await feed.send("second", events=events)
        assert again.story.counts == once.story.counts
        assert [m.mentions for m in again.story.event_messages] == [2]

    async def test_copy_joins_its_originals_story(self, feed: Feeder) -> None:
        text = seed_texts()["001_6b56e5e20511414a"]
        first = await feed.send("original", text, [event("ES", start=date(2025, 3, 12))])
        copy = await feed.send("copy", text + "\nMAP", [event("PT", start=date(2025, 1, 1))])
        assert copy.story.story_id == first.story.story_id
