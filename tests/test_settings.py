"""Settings come from the environment and never leak credentials."""

from __future__ import annotations

import pytest

from workers.settings import load_settings, redact_url


def test_environment_variables_configure_streams(monkeypatch: pytest.MonkeyPatch) -> None:
    """COOPSTREAM_* and REDIS_URL are read."""
    monkeypatch.setenv("REDIS_URL", "redis://localhost:6380/1")
    monkeypatch.setenv("COOPSTREAM_INPUT_STREAM", "in")
    monkeypatch.setenv("COOPSTREAM_BATCH_SIZE", "7")
    settings = load_settings()
    assert (settings.input_stream, settings.batch_size) == ("in", 7)
    assert settings.redis_url_value == "redis://localhost:6380/1"


def test_password_is_redacted_everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither repr nor the safe URL shows the password."""
    monkeypatch.setenv("REDIS_URL", "rediss://worker:s3cr3t@redis.example:6380/0")
    settings = load_settings()
    assert "s3cr3t" not in repr(settings)
    assert "s3cr3t" not in settings.redis_url_safe
    assert settings.redis_url_safe == "rediss://***@redis.example:6380/0"


def test_url_without_credentials_is_unchanged() -> None:
    assert redact_url("redis://127.0.0.1:6379/0") == "redis://127.0.0.1:6379/0"


def test_invalid_setting_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bad value names the setting."""
    monkeypatch.setenv("COOPSTREAM_BATCH_SIZE", "zero")
    with pytest.raises(ValueError, match="batch_size"):
        load_settings()
