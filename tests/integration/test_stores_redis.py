"""The Redis index on a real server: the shared cases, and workers racing each other."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime

import pytest
from redis.asyncio import Redis

from tests.dedup_cases import DedupCases
from tests.index_cases import (
    DEV,
    SEEDS,
    CrowdCases,
    Feeder,
    IndexFactory,
    crowd,
    event,
    labelled,
)
from tests.story_cases import StoryCases
from workers.core.indexes import ArticleIndex, Verdict
from workers.core.reposts import reposts
from workers.core.stories import STORIES_JUDGED
from workers.dedup_bench import bench_dedup
from workers.embedded import embedded_server
from workers.stores import redis_index

pytestmark = pytest.mark.redis
WINDOW_S = 14 * 86400
WORKERS = 6
ROUNDS = 25


@pytest.fixture
async def prefix(redis_url: str) -> AsyncIterator[str]:
    """A key prefix of this test alone; its keys are deleted afterwards."""
    name = f"t-{uuid.uuid4().hex[:12]}"
    yield name
    client = Redis.from_url(redis_url)
    keys = [key async for key in client.scan_iter(match=f"{name}:*", count=1000)]
    if keys:
        await client.delete(*keys)
    await client.aclose()


@pytest.fixture
async def clients(redis_url: str) -> AsyncIterator[list[Redis]]:
    """One connection per simulated worker."""
    made = [Redis.from_url(redis_url) for _ in range(WORKERS)]
    yield made
    for client in made:
        await client.aclose()


@pytest.fixture
def make_index(clients: list[Redis], prefix: str) -> IndexFactory:
    def build() -> ArticleIndex:
        return redis_index(clients[0], prefix=prefix, window_s=WINDOW_S)

    return build


class TestRedisDuplicates(DedupCases):
    """The shared duplicate cases on a real server."""


class TestRedisStories(StoryCases):
    """The shared story cases on a real server."""


class TestRedisCrowd(CrowdCases):
    """Many stories of one participant on a real server."""


async def _commands(client: Redis) -> dict[str, int]:
    stats = await client.info("commandstats")
    return {k.removeprefix("cmdstat_"): int(v["calls"]) for k, v in stats.items()}


async def test_crowd_sharing_participants_costs_a_bounded_lookup() -> None:
    """Many MA-ES stories of other days: a new MA-ES report reads one range per participant
    and at most ``STORIES_JUDGED`` story hashes, not every story (a server of its own, so
    INFO commandstats counts this article alone)."""
    with embedded_server(appendonly=False) as url:
        client = Redis.from_url(url)
        try:
            feed = Feeder(
                redis_index(client, prefix="t-crowd", window_s=WINDOW_S), datetime.now(UTC)
            )
            await crowd(feed, 4 * STORIES_JUDGED, "ES")
            before = await _commands(client)
            verdict = await feed.send("new", events=[event("ES", start=date(2025, 6, 1))])
            after = await _commands(client)
        finally:
            await client.aclose()
    calls = {k: n - before.get(k, 0) for k, n in after.items() if n > before.get(k, 0)}
    assert verdict.story.counts is not None and verdict.story.counts.articles == 1
    # the redelivery check, the judged candidates, the new story's own, the reply's counts
    assert calls["hmget"] <= STORIES_JUDGED + 3, calls
    assert calls["zrange"] == 2 and calls.get("zrangebyscore", 0) == 0
    dedup = {"evalsha", "info", "incr", "mget", "set", "append"}  # the script, the LSH side
    assert sum(n for k, n in calls.items() if k not in dedup) <= STORIES_JUDGED + 32, calls


class TestWorkersRacing:
    """Several workers, each with its own connection, get copies at the same moment."""

    @pytest.fixture
    def feeders(self, clients: list[Redis], prefix: str) -> list[Feeder]:
        now = datetime.now(UTC)
        return [Feeder(redis_index(c, prefix=prefix, window_s=WINDOW_S), now) for c in clients]

    async def race(self, feeders: list[Feeder], sends: list[tuple[str, str]]) -> list[Verdict]:
        return await asyncio.gather(
            *(
                f.send(article_id, text)
                for f, (article_id, text) in zip(feeders, sends, strict=True)
            )
        )

    async def test_racing_copies_agree_on_one_original(self, feeders: list[Feeder]) -> None:
        rows = labelled(SEEDS, *DEV)
        for n in range(ROUNDS):
            text = rows[n % len(rows)]["text"]
            copies = [text, *(c.text for c in reposts(text, seed=n))][:WORKERS]
            verdicts = await self.race(feeders, [(f"r{n}-{i}", t) for i, t in enumerate(copies)])
            originals = [
                f"r{n}-{i}" for i, v in enumerate(verdicts) if v.duplicate.duplicate_of is None
            ]
            assert len(originals) == 1, verdicts
            assert {v.duplicate.duplicate_of for v in verdicts} == {None, originals[0]}

    async def test_racing_redeliveries_get_one_answer(self, feeders: list[Feeder]) -> None:
        text = labelled(SEEDS)[0]["text"]
        await feeders[0].send("original", text)
        verdicts = await self.race(feeders, [("copy", text + "\nAFP")] * WORKERS)
        assert {v.duplicate.duplicate_of for v in verdicts} == {"original"}

    async def test_racing_reports_share_one_story(self, feeders: list[Feeder]) -> None:
        events = [event("ES", start=date(2025, 3, 12), city="Rabat")]
        verdicts = await asyncio.gather(
            *(f.send(f"report-{i}", events=events) for i, f in enumerate(feeders))
        )
        assert len({v.story.story_id for v in verdicts}) == 1
        assert max(v.story.counts.articles for v in verdicts if v.story.counts) == WORKERS


async def test_scaling_bench_interleaves_one_server_per_size(redis_url: str) -> None:
    """The scaling bench, tiny: a 'server' per size (two connections here), rounds
    interleaved; reposts are found, reports join their stories, every size has figures."""
    out = await bench_dedup([redis_url, redis_url], (200, 400), probes=20, rounds=2)
    assert out["servers"] == 2
    for name in ("hits", "story_joined"):
        assert out[name] == {"200": 1.0, "400": 1.0}
    assert set(out["story_script_us"]) == {"200", "400"}
    assert out["story_commands_per_article"]["200"] > 0
