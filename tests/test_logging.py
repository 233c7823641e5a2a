"""One canonical log line per article; never a body or a password."""

from __future__ import annotations

import json
from collections.abc import Callable, MutableMapping
from typing import Any

import fakeredis
import pytest
from faststream import TestApp
from faststream.redis import TestRedisBroker
from structlog.testing import capture_logs

from workers.app import build_app
from workers.core.pipeline import Engines
from workers.logs import _drop_secrets, configure_logging
from workers.settings import Settings


@pytest.fixture(scope="module")
def engines() -> Engines:
    return Engines.load()


async def logged_run(
    settings: Settings, engines: Engines, articles: list[dict[str, Any]]
) -> tuple[list[MutableMapping[str, Any]], fakeredis.FakeAsyncRedis]:
    """Publish ``articles`` through the app on the in-memory broker; its log lines and store."""
    client = fakeredis.FakeAsyncRedis()
    app, broker, _ = build_app(settings, client=client, engines=engines)
    with capture_logs() as logs:
        async with TestRedisBroker(broker) as test_broker, TestApp(app):
            for article in articles:
                await test_broker.publish(article, stream=settings.input_stream)
    return logs, client


async def test_one_canonical_line_per_article(
    settings_factory: Callable[..., Settings],
    engines: Engines,
    article_factory: Callable[..., dict[str, Any]],
) -> None:
    """The line carries id, entry id, language, counts and elapsed time — not the text."""
    article = article_factory(text="CANARY-7f3a " * 20)
    logs, _ = await logged_run(settings_factory(), engines, [article])
    lines = [line for line in logs if line["event"] == "article_enriched"]
    assert len(lines) == 1
    line = lines[0]
    for key in ("article_id", "entry_id", "language", "events", "countries", "elapsed_ms"):
        assert key in line
    assert "CANARY-7f3a" not in json.dumps(logs, default=str)


async def test_a_repeated_article_is_logged_as_already_published(
    settings_factory: Callable[..., Settings],
    engines: Engines,
    article_factory: Callable[..., dict[str, Any]],
) -> None:
    """The same article pushed twice is published once; the log says which line was which."""
    settings = settings_factory()
    article = article_factory()
    logs, client = await logged_run(settings, engines, [article, article])
    events = [line["event"] for line in logs if line["event"].startswith("article_")]
    assert events == ["article_enriched", "article_already_published"]
    assert await client.xlen(settings.enriched_stream) == 1


def test_secret_keys_are_redacted_by_the_processor_chain() -> None:
    """Even a careless call that logs a body or URL prints `[redacted]`."""
    event = _drop_secrets(
        None, "info", {"event": "x", "text": "body", "redis_url": "redis://u:p@h"}
    )
    assert event["text"] == "[redacted]"
    assert event["redis_url"] == "[redacted]"


def test_json_logs_outside_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    """With fmt=json every line is a JSON object."""
    import structlog

    configure_logging("INFO", "json")
    structlog.get_logger("t").info("hello", n=1)
    line = capsys.readouterr().err.strip().splitlines()[-1]
    assert json.loads(line)["event"] == "hello"


def test_faststream_lines_go_through_our_handler(
    settings_factory: Callable[..., Settings], engines: Engines
) -> None:
    """FastStream's own lines (start, shutdown) are JSON too, even when it was imported after
    logging was configured and gave its logger a coloured handler of its own."""
    import logging

    configure_logging("INFO", "json")
    stray = logging.StreamHandler()
    logging.getLogger("faststream").addHandler(stray)
    logging.getLogger("faststream").propagate = False
    build_app(settings_factory(), client=fakeredis.FakeAsyncRedis(), engines=engines)
    lib = logging.getLogger("faststream")
    assert stray not in lib.handlers
    assert lib.propagate
