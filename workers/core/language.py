"""Language detection: langdetect, seeded, on a bounded clean sample of the text.

langdetect's own model and algorithm (its 55 n-gram profiles; ``n_trial`` random walks over
the sample's n-grams with a jittered smoothing ``alpha``, a convergence check every five
draws, the walks averaged), run in a faster form: the n-grams are read with langdetect's exact
rules (one ``str.translate`` of its per-character normalisation, per-word caching), and the
walks run side by side in numpy over a matrix of the profiles; each walk's ``alpha`` and its
uniform draws come from one generator seeded by ``seed``, drawn once per detector, so every
call walks with the same numbers. The stock ``Detector`` costs 1.5-3.8 ms on a 240-character
sample (mostly Python loops over the 55 languages per draw); this path costs 0.2-0.3 ms per
article (sample included) and finds the same language on the labelled sets. Both figures
come from ``coopstream bench`` (part 5: ``langdetect_sample`` and ``language``, 5 KB
articles); ``coopstream bench --quick --skip-e2e --skip-scaling`` on a busy 2-core machine
(load 1.2) gave 1.2-3.2 ms and 0.39-0.64 ms.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
from langdetect import DetectorFactory, detector_factory
from langdetect.detector import Detector
from langdetect.detector_factory import init_factory
from langdetect.utils.ngram import NGram

from schemas import LanguageCandidate, LanguageResult
from workers.core.normalize import letters_sample

UNDETERMINED = "und"
_CHECK_EVERY = 5
"""langdetect normalises and tests convergence every five draws (after the first)."""
_MAX_CHECKS = Detector.ITERATION_LIMIT // _CHECK_EVERY + 1
_SPACES = re.compile(" {2,}")
_LATIN = re.compile("[A-z]")
_NON_LATIN = re.compile("[\u0300-\U0010ffff]")
_WORD_CACHE_MAX = 200_000
_FIRST_CHUNK = 16
"""Checks in the first chunk of draws (then 32, 64…): most walks converge within it."""


class _Normalisation(dict[int, str]):
    """``NGram.normalize`` of each code point, computed once: a ``str.translate`` table."""

    def __missing__(self, code: int) -> str:
        value: str = NGram.normalize(chr(code))
        self[code] = value
        return value


class LanguageDetector:
    """Deterministic langdetect over at most ``sample_chars`` letters of the text.

    Build it once at start-up: it loads langdetect's profiles.
    """

    def __init__(
        self, *, sample_chars: int = 240, min_letters: int = 20, seed: int = 0, n_trial: int = 7
    ) -> None:
        self.sample_chars = sample_chars
        self.min_letters = min_letters
        self.seed = seed
        self.n_trial = n_trial
        DetectorFactory.seed = seed
        init_factory()
        factory = detector_factory._factory
        assert factory is not None
        self._factory: DetectorFactory = factory
        self._languages = [code.split("-")[0] for code in factory.langlist]
        profiles = factory.word_lang_prob_map
        self._row = {gram: row for row, gram in enumerate(profiles)}
        self._matrix = np.array(list(profiles.values()), dtype=np.float32)
        self._max_text = factory.create().max_text_length
        self._normalisation = _Normalisation()
        self._words: dict[str, tuple[list[int], list[int]]] = {}
        self._rng = np.random.default_rng(seed)
        alpha = Detector.ALPHA_DEFAULT + self._rng.standard_normal(n_trial) * Detector.ALPHA_WIDTH
        self._weight = (alpha / Detector.BASE_FREQ).astype(np.float32)[:, None, None]
        self._draws: list[np.ndarray] = []

    def detect(self, text: str, *, sample_chars: int | None = None) -> LanguageResult:
        """Detect the language of ``text``; ``und`` when there are too few letters."""
        limit = self.sample_chars if sample_chars is None else sample_chars
        sample = letters_sample(text, limit) if limit > 0 else text
        if sum(map(str.isalpha, sample)) < self.min_letters:
            return LanguageResult(code=UNDETERMINED, probability=0.0)
        rows = self._ngram_rows(sample)
        if not rows:
            return LanguageResult(code=UNDETERMINED, probability=0.0)
        probabilities: list[float] = self._walk(np.array(rows, dtype=np.intp)).tolist()
        found = sorted(
            (
                (p, code)
                for code, p in zip(self._languages, probabilities, strict=True)
                if p > Detector.PROB_THRESHOLD
            ),
            reverse=True,
        )
        if not found:
            return LanguageResult(code=UNDETERMINED, probability=0.0)
        candidates = [
            LanguageCandidate(code=code, probability=round(min(1.0, p), 4)) for p, code in found
        ]
        return LanguageResult(
            code=candidates[0].code, probability=candidates[0].probability, candidates=candidates
        )

    def _ngram_rows(self, text: str) -> list[int]:
        """Profile rows of the text's n-grams, in order, as ``Detector.append`` then
        ``_extract_ngrams`` would find them (URLs, mails, Vietnamese marks, Latin letters in
        a non-Latin text, capitalised words: the same rules)."""
        text = Detector.MAIL_RE.sub(" ", Detector.URL_RE.sub(" ", text))
        text = _SPACES.sub(" ", NGram.normalize_vi(text)[: self._max_text])
        without_latin, latin = _LATIN.subn("", text)
        if latin * 2 < len(_NON_LATIN.findall(text)):
            text = without_latin
        words = text.translate(self._normalisation).split(" ")
        rows: list[int] = []
        last = len(words) - 1
        for k, word in enumerate(words):
            if not word:
                continue
            cached = self._words.get(word)
            if cached is None:
                cached = self._word_rows(word)
            rows += cached[0]
            if k < last:
                rows += cached[1]
        return rows

    def _word_rows(self, word: str) -> tuple[list[int], list[int]]:
        """Rows of one word's n-grams (inside it; at its end when a space follows)."""
        row = self._row
        padded = " " + word
        inside: list[int] = []
        previous_upper = False
        for j, char in enumerate(word):
            upper = char.isupper()
            if not (upper and previous_upper):  # langdetect skips capitalised words
                grams = [char, padded[j : j + 2]] + ([padded[j - 1 : j + 2]] if j else [])
                inside += [row[g] for g in grams if g in row]
            previous_upper = upper
        tail = [row[g] for g in (padded[-1] + " ", padded[-2:] + " ") if g in row]
        if len(self._words) >= _WORD_CACHE_MAX:
            self._words.clear()
        self._words[word] = (inside, tail)
        return inside, tail

    def _uniform(self, part: int) -> np.ndarray:
        """The draws of chunk ``part`` of every walk: uniform in [0, 1), shape (walk, draws).

        Drawn once per detector, in chunk order from one generator seeded with ``seed``, so
        every call (and every process) walks with the same numbers."""
        while len(self._draws) <= part:
            chunk = _FIRST_CHUNK << len(self._draws)
            self._draws.append(self._rng.random((self.n_trial, chunk * _CHECK_EVERY)))
        return self._draws[part]

    def _walk(self, rows: np.ndarray) -> np.ndarray:
        """langdetect's ``n_trial`` random walks, side by side; their averaged probabilities.

        Draws come in chunks of checks (five draws each; the first check follows one draw);
        a walk stops at its first check whose top probability exceeds ``CONV_THRESHOLD``, or
        at ``ITERATION_LIMIT`` draws, as in ``Detector._detect_block``. Each walk's smoothing
        ``alpha`` and its draws are fixed at start-up (seeded), so a call only gathers the
        drawn n-grams' profile rows and multiplies them."""
        trials, languages = self.n_trial, self._matrix.shape[1]
        log_prob = np.zeros((trials, languages, 1))
        result = np.zeros((trials, languages))
        active = np.arange(trials)
        checks, chunk, part = 0, _FIRST_CHUNK, 0
        while active.size:
            picks = (self._uniform(part)[active] * rows.size).astype(np.intp)
            factors = self._matrix[rows[picks]]  # (walk, draw, language)
            factors += self._weight[active]
            if checks == 0:
                factors[:, : _CHECK_EVERY - 1] = 1.0  # neutral: the first check is after one draw
            grouped = factors.reshape(active.size, chunk, _CHECK_EVERY, languages)
            steps = grouped[:, :, 0] * grouped[:, :, 1]
            for j in range(2, _CHECK_EVERY):
                steps *= grouped[:, :, j]
            path = np.log(steps).transpose(0, 2, 1) @ _running_sum(chunk)  # (walk, lang, check)
            path += log_prob[active]
            path -= path.max(axis=1, keepdims=True)
            spread = np.exp(path)
            total = spread.sum(axis=1)
            stop = total < 1.0 / Detector.CONV_THRESHOLD
            stop[:, max(0, _MAX_CHECKS - 1 - checks) :] = True
            finished = stop.any(axis=1)
            at = stop.argmax(axis=1)
            done = np.flatnonzero(finished)
            result[active[done]] = spread[done, :, at[done]] / total[done, at[done], None]
            log_prob[active] = path[:, :, -1:]
            active = active[~finished]
            checks, chunk, part = checks + chunk, chunk * 2, part + 1
        averaged: np.ndarray = result.mean(axis=0)
        return averaged


@cache
def _running_sum(n: int) -> np.ndarray:
    """``x @ _running_sum(n)`` is ``np.cumsum(x, axis=-1)``, several times faster at this size."""
    return np.triu(np.ones((n, n), dtype=np.float32))
