"""``coopstream tail``: follow the enriched stream, one readable line per article."""

from __future__ import annotations

import argparse
import time
from typing import Any, cast

from pydantic import ValidationError
from redis import Redis

from schemas import EnrichedArticle
from workers.cli.common import connect_settings

BLOCK_MS = 1000


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "tail",
        help="follow the enriched stream: one line per article (or --json)",
        description="Reads COOPSTREAM_ENRICHED_STREAM with plain XREAD (no consumer group: it "
        "takes nothing from other readers) and prints, per article: id, language, countries, "
        "event types, and whether it is a duplicate or part of a story. New articles only, "
        "unless --from-start. Stop with Ctrl-C, or after --count articles.",
    )
    parser.add_argument("--json", action="store_true", help="print each enriched document")
    parser.add_argument("--from-start", action="store_true", help="begin at the oldest entry")
    parser.add_argument("--count", type=int, help="stop after N articles")
    parser.add_argument("--timeout", type=float, help="stop after N seconds")
    parser.set_defaults(func=command)


def line_of(article: EnrichedArticle) -> str:
    """``id  [lang]  countries: MA ES  events: meeting agreement  story st-… (3 articles)``."""
    s, d = article.summary, article.dedup
    parts = [
        article.id,
        f"[{article.language.code}]",
        f"countries: {' '.join(s.countries) or '-'}",
        f"events: {' '.join(s.event_types) or '-'}",
    ]
    if d.duplicate_of:
        similarity = f" ~{d.similarity:.2f}" if d.similarity is not None else ""
        parts.append(f"DUPLICATE of {d.duplicate_of}{similarity}")
    if d.story_id:
        size = f" ({d.story.articles} articles)" if d.story else ""
        parts.append(f"story {d.story_id}{size}")
    return "  ".join(parts)


def render(fields: dict[bytes, bytes], as_json: bool) -> str:
    """One output line for an entry of the enriched stream."""
    data = fields.get(b"data", b"")
    if as_json:
        return data.decode("utf-8", "replace")
    try:
        return line_of(EnrichedArticle.model_validate_json(data))
    except ValidationError:
        return f"{fields.get(b'id', b'?').decode('utf-8', 'replace')}  (unreadable entry)"


def newest_id(client: Redis, stream: str) -> str:
    """The id of the newest entry (``0-0`` when empty): where "new articles only" begins, so
    nothing added between two reads is missed (as it would be by re-reading from ``$``)."""
    newest = cast("list[Any]", client.xrevrange(stream, count=1))
    return str(newest[0][0].decode()) if newest else "0-0"


def follow(client: Redis, stream: str, start: str, args: argparse.Namespace) -> int:
    """Print entries after ``start`` until --count or --timeout; how many were printed."""
    last, shown = start, 0
    deadline = time.monotonic() + args.timeout if args.timeout else None
    while args.count is None or shown < args.count:
        if deadline is not None and time.monotonic() >= deadline:
            break
        want = 100 if args.count is None else min(100, args.count - shown)
        reply = cast("list[Any]", client.xread({stream: last}, count=want, block=BLOCK_MS))
        for _name, entries in reply:
            for entry_id, fields in entries:
                last = entry_id.decode()
                print(render(fields, args.json), flush=True)
                shown += 1
    return shown


def command(args: argparse.Namespace) -> int:
    settings = connect_settings()
    stream = settings.enriched_stream
    client = Redis.from_url(settings.redis_url_value, socket_connect_timeout=5)
    try:
        start = "0-0" if args.from_start else newest_id(client, stream)
        shown = follow(client, stream, start, args)
    finally:
        client.close()
    return 0 if args.count is None or shown >= args.count else 1
