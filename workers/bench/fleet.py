"""Worker processes for the benchmarks, and what the server says about them.

Workers are real subprocesses (``coopstream run``, or the echo worker of
:mod:`workers.bench.transport`) with ``REDIS_URL`` and ``COOPSTREAM_*`` settings, so what is
measured is what is deployed; their logs go to files. Peak memory is read from
``/proc/<pid>/status`` (``VmHWM``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Literal

from redis.asyncio import Redis

Mode = Literal["real", "echo"]
COMMANDS: dict[Mode, list[str]] = {
    "real": [sys.executable, "-m", "workers.cli", "run"],
    "echo": [sys.executable, "-m", "workers.bench.transport"],
}


def peak_rss_mb(pid: int) -> float | None:
    """Peak resident set (``VmHWM``) of a live process, in MiB; None when unreadable."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return None


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a live process so far (0.0 when unreadable)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Fleet:
    """N worker processes of one kind; a context manager that always stops them."""

    def __init__(self, url: str, count: int, mode: Mode, logs: Path, name: str) -> None:
        self.url, self.count, self.mode, self.logs, self.name = url, count, mode, logs, name
        self.procs: list[subprocess.Popen[bytes]] = []
        self.peaks: list[float] = []

    def __enter__(self) -> Fleet:
        self.logs.mkdir(parents=True, exist_ok=True)
        root = Path(__file__).resolve().parents[2]
        for slot in range(self.count):
            env = {
                **os.environ,
                "REDIS_URL": self.url,
                "COOPSTREAM_CONSUMER": f"{self.name}-w{slot}",
                "COOPSTREAM_LOG_FORMAT": "json",
            }
            env.pop("COOPSTREAM_HTTP_PORT", None)
            log = (self.logs / f"{self.name}-w{slot}.log").open("wb")
            self.procs.append(
                subprocess.Popen(  # noqa: S603 — our own worker command
                    COMMANDS[self.mode], env=env, stdout=log, stderr=log, cwd=root
                )
            )
            log.close()
        return self

    def alive(self) -> bool:
        return all(proc.poll() is None for proc in self.procs)

    def cpu_seconds(self) -> float:
        """CPU time of all the workers so far."""
        return sum(cpu_seconds(proc.pid) for proc in self.procs)

    def read_peaks(self) -> list[float]:
        """Peak RSS of each worker so far (call before stopping them)."""
        self.peaks = [mb for proc in self.procs if (mb := peak_rss_mb(proc.pid)) is not None]
        return self.peaks

    def tail(self, lines: int = 20) -> str:
        """The end of the first worker's log, for error messages."""
        path = self.logs / f"{self.name}-w0.log"
        text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def __exit__(self, *_exc: object) -> None:
        if not self.peaks:
            self.read_peaks()
        for proc in self.procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


async def command_calls(client: Redis) -> dict[str, int]:
    """Calls per command since the last ``CONFIG RESETSTAT`` (commands run inside Lua
    scripts included, as the server counts them)."""
    stats: dict[str, Any] = await client.info("commandstats")
    return {
        name.removeprefix("cmdstat_"): int(value["calls"])
        for name, value in stats.items()
        if isinstance(value, dict) and "calls" in value
    }


async def server_cpu_seconds(client: Redis) -> float:
    """CPU time the server has used (``INFO cpu``: user + system, all its threads)."""
    cpu: dict[str, Any] = await client.info("cpu")
    return float(cpu["used_cpu_user"]) + float(cpu["used_cpu_sys"])


async def used_memory(client: Redis) -> int:
    """``used_memory`` in bytes."""
    return int((await client.info("memory"))["used_memory"])


async def key_bytes(client: Redis, *keys: str) -> int:
    """Memory used by these keys (exact for streams: every node is counted)."""
    total = 0
    for key in keys:
        used = await client.memory_usage(key, samples=0)
        total += int(used or 0)
    return total
