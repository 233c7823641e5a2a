"""The input message: one news article pushed by a scraper into ``articles:raw``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Article(BaseModel):
    """A news article as scrapers send it. Only ``text`` is required.

    Unknown keys are ignored, so scrapers may send more than we read.
    """

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True, frozen=True)

    id: str | None = Field(
        default=None,
        max_length=256,
        description="The scraper's id for the article; derived from `url`, else from the "
        "normalised text, when absent.",
    )
    text: str = Field(
        min_length=1, description="The article body, plain text (HTML tags are tolerated)."
    )
    url: str | None = Field(default=None, max_length=4096, description="Where it was published.")
    title: str | None = Field(default=None, max_length=2048, description="The headline.")
    outlet: str | None = Field(
        default=None, max_length=256, description="The publisher, e.g. `hespress.com`."
    )
    published_at: datetime | None = Field(
        default=None,
        description="ISO 8601 publication time given by the outlet; relative dates in the text "
        "(yesterday, أمس…) are resolved against it.",
    )
    metadata: dict[str, Any] = Field(
        default_factory=dict, description="Free-form scraper metadata, passed through unchanged."
    )

    @field_validator("id", "url", "title", "outlet", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        """An empty string in an optional field means the field is absent."""
        if isinstance(value, str) and not value.strip():
            return None
        return value
