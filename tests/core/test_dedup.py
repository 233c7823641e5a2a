"""Near-identical copies with the in-memory index: sketches, decisions, the window."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.dedup_cases import DedupCases
from tests.index_cases import Feeder, IndexFactory, seed_texts
from workers.core.dedup import DedupPolicy
from workers.core.indexes import memory_index
from workers.core.sketch import Sketcher, content_hash, estimate_jaccard, matches_needed


@pytest.fixture
def make_index() -> IndexFactory:
    return memory_index


class TestMemoryDuplicateIndex(DedupCases):
    """The shared cases, in memory."""

    async def test_copy_after_the_window_is_an_original(self, feed: Feeder) -> None:
        text = seed_texts()["001_6b56e5e20511414a"]
        await feed.send("old", text)
        verdict = await feed.send("new", text, later=timedelta(days=15))
        assert verdict.duplicate.duplicate_of is None


class TestSketcher:
    def test_same_text_same_sketch_in_another_instance(self) -> None:
        text = seed_texts()["000_9be00a86e598711c"]
        assert Sketcher().sketch(text) == Sketcher().sketch(text)

    def test_folded_variants_share_content_hash(self) -> None:
        assert content_hash("Sûreté  NATIONALE, Rabat.") == content_hash("surete nationale rabat")

    def test_arabic_letter_forms_share_content_hash(self) -> None:
        assert content_hash("الإنتربول في مراكشَ") == content_hash("الانتربول فى مراكـش")

    def test_sketch_has_exact_key_and_bands(self) -> None:
        sketch = Sketcher().sketch(seed_texts()["000_9be00a86e598711c"])
        assert (len(sketch.bands), len(sketch.fingerprint)) == (33, 128)

    def test_short_text_is_one_shingle(self) -> None:
        assert Sketcher().shingles("rabat madrid") == {b"rabat madrid"}

    def test_too_many_bands_for_permutations_rejected(self) -> None:
        with pytest.raises(ValueError, match="permutations"):
            Sketcher(num_perm=16, bands=32, rows=2)


class TestEstimate:
    def test_all_bytes_agree_is_similarity_one(self) -> None:
        assert estimate_jaccard(128, 128) == 1.0

    def test_chance_agreement_is_similarity_zero(self) -> None:
        assert estimate_jaccard(0, 128) == 0.0

    def test_matches_needed_reaches_threshold(self) -> None:
        needed = matches_needed(0.4, 128)
        assert estimate_jaccard(needed, 128) >= 0.4 > estimate_jaccard(needed - 1, 128)

    def test_policy_counts_exact_copy_as_all_permutations(self) -> None:
        sketch = Sketcher().sketch("a b c d e")
        assert DedupPolicy().matches(sketch, sketch.digest, b"") == 128
