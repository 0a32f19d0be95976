"""The people feature's user actions: register and edit people; add, edit and end memberships.

Each command is its own unit of work and returns the row it wrote; history is kept, never deleted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.interfaces import ORMOption

from models.domain.errors import DomainError
from models.domain.identity import mask_identifier
from models.domain.vocabulary import (
    EndReason,
    MembershipStatus,
    body_display_name,
    term_display_name,
)
from models.entities import ElectoralUnit, Membership, Person, Term
from models.services.common.access import guarded
from models.services.common.command import editing
from models.services.common.text import fitted
from models.services.people._rows import (
    load_person,
    membership_detail,
    membership_row,
    person_row,
)
from models.services.people._taken import refusing_taken
from models.services.people._validation import (
    apply_person,
    choice,
    duplicate_id,
    holders_of,
    membership_facts,
    refuse_duplicate,
    unit_named,
    units_by_name,
    validate_person,
)
from models.services.people.contracts import (
    MembershipDetail,
    MembershipDraft,
    MembershipRow,
    PersonDraft,
    PersonRow,
)
from models.store.unit_of_work import Database, UnitOfWork


@guarded("people.edit")
def add_person(db: Database, *, user: str, draft: PersonDraft) -> PersonRow:
    return add_people(db, user=user, drafts=[draft])[0]


@guarded("people.edit")
def add_people(db: Database, *, user: str, drafts: Sequence[PersonDraft]) -> list[PersonRow]:
    """Register several people at once (a roster's newcomers): all of them or none. The drafts
    are checked first, then their ID numbers against the registry and each other; the error
    names the refused draft's place (`entry`, from 1)."""
    valid = []
    for entry, draft in enumerate(drafts, start=1):
        with _naming_entry(entry):
            valid.append(validate_person(draft))
    with (
        refusing_taken(db, id_numbers=lambda: [v.id_number for v in valid]),
        db.unit_of_work(user) as uow,
    ):
        holders = holders_of(uow.session, [v.id_number for v in valid])
        people = []
        for entry, checked in enumerate(valid, start=1):
            if checked.id_number in holders:
                with _naming_entry(entry):
                    raise duplicate_id(checked.id_number, holders[checked.id_number])
            holders[checked.id_number] = checked.name
            person = Person()
            apply_person(person, checked)
            uow.session.add(person)
            people.append(person)
        uow.session.flush()
        rows = [person_row(person, memberships=()) for person in people]
        uow.commit()
    return rows


@contextmanager
def _naming_entry(entry: int, **names: object) -> Iterator[None]:
    """A refused entry of a bulk command says which one it was."""
    try:
        yield
    except DomainError as exc:
        exc.params.setdefault("entry", entry)
        for key, value in names.items():
            exc.params.setdefault(key, value)
        raise


@guarded("people.edit")
def update_person(
    db: Database, *, user: str, person_id: int, expected_version: int | None, draft: PersonDraft
) -> PersonRow:
    """A blank ID number keeps the stored one: the form shows it masked and need not retype it."""
    checked: list[str] = []
    with (
        refusing_taken(db, id_numbers=lambda: checked),
        editing(
            db,
            user,
            Person,
            person_id,
            expected_version,
            missing=lambda i: DomainError("person_not_found", person_id=i),
        ) as (uow, person),
    ):
        if not draft.id_number.strip():
            draft = replace(draft, id_number=person.id_number)
        valid = validate_person(draft)
        checked.append(valid.id_number)
        refuse_duplicate(uow.session, valid.id_number, except_id=person_id)
        apply_person(person, valid)
        uow.session.flush()
        row = person_row(person)
    return row


@guarded("people.reveal_id")
def reveal_id_number(db: Database, *, user: str, person_id: int) -> str:
    """The whole ID number; the request itself goes to the change log."""
    with db.unit_of_work(user) as uow:
        person = load_person(uow.session, person_id)
        uow.log(action="reveal", entity="person", entity_id=person.id, note="查看完整身份证号")
        id_number = person.id_number
        uow.commit()
    return id_number


@guarded("people.edit")
def add_membership(
    db: Database, *, user: str, person_id: int, term_id: int, draft: MembershipDraft
) -> MembershipRow:
    return add_memberships(db, user=user, term_id=term_id, entries=[(person_id, draft)])[0]


@guarded("people.edit")
def add_memberships(
    db: Database,
    *,
    user: str,
    term_id: int,
    entries: Sequence[tuple[int, MembershipDraft]],
) -> list[MembershipRow]:
    """Enter a slate's members (person id, draft) into one term: all of them or, on the first
    refused entry, none; the error names that entry's place (`entry`, from 1) and person.
    Another clerk adding one of them at the same moment is refused by the database's index
    (`uq_membership_open`) and named in `membership_taken`."""
    with (
        refusing_taken(db, term_id=term_id, person_ids=lambda: [p for p, _ in entries]),
        db.unit_of_work(user) as uow,
    ):
        session = uow.session
        term = session.get(Term, term_id, options=[joinedload(Term.body)])
        if term is None:
            raise DomainError("term_not_found", field="term", body="", term=str(term_id))
        person_ids = {person_id for person_id, _ in entries}
        people = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(person_ids)))}
        # Who already holds a seat in the term; each entry adds its person.
        seated = set(
            session.scalars(
                select(Membership.person_id).where(
                    Membership.term_id == term_id,
                    Membership.person_id.in_(person_ids),
                    Membership.status != MembershipStatus.ENDED,
                )
            )
        )
        unit = units_by_name(session)
        memberships = []
        for entry, (person_id, draft) in enumerate(entries, start=1):
            with _naming_entry(entry, person_id=person_id):
                person = people.get(person_id)
                if person is None:
                    raise DomainError("person_not_found", person_id=person_id)
                membership = _membership(session, person, term, draft, seated=seated, unit=unit)
                session.add(membership)
                memberships.append(membership)
        session.flush()
        rows = [membership_row(membership) for membership in memberships]
        uow.commit()
    return rows


def _membership(
    session: Session,
    person: Person,
    term: Term,
    draft: MembershipDraft,
    *,
    seated: set[int],
    unit: Callable[[str | None], ElectoralUnit | None],
) -> Membership:
    """The checked membership of `person` in `term`; `seated` holds who has an active seat."""
    facts = membership_facts(term, person.id_number, draft, unit)
    if person.id in seated:
        raise DomainError(
            "already_member",
            name=person.name,
            body=body_display_name(term.body.kind, term.body.association),
            term=term_display_name(term.ordinal),
        )
    membership = Membership(person=person, term=term, remarks=draft.remarks or None, **facts)
    seated.add(person.id)
    return membership


@guarded("people.edit")
def update_membership(
    db: Database,
    *,
    user: str,
    membership_id: int,
    expected_version: int | None,
    draft: MembershipDraft,
) -> MembershipDetail:
    """Correct a membership's per-term facts (编辑本届信息), checked as when adding it.

    The certificate number sent back exactly as `MembershipDetail` shows it (masked) keeps the
    stored number, so the form need not retype it; a blank one removes it. An ended membership
    is history and is refused; the remarks of an imported sheet stay as they were.
    """
    with _editing_membership(
        db,
        user,
        membership_id,
        expected_version,
        options=[joinedload(Membership.term).joinedload(Term.body), joinedload(Membership.person)],
    ) as (uow, membership):
        if membership.status is MembershipStatus.ENDED:
            raise DomainError("membership_ended_no_edit", end_date=str(membership.end_date))
        stored = membership.cert_number
        if stored and (draft.cert_number or "").strip() == mask_identifier(stored):
            draft = replace(draft, cert_number=stored)
        facts = membership_facts(
            membership.term,
            membership.person.id_number,
            draft,
            lambda name: unit_named(uow.session, name),
        )
        for column, value in facts.items():
            setattr(membership, column, value)
        uow.session.flush()
        detail = membership_detail(membership)
    return detail


def _editing_membership(
    db: Database,
    user: str,
    membership_id: int,
    expected_version: int | None,
    options: Sequence[ORMOption] = (),
) -> AbstractContextManager[tuple[UnitOfWork, Membership]]:
    return editing(
        db,
        user,
        Membership,
        membership_id,
        expected_version,
        missing=lambda i: DomainError("membership_not_found", membership_id=i),
        options=options,
    )


@guarded("people.edit")
def end_membership(
    db: Database,
    *,
    user: str,
    membership_id: int,
    expected_version: int | None,
    end_date: date,
    reason: str,
    basis: str | None = None,
) -> MembershipRow:
    """Record the end (届满, 辞职 …) with its date and basis; the row itself stays."""
    end_reason = choice(EndReason, reason, "end_reason")
    if end_reason is None:
        raise DomainError("end_reason_required", field="end_reason")
    with _editing_membership(db, user, membership_id, expected_version) as (uow, membership):
        if membership.status is MembershipStatus.ENDED:
            raise DomainError("membership_already_ended", end_date=str(membership.end_date))
        if membership.start_date is not None and end_date < membership.start_date:
            raise DomainError(
                "end_before_start",
                field="end_date",
                end_date=str(end_date),
                start_date=str(membership.start_date),
            )
        membership.status = MembershipStatus.ENDED
        membership.end_date = end_date
        membership.end_reason = end_reason
        membership.end_basis = fitted(
            basis, Membership.end_basis, field="end_basis", label="结束依据"
        )
        uow.session.flush()
        row = membership_row(membership)
    return row
