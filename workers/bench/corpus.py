"""Synthetic articles for the benchmarks, built from the seeds and the development set.

Each article starts with a whole source article's first paragraph (so it reads like a report
and its events are found) and continues with paragraphs drawn at random from the same
language's pool until it reaches the target size in UTF-8 bytes. Every paragraph is
perturbed (a few words dropped at random, capitalised words kept) and every article gets a
unique id and reference line, so two synthetic articles share few word 3-grams and the
duplicate index does not flag them all as copies of each other.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LANGUAGES = ("ar", "en", "es", "fr")
DROP_WORD = 0.08
"""Chance that a (non-capitalised) word of a paragraph is dropped."""


@dataclass(frozen=True)
class Source:
    """One labelled source article."""

    language: str
    text: str
    published: str | None
    outlet: str | None


def project_root() -> Path:
    """The repository root (where ``seeds/`` and ``tests/data/dev`` live)."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "seeds").is_dir():
            return parent
    return Path.cwd()


def _records(path: Path) -> Iterator[dict[str, Any]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            yield json.loads(line)


def dev_records(root: Path | None = None) -> list[dict[str, Any]]:
    """The labelled development set (``tests/data/dev/*.jsonl``)."""
    base = (root or project_root()) / "tests" / "data" / "dev"
    return [r for path in sorted(base.glob("*.jsonl")) for r in _records(path)]


def sources(root: Path | None = None) -> list[Source]:
    """Seed articles and development-set articles, with their gold language."""
    root = root or project_root()
    found: list[Source] = []
    seeds = root / "seeds" / "seeds.jsonl"
    rows = list(_records(seeds)) if seeds.is_file() else []
    for row in [*rows, *dev_records(root)]:
        gold = row.get("gold") or {}
        language = gold.get("language")
        if language in LANGUAGES and row.get("text"):
            found.append(Source(language, row["text"], row.get("published"), row.get("outlet")))
    return found


def paragraphs(text: str) -> list[str]:
    """Non-empty paragraphs (blank-line separated; single lines when there are none)."""
    parts = [p.strip() for p in text.split("\n\n") if p.strip()]
    if len(parts) <= 1:
        parts = [p.strip() for p in text.splitlines() if p.strip()]
    return parts


def perturb(paragraph: str, rng: random.Random) -> str:
    """Drop a few words at random, keeping capitalised ones (names, places)."""
    words = paragraph.split(" ")
    kept = [w for w in words if w[:1].isupper() or rng.random() >= DROP_WORD]
    return " ".join(kept or words)


class Corpus:
    """Builds unique synthetic articles of a given size per language. Deterministic per seed."""

    def __init__(self, root: Path | None = None, *, seed: int = 7) -> None:
        self.rng = random.Random(seed)  # noqa: S311 — test data, not secrets
        self.by_language: dict[str, list[Source]] = defaultdict(list)
        self.pool: dict[str, list[str]] = defaultdict(list)
        for source in sources(root):
            self.by_language[source.language].append(source)
            self.pool[source.language].extend(paragraphs(source.text))
        missing = [lang for lang in LANGUAGES if not self.pool[lang]]
        if missing:
            msg = f"no source articles for {missing} (seeds/ and tests/data/dev/ are needed)"
            raise FileNotFoundError(msg)
        self.count = 0

    def text(self, language: str, size_bytes: int) -> tuple[str, Source]:
        """A text of about ``size_bytes`` UTF-8 bytes in ``language``, and its lead source."""
        lead = self.rng.choice(self.by_language[language])
        pool = self.pool[language]
        parts = [perturb(p, self.rng) for p in paragraphs(lead.text)[:2]]
        size = sum(len(p.encode("utf-8")) + 2 for p in parts)
        while size < size_bytes:
            part = perturb(self.rng.choice(pool), self.rng)
            parts.append(part)
            size += len(part.encode("utf-8")) + 2
        return "\n\n".join(parts), lead

    def article(self, language: str, size_bytes: int, *, prefix: str = "bench") -> dict[str, Any]:
        """An input article (the wire format's JSON object) with a unique id."""
        self.count += 1
        identifier = f"{prefix}-{language}-{self.count}"
        text, lead = self.text(language, size_bytes)
        body: dict[str, Any] = {
            "id": identifier,
            "text": f"{text}\n\n(ref {identifier})",
            "outlet": lead.outlet or f"outlet-{self.count % 13}",
        }
        if lead.published:
            body["published_at"] = lead.published
        return body

    def articles(self, n: int, size_bytes: int, *, prefix: str = "bench") -> list[dict[str, Any]]:
        """``n`` articles, the languages in turn."""
        return [
            self.article(LANGUAGES[i % len(LANGUAGES)], size_bytes, prefix=prefix) for i in range(n)
        ]
