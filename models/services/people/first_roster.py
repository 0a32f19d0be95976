"""The first roster the window shows, read through the database driver before SQLAlchemy loads.

The window paints, then this reads the congress's terms and its preferred term's roster with the
driver itself (stdlib sqlite3, sqlcipher3 for an encrypted file, psycopg for PostgreSQL), while
the data layer imports, opens and checks the database behind it on the worker lane. It returns
exactly the lines `queries.list_terms` and `queries.members_of_term` give (a test compares them
on every backend), ID numbers masked, and writes nothing: SQLite is opened read-only.

It steps aside (returns None) whenever anything is not the everyday case: a URL it does not
know, a missing file, a schema not at this program's revision (it will be migrated or refused by
the normal path), sign-in required (nothing is shown before someone signs in), an encrypted file
whose key was not given, or any error at all. The normal path then does everything as before.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from models.domain.vocabulary import (
    Association,
    BodyKind,
    DelegateType,
    DisabilityCategory,
    Employment,
    EndReason,
    Gender,
    MembershipStatus,
    Position,
    TermStatus,
    term_display_name,
)
from models.services.people._roster_rows import member_entry, person_fields
from models.services.people.contracts import FirstRoster, RosterEntry, TermRow, preferred_term
from models.store.revisions import REVISIONS
from models.store.sqlite_url import PLAIN_SQLITE, quick_sqlite_path

# The body the navigation shows first, and the setting that asks everyone to sign in
# (unit_of_work.SIGN_IN_REQUIRED; a test keeps them equal).
FIRST_BODY = BodyKind.CONGRESS
SIGN_IN_SETTING = "accounts.sign_in_required"

_GUARD = (
    "SELECT (SELECT version_num FROM alembic_version), (SELECT value FROM setting WHERE key = :p)"
)
# queries.list_terms: the body by its code, its terms by ordinal (LEFT JOIN: a body without terms
# gives one row of NULLs, a missing body none).
_TERMS = (
    "SELECT t.id, b.kind, b.association, b.name, t.ordinal, t.status, t.start_date, t.end_date,"
    " t.version FROM body b LEFT OUTER JOIN term t ON t.body_id = b.id WHERE b.code = :p"
    " ORDER BY t.ordinal"
)
# queries.members_of_term, column for column, in its order.
_MEMBERS = (
    "SELECT p.id, p.version, p.name, p.gender, p.id_number, p.birth_date, p.phone,"
    " p.pinyin_full, p.pinyin_initials, p.pinyin_sort,"
    " m.id, m.version, m.position, m.status, m.employment, m.delegate_type, u.name,"
    " m.disability_category, m.multi_components, m.relative_categories,"
    " m.start_date, m.end_date, m.end_reason"
    " FROM person p JOIN membership m ON m.person_id = p.id"
    " LEFT OUTER JOIN electoral_unit u ON u.id = m.electoral_unit_id"
    " WHERE m.term_id = :p ORDER BY m.status = 'ended', m.id"
)

# Runs one query of this module (its one parameter written :p) on a connection: its rows.
Run = Callable[[str, object], Sequence[Sequence[Any]]]
_PLACEHOLDER = {"sqlite": "?", "postgresql": "%s"}
_SQLITE_HEADER = (
    b"SQLite format 3\x00"  # cipher.SQLITE_HEADER: a plain file (a test keeps them equal)
)


def driver_sql(sql: str, backend: str) -> str:
    """A query of this module as the backend's driver takes it (qmark or format style)."""
    return sql.replace(":p", _PLACEHOLDER[backend])


def read_first_roster(url: str) -> FirstRoster | None:
    """The first roster, or None: then the normal path shows it (see the module's note)."""
    try:
        if url.startswith(PLAIN_SQLITE):
            return _from_sqlite(url)
        if url.startswith("postgresql+psycopg://"):
            return _from_postgresql(url)
    except Exception:  # anything unusual: the normal path opens it and says what is wrong
        return None
    return None


def first_roster(run: Run) -> FirstRoster | None:
    """The reads themselves, on an open connection: the guard, the terms, the roster."""
    rows = run(_GUARD, SIGN_IN_SETTING)
    revision, sign_in = rows[0]
    if revision != REVISIONS[-1] or sign_in == "1":
        return None
    found = run(_TERMS, FIRST_BODY.value)
    if not found:  # the body is missing: a damaged database, which the normal path explains
        return None
    terms = tuple(_term_row(row) for row in found if row[0] is not None)
    if not terms:
        return FirstRoster(FIRST_BODY, (), -1, ())
    index = preferred_term(terms)
    entries = tuple(_member(row) for row in run(_MEMBERS, terms[index].id))
    return FirstRoster(FIRST_BODY, terms, index, entries)


# --- the drivers ---------------------------------------------------------------------------------


def sqlite_file(url: str) -> Path | None:
    """The existing file behind a plain sqlite:///PATH URL (as SQLAlchemy reads it), else None."""
    if not url.startswith(PLAIN_SQLITE) or "?" in url:  # nothing that needs SQLAlchemy to read
        return None
    path = quick_sqlite_path(url)
    return path if path is not None and path.is_file() else None


def _from_sqlite(url: str) -> FirstRoster | None:
    import sqlite3

    path = sqlite_file(url)
    if path is None:
        return None
    # Read-only by URI (the path percent-encoded): nothing is written before the normal path
    # has checked the schema.
    target = path.resolve().as_uri() + "?mode=ro"
    with path.open("rb") as handle:
        plain = handle.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER
    if plain:  # the everyday case: the key machinery (hashlib, scrypt, secrets) stays unloaded
        connection = sqlite3.connect(target, uri=True)
    else:
        from models.store.cipher import aside_path, connect_file, database_key, is_encrypted

        if not is_encrypted(path) or aside_path(path).exists():
            # Not a database, or an interrupted `db encrypt`: the normal path explains or cleans.
            return None
        connection = connect_file(Path(target), database_key(path), uri=True)
    try:

        def run(sql: str, parameter: object) -> list[Any]:
            return connection.execute(driver_sql(sql, "sqlite"), (parameter,)).fetchall()

        return first_roster(run)
    finally:
        connection.close()


def _from_postgresql(url: str) -> FirstRoster | None:
    import psycopg

    parts = urlsplit(url)
    options: dict[str, Any] = {
        "dbname": unquote(parts.path.lstrip("/")),
        **dict(parse_qsl(parts.query)),
    }
    # A server that does not answer: the normal path waits for it, not this one as well.
    options.setdefault("connect_timeout", 5)
    for key, value in (
        ("host", parts.hostname),
        ("port", parts.port),
        ("user", parts.username),
        ("password", parts.password),
    ):
        if value is not None:
            options[key] = unquote(value) if isinstance(value, str) else value
    with psycopg.connect(**options) as connection:
        connection.read_only = True

        def run(sql: str, parameter: object) -> list[Any]:
            return connection.execute(driver_sql(sql, "postgresql"), (parameter,)).fetchall()

        return first_roster(run)


# --- rows ----------------------------------------------------------------------------------------


def _date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, str):
        return date.fromisoformat(value)
    raise TypeError(f"not a date: {value!r}")


def _json_list(value: object) -> list[str] | None:
    """A JSON column as SQLAlchemy gives it: SQLite keeps text, psycopg decodes it already."""
    loaded = json.loads(value) if isinstance(value, str) else value
    if loaded is None or isinstance(loaded, list):
        return loaded
    raise TypeError(f"not a list: {loaded!r}")


def _word(kind: Any, value: object) -> Any:
    return None if value is None else kind(value)


def _term_row(row: Sequence[Any]) -> TermRow:
    term_id, kind, association, body_name, ordinal, status, start, end, version = row
    return TermRow(
        id=term_id,
        body=BodyKind(kind),
        association=_word(Association, association),
        body_name=body_name,
        term=ordinal,
        name=term_display_name(ordinal),
        status=TermStatus(status),
        start_date=_date(start),
        end_date=_date(end),
        version=version,
    )


def _member(row: Sequence[Any]) -> RosterEntry:
    (
        person_id,
        person_version,
        name,
        gender,
        id_number,
        birth_date,
        phone,
        pinyin_full,
        pinyin_initials,
        pinyin_sort,
        membership_id,
        membership_version,
        position,
        status,
        employment,
        delegate_type,
        unit,
        category,
        multi,
        relatives,
        start,
        end,
        end_reason,
    ) = row
    person = person_fields(
        person_id=person_id,
        person_version=person_version,
        name=name,
        gender=Gender(gender).value,
        id_number=id_number,
        birth_date=_date(birth_date),
        phone=phone,
        pinyin_full=pinyin_full,
        pinyin_initials=pinyin_initials,
        pinyin_sort=pinyin_sort,
    )
    return member_entry(
        person,
        membership_id=membership_id,
        membership_version=membership_version,
        position=Position(position).value,
        status=MembershipStatus(status),
        employment=employment and Employment(employment).value,
        delegate_type=delegate_type and DelegateType(delegate_type).value,
        unit=unit,
        disability_category=_word(DisabilityCategory, category),
        multi_components=_json_list(multi),
        relative_categories=_json_list(relatives),
        start_date=_date(start),
        end_date=_date(end),
        end_reason=end_reason and EndReason(end_reason).value,
    )
