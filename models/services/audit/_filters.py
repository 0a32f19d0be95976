"""The 操作记录's filters as SQL: account, the office's dates, kind, and the person concerned."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, String, Table, cast, or_, select

from models.domain.audit_kinds import kind_of
from models.domain.meeting_vocabulary import FEDERATION_TZ
from models.entities import Base, ChangeLog, Person
from models.services.audit.contracts import AuditFilter


def conditions(found: AuditFilter) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if found.account:
        out.append(ChangeLog.user_login == found.account.strip())
    # The office works in Beijing time: its 12月4日 starts at 00:00 there (16:00 UTC the day
    # before), whatever the computer running the query is set to.
    if found.date_from is not None:
        out.append(ChangeLog.at >= datetime.combine(found.date_from, time(0), FEDERATION_TZ))
    if found.date_to is not None:
        end = found.date_to + timedelta(days=1)
        out.append(ChangeLog.at < datetime.combine(end, time(0), FEDERATION_TZ))
    if found.kind and found.kind.strip():
        kind = kind_of(found.kind)
        out.append(or_(ChangeLog.entity == kind, ChangeLog.action == kind))
    if found.person and found.person.strip():
        out.append(about_person(found.person.strip()))
    return out


def _person_columns() -> list[tuple[Table, list[Any]]]:
    """Every table with a column that points at a person (membership.person_id, motion's
    proposer_id, meeting's host …), found from the mapping so a new table is not missed."""
    found = []
    for table in Base.metadata.sorted_tables:
        columns = [
            column
            for column in table.columns
            if any(fk.column.table.name == Person.__tablename__ for fk in column.foreign_keys)
        ]
        if columns:
            found.append((table, columns))
    return found


def about_person(name: str) -> ColumnElement[bool]:
    """Entries about a person whose name holds `name`: their `person` row (also a deleted or
    renamed one, by the name the entry itself stored), and the rows that carry their person id
    — by the id the entry stored (an insert or delete) or by the row as it is now (an update,
    which stores only the changed fields)."""
    people = select(Person.id).where(Person.name.contains(name, autoescape=True))
    person_ids = select(cast(Person.id, String)).where(Person.name.contains(name, autoescape=True))
    either: list[ColumnElement[bool]] = [
        (ChangeLog.entity == Person.__tablename__)
        & or_(
            ChangeLog.entity_id.in_(person_ids),
            ChangeLog.before["name"].as_string().contains(name, autoescape=True),
            ChangeLog.after["name"].as_string().contains(name, autoescape=True),
        )
    ]
    for table, columns in _person_columns():
        stored = [
            side[column.name].as_integer().in_(people)
            for column in columns
            for side in (ChangeLog.before, ChangeLog.after)
        ]
        keys = list(table.primary_key.columns)
        if len(keys) == 1:
            carrying = select(cast(keys[0], String)).where(or_(*(c.in_(people) for c in columns)))
            stored.append(ChangeLog.entity_id.in_(carrying))
        either.append((ChangeLog.entity == table.name) & or_(*stored))
    return or_(*either)
