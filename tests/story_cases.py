"""Story cases every article index must pass (see ``tests/index_cases.py``)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from schemas import DateRange
from tests.index_cases import Feeder, IndexFactory, event, seed_events, seed_texts


class StoryCases:
    """Reports of one event share a story; look-alikes do not."""

    @pytest.fixture
    def feed(self, make_index: IndexFactory) -> Feeder:
        return Feeder(make_index(), datetime.now(UTC))

    async def test_seeds_form_one_story_without_copy(self, feed: Feeder) -> None:
        texts = seed_texts()
        verdicts = [
            await feed.send(seed, text, seed_events(seed), language="ar")
            for seed, text in texts.items()
        ]
        second = verdicts[1]
        assert second.story.story_id == verdicts[0].story.story_id is not None
        assert second.story.counts is not None and second.story.counts.articles == 2
        assert second.duplicate.duplicate_of is None

    async def test_story_counts_articles_outlets_languages(self, feed: Feeder) -> None:
        day = date(2025, 3, 12)
        for n, (outlet, language) in enumerate([("a.ma", "ar"), ("b.fr", "fr"), ("a.ma", "fr")]):
            verdict = await feed.send(
                f"r{n}", events=[event("ES", start=day)], outlet=outlet, language=language
            )
        counts = verdict.story.counts
        assert counts is not None
        assert (counts.articles, counts.outlets, counts.languages) == (3, 2, ["ar", "fr"])

    async def test_article_without_events_joins_no_story(self, feed: Feeder) -> None:
        verdict = await feed.send("quiet", "The weather was fine in Rabat.")
        assert (verdict.story.story_id, verdict.story.event_messages) == (None, [])

    async def test_other_language_and_sides_reversed_join_story(self, feed: Feeder) -> None:
        day = date(2025, 3, 12)
        first = await feed.send("fr", events=[event("ES", start=day, city="Rabat")])
        other = await feed.send(
            "ar",
            events=[event("MA", actor="ES", start=day, city="Rabat", agency="Policía")],
            language="ar",
        )
        assert other.story.story_id == first.story.story_id

    async def test_interpol_assemblies_of_two_years_are_two_stories(self, feed: Feeder) -> None:
        ga = "INTERPOL General Assembly"
        first = await feed.send(
            "2024",
            events=[
                event(
                    None,
                    organization="INTERPOL",
                    occasion=ga,
                    start=date(2024, 11, 4),
                    end=date(2024, 11, 7),
                    city="Glasgow",
                ),
                event("GB", occasion=ga, start=date(2024, 11, 5)),
            ],
        )
        second = await feed.send(
            "2025",
            events=[
                event(
                    None,
                    organization="INTERPOL",
                    occasion=ga,
                    start=date(2025, 11, 24),
                    end=date(2025, 11, 27),
                ),
                event("GB", occasion=ga, start=date(2025, 11, 25)),
            ],
        )
        assert second.story.story_id != first.story.story_id

    async def test_two_agreements_a_year_apart_are_two_stories(self, feed: Feeder) -> None:
        first = await feed.send(
            "mou-1", events=[event("ES", type="agreement", start=date(2024, 3, 12))]
        )
        second = await feed.send(
            "mou-2", events=[event("ES", type="agreement", start=date(2025, 3, 11))]
        )
        assert second.story.story_id != first.story.story_id

    async def test_minister_meeting_two_countries_same_day_two_stories(self, feed: Feeder) -> None:
        day = date(2025, 6, 3)
        first = await feed.send("fr", events=[event("FR", start=day, city="Rabat")])
        second = await feed.send("de", events=[event("DE", start=day, city="Rabat")])
        assert second.story.story_id != first.story.story_id

    async def test_undated_report_a_year_later_is_another_story(self, feed: Feeder) -> None:
        published = datetime(2024, 3, 13, tzinfo=UTC)
        first = await feed.send("then", events=[event("ES")], published_at=published)
        second = await feed.send(
            "now", events=[event("ES")], published_at=published + timedelta(days=365)
        )
        assert second.story.story_id != first.story.story_id

    async def test_few_parties_of_a_larger_gathering_are_another_story(self, feed: Feeder) -> None:
        """The Arab interior ministers in Tunis (no date, no place found) and, the day before,
        a bilateral Algeria-Tunisia police meeting in Algiers."""
        published = datetime(2025, 3, 6, tzinfo=UTC)
        council = [event(c, actor="TN") for c in ("DZ", "EG", "JO", "MA", "SA")]
        first = await feed.send("council", events=council, published_at=published)
        bilateral = [event("TN", actor="DZ", start=date(2025, 3, 4), city="Algiers")]
        second = await feed.send("bilateral", events=bilateral, published_at=published)
        assert second.story.story_id != first.story.story_id

    async def test_same_parties_with_no_date_or_place_join(self, feed: Feeder) -> None:
        published = datetime(2025, 11, 5, tzinfo=UTC)
        first = await feed.send("en", events=[event("CO", actor="ES")], published_at=published)
        second = await feed.send("es", events=[event("ES", actor="CO")], published_at=published)
        assert second.story.story_id == first.story.story_id

    async def test_dateline_in_the_capital_and_raid_in_the_port_join(self, feed: Feeder) -> None:
        """One joint operation: Reuters datelined Bogotá, a Spanish outlet naming Cartagena,
        neither giving the event date; published a day apart."""
        published = datetime(2025, 11, 5, tzinfo=UTC)
        op = "joint_operation"
        first = await feed.send(
            "en",
            events=[event("ES", actor="CO", type=op, city="Bogota", where="CO")],
            published_at=published,
        )
        second = await feed.send(
            "es",
            events=[event("CO", actor="ES", type=op, city="Cartagena", where="CO")],
            language="es",
            published_at=published - timedelta(days=1),
        )
        assert second.story.story_id == first.story.story_id

    async def test_transfer_seen_from_both_ends_joins(self, feed: Feeder) -> None:
        """Prisoners flown from Mexico City to New York: each outlet names another end."""
        published = datetime(2025, 8, 13, tzinfo=UTC)
        first = await feed.send(
            "en",
            events=[event("US", actor="MX", type="extradition", city="Mexico City", where="MX")],
            published_at=published,
        )
        second = await feed.send(
            "es",
            events=[event("US", actor="MX", type="extradition", city="New York", where="US")],
            language="es",
            published_at=published - timedelta(days=1),
        )
        assert second.story.story_id == first.story.story_id

    async def test_visit_returned_a_week_later_elsewhere_is_another_story(
        self, feed: Feeder
    ) -> None:
        """The Spanish minister in Rabat, then the Moroccan one in Madrid a week later:
        same parties, same kind of event, undated reports, other places — two stories."""
        published = datetime(2025, 3, 4, tzinfo=UTC)
        first = await feed.send(
            "rabat", events=[event("ES", city="Rabat", where="MA")], published_at=published
        )
        second = await feed.send(
            "madrid",
            events=[event("ES", city="Madrid", where="ES")],
            published_at=published + timedelta(days=7),
        )
        assert second.story.story_id != first.story.story_id

    async def test_other_event_of_the_same_parties_elsewhere_is_another_story(
        self, feed: Feeder
    ) -> None:
        """The same day, the same two countries: a meeting in Rabat and a joint operation in
        Tangier share no event, so their places keep them apart."""
        published = datetime(2025, 3, 4, tzinfo=UTC)
        first = await feed.send(
            "meeting", events=[event("ES", city="Rabat", where="MA")], published_at=published
        )
        second = await feed.send(
            "raid",
            events=[event("ES", type="joint_operation", city="Tangier", where="MA")],
            published_at=published,
        )
        assert second.story.story_id != first.story.story_id

    async def test_place_of_a_country_taking_no_part_in_one_report_joins(
        self, feed: Feeder
    ) -> None:
        """An extradition from Bogotá; the other report's place is a surname read as a city
        (Mendoza, Argentina): a place where no party is from is weak evidence."""
        published = datetime(2026, 2, 11, tzinfo=UTC)
        sent = event("US", actor="CO", type="extradition", city="Bogota", where="CO")
        first = await feed.send("en", events=[sent], published_at=published)
        misread = event("US", actor="CO", type="extradition", city="Mendoza", where="AR")
        second = await feed.send(
            "es", events=[misread], language="es", published_at=published + timedelta(days=1)
        )
        assert second.story.story_id == first.story.story_id

    async def test_two_places_where_no_party_is_from_still_conflict(self, feed: Feeder) -> None:
        """A MA-ES meeting in Brussels and one in Geneva the same day: two stories."""
        published = datetime(2025, 3, 4, tzinfo=UTC)
        first = await feed.send(
            "brussels", events=[event("ES", city="Brussels", where="BE")], published_at=published
        )
        second = await feed.send(
            "geneva", events=[event("ES", city="Geneva", where="CH")], published_at=published
        )
        assert second.story.story_id != first.story.story_id

    async def test_report_without_city_or_occasion_joins(self, feed: Feeder) -> None:
        """One outlet names the city and the occasion, the other neither."""
        day = date(2025, 11, 25)
        first = await feed.send(
            "full", events=[event("NO", start=day, city="Marrakech", occasion="GA")]
        )
        bare = await feed.send("bare", events=[event("MA", actor="NO", start=day)], language="ar")
        assert bare.story.story_id == first.story.story_id

    async def test_day_and_month_precision_join(self, feed: Feeder) -> None:
        """'On 12 March' in one report, 'in March' in the other."""
        published = datetime(2025, 3, 14, tzinfo=UTC)
        day = event("ES", type="agreement", start=date(2025, 3, 12))
        month = event("ES", type="training", start=date(2025, 3, 1))
        month = month.model_copy(
            update={"date": DateRange(start=date(2025, 3, 1), precision="month")}
        )
        first = await feed.send("day", events=[day], published_at=published)
        second = await feed.send("month", events=[month], published_at=published)
        assert second.story.story_id == first.story.story_id

    async def test_background_date_in_one_report_joins(self, feed: Feeder) -> None:
        """One report dates its events with last year's arrest (all its event dates lie
        months before publication), the other gives no date: one story."""
        published = datetime(2025, 6, 4, tzinfo=UTC)
        old = event("US", actor="HN", type="extradition", start=date(2024, 8, 1))
        first = await feed.send(
            "undated", events=[event("US", actor="HN", type="extradition")], published_at=published
        )
        second = await feed.send(
            "old", events=[old], language="fr", published_at=published + timedelta(days=1)
        )
        assert second.story.story_id == first.story.story_id

    async def test_first_report_is_new_then_mentions_grow(self, feed: Feeder) -> None:
        day = date(2025, 3, 12)
        kinds = []
        for n in range(3):
            verdict = await feed.send(f"r{n}", events=[event("ES", start=day)])
            kinds += [(m.kind, m.mentions) for m in verdict.story.event_messages]
        assert kinds == [("new", 1), ("mention", 2), ("mention", 3)]

    async def test_mention_carries_event_as_first_coded(self, feed: Feeder) -> None:
        day = date(2025, 3, 12)
        await feed.send("first", events=[event("ES", start=day, agency="DGSN")])
        verdict = await feed.send("later", events=[event("ES", start=day, agency="Sûreté")])
        assert verdict.story.event_messages[0].event.actor.agency == "DGSN"

    async def test_redelivered_article_counts_nothing_twice(self, feed: Feeder) -> None:
        events = [event("ES", start=date(2025, 3, 12))]
        await feed.send("first", events=events)
        once = await feed.send("second", events=events)
        again = await feed.send("second", events=events)
        assert again.story.counts == once.story.counts
        assert [m.mentions for m in again.story.event_messages] == [2]

    async def test_copy_joins_its_originals_story(self, feed: Feeder) -> None:
        text = seed_texts()["001_6b56e5e20511414a"]
        first = await feed.send("original", text, [event("ES", start=date(2025, 3, 12))])
        copy = await feed.send("copy", text + "\nMAP", [event("PT", start=date(2025, 1, 1))])
        assert copy.story.story_id == first.story.story_id
