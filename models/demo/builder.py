"""`yishi demo`: enter the demo federation through the services, or say it is already there."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date

from models.demo.clock import DemoClock
from models.demo.decisions import write_demo_decisions
from models.demo.federation import write_federation
from models.demo.generator import generate_demo
from models.demo.meetings import write_demo_meetings
from models.demo.motions import write_demo_motions
from models.demo.organisation import write_demo_organisation
from models.demo.plan import CONGRESS_7_OPENED, UNITS
from models.domain.errors import DomainError
from models.domain.identity import mask_identifier
from models.services.common.federation_data import DEMO_MARKER as DEMO_MARKER
from models.services.common.federation_data import (
    clear_federation,
    holds_federation_data,
    put_setting,
)
from models.services.common.settings import get_setting
from models.services.decisions.queries import list_decisions
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
    # (register, records entered) of the organisation registers (`Register` values), in order.
    registers: tuple[tuple[str, int], ...] = ()
    # A half-built demo (an interrupted run) was found, emptied and built again whole.
    repaired: bool = False


# The demo's major decisions; a marker from before markers said "complete" is checked by them.
DEMO_DECISIONS = 9


def demo_state(db: Database) -> str:
    """ "complete", "partial" (an interrupted build: a marker without completion, or the demo's
    people without the marker) or "absent" (no demo: an empty database or an office's own data)."""
    marker = get_setting(db, DEMO_MARKER)
    if marker is not None:
        return "complete" if _marker_complete(db, marker) else "partial"
    if holds_federation_data(db) and _only_demo_people(db):
        return "partial"
    return "absent"


def build_demo(db: Database, *, user: str, force: bool = False) -> DemoSummary:
    """Each step one command (its own unit of work) stamped with the demo's date, not today's.

    All steps share one transaction and the marker, saying the demo is complete, is written last;
    a demo left half-built (by an older program or a failure) is emptied and built again."""
    state = demo_state(db)
    if state == "complete" and not force:
        # A demo built before profiles existed gets the demo's, so the window opens straight in.
        _ensure_profile(db, user=user)
        return DemoSummary(already_present=True, people=_people(db), units=0, seats=())
    if state == "absent" and holds_federation_data(db) and not force:
        raise DomainError("demo_other_data", people=_people(db))
    repair = state == "partial"
    with db.one_transaction() as one:
        summary = _build(one, user=user, force=force, repair=repair)
    return replace(summary, repaired=repair)


def _build(db: Database, *, user: str, force: bool, repair: bool = False) -> DemoSummary:
    """All or nothing: a demo that fails half-way leaves the database as it was."""
    if force or repair:
        note = (
            "yishi demo --force：清空数据后生成演示数据"
            if force
            else "yishi demo：上次生成的演示数据不完整，清空后重新生成"
        )
        clear_federation(db, user=user, note=note, settings=[DEMO_MARKER])
    clock = DemoClock(CONGRESS_7_OPENED)
    dated = db.with_clock(clock)
    plan = generate_demo()
    seats = write_federation(dated, clock, user=user, plan=plan)
    meetings = write_demo_meetings(dated, clock, user=user)
    motions = write_demo_motions(dated, clock, user=user)
    decisions = write_demo_decisions(dated, clock, user=user)
    registers = write_demo_organisation(dated, clock, user=user, plan=plan)
    _ensure_profile(db, user=user)
    # Last: the marker says the demo is whole (and what it holds).
    marker = {
        "built": date.today().isoformat(),
        "complete": True,
        "people": len(plan.people),
        "meetings": meetings,
        "motions": motions,
        "decisions": decisions,
        "registers": dict(registers),
    }
    put_setting(db, user=user, key=DEMO_MARKER, value=json.dumps(marker))
    return DemoSummary(
        already_present=False,
        people=len(plan.people),
        units=len(UNITS),
        seats=seats,
        meetings=meetings,
        motions=motions,
        decisions=decisions,
        registers=registers,
    )


def _ensure_profile(db: Database, *, user: str) -> None:
    """An office's own profile is kept (`--force` empties the data, not who the office is)."""
    if profile(db) is None:
        save_profile(db, user=user, draft=DEMO_PROFILE)


def _marker_complete(db: Database, marker: str) -> bool:
    try:
        recorded = json.loads(marker)
    except ValueError:
        recorded = None
    if isinstance(recorded, dict):
        return recorded.get("complete") is True
    # A marker of an older program (a date): complete only if all its decisions were written.
    return len(list_decisions(db)) >= DEMO_DECISIONS


def _only_demo_people(db: Database) -> bool:
    """Everyone in the registry is one of the demo's made-up people (name and masked ID)."""
    people = {(p.name, p.id_number) for p in registry(db)}
    if not people:
        return False
    demo = {(p.name, mask_identifier(p.id_number)) for p in generate_demo().people}
    return people <= demo


def _people(db: Database) -> int:
    return len(registry(db))
