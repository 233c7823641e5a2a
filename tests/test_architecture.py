"""The pure core never imports transport code; the contracts import nothing of ours."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = sorted((ROOT / "workers" / "core").rglob("*.py"))
SCHEMAS = sorted((ROOT / "schemas").rglob("*.py"))


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", CORE, ids=lambda p: str(p.relative_to(ROOT)))
def test_core_module_imports_no_transport(path: Path) -> None:
    """workers/core/* runs without Redis or FastStream."""
    bad = {m for m in imported_modules(path) if m.split(".")[0] in {"redis", "faststream"}}
    bad |= {
        m
        for m in imported_modules(path)
        if m.startswith("workers.") and not m.startswith("workers.core")
    }
    assert not bad, f"{path.name} imports {sorted(bad)}"


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: str(p.relative_to(ROOT)))
def test_schemas_import_nothing_of_ours(path: Path) -> None:
    """The wire contract depends only on pydantic and the standard library."""
    bad = {m for m in imported_modules(path) if m.split(".")[0] == "workers"}
    assert not bad


def test_there_is_a_core_to_check() -> None:
    assert len(CORE) >= 5
