"""The steps every sheet of people takes into a term: registered people and their conflicting
facts, missing units created on request, the membership's snapshot facts, and the import's one
unit of work that the slate and the roster imports share."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.domain.identity import mask_identifier
from models.domain.rules import FileLimits
from models.domain.search_keys import pinyin_keys, sort_key
from models.domain.slate import SlateRecord
from models.domain.vocabulary import BodyKind, DelegateType, Gender, MembershipStatus, UrbanRural
from models.entities import ElectoralUnit, Membership, Person, SeatAllocation, Term
from models.importing.cells import word_of
from models.importing.guard import using_limits
from models.services.electoral._units import create_unit
from models.services.people._taken import refusing_taken
from models.services.rosters.contracts import FactConflict, PersonConflict
from models.services.slates.contracts import ImportOutcome
from models.services.slates.queries import units_of_term
from models.store.unit_of_work import Database

if TYPE_CHECKING:
    from models.importing.slate_reader import SlateSheet

S = TypeVar("S")
# Identity belongs to the person (DOMAIN §2): these are compared with the registry.
PERSON_FACTS = (
    ("姓名", "name"),
    ("性别", "gender"),
    ("出生日期", "birth_date"),
    ("民族", "ethnicity"),
    ("联系电话", "phone"),
)
ValueOf = str | Gender | date | None
# Seats one person: (session, term, person, the record's index, unit ids by name).
Seat = Callable[[Session, Term, Person, int, Mapping[str, int]], None]


def term_units(db: Database, kind: BodyKind, term_id: int) -> list[str] | None:
    """The congress term's electoral units that a sheet is checked against; None elsewhere."""
    return units_of_term(db, term_id=term_id) if kind is BodyKind.CONGRESS else None


def import_sheet(
    db: Database,
    *,
    user: str,
    path: Path,
    sheet: SlateSheet,
    records: Sequence[SlateRecord],
    term_id: int,
    missing: tuple[str, ...],
    valid_only: bool,
    create_units: bool,
    update_people: bool,
    rows_from_file: Collection[int],
    seat: Seat,
) -> ImportOutcome:
    """Write a read sheet's people into the term, in one unit of work; with row errors and no
    `valid_only`, nothing (the conflicts are still reported); else the bad rows go to a file."""
    from models.importing.rejected import write_rejected  # openpyxl: only on an import

    if sheet.excluded_rows and not valid_only:
        with db.session_factory() as session:
            conflicts = conflicts_of(records, registered(session, records))
        return ImportOutcome(sheet, 0, 0, 0, None, conflicts, unknown_units=missing)
    rejected = write_rejected(sheet, path) if sheet.excluded_rows else None
    person_ids: list[int] = []  # read after a failure, when the people are detached
    # Another clerk adding one of these people (or registering an ID number, or creating a
    # unit) at the same moment is refused by the database's indexes: a message, not a traceback.
    with (
        refusing_taken(
            db,
            term_id=term_id,
            person_ids=lambda: person_ids,
            id_numbers=lambda: [r.id_number for r in records if r.id_number],
        ),
        db.unit_of_work(user) as uow,
    ):
        session = uow.session
        term = session.get(Term, term_id)
        assert term is not None  # found by the caller; terms are never deleted
        created = add_units(session, term, missing) if create_units else ()
        people, added, updated, conflicts, taken = take_people(
            session, records, rows_from_file=None if update_people else rows_from_file
        )
        person_ids.extend(person.id for person in people if person.id is not None)
        ids = unit_ids(session)
        for index, person in enumerate(people):
            seat(session, term, person, index, ids)
        uow.commit()
    return ImportOutcome(
        sheet,
        len(records),
        added,
        updated,
        rejected,
        conflicts,
        taken,
        created,
        () if create_units else missing,
    )


def unknown_units(sheet: SlateSheet) -> tuple[str, ...]:
    """The 选举单位 values the term lacks, once each (as clerks type: spaces and widths aside)."""
    found: dict[str | None, str] = {}
    for problem in sheet.problems:
        if problem.code == "unit_unknown":
            found.setdefault(word_of(problem.params["value"]), str(problem.params["value"]))
    return tuple(found.values())


def read_against_units(
    read: Callable[[Sequence[str] | None], S],
    sheet_of: Callable[[S], SlateSheet],
    units: Sequence[str] | None,
    *,
    create_units: bool,
    limits: FileLimits,
) -> tuple[S, tuple[str, ...]]:
    """The sheet read against the term's units, and the units it names that the term lacks.

    With `create_units` those units count as known (the import creates them), so their rows
    are no longer errors; the file is read a second time only then. The file is checked
    against `limits` (the rules' [files]) before it is read.
    """
    with using_limits(limits):
        read_sheet = read(units)
        missing = unknown_units(sheet_of(read_sheet)) if units is not None else ()
        if create_units and missing:
            assert units is not None
            read_sheet = read([*units, *missing])
    return read_sheet, missing


def add_units(session: Session, term: Term, names: Iterable[str]) -> tuple[str, ...]:
    """Each unit with 0 seats in the term; a unit that exists already only gains the term.

    A term without seats yet counts every unit as its own (term_units): those keep 0 seats
    too, so that the first allocation does not shut them out of the term.
    """
    has_any = session.scalar(select(SeatAllocation.id).where(SeatAllocation.term_id == term.id))
    if has_any is None:
        for unit_id in session.scalars(select(ElectoralUnit.id)):
            session.add(SeatAllocation(electoral_unit_id=unit_id, term_id=term.id, seats=0))
        session.flush()
    created = []
    for name in names:
        unit = session.scalar(select(ElectoralUnit).where(ElectoralUnit.name == name.strip()))
        if unit is None:
            unit = create_unit(session, name)
            session.flush()
        has_seats = session.scalar(
            select(SeatAllocation.id).where(
                SeatAllocation.electoral_unit_id == unit.id, SeatAllocation.term_id == term.id
            )
        )
        if has_seats is None:
            session.add(SeatAllocation(electoral_unit_id=unit.id, term_id=term.id, seats=0))
        created.append(unit.name)
    return tuple(created)


def registered(session: Session, records: Iterable[SlateRecord]) -> dict[str, Person]:
    """The registry's people for the records' ID numbers."""
    numbers = sorted({r.id_number for r in records if r.id_number is not None})
    people: dict[str, Person] = {}
    for start in range(0, len(numbers), 500):  # below every backend's limit on bound values
        chunk = numbers[start : start + 500]
        people.update(
            (p.id_number, p)
            for p in session.scalars(select(Person).where(Person.id_number.in_(chunk)))
        )
    return people


def conflicts_of(
    records: Iterable[SlateRecord], people: Mapping[str, Person]
) -> tuple[PersonConflict, ...]:
    """Rows that give a registered person another name, gender, birth date … than the registry.

    A blank cell, or a fact the registry lacks, is no conflict: nothing is contradicted.
    """
    conflicts = []
    for record in records:
        person = people.get(record.id_number or "")
        if person is None:
            continue
        facts = tuple(
            FactConflict(column, _text(before), _text(after))
            for column, attribute in PERSON_FACTS
            if (before := getattr(person, attribute)) is not None
            and (after := getattr(record, attribute)) is not None
            and _text(before) != _text(after)
        )
        if facts:
            conflicts.append(
                PersonConflict(
                    record.row, mask_identifier(person.id_number) or "", person.name, facts
                )
            )
    return tuple(conflicts)


def _text(value: ValueOf) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def take_person(
    session: Session, record: SlateRecord, person: Person | None, *, from_file: bool
) -> tuple[Person, bool]:
    """The record's person, registered now when new; whether the registry changed.

    A registered person keeps the registry's facts where the file says otherwise, unless the
    clerk took the file's (`from_file`); a fact the registry lacks is filled in from the file.
    """
    if person is None:
        person = Person(id_number=record.id_number)
        session.add(person)
    changed = False
    for _column, attribute in PERSON_FACTS:
        after = getattr(record, attribute)
        before = getattr(person, attribute)
        if after is None or after == before or (before is not None and not from_file):
            continue
        setattr(person, attribute, after)
        changed = True
    full, initials = pinyin_keys(person.name)
    if person.pinyin_full != full:
        person.pinyin_full, person.pinyin_initials = full, initials
        person.pinyin_sort = sort_key(person.name)
    return person, changed and person.id is not None


def take_people(
    session: Session,
    records: Sequence[SlateRecord],
    *,
    rows_from_file: Collection[int] | None,
) -> tuple[list[Person], int, int, tuple[PersonConflict, ...], tuple[int, ...]]:
    """Each record's person: (people in record order, added, updated, the conflicts, the rows
    whose facts were taken from the file).

    `rows_from_file` None: every conflicting row takes the file's facts (--update-people).
    """
    people = registered(session, records)
    conflicts = conflicts_of(records, people)
    conflicting = {c.row for c in conflicts}
    taken = conflicting if rows_from_file is None else conflicting & set(rows_from_file)
    result, added, updated = [], 0, 0
    for record in records:
        known = people.get(record.id_number or "")
        person, changed = take_person(session, record, known, from_file=record.row in taken)
        added += known is None
        updated += changed
        result.append(person)
    return result, added, updated, conflicts, tuple(sorted(taken))


def open_membership(session: Session, person: Person, term: Term) -> Membership | None:
    """The person's membership in the term that has not ended, if any."""
    if person.id is None:
        return None
    return session.scalar(
        select(Membership).where(
            Membership.person_id == person.id,
            Membership.term_id == term.id,
            Membership.status != MembershipStatus.ENDED,
        )
    )


def fill_membership(
    membership: Membership, record: SlateRecord, unit_ids: Mapping[str, int]
) -> None:
    """The person as nominated for this term (DOMAIN §2 "Person or term?")."""
    congress = membership.term.body.kind is BodyKind.CONGRESS
    membership.delegate_type = (record.delegate_type or DelegateType.REGULAR) if congress else None
    membership.electoral_unit_id = unit_ids.get(record.electoral_unit or "")
    membership.work_unit_and_post = record.work_unit_and_post
    membership.political_status = record.political_status
    membership.cert_number = record.cert_number
    membership.disability_category = record.category
    membership.disability_grade = record.grade
    membership.multi_components = [c.value for c in record.multi_components] or None
    membership.is_relative = record.is_relative_of_disabled
    membership.relative_categories = [c.value for c in record.relative_categories] or None
    membership.urban_rural = (
        None
        if record.is_rural is None
        else (UrbanRural.RURAL if record.is_rural else UrbanRural.URBAN)
    )
    membership.is_role_model = record.is_role_model
    membership.is_frontline = record.is_frontline
    membership.is_org_representative = record.is_org_representative
    membership.is_volunteer = record.is_volunteer
    membership.remarks = dict(record.remarks) or None


def unit_ids(session: Session) -> dict[str, int]:
    return {
        name: id_ for name, id_ in session.execute(select(ElectoralUnit.name, ElectoralUnit.id))
    }
