"""Stream entry → Article, or a rejection with a machine-readable reason.

Accepts the three shapes of the wire format: a FastStream-published message (field
``__data__``), a plain ``XADD`` whose field ``data`` holds the JSON object, and a plain ``XADD``
with the object's keys as flat fields. Sizes are checked before anything is parsed.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

from faststream.redis.parser import BinaryMessageFormatV1
from pydantic import ValidationError

from schemas import Article, DeadReason
from workers.core.normalize import has_text

FASTSTREAM_FIELD = b"__data__"
DATA_FIELD = b"data"


@dataclass(frozen=True)
class Rejection:
    """Why an entry cannot be processed. ``detail`` never contains the article text."""

    reason: DeadReason
    detail: str


@dataclass(frozen=True)
class Limits:
    """Size limits checked before parsing."""

    max_payload_bytes: int = 2_000_000
    max_text_chars: int = 500_000


def entry_size(fields: dict[bytes, bytes]) -> int:
    """Bytes in an entry's field names and values."""
    return sum(len(k) + len(v) for k, v in fields.items())


def _decode(raw: bytes, what: str) -> str | Rejection:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Rejection("invalid_encoding", f"{what} is not UTF-8 (byte {exc.start})")


def _json_object(raw: bytes, what: str) -> dict[str, Any] | Rejection:
    text = _decode(raw, what)
    if isinstance(text, Rejection):
        return text
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return Rejection("invalid_json", f"{what} is not JSON: {exc.msg} at position {exc.pos}")
    except RecursionError:
        return Rejection("invalid_json", f"{what} is nested too deeply")
    if not isinstance(value, dict):
        return Rejection(
            "validation_error", f"{what} must be a JSON object, not {type(value).__name__}"
        )
    return value


def _flat_object(fields: dict[bytes, bytes]) -> dict[str, Any] | Rejection:
    obj: dict[str, Any] = {}
    for raw_key, raw_value in fields.items():
        key = _decode(raw_key, "a field name")
        if isinstance(key, Rejection):
            return key
        value = _decode(raw_value, f"field {key!r}")
        if isinstance(value, Rejection):
            return value
        obj[key] = value
    metadata = obj.get("metadata")
    if isinstance(metadata, str) and metadata.strip():
        parsed = _json_object(metadata.encode(), "field 'metadata'")
        if isinstance(parsed, Rejection):
            return parsed
        obj["metadata"] = parsed
    return obj


def payload_object(fields: dict[bytes, bytes]) -> dict[str, Any] | Rejection:
    """The JSON object an entry carries, whatever its shape."""
    if FASTSTREAM_FIELD in fields:
        body, _headers = BinaryMessageFormatV1.parse(fields[FASTSTREAM_FIELD])
        return _json_object(body, "the FastStream message body")
    if DATA_FIELD in fields:
        return _json_object(fields[DATA_FIELD], "field 'data'")
    if not fields:
        return Rejection("missing_text", "the entry has no fields")
    return _flat_object(fields)


def _validation_detail(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors(include_url=False, include_input=False, include_context=False)[:5]:
        where = ".".join(str(p) for p in error["loc"]) or "(root)"
        parts.append(f"{where}: {error['msg']}")
    return "; ".join(parts)


def _text_problem(text: object, limits: Limits) -> Rejection | None:
    """Missing, empty, markup-only or oversized text (wrong types are left to validation)."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return Rejection("missing_text", "`text` is missing or empty")
    if not isinstance(text, str):
        return None
    if len(text) > limits.max_text_chars:
        return Rejection(
            "too_large", f"`text` has {len(text)} characters, limit {limits.max_text_chars}"
        )
    if not has_text(text):
        return Rejection("missing_text", "`text` has nothing left once markup is removed")
    return None


def parse_entry(fields: dict[bytes, bytes], limits: Limits) -> Article | Rejection:
    """Decode and validate one stream entry."""
    size = entry_size(fields)
    if size > limits.max_payload_bytes:
        return Rejection("too_large", f"entry is {size} bytes, limit {limits.max_payload_bytes}")
    obj = payload_object(fields)
    if isinstance(obj, Rejection):
        return obj
    problem = _text_problem(obj.get("text"), limits)
    if problem is not None:
        return problem
    try:
        return Article.model_validate(obj)
    except ValidationError as exc:
        return Rejection("validation_error", _validation_detail(exc))


def original_for_dead_letter(fields: dict[bytes, bytes], max_bytes: int) -> tuple[str, str, bool]:
    """The entry's fields as a JSON object of strings: (json, encoding, truncated).

    UTF-8 when every name and value decodes, else every one is base64; values are cut so the
    whole stays near ``max_bytes``.
    """
    budget = max(1, max_bytes // max(1, len(fields)))
    truncated = any(len(v) > budget for v in fields.values())
    cut = {k: v[:budget] for k, v in fields.items()}
    try:
        text = {k.decode("utf-8"): v.decode("utf-8") for k, v in cut.items()}
        return json.dumps(text, ensure_ascii=False), "utf-8", truncated
    except UnicodeDecodeError:
        encoded = {
            base64.b64encode(k).decode("ascii"): base64.b64encode(v).decode("ascii")
            for k, v in cut.items()
        }
        return json.dumps(encoded), "base64", truncated
