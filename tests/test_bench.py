"""``coopstream bench`` in its smallest mode: it runs and its last line is the JSON contract.

No timing is asserted here, ever: figures depend on the machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from workers.bench.corpus import LANGUAGES, Corpus
from workers.bench.suite import REQUIRED

ROOT = Path(__file__).resolve().parents[1]


class TestCorpus:
    def test_articles_are_unique_and_about_the_size_asked(self) -> None:
        """Unique ids and texts, every language, at least the size asked in UTF-8 bytes."""
        articles = Corpus().articles(8, 5_000)
        assert len({a["id"] for a in articles}) == 8
        assert len({a["text"] for a in articles}) == 8
        assert {a["id"].split("-")[1] for a in articles} == set(LANGUAGES)
        assert all(5_000 <= len(a["text"].encode()) < 8_000 for a in articles)


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_smallest_run_ends_with_json_holding_every_required_key() -> None:
    """The last line printed is one JSON object with the keys issue 7 asks for."""
    done = subprocess.run(
        [sys.executable, "-m", "workers.cli", "bench", "--tiny", "--skip-e2e", "--skip-scaling"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=280,
        check=True,
    )
    lines = done.stdout.strip().splitlines()
    figures = json.loads(lines[-1])
    assert set(REQUIRED) <= figures.keys()
    assert isinstance(figures["dedup_lookup_us"], dict)
    assert figures["core_us_per_article"] > 0
    assert 0 < figures["matcher_us_per_article"] < figures["core_us_per_article"]
    assert set(figures["core"]["5KB"]) == set(LANGUAGES)
    assert "PASS" in done.stdout or "MISS" in done.stdout
