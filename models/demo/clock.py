"""The demo's clock: the units of work stamp the day the demo says a clerk did each thing."""

from __future__ import annotations

from datetime import date, datetime, time

from models.domain.meeting_vocabulary import FEDERATION_TZ


class DemoClock:
    """Set to a day (and a local time) before each command; `Database.with_clock` reads it."""

    def __init__(self, day: date) -> None:
        self.now = datetime.combine(day, time(9, 0), tzinfo=FEDERATION_TZ)

    def at(self, day: date, at: time = time(9, 30)) -> None:
        self.now = datetime.combine(day, at, tzinfo=FEDERATION_TZ)

    def __call__(self) -> datetime:
        return self.now
