"""``make chaos``: publish N articles while 3 workers run; SIGKILL workers mid-flight, restart
Redis, SIGTERM everything; then prove nothing was lost or published twice and every planted
bad input was dead-lettered with the right reason.

The server is our own embedded Valkey on a free loopback port, append-only on.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from faststream.redis.parser import BinaryMessageFormatV1
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

PROBE = "chaos_probe"
BAD_KINDS = ("invalid_json", "invalid_encoding", "missing_text", "too_large", "validation_error")
MAX_PAYLOAD = 200_000


def base_texts(root: Path) -> list[str]:
    """Seed articles and, where present, the development set's texts."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "seeds").glob("*.txt"))]
    for path in sorted((root / "tests" / "data" / "dev").glob("*.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        texts.extend(json.loads(line)["text"] for line in lines if line.strip())
    return texts


def bad_entry(kind: str, probe: str) -> dict[str, bytes]:
    """An entry that must end in the dead stream with reason ``kind``."""
    tag = {PROBE: probe.encode()}
    bodies: dict[str, bytes] = {
        "invalid_json": b'{"text": "unterminated',
        "invalid_encoding": b"\xff\xfe\xfd not utf-8",
        "missing_text": json.dumps({"title": "no body"}).encode(),
        "too_large": json.dumps({"text": "x" * (MAX_PAYLOAD + 10)}).encode(),
        "validation_error": json.dumps({"text": "ok text", "published_at": "someday"}).encode(),
    }
    return {"data": bodies[kind], **tag}


async def good_entry(n: int, text: str, run: str) -> tuple[str, dict[str, Any]]:
    """A good article in one of the three input shapes, with a unique id and text."""
    article = {"id": f"{run}-{n}", "text": f"{text}\n\n(ref {run}-{n})", "outlet": f"o{n % 7}"}
    shape = n % 10
    if shape < 7:
        return article["id"], {"data": json.dumps(article, ensure_ascii=False)}
    if shape < 9:
        return article["id"], article
    body = await BinaryMessageFormatV1.encode(
        message=article, reply_to=None, headers=None, correlation_id=str(uuid.uuid4())
    )
    return article["id"], {"__data__": body}


@dataclass
class Plan:
    """What was sent: good ids, and planted bad probes with their expected reasons."""

    good: set[str] = field(default_factory=set)
    bad: dict[str, str] = field(default_factory=dict)


async def produce(url: str, stream: str, n: int, root: Path, plan: Plan) -> None:
    """Publish ``n`` entries (1 % planted bad ones) in pipelined batches; survive restarts."""
    texts = base_texts(root)
    run = uuid.uuid4().hex[:6]
    client = Redis.from_url(url)
    batch: list[dict[str, Any]] = []
    for i in range(n):
        if i % 100 == 50:
            probe = f"bad-{i}"
            plan.bad[probe] = BAD_KINDS[(i // 100) % len(BAD_KINDS)]
            batch.append(bad_entry(plan.bad[probe], probe))
        else:
            article_id, fields = await good_entry(i, texts[i % len(texts)], run)
            plan.good.add(article_id)
            batch.append(fields)
        if len(batch) == 200 or i == n - 1:
            await _send(client, stream, batch)
            batch = []
    await client.aclose()


async def _send(client: Redis, stream: str, batch: list[dict[str, Any]]) -> None:
    while True:
        try:
            async with client.pipeline(transaction=False) as pipe:
                for fields in batch:
                    pipe.xadd(stream, fields)  # type: ignore[arg-type]  # str and bytes values
                await pipe.execute()
            return
        except (RedisConnectionError, OSError):
            await asyncio.sleep(0.5)  # Redis restarting: resend; repeats are idempotent


class Workers:
    """Worker subprocesses that can be killed and restarted."""

    def __init__(self, url: str, logs: Path, count: int = 3) -> None:
        self.url = url
        self.logs = logs
        self.procs: dict[int, subprocess.Popen[bytes]] = {}
        self.generation = 0
        for slot in range(count):
            self.start(slot)

    def start(self, slot: int) -> None:
        self.generation += 1
        env = {
            **os.environ,
            "REDIS_URL": self.url,
            "COOPSTREAM_CONSUMER": f"chaos-w{slot}-g{self.generation}",
            "COOPSTREAM_CLAIM_IDLE_MS": "3000",
            "COOPSTREAM_CLAIM_INTERVAL_MS": "500",
            "COOPSTREAM_MAX_PAYLOAD_BYTES": str(MAX_PAYLOAD),
            "COOPSTREAM_LOG_LEVEL": "WARNING",
            "COOPSTREAM_LOG_FORMAT": "json",
        }
        log = (self.logs / f"worker-{slot}-g{self.generation}.log").open("wb")
        self.procs[slot] = subprocess.Popen(
            [sys.executable, "-m", "workers.cli", "run"], env=env, stdout=log, stderr=log
        )

    def kill(self, slot: int) -> None:
        self.procs[slot].kill()
        self.procs[slot].wait()

    def terminate_all(self, timeout: float) -> list[int | None]:
        for proc in self.procs.values():
            proc.terminate()
        deadline = time.monotonic() + timeout
        codes: list[int | None] = []
        for proc in self.procs.values():
            try:
                codes.append(proc.wait(timeout=max(0.1, deadline - time.monotonic())))
            except subprocess.TimeoutExpired:
                proc.kill()
                codes.append(None)
        return codes


def probe_of(fields: dict[str, Any]) -> str | None:
    """The planted probe id in a dead letter's original fields, if any."""
    original = json.loads(fields["original"])
    if fields["original_encoding"] == "base64":
        original = {
            base64.b64decode(k).decode("utf-8", "replace"): base64.b64decode(v).decode(
                "utf-8", "replace"
            )
            for k, v in original.items()
        }
    value = original.get(PROBE)
    return str(value) if value is not None else None


def temp_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="coopstream-chaos-"))
