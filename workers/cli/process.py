"""``coopstream process PATH…``: the pure pipeline on files, offline — no Redis."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import Any

from workers.cli.publish import read_articles
from workers.settings import load_settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "process",
        help="run the pipeline offline on files; enriched JSON Lines to standard output",
        description="Reads the same files as `publish` (.txt, .json, .jsonl, folders), runs "
        "each article through the service's intake and pipeline in order (duplicates and "
        "stories in memory), and prints one enriched article (JSON) per line. Articles the "
        "service would dead-letter are reported on standard error with their reason; the exit "
        "status is then 1. For batch users and for debugging a rule; needs no Redis.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    parser.set_defaults(func=command)


async def process(articles: list[dict[str, Any]]) -> int:
    """Enrich and print each article; how many were rejected."""
    from workers.core.pipeline import Engines, Pipeline
    from workers.intake import Limits, Rejection, parse_entry

    settings = load_settings()
    limits = Limits(settings.max_payload_bytes, settings.max_text_chars)
    pipeline = Pipeline(Engines.load(), worker="offline")
    rejected = 0
    for n, record in enumerate(articles):
        entry = {b"data": json.dumps(record, ensure_ascii=False).encode()}
        parsed = parse_entry(entry, limits)
        if isinstance(parsed, Rejection):
            name = record.get("id") or f"#{n}"
            print(f"{name}: {parsed.reason}: {parsed.detail}", file=sys.stderr)
            rejected += 1
            continue
        enrichment = await pipeline.enrich(parsed)
        sys.stdout.write(enrichment.article.model_dump_json() + "\n")
    sys.stdout.flush()
    return rejected


def command(args: argparse.Namespace) -> int:
    articles = read_articles(args.paths)
    rejected = asyncio.run(process(articles))
    return 1 if rejected else 0
