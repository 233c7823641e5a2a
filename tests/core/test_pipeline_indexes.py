"""The pipeline's use of the article index: one call per article, its verdict on the wire."""

from __future__ import annotations

import pytest

from schemas import Article
from tests.index_cases import SEEDS, labelled
from workers.core.indexes import Sighting, SplitIndex, Verdict, memory_index
from workers.core.pipeline import Engines, Pipeline


@pytest.fixture(scope="module")
def engines() -> Engines:
    return Engines.load()


class RecordingIndex:
    """An article index that remembers what it was asked."""

    def __init__(self) -> None:
        self.inner: SplitIndex = memory_index()
        self.sightings: list[Sighting] = []

    async def record(self, sighting: Sighting) -> Verdict:
        self.sightings.append(sighting)
        return await self.inner.record(sighting)


def seed_articles() -> list[Article]:
    return [
        Article(id=row["id"], text=row["text"], outlet=f"outlet-{n}")
        for n, row in enumerate(labelled(SEEDS))
    ]


class TestPipelineIndex:
    async def test_one_index_call_per_article(self, engines: Engines) -> None:
        index = RecordingIndex()
        pipeline = Pipeline(engines, index=index)
        for article in seed_articles():
            await pipeline.enrich(article)
        assert [s.article_id for s in index.sightings] == [a.id for a in seed_articles()]

    async def test_content_hash_is_the_sketch_digest(self, engines: Engines) -> None:
        index = RecordingIndex()
        enriched = (await Pipeline(engines, index=index).enrich(seed_articles()[0])).article
        assert enriched.dedup.content_hash == index.sightings[0].sketch.digest

    async def test_copy_is_flagged_on_the_enriched_message(self, engines: Engines) -> None:
        pipeline = Pipeline(engines)
        original = seed_articles()[1]
        await pipeline.enrich(original)
        copy = original.model_copy(update={"id": "copy", "text": original.text + "\n(MAP)"})
        dedup = (await pipeline.enrich(copy)).article.dedup
        assert (dedup.duplicate_of, dedup.story_id is not None) == (original.id, True)

    async def test_seeds_form_one_story_of_two_articles(self, engines: Engines) -> None:
        """The issue's acceptance case, with the real extractor: no duplicate flag."""
        pipeline = Pipeline(engines)
        first, second = [(await pipeline.enrich(a)).article.dedup for a in seed_articles()]
        assert second.story_id == first.story_id is not None
        assert second.story is not None and second.story.articles == 2
        assert (first.duplicate_of, second.duplicate_of) == (None, None)

    async def test_redelivery_publishes_the_same_event_messages(self, engines: Engines) -> None:
        pipeline = Pipeline(engines)
        article = seed_articles()[0]
        once = (await pipeline.enrich(article)).event_messages
        again = (await pipeline.enrich(article)).event_messages
        assert [(m.kind, m.mentions) for m in again] == [(m.kind, m.mentions) for m in once]
