"""DateRange: an inclusive span of calendar days, as used by the dashboards' filters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain.errors import InvalidValue


def day_of(moment: date) -> date:
    """The calendar day of a date or a datetime (a datetime is a date in Python)."""
    return moment.date() if isinstance(moment, datetime) else moment


@dataclass(frozen=True)
class DateRange:
    """The days from `start` to `end`, both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        object.__setattr__(self, "start", day_of(self.start))
        object.__setattr__(self, "end", day_of(self.end))
        if self.start > self.end:
            raise InvalidValue(
                f"a date range cannot start ({self.start}) after it ends ({self.end})"
            )

    @property
    def days(self) -> int:
        """Number of calendar days covered, both ends included."""
        return (self.end - self.start).days + 1

    def contains(self, moment: date) -> bool:
        """True when the day of `moment` (a date or a timestamp) falls inside the range."""
        return self.start <= day_of(moment) <= self.end

    def overlaps(self, other: DateRange) -> bool:
        return self.start <= other.end and other.start <= self.end
