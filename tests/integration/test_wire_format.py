"""The documented wire format, spoken by plain redis-py as a non-Python client would."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from redis.asyncio import Redis

from schemas import DeadLetter, EnrichedArticle
from tests.integration.conftest import WorkerFactory, read_group, wait_for_len, xadd_json

pytestmark = pytest.mark.redis

Factory = Callable[..., dict[str, Any]]


class TestInputShapes:
    async def test_data_field_json_is_enriched(
        self, worker: WorkerFactory, redis_client: Redis, article_factory: Factory
    ) -> None:
        """XADD stream * data '{"text": ...}' comes out as one enriched article."""
        article = article_factory()
        async with worker() as rt:
            await xadd_json(redis_client, rt.settings.input_stream, article)
            out = await read_group(redis_client, rt.settings.enriched_stream, "downstream", 1)
        assert len(out) == 1
        enriched = EnrichedArticle.model_validate_json(out[0][1][b"data"])
        assert enriched.id == article["id"]
        assert enriched.text == article["text"]
        assert enriched.language.code == "fr"
        assert out[0][1][b"id"].decode() == article["id"]

    async def test_flat_fields_are_enriched(
        self, worker: WorkerFactory, redis_client: Redis, article_factory: Factory
    ) -> None:
        """XADD stream * text ... title ... published_at ... metadata '{...}'."""
        article = article_factory(title="Réunion", published_at="2025-11-27T10:00:00Z")
        fields = {**article, "metadata": json.dumps({"source": "rss"})}
        async with worker() as rt:
            await redis_client.xadd(rt.settings.input_stream, fields)
            out = await read_group(redis_client, rt.settings.enriched_stream, "downstream", 1)
        enriched = EnrichedArticle.model_validate_json(out[0][1][b"data"])
        assert enriched.title == "Réunion"
        assert enriched.metadata == {"source": "rss"}
        assert enriched.published_at is not None
        assert enriched.published_at.year == 2025

    async def test_faststream_message_is_enriched(
        self, worker: WorkerFactory, redis_client: Redis, article_factory: Factory
    ) -> None:
        """A FastStream publisher's message (binary envelope in `__data__`) is understood."""
        from faststream.redis import RedisBroker

        article = article_factory()
        async with worker() as rt:
            async with RedisBroker(rt.settings.redis_url_value) as producer:
                await producer.publish(article, stream=rt.settings.input_stream)
            out = await read_group(redis_client, rt.settings.enriched_stream, "downstream", 1)
        assert EnrichedArticle.model_validate_json(out[0][1][b"data"]).id == article["id"]

    async def test_entries_pushed_before_first_start_are_processed(
        self,
        worker: WorkerFactory,
        redis_client: Redis,
        settings_factory: Any,
        article_factory: Factory,
    ) -> None:
        """The group is created at 0, not `$`: nothing scrapers pushed early is skipped."""
        stream = settings_factory().input_stream
        early = [article_factory() for _ in range(3)]
        for article in early:
            await xadd_json(redis_client, stream, article)
        async with worker() as rt:
            await wait_for_len(redis_client, rt.settings.enriched_stream, 3)
        assert await redis_client.xlen(rt.settings.enriched_stream) == 3


BAD_INPUTS: list[tuple[str, dict[str, bytes | str], str]] = [
    ("invalid JSON", {"data": b'{"text": "unterminated'}, "invalid_json"),
    ("non-UTF-8 bytes", {"data": b"\xff\xfe\x00garbage"}, "invalid_encoding"),
    ("missing text", {"data": json.dumps({"title": "no body"})}, "missing_text"),
    ("empty text", {"data": json.dumps({"text": "   "})}, "missing_text"),
    ("wrong types", {"data": json.dumps({"text": ["not", "a", "string"]})}, "validation_error"),
    (
        "bad date",
        {"data": json.dumps({"text": "x" * 50, "published_at": "soon"})},
        "validation_error",
    ),
    ("not an object", {"data": b"[1, 2, 3]"}, "validation_error"),
    ("oversized payload", {"data": json.dumps({"text": "x" * 300_000})}, "too_large"),
]


class TestBadInput:
    @pytest.mark.parametrize(
        ("kind", "fields", "reason"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS]
    )
    async def test_bad_entry_is_dead_lettered_and_the_next_is_enriched(
        self,
        worker: WorkerFactory,
        redis_client: Redis,
        article_factory: Factory,
        kind: str,
        fields: dict[str, bytes | str],
        reason: str,
    ) -> None:
        """Bad input ends in the dead stream with its reason; the worker goes on."""
        good = article_factory()
        async with worker(max_payload_bytes=100_000) as rt:
            bad_id = (await redis_client.xadd(rt.settings.input_stream, fields)).decode()
            await xadd_json(redis_client, rt.settings.input_stream, good)
            dead = await read_group(redis_client, rt.settings.dead_stream, "ops", 1)
            enriched = await read_group(redis_client, rt.settings.enriched_stream, "down", 1)
            pending = await redis_client.xpending(rt.settings.input_stream, rt.settings.group)
        letter = DeadLetter.model_validate_json(dead[0][1][b"data"])
        assert (letter.reason, letter.entry_id) == (reason, bad_id), kind
        assert letter.source_stream == rt.settings.input_stream
        assert dead[0][1][b"reason"].decode() == reason
        assert EnrichedArticle.model_validate_json(enriched[0][1][b"data"]).id == good["id"]
        assert pending["pending"] == 0, "the bad entry was acknowledged after dead-lettering"

    async def test_dead_letter_keeps_non_utf8_original_as_base64(
        self, worker: WorkerFactory, redis_client: Redis
    ) -> None:
        """An operator can recover the exact original bytes."""
        import base64

        raw = b"\xff\xfe\x00garbage"
        async with worker() as rt:
            await redis_client.xadd(rt.settings.input_stream, {"data": raw})
            dead = await read_group(redis_client, rt.settings.dead_stream, "ops", 1)
        letter = DeadLetter.model_validate_json(dead[0][1][b"data"])
        assert letter.original_encoding == "base64"
        original = json.loads(letter.original)
        assert base64.b64decode(original[base64.b64encode(b"data").decode()]) == raw
