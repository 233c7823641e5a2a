"""What the commands share: settings, the Redis URL or an embedded server, friendly errors."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic import SecretStr

from workers.embedded import embedded_server
from workers.settings import Settings, load_settings, redact_url


class CommandError(Exception):
    """An error a person can act on; printed without a traceback."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@contextmanager
def redis_or_embedded(
    settings: Settings | None = None, *, data_dir: Path | None = None, announce: bool = True
) -> Iterator[Settings]:
    """Settings whose ``redis_url`` is set: REDIS_URL as given, else an embedded server
    started for the duration of the block."""
    settings = settings or load_settings()
    if settings.redis_url is not None:
        yield settings
        return
    with embedded_server(data_dir=data_dir) as url:
        if announce:
            print(
                f"coopstream: no REDIS_URL set; embedded Valkey listening on {url}",
                file=sys.stderr,
                flush=True,
            )
        yield settings.model_copy(update={"redis_url": SecretStr(url)})


def describe_url(settings: Settings) -> str:
    """The URL to show people: credentials redacted."""
    return redact_url(settings.redis_url_value) if settings.redis_url else "(embedded)"
