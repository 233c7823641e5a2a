"""The ``coopstream`` command. Each module of this package adds its subcommands.

A module exposes ``register(subparsers)``; it adds its parser(s) and sets ``func`` to a
callable taking the parsed namespace and returning an exit code.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from redis.exceptions import AuthenticationError
from redis.exceptions import ConnectionError as RedisConnectionError

from workers import __version__
from workers.cli.common import CommandError
from workers.settings import load_settings


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coopstream",
        description="Security-cooperation news over Redis Streams: run the workers, publish "
        "articles, watch the output, handle dead letters, score and benchmark the pipeline.",
    )
    parser.add_argument("--version", action="version", version=f"coopstream {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_") or info.name == "common":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    return parser


def _where() -> str:
    """The URL in use, credentials redacted."""
    try:
        return load_settings().redis_url_safe
    except ValueError:
        return "(invalid settings)"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``coopstream`` console script."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except CommandError as exc:
        print(f"coopstream {args.command}: {exc}", file=sys.stderr)
        return exc.exit_code
    except AuthenticationError:
        print(
            f"coopstream {args.command}: Redis refused the credentials in REDIS_URL "
            "(check the user name and password; they are not printed here).",
            file=sys.stderr,
        )
        return 2
    except RedisConnectionError as exc:
        print(
            f"coopstream {args.command}: cannot reach Redis at {_where()} "
            f"({type(exc).__name__}). Check that REDIS_URL points at a running server and that "
            "this machine can reach it; unset REDIS_URL to use the embedded server.",
            file=sys.stderr,
        )
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
