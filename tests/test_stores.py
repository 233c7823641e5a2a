"""The Redis index on fakeredis (Lua included): the shared cases, key layout and expiry."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import fakeredis
import pytest

from tests.dedup_cases import DedupCases
from tests.index_cases import CrowdCases, Feeder, IndexFactory, seed_events, seed_texts
from tests.story_cases import StoryCases
from workers.core.indexes import ArticleIndex
from workers.stores import SHARD_BITS, bucket, redis_index

WINDOW_S = 14 * 86400


@pytest.fixture
async def client() -> AsyncIterator[fakeredis.FakeAsyncRedis]:
    fake = fakeredis.FakeAsyncRedis(server=fakeredis.FakeServer())
    yield fake
    await fake.aclose()


@pytest.fixture
def make_index(client: fakeredis.FakeAsyncRedis) -> IndexFactory:
    def build() -> ArticleIndex:
        return redis_index(client, prefix=f"t-{uuid.uuid4().hex[:8]}", window_s=WINDOW_S)

    return build


class TestFakeRedisDuplicates(DedupCases):
    """The shared duplicate cases, through the Lua script."""

    per_kind = 1


class TestFakeRedisStories(StoryCases):
    """The shared story cases, through the Lua script."""


class TestFakeRedisCrowd(CrowdCases):
    """Many stories of one participant, through the Lua script."""


class TestKeys:
    async def test_every_key_expires_within_two_windows(
        self, client: fakeredis.FakeAsyncRedis, feed_seeds: None
    ) -> None:
        keys = [key async for key in client.scan_iter("t-keys:*") if key != b"t-keys:seq"]
        ttls = [await client.pttl(key) for key in keys]
        assert ttls and all(0 < ttl <= 2 * WINDOW_S * 1000 + 60_000 for ttl in ttls)

    async def test_sequence_counter_is_the_only_key_without_ttl(
        self, client: fakeredis.FakeAsyncRedis, feed_seeds: None
    ) -> None:
        keys = [key async for key in client.scan_iter("*") if await client.pttl(key) < 0]
        assert [k.decode().rsplit(":", 1)[1] for k in keys] == ["seq"]

    async def test_copy_one_generation_later_is_found(
        self, client: fakeredis.FakeAsyncRedis
    ) -> None:
        feed = Feeder(redis_index(client, prefix="t-gen", window_s=100), datetime.now(UTC))
        text = seed_texts()["001_6b56e5e20511414a"]
        await feed.send("original", text)
        verdict = await feed.send("copy", text, later=timedelta(seconds=100))
        assert verdict.duplicate.duplicate_of == "original"

    async def test_entries_two_generations_old_are_not_read(
        self, client: fakeredis.FakeAsyncRedis
    ) -> None:
        feed = Feeder(redis_index(client, prefix="t-gen", window_s=100), datetime.now(UTC))
        text = seed_texts()["001_6b56e5e20511414a"]
        await feed.send("original", text)
        verdict = await feed.send("copy", text, later=timedelta(seconds=250))
        assert verdict.duplicate.duplicate_of is None

    async def test_old_entries_are_cut_on_the_next_write(
        self, client: fakeredis.FakeAsyncRedis
    ) -> None:
        feed = Feeder(redis_index(client, prefix="t-gen", window_s=100), datetime.now(UTC))
        text = seed_texts()["001_6b56e5e20511414a"]
        await feed.send("original", text)
        await feed.send("copy", text, later=timedelta(seconds=250))
        sizes = {len(await client.get(key) or b"") async for key in client.scan_iter("t-gen:b:*")}
        assert sizes == {14}

    def test_bucket_splits_band_into_shard_and_field(self) -> None:
        shard, field = bucket((5 << (64 - SHARD_BITS)) | (0xCAFEBABE << (32 - SHARD_BITS)))
        assert (shard, field) == (5, bytes.fromhex("cafebabe"))

    @pytest.fixture
    async def feed_seeds(self, client: fakeredis.FakeAsyncRedis) -> None:
        feed = Feeder(redis_index(client, prefix="t-keys", window_s=WINDOW_S), datetime.now(UTC))
        for seed, text in seed_texts().items():
            await feed.send(seed, text, seed_events(seed), language="ar")
