"""Settings from environment variables (``COOPSTREAM_*`` and ``REDIS_URL``), built by a factory."""

from __future__ import annotations

import os
import socket
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_consumer() -> str:
    """One consumer name per process: host and pid."""
    return f"{socket.gethostname()}-{os.getpid()}"


def redact_url(url: str) -> str:
    """The URL with its password (and user name) replaced by ``***``."""
    parts = urlsplit(url)
    if parts.password is None and parts.username is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit(parts._replace(netloc=f"***@{host}"))


class Settings(BaseSettings):
    """Every knob of a worker. Frozen; build with :func:`load_settings`."""

    model_config = SettingsConfigDict(env_prefix="COOPSTREAM_", frozen=True, extra="ignore")

    redis_url: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("REDIS_URL", "COOPSTREAM_REDIS_URL"),
        description="redis:// or rediss:// URL; unset: `coopstream run` starts an embedded server.",
    )
    input_stream: str = "articles:raw"
    enriched_stream: str = "articles:enriched"
    events_stream: str = "events:cooperation"
    dead_stream: str = "articles:dead"
    group: str = "coopstream"
    consumer: str = Field(default_factory=default_consumer)
    key_prefix: str = "coopstream"

    batch_size: int = Field(default=64, ge=1, le=10_000, description="Entries read per poll.")
    block_ms: int = Field(default=500, ge=1, description="XREADGROUP BLOCK time.")
    enriched_maxlen: int = Field(default=1_000_000, ge=1, description="Approximate cap.")
    events_maxlen: int = Field(default=1_000_000, ge=1)
    dead_maxlen: int = Field(default=100_000, ge=1)

    max_payload_bytes: int = Field(default=2_000_000, ge=1024, description="Whole entry size.")
    max_text_chars: int = Field(default=500_000, ge=100, description="Article text length.")
    dead_original_max_bytes: int = Field(
        default=1_000_000, ge=1024, description="Originals kept in a dead letter are cut here."
    )

    max_failures: int = Field(default=5, ge=1, description="Processing failures before dead.")
    claim_idle_ms: int = Field(default=30_000, ge=1, description="Idle time before reclaim.")
    claim_interval_ms: int = Field(default=2_000, ge=10, description="Reclaim poll interval.")
    dedup_window_days: float = Field(default=14.0, gt=0)
    shutdown_timeout_s: float = Field(default=20.0, gt=0)
    startup_timeout_s: float = Field(default=60.0, gt=0, description="Wait this long for Redis.")

    http_port: int | None = Field(default=None, description="Metrics and health; off if unset.")
    http_host: str = "127.0.0.1"
    log_level: str = "INFO"
    log_format: Literal["auto", "json", "console"] = "auto"

    @property
    def redis_url_value(self) -> str:
        """The URL in clear, for connecting only — never log it; use ``redis_url_safe``."""
        if self.redis_url is None:
            msg = "REDIS_URL is not set"
            raise ValueError(msg)
        return self.redis_url.get_secret_value()

    @property
    def redis_url_safe(self) -> str:
        """The URL with credentials redacted, for logs and error messages."""
        return redact_url(self.redis_url_value) if self.redis_url else "(unset)"

    def key(self, *parts: str) -> str:
        """A Redis key under our prefix."""
        return ":".join((self.key_prefix, *parts))


def load_settings(**overrides: object) -> Settings:
    """Build settings from the environment, with explicit overrides (tests, CLI flags)."""
    return Settings(**overrides)  # type: ignore[arg-type]
