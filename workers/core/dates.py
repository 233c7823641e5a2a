"""Dates as the text gives them, found around month names (from the lexicon), and relative
dates (yesterday, أمس, hier, ayer, weekdays) resolved against the publication date.

Forms: ``24 نونبر 2025``, ``ما بين 24 و27 نونبر 2025``, ``du 24 au 27 novembre 2025``,
``from 24 to 27 November``, ``November 24-27, 2025``, ``del 24 al 27 de noviembre de 2025``,
``November 2025`` (month precision). A year missing from the text is taken from the
publication date; with no publication date there is no date. Vague spans (last week) give
none: a date is never invented.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from schemas import DateRange
from workers.core.matcher import Mention

_ORD = r"(?:er|eme|º|°|st|nd|rd|th)?"
_TO = r"(?:-|/|و|الي|حتي|au|et|a|al|y|to|and|till|until|through)"  # folded: إلى → الي
_LEFT = re.compile(
    rf"(?:(?<!\d)(\d{{1,2}}){_ORD}\s*{_TO}\s*(?:le |el |the )?)?(?<!\d)(\d{{1,2}}){_ORD}\s*"
    r"(?:de |of |من شهر |شهر )?$"
)
_RIGHT = re.compile(rf"^\s*(\d{{1,2}}){_ORD}(?:\s*{_TO}\s*(\d{{1,2}}){_ORD})?(?!\d)")
_YEAR = re.compile(r"^\s*,?\s*(?:de |del |of |من |سنة |عام |من سنة |من عام )?((?:19|20)\d\d)(?!\d)")
_WINDOW = 24
_FUTURE_SLACK = timedelta(days=31)
_SPAN_DAYS = 14


@dataclass(frozen=True)
class Dated:
    """A date found at ``[start, end)`` of the folded text; ``explicit`` when written out."""

    start: int
    end: int
    range: DateRange
    explicit: bool


def find_dates(folded: str, mentions: list[Mention], published: datetime | None) -> list[Dated]:
    """Every date the text gives, in order."""
    day = published.date() if published else None
    found: list[Dated] = []
    for mention in mentions:
        if mention.kind == "month":
            dated = _absolute(folded, mention, day)
        elif mention.kind in ("relative", "weekday") and day is not None:
            dated = _relative(mention, day)
        else:
            continue
        if dated is not None:
            found.append(dated)
    return found


def _absolute(folded: str, month_mention: Mention, published: date | None) -> Dated | None:
    month = int(month_mention.value)
    start, end = month_mention.start, month_mention.end
    left = _LEFT.search(folded[max(0, start - _WINDOW) : start])
    days: tuple[str | None, str | None] = (None, None)
    if left:
        days = (left.group(1) or left.group(2), left.group(2))
        start -= len(left.group())
    else:
        right = _RIGHT.match(folded[end : end + _WINDOW])
        if right and not _YEAR.match(folded[end : end + _WINDOW]):
            days = (right.group(1), right.group(2) or right.group(1))
            end += right.end()
    year_match = _YEAR.match(folded[end : end + _WINDOW])
    if year_match:
        year = int(year_match.group(1))
        end += year_match.end()
    elif days[0] is not None and published is not None:
        year = published.year
    else:
        return None
    guessed = published if year_match is None else None
    return _build((start, end), year, month, days, guessed)


def _build(
    where: tuple[int, int],
    year: int,
    month: int,
    days: tuple[str | None, str | None],
    guessed_from: date | None,
) -> Dated | None:
    """The range; a year taken from the publication date is moved back a year when the
    date would otherwise fall well after publication (news reports the past)."""
    try:
        if days[0] is None:
            last = date(year, month, calendar.monthrange(year, month)[1])
            span = DateRange(start=date(year, month, 1), end=last, precision="month")
            return Dated(*where, span, True)
        first = date(year, month, int(days[0]))
        last_day = date(year, month, int(days[1] or days[0]))
    except ValueError:
        return None
    if last_day < first:
        return None
    if guessed_from is not None and first > guessed_from + _FUTURE_SLACK:
        first, last_day = first.replace(year=year - 1), last_day.replace(year=year - 1)
    return Dated(*where, DateRange(start=first, end=last_day, precision="day"), True)


def _relative(mention: Mention, published: date) -> Dated | None:
    if mention.value == "vague":
        return None
    if mention.kind == "weekday":
        back = (published.weekday() - int(mention.value)) % 7
        day = published - timedelta(days=back)
    else:
        day = published + timedelta(days=int(mention.value))
    span = DateRange(start=day, end=day, precision="published")
    return Dated(mention.start, mention.end, span, False)


def event_span(dated: Sequence[Dated], at: int) -> Dated | None:
    """The date of an event from the dates around it: a single date as it is; dates within a
    fortnight of each other (``began on Monday, 9 June … ended on Friday``) as their span;
    else the one nearest the trigger at ``at`` (``arrested in August 2024 … extradited on
    March 6``), a written-out date before a relative one."""
    if len(dated) <= 1:
        return dated[0] if dated else None
    days = [d for d in dated if d.range.precision != "month" and d.range.start and d.range.end]
    if len(days) > 1:
        first = min(d.range.start for d in days if d.range.start)
        last = max(d.range.end for d in days if d.range.end)
        if (last - first).days <= _SPAN_DAYS:
            explicit = any(d.explicit for d in days)
            precision = "day" if explicit else "published"
            span = DateRange(start=first, end=last, precision=precision)
            return Dated(days[0].start, days[-1].end, span, explicit)
    return min(dated, key=lambda d: (abs(d.start - at) if at >= 0 else 0, not d.explicit))
