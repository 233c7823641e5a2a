"""``coopstream docs``: the AsyncAPI document of the streams (``make asyncapi``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workers.cli.common import CommandError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "docs",
        help="write the AsyncAPI document of every stream and message schema",
        description="Generates the AsyncAPI 3.0 document from the code (the same document as "
        "`faststream docs gen workers.asyncapi:app`), for the default stream names. JSON, or "
        "YAML when --out ends in .yaml/.yml (needs PyYAML).",
    )
    parser.add_argument("--out", type=Path, help="file to write (default: standard output)")
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if --out is missing or not what the code generates",
    )
    parser.set_defaults(func=command)


def _format(path: Path | None) -> str:
    return "yaml" if path is not None and path.suffix in {".yaml", ".yml"} else "json"


def command(args: argparse.Namespace) -> int:
    from workers.asyncapi import render

    try:
        text = render(_format(args.out))
    except ImportError as exc:
        msg = "YAML output needs PyYAML (pip install pyyaml); or use --out docs/asyncapi.json"
        raise CommandError(msg) from exc
    if args.check:
        if args.out is None:
            raise CommandError("--check needs --out, the committed document")
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else None
        if current != text:
            print(f"{args.out} is stale: run `coopstream docs --out {args.out}`", file=sys.stderr)
            return 1
        print(f"{args.out} is current")
        return 0
    if args.out is None:
        sys.stdout.write(text)
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0
