"""MinHash sketches of article text, for near-duplicate search (pure).

The text is folded (case, accents, Arabic letter forms, diacritics, tatweel, punctuation and
digits: :func:`workers.core.normalize.fold`), cut into word 3-gram shingles and summarised by a
128-permutation MinHash (datasketch, fixed seed; CRC-32 hashes the shingles, so every process
computes the same sketch). From the MinHash come:

- **LSH band keys**: 32 bands of 2 rows, each hashed to a 64-bit integer. Two texts with
  Jaccard similarity *J* share at least one band with probability 1 - (1 - J²)³²: 0.996 at
  J = 0.4, 0.9999 at 0.5, 3 % at the 0.03 of two reports of one event in other words. A
  first key, from the content hash, catches exact copies even of texts too short to shingle.
- **A fingerprint**: the low byte of each minimum (b-bit minwise hashing, Li & König 2010),
  128 bytes to keep and compare: equal bytes estimate *J* after the 1/256 chance collision
  is taken out (:func:`estimate_jaccard`).

Sketches are only comparable with the same settings (permutations, seed, bands, shingles,
hash function, datasketch's ``affine32`` scheme, 2.0+): changing any of them calls for a new
index (another key prefix).
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from workers.core.normalize import fold

CHANCE = 1 / 256
"""Probability that two unrelated minima agree on their low byte."""


def content_hash(text: str) -> str:
    """SHA-256 of the folded text: equal for copies that differ in case, accents,
    Arabic letter variants, punctuation or spacing."""
    return hashlib.sha256(fold(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Sketch:
    """What the duplicate index keeps of one text."""

    digest: str
    """SHA-256 of the folded text."""
    bands: tuple[int, ...]
    """LSH keys, 64-bit: the exact-copy key first, then one per band; none for a text
    without letters (it is nobody's copy)."""
    fingerprint: bytes
    """Low byte of each MinHash minimum; empty when the text has no words."""
    shingles: int
    """Number of distinct shingles."""


def matches_needed(threshold: float, num_perm: int) -> int:
    """Fewest equal fingerprint bytes whose estimate reaches ``threshold``."""
    share = threshold * (1 - CHANCE) + CHANCE
    return max(1, int(np.ceil(share * num_perm - 1e-9)))


def estimate_jaccard(matches: int, num_perm: int) -> float:
    """Jaccard similarity estimated from ``matches`` equal bytes out of ``num_perm``."""
    if num_perm <= 0:
        return 0.0
    estimate = (matches / num_perm - CHANCE) / (1 - CHANCE)
    return round(min(1.0, max(0.0, estimate)), 4)


class Sketcher:
    """Builds sketches with one fixed set of permutations. Build once, share freely."""

    def __init__(
        self, *, num_perm: int = 128, bands: int = 32, rows: int = 2, words: int = 3, seed: int = 42
    ) -> None:
        if bands * rows > num_perm:
            msg = f"{bands} bands of {rows} rows need {bands * rows} permutations"
            raise ValueError(msg)
        self.num_perm, self.band_count, self.rows, self.words = num_perm, bands, rows, words
        self.seed = seed
        self._permutations = MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations

    def shingles(self, folded: str) -> set[bytes]:
        """Word n-grams of folded text; the whole text when it has fewer words."""
        words = folded.split()
        if len(words) <= self.words:
            return {folded.encode("utf-8")} if words else set()
        grams = zip(*(words[i:] for i in range(self.words)), strict=False)
        return {" ".join(gram).encode("utf-8") for gram in grams}

    def sketch(self, text: str) -> Sketch:
        """The sketch of ``text``."""
        folded = fold(text)
        digest = hashlib.sha256(folded.encode("utf-8")).hexdigest()
        exact = int(digest[:16], 16)
        shingles = self.shingles(folded)
        if not shingles:  # nothing to compare: no letters at all
            return Sketch(digest=digest, bands=(), fingerprint=b"", shingles=0)
        minhash = MinHash(
            num_perm=self.num_perm,
            seed=self.seed,
            hashfunc=zlib.crc32,
            permutations=self._permutations,
            scheme="affine32",
        )
        minhash.update_batch(shingles)
        values = np.asarray(minhash.hashvalues, dtype="<u4")
        raw = values.tobytes()
        width = 4 * self.rows
        bands = tuple(
            int.from_bytes(
                hashlib.blake2b(
                    raw[i * width : (i + 1) * width], digest_size=8, salt=bytes([i])
                ).digest(),
                "big",
            )
            for i in range(self.band_count)
        )
        fingerprint = (values & 0xFF).astype(np.uint8).tobytes()
        return Sketch(
            digest=digest, bands=(exact, *bands), fingerprint=fingerprint, shingles=len(shingles)
        )
