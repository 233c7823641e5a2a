"""Entry → Article or a rejection with the right reason, before any Redis is involved."""

from __future__ import annotations

import json

import pytest

from schemas import Article
from workers.intake import Limits, Rejection, original_for_dead_letter, parse_entry

LIMITS = Limits(max_payload_bytes=10_000, max_text_chars=2_000)


def data(obj: object) -> dict[bytes, bytes]:
    return {b"data": json.dumps(obj).encode()}


class TestShapes:
    def test_data_field(self) -> None:
        """A JSON object in `data` is read with all its fields."""
        parsed = parse_entry(data({"text": "hello world", "id": "a", "outlet": "x"}), LIMITS)
        assert isinstance(parsed, Article)
        assert (parsed.id, parsed.outlet) == ("a", "x")

    def test_flat_fields_with_json_metadata(self) -> None:
        """Flat fields are the object's keys; `metadata` may hold a JSON object."""
        parsed = parse_entry({b"text": b"body", b"metadata": b'{"k": 1}'}, LIMITS)
        assert isinstance(parsed, Article)
        assert parsed.metadata == {"k": 1}

    def test_blank_optional_field_is_absent(self) -> None:
        """An empty `url` from a flat XADD means no url."""
        parsed = parse_entry({b"text": b"body", b"url": b""}, LIMITS)
        assert isinstance(parsed, Article)
        assert parsed.url is None

    def test_unknown_keys_are_ignored(self) -> None:
        """Scrapers may send more than we read."""
        assert isinstance(parse_entry(data({"text": "t", "lang_hint": "ar"}), LIMITS), Article)


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({b"data": b"{oops"}, "invalid_json"),
        ({b"data": b"\xc3\x28"}, "invalid_encoding"),
        ({b"text": b"\xff"}, "invalid_encoding"),
        ({b"\xff": b"x"}, "invalid_encoding"),
        ({}, "missing_text"),
        (data({"title": "t"}), "missing_text"),
        (data({"text": ""}), "missing_text"),
        (data({"text": 42}), "validation_error"),
        (data({"text": "t", "metadata": "x"}), "validation_error"),
        (data("just a string"), "validation_error"),
        ({b"text": b"t", b"metadata": b"[1]"}, "validation_error"),
        (data({"text": "x" * 2_001}), "too_large"),
        ({b"data": b"x" * 10_001}, "too_large"),
        ({b"data": b"[" * 100_000}, "too_large"),
    ],
)
def test_rejections(fields: dict[bytes, bytes], reason: str) -> None:
    """Each kind of bad input gets its machine-readable reason."""
    parsed = parse_entry(fields, LIMITS)
    assert isinstance(parsed, Rejection)
    assert parsed.reason == reason


def test_deeply_nested_json_is_rejected_not_raised() -> None:
    """Pathological nesting within the size limit is a clean rejection."""
    parsed = parse_entry({b"data": b"[" * 5_000}, LIMITS)
    assert isinstance(parsed, Rejection)
    assert parsed.reason in {"invalid_json", "validation_error"}


def test_rejection_detail_never_contains_the_text() -> None:
    """Validation messages name fields, not values (no bodies in logs)."""
    parsed = parse_entry(data({"text": "SECRET-BODY", "published_at": "SECRET-DATE"}), LIMITS)
    assert isinstance(parsed, Rejection)
    assert "SECRET" not in parsed.detail


class TestOriginal:
    def test_utf8_original_is_kept_as_text(self) -> None:
        original, encoding, truncated = original_for_dead_letter({b"data": b"{x"}, 1000)
        assert (json.loads(original), encoding, truncated) == ({"data": "{x"}, "utf-8", False)

    def test_large_original_is_truncated_and_flagged(self) -> None:
        _, _, truncated = original_for_dead_letter({b"data": b"x" * 5000}, 1000)
        assert truncated


def test_markup_only_text_is_missing_text() -> None:
    """HTML with no words is not an article."""
    parsed = parse_entry(data({"text": "<div><p></p><br/></div>"}), LIMITS)
    assert isinstance(parsed, Rejection)
    assert parsed.reason == "missing_text"
