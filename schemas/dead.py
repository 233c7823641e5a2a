"""A dead letter: input coopstream could not process, kept with the reason on ``articles:dead``."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DeadReason = Literal[
    "invalid_json",
    "invalid_encoding",
    "missing_text",
    "too_large",
    "validation_error",
    "processing_failed",
]
"""Machine-readable reasons, stable across versions."""


class DeadLetter(BaseModel):
    """Everything an operator needs to understand and redrive a rejected entry."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: str = Field(default="1", description="Version of this contract.")
    reason: DeadReason = Field(description="Why it was rejected.")
    detail: str = Field(description="A human-readable explanation (never the article body).")
    source_stream: str = Field(description="The stream the entry was read from.")
    entry_id: str = Field(description="The entry's id in the source stream.")
    delivery_count: int = Field(ge=1, description="How many times it was delivered.")
    original: str = Field(
        description="The entry's original fields as a JSON object of strings; values that are "
        "not UTF-8 are base64 (see `original_encoding`)."
    )
    original_encoding: Literal["utf-8", "base64"] = Field(
        description="`base64` when some original value was not valid UTF-8 (then every value "
        "is base64)."
    )
    original_truncated: bool = Field(
        default=False, description="True when the original was cut to the size limit."
    )
    error: str | None = Field(default=None, description="The last error, for processing_failed.")
    worker: str = Field(description="The consumer that dead-lettered it.")
    failed_at: datetime = Field(description="When (UTC).")
