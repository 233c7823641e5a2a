"""The AsyncAPI document of the streams, generated from the code.

``app`` is the worker application built from the default settings, without connecting to
anything — what ``faststream docs gen workers.asyncapi:app`` (or ``--factory
workers.asyncapi:build``) and ``coopstream docs`` read. It is built on first access, so importing
this module costs nothing.
"""

from __future__ import annotations

import importlib
import json
from typing import Any

from faststream import FastStream

from workers.app import build_app
from workers.settings import Settings


def document_settings() -> Settings:
    """The defaults, whatever the environment says, with a fixed consumer name: the document
    describes the service, not one deployment, and must not change from host to host."""
    return Settings.model_construct(consumer="coopstream-worker")


def build() -> FastStream:
    app, _broker, _runtime = build_app(document_settings())
    return app


def document() -> dict[str, Any]:
    """The AsyncAPI document as JSON-ready data, its named sections sorted by name: FastStream
    keeps publishers in hash order, so the raw order changes from run to run."""
    schema: dict[str, Any] = build().schema.to_specification().to_jsonable()
    for section in (schema, schema.get("components", {})):
        for name in ("channels", "operations", "messages", "schemas"):
            if isinstance(section.get(name), dict):
                section[name] = dict(sorted(section[name].items()))
    return schema


def render(fmt: str = "json") -> str:
    """The document as text: ``json`` (no dependency) or ``yaml`` (needs PyYAML)."""
    if fmt == "yaml":
        yaml = importlib.import_module("yaml")  # optional: ImportError without PyYAML
        return str(yaml.safe_dump(document(), sort_keys=False, allow_unicode=True))
    return json.dumps(document(), indent=2, ensure_ascii=False) + "\n"


def __getattr__(name: str) -> FastStream:
    """``workers.asyncapi:app``, built when first asked for (PEP 562)."""
    if name == "app":
        return build()
    raise AttributeError(name)
