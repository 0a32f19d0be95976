"""`yishi demo`: write the demo federation in one unit of work, or say it is already there."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import delete, func, select, update

from models.demo.decisions import write_demo_decisions
from models.demo.generator import generate_demo
from models.demo.meetings import write_demo_meetings
from models.demo.motions import write_demo_motions
from models.demo.plan import CONGRESS_7_OPENED, CONGRESS_8_OPENS, UNITS, DemoPlan
from models.domain.errors import DomainError
from models.domain.search_keys import pinyin_keys, sort_key
from models.domain.vocabulary import (
    DelegateType,
    Employment,
    EndReason,
    Gender,
    MembershipStatus,
    Position,
    StartReason,
    TermStatus,
    UrbanRural,
)
from models.entities import (
    AgendaItem,
    Assignment,
    AssignmentExtension,
    Attendance,
    Body,
    Contact,
    DecisionAttachment,
    DecisionDiscussion,
    DecisionFollowUp,
    DecisionParticipant,
    DecisionPosition,
    DecisionReopening,
    DecisionStateChange,
    DecisionStep,
    ElectoralUnit,
    Feedback,
    HandlingUnit,
    MajorDecision,
    Meeting,
    Membership,
    Minutes,
    MinutesAmendment,
    Motion,
    MotionCoSigner,
    MotionCounter,
    MotionStateChange,
    Person,
    Reply,
    SeatAllocation,
    Setting,
    Term,
)
from models.store.unit_of_work import Database, UnitOfWork

DEMO_MARKER = "demo.built"


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
    with db.unit_of_work(user) as uow:
        session = uow.session
        people = session.scalar(select(func.count()).select_from(Person)) or 0
        if session.get(Setting, DEMO_MARKER) is not None and not force:
            return DemoSummary(already_present=True, people=people, units=0, seats=())
        if _holds_data(uow) and not force:
            raise DomainError("demo_other_data", people=people)
        if force:
            _empty(uow)
        plan = generate_demo()
        summary = replace(_write(uow, plan), meetings=write_demo_meetings(session, user=user))
        summary = replace(summary, motions=write_demo_motions(session, user=user))
        session.add(Setting(key=DEMO_MARKER, value=date.today().isoformat(), updated_by=user))
        uow.commit()
    # Through the services, each its own transaction, once the federation is committed.
    return replace(summary, decisions=write_demo_decisions(db, user=user))


def _holds_data(uow: UnitOfWork) -> bool:
    """Anything a clerk entered: people, terms beyond the party group's, electoral units, meetings."""
    session = uow.session
    terms = select(func.count()).select_from(Term).join(Body).where(Body.code != "party_group")
    return any(
        (session.scalar(query) or 0) > 0
        for query in (
            select(func.count()).select_from(Person),
            terms,
            select(func.count()).select_from(ElectoralUnit),
            select(func.count()).select_from(Meeting),
            select(func.count()).select_from(Motion),
            select(func.count()).select_from(MajorDecision),
        )
    )


def _empty(uow: UnitOfWork) -> None:
    """--force: clear the federation's data; the change log keeps one row saying so."""
    session = uow.session
    counts = {}
    party_group_term = select(Term.id).join(Body).where(Body.code == "party_group")
    session.execute(update(Motion).values(lead_motion_id=None))
    for table, statement in (
        ("decision_attachment", delete(DecisionAttachment)),
        ("decision_step", delete(DecisionStep)),
        ("decision_position", delete(DecisionPosition)),
        ("decision_participant", delete(DecisionParticipant)),
        ("decision_discussion", delete(DecisionDiscussion)),
        ("decision_reopening", delete(DecisionReopening)),
        ("decision_follow_up", delete(DecisionFollowUp)),
        ("decision_state_change", delete(DecisionStateChange)),
        ("major_decision", delete(MajorDecision)),
        ("motion_state_change", delete(MotionStateChange)),
        ("motion_feedback", delete(Feedback)),
        ("motion_reply", delete(Reply)),
        ("motion_contact", delete(Contact)),
        ("assignment_extension", delete(AssignmentExtension)),
        ("assignment", delete(Assignment)),
        ("motion_co_signer", delete(MotionCoSigner)),
        ("motion", delete(Motion)),
        ("motion_counter", delete(MotionCounter)),
        ("handling_unit", delete(HandlingUnit)),
        ("minutes_amendment", delete(MinutesAmendment)),
        ("minutes", delete(Minutes)),
        ("attendance", delete(Attendance)),
        ("agenda_item", delete(AgendaItem)),
        ("meeting", delete(Meeting)),
        ("membership", delete(Membership)),
        ("seat_allocation", delete(SeatAllocation)),
        ("term", delete(Term).where(Term.id.not_in(party_group_term))),
        ("electoral_unit", delete(ElectoralUnit)),
        ("person", delete(Person)),
        ("setting", delete(Setting).where(Setting.key == DEMO_MARKER)),
    ):
        counts[table] = session.execute(statement).rowcount
    uow.log(
        action="purge",
        entity="database",
        entity_id="*",
        after=counts,
        note="yishi demo --force：清空数据后生成演示数据",
    )


def _write(uow: UnitOfWork, plan: DemoPlan) -> DemoSummary:
    session = uow.session
    bodies = {b.code: b for b in session.scalars(select(Body))}
    terms: dict[tuple[str, int | None], Term] = {
        ("party_group", None): session.scalars(
            select(Term).where(Term.body_id == bodies["party_group"].id)
        ).one()
    }

    def term(code: str, ordinal: int | None) -> Term:
        if (code, ordinal) not in terms:
            draft = ordinal == 8
            terms[code, ordinal] = Term(
                body=bodies[code],
                ordinal=ordinal,
                status=TermStatus.DRAFT if draft else TermStatus.CURRENT,
                start_date=CONGRESS_8_OPENS if draft else CONGRESS_7_OPENED,
            )
            session.add(terms[code, ordinal])
        return terms[code, ordinal]

    units = {}
    for order, (name, kind, seats7, seats8) in enumerate(UNITS, start=1):
        units[name] = ElectoralUnit(name=name, kind=kind, sort_order=order)
        session.add(units[name])
        for ordinal, seats in ((7, seats7), (8, seats8)):
            session.add(
                SeatAllocation(
                    electoral_unit=units[name], term=term("congress", ordinal), seats=seats
                )
            )
    people = []
    for p in plan.people:
        full, initials = pinyin_keys(p.name)
        person = Person(
            name=p.name,
            gender=Gender(p.gender),
            ethnicity=p.ethnicity,
            birth_date=p.birth_date,
            id_number=p.id_number,
            phone=p.phone,
            pinyin_full=full,
            pinyin_initials=initials,
            pinyin_sort=sort_key(p.name),
        )
        people.append(person)
        session.add(person)
    for seat in plan.seats:
        f = seat.facts
        session.add(
            Membership(
                person=people[seat.person],
                term=term(seat.body, seat.ordinal),
                position=Position(seat.position),
                status=MembershipStatus(seat.status),
                employment=Employment(seat.employment) if seat.employment else None,
                delegate_type=DelegateType(seat.delegate_type) if seat.delegate_type else None,
                start_reason=StartReason(seat.start_reason) if seat.start_reason else None,
                start_date=seat.start_date,
                start_basis=seat.start_basis,
                end_reason=EndReason(seat.end_reason) if seat.end_reason else None,
                end_date=seat.end_date,
                end_basis=seat.end_basis,
                electoral_unit=units.get(seat.unit) if seat.unit else None,
                work_unit_and_post=f.work or None,
                political_status=f.political_status,
                cert_number=plan.cert_number(seat),
                disability_category=f.category,
                disability_grade=f.grade,
                multi_components=list(f.multi_components) or None,
                is_relative=bool(f.relative_categories),
                relative_categories=list(f.relative_categories) or None,
                urban_rural=(UrbanRural.RURAL if f.rural else UrbanRural.URBAN)
                if seat.body == "congress" or seat.body == "presidium"
                else None,
                is_role_model=f.role_model,
                is_frontline=f.frontline,
                is_org_representative=f.org_representative,
                is_volunteer=f.volunteer,
            )
        )
    session.flush()
    counted = Counter((s.body, s.ordinal, s.status) for s in plan.seats)
    # Print in the order a clerk thinks of the federation, as the bodies were seeded.
    order = {code: body.id for code, body in bodies.items()}
    statuses = ["elected", "candidate", "reserve", "ended"]
    return DemoSummary(
        already_present=False,
        people=len(people),
        units=len(units),
        seats=tuple(
            (b, o, st, n)
            for (b, o, st), n in sorted(
                counted.items(),
                key=lambda item: (order[item[0][0]], item[0][1] or 0, statuses.index(item[0][2])),
            )
        ),
    )
