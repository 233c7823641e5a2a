"""Takes over entries left pending by a dead (or restarted) consumer, in batches.

FastStream's stream subscriber reads only new entries (``>``): an entry delivered to a consumer
that died — or to this one before a restart — stays pending forever. The reclaimer runs beside
the subscriber: every interval it ``XAUTOCLAIM``s entries idle longer than the threshold (any
consumer's, its own included), reads their delivery counts with one ``XPENDING``, and feeds them
through the same processor. An entry delivered too often without ever failing cleanly (it kills
workers) is dead-lettered as ``processing_failed``.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from redis.asyncio import Redis

from workers.logs import get_logger
from workers.processor import TRANSIENT, Entry, Processor
from workers.settings import Settings

PRUNE_IDLE_MS = 3_600_000
"""A consumer idle this long with nothing pending is a process that is gone."""
PRUNE_EVERY = 100
"""Sweeps between two prunings."""
CRASH_FACTOR = 3
"""Deliveries allowed per permitted failure before an entry that never fails cleanly is dead."""


class Reclaimer:
    """Background task: claim idle pending entries and process them."""

    def __init__(self, settings: Settings, client: Redis, processor: Processor) -> None:
        self.settings = settings
        self.client = client
        self.processor = processor
        self.log = get_logger("coopstream.reclaim")
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()

    async def claim_once(self) -> int:
        """One XAUTOCLAIM sweep from the start of the PEL; returns entries processed."""
        s = self.settings
        start = "0-0"
        total = 0
        while not self._stopping.is_set():
            reply: Any = await self.client.xautoclaim(
                s.input_stream,
                s.group,
                s.consumer,
                min_idle_time=s.claim_idle_ms,
                start_id=start,
                count=s.batch_size,
            )
            start = reply[0].decode() if isinstance(reply[0], bytes) else str(reply[0])
            claimed = [(i, f) for i, f in reply[1] if f is not None]
            if claimed:
                entries = await self._with_delivery_counts(claimed)
                await self._process(entries)
                total += len(entries)
            if start == "0-0":
                break
        return total

    async def drain_own(self, budget_s: float) -> int:
        """Process this consumer's own pending entries (XREADGROUP from id 0).

        At shutdown: what FastStream read but dropped while stopping. At start-up: what a
        previous process with the same consumer name (a restarted container) left behind.
        """
        s = self.settings
        loop = asyncio.get_running_loop()
        deadline = loop.time() + budget_s
        total = 0
        while loop.time() < deadline:
            reply: Any = await self.client.xreadgroup(
                s.group, s.consumer, {s.input_stream: "0"}, count=s.batch_size
            )
            entries = reply[0][1] if reply else []
            if not entries:
                break
            gone = [i for i, f in entries if not f]
            if gone:  # trimmed or deleted while pending: nothing left to process
                await self.client.xack(s.input_stream, s.group, *gone)
            claimed = [(i, f) for i, f in entries if f]
            if claimed:
                await self._process(await self._with_delivery_counts(claimed))
                total += len(claimed)
        if total:
            self.log.info("own_pending_drained", count=total, consumer=s.consumer)
        return total

    async def _with_delivery_counts(
        self, claimed: list[tuple[bytes, dict[bytes, bytes]]]
    ) -> list[Entry]:
        s = self.settings
        ids = [i.decode() for i, _ in claimed]
        pending: Any = await self.client.xpending_range(
            s.input_stream,
            s.group,
            min=ids[0],
            max=ids[-1],
            count=len(ids) * 4 + 16,
            consumername=s.consumer,
        )
        counts = {
            (
                p["message_id"].decode() if isinstance(p["message_id"], bytes) else p["message_id"]
            ): int(p["times_delivered"])
            for p in pending
        }
        return [Entry(i, f, counts.get(i, 2)) for i, (_, f) in zip(ids, claimed, strict=True)]

    async def _process(self, entries: list[Entry]) -> None:
        limit = self.settings.max_failures * CRASH_FACTOR
        keep = [e for e in entries if e.delivery_count <= limit]
        crashed = [e for e in entries if e.delivery_count > limit]
        if crashed:
            await self.processor.dead_letter_crashed(crashed)
        if keep:
            self.log.info("entries_reclaimed", count=len(keep), first=keep[0].entry_id)
            await self.processor.process(keep)

    async def prune_consumers(self, idle_ms: int | None = None) -> list[str]:
        """Delete consumers that own nothing and have been idle for long: every restarted
        process leaves its old name in the group. Returns the names deleted."""
        s = self.settings
        idle_limit = max(PRUNE_IDLE_MS, 10 * s.claim_idle_ms) if idle_ms is None else idle_ms
        consumers: Any = await self.client.xinfo_consumers(s.input_stream, s.group)
        gone = []
        for consumer in consumers:
            name = consumer["name"]
            name = name.decode() if isinstance(name, bytes) else str(name)
            if name != s.consumer and consumer["pending"] == 0 and consumer["idle"] > idle_limit:
                await self.client.xgroup_delconsumer(s.input_stream, s.group, name)
                gone.append(name)
        if gone:
            self.log.info("consumers_pruned", consumers=gone)
        return gone

    async def run(self) -> None:
        """Loop until stopped; connection errors are logged and retried."""
        interval = self.settings.claim_interval_ms / 1000
        sweeps = 0
        while not self._stopping.is_set():
            try:
                await self.claim_once()
                sweeps += 1
                if sweeps % PRUNE_EVERY == 1:
                    await self.prune_consumers()
            except TRANSIENT as exc:
                self.processor.ready = False
                self.log.warning("reclaim_redis_error", error=type(exc).__name__)
            except Exception:
                self.log.exception("reclaim_failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), timeout=interval)

    def start(self) -> None:
        self._stopping.clear()
        self._task = asyncio.create_task(self.run(), name="coopstream-reclaimer")

    async def stop(self) -> None:
        self._stopping.set()
        if self._task is not None:
            await self._task
            self._task = None
