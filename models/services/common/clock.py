"""Today in Beijing, where the federation works: deadlines, visits and papers are dated by it.

Read from the entities' clock (`utcnow`), so the demo's stamped dates and the program agree."""

from __future__ import annotations

from datetime import date

from models.domain.meeting_vocabulary import FEDERATION_TZ
from models.entities.base import utcnow


def today_local() -> date:
    return utcnow().astimezone(FEDERATION_TZ).date()
