"""``coopstream eval PATH… [--json] [--details]``: score the pipeline on labelled sets."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "eval",
        help="score the pipeline on labelled JSON Lines sets (shared/eval/FORMAT.md)",
        description="Runs the pure pipeline on each labelled article in order (no Redis) and "
        "prints precision, recall and F1 per field and per language. A folder means all its "
        "*.jsonl files. Exit status 2 on unreadable or malformed input.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    parser.add_argument("--json", action="store_true", help="print one JSON object, last")
    parser.add_argument("--details", action="store_true", help="list each article's mismatches")
    parser.set_defaults(func=command)


def command(args: argparse.Namespace) -> int:
    from workers.evaluate import run_eval

    return run_eval(args.paths, as_json=args.json, details=args.details, out=sys.stdout)
