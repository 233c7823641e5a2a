"""The committed AsyncAPI document is current, parses, and names every stream and schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from workers.asyncapi import document, render

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "docs" / "asyncapi.json"
STREAMS = ("articles:raw", "articles:enriched", "events:cooperation", "articles:dead")
SCHEMAS = ("Article", "EnrichedArticle", "CooperationEvent", "EventMessage", "DeadLetter")


@pytest.fixture(scope="module")
def committed() -> dict[str, Any]:
    return dict(json.loads(COMMITTED.read_text(encoding="utf-8")))


class TestAsyncAPI:
    def test_committed_document_is_current(self) -> None:
        """Regenerated from the code, it is byte for byte the committed file."""
        assert render("json") == COMMITTED.read_text(encoding="utf-8"), (
            "docs/asyncapi.json is stale: run `coopstream docs --out docs/asyncapi.json`"
        )

    def test_generation_is_deterministic_across_processes(self) -> None:
        """Another interpreter (another hash seed) writes the same document."""
        code = "from workers.asyncapi import render; print(render(), end='')"
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
        )
        assert out.stdout == render("json")

    def test_it_is_asyncapi_3(self, committed: dict[str, Any]) -> None:
        assert committed["asyncapi"].startswith("3.")
        assert committed["info"]["title"] == "coopstream"

    @pytest.mark.parametrize("stream", STREAMS)
    def test_every_stream_is_a_channel(self, committed: dict[str, Any], stream: str) -> None:
        addresses = {channel["address"] for channel in committed["channels"].values()}
        assert stream in addresses

    @pytest.mark.parametrize("schema", SCHEMAS)
    def test_every_message_schema_is_described(
        self, committed: dict[str, Any], schema: str
    ) -> None:
        assert schema in committed["components"]["schemas"]

    def test_dead_letter_reasons_are_enumerated(self, committed: dict[str, Any]) -> None:
        reason = committed["components"]["schemas"]["DeadLetter"]["properties"]["reason"]
        assert "invalid_json" in json.dumps(reason)

    def test_document_ignores_the_environment(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """COOPSTREAM_* of one deployment do not leak into the service's document."""
        monkeypatch.setenv("COOPSTREAM_INPUT_STREAM", "elsewhere:raw")
        addresses = {channel["address"] for channel in document()["channels"].values()}
        assert "elsewhere:raw" not in addresses
