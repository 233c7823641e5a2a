"""Event coding: CAMEO codes and PLOVER types, and the stable event id.

CAMEO→PLOVER follows the published mapping (openeventdata/PLOVER, ``CAMEO2PLOVER-2021.txt``):
040–046 consult → CONSULT (042 make a visit, 043 host a visit, 044 meet at a third
location); 057 sign formal agreement → SUPPORT (PLOVER files signing under SUPPORT, not under
AGREE, which is for expressed intent, 03x); 062 cooperate militarily, 063 judicial
cooperation (extradition), 064 share intelligence → COOPERATE.
"""

from __future__ import annotations

import hashlib
from datetime import date

from schemas import EventType, Party

DEFAULT_CAMEO: dict[EventType, str] = {
    "meeting": "040",
    "agreement": "057",
    "joint_operation": "062",
    "training": "062",
    "intelligence_sharing": "064",
    "extradition": "063",
}

PLOVER: dict[str, str] = {
    "036": "AGREE",
    "040": "CONSULT",
    "041": "CONSULT",
    "042": "CONSULT",
    "043": "CONSULT",
    "044": "CONSULT",
    "046": "CONSULT",
    "057": "SUPPORT",
    "062": "COOPERATE",
    "063": "COOPERATE",
    "064": "COOPERATE",
}


def cameo(event_type: EventType, trigger_code: str | None) -> str:
    """The CAMEO code: the trigger's own (``043`` for a reception) if it is one of the
    type's codes, else the type's default."""
    default = DEFAULT_CAMEO[event_type]
    if trigger_code and trigger_code[:2] == default[:2] and trigger_code in PLOVER:
        return trigger_code
    return default


def plover(code: str) -> str:
    """The PLOVER event type of a CAMEO code."""
    return PLOVER[code]


def _side(party: Party) -> str:
    return party.country or party.organization or party.agency or "?"


def event_id(
    event_type: EventType,
    *,
    actor: Party,
    counterpart: Party,
    occasion: str | None,
    city: str | None,
    when: tuple[date | None, date | None] | None,
) -> str:
    """A hash of what does not depend on wording or language: the type, the two sides
    (sorted, so who acts does not matter), the occasion, the city and the dates."""
    sides = sorted([_side(actor), _side(counterpart)])
    dates = "" if when is None else f"{when[0]}/{when[1]}"
    signature = "\x1f".join([event_type, *sides, occasion or "", city or "", dates])
    return "ev-" + hashlib.sha256(signature.encode("utf-8")).hexdigest()[:20]
