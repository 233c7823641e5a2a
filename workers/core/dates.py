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
from collections.abc import Iterator, Sequence
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
_DAY_UNITS = ("day", "days", "jours", "dias", "ايام", "يوما")
"""Words for days, folded: a duration's unit."""
_DAYS_UNIT = re.compile(rf"(?:-|\s+)(?:{'|'.join(map(re.escape, _DAY_UNITS))})(?!\w)")
_COUNT_BEFORE = re.compile(r"(?<!\w)(\d{1,2}|[^\W\d]+)\Z")
"""``a five-day course``, ``une session de cinq jours``, ``un curso de cinco días``, ``لمدة
خمسة أيام``: how many days an event lasts (folded text) — the unit is found first (most texts
have none: a substring check skips them), then the count right before it; one pattern for
both, tried at every word start, cost 1.0-1.5 ms per 5 KB article (timed over 40 texts of
the bench corpus, `workers.bench.corpus.Corpus`, at commit e420bad; now ~0.06-0.08 ms)."""
_COUNT_REACH = 40


def _durations(folded: str) -> Iterator[tuple[int, int, str, int]]:
    """(start, end, count word, count start) of each ``<count>[-| ]<day unit>``."""
    if not any(unit in folded for unit in _DAY_UNITS):
        return
    for unit in _DAYS_UNIT.finditer(folded):
        count = _COUNT_BEFORE.search(folded, max(0, unit.start() - _COUNT_REACH), unit.start())
        if count is not None:
            yield count.start(), unit.end(), count.group(1), count.start(1)


_NOT_DURATION = re.compile(
    r"(?:\b(?:il y a|hace|dans|en|within|in|after|before|last|past|next|des|los|les|the|ces|estos)"
    r"|(?<!\w)(?:قبل|بعد|خلال|منذ|اخر|الاخيره))\s*$"
)
"""Days before a duration's number that make it a time ago or ahead (``il y a trois jours``,
``in two days``, ``قبل ثلاثة أيام``), or days counted back (``the past five days``)."""
_AGO = re.compile(
    r"^\s*(?:ago|later|earlier|after|before|apres|plus tard|despues|antes|mas tarde)\b"
)
_DUAL_DAYS = re.compile(r"(?<!\w)(?:لمده|علي مدي|علي مدار|طيله) يومين(?!\w)")
"""``على مدى يومين``: the Arabic dual, two days."""
_DURATION_REACH = 60
"""A duration lengthens the one-day date written this close to it (same clause)."""
_LONGEST = 31
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
    return _lengthened(folded, mentions, found)


def _lengthened(folded: str, mentions: list[Mention], found: list[Dated]) -> list[Dated]:
    """A one-day date beside a duration (``a five-day course opened on Monday 14 April``)
    is the first day of a span that long: 14 to 18 April."""
    durations = [
        (start, end, days)
        for start, end, word, at in _durations(folded)
        if not _NOT_DURATION.search(folded[max(0, start - 16) : start])
        and not _AGO.match(folded[end : end + 16])
        and (days := _days(word, at, mentions)) is not None
    ]
    durations += [(m.start(), m.end(), 2) for m in _DUAL_DAYS.finditer(folded)]
    for start, end, days in durations:
        near = [
            (gap, index)
            for index, dated in enumerate(found)
            if dated.range.precision != "month"
            and dated.range.start is not None
            and dated.range.start == dated.range.end
            and 0 <= (gap := max(dated.start - end, start - dated.end)) <= _DURATION_REACH
        ]
        if not near:
            continue
        index = min(near)[1]
        dated = found[index]
        first = dated.range.start
        assert first is not None
        span = DateRange(
            start=first, end=first + timedelta(days=days - 1), precision=dated.range.precision
        )
        found[index] = Dated(dated.start, dated.end, span, dated.explicit)
    return found


def _days(word: str, at: int, mentions: list[Mention]) -> int | None:
    """The number of days a duration names (digits or a number word), when plausible."""
    if word.isdigit():
        days = int(word)
    else:
        value = next((m.value for m in mentions if m.kind == "number" and m.start == at), None)
        if value is None or not value.isdigit():
            return None
        days = int(value)
    return days if 2 <= days <= _LONGEST else None


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
