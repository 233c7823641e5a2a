"""``coopstream bench``: benchmarks (``make bench``); the last line printed is JSON."""

from __future__ import annotations

import argparse
import sys

from workers.cli.common import CommandError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "bench",
        help="benchmark the pure core, the transport ceiling, end to end and scaling",
        description="Runs the pure core per stage, langdetect over the whole text for "
        "comparison, then on an embedded server of its own (never REDIS_URL) the transport "
        "ceiling, 1 and 2 worker processes and the latency at half the saturating rate, then "
        "the duplicate index at 10k-1M articles. Prints a table, the targets with PASS/MISS, "
        "and as its last line one JSON object with every figure.",
    )
    parser.add_argument("--quick", action="store_true", help="a small run (about a minute)")
    parser.add_argument(
        "--articles", type=int, default=None, help="end-to-end articles (default 20000; quick 2000)"
    )
    parser.add_argument("--json-only", action="store_true", help="print only the JSON line")
    parser.add_argument("--skip-e2e", action="store_true", help="no transport/end-to-end runs")
    parser.add_argument("--skip-scaling", action="store_true", help="no duplicate-index scaling")
    parser.add_argument("--tiny", action="store_true", help=argparse.SUPPRESS)  # the unit test
    parser.set_defaults(func=command)


def command(args: argparse.Namespace) -> int:
    # Imported here: the benchmark's modules (and the engines they load) are for this command.
    from workers.bench.report import json_line, render
    from workers.bench.suite import Options, run

    articles = args.articles if args.articles is not None else 2_000 if args.quick else 20_000
    if articles < 100:
        raise CommandError("--articles must be at least 100")
    options = Options(
        quick=args.quick,
        articles=articles,
        skip_e2e=args.skip_e2e,
        skip_scaling=args.skip_scaling,
        tiny=args.tiny,
    )

    def say(line: str) -> None:
        if not args.json_only:
            print(line, file=sys.stderr, flush=True)

    figures = run(options, say)
    if not args.json_only:
        render(figures)
    print(json_line(figures), flush=True)
    return 0
