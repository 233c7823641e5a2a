"""``coopstream dead list`` and ``dead redrive``: the dead-letter stream, for operators."""

from __future__ import annotations

import argparse
import base64
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, cast

from pydantic import ValidationError
from redis import Redis
from redis.typing import EncodableT, FieldT

from schemas import DeadLetter
from workers.cli.common import CommandError, connect_settings, describe_url


@dataclass(frozen=True)
class Letter:
    """A dead letter and its id in the dead stream."""

    dead_id: str
    letter: DeadLetter


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("dead", help="list or redrive dead letters")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser(
        "list",
        help="print the dead letters: id, reason, source entry, deliveries, detail",
        description="Lists COOPSTREAM_DEAD_STREAM, oldest first.",
    )
    listing.add_argument("--reason", help="only this reason (e.g. invalid_json)")
    listing.add_argument("--json", action="store_true", help="one dead letter (JSON) per line")
    listing.set_defaults(func=list_command)
    redrive = actions.add_parser(
        "redrive",
        help="send dead letters back to the input stream, then delete them",
        description="XADDs each selected letter's original fields (base64 originals decoded "
        "back to bytes) to COOPSTREAM_INPUT_STREAM and deletes it from the dead stream, both "
        "in one transaction. Truncated originals are left where they are.",
    )
    which = redrive.add_mutually_exclusive_group(required=True)
    which.add_argument("--id", help="one letter: its dead-stream id or its source entry id")
    which.add_argument("--reason", help="every letter with this reason")
    which.add_argument("--all", action="store_true", help="every letter")
    redrive.set_defaults(func=redrive_command)


def letters(client: Redis, stream: str) -> Iterator[Letter]:
    """Every readable letter of the dead stream, oldest first, in chunks."""
    low = "-"
    while chunk := cast("list[Any]", client.xrange(stream, min=low, count=500)):
        for raw_id, fields in chunk:
            try:
                yield Letter(raw_id.decode(), DeadLetter.model_validate_json(fields[b"data"]))
            except (KeyError, ValidationError):
                continue  # not ours: left alone
        low = "(" + chunk[-1][0].decode()


def original_fields(letter: DeadLetter) -> dict[FieldT, EncodableT]:
    """The entry's fields as they were sent."""
    original: dict[str, str] = json.loads(letter.original)
    if letter.original_encoding == "base64":
        return {base64.b64decode(k): base64.b64decode(v) for k, v in original.items()}
    return {k.encode(): v.encode() for k, v in original.items()}


def describe(item: Letter) -> str:
    letter = item.letter
    return (
        f"{item.dead_id}  {letter.reason:<17}  entry {letter.entry_id}  "
        f"deliveries {letter.delivery_count}  {letter.detail}"
    )


def list_command(args: argparse.Namespace) -> int:
    settings = connect_settings()
    client = Redis.from_url(settings.redis_url_value, socket_connect_timeout=5)
    shown = 0
    try:
        for item in letters(client, settings.dead_stream):
            if args.reason and item.letter.reason != args.reason:
                continue
            print(item.letter.model_dump_json() if args.json else describe(item))
            shown += 1
    finally:
        client.close()
    if not args.json:
        print(f"{shown} dead letters in {settings.dead_stream}")
    return 0


def _selected(item: Letter, args: argparse.Namespace) -> bool:
    if args.all:
        return True
    if args.reason:
        return bool(item.letter.reason == args.reason)
    return bool(args.id in {item.dead_id, item.letter.entry_id})


def redrive_command(args: argparse.Namespace) -> int:
    settings = connect_settings()
    client = Redis.from_url(settings.redis_url_value, socket_connect_timeout=5)
    sent = kept = 0
    try:
        chosen = [i for i in letters(client, settings.dead_stream) if _selected(i, args)]
        for item in chosen:
            if item.letter.original_truncated:
                print(f"{item.dead_id}: original was truncated; left in the dead stream")
                kept += 1
                continue
            pipe = client.pipeline(transaction=True)
            pipe.xadd(settings.input_stream, original_fields(item.letter))
            pipe.xdel(settings.dead_stream, item.dead_id)
            pipe.execute()
            sent += 1
    finally:
        client.close()
    if args.id and not chosen:
        raise CommandError(f"no dead letter {args.id} in {settings.dead_stream}", exit_code=1)
    print(
        f"redrove {sent} dead letters to {settings.input_stream} at {describe_url(settings)}"
        + (f"; {kept} left (truncated)" if kept else "")
    )
    return 0
