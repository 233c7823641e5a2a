"""MinHash sketches of article text, for near-duplicate search (pure).

The text is folded (case, accents, Arabic letter forms, diacritics, tatweel, punctuation and
digits: :func:`workers.core.normalize.fold`), cut into word 3-gram shingles and summarised by a
128-permutation MinHash. Every step is vectorised and the same in every process (no Python
``hash()``):

- **shingle hashes**: a shingle's 32-bit hash is the top half of the MurmurHash3 64-bit
  finalizer of the polynomial hash of its code points, ``Σ c_j · P^j mod 2⁶⁴`` (``P`` odd,
  ``j`` from the shingle's first character), computed for all shingles at once in numpy from
  prefix sums over the folded text. A text of fewer words is one shingle of all of them.
- **the minima**: datasketch's ``affine32`` MinHash of those hashes (its permutations for
  ``seed``, its MurmurHash3 32-bit pre-mix, ``a·h + b mod 2³²``), applied to the vector of
  distinct shingle hashes in one numpy step — the values ``MinHash.update_batch`` computes
  for the same hashes (tests check they are equal).

From the minima come:

- **LSH band keys**: 32 bands of 2 rows, each pair of 32-bit minima (with the band's number)
  through the MurmurHash3 64-bit finalizer, a 64-bit integer. Two texts with Jaccard
  similarity *J* share at least one band with probability 1 - (1 - J²)³²: 0.996 at
  J = 0.4, 0.9999 at 0.5, 3 % at the 0.03 of two reports of one event in other words. A
  first key, from the content hash, catches exact copies even of texts too short to shingle.
- **A fingerprint**: the low byte of each minimum (b-bit minwise hashing, Li & König 2010),
  128 bytes to keep and compare: equal bytes estimate *J* after the 1/256 chance collision
  is taken out (:func:`estimate_jaccard`).

Sketches are only comparable with the same settings (permutations, seed, bands, shingles,
shingle and band hashes, datasketch's ``affine32`` scheme, 2.0+): changing any of them calls
for a new index (another key prefix).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from workers.core.normalize import clean_text, fold, fold_clean

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


_M1 = np.uint64(0xFF51AFD7ED558CCD)
_M2 = np.uint64(0xC4CEB9FE1A85EC53)
_S33 = np.uint64(33)
_BASE = 0x9E3779B97F4A7C15
"""``P`` of the polynomial shingle hash (odd, so it has an inverse mod 2⁶⁴)."""
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35))
_SPACE = 0x20


def _fmix64(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finalizer (a bijection), in place on a fresh uint64 array."""
    values ^= values >> _S33
    values *= _M1
    values ^= values >> _S33
    values *= _M2
    values ^= values >> _S33
    return values


def _fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, datasketch's ``affine32`` pre-mix."""
    s1, m1, s2, m2 = _FMIX32
    values = values ^ (values >> s1)
    values *= m1
    values ^= values >> s2
    values *= m2
    values ^= values >> s1
    return values


def _powers(base: int, count: int) -> np.ndarray:
    """``base⁰ … base^(count-1) mod 2⁶⁴``."""
    powers = np.empty(count, dtype=np.uint64)
    powers[0] = 1
    if count > 1:
        np.cumprod(np.full(count - 1, base, dtype=np.uint64), out=powers[1:])
    return powers


class Sketcher:
    """Builds sketches with one fixed set of permutations. Build once, share freely."""

    def __init__(
        self, *, num_perm: int = 128, bands: int = 32, rows: int = 2, words: int = 3, seed: int = 42
    ) -> None:
        if bands * rows > num_perm:
            msg = f"{bands} bands of {rows} rows need {bands * rows} permutations"
            raise ValueError(msg)
        if rows > 2 or words < 1:  # a band key: two 32-bit minima
            msg = f"a band key holds at most 2 rows ({rows}), a shingle at least 1 word ({words})"
            raise ValueError(msg)
        self.num_perm, self.band_count, self.rows, self.words = num_perm, bands, rows, words
        self.seed = seed
        self._permutations = MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations
        a, b = self._permutations
        self._a, self._b = a.astype(np.uint32)[:, None], b.astype(np.uint32)[:, None]
        self._salts = np.arange(1, bands + 1, dtype=np.uint64) * np.uint64(_BASE)
        self._grow(1 << 14)

    def _grow(self, count: int) -> None:
        """Powers of ``P`` and of its inverse for texts of up to ``count`` characters."""
        self._power = _powers(_BASE, count)
        self._inverse = _powers(pow(_BASE, -1, 1 << 64), count)

    def shingle_hashes(self, folded: str) -> np.ndarray:
        """Distinct 32-bit hashes of the word n-grams of folded text (words apart by one
        space), sorted; one for the whole text when it has fewer words; none when empty."""
        codes = np.frombuffer(folded.encode("utf-32-le"), dtype="<u4")
        size = codes.size
        if not size:
            return np.zeros(0, dtype=np.uint32)
        if size > self._power.size:
            self._grow(max(size, 2 * self._power.size))
        prefix = np.empty(size + 1, dtype=np.uint64)  # prefix[i] = Σ_{j<i} c_j P^j
        prefix[0] = 0
        np.cumsum(codes * self._power[:size], out=prefix[1:])
        spaces = np.flatnonzero(codes == _SPACE)
        if spaces.size < self.words:  # at most `words` words: one shingle
            starts, ends = np.zeros(1, dtype=np.intp), np.full(1, size, dtype=np.intp)
        else:
            starts = np.concatenate(([0], spaces[: spaces.size - self.words + 1] + 1))
            ends = np.concatenate((spaces[self.words - 1 :], [size]))
        polynomial = (prefix[ends] - prefix[starts]) * self._inverse[starts]
        hashes = np.sort((_fmix64(polynomial) >> np.uint64(32)).astype(np.uint32))
        distinct = np.empty(hashes.size, dtype=bool)  # np.unique, 8 times faster here
        distinct[0] = True
        np.not_equal(hashes[1:], hashes[:-1], out=distinct[1:])
        return hashes[distinct]

    def minima(self, hashes: np.ndarray) -> np.ndarray:
        """datasketch's ``affine32`` MinHash values of these shingle hashes (uint32)."""
        permuted = self._a * _fmix32(hashes)  # (permutation, shingle)
        permuted += self._b
        values: np.ndarray = permuted.min(axis=1)
        return values

    def sketch(self, text: str) -> Sketch:
        """The sketch of ``text``."""
        return self.sketch_clean(clean_text(text))

    def sketch_clean(self, cleaned: str) -> Sketch:
        """The sketch of a text already through :func:`~workers.core.normalize.clean_text`."""
        folded = fold_clean(cleaned)
        digest = hashlib.sha256(folded.encode("utf-8")).hexdigest()
        exact = int(digest[:16], 16)
        hashes = self.shingle_hashes(folded)
        if not hashes.size:  # nothing to compare: no letters at all
            return Sketch(digest=digest, bands=(), fingerprint=b"", shingles=0)
        values = self.minima(hashes)
        pairs = values[: self.band_count * self.rows].astype(np.uint64).reshape(self.band_count, -1)
        keys = pairs[:, 0].copy()
        for row in range(1, self.rows):
            keys |= pairs[:, row] << np.uint64(32 * row)
        bands: list[int] = _fmix64(keys ^ self._salts).tolist()
        fingerprint = (values & 0xFF).astype(np.uint8).tobytes()
        return Sketch(
            digest=digest, bands=(exact, *bands), fingerprint=fingerprint, shingles=len(hashes)
        )
