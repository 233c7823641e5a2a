"""CAMEO and PLOVER codes, and the stable event id."""

from __future__ import annotations

from datetime import date

from schemas import Party
from workers.core import coding


class TestCoding:
    def test_a_reception_keeps_its_host_code(self) -> None:
        assert coding.cameo("meeting", "043") == "043"

    def test_a_code_of_another_family_falls_back_to_the_type_default(self) -> None:
        assert coding.cameo("agreement", "043") == "057"

    def test_signing_maps_to_support_as_plover_publishes_it(self) -> None:
        assert coding.plover("057") == "SUPPORT"

    def test_intelligence_sharing_maps_to_cooperate(self) -> None:
        assert coding.plover(coding.cameo("intelligence_sharing", None)) == "COOPERATE"


class TestEventId:
    def test_the_id_does_not_depend_on_who_acts(self) -> None:
        morocco, spain = Party(country="MA"), Party(country="ES")
        common = {"occasion": None, "city": "Rabat", "when": (date(2025, 3, 1), date(2025, 3, 1))}
        one = coding.event_id("meeting", actor=morocco, counterpart=spain, **common)  # type: ignore[arg-type]
        two = coding.event_id("meeting", actor=spain, counterpart=morocco, **common)  # type: ignore[arg-type]
        assert one == two

    def test_another_date_is_another_event(self) -> None:
        morocco, spain = Party(country="MA"), Party(country="ES")
        one = coding.event_id(
            "meeting",
            actor=morocco,
            counterpart=spain,
            occasion=None,
            city=None,
            when=(date(2025, 3, 1), date(2025, 3, 1)),
        )
        two = coding.event_id(
            "meeting",
            actor=morocco,
            counterpart=spain,
            occasion=None,
            city=None,
            when=(date(2025, 4, 1), date(2025, 4, 1)),
        )
        assert one != two
