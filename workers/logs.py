"""One shared structlog processor chain: JSON outside a terminal, readable in one."""

from __future__ import annotations

import logging
import sys
from typing import Any, Literal

import structlog

_FORBIDDEN = ("text", "body", "password", "redis_url")
_LIBRARY_LOGGERS = ("faststream", "faststream.access.redis")


def _drop_secrets(_: Any, __: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    """Last line of defence: never print an article body or credentials."""
    for key in _FORBIDDEN:
        if key in event_dict:
            event_dict[key] = "[redacted]"
    return event_dict


def configure_logging(
    level: str = "INFO", fmt: Literal["auto", "json", "console"] = "auto"
) -> None:
    """Configure structlog and the stdlib root logger (FastStream logs through it)."""
    use_json = fmt == "json" or (fmt == "auto" and not sys.stderr.isatty())
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        _drop_secrets,
    ]
    renderer: Any = (
        structlog.processors.JSONRenderer(ensure_ascii=False)
        if use_json
        else structlog.dev.ConsoleRenderer()
    )
    structlog.configure(
        processors=[*shared, structlog.processors.format_exc_info, renderer],
        wrapper_class=structlog.make_filtering_bound_logger(
            logging.getLevelNamesMapping().get(level.upper(), logging.INFO)
        ),
        logger_factory=structlog.PrintLoggerFactory(sys.stderr),
        cache_logger_on_first_use=False,
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(level.upper())
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            processor=renderer, foreign_pre_chain=[*shared, structlog.stdlib.ExtraAdder()]
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    adopt_library_loggers()


def adopt_library_loggers() -> None:
    """Send FastStream's log records through the root handler (JSON off a terminal).

    FastStream gives its loggers their own coloured stdout handler when it is first imported,
    which may be after :func:`configure_logging` (the CLI imports it lazily): the app calls
    this again once it is built.
    """
    for name in _LIBRARY_LOGGERS:
        lib = logging.getLogger(name)
        lib.handlers.clear()
        lib.propagate = True


def get_logger(name: str = "coopstream") -> Any:
    """The logger every module uses."""
    return structlog.get_logger(name)
