"""Reporting periods in local time: whole local days, first and last day included.

A dossier received at 23:30 on the last day of a month counts in that month, even though it is
already the next day in UTC; so every period is cut at local midnights, never at UTC ones.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

VIETNAM = "Asia/Ho_Chi_Minh"
LOCAL = "local"  # the machine's own zone
# Viet Nam has kept UTC+7 without daylight saving since 1975: a safe stand-in without tzdata.
_VIETNAM_FIXED = timezone(timedelta(hours=7), VIETNAM)


def zone(name: str | None = None) -> tzinfo:
    """The named IANA zone; None means Asia/Ho_Chi_Minh and "local" the machine's zone."""
    if name == LOCAL:
        return datetime.now().astimezone().tzinfo or _VIETNAM_FIXED
    try:
        return ZoneInfo(name or VIETNAM)
    except ZoneInfoNotFoundError:
        if (name or VIETNAM) == VIETNAM:
            return _VIETNAM_FIXED
        raise


def zone_name(tz: tzinfo) -> str:
    return getattr(tz, "key", None) or tz.tzname(None) or str(tz)


@dataclass(frozen=True)
class Period:
    first_day: date
    last_day: date  # included
    tz: tzinfo

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise ValueError(f"a period ends on or after its first day: {self}")

    @classmethod
    def today(cls, tz: tzinfo, now: datetime | None = None) -> Period:
        return cls.day(local_date(now or datetime.now(tz), tz), tz)

    @classmethod
    def day(cls, day: date, tz: tzinfo) -> Period:
        return cls(day, day, tz)

    @classmethod
    def week(cls, day: date, tz: tzinfo) -> Period:
        """Monday to Sunday, the week holding `day`."""
        monday = day - timedelta(days=day.weekday())
        return cls(monday, monday + timedelta(days=6), tz)

    @classmethod
    def month(cls, year: int, month: int, tz: tzinfo) -> Period:
        last = calendar.monthrange(year, month)[1]
        return cls(date(year, month, 1), date(year, month, last), tz)

    @classmethod
    def between(cls, first_day: date, last_day: date, tz: tzinfo) -> Period:
        return cls(first_day, last_day, tz)

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first_day, time(), self.tz)

    @property
    def end(self) -> datetime:
        """The local midnight after the last day: the period is [start, end)."""
        return datetime.combine(self.last_day + timedelta(days=1), time(), self.tz)

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


def local_date(moment: datetime, tz: tzinfo) -> date:
    return moment.astimezone(tz).date()


DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


def parse_day(text: str) -> date:
    """YYYY-MM-DD or DD/MM/YYYY; ValueError for anything else."""
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise ValueError(f"not a day: {text!r}")


class PeriodProblem(StrEnum):
    UNTIL_WITHOUT_SINCE = "until_without_since"
    UNTIL_BEFORE_SINCE = "until_before_since"


class PeriodError(ValueError):
    def __init__(self, problem: PeriodProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def chosen_period(
    since: date | None, until: date | None, tz: tzinfo, now: datetime | None = None
) -> Period:
    """The period a user asked for: from `since` (default today) to `until` (default today)."""
    if until is not None and since is None:
        raise PeriodError(PeriodProblem.UNTIL_WITHOUT_SINCE)
    today = Period.today(tz, now).first_day
    first, last = since or today, until or today
    if last < first:
        raise PeriodError(PeriodProblem.UNTIL_BEFORE_SINCE)
    return Period.between(first, last, tz)
