"""``coopstream demo``: the seeds through a real stream, printed readably."""

from __future__ import annotations

import argparse
import asyncio
import json
import time
import uuid
from pathlib import Path
from typing import cast

from babel import Locale
from redis.asyncio import Redis

from schemas import EnrichedArticle
from workers.cli.common import CommandError, redis_or_embedded
from workers.logs import configure_logging
from workers.settings import Settings, load_settings

_ENGLISH = Locale("en")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "demo",
        help="publish the seed articles, run the pipeline until drained, print the results",
        description="Publishes every *.txt file of --seeds into a fresh set of demo streams, "
        "runs one worker until all are processed, prints each enriched article and cleans up.",
    )
    parser.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder of .txt files")
    parser.add_argument("--timeout", type=float, default=60.0, help="give up after N seconds")
    parser.set_defaults(func=command)


def country_label(code: str) -> str:
    """``MA Morocco``."""
    return f"{code} {_ENGLISH.territories.get(code, '')}".strip()


def describe(article: EnrichedArticle) -> str:
    """A few readable lines about one enriched article."""
    s = article.summary
    d = article.dedup
    lines = [
        f"── {article.id}  [{article.language.code} {article.language.probability:.2f}]"
        f"  {'RELEVANT' if article.relevant else 'not relevant'}",
        f"   countries ({len(s.countries)}): " + ", ".join(country_label(c) for c in s.countries),
        f"   organisations: {', '.join(s.organizations) or '-'}",
        f"   topics: {', '.join(s.topics) or '-'}",
        f"   events: {len(article.events)} ({', '.join(s.event_types) or '-'})",
    ]
    if s.location:
        lines.append(f"   where: {s.location.city or '?'}, {s.location.country or '?'}")
    if s.date:
        lines.append(f"   when: {s.date.start} → {s.date.end}")
    if s.meeting_count:
        lines.append(f"   meetings stated: {s.meeting_count}")
    lines.append(
        f"   duplicate of: {d.duplicate_of or '-'}   story: {d.story_id or '-'}"
        + (f" ({d.story.articles} articles)" if d.story else "")
    )
    return "\n".join(lines)


async def _drain(settings: Settings, seeds: list[Path], wait_s: float) -> list[EnrichedArticle]:
    from workers.app import build_app

    client = Redis.from_url(settings.redis_url_value)
    try:
        for path in seeds:
            body = {"id": path.stem, "text": path.read_text(encoding="utf-8"), "outlet": "demo"}
            await client.xadd(settings.input_stream, {"data": json.dumps(body, ensure_ascii=False)})
        app, _broker, _runtime = build_app(settings)
        await app.start()
        deadline = time.monotonic() + wait_s
        try:
            while time.monotonic() < deadline:
                done = await client.xlen(settings.enriched_stream)
                done += await client.xlen(settings.dead_stream)
                if done >= len(seeds):
                    break
                await asyncio.sleep(0.1)
            else:
                msg = f"the pipeline did not drain {len(seeds)} articles in {wait_s}s"
                raise CommandError(msg)
        finally:
            await app.stop()
        entries = cast(
            "list[tuple[bytes, dict[bytes, bytes]]]", await client.xrange(settings.enriched_stream)
        )
        return [EnrichedArticle.model_validate_json(f[b"data"]) for _, f in entries]
    finally:
        keys = [k async for k in client.scan_iter(match=f"{settings.key_prefix}*")]
        if keys:
            await client.delete(*keys)
        await client.aclose()


def command(args: argparse.Namespace) -> int:
    seeds = sorted(args.seeds.glob("*.txt"))
    if not seeds:
        raise CommandError(f"no .txt files in {args.seeds}")
    base = load_settings(log_level="WARNING")
    configure_logging("WARNING", base.log_format)
    ns = f"coopstream-demo-{uuid.uuid4().hex[:8]}"
    base = base.model_copy(
        update={
            "key_prefix": ns,
            "input_stream": f"{ns}:articles:raw",
            "enriched_stream": f"{ns}:articles:enriched",
            "events_stream": f"{ns}:events:cooperation",
            "dead_stream": f"{ns}:articles:dead",
            "block_ms": 100,
        }
    )
    with redis_or_embedded(base) as settings:
        print(f"published {len(seeds)} seed articles; processing…", flush=True)
        articles = asyncio.run(_drain(settings, seeds, args.timeout))
    for article in articles:
        print(describe(article))
    print(f"{len(articles)} enriched of {len(seeds)} published")
    return 0 if len(articles) == len(seeds) else 1
