"""The commands that talk to Redis, end to end: a subprocess with REDIS_URL and the test's
COOPSTREAM_* stream names, against a real server (and an in-process worker where needed)."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from redis.asyncio import Redis

from tests.integration.conftest import WorkerFactory, wait_for_len, worker_env, xadd_json
from tests.test_cli import coopstream
from workers.settings import Settings

pytestmark = pytest.mark.redis
ROOT = Path(__file__).resolve().parents[2]
CliRunner = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def settings(settings_factory: Callable[..., Settings], redis_url: str) -> Settings:
    return settings_factory(redis_url=redis_url)


@pytest.fixture
def cli(settings: Settings) -> CliRunner:
    """``await asyncio.to_thread(cli, "publish", ...)`` — so an in-process worker keeps going."""

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return coopstream(*args, env=worker_env(settings))

    return run


async def entries(client: Redis, stream: str) -> list[dict[bytes, bytes]]:
    return [fields for _id, fields in await client.xrange(stream)]


class TestPublish:
    async def test_every_kind_of_file_is_one_entry_per_article(
        self, cli: CliRunner, redis_client: Redis, settings: Settings, tmp_path: Path
    ) -> None:
        """.txt (id = stem), .json object and list, .jsonl, a nested folder: 6 articles."""
        (tmp_path / "sub").mkdir()
        (tmp_path / "sub" / "note-7.txt").write_text("Police talks in Rabat.")
        (tmp_path / "one.json").write_text(json.dumps({"id": "j1", "text": "a"}))
        (tmp_path / "list.json").write_text(json.dumps([{"text": "b"}, {"text": "c"}]))
        (tmp_path / "lines.jsonl").write_text('{"text": "d"}\n\n{"text": "e"}\n')
        result = await asyncio.to_thread(cli, "publish", str(tmp_path))
        assert result.returncode == 0, result.stderr
        assert "sent 6 articles" in result.stdout
        sent = [json.loads(f[b"data"]) for f in await entries(redis_client, settings.input_stream)]
        assert {"id": "note-7", "text": "Police talks in Rabat."} in sent

    async def test_labelled_record_maps_published_and_drops_gold(
        self, cli: CliRunner, redis_client: Redis, settings: Settings, tmp_path: Path
    ) -> None:
        record = {"id": "r", "text": "t", "published": "2025-11-27", "gold": {"relevant": True}}
        (tmp_path / "set.jsonl").write_text(json.dumps(record) + "\n")
        result = await asyncio.to_thread(cli, "publish", str(tmp_path / "set.jsonl"))
        assert "sent 1 articles" in result.stdout
        first = json.loads((await entries(redis_client, settings.input_stream))[0][b"data"])
        assert "gold" not in first
        assert first["published_at"] == "2025-11-27"


class TestTail:
    async def test_one_readable_line_per_article(
        self,
        cli: CliRunner,
        worker: WorkerFactory,
        redis_client: Redis,
        article_factory: Callable[..., dict[str, Any]],
    ) -> None:
        async with worker() as runtime:
            for n in range(2):
                await xadd_json(
                    redis_client, runtime.settings.input_stream, article_factory(id=f"t{n}")
                )
            await wait_for_len(redis_client, runtime.settings.enriched_stream, 2)
            result = await asyncio.to_thread(cli, "tail", "--from-start", "--count", "2")
        assert result.returncode == 0, result.stderr
        first, second = result.stdout.splitlines()
        assert first.startswith("t0  [fr]  countries: ES MA  events: meeting")
        assert "story st-" in first
        assert second.startswith("t1  [fr]")

    async def test_json_lines_for_machines(
        self,
        cli: CliRunner,
        worker: WorkerFactory,
        redis_client: Redis,
        article_factory: Callable[..., dict[str, Any]],
    ) -> None:
        async with worker() as runtime:
            await xadd_json(redis_client, runtime.settings.input_stream, article_factory(id="j"))
            await wait_for_len(redis_client, runtime.settings.enriched_stream, 1)
            result = await asyncio.to_thread(cli, "tail", "--from-start", "--count", "1", "--json")
        assert json.loads(result.stdout)["id"] == "j"

    async def test_follows_only_new_articles_by_default(
        self, cli: CliRunner, redis_client: Redis, settings: Settings
    ) -> None:
        """An old entry is not shown; --timeout ends the wait (exit 1: fewer than --count)."""
        await redis_client.xadd(settings.enriched_stream, {"id": "old", "data": "{}"})
        result = await asyncio.to_thread(cli, "tail", "--count", "1", "--timeout", "1.5")
        assert (result.returncode, result.stdout) == (1, "")


async def dead_letters(worker: WorkerFactory, client: Redis, fields: list[dict[str, Any]]) -> None:
    """Send ``fields`` as raw entries and let a worker dead-letter them."""
    async with worker() as runtime:
        for entry in fields:
            await client.xadd(runtime.settings.input_stream, entry)
        await wait_for_len(client, runtime.settings.dead_stream, len(fields))


class TestDead:
    async def test_list_shows_reason_entry_deliveries_and_detail(
        self, cli: CliRunner, worker: WorkerFactory, redis_client: Redis, settings: Settings
    ) -> None:
        await dead_letters(worker, redis_client, [{"data": "{oops"}, {"title": "no text"}])
        result = await asyncio.to_thread(cli, "dead", "list")
        lines = result.stdout.splitlines()
        assert "invalid_json" in lines[0]
        assert "deliveries 1" in lines[0]
        assert "not JSON" in lines[0]
        assert "missing_text" in lines[1]
        assert lines[-1] == f"2 dead letters in {settings.dead_stream}"

    async def test_list_filters_by_reason(
        self, cli: CliRunner, worker: WorkerFactory, redis_client: Redis
    ) -> None:
        await dead_letters(worker, redis_client, [{"data": "{oops"}, {"title": "no text"}])
        result = await asyncio.to_thread(cli, "dead", "list", "--reason", "missing_text")
        assert [line.split()[1] for line in result.stdout.splitlines()[:-1]] == ["missing_text"]

    async def test_redrive_one_restores_the_original_bytes(
        self, cli: CliRunner, worker: WorkerFactory, redis_client: Redis, settings: Settings
    ) -> None:
        """A non-UTF-8 entry (kept as base64) goes back byte for byte; the letter is gone."""
        original = {b"data": b"\xff\xfe not utf-8", b"source": b"scraper-9"}
        await dead_letters(worker, redis_client, [original])
        [(dead_id, _)] = await redis_client.xrange(settings.dead_stream)
        before = await redis_client.xlen(settings.input_stream)
        result = await asyncio.to_thread(cli, "dead", "redrive", "--id", dead_id.decode())
        assert "redrove 1 dead letters" in result.stdout
        assert await redis_client.xlen(settings.dead_stream) == 0
        assert (await entries(redis_client, settings.input_stream))[before:] == [original]

    async def test_redrive_a_reason_leaves_the_others(
        self, cli: CliRunner, worker: WorkerFactory, redis_client: Redis, settings: Settings
    ) -> None:
        await dead_letters(worker, redis_client, [{"data": "{a"}, {"data": "{b"}, {"x": "y"}])
        result = await asyncio.to_thread(cli, "dead", "redrive", "--reason", "invalid_json")
        assert "redrove 2 dead letters" in result.stdout
        [(_, left)] = await redis_client.xrange(settings.dead_stream)
        assert left[b"reason"] == b"missing_text"

    async def test_redrive_all_is_processed_again_by_a_worker(
        self,
        cli: CliRunner,
        worker: WorkerFactory,
        redis_client: Redis,
        settings: Settings,
        article_factory: Callable[..., dict[str, Any]],
    ) -> None:
        """Fixed upstream (here: the limit raised), a redriven letter is enriched."""
        big = json.dumps(article_factory(id="big", text="Police " * 400))
        async with worker(max_text_chars=1000) as runtime:
            await redis_client.xadd(runtime.settings.input_stream, {"data": big})
            await wait_for_len(redis_client, runtime.settings.dead_stream, 1)
        result = await asyncio.to_thread(cli, "dead", "redrive", "--all")
        assert "redrove 1 dead letters" in result.stdout
        async with worker():
            await wait_for_len(redis_client, settings.enriched_stream, 1)

    async def test_redrive_unknown_id_is_an_error(self, cli: CliRunner) -> None:
        result = await asyncio.to_thread(cli, "dead", "redrive", "--id", "1-1")
        assert result.returncode == 1
        assert "no dead letter 1-1" in result.stderr


@pytest.mark.timeout(120)
async def test_run_with_two_workers_drains_and_stops_on_sigterm(
    settings: Settings,
    redis_client: Redis,
    article_factory: Callable[..., dict[str, Any]],
    tmp_path: Path,
) -> None:
    """`run --workers 2`: two consumer processes share the input; SIGTERM exits 0."""
    for n in range(6):
        await xadd_json(redis_client, settings.input_stream, article_factory(id=f"w{n}"))
    env = worker_env(settings)
    log = tmp_path / "run.log"
    with log.open("wb") as sink:
        proc = await asyncio.create_subprocess_exec(
            *(sys.executable, "-m", "workers.cli", "run", "--workers", "2"),
            cwd=ROOT,
            env={**coopstream_base_env(), **env},
            stdout=sink,
            stderr=sink,
        )
    try:
        await wait_for_len(redis_client, settings.enriched_stream, 6, timeout=60)
    finally:
        proc.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(proc.wait(), 30)
    starts = [
        json.loads(line) for line in log.read_text().splitlines() if "worker_starting" in line
    ]
    assert code == 0
    assert sorted(e["consumer"] for e in starts) == [
        f"{settings.consumer}-0",
        f"{settings.consumer}-1",
    ]


def coopstream_base_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("REDIS_", "COOPSTREAM_"))}
