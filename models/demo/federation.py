"""The demo federation entered as a clerk would: terms, electoral units, people and memberships.

Every record goes through the services' commands, in the order the plan lists them, so the ids are
the same on every build and on both backends.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from itertools import groupby

from models.demo.clock import DemoClock
from models.demo.lookups import body_order, term_id
from models.demo.plan import CONGRESS_7_OPENED, CONGRESS_8_OPENS, UNITS, DemoPlan, DemoSeat
from models.domain.vocabulary import Association, BodyKind, MembershipStatus, TermStatus, UrbanRural
from models.services.electoral.commands import add_electoral_unit
from models.services.people.commands import add_memberships, add_people, end_membership
from models.services.people.contracts import MembershipDraft, PersonDraft
from models.services.terms.commands import open_term
from models.store.unit_of_work import Database

# The day the 8th congress's slate was entered (its candidates have no start date yet).
SLATE_8_ENTERED = date(2026, 11, 20)
Seats = tuple[tuple[str, int | None, str, int], ...]


def _kind(code: str) -> tuple[BodyKind, Association | None]:
    if code.startswith("association."):
        return BodyKind.ASSOCIATION, Association(code.removeprefix("association."))
    return BodyKind(code), None


def write_federation(db: Database, clock: DemoClock, *, user: str, plan: DemoPlan) -> Seats:
    """Enter the plan; returns the seats counted by body, term and status for the summary."""
    terms: dict[tuple[str, int | None], int] = {
        ("party_group", None): term_id(db, BodyKind.PARTY_GROUP)
    }
    order = body_order()

    def term(code: str, ordinal: int | None) -> int:
        if (code, ordinal) not in terms:
            draft = ordinal == 8
            clock.at(SLATE_8_ENTERED if draft else CONGRESS_7_OPENED)
            kind, association = _kind(code)
            assert ordinal is not None  # only the party group has no ordinal, and it exists
            terms[code, ordinal] = open_term(
                db,
                user=user,
                kind=kind,
                association=association,
                term=ordinal,
                status=TermStatus.DRAFT if draft else TermStatus.CURRENT,
                start_date=CONGRESS_8_OPENS if draft else CONGRESS_7_OPENED,
            ).id
        return terms[code, ordinal]

    for name, kind, seats7, seats8 in UNITS:
        seats = [(term("congress", 7), seats7), (term("congress", 8), seats8)]
        clock.at(CONGRESS_7_OPENED)
        add_electoral_unit(db, user=user, name=name, kind=kind, seats=seats)
    clock.at(CONGRESS_7_OPENED)
    drafts = [
        PersonDraft(p.name, p.gender, p.id_number, p.ethnicity, p.birth_date, p.phone)
        for p in plan.people
    ]
    people = [row.id for row in add_people(db, user=user, drafts=drafts)]
    # A slate is entered in one go: the seats of one term entered on one day.
    for (body, ordinal, day), run in groupby(
        plan.seats, key=lambda s: (s.body, s.ordinal, s.start_date or SLATE_8_ENTERED)
    ):
        slate = list(run)
        run_term = term(body, ordinal)
        clock.at(day)
        entries = [(people[seat.person], _draft(plan, seat)) for seat in slate]
        rows = add_memberships(db, user=user, term_id=run_term, entries=entries)
        for seat, row in zip(slate, rows, strict=True):
            if seat.status == MembershipStatus.ENDED.value:
                assert seat.end_date is not None and seat.end_reason is not None
                clock.at(seat.end_date)
                end_membership(
                    db,
                    user=user,
                    membership_id=row.id,
                    expected_version=row.version,
                    end_date=seat.end_date,
                    reason=seat.end_reason,
                    basis=seat.end_basis,
                )
    counted = Counter((s.body, s.ordinal, s.status) for s in plan.seats)
    # Print in the order a clerk thinks of the federation, as the bodies were seeded.
    statuses = ["elected", "candidate", "reserve", "ended"]
    return tuple(
        (b, o, st, n)
        for (b, o, st), n in sorted(
            counted.items(),
            key=lambda item: (
                order.index(item[0][0]),
                item[0][1] or 0,
                statuses.index(item[0][2]),
            ),
        )
    )


def _draft(plan: DemoPlan, seat: DemoSeat) -> MembershipDraft:
    f = seat.facts
    ended = seat.status == MembershipStatus.ENDED.value
    rural = UrbanRural.RURAL if f.rural else UrbanRural.URBAN
    return MembershipDraft(
        position=seat.position,
        # An ended seat was held first; `end_membership` records its end.
        status=MembershipStatus.ELECTED.value if ended else seat.status,
        employment=seat.employment,
        delegate_type=seat.delegate_type,
        start_reason=seat.start_reason,
        start_date=seat.start_date,
        start_basis=seat.start_basis,
        electoral_unit=seat.unit,
        work_unit_and_post=f.work or None,
        political_status=f.political_status,
        cert_number=plan.cert_number(seat),
        disability_category=f.category.value if f.category else None,
        disability_grade=f.grade,
        multi_components=f.multi_components,
        is_relative=bool(f.relative_categories),
        relative_categories=f.relative_categories,
        urban_rural=rural.value if seat.body in ("congress", "presidium") else None,
        is_role_model=f.role_model,
        is_frontline=f.frontline,
        is_org_representative=f.org_representative,
        is_volunteer=f.volunteer,
    )
