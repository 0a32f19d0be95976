"""`yishi demo`: enter the demo federation through the services, or say it is already there."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.demo.clock import DemoClock
from models.demo.decisions import write_demo_decisions
from models.demo.federation import write_federation
from models.demo.generator import generate_demo
from models.demo.meetings import write_demo_meetings
from models.demo.motions import write_demo_motions
from models.demo.plan import CONGRESS_7_OPENED, UNITS
from models.domain.errors import DomainError
from models.services.common.federation_data import DEMO_MARKER as DEMO_MARKER
from models.services.common.federation_data import (
    clear_federation,
    holds_federation_data,
    put_setting,
)
from models.services.common.settings import get_setting
from models.services.federation.commands import save_profile
from models.services.federation.contracts import ProfileDraft
from models.services.federation.queries import profile
from models.services.people.queries import registry
from models.store.unit_of_work import Database

# What the demo's clerk types at first run, as any office would (the address is made up).
DEMO_PROFILE = ProfileDraft(
    full_name="门头沟区残疾人联合会",
    short_name="门残联",
    district="门头沟区",
    address="北京市门头沟区演示路1号",
    postcode="102300",
    telephone="010-69800000",
)


@dataclass(frozen=True)
class DemoSummary:
    already_present: bool
    people: int
    units: int
    # ("congress", 8, "candidate") -> count, for the printout.
    seats: tuple[tuple[str, int | None, str, int], ...]
    meetings: int = 0
    motions: int = 0
    decisions: int = 0


def build_demo(db: Database, *, user: str, force: bool = False) -> DemoSummary:
    """Each step one command (its own unit of work) stamped with the demo's date, not today's."""
    if get_setting(db, DEMO_MARKER) is not None and not force:
        # A demo built before profiles existed gets the demo's, so the window opens straight in.
        _ensure_profile(db, user=user)
        return DemoSummary(already_present=True, people=_people(db), units=0, seats=())
    if holds_federation_data(db) and not force:
        raise DomainError("demo_other_data", people=_people(db))
    with db.one_transaction() as one:
        summary = _build(one, user=user, force=force)
    return summary


def _build(db: Database, *, user: str, force: bool) -> DemoSummary:
    """All or nothing: a demo that fails half-way leaves the database as it was."""
    if force:
        note = "yishi demo --force：清空数据后生成演示数据"
        clear_federation(db, user=user, note=note, settings=[DEMO_MARKER])
    clock = DemoClock(CONGRESS_7_OPENED)
    dated = db.with_clock(clock)
    plan = generate_demo()
    seats = write_federation(dated, clock, user=user, plan=plan)
    meetings = write_demo_meetings(dated, clock, user=user)
    motions = write_demo_motions(dated, clock, user=user)
    decisions = write_demo_decisions(dated, clock, user=user)
    _ensure_profile(db, user=user)
    put_setting(db, user=user, key=DEMO_MARKER, value=date.today().isoformat())
    return DemoSummary(
        already_present=False,
        people=len(plan.people),
        units=len(UNITS),
        seats=seats,
        meetings=meetings,
        motions=motions,
        decisions=decisions,
    )


def _ensure_profile(db: Database, *, user: str) -> None:
    """An office's own profile is kept (`--force` empties the data, not who the office is)."""
    if profile(db) is None:
        save_profile(db, user=user, draft=DEMO_PROFILE)


def _people(db: Database) -> int:
    return len(registry(db))
