"""The FastStream shell: subscribe to the input stream, run the core, commit through the outbox.

Thin on purpose: entries are read by FastStream's batch stream subscriber (raw, undecoded —
FastStream's own decoder fails a whole batch on one non-UTF-8 entry), processed by
:class:`workers.processor.Processor`, and published and acknowledged atomically by the outbox.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from faststream import Context, FastStream
from faststream.middlewares import AckPolicy
from faststream.redis import RedisBroker, StreamSub
from faststream.redis.message import FAKE_CONSUMER, RedisBatchStreamMessage
from faststream.redis.parser import BinaryMessageFormatV1
from faststream.specification import AsyncAPI
from redis.asyncio import Redis
from redis.exceptions import ResponseError

from schemas import Article, DeadLetter, EnrichedArticle, EventMessage
from workers import __version__
from workers.connection import ensure_group, redis_client, wait_for_redis
from workers.core.pipeline import Engines, Pipeline
from workers.http import HttpServer, serve_http
from workers.intake import FASTSTREAM_FIELD
from workers.logs import adopt_library_loggers, get_logger
from workers.metrics import Metrics, middleware
from workers.outbox import Outbox, Streams
from workers.processor import TRANSIENT, Entry, Processor
from workers.reclaim import Reclaimer
from workers.settings import Settings
from workers.stores import redis_index


async def raw_parser(msg: Any, _original: Any) -> RedisBatchStreamMessage:
    """Keep entries raw: intake decodes each one and dead-letters what it cannot read."""
    ids = [i.decode() if isinstance(i, bytes) else str(i) for i in msg.get("message_ids", [])]
    correlation_id = ids[0] if ids else "none"
    first = (msg.get("data") or [{}])[0]
    if isinstance(first, dict) and FASTSTREAM_FIELD in first:
        _, headers = BinaryMessageFormatV1.parse(first[FASTSTREAM_FIELD])
        correlation_id = str(headers.get("correlation_id", correlation_id))
    return RedisBatchStreamMessage(
        raw_message=msg,
        body=b"",
        headers={},
        batch_headers=[],
        path={},
        reply_to="",
        content_type=None,
        message_id=correlation_id,
        correlation_id=correlation_id,
        consumer=FAKE_CONSUMER,  # acks go through the outbox script, not the message
        group=None,
    )


async def raw_decoder(_msg: Any, _original: Any) -> None:
    """Nothing to decode: the handler reads the raw entries."""
    return


@dataclass
class Runtime:
    """What a worker builds at start-up and tears down at shutdown."""

    settings: Settings
    client: Redis | None = None
    engines: Engines | None = None
    processor: Processor | None = None
    reclaimer: Reclaimer | None = None
    http: HttpServer | None = None
    owns_client: bool = False
    metrics: Metrics = field(init=False)

    def __post_init__(self) -> None:
        self.metrics = Metrics(self.settings)  # a registry per app: tests build several


async def start_runtime(runtime: Runtime) -> None:
    """Connect, create the group at 0, load the engines and build the processor (start-up)."""
    settings = runtime.settings
    log = get_logger("coopstream.app")
    if runtime.client is None:
        runtime.client = redis_client(settings)
        runtime.owns_client = True
    await wait_for_redis(runtime.client, settings)
    created = await ensure_group(runtime.client, settings.input_stream, settings.group)
    if runtime.engines is None:
        runtime.engines = Engines.load()
    index = redis_index(
        runtime.client,
        prefix=settings.key_prefix,
        window_s=int(settings.dedup_window_days * 86400),
    )
    pipeline = Pipeline(runtime.engines, index=index, worker=settings.consumer)
    streams = Streams(
        input=settings.input_stream,
        enriched=settings.enriched_stream,
        events=settings.events_stream,
        dead=settings.dead_stream,
        group=settings.group,
        enriched_maxlen=settings.enriched_maxlen,
        events_maxlen=settings.events_maxlen,
        dead_maxlen=settings.dead_maxlen,
    )
    outbox = Outbox(
        runtime.client,
        streams,
        key_prefix=settings.key_prefix,
        idempotency_ttl_s=int(settings.dedup_window_days * 86400),
    )
    runtime.processor = Processor(
        settings, pipeline, outbox, runtime.client, observer=runtime.metrics
    )
    runtime.reclaimer = Reclaimer(settings, runtime.client, runtime.processor)
    log.info(
        "worker_starting",
        consumer=settings.consumer,
        input=settings.input_stream,
        group=settings.group,
        group_created=created,
        redis=settings.redis_url_safe,
    )


def build_app(
    settings: Settings, *, client: Redis | None = None, engines: Engines | None = None
) -> tuple[FastStream, RedisBroker, Runtime]:
    """The worker application. ``client`` and ``engines`` may be injected by tests."""
    log = get_logger("coopstream.app")
    runtime = Runtime(settings=settings, client=client, engines=engines)
    broker = RedisBroker(
        settings.redis_url_value if settings.redis_url else "redis://127.0.0.1:6379",
        graceful_timeout=settings.shutdown_timeout_s,
        logger=logging.getLogger("faststream"),
        log_level=logging.DEBUG,  # per-batch Received/Processed lines; ours are per article
        retry_on_timeout=True,
        middlewares=[middleware(runtime.metrics.registry)],
    )

    subscriber = broker.subscriber(
        stream=StreamSub(
            settings.input_stream,
            group=settings.group,
            consumer=settings.consumer,
            batch=True,
            max_records=settings.batch_size,
            polling_interval=settings.block_ms,
        ),
        ack_policy=AckPolicy.MANUAL,
        parser=raw_parser,
        decoder=raw_decoder,
        title=f"{settings.input_stream}:consume",
        description="Articles pushed by scrapers: a FastStream message, a plain XADD with a "
        "`data` field holding the JSON object, or a plain XADD with flat fields.",
    )
    # The outbox script publishes these atomically with the ack; they are declared here so the
    # AsyncAPI document names every stream and its schema.
    for stream, schema, text in (
        (settings.enriched_stream, EnrichedArticle, "One enriched article per input article."),
        (settings.events_stream, EventMessage, "Each cooperation event once, then mentions."),
        (settings.dead_stream, DeadLetter, "Input that could not be processed, with reason."),
    ):
        broker.publisher(stream=stream, schema=schema, title=f"{stream}:publish", description=text)

    @subscriber
    async def consume(
        body: list[Article] | None, message: RedisBatchStreamMessage = Context("message")
    ) -> None:
        raw = message.raw_message
        data = raw["data"]
        ids = [i.decode() if isinstance(i, bytes) else str(i) for i in raw["message_ids"]]
        # FastStream's in-memory test broker gives no entry ids; real reads always do.
        ids += [f"0-{n}" for n in range(len(ids), len(data))]
        entries = [Entry(i, fields) for i, fields in zip(ids, data, strict=True)]
        assert runtime.processor is not None
        await runtime.processor.process(entries)

    app = FastStream(
        broker,
        logger=logging.getLogger("faststream"),
        specification=AsyncAPI(
            title="coopstream",
            version=__version__,
            description="Security-cooperation news: language, events, duplicates and stories.",
        ),
    )

    adopt_library_loggers()
    serve_http(app, runtime, subscriber)  # before our hooks: up first, down first

    @app.on_startup
    async def start_up() -> None:
        await start_runtime(runtime)
        assert runtime.reclaimer is not None
        # Before the subscriber starts: once it reads, its new entries are pending for this
        # consumer too, and draining from id 0 would process them a second time.
        await runtime.reclaimer.drain_own(settings.shutdown_timeout_s)

    @app.after_startup
    async def started() -> None:
        assert runtime.reclaimer is not None
        assert runtime.processor is not None
        runtime.processor.ready = True
        runtime.reclaimer.start()

    @app.on_shutdown
    async def shut_down() -> None:
        if runtime.reclaimer is not None:
            await runtime.reclaimer.stop()
        if runtime.processor is not None:
            runtime.processor.ready = False
        log.info("worker_stopping", consumer=settings.consumer)

    @app.after_shutdown
    async def closed() -> None:
        if runtime.reclaimer is not None:
            # FastStream drops a batch it read while stopping: finish it before exiting.
            try:
                await runtime.reclaimer.drain_own(settings.shutdown_timeout_s)
            except (*TRANSIENT, ResponseError) as exc:  # Redis away, or the group vanished
                log.warning("drain_failed", error=type(exc).__name__)
        if runtime.owns_client and runtime.client is not None:
            await runtime.client.aclose()
            runtime.client = None

    return app, broker, runtime
