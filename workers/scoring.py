"""The scores of ``coopstream eval``: labelled records and enriched outputs in, numbers out.

Pure: no I/O. The rules (see ``shared/eval/FORMAT.md``):

- Set fields (countries, organizations, topics, event_types) and relevance are micro-averaged:
  true/false positives and false negatives summed over articles.
- Accuracies count only articles whose gold value is present and not null; over no article
  they are ``None`` (JSON null), not a flattering 1.0.
- ``duplicates`` scores the ordered pairs (article, duplicate_of); ``stories`` every unordered
  pair of articles, same story or not. Per language, a pair counts when both its articles are
  in that language (by gold language); ``cross_language`` holds story pairs whose languages differ.
- Precision (recall) with nothing predicted (nothing to find) is 1.0 only when there is also
  nothing to find (nothing predicted); F1 is ``2tp / (2tp + fp + fn)``, 1.0 when all are 0.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from schemas import EnrichedArticle, Summary
from workers.labelled import SET_FIELDS, Gold, Record, normal_set, place, span

__all__ = ["Prf", "score", "story_pairs"]


@dataclass
class Prf:
    """Counts of a precision/recall score."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: Iterable[Hashable], predicted: Iterable[Hashable]) -> None:
        gold_set, predicted_set = set(gold), set(predicted)
        self.tp += len(gold_set & predicted_set)
        self.fp += len(predicted_set - gold_set)
        self.fn += len(gold_set - predicted_set)

    def as_dict(self) -> dict[str, float | int]:
        found, wanted = self.tp + self.fp, self.tp + self.fn
        precision = self.tp / found if found else float(self.fn == 0)
        recall = self.tp / wanted if wanted else float(self.fp == 0)
        errors = self.fp + self.fn
        f1 = 2 * self.tp / (2 * self.tp + errors) if self.tp or errors else 1.0
        return {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Accuracy:
    """Exact matches over the articles that have a gold value."""

    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.correct += ok
        self.total += 1

    @property
    def value(self) -> float | None:
        return round(self.correct / self.total, 4) if self.total else None


@dataclass
class Tally:
    """Every score of one group of articles (overall, or one language)."""

    n: int = 0
    language: Accuracy = field(default_factory=Accuracy)
    relevance: Prf = field(default_factory=Prf)
    sets: dict[str, Prf] = field(default_factory=lambda: {name: Prf() for name in SET_FIELDS})
    location: Accuracy = field(default_factory=Accuracy)
    date: Accuracy = field(default_factory=Accuracy)
    meeting_count: Accuracy = field(default_factory=Accuracy)
    duplicates: Prf = field(default_factory=Prf)
    stories: Prf = field(default_factory=Prf)

    def add_article(self, gold: Gold, out: EnrichedArticle | None) -> None:
        """Score one article's own fields (pairs are scored over the whole set)."""
        self.n += 1
        summary = out.summary if out else Summary(relevant=False)
        if gold.language is not None:
            self.language.add(gold.language == (out.language.code if out else "und"))
        if gold.relevant is not None:
            self.relevance.add([True] * gold.relevant, [True] * bool(out and out.relevant))
        for name, wanted in gold.sets.items():
            self.sets[name].add(wanted, normal_set(name, getattr(summary, name)))
        if gold.location is not None:
            loc = summary.location
            self.location.add(loc is not None and place(loc.city, loc.country) == gold.location)
        if gold.event_date is not None:
            when = summary.date
            self.date.add(when is not None and span(when.start, when.end) == gold.event_date)
        if gold.meeting_count is not None:
            self.meeting_count.add(summary.meeting_count == gold.meeting_count)

    def as_dict(self) -> dict[str, Any]:
        scores: dict[str, Any] = {
            "n": self.n,
            "language_accuracy": self.language.value,
            "relevance": self.relevance.as_dict(),
        }
        scores |= {name: prf.as_dict() for name, prf in self.sets.items()}
        scores |= {
            "location_accuracy": self.location.value,
            "date_accuracy": self.date.value,
            "meeting_count_accuracy": self.meeting_count.value,
            "duplicates": self.duplicates.as_dict(),
            "stories": self.stories.as_dict(),
            "support": {
                name: {"correct": acc.correct, "total": acc.total}
                for name, acc in (
                    ("language", self.language),
                    ("location", self.location),
                    ("date", self.date),
                    ("meeting_count", self.meeting_count),
                )
            },
        }
        return scores


def _pairs(size: int) -> int:
    return size * (size - 1) // 2


def story_pairs(members: Sequence[tuple[str | None, str | None]]) -> Prf:
    """Pairwise counts over ``(gold story, predicted story)`` of each article, by counting."""
    gold = Counter(g for g, _ in members if g is not None)
    predicted = Counter(p for _, p in members if p is not None)
    both = Counter((g, p) for g, p in members if g is not None and p is not None)
    tp = sum(_pairs(c) for c in both.values())
    return Prf(
        tp=tp,
        fp=sum(_pairs(c) for c in predicted.values()) - tp,
        fn=sum(_pairs(c) for c in gold.values()) - tp,
    )


def _duplicates(
    keys: Sequence[str], records: Sequence[Record], outs: Sequence[EnrichedArticle | None]
) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """Gold and predicted (article, duplicate_of) pairs of the articles whose gold says."""
    back = {out.id: key for key, out in zip(keys, outs, strict=True) if out is not None}
    gold, predicted = set[tuple[str, str]](), set[tuple[str, str]]()
    for key, record, out in zip(keys, records, outs, strict=True):
        if not record.gold.has_duplicate:
            continue
        if record.gold.duplicate_of is not None:
            gold.add((key, record.gold.duplicate_of))
        if out is not None and out.dedup.duplicate_of is not None:
            predicted.add((key, back.get(out.dedup.duplicate_of, out.dedup.duplicate_of)))
    return gold, predicted


def score(
    records: Sequence[Record], enrichments: Sequence[EnrichedArticle | None]
) -> dict[str, Any]:
    """Scores of ``enrichments`` (``None``: rejected, as a dead letter) against ``records``."""
    if len(records) != len(enrichments):
        raise ValueError(f"{len(records)} records but {len(enrichments)} enrichments")
    pairs = list(zip(records, enrichments, strict=True))
    overall, groups = Tally(), dict[str, Tally]()
    for record, out in pairs:
        overall.add_article(record.gold, out)
        if record.gold.language is not None:
            groups.setdefault(record.gold.language, Tally()).add_article(record.gold, out)

    keys = [r.id or (e.id if e else r.source) for r, e in pairs]
    language = {key: r.gold.language for key, r in zip(keys, records, strict=True)}
    gold_dups, predicted_dups = _duplicates(keys, records, enrichments)
    overall.duplicates.add(gold_dups, predicted_dups)
    for code, tally in groups.items():
        same = {
            p for p in gold_dups | predicted_dups if language[p[0]] == language.get(p[1]) == code
        }
        tally.duplicates.add(gold_dups & same, predicted_dups & same)

    members = [
        (r.gold.language, (r.gold.story, e.dedup.story_id if e else None))
        for r, e in pairs
        if r.gold.has_story
    ]
    overall.stories = story_pairs([m for _, m in members])
    for code, tally in groups.items():
        tally.stories = story_pairs([m for lang, m in members if lang == code])
    known = story_pairs([m for lang, m in members if lang is not None])
    cross = Prf(
        tp=known.tp - sum(t.stories.tp for t in groups.values()),
        fp=known.fp - sum(t.stories.fp for t in groups.values()),
        fn=known.fn - sum(t.stories.fn for t in groups.values()),
    )
    return {
        "n": overall.n,
        "overall": overall.as_dict(),
        "by_language": {code: groups[code].as_dict() for code in sorted(groups)},
        "cross_language": {"stories": cross.as_dict()},
        "not_enriched": sum(e is None for e in enrichments),
    }
