"""Officials named with their role in Latin-script news: ``Interior Minister Fernando
Grande-Marlaska``, ``le ministre de l'Intérieur, Gérald Darmanin,``, ``el ministro del
Interior español, Fernando Grande-Marlaska``, ``Spain's Interior Minister …``.

The role comes from the language's data (``cues.json`` → ``role``: English role name →
terms); the name is the run of capitalised words right after it (particles such as de, van,
al, ben allowed). A name only qualifies a side the sentence already has: the country written
beside the role (a demonym or a country name within a few words), never a new participant.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from workers.core.matcher import Mention
from workers.core.parties import Side
from workers.core.textmap import TextMap

_NAME = re.compile(
    r"(?:\s+(?:de|del|du|of)\s+(?:l'|la\s+|le\s+|the\s+)?[\w'’-]+)?"  # de l'Intérieur
    r"\s*,?\s*(?:(?:the|la|le|el|l')\s+)?"
    r"((?:[A-ZÀ-Þ][\w'’.-]+)(?:\s+(?:(?:de|del|de la|van|von|der|da|dos|du|al|el|ben|bin|ibn)\s+)?"
    r"[A-ZÀ-Þ][\w'’-]+){1,3})"
)
_BESIDE = 24
"""Characters between a role and the country written beside it (``Spain's``, ``español``)."""
_NAMED = frozenset({"person", "leader"})
"""Sides that name the official already (a known person or leader)."""
_CAPITALISED = re.compile(r"[A-ZÀ-Þ]")


def named_roles(
    textmap: TextMap, mentions: Sequence[Mention], found: Sequence[Side]
) -> list[tuple[str, str, str]]:
    """``(country, name, role)`` of the officials named with their role in one sentence."""
    named: list[tuple[str, str, str]] = []
    original = textmap.original
    for role in (m for m in mentions if m.kind == "role"):
        beside = [s for s in found if s.mention.kind not in _NAMED and _gap(s.mention, role) >= 0]
        if not beside:
            continue
        side = min(beside, key=lambda s: _gap(s.mention, role))
        after = max(role.end, side.mention.end) if side.mention.start > role.end else role.end
        match = _NAME.match(original, textmap.end(after))
        if match and _CAPITALISED.match(match.group(1)):
            name = match.group(1).rstrip(".,")
            named.append((side.country, name, role.value))
    return named


def _gap(side: Mention, role: Mention) -> int:
    """Characters between the role and a side's country written just before or after it,
    or -1 when it is not beside the role."""
    if side.end <= role.start:
        gap = role.start - side.end
    elif side.start >= role.end:
        gap = side.start - role.end
    else:
        return -1
    return gap if gap <= _BESIDE else -1
