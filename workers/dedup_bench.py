"""How the shared duplicate index scales: lookup time and Redis memory against index size.

``await bench_dedup(redis_urls)`` fills the index to each size (10k, 100k, 1M articles by
default), then times ``probes`` real article calls (the full script of ``workers.stores``: half
reposts of indexed articles, half new texts; then articles with events for the story path)
and reads ``INFO memory``. Given one server per size it probes them in interleaved rounds, so
that the load of a shared machine falls on every size alike: probed one after another, a
busier minute during the 1M pass read as growth with history. The fill writes index
entries straight into the layout the script reads (``workers/lua/fill.lua``, packed batches),
so a million articles take about a minute. Everything lives under a fresh key prefix, deleted
at the end; run it against a throwaway server (it needs about 1.5 GB at 1M)::

    python -m workers.dedup_bench redis://127.0.0.1:6391/0
"""

from __future__ import annotations

import asyncio
import json
import random
import statistics
import sys
import time
import uuid
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from datetime import time as dt_time
from importlib.resources import files
from typing import Any

import numpy as np
from redis.asyncio import Redis

from schemas import CooperationEvent
from workers.core.indexes import Sighting
from workers.core.reposts import KINDS, repost
from workers.core.signature import Signature, signature
from workers.core.sketch import Sketch, Sketcher
from workers.core.stories import PARTICIPANT_CAP
from workers.stores import SHARD_BITS, RedisIndex

FILL = (files("workers") / "lua" / "fill.lua").read_text(encoding="utf-8")
BATCH = 200_000
_WORDS = [f"{a}{b}{c}" for a in "bcdfghklmnprst" for b in "aeiou" for c in "lmnrst"]


def _text(rng: random.Random, words: int = 160) -> str:
    sentences = [" ".join(rng.choices(_WORDS, k=16)) + "." for _ in range(words // 16)]
    return "\n\n".join(" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3))


def _packed(
    rng: np.random.Generator, count: int, bands: int, generation: int
) -> tuple[bytes, bytes]:
    """``count`` synthetic articles and their bucket entries grouped by shard (fill.lua)."""
    articles = rng.integers(0, 256, size=(count, 168), dtype=np.uint8)
    keys = rng.integers(0, 2**63, size=count * bands, dtype=np.uint64) << np.uint64(1)
    shards = (keys >> np.uint64(64 - SHARD_BITS)).astype(np.uint32)
    fields = ((keys >> np.uint64(32 - SHARD_BITS)) & np.uint64(0xFFFFFFFF)).astype(">u4")
    stamp = np.frombuffer((generation % 65536).to_bytes(2, "big"), np.uint8)
    entries = np.concatenate(
        [
            fields.view(np.uint8).reshape(-1, 4),
            np.repeat(articles[:, :8], bands, axis=0),
            np.broadcast_to(stamp, (count * bands, 2)),
        ],
        1,
    )
    order = np.argsort(shards, kind="stable")
    present, counts = np.unique(shards[order], return_counts=True)
    # In bytes: each shard's 8-byte head (shard, count) then its 14-byte entries.
    heads = np.stack([present, counts], 1).astype(">u4").view(np.uint8).reshape(-1, 8)
    rows = np.ascontiguousarray(entries[order])
    group = np.repeat(np.arange(len(present)), counts)
    out = np.empty(8 * len(present) + 14 * len(keys), dtype=np.uint8)
    starts = 8 * np.arange(len(present)) + 14 * np.concatenate([[0], np.cumsum(counts)[:-1]])
    for byte in range(8):
        out[starts + byte] = heads[:, byte]
    base = 8 * (group + 1) + 14 * np.arange(len(keys))
    for byte in range(14):
        out[base + byte] = rows[:, byte]
    return articles.tobytes(), out.tobytes()


async def _fill(client: Redis, index: RedisIndex, start: int, stop: int, bands: int) -> None:
    script = client.register_script(FILL)
    generation = int(time.time()) // index.window_s
    expire = (generation + 2) * index.window_s + 60
    rng = np.random.default_rng(start)
    sending: asyncio.Task[Any] | None = None
    for first in range(start, stop, BATCH):
        # Pack the next batch while the server stores the previous one.
        articles, buckets = await asyncio.to_thread(
            _packed, rng, min(BATCH, stop - first), bands, generation
        )
        if sending is not None:
            await sending
        args: list[str | int | bytes] = [index.prefix, generation, expire]
        args += [index.window_s * 1000, first + 1, articles, buckets]
        sending = asyncio.create_task(script(args=args))
    if sending is not None:
        await sending
    await client.set(f"{index.prefix}:seq", stop + 10_000_000)


async def _used_memory(client: Redis) -> int:
    return int((await client.info("memory"))["used_memory"])


async def _probe(
    index: RedisIndex,
    sketches: list[tuple[str, Sketch]],
    signatures: list[Signature] | None = None,
) -> tuple[list[float], list[str | None]]:
    """Times each article's full script call; returns the timings and the originals found
    (with ``signatures``: the stories joined)."""
    empty = signature([], None)
    timings, found = [], []
    for n, (article_id, sketch) in enumerate(sketches):
        signed = signatures[n] if signatures else empty
        sighting = Sighting(article_id, sketch, signed, "bench", "en", datetime.now(UTC))
        started = time.perf_counter()
        verdict = await index.record(sighting)
        timings.append((time.perf_counter() - started) * 1e6)
        found.append(verdict.story.story_id if signatures else verdict.duplicate.duplicate_of)
    return timings, found


async def _script_us(client: Redis) -> tuple[int, int]:
    stats = (await client.info("commandstats")).get("cmdstat_evalsha", {})
    return int(stats.get("calls", 0)), int(stats.get("usec", 0))


async def _measure(
    index: RedisIndex,
    bases: list[tuple[str, str]],
    tag: str,
    *,
    probes: int,
    sketcher: Sketcher,
    rng: random.Random,
) -> dict[str, float]:
    """One pass of probes: reposts of the indexed bases, then new texts, each a new article."""
    copies = [
        (f"copy-{tag}-{i}", repost(text, KINDS[i % len(KINDS)], seed=zlib.crc32(tag.encode())).text)
        for i, (_, text) in enumerate(bases)
    ]
    fresh = [(f"new-{tag}-{i}", _text(rng)) for i in range(probes - len(copies))]
    sketches = [(i, sketcher.sketch(t)) for i, t in copies + fresh]
    calls, usec = await _script_us(index.client)
    timings, found = await _probe(index, sketches)
    calls_after, usec_after = await _script_us(index.client)
    hits = sum(f == base for f, (base, _) in zip(found, bases, strict=False))
    return {
        "dedup_lookup_us": round(statistics.median(timings), 1),
        "dedup_lookup_mean_us": round(statistics.fmean(timings), 1),
        "dedup_lookup_p99_us": round(float(np.percentile(timings, 99)), 1),
        "script_us": round((usec_after - usec) / max(1, calls_after - calls), 1),
        "hits": round(hits / len(bases), 4),
        "false_hits": sum(f is not None for f in found[len(copies) :]),
    }


# Stories: countries and organisations as the extractor codes them, Morocco in most articles
# (a Moroccan police feed), a few frequent partners, a long tail.
_COUNTRIES = ["MA", "ES", "FR", "DZ", "TN", "SN", "MR", "PT", "IT", "BE", "NL", "DE", "GB", "US"]
_COUNTRIES += ["EG", "JO", "SA", "AE", "QA", "CI", "ML", "NE", "NG", "GA", "CM", "CO", "BR", "TR"]
_ORGANISATIONS = ["INTERPOL", "EUROPOL", "AFRIPOL", "UNODC"]
_CITIES = ["rabat", "casablanca", "tanger", "madrid", "paris", "lyon", "tunis", "dakar", "lisboa"]
_TYPES = ["meeting", "agreement", "joint_operation", "training", "extradition"]
STORY_EVERY = 10
"""One filled story per this many indexed articles."""
_STORY_FIGURES = (
    "story_lookup_us",
    "story_lookup_p99_us",
    "story_script_us",
    "story_commands_per_article",
    "story_hmget_per_article",
    "story_joined",
)


def _participants(rng: random.Random) -> list[str]:
    """2-4 sides, Morocco in 70 % of stories, Spain and France in 25 % each."""
    chosen = {"c:MA"} if rng.random() < 0.7 else set()
    for code, share in (("ES", 0.25), ("FR", 0.25)):
        if rng.random() < share:
            chosen.add(f"c:{code}")
    while len(chosen) < rng.randint(2, 4):
        if rng.random() < 0.15:
            chosen.add(f"o:{rng.choice(_ORGANISATIONS)}")
        else:
            chosen.add(f"c:{rng.choice(_COUNTRIES)}")
    return sorted(chosen)


@dataclass(frozen=True)
class _Story:
    sid: str
    parts: list[str]
    start: int
    end: int
    city: str


def _party(side: str) -> dict[str, str]:
    kind, code = side.split(":", 1)
    return {"organization": code} if kind == "o" else {"country": code}


def _report(story: _Story, rng: random.Random) -> Signature:
    """The signature of an article reporting ``story`` (its sides, dates and city), published
    the day after it ended (event types drawn per report: outlets type events differently)."""
    first, *others = story.parts
    events = [
        CooperationEvent.model_validate(
            {
                "event_id": f"bench-{story.sid}-{other}",
                "type": rng.choice(_TYPES),
                "cameo": "036",
                "plover": "CONSULT",
                "actor": _party(first),
                "counterpart": _party(other),
                "location": {"city": story.city} if story.city else None,
                "date": {
                    "start": date.fromordinal(story.start),
                    "end": date.fromordinal(story.end),
                },
                "confidence": 0.9,
            }
        )
        for other in others
    ]
    published = datetime.combine(date.fromordinal(story.end + 1), dt_time(9), UTC)
    return signature(events, published)  # the day after, as news is


async def _fill_stories(
    client: Redis, index: RedisIndex, start: int, stop: int, rng: random.Random
) -> list[_Story]:
    """Stories ``start``..``stop`` written in the layout article.lua keeps (story hash, the
    participants' recent-story sets, capped as the script caps them), last activity spread
    over the window in fill order, event dates over the past year. Returns them in order."""
    now_ms, window_ms = int(time.time() * 1000), index.window_s * 1000
    today, p, total = date.today().toordinal(), index.prefix, max(1, stop)
    stories, touched = [], set()
    pipe = client.pipeline(transaction=False)
    for n in range(start, stop):
        day = today - rng.randint(0, 365)
        parts, end = _participants(rng), day + rng.randint(0, 2)
        city = rng.choice(_CITIES) if rng.random() < 0.6 else ""
        story = _Story(f"fill-{n}", parts, day, end, city)
        stories.append(story)
        last = now_ms - window_ms + 3_600_000 + (window_ms - 7_200_000) * n // total
        key = f"{p}:s:{story.sid}"
        pipe.hset(
            key,
            mapping={
                "seq": n, "f": last, "t": last, "n": 3, "no": 2, "langs": "ar,fr",
                "ci": story.city, "co": "", "oc": "", "h0": story.start, "h1": story.end,
                "np": len(story.parts),
            },
        )  # fmt: skip
        pipe.pexpire(key, window_ms)
        for part in story.parts:
            pipe.zadd(f"{p}:sp:{part}", {story.sid: last})
            touched.add(part)
        if len(pipe) >= 20_000:
            await pipe.execute()
    for part in touched:
        pipe.zremrangebyrank(f"{p}:sp:{part}", 0, -(PARTICIPANT_CAP + 1))
        pipe.pexpire(f"{p}:sp:{part}", window_ms)
    await pipe.execute()
    return stories


async def _commandstats(client: Redis) -> dict[str, tuple[int, int]]:
    stats = await client.info("commandstats")
    return {
        name.removeprefix("cmdstat_"): (int(v.get("calls", 0)), int(v.get("usec", 0)))
        for name, v in stats.items()
        if isinstance(v, dict)
    }


async def _measure_stories(
    index: RedisIndex, tag: str, *, probes: int, sketcher: Sketcher, rng: random.Random
) -> dict[str, float]:
    """One pass of story probes, each a new article with real events, alternately a new event
    of the crowd of participants (a new story, unless it happens to fit a filled one) and a
    report of the event of a probe 1-49 articles earlier (it must join that story)."""
    today = date.today().toordinal()
    fresh = [
        _Story(f"new-{tag}-{i}", _participants(rng), d, d, rng.choice(_CITIES))
        for i, d in enumerate(today - rng.randint(0, 365) for _ in range(probes // 2))
    ]
    order: list[tuple[_Story, int | None]] = []  # (event, the probe that first reported it)
    for i, story in enumerate(fresh):
        order.append((story, None))
        earlier = max(0, i - rng.randint(0, 24))
        order.append((fresh[earlier], 2 * earlier))
    signatures = [_report(story, rng) for story, _ in order]
    sketches = [(f"story-{tag}-{i}", sketcher.sketch(_text(rng, 32))) for i in range(probes)]
    before = await _commandstats(index.client)
    timings, found = await _probe(index, sketches, signatures)
    after = await _commandstats(index.client)
    delta = {k: after[k][0] - before.get(k, (0, 0))[0] for k in after}
    calls = max(1, delta.get("evalsha", 0))
    inside = sum(v for k, v in delta.items() if k not in ("evalsha", "info"))
    usec = after["evalsha"][1] - before.get("evalsha", (0, 0))[1]
    pairs = [(found[n], found[first]) for n, (_, first) in enumerate(order) if first is not None]
    joined = sum(mine == theirs is not None for mine, theirs in pairs)
    return {
        "story_lookup_us": round(statistics.median(timings), 1),
        "story_lookup_p99_us": round(float(np.percentile(timings, 99)), 1),
        "story_script_us": round(usec / calls, 1),
        "story_commands_per_article": round(inside / calls, 1),
        "story_hmget_per_article": round(delta.get("hmget", 0) / calls, 1),
        "story_joined": round(joined / max(1, len(pairs)), 4),
    }


async def _delete(client: Redis, prefix: str) -> None:
    batch: list[bytes] = []
    async for key in client.scan_iter(match=f"{prefix}:*", count=10_000):
        batch.append(key)
        if len(batch) >= 10_000:
            await client.unlink(*batch)
            batch = []
    if batch:
        await client.unlink(*batch)


@dataclass
class _Size:
    """One index size under test: its server connection, index and random streams."""

    size: int
    index: RedisIndex
    rng: random.Random
    story_rng: random.Random
    stories: list[_Story]
    filled: int = 0
    used_before: int = 0


async def _grow(
    setup: _Size, size: int, bases: list[tuple[str, str]], sketcher: Sketcher
) -> dict[str, float]:
    """Fill ``setup``'s index up to ``size`` articles (and one story per
    :data:`STORY_EVERY`); returns the fill time and the memory per 100k articles."""
    client, bands = setup.index.client, len(sketcher.sketch(bases[0][1]).bands)
    if setup.filled == 0:
        setup.used_before = await _used_memory(client)
        await _probe(setup.index, [(i, sketcher.sketch(t)) for i, t in bases])
    started = time.perf_counter()
    await _fill(client, setup.index, setup.filled, size, bands)
    fill_s = time.perf_counter() - started
    setup.filled = size
    used = await _used_memory(client) - setup.used_before
    setup.stories += await _fill_stories(
        client, setup.index, len(setup.stories), size // STORY_EVERY, setup.story_rng
    )
    return {"fill_s": round(fill_s, 2), "bytes_per_100k": round(used / size * 100_000)}


async def _round(
    setup: _Size, bases: list[tuple[str, str]], tag: str, probes: int, sketcher: Sketcher
) -> tuple[dict[str, float], dict[str, float]]:
    """One pass of duplicate probes and one of story probes."""
    dedup = await _measure(setup.index, bases, tag, probes=probes, sketcher=sketcher, rng=setup.rng)
    story = await _measure_stories(
        setup.index, tag, probes=probes, sketcher=sketcher, rng=setup.story_rng
    )
    return dedup, story


def _median_pass(passes: list[dict[str, float]]) -> dict[str, float]:
    """Each figure's median over the passes (hits and joins: the worst pass)."""
    out = {}
    for name in passes[0]:
        values = [p[name] for p in passes]
        worst = name in ("hits", "story_joined")
        out[name] = min(values) if worst else round(statistics.median(values), 1)
    return out


Pass = tuple[dict[str, float], dict[str, float]]


async def _passes(
    setups: list[_Size],
    bases: list[tuple[str, str]],
    out: dict[str, Any],
    *,
    rounds: int,
    probes: int,
    sketcher: Sketcher,
) -> dict[int, list[Pass]]:
    """Fill and probe every size: one server grown size after size, or a server per size
    filled first, then probed in interleaved rounds. Fill figures go into ``out``."""
    passes: dict[int, list[Pass]] = {setup.size: [] for setup in setups}

    async def grow(setup: _Size, size: int) -> None:
        grown = await _grow(setup, size, bases, sketcher)
        out["fill_s"][str(size)] = grown["fill_s"]
        out["redis_bytes_per_100k_by_size"][str(size)] = grown["bytes_per_100k"]

    shared = len({id(setup.index.client) for setup in setups}) == 1
    if shared:
        for setup in setups:
            await grow(setups[0], setup.size)
            for n in range(rounds):
                tag = f"{setup.size}-{n}"
                passes[setup.size].append(await _round(setups[0], bases, tag, probes, sketcher))
        return passes
    for setup in setups:
        await grow(setup, setup.size)
    for n in range(rounds):
        for setup in setups:
            tag = f"{setup.size}-{n}"
            passes[setup.size].append(await _round(setup, bases, tag, probes, sketcher))
    return passes


async def bench_dedup(
    redis_url: str | Sequence[str],
    sizes: tuple[int, ...] = (10_000, 100_000, 1_000_000),
    probes: int = 1000,
    *,
    window_s: int = 14 * 86400,
    rounds: int = 5,
) -> dict[str, Any]:
    """Per-article dedup time at each index size and Redis memory per 100k indexed articles.

    ``redis_url``: one server, filled size after size and probed after each fill; or one
    server per size (the same order as ``sizes``), each filled to its size, then probed in
    interleaved rounds (10k, 100k, 1M, 10k, …) so that a busy machine slows every size alike
    and each server holds only its own size's data (the fair comparison; what ``coopstream
    bench`` runs). Each figure is the median over ``rounds`` passes.

    Keys, each an object keyed by size unless said: ``dedup_lookup_us`` (median µs of one
    article's call, client side: what a worker waits), ``dedup_lookup_mean_us``,
    ``dedup_lookup_p99_us``, ``script_us`` (server time per script call, from INFO
    commandstats), ``redis_bytes_per_100k`` (at the largest size; ``..._by_size`` for each),
    ``fill_s``, ``hits`` (share of reposts found), ``false_hits`` (new texts called copies),
    ``lookup_flatness`` (slowest median over the fastest: the issue asks for at most 1.2).

    The story path, with one filled story per :data:`STORY_EVERY` articles sharing a crowd of
    participants (Morocco in most): ``story_lookup_us`` (median µs per call of an article
    with real events, client side), ``story_lookup_p99_us``, ``story_script_us`` (server µs
    per call), ``story_commands_per_article`` (commands the script ran, INFO commandstats),
    ``story_hmget_per_article``, ``story_joined`` (share of reports of an event
    first reported 1-49 articles earlier that joined its story), ``story_flatness`` (slowest
    server time per call over the fastest)."""
    ordered = sorted(sizes)
    urls = [redis_url] if isinstance(redis_url, str) else list(redis_url)
    if len(urls) not in (1, len(ordered)):
        raise ValueError("one Redis URL, or one per size")
    clients = [Redis.from_url(url, socket_timeout=600) for url in urls]
    setups = [
        _Size(
            size,
            RedisIndex(
                clients[n % len(clients)],
                prefix=f"bench-{uuid.uuid4().hex[:8]}",
                window_s=window_s,
            ),
            random.Random(7),  # noqa: S311 - synthetic text, not secrets
            random.Random(11),  # noqa: S311 - synthetic stories, not secrets
            [],
        )
        for n, size in enumerate(ordered)
    ]
    sketcher = Sketcher()
    bases = [
        (f"base-{i}", _text(random.Random(i)))  # noqa: S311 - synthetic text, not secrets
        for i in range(max(1, probes // 2))
    ]
    out: dict[str, Any] = {"probes": probes, "servers": len(clients), "rounds": rounds}
    names = ["dedup_lookup_us", "dedup_lookup_mean_us", "dedup_lookup_p99_us", "script_us"]
    names += ["redis_bytes_per_100k_by_size", "fill_s", "hits", "false_hits", *_STORY_FIGURES]
    for name in names:
        out[name] = {}
    try:
        passes = await _passes(setups, bases, out, rounds=rounds, probes=probes, sketcher=sketcher)
        for size in ordered:
            for part in (0, 1):
                for name, value in _median_pass([p[part] for p in passes[size]]).items():
                    out[name][str(size)] = value
        means = out["dedup_lookup_us"].values()
        out["lookup_flatness"] = round(max(means) / min(means), 3)
        story_means = out["story_script_us"].values()
        out["story_flatness"] = round(max(story_means) / min(story_means), 3)
        out["redis_bytes_per_100k"] = out["redis_bytes_per_100k_by_size"][str(max(sizes))]
    finally:
        for setup in setups:
            await _delete(setup.index.client, setup.index.prefix)
        for client in clients:
            await client.aclose()
    return out


if __name__ == "__main__":
    url = sys.argv[1] if len(sys.argv) > 1 else "redis://127.0.0.1:6391/0"
    chosen = tuple(int(s) for s in sys.argv[2:]) or (10_000, 100_000, 1_000_000)
    print(json.dumps(asyncio.run(bench_dedup(url, chosen))))
