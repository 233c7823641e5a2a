"""Language detection: langdetect, seeded, on a bounded clean sample of the text."""

from __future__ import annotations

from langdetect import DetectorFactory
from langdetect.detector_factory import init_factory
from langdetect.lang_detect_exception import LangDetectException

from schemas import LanguageCandidate, LanguageResult
from workers.core.normalize import letters_sample

UNDETERMINED = "und"


class LanguageDetector:
    """Deterministic langdetect over at most ``sample_chars`` letters of the text.

    Build it once at start-up: it loads langdetect's profiles.
    """

    def __init__(self, *, sample_chars: int = 240, min_letters: int = 20, seed: int = 0) -> None:
        self.sample_chars = sample_chars
        self.min_letters = min_letters
        self.seed = seed
        DetectorFactory.seed = seed
        init_factory()
        from langdetect import detector_factory

        factory = detector_factory._factory
        assert factory is not None
        self._factory: DetectorFactory = factory

    def detect(self, text: str, *, sample_chars: int | None = None) -> LanguageResult:
        """Detect the language of ``text``; ``und`` when there are too few letters."""
        limit = self.sample_chars if sample_chars is None else sample_chars
        sample = letters_sample(text, limit) if limit > 0 else text
        if sum(ch.isalpha() for ch in sample) < self.min_letters:
            return LanguageResult(code=UNDETERMINED, probability=0.0)
        detector = self._factory.create()
        detector.append(sample)
        try:
            found = detector.get_probabilities()
        except LangDetectException:
            return LanguageResult(code=UNDETERMINED, probability=0.0)
        if not found:
            return LanguageResult(code=UNDETERMINED, probability=0.0)
        candidates = [
            LanguageCandidate(code=c.lang.split("-")[0], probability=round(c.prob, 4))
            for c in found
        ]
        return LanguageResult(
            code=candidates[0].code, probability=candidates[0].probability, candidates=candidates
        )
