"""Workers run as the README's least-privilege ACL user, and never log bodies or passwords."""

from __future__ import annotations

import asyncio
import json
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from redis import Redis
from redis.exceptions import NoPermissionError

from workers.embedded import EmbeddedServer
from workers.settings import load_settings

pytestmark = pytest.mark.redis
ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "pw-Canary-7Hq2x9"
BODY_CANARY = "BODY-CANARY-c41f"


def readme_acl() -> list[str]:
    """The ACL SETUSER rule as the README shows it, with the password filled in."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- acl -->\s*```\s*(ACL SETUSER[^\n]+)\s*```", readme)
    assert match, "README.md has no ACL block"
    return match.group(1).replace("CHANGE-ME", PASSWORD).split()[2:]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[EmbeddedServer]:
    """A server of our own: ACL changes never touch the shared one."""
    embedded = EmbeddedServer(data_dir=tmp_path / "valkey", appendonly=False)
    embedded.start()
    admin = Redis.from_url(embedded.url)
    admin.execute_command("ACL", "SETUSER", *readme_acl())
    admin.close()
    yield embedded
    embedded.cleanup()


def run_worker(url: str, log: Path) -> subprocess.Popen[bytes]:
    env = {
        "PATH": "/usr/bin:/bin",
        "REDIS_URL": url,
        "COOPSTREAM_LOG_FORMAT": "json",
        "COOPSTREAM_LOG_LEVEL": "DEBUG",
        "COOPSTREAM_BLOCK_MS": "50",
        "COOPSTREAM_HTTP_PORT": "0",
    }
    with log.open("wb") as sink:
        return subprocess.Popen(
            [sys.executable, "-m", "workers.cli", "run"],
            env=env,
            cwd=ROOT,
            stdout=sink,
            stderr=sink,
        )


def wait_len(client: Redis, stream: str, count: int, timeout: float = 30.0) -> None:
    import time

    deadline = time.monotonic() + timeout
    while client.xlen(stream) < count:
        assert time.monotonic() < deadline, f"{stream} never reached {count}"
        time.sleep(0.05)


@pytest.mark.timeout(120)
def test_worker_runs_as_the_least_privilege_user_and_logs_no_secrets(
    server: EmbeddedServer, tmp_path: Path
) -> None:
    """Good and bad input flow as the ACL user; no log line has the password or a body."""
    url = f"redis://coopstream:{PASSWORD}@127.0.0.1:{server.port}/0"
    settings = load_settings(redis_url=url)
    admin = Redis.from_url(server.url)
    body = f"La police espagnole et la police marocaine ont signé un accord. {BODY_CANARY} " * 5
    admin.xadd(settings.input_stream, {"data": json.dumps({"id": "ok-1", "text": body})})
    admin.xadd(settings.input_stream, {"data": f'{{"text": "{BODY_CANARY} unterminated'})
    log = tmp_path / "worker.log"
    proc = run_worker(url, log)
    try:
        wait_len(admin, settings.enriched_stream, 1)
        wait_len(admin, settings.dead_stream, 1)
    finally:
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(30)
    output = log.read_text(encoding="utf-8", errors="replace")
    assert code == 0, output[-3000:]
    assert "NOPERM" not in output
    assert "NoPermission" not in output
    assert PASSWORD not in output
    assert BODY_CANARY not in output
    assert admin.xpending(settings.input_stream, settings.group)["pending"] == 0
    admin.close()


def test_the_acl_user_cannot_touch_other_keys(server: EmbeddedServer) -> None:
    """Least privilege: a key outside the patterns, or FLUSHALL, is refused."""
    user = Redis.from_url(f"redis://coopstream:{PASSWORD}@127.0.0.1:{server.port}/0")
    with pytest.raises(NoPermissionError):
        user.set("someone-elses-key", "x")
    with pytest.raises(NoPermissionError):
        user.flushall()
    user.close()


def test_cli_error_names_no_password(server: EmbeddedServer) -> None:
    """A wrong password gives an actionable message that does not echo it."""
    wrong = "wrong-Secret-91"
    result = subprocess.run(
        [sys.executable, "-m", "workers.cli", "run"],
        env={
            "PATH": "/usr/bin:/bin",
            "REDIS_URL": f"redis://coopstream:{wrong}@127.0.0.1:{server.port}/0",
            "COOPSTREAM_STARTUP_TIMEOUT_S": "2",
        },
        cwd=ROOT,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    out = (result.stdout + result.stderr).decode()
    assert wrong not in out
    assert "credentials" in out or "password" in out.lower()


def test_rediss_url_builds_a_tls_client() -> None:
    """rediss:// URLs give a TLS connection (no server needed to check the wiring)."""
    from redis.asyncio.connection import SSLConnection

    from workers.connection import redis_client

    client = redis_client(load_settings(redis_url="rediss://u:p@example.org:6380/0"))
    assert client.connection_pool.connection_class is SSLConnection
    asyncio.run(client.aclose())
