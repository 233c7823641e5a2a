"""What the commands share: settings, the Redis URL or an embedded server, friendly errors."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic import SecretStr

from workers.embedded import embedded_server
from workers.settings import Settings, load_settings, redact_url

EMBEDDED_DIR = Path("var/embedded")
"""Where ``coopstream run`` keeps the embedded server's data (its ``--data-dir`` default)."""
URL_FILE = "server.url"


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
        marker = data_dir / URL_FILE if data_dir is not None else None
        if marker is not None:  # where publish, tail and dead find it
            marker.write_text(url, encoding="utf-8")
        try:
            yield settings.model_copy(update={"redis_url": SecretStr(url)})
        finally:
            if marker is not None:
                marker.unlink(missing_ok=True)


def connect_settings(settings: Settings | None = None) -> Settings:
    """Settings whose ``redis_url`` is set, for commands that talk to a running service:
    REDIS_URL, else the embedded server a local ``coopstream run`` started."""
    settings = settings or load_settings()
    if settings.redis_url is not None:
        return settings
    marker = EMBEDDED_DIR / URL_FILE
    if marker.is_file():
        url = marker.read_text(encoding="utf-8").strip()
        return settings.model_copy(update={"redis_url": SecretStr(url)})
    msg = (
        "REDIS_URL is not set and no embedded server is running here (`coopstream run` "
        f"writes its URL to {marker}). Set REDIS_URL=redis://HOST:6379/0, or start `make run`."
    )
    raise CommandError(msg)


def describe_url(settings: Settings) -> str:
    """The URL to show people: credentials redacted."""
    return redact_url(settings.redis_url_value) if settings.redis_url else "(embedded)"
