"""The README's ACL allows every command our Lua scripts run (scripts are checked per command)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def acl_commands() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- acl -->\s*```\s*(ACL SETUSER[^\n]+)", readme)
    assert match
    return {rule[1:].lower() for rule in match.group(1).split() if rule.startswith("+")}


def script_commands() -> set[str]:
    found: set[str] = set()
    for script in (ROOT / "workers" / "lua").glob("*.lua"):
        found |= {c.lower() for c in re.findall(r"redis\.call\('([A-Za-z]+)'", script.read_text())}
    return found


def test_every_script_command_is_allowed() -> None:
    """Adding a command to a script without adding it to the ACL fails here, not in prod."""
    missing = script_commands() - acl_commands()
    assert not missing, f"add to the README ACL: {sorted(missing)}"


def test_scripts_were_found() -> None:
    assert {"xadd", "xack"} <= script_commands()
