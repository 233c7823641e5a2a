"""Duplicate cases every article index must pass (see ``tests/index_cases.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from tests.index_cases import DEV, SEEDS, Feeder, IndexFactory, labelled, seed_texts
from workers.core.reposts import KINDS, reposts


def repost_cases(rows: list[dict[str, Any]], per_kind: int) -> Iterator[tuple[str, str, str]]:
    """(original id, repost id, repost text) for every article and kind of edit.

    The original of a repost is the first article of its text: a labelled set's own reposts
    (``gold.duplicate_of``) pass their copies on to the article they copy.
    """
    root = {row["id"]: row["gold"].get("duplicate_of") or row["id"] for row in rows}
    for n, row in enumerate(rows):
        original = row["id"]
        while root[original] != original:
            original = root[original]
        for i, copy in enumerate(reposts(row["text"], seed=n, per_kind=per_kind)):
            yield original, f"{row['id']}~{copy.kind}~{i}", copy.text


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
