"""Fixtures shared by the core's tests."""

from __future__ import annotations

import pytest

from workers.core.events import Extractor


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """Every language's matchers, compiled once for the whole run (as a worker does)."""
    return Extractor.load()
