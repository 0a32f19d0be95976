"""The organisation registers' commands: add, edit, end and remove a record of any register.

One piece of logic for all nine registers: the register's row in `_registers.SPECS` says which
record class a draft fills, how the draft is checked into column values and how the record
becomes its row. Each command is one unit of work; the change log records every insert, update
and delete by itself (the unit of work's audit hook), under the record's table name.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import UniqueConstraint, event
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models.domain.errors import DomainError
from models.domain.organisation_checks import check_period
from models.services.common.access import guarded
from models.services.common.command import editing
from models.services.organisation._checks import title
from models.services.organisation._registers import SPECS, RegisterSpec, spec_of_draft
from models.services.organisation.contracts import (
    ENDING_REGISTERS,
    RecordDraft,
    RecordRow,
    Register,
)
from models.store.unit_of_work import Database


@guarded("organisation.edit")
def add_record(db: Database, *, user: str, draft: RecordDraft) -> RecordRow:
    """新增: a record of the draft's register."""
    spec = spec_of_draft(draft)
    with db.unit_of_work(user) as uow:
        values = spec.values(uow.session, draft, None)
        record = spec.entity(**values)
        uow.session.add(record)
        _flush(uow.session, spec, values)
        row = spec.row(record)
        uow.commit()
    return row


@guarded("organisation.edit")
def add_records(db: Database, *, user: str, drafts: Sequence[RecordDraft]) -> list[RecordRow]:
    """新增 several records, of any registers, in one unit of work: all of them or none (the
    first refusal stops it). Each is checked as `add_record` checks it, after those before it
    were written, so a draft may not take a name an earlier one took. The demo's year of field
    visits is entered this way."""
    with db.unit_of_work(user) as uow:
        session = uow.session
        added: list[tuple[RegisterSpec, object]] = []
        # What the checks load (the places, people, organisations drafts point at) is held
        # until the end: the session keeps only what is referenced, and each is read once.
        held: list[object] = []
        event.listen(session, "loaded_as_persistent", lambda _s, loaded: held.append(loaded))
        for draft in drafts:
            spec = spec_of_draft(draft)
            values = spec.values(session, draft, None)
            record = spec.entity(**values)
            session.add(record)
            if _has_unique(spec):
                _flush(session, spec, values)
            added.append((spec, record))
        # Records no name or year makes unique are written together (many rows per statement).
        session.flush()
        rows = [spec.row(record) for spec, record in added]
        uow.commit()
    return rows


@guarded("organisation.edit")
def edit_record(
    db: Database, *, user: str, record_id: int, expected_version: int, draft: RecordDraft
) -> RecordRow:
    """修改: the record becomes what the draft says (its end date, if any, is kept — except a
    cadre's, which the cadre's form edits with the rest)."""
    spec = spec_of_draft(draft)
    with editing(
        db, user, spec.entity, record_id, expected_version, missing=spec.missing, options=spec.load
    ) as (uow, record):
        values = spec.values(uow.session, draft, record)
        for column, value in values.items():
            setattr(record, column, value)
        if spec.started is not None:
            check_period(getattr(record, spec.started), record.ended_on, field=spec.started)
        _flush(uow.session, spec, values)
        uow.session.refresh(record)
        row = spec.row(record)
    return row


@guarded("organisation.edit")
def end_record(
    db: Database,
    *,
    user: str,
    register: Register,
    record_id: int,
    expected_version: int,
    ended_on: date,
) -> RecordRow:
    """结束: the record stays in its register with its end date (a township abolished, a cadre
    gone, a contact point handed over …). A record ended already is refused."""
    spec = _spec(register)
    if register not in ENDING_REGISTERS:
        raise DomainError("register_not_ending", field="register", register=spec.name)
    with editing(
        db, user, spec.entity, record_id, expected_version, missing=spec.missing, options=spec.load
    ) as (uow, record):
        ended = record.ended_on
        if ended is not None:
            raise DomainError(
                "record_already_ended",
                field="ended_on",
                register=spec.name,
                name=title(record),
                ended_on=ended.isoformat(),
            )
        if spec.started is not None:
            check_period(getattr(record, spec.started), ended_on)
        record.ended_on = ended_on
        uow.session.flush()
        uow.session.refresh(record)
        row = spec.row(record)
    return row


@guarded("organisation.edit")
def remove_record(
    db: Database, *, user: str, register: Register, record_id: int, expected_version: int
) -> None:
    """删除 a field visit or a year's population figures entered by mistake; the change log keeps
    what it held. Records of the other registers end instead."""
    spec = _spec(register)
    if register in ENDING_REGISTERS:
        raise DomainError("register_not_removable", field="register", register=spec.name)
    with editing(db, user, spec.entity, record_id, expected_version, missing=spec.missing) as (
        uow,
        record,
    ):
        uow.session.delete(record)


def _has_unique(spec: RegisterSpec) -> bool:
    """Whether the register's table refuses a duplicate (a name, a place's year …)."""
    table = spec.entity.__table__
    return any(isinstance(c, UniqueConstraint) for c in table.constraints) or any(
        column.unique for column in table.columns
    )


def _spec(register: Register) -> RegisterSpec:
    return SPECS[Register(register)]


def _flush(session: Session, spec: RegisterSpec, values: dict[str, object]) -> None:
    """Write now, so that a name another clerk saved a moment ago is refused in words."""
    try:
        session.flush()
    except IntegrityError as exc:
        raise DomainError(
            "register_record_taken",
            field="name",
            register=spec.name,
            name=str(values.get("name") or values.get("year") or ""),
        ) from exc
