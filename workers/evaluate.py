"""Score the pipeline on labelled sets: ``coopstream eval FILE [--json] [--details]``.

Run it without the CLI::

    .venv/bin/python -m workers.evaluate seeds/seeds.jsonl            # a readable table
    .venv/bin/python -m workers.evaluate dev/ more.jsonl --json       # last line: one JSON object
    .venv/bin/python -m workers.evaluate dev/ --details               # + each article's mismatches

FILE is a JSON Lines file in the ``shared/eval/FORMAT.md`` form; a directory means all its
``*.jsonl`` files, sorted by name. Articles go through one in-memory ``Pipeline`` in the given
order, as if they arrived on the stream in that order, so duplicates and stories accumulate.
An article the service would dead-letter (e.g. empty text) is scored as ``und``, not relevant,
nothing found. Exit status: 0 scored, 2 unreadable or malformed input (``file:line: why``).
No Redis, no FastStream: the scores themselves live in ``workers.scoring``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError

from schemas import Article, EnrichedArticle
from workers.core.pipeline import Engines, Pipeline
from workers.labelled import (
    SET_FIELDS,
    LabelledSetError,
    Record,
    normal_set,
    place,
    read_records,
    span,
)
from workers.scoring import score

__all__ = ["enrich_all", "main", "mismatches", "render_table", "run_eval"]

PRF_ROWS = ("relevance", *SET_FIELDS, "duplicates", "stories")
ACCURACY_ROWS = ("language", "location", "date", "meeting_count")


async def enrich_all(records: Sequence[Record]) -> tuple[list[EnrichedArticle | None], list[str]]:
    """Enrich every record in order with one pipeline; ``None`` for a rejected article."""
    pipeline = Pipeline(Engines.load())
    outputs: list[EnrichedArticle | None] = []
    notes: list[str] = []
    for record in records:
        try:
            article = Article.model_validate(record.fields)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            notes.append(
                f"{record.source}: rejected as the service would ({where}: {first['msg']})"
            )
            outputs.append(None)
            continue
        try:
            outputs.append((await pipeline.enrich(article)).article)
        except Exception as exc:  # the service would dead-letter it as processing_failed
            notes.append(f"{record.source}: the pipeline failed: {type(exc).__name__}: {exc}")
            outputs.append(None)
    return outputs, notes


def mismatches(record: Record, out: EnrichedArticle | None) -> list[str]:
    """What the pipeline got wrong on one article, readably (for ``--details``)."""
    gold, found = record.gold, []
    summary = out.summary if out else None
    if gold.language is not None and gold.language != (code := out.language.code if out else "und"):
        found.append(f"language {code} (gold {gold.language})")
    if gold.relevant is not None and gold.relevant != bool(out and out.relevant):
        found.append(f"relevant {not gold.relevant} (gold {gold.relevant})")
    for name, wanted in gold.sets.items():
        got = normal_set(name, getattr(summary, name) if summary else ())
        if got != wanted:
            missing, extra = sorted(wanted - got), sorted(got - wanted)
            found.append(f"{name} missing {missing} extra {extra}")
    if summary is None:
        return found
    loc = place(summary.location.city, summary.location.country) if summary.location else None
    if gold.location is not None and loc != gold.location:
        found.append(f"location {loc} (gold {gold.location})")
    when = span(summary.date.start, summary.date.end) if summary.date else None
    if gold.event_date is not None and when != gold.event_date:
        found.append(f"date {when} (gold {gold.event_date})")
    if gold.meeting_count is not None and summary.meeting_count != gold.meeting_count:
        found.append(f"meeting_count {summary.meeting_count} (gold {gold.meeting_count})")
    if gold.has_duplicate and out and out.dedup.duplicate_of != gold.duplicate_of:
        found.append(f"duplicate_of {out.dedup.duplicate_of} (gold {gold.duplicate_of})")
    return found


def _cell(value: Any) -> str:
    if isinstance(value, dict):
        return " ".join(f"{value[k]:.3f}" for k in ("precision", "recall", "f1"))
    return "—" if value is None else f"{value:.3f}"


def render_table(scores: dict[str, Any]) -> str:
    """The scores as a table: one column per language and overall, P R F1 side by side."""
    groups = {**scores["by_language"], "overall": scores["overall"]}

    def row(label: str, cells: Sequence[str]) -> str:
        return (f"{label:<26}" + "".join(f"{cell:<23}" for cell in cells)).rstrip()

    lines = [
        row("", [f"{name} (n={group['n']})" for name, group in groups.items()]),
        row("", ["P     R     F1"] * len(groups)),
    ]
    for name in ACCURACY_ROWS:
        cells = []
        for group in groups.values():
            support = group["support"][name]
            count = f"({support['correct']}/{support['total']})"
            cells.append(f"{_cell(group[f'{name}_accuracy'])} {count}")
        lines.append(row(f"{name} accuracy", cells))
    lines.extend(row(name, [_cell(group[name]) for group in groups.values()]) for name in PRF_ROWS)
    cross = scores["cross_language"]["stories"]
    counts = f"(tp {cross['tp']}, fp {cross['fp']}, fn {cross['fn']})"
    lines.append(row("stories across languages", [_cell(cross), counts]))
    return "\n".join(lines)


def run_eval(paths: Sequence[Path], *, as_json: bool, details: bool, out: TextIO) -> int:
    """Score the pipeline on the labelled sets at ``paths``; return the exit status."""
    try:
        records = read_records(paths)
    except LabelledSetError as exc:
        out.write("".join(f"error: {problem}\n" for problem in exc.problems))
        return 2
    outputs, notes = asyncio.run(enrich_all(records))
    scores = score(records, outputs)
    out.write("".join(f"warning: {note}\n" for note in notes))
    if details:
        for record, output in zip(records, outputs, strict=True):
            if wrong := mismatches(record, output):
                out.write(f"{record.source} {record.id}: " + "; ".join(wrong) + "\n")
    if as_json:
        out.write(json.dumps(scores, ensure_ascii=False, separators=(",", ":")) + "\n")
    else:
        out.write(render_table(scores) + "\n")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m workers.evaluate FILE... [--json] [--details]``."""
    parser = argparse.ArgumentParser(prog="coopstream eval", description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+", type=Path, help="JSON Lines files or directories")
    parser.add_argument("--json", action="store_true", help="print one JSON object, last")
    parser.add_argument("--details", action="store_true", help="list each article's mismatches")
    args = parser.parse_args(argv)
    return run_eval(args.paths, as_json=args.json, details=args.details, out=sys.stdout)


if __name__ == "__main__":
    sys.exit(main())
