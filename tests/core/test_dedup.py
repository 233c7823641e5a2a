"""Near-identical copies with the in-memory index: sketches, decisions, the window."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from datasketch import MinHash

from tests.dedup_cases import DedupCases
from tests.index_cases import Feeder, IndexFactory, seed_texts
from workers.core.dedup import DedupPolicy
from workers.core.indexes import memory_index
from workers.core.normalize import fold
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
        sketcher = Sketcher()
        assert sketcher.shingle_hashes("rabat madrid").tolist() == [_shingle_hash("rabat madrid")]

    def test_shingle_hashes_are_the_documented_formula(self) -> None:
        folded = fold(seed_texts()["000_9be00a86e598711c"])
        words = folded.split(" ")
        expected = {_shingle_hash(" ".join(words[i : i + 3])) for i in range(len(words) - 2)}
        assert Sketcher().shingle_hashes(folded).tolist() == sorted(expected)

    def test_minima_are_datasketchs_affine32_minhash(self) -> None:
        sketcher = Sketcher()
        hashes = sketcher.shingle_hashes(fold(seed_texts()["001_6b56e5e20511414a"]))
        minhash = MinHash(num_perm=128, seed=42, hashfunc=int, scheme="affine32")
        minhash.update_batch(hashes.tolist())
        assert sketcher.minima(hashes).tolist() == minhash.hashvalues.tolist()

    def test_same_sketch_in_another_process(self) -> None:
        """No Python ``hash()`` anywhere: another interpreter (another hash seed) agrees."""
        text = "La Policía Nacional y la Gendarmería marroquí desarticulan una red en Algeciras."
        code = (
            "import sys; from workers.core.sketch import Sketcher; "
            "s = Sketcher().sketch(sys.argv[1]); print(s.bands, s.fingerprint.hex())"
        )
        env = {**os.environ, "PYTHONHASHSEED": "12345"}
        ran = subprocess.run(
            [sys.executable, "-c", code, text], capture_output=True, text=True, env=env, check=True
        )
        here = Sketcher().sketch(text)
        assert ran.stdout.strip() == f"{here.bands} {here.fingerprint.hex()}"

    def test_too_many_bands_for_permutations_rejected(self) -> None:
        with pytest.raises(ValueError, match="permutations"):
            Sketcher(num_perm=16, bands=32, rows=2)


def _shingle_hash(shingle: str) -> int:
    """A shingle's hash as the sketch module documents it, in plain Python."""
    mask, base = 2**64 - 1, 0x9E3779B97F4A7C15
    x = sum(ord(c) * pow(base, j, 2**64) for j, c in enumerate(shingle)) & mask
    for multiplier in (0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53):
        x = ((x ^ (x >> 33)) * multiplier) & mask
    return (x ^ (x >> 33)) >> 32


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
