"""Hostile input never escapes: every entry ends enriched or dead-lettered with a reason."""

from __future__ import annotations

import asyncio
import json
from typing import Any, get_args

import fakeredis
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemas import Article, DeadReason, EnrichedArticle
from workers.app import Runtime, build_app, start_runtime
from workers.core.pipeline import Engines, Pipeline, article_id, idempotency_key, text_digest
from workers.intake import Limits, Rejection, parse_entry
from workers.processor import Entry
from workers.settings import load_settings

REASONS = set(get_args(DeadReason))
ALPHABETS = 'abcé ñ<>&;/"{}[]:,0123456789\x00\n\tالأنتربولمراكشنونبر٢٠٢٥漢字🙂'

mixed_text = st.text(alphabet=ALPHABETS, max_size=3000)
huge_tokens = st.builds(
    lambda token, n: token * n,
    st.text(alphabet=ALPHABETS, min_size=1, max_size=6),
    st.integers(1, 30_000),
)
html_only = st.builds(
    lambda tags: "".join(f"<{t}>" for t in tags),
    st.lists(
        st.sampled_from(["div", "p", "/p", "br/", "a href='x'", "script", "!--"]), max_size=500
    ),
)
texts = st.one_of(st.text(max_size=2000), mixed_text, huge_tokens, html_only)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
articles = st.fixed_dictionaries(
    {"text": texts},
    optional={
        "id": json_values,
        "url": json_values,
        "title": json_values,
        "published_at": st.one_of(json_values, st.just("2025-11-27")),
        "metadata": json_values,
    },
)
field_names = st.sampled_from([b"data", b"text", b"__data__", b"title", b"metadata", b"\xff", b""])
raw_entries = st.one_of(
    st.dictionaries(field_names, st.binary(max_size=3000), max_size=4),
    articles.map(lambda a: {b"data": json.dumps(a).encode()}),
    articles.map(
        lambda a: {
            k.encode(): json.dumps(v).encode() if not isinstance(v, str) else v.encode()
            for k, v in a.items()
        }
    ),
)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def engines() -> Engines:
    return Engines.load()


class TestIntake:
    @FUZZ
    @given(raw_entries)
    def test_decoding_never_raises(self, fields: dict[bytes, bytes]) -> None:
        """Any bytes: an Article or a Rejection with a known reason."""
        parsed = parse_entry(fields, Limits(max_payload_bytes=100_000, max_text_chars=50_000))
        assert isinstance(parsed, Article | Rejection)
        if isinstance(parsed, Rejection):
            assert parsed.reason in REASONS


class TestCore:
    @FUZZ
    @given(texts)
    def test_pure_pipeline_never_raises(self, engines: Engines, text: str) -> None:
        """Random Unicode, huge tokens, mixed scripts, NULs, HTML: always an enriched article."""
        if not text.strip():
            return
        result = asyncio.run(Pipeline(engines).enrich(Article(text=text)))
        assert isinstance(result.article, EnrichedArticle)
        for event in result.article.events:
            for evidence in event.evidence:
                assert 0 <= evidence.start <= evidence.end <= len(text)


class TestHandler:
    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(raw_entries, min_size=1, max_size=8))
    def test_every_entry_is_enriched_or_dead_lettered(
        self, engines: Engines, batch: list[dict[bytes, bytes]]
    ) -> None:
        """The whole handler on fakeredis: nothing raises, nothing is dropped."""
        asyncio.run(self._run(engines, batch))

    async def _run(self, engines: Engines, batch: list[dict[bytes, bytes]]) -> None:
        client: Any = fakeredis.FakeAsyncRedis()
        config = load_settings(max_payload_bytes=100_000, max_text_chars=50_000, log_level="ERROR")
        _app, _broker, runtime = build_app(config, client=client, engines=engines)
        await start_runtime(runtime)
        assert isinstance(runtime, Runtime)
        assert runtime.processor is not None
        ids = [str(await client.xadd(config.input_stream, {b"x": b"1"}), "ascii") for _ in batch]
        entries = [Entry(i, fields) for i, fields in zip(ids, batch, strict=True)]
        await runtime.processor.process(entries)
        enriched = await client.xlen(config.enriched_stream)
        dead = await client.xlen(config.dead_stream)
        limits = Limits(config.max_payload_bytes, config.max_text_chars)
        parsed = [parse_entry(fields, limits) for fields in batch]
        valid = [a for a in parsed if isinstance(a, Article)]
        # Entries with the same id and the same text are one article, published once.
        keys = {
            idempotency_key(article_id(a, text_digest(a.text)), text_digest(a.text)) for a in valid
        }
        assert enriched == len(keys)
        assert dead == len(parsed) - len(valid)
        for _, fields in await client.xrange(config.dead_stream):
            assert fields[b"reason"].decode() in REASONS
        await client.aclose()
