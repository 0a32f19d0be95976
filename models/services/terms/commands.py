"""The terms feature's user actions. Each is one unit of work and returns what it changed.

A term's lifecycle (DOMAIN §8): 筹备中 (draft) → 现任 (current) → 往届 (past), one current term per
body. The party group's standing term has no 届次 and none of these actions.

Choices where DOMAIN leaves room, as a careful clerk would expect:
- An election is recorded only in a draft term of the congress or the presidium (the council and
  the associations have no election); a result may be recorded again while the term is a draft
  (a typing slip is corrected the same way). A candidate takes 当选 or 未当选, a reserve only 递补.
- Making a congress or presidium term current is refused while any of its candidates has no
  result: the handover would otherwise seat people nobody elected, or silently drop them.
  Reserves not moved up stay reserves.
- Making a term current needs a draft term no older than the body's current one; a past term is
  never made current again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from models.domain.errors import DomainError
from models.domain.identity import mask_identifier, normalise_identifier
from models.domain.vocabulary import (
    Association,
    BodyKind,
    EndReason,
    MembershipStatus,
    Position,
    StartReason,
    TermStatus,
    body_has_terms,
    term_display_name,
)
from models.entities import (
    Meeting,
    Membership,
    Motion,
    MotionCounter,
    Person,
    SeatAllocation,
    Term,
)
from models.services.common.access import guarded
from models.services.common.command import editing
from models.services.people._rows import term_row
from models.services.people._taken import refusing_taken
from models.services.people.contracts import TermRow
from models.services.people.terms import get_body
from models.services.slates.contracts import ON_SLATE
from models.services.terms._terms import (
    check_dates,
    congress_term_for,
    current_term_of,
    load_term,
    memberships_of,
    names,
    refuse_standing,
    require_draft,
)
from models.services.terms.contracts import (
    ELECTED_BODIES,
    ElectionOutcome,
    ElectionRecord,
    ElectionResult,
    Handover,
)
from models.store.unit_of_work import Database

# The per-term facts a presidium candidate takes from the congress membership (DOMAIN §2).
_COPIED_FACTS = (
    "electoral_unit_id",
    "work_unit_and_post",
    "political_status",
    "cert_number",
    "disability_category",
    "disability_grade",
    "multi_components",
    "is_relative",
    "relative_categories",
    "urban_rural",
    "is_role_model",
    "is_frontline",
    "is_org_representative",
    "is_volunteer",
)


def _missing(term_id: int) -> DomainError:
    return DomainError("term_not_found", field="term", body="", term=str(term_id))


@guarded("terms.edit")
def open_term(
    db: Database,
    *,
    user: str,
    kind: BodyKind,
    association: Association | None = None,
    term: int,
    status: TermStatus = TermStatus.DRAFT,
    start_date: date | None = None,
    end_date: date | None = None,
) -> TermRow:
    """A new term of a body that has terms, 筹备中 unless told otherwise; its 届次 is unique per
    body, and a body has at most one 现任 term (a new one becomes current by a handover)."""
    check_dates(start_date, end_date)
    if term < 1:
        raise DomainError("term_ordinal_invalid", field="term", term=term)
    with db.unit_of_work(user) as uow:
        body = get_body(uow.session, kind, association)
        if not body_has_terms(kind):
            raise DomainError("term_for_party_group", field="term")
        existing = uow.session.scalar(
            select(Term).where(Term.body_id == body.id, Term.ordinal == term)
        )
        if existing is not None:
            raise DomainError(
                "term_exists", field="term", body=body.name, term=term_display_name(term)
            )
        if status is TermStatus.CURRENT:
            current = current_term_of(uow.session, body)
            if current is not None:
                raise DomainError(
                    "current_term_exists",
                    field="status",
                    body=body.name,
                    current=term_display_name(current.ordinal),
                )
        opened = Term(
            body=body, ordinal=term, status=status, start_date=start_date, end_date=end_date
        )
        uow.session.add(opened)
        uow.session.flush()
        row = term_row(opened)
        uow.commit()
    return row


@guarded("terms.edit")
def correct_term_dates(
    db: Database,
    *,
    user: str,
    term_id: int,
    expected_version: int | None,
    start_date: date | None,
    end_date: date | None,
) -> TermRow:
    """Correct a term's dates: planned ones while it is a draft, the real ones afterwards."""
    check_dates(start_date, end_date)
    with editing(db, user, Term, term_id, expected_version, missing=_missing) as (uow, term):
        refuse_standing(term)
        term.start_date = start_date
        term.end_date = end_date
        uow.session.flush()
        row = term_row(term)
    return row


@guarded("terms.edit")
def delete_term(db: Database, *, user: str, term_id: int, expected_version: int | None) -> None:
    """Delete a term opened by mistake: only a draft with nobody and no meeting or motion in it.
    Its seat allocations go with it."""
    with editing(db, user, Term, term_id, expected_version, missing=_missing) as (uow, term):
        require_draft(term, "删除")
        session = uow.session
        held = {
            "人员": session.scalar(
                select(func.count()).select_from(Membership).where(Membership.term_id == term_id)
            ),
            "会议": session.scalar(
                select(func.count()).select_from(Meeting).where(Meeting.term_id == term_id)
            ),
            "提案": session.scalar(
                select(func.count()).select_from(Motion).where(Motion.term_id == term_id)
            ),
        }
        found = [f"{what} {count} 条" for what, count in held.items() if count]
        if found:
            raise DomainError("term_not_empty", field="term", held="、".join(found), **names(term))
        session.execute(delete(SeatAllocation).where(SeatAllocation.term_id == term_id))
        session.execute(delete(MotionCounter).where(MotionCounter.term_id == term_id))
        session.delete(term)


@guarded("terms.edit")
def record_election(
    db: Database,
    *,
    user: str,
    term_id: int,
    election_date: date,
    results: Sequence[ElectionResult] = (),
    all_elected: bool = False,
) -> ElectionRecord:
    """Record a congress or presidium election in its draft term: each result names a candidate
    (当选/未当选) or a reserve (递补); `all_elected` elects every candidate still undecided.
    A result for anyone who is not a candidate or reserve of the term refuses the whole
    election, naming the person (ID masked); nothing is written."""
    with db.unit_of_work(user) as uow:
        session = uow.session
        term = load_term(session, term_id)
        require_draft(term, "记录选举结果")
        if term.body.kind not in ELECTED_BODIES:
            raise DomainError("election_not_for_body", field="term", body=names(term)["body"])
        nominees = memberships_of(
            session,
            term_id,
            (
                MembershipStatus.CANDIDATE,
                MembershipStatus.RESERVE,
                MembershipStatus.ELECTED,
                MembershipStatus.NOT_ELECTED,
            ),
        )
        if not nominees:
            raise DomainError("election_no_candidates", field="term", **names(term))
        by_person = {m.person_id: m for m in nominees}
        by_id_number = {m.person.id_number: m for m in nominees}
        counts = dict.fromkeys(ElectionOutcome, 0)
        decided: set[int] = set()
        for result in results:
            membership = _nominee_of(session, result, by_person, by_id_number, term)
            if membership.person_id in decided:
                raise DomainError(
                    "election_result_twice", field="results", name=membership.person.name
                )
            decided.add(membership.person_id)
            _apply(membership, result.outcome, election_date, term)
            counts[result.outcome] += 1
        if all_elected:
            for membership in nominees:
                if membership.status is MembershipStatus.CANDIDATE:
                    _apply(membership, ElectionOutcome.ELECTED, election_date, term)
                    counts[ElectionOutcome.ELECTED] += 1
        session.flush()
        undecided = sum(1 for m in nominees if m.status is MembershipStatus.CANDIDATE)
        record = ElectionRecord(
            term=term_row(term),
            elected=counts[ElectionOutcome.ELECTED],
            not_elected=counts[ElectionOutcome.NOT_ELECTED],
            moved_up=counts[ElectionOutcome.MOVED_UP],
            undecided=undecided,
        )
        uow.commit()
    return record


def _nominee_of(
    session: Session,
    result: ElectionResult,
    by_person: dict[int, Membership],
    by_id_number: dict[str, Membership],
    term: Term,
) -> Membership:
    if result.person_id is not None:
        membership = by_person.get(result.person_id)
        person = membership.person if membership else session.get(Person, result.person_id)
        id_number = person.id_number if person else None
    else:
        id_number = normalise_identifier(result.id_number or "")
        membership = by_id_number.get(id_number)
        person = session.scalar(select(Person).where(Person.id_number == id_number))
    if membership is None:
        raise DomainError(
            "not_a_candidate",
            field="results",
            name=person.name if person else "（人员库中没有此人）",
            id_number=mask_identifier(id_number) or "",
            **names(term),
        )
    return membership


def _apply(membership: Membership, outcome: ElectionOutcome, day: date, term: Term) -> None:
    moved_up = membership.start_reason is StartReason.MOVED_UP
    is_reserve = membership.status is MembershipStatus.RESERVE or (
        membership.status is MembershipStatus.ELECTED and moved_up
    )
    if is_reserve != (outcome is ElectionOutcome.MOVED_UP):
        code = "election_reserve_only_moved_up" if is_reserve else "election_moved_up_not_reserve"
        raise DomainError(code, field="results", name=membership.person.name, **names(term))
    if outcome is ElectionOutcome.NOT_ELECTED:
        membership.status = MembershipStatus.NOT_ELECTED
        membership.start_reason = None
        membership.start_date = None
        return
    membership.status = MembershipStatus.ELECTED
    membership.start_reason = (
        StartReason.MOVED_UP if outcome is ElectionOutcome.MOVED_UP else StartReason.ELECTED
    )
    membership.start_date = day


@guarded("terms.edit")
def make_current(
    db: Database,
    *,
    user: str,
    term_id: int,
    expected_version: int | None,
    handover_date: date,
) -> Handover:
    """Hand over (换届) in one transaction: the body's current term becomes 往届 (its end date the
    handover date unless set) and its members in office end with 届满 on that date; this term
    becomes 现任 (its start date the handover date unless set). Refused for a past term, a term
    older than the current one, and a congress or presidium term with undecided candidates."""
    with editing(db, user, Term, term_id, expected_version, missing=_missing) as (uow, term):
        session = uow.session
        refuse_standing(term)
        if term.status is not TermStatus.DRAFT:
            code = "term_already_current" if term.status is TermStatus.CURRENT else "term_is_past"
            raise DomainError(code, field="term", **names(term))
        if term.body.kind in ELECTED_BODIES:
            undecided = session.scalar(
                select(func.count())
                .select_from(Membership)
                .where(
                    Membership.term_id == term_id,
                    Membership.status == MembershipStatus.CANDIDATE,
                )
            )
            if undecided:
                raise DomainError("term_undecided", field="term", count=undecided, **names(term))
        if term.end_date is not None and term.end_date < handover_date:
            raise DomainError(
                "handover_after_end", field="date", date=str(handover_date), **names(term)
            )
        previous = current_term_of(session, term.body, other_than=term.id)
        ended = 0
        previous_row = None
        if previous is not None:
            if (previous.ordinal or 0) > (term.ordinal or 0):
                raise DomainError(
                    "term_older_than_current",
                    field="term",
                    current=term_display_name(previous.ordinal),
                    **names(term),
                )
            if previous.start_date is not None and handover_date < previous.start_date:
                raise DomainError(
                    "handover_before_start",
                    field="date",
                    date=str(handover_date),
                    previous=term_display_name(previous.ordinal),
                    start_date=str(previous.start_date),
                )
            previous.status = TermStatus.PAST
            if previous.end_date is None:
                previous.end_date = handover_date
            for membership in memberships_of(session, previous.id, (MembershipStatus.ELECTED,)):
                membership.status = MembershipStatus.ENDED
                membership.end_date = max(handover_date, membership.start_date or handover_date)
                membership.end_reason = EndReason.TERM_EXPIRED
                ended += 1
        term.status = TermStatus.CURRENT
        if term.start_date is None:
            term.start_date = handover_date
        session.flush()
        if previous is not None:
            previous_row = term_row(previous)
        handover = Handover(term=term_row(term), previous=previous_row, ended=ended)
    return handover


@guarded("terms.edit")
def add_presidium_candidates(
    db: Database, *, user: str, term_id: int, person_ids: Sequence[int]
) -> int:
    """Add delegates of the congress term of the same 届次 to a draft presidium term as candidates
    (委员), each with the per-term facts of their congress membership; how many were added.
    Whether the slate passes `presidium.members_are_delegates` stays the check's (a warning);
    another clerk adding one of them at the same moment is refused with `membership_taken`."""
    with (
        refusing_taken(db, term_id=term_id, person_ids=lambda: person_ids),
        db.unit_of_work(user) as uow,
    ):
        session = uow.session
        term = load_term(session, term_id)
        require_draft(term, "添加候选人")
        if term.body.kind is not BodyKind.PRESIDIUM:
            raise DomainError("candidates_from_congress_presidium_only", field="term")
        congress = congress_term_for(session, term)
        delegates = {m.person_id: m for m in memberships_of(session, congress.id, ON_SLATE)}
        seated = set(
            session.scalars(
                select(Membership.person_id).where(
                    Membership.term_id == term_id, Membership.status != MembershipStatus.ENDED
                )
            )
        )
        for person_id in person_ids:
            source = delegates.get(person_id)
            if source is None:
                person = session.get(Person, person_id)
                raise DomainError(
                    "not_a_delegate",
                    field="people",
                    name=person.name if person else str(person_id),
                    term=term_display_name(term.ordinal),
                )
            if person_id in seated:
                raise DomainError(
                    "already_member",
                    name=source.person.name,
                    **names(term),
                )
            seated.add(person_id)
            membership = Membership(
                person_id=person_id,
                term=term,
                position=Position.MEMBER,
                status=MembershipStatus.CANDIDATE,
                start_reason=StartReason.ELECTED,
                **{fact: getattr(source, fact) for fact in _COPIED_FACTS},
            )
            session.add(membership)
        session.flush()
        uow.commit()
    return len(person_ids)
