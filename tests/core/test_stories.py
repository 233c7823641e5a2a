"""Stories with the in-memory index, and the event signature they are found by."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from schemas import DateRange
from tests.index_cases import CrowdCases, Feeder, IndexFactory, crowd, event
from tests.story_cases import StoryCases
from workers.core import stories
from workers.core.indexes import memory_index
from workers.core.signature import Context, event_key, judge, near, signature, span
from workers.core.stories import PARTICIPANT_CAP, STORIES_JUDGED, MemoryStoryIndex


@pytest.fixture
def make_index() -> IndexFactory:
    return memory_index


class TestMemoryStoryIndex(StoryCases):
    """The shared cases, in memory."""

    async def test_story_after_the_window_is_a_new_one(self, feed: Feeder) -> None:
        events = [event("ES", start=date(2025, 3, 12))]
        first = await feed.send("old", events=events)
        later = await feed.send("new", events=events, later=timedelta(days=15))
        assert later.story.story_id != first.story.story_id


class TestMemoryCrowd(CrowdCases):
    """Many stories of one participant, in memory: the same bounds as the Redis script."""

    async def test_crowd_sharing_participants_is_judged_at_most_the_cap(
        self, feed: Feeder, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        await crowd(feed, 3 * STORIES_JUDGED, "ES")
        judged: list[int] = []

        def counting(*args: object, **kwargs: object) -> int | None:
            judged.append(1)
            return judge(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(stories, "judge", counting)
        verdict = await feed.send("new", events=[event("ES", start=date(2025, 6, 1))])
        assert verdict.story.counts is not None and verdict.story.counts.articles == 1
        assert len(judged) == STORIES_JUDGED

    async def test_participant_keeps_only_its_latest_stories(self) -> None:
        split = memory_index()
        await crowd(Feeder(split, datetime.now(UTC)), PARTICIPANT_CAP + 4, "ES")
        assert isinstance(split.stories, MemoryStoryIndex)
        kept = split.stories._by_participant["c:MA"]
        assert len(kept) == PARTICIPANT_CAP
        assert max(kept.values()) - min(kept.values()) == (PARTICIPANT_CAP - 1) * 1000


class TestSignature:
    def test_event_key_ignores_which_side_acts(self) -> None:
        assert event_key(event("ES")) == event_key(event("MA", actor="ES"))

    def test_organisation_is_a_side(self) -> None:
        assert event_key(event(None, organization="INTERPOL")) == "meeting|c:MA|o:INTERPOL"

    def test_month_precision_spans_the_month(self) -> None:
        when = DateRange(start=date(2025, 2, 1), end=date(2025, 2, 1), precision="month")
        assert span(when) == (date(2025, 2, 1).toordinal(), date(2025, 2, 28).toordinal())

    def test_published_precision_is_no_event_date(self) -> None:
        assert span(DateRange(start=date(2025, 2, 3), precision="published")) is None

    def test_undated_article_stands_near_its_publication(self) -> None:
        published = datetime(2025, 3, 13, 9, tzinfo=UTC)
        soft = signature([event("ES")], published).context.soft
        day = date(2025, 3, 13).toordinal()
        assert soft == (day - 10, day + 1)

    def test_repeated_event_counts_once(self) -> None:
        assert len(signature([event("ES"), event("ES")], None).events) == 1

    def test_one_shared_participant_of_two_is_not_enough(self) -> None:
        article = signature([event("FR")], None)
        assert judge(article, Context(), shared=1, participants=2) is None

    def test_parties_alone_must_be_nearly_the_same(self) -> None:
        article = signature([event("TN"), event("DZ", actor="TN")], None)
        assert judge(article, Context(), shared=3, participants=6, shares_event=True) is None

    def test_same_parties_and_a_common_event_are_enough(self) -> None:
        article = signature([event("TN")], None)
        assert judge(article, Context(), shared=2, participants=2, shares_event=True) == 2

    def test_undated_match_needs_a_common_event(self) -> None:
        article = signature([event("TN")], None)
        assert judge(article, Context(), shared=2, participants=2) is None

    def test_agreeing_event_dates_need_no_common_event(self) -> None:
        day = date(2025, 2, 3)
        article = signature([event("TN", type="training", start=day)], None)
        story = Context(hard=(day.toordinal(), day.toordinal()))
        assert judge(article, story, shared=2, participants=2) == 3

    def test_background_dates_far_from_publication_are_left_out(self) -> None:
        published = datetime(2025, 6, 4, tzinfo=UTC)
        old = event("HN", actor="US", start=date(2024, 8, 1), end=date(2024, 8, 31))
        context = signature([old], published).context
        assert context.hard is None and context.soft is not None
        recent = event("HN", actor="US", start=date(2025, 6, 3))
        both = signature([old, recent], published).context
        assert both.hard == (date(2025, 6, 3).toordinal(),) * 2

    def test_other_city_conflicts(self) -> None:
        article = signature([event("FR", city="Rabat")], None)
        story = Context(city="marrakech")
        assert judge(article, story, shared=2, participants=2, shares_event=True) is None

    def test_other_city_of_the_same_event_fits_without_bonus(self) -> None:
        published = datetime(2025, 11, 4, tzinfo=UTC)
        article = signature([event("ES", city="Cartagena", where="MA")], published)
        story = replace(article.context, city="rabat")
        assert judge(article, story, shared=2, participants=2, shares_event=True) == 2
        assert judge(article, story, shared=2, participants=2, shares_event=False) is None

    def test_other_city_needs_near_dates(self) -> None:
        published = datetime(2025, 11, 4, tzinfo=UTC)
        article = signature([event("ES", city="Cartagena", where="MA")], published)
        later = signature([event("ES", city="Rabat", where="MA")], published + timedelta(days=3))
        assert judge(article, later.context, shared=2, participants=2, shares_event=True) is None

    def test_undated_report_is_near_its_publication_days(self) -> None:
        published = datetime(2025, 11, 4, tzinfo=UTC)
        day = published.date().toordinal()
        assert near(signature([event("ES")], published).context) == (day, day)
        assert near(Context()) is None

    def test_agreeing_date_city_and_occasion_add_to_score(self) -> None:
        day = date(2025, 11, 25)
        article = signature([event("FR", city="Marrakech", start=day, occasion="GA")], None)
        story = Context(hard=(day.toordinal(), day.toordinal()), city="marrakech", occasion="ga")
        assert judge(article, story, shared=2, participants=9) == 5
