"""``coopstream eval``: reading labelled sets, the scoring math, and an end-to-end run."""

from __future__ import annotations

import io
import itertools
import json
import subprocess
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schemas import (
    DateRange,
    DedupInfo,
    EnrichedArticle,
    LanguageResult,
    Location,
    Processing,
    Summary,
)
from workers.evaluate import mismatches, render_table, run_eval
from workers.labelled import Gold, LabelledSetError, Record, parse_line, place, read_records
from workers.scoring import Prf, score, story_pairs

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds" / "seeds.jsonl"
SCORE_KEYS = {
    "language_accuracy",
    "relevance",
    "countries",
    "organizations",
    "topics",
    "event_types",
    "location_accuracy",
    "date_accuracy",
    "meeting_count_accuracy",
    "duplicates",
    "stories",
}
RecordFactory = Callable[..., Record]
OutFactory = Callable[..., EnrichedArticle]


@pytest.fixture
def record() -> RecordFactory:
    """A labelled record: ``record("a1", language="fr", countries=["FR"])``."""

    def build(identifier: str, **gold: Any) -> Record:
        fields = {"id": identifier, "text": "text", "published_at": None}
        return Record(
            source=f"set.jsonl:{identifier}", id=identifier, fields=fields, gold=Gold.parse(gold)
        )

    return build


@pytest.fixture
def out() -> OutFactory:
    """A fake enriched article: ``out("a1", countries=["FR"], story_id="s1")``."""

    def build(
        identifier: str,
        *,
        language: str = "fr",
        duplicate_of: str | None = None,
        story_id: str | None = None,
        **summary: Any,
    ) -> EnrichedArticle:
        relevant = summary.pop("relevant", bool(summary))
        return EnrichedArticle(
            id=identifier,
            text="text",
            language=LanguageResult(code=language, probability=1.0),
            relevant=relevant,
            summary=Summary(relevant=relevant, **summary),
            dedup=DedupInfo(content_hash="0" * 64, duplicate_of=duplicate_of, story_id=story_id),
            processing=Processing(
                worker="test",
                version="0",
                elapsed_ms=0.0,
                idempotency_key="k",
                processed_at=datetime.now(UTC),
            ),
        )

    return build


def overall(records: Sequence[Record], outs: Sequence[EnrichedArticle | None]) -> dict[str, Any]:
    result: dict[str, Any] = score(records, outs)["overall"]
    return result


class TestPrf:
    def test_nothing_to_find_and_nothing_found_is_perfect(self) -> None:
        assert Prf().as_dict() == {
            "precision": 1.0,
            "recall": 1.0,
            "f1": 1.0,
            "tp": 0,
            "fp": 0,
            "fn": 0,
        }

    def test_nothing_found_when_something_to_find_scores_zero(self) -> None:
        scores = Prf(fn=3).as_dict()
        assert (scores["precision"], scores["recall"], scores["f1"]) == (0.0, 0.0, 0.0)

    def test_something_found_when_nothing_to_find_scores_zero(self) -> None:
        scores = Prf(fp=2).as_dict()
        assert (scores["precision"], scores["recall"], scores["f1"]) == (0.0, 0.0, 0.0)

    def test_f1_is_harmonic_mean(self) -> None:
        scores = Prf(tp=2, fp=2, fn=0).as_dict()
        assert (scores["precision"], scores["recall"], scores["f1"]) == (0.5, 1.0, 0.6667)


class TestArticleScores:
    def test_set_fields_are_micro_averaged_over_articles(
        self, record: RecordFactory, out: OutFactory
    ) -> None:
        records = [record("a", countries=["MA", "FR"]), record("b", countries=["ES"])]
        outs = [out("a", countries=["MA"]), out("b", countries=["ES", "IT"])]
        countries = overall(records, outs)["countries"]
        assert (countries["tp"], countries["fp"], countries["fn"]) == (2, 1, 1)
        assert countries["precision"] == countries["recall"] == 0.6667

    def test_codes_and_vocabulary_compare_case_insensitively(
        self, record: RecordFactory, out: OutFactory
    ) -> None:
        records = [record("a", countries=["ma"], organizations=["Interpol"])]
        scores = overall(records, [out("a", countries=["MA"], organizations=["INTERPOL"])])
        assert scores["countries"]["f1"] == scores["organizations"]["f1"] == 1.0

    def test_absent_gold_key_is_not_scored(self, record: RecordFactory, out: OutFactory) -> None:
        scores = overall([record("a")], [out("a", countries=["FR"], topics=["terrorism"])])
        assert scores["countries"]["fp"] == scores["topics"]["fp"] == 0
        assert scores["relevance"]["fp"] == 0

    def test_relevance_positive_class_is_relevant(
        self, record: RecordFactory, out: OutFactory
    ) -> None:
        records = [
            record("a", relevant=True),
            record("b", relevant=False),
            record("c", relevant=True),
        ]
        outs = [out("a", relevant=True), out("b", relevant=True), out("c", relevant=False)]
        relevance = overall(records, outs)["relevance"]
        assert (relevance["tp"], relevance["fp"], relevance["fn"]) == (1, 1, 1)

    def test_null_gold_accuracies_are_skipped(self, record: RecordFactory, out: OutFactory) -> None:
        records = [
            record("a", location=None, event_date=None),
            record("b", location={"city": "Rabat", "country": "MA"}),
        ]
        scores = overall(records, [out("a"), out("b")])
        assert scores["support"]["location"] == {"correct": 0, "total": 1}
        assert scores["date_accuracy"] is None
        assert scores["meeting_count_accuracy"] is None

    def test_location_with_neither_city_nor_country_is_not_scored(
        self, record: RecordFactory, out: OutFactory
    ) -> None:
        records = [record("a", location={"city": None, "country": None})]
        assert overall(records, [out("a")])["support"]["location"]["total"] == 0

    def test_city_compares_without_case_or_accents(
        self, record: RecordFactory, out: OutFactory
    ) -> None:
        records = [record("a", location={"city": "Fès", "country": "MA"})]
        outs = [out("a", location=Location(city="FES", country="ma"))]
        assert overall(records, outs)["location_accuracy"] == 1.0

    def test_date_is_compared_as_iso_start_and_end(
        self, record: RecordFactory, out: OutFactory
    ) -> None:
        records = [
            record("a", event_date={"start": "2025-11-24", "end": "2025-11-27"}),
            record("b", event_date={"start": "2025-11-24", "end": None}),
        ]
        outs = [
            out("a", date=DateRange(start=date(2025, 11, 24), end=date(2025, 11, 26))),
            out("b", date=DateRange(start=date(2025, 11, 24), end=date(2025, 11, 24))),
        ]
        assert overall(records, outs)["support"]["date"] == {"correct": 1, "total": 2}

    def test_meeting_count_only_where_gold_has_it(
        self, record: RecordFactory, out: OutFactory
    ) -> None:
        records = [record("a", meeting_count=43), record("b")]
        outs = [out("a", meeting_count=43), out("b", meeting_count=7)]
        assert overall(records, outs)["support"]["meeting_count"] == {"correct": 1, "total": 1}

    def test_rejected_article_scores_as_und_and_nothing_found(self, record: RecordFactory) -> None:
        records = [record("a", language="und", relevant=False, countries=[])]
        result = score(records, [None])
        assert result["overall"]["language_accuracy"] == 1.0
        assert result["overall"]["relevance"]["f1"] == 1.0
        assert result["not_enriched"] == 1

    def test_groups_by_gold_language(self, record: RecordFactory, out: OutFactory) -> None:
        records = [record("a", language="ar"), record("b", language="fr"), record("c")]
        result = score(records, [out("a", language="fa"), out("b"), out("c")])
        assert result["n"] == 3
        assert set(result["by_language"]) == {"ar", "fr"}
        assert result["by_language"]["ar"]["language_accuracy"] == 0.0
        assert result["by_language"]["fr"]["n"] == 1


class TestPairScores:
    def test_story_pairs_count_every_pair(self, record: RecordFactory, out: OutFactory) -> None:
        records = [record(x, story=s) for x, s in zip("abcd", ["A", "A", "A", None], strict=True)]
        outs = [out(x, story_id=s) for x, s in zip("abcd", ["1", "1", "2", "2"], strict=True)]
        stories = overall(records, outs)["stories"]
        assert (stories["tp"], stories["fp"], stories["fn"]) == (1, 1, 2)

    def test_articles_without_story_key_are_left_out(
        self, record: RecordFactory, out: OutFactory
    ) -> None:
        records = [record("a", story="A"), record("b", story="A"), record("c")]
        outs = [out(x, story_id="1") for x in "abc"]
        assert overall(records, outs)["stories"]["fp"] == 0

    def test_cross_language_story_pairs(self, record: RecordFactory, out: OutFactory) -> None:
        records = [
            record("a", language="ar", story="A"),
            record("b", language="ar", story="A"),
            record("c", language="fr", story="A"),
        ]
        result = score(records, [out(x, story_id="1") for x in "abc"])
        assert result["overall"]["stories"]["tp"] == 3
        assert result["by_language"]["ar"]["stories"]["tp"] == 1
        assert result["by_language"]["fr"]["stories"]["tp"] == 0
        assert result["cross_language"]["stories"]["tp"] == 2

    @given(
        st.lists(
            st.tuples(st.sampled_from([None, "A", "B"]), st.sampled_from([None, "1", "2", "3"])),
            max_size=12,
        )
    )
    def test_story_counting_equals_brute_force(
        self, members: list[tuple[str | None, str | None]]
    ) -> None:
        tp = fp = fn = 0
        for (g1, p1), (g2, p2) in itertools.combinations(members, 2):
            same_gold, same_predicted = g1 is not None and g1 == g2, p1 is not None and p1 == p2
            tp += same_gold and same_predicted
            fp += same_predicted and not same_gold
            fn += same_gold and not same_predicted
        assert story_pairs(members) == Prf(tp=tp, fp=fp, fn=fn)

    def test_duplicate_pairs(self, record: RecordFactory, out: OutFactory) -> None:
        records = [
            record("a", duplicate_of=None),
            record("b", duplicate_of="a"),
            record("c", duplicate_of="a"),
            record("d", duplicate_of=None),
        ]
        outs = [out("a"), out("b", duplicate_of="a"), out("c"), out("d", duplicate_of="c")]
        duplicates = overall(records, outs)["duplicates"]
        assert (duplicates["tp"], duplicates["fp"], duplicates["fn"]) == (1, 1, 1)

    def test_duplicates_without_gold_key_are_not_scored(
        self, record: RecordFactory, out: OutFactory
    ) -> None:
        records = [record("a"), record("b")]
        duplicates = overall(records, [out("a"), out("b", duplicate_of="a")])["duplicates"]
        assert duplicates["fp"] == 0

    def test_duplicate_pairs_per_language_need_both_articles(
        self, record: RecordFactory, out: OutFactory
    ) -> None:
        records = [
            record("a", language="fr", duplicate_of=None),
            record("b", language="es", duplicate_of="a"),
            record("c", language="fr", duplicate_of="a"),
        ]
        outs = [out("a"), out("b", duplicate_of="a"), out("c", duplicate_of="a")]
        result = score(records, outs)
        assert result["overall"]["duplicates"]["tp"] == 2
        assert result["by_language"]["fr"]["duplicates"]["tp"] == 1
        assert result["by_language"]["es"]["duplicates"]["tp"] == 0


class TestReading:
    def test_published_date_is_midnight_utc(self) -> None:
        parsed = parse_line('{"id": "x", "text": "t", "published": "2025-11-27"}', "f:1")
        assert parsed.fields["published_at"] == datetime(2025, 11, 27, tzinfo=UTC)

    def test_optional_keys_may_be_absent(self) -> None:
        parsed = parse_line('{"text": "t"}', "f:1")
        assert parsed.id is None
        assert parsed.gold == Gold()

    @pytest.mark.parametrize(
        ("line", "message"),
        [
            ("{not json", "not valid JSON"),
            ("[1, 2]", "a JSON object"),
            ('{"id": "x"}', "text"),
            ('{"text": "t", "published": "27/11/2025"}', "published"),
            ('{"text": "t", "gold": {"countries": "MA"}}', "gold.countries"),
            ('{"text": "t", "gold": {"event_date": {"start": "soon"}}}', "gold.event_date"),
            ('{"text": "t", "gold": {"meeting_count": "43"}}', "gold.meeting_count"),
            ('{"text": "t", "gold": {"location": {"city": 3}}}', "gold.location.city"),
        ],
    )
    def test_malformed_line_says_what_is_wrong(self, line: str, message: str) -> None:
        with pytest.raises(ValueError, match=message):
            parse_line(line, "f:1")

    def test_errors_name_file_and_line(self, tmp_path: Path) -> None:
        path = tmp_path / "set.jsonl"
        path.write_text('{"id": "a", "text": "t"}\n\n{"id": "b"\n{"id": "a", "text": "u"}\n')
        with pytest.raises(LabelledSetError) as caught:
            read_records([path])
        assert caught.value.problems[0].startswith(f"{path}:3: not valid JSON")
        assert caught.value.problems[1] == f"{path}:4: id 'a' already used at {path}:1"

    def test_directory_means_its_jsonl_files_by_name(self, tmp_path: Path) -> None:
        (tmp_path / "b.jsonl").write_text('{"id": "b", "text": "t"}\n')
        (tmp_path / "a.jsonl").write_text('{"id": "a", "text": "t"}\n')
        (tmp_path / "notes.txt").write_text("not a set")
        assert [r.id for r in read_records([tmp_path])] == ["a", "b"]

    def test_run_eval_reports_errors_without_traceback(self, tmp_path: Path) -> None:
        path = tmp_path / "bad.jsonl"
        path.write_text('{"text": 5}\n')
        buffer = io.StringIO()
        assert run_eval([path], as_json=True, details=False, out=buffer) == 2
        assert buffer.getvalue() == f"error: {path}:1: text: expected a string (it is required)\n"

    def test_missing_file_is_an_error(self, tmp_path: Path) -> None:
        buffer = io.StringIO()
        assert run_eval([tmp_path / "nope.jsonl"], as_json=False, details=False, out=buffer) == 2
        assert "cannot read" in buffer.getvalue()


class TestRun:
    def test_empty_text_is_rejected_and_scored_as_und(self, tmp_path: Path) -> None:
        path = tmp_path / "set.jsonl"
        path.write_text('{"id": "e", "text": "", "gold": {"language": "und", "relevant": false}}\n')
        buffer = io.StringIO()
        assert run_eval([path], as_json=True, details=True, out=buffer) == 0
        lines = buffer.getvalue().splitlines()
        assert lines[0].startswith(f"warning: {path}:1: rejected")
        assert json.loads(lines[-1])["overall"]["language_accuracy"] == 1.0

    def test_table_has_a_column_per_language_and_overall(
        self, record: RecordFactory, out: OutFactory
    ) -> None:
        result = score(
            [record("a", language="ar"), record("b", language="fr")], [out("a"), out("b")]
        )
        header = render_table(result).splitlines()[0]
        assert header.split() == ["ar", "(n=1)", "fr", "(n=1)", "overall", "(n=2)"]

    def test_mismatches_list_what_is_wrong(self, record: RecordFactory, out: OutFactory) -> None:
        wrong = mismatches(record("a", countries=["MA", "FR"]), out("a", countries=["MA", "ES"]))
        assert wrong == ["countries missing ['FR'] extra ['ES']"]

    @pytest.mark.timeout(120)
    def test_seeds_end_to_end(self) -> None:
        """The CLI module runs on the seeds; its last line is the FORMAT.md JSON object."""
        done = subprocess.run(
            [sys.executable, "-m", "workers.evaluate", str(SEEDS), "--json"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=110,
            check=True,
        )
        result = json.loads(done.stdout.strip().splitlines()[-1])
        assert result["n"] == 2
        assert set(result["by_language"]) == {"ar"}
        for scores in (result["overall"], result["by_language"]["ar"]):
            assert set(scores) >= SCORE_KEYS
            assert scores["language_accuracy"] == 1.0
            for name in SCORE_KEYS - {k for k in SCORE_KEYS if k.endswith("_accuracy")}:
                assert {"precision", "recall", "f1"} <= set(scores[name])


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Tánger", "tangier"),
        ("Tanger", "tangier"),
        ("طنجة", "tangier"),
        ("Marrakesh", "marrakech"),
        ("مراكش", "marrakech"),
        ("Nowhereville", "nowhereville"),  # unknown to the data: folded as written
    ],
)
def test_a_city_is_compared_by_its_canonical_name(written: str, canonical: str) -> None:
    """The scorer counts a location right whatever language or spelling the gold uses."""
    assert place(written, "ma") == (canonical, "MA")


def test_two_cities_stay_two() -> None:
    assert place("Rabat", "MA") != place("Tangier", "MA")
