"""The change log, written at every flush: who inserted, updated or deleted what, before and after."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session, attributes

from models.domain.identity import mask_identifier, mask_ids_in_text
from models.entities import ChangeLog, User
from models.entities.base import Base, Versioned
from models.store.audit_chain import GENESIS, sealed
from models.store.pg_log import append_sealed, has_log_functions, last_log_hash

MASKED_COLUMNS = frozenset({"id_number", "cert_number"})
# Bookkeeping columns say nothing a reader of the log needs.
SKIPPED_COLUMNS = frozenset({"version", "created_at", "updated_at", "updated_by"})


# A password's hash is nobody's business, not even the log's: it says only that one was set.
SECRET_COLUMNS = frozenset({"password_hash"})
SECRET_SET = "（已设置）"
SECRET_CHANGED = "（已更改）"


def _plain(column: str, value: Any) -> Any:
    if column in SECRET_COLUMNS:
        return SECRET_SET if value else None
    if column in MASKED_COLUMNS and isinstance(value, str):
        return mask_identifier(value)
    if isinstance(value, str):
        # An ID number in free text (a 监护人身份证号 column kept in the remarks, a note).
        return mask_ids_in_text(value)
    if isinstance(value, dict):
        return {_plain("", key): _plain("", item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain("", item) for item in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        # Attached files are kept with their SHA-256 beside them; the log notes only the size.
        return f"{len(value)} bytes"
    return value


def _columns(obj: Base) -> list[str]:
    return [c.key for c in sa_inspect(obj).mapper.column_attrs if c.key not in SKIPPED_COLUMNS]


def _snapshot(obj: Base) -> dict[str, Any]:
    return {key: _plain(key, getattr(obj, key)) for key in _columns(obj)}


def _identity(obj: Base) -> str:
    return ",".join(str(v) for v in sa_inspect(obj).mapper.primary_key_from_instance(obj))


def stamp_versioned(session: Session, _context: Any, _instances: Any) -> None:
    """before_flush: name the clerk and the time on every record several clerks edit."""
    if "user_login" not in session.info:
        # Every write must be attributable; only a UnitOfWork knows the clerk.
        raise RuntimeError("writes go through a UnitOfWork, which names the clerk")
    login, now = session.info["user_login"], session.info["now"]()
    for obj in session.new:
        if isinstance(obj, Versioned) and obj.created_at is None:
            obj.created_at = now  # the unit of work's clock (the demo's dates), not the column's
    for obj in list(session.new) + [o for o in session.dirty if session.is_modified(o)]:
        if isinstance(obj, Versioned):
            obj.updated_by = login
            obj.updated_at = now


def record_changes(session: Session, _context: Any) -> None:
    """after_flush: the pre-flush lists and attribute histories are still readable here."""
    rows: list[dict[str, Any]] = []
    login = session.info["user_login"]
    user_id = session.info.get("user_id")
    if user_id is None:
        # A new clerk's first flush inserts the clerk: the log row of that insert names them too.
        user_id = next(
            (o.id for o in session.new if isinstance(o, User) and o.login == login), None
        )
    base = {"at": session.info["now"](), "user_id": user_id, "user_login": login}
    for obj in session.new:
        if isinstance(obj, Base) and not isinstance(obj, ChangeLog):
            rows.append(
                base
                | {
                    "action": "insert",
                    "entity": obj.__tablename__,
                    "entity_id": _identity(obj),
                    "before": None,
                    "after": _snapshot(obj),
                }
            )
    for obj in session.dirty:
        if not isinstance(obj, Base) or isinstance(obj, ChangeLog):
            continue
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        for key in _columns(obj):
            history = attributes.get_history(obj, key)
            if history.has_changes() and history.deleted != history.added:
                before[key] = _plain(key, history.deleted[0] if history.deleted else None)
                after[key] = _plain(key, history.added[0] if history.added else None)
                if key in SECRET_COLUMNS and after[key] is not None:
                    after[key] = SECRET_CHANGED
        if after:
            rows.append(
                base
                | {
                    "action": "update",
                    "entity": obj.__tablename__,
                    "entity_id": _identity(obj),
                    "before": before,
                    "after": after,
                }
            )
    for obj in session.deleted:
        if isinstance(obj, Base) and not isinstance(obj, ChangeLog):
            rows.append(
                base
                | {
                    "action": "delete",
                    "entity": obj.__tablename__,
                    "entity_id": _identity(obj),
                    "before": _snapshot(obj),
                    "after": None,
                }
            )
    if rows:
        hold_entries(session, [r | {"note": None} for r in rows])
        # What the unit of work reports as changed once it commits (see unit_of_work.collecting).
        touched = session.info.setdefault("touched", set())
        touched.update((r["entity"], r["entity_id"]) for r in rows)


# Any int4 constant: with the schema's hash, the advisory lock that keeps appends to the chain in
# order on PostgreSQL.
CHAIN_LOCK = 0x59495348  # "YISH"
_HELD = "yishi_log_entries"


def hold_entries(session: Session, entries: list[dict[str, Any]]) -> None:
    """Keep change-log entries until the transaction commits (`seal_held_entries`): sealing
    them into the chain takes the chain's lock, which must be held for moments, not for the
    whole of a clerk's unit of work — two clerks' transactions still run side by side."""
    session.info.setdefault(_HELD, []).extend(entries)


def seal_held_entries(session: Session) -> None:
    """before_commit: flush what is left (its entries join the held ones), then append them."""
    session.flush()
    entries = session.info.pop(_HELD, [])
    if entries:
        append_entries(session, entries)


def drop_held_entries(session: Session, _previous: Any = None) -> None:
    """after_rollback: what was rolled back is not in the log either."""
    session.info.pop(_HELD, None)


def append_entries(session: Session, entries: list[dict[str, Any]]) -> None:
    """Append to the change log, each entry sealed to the one before (audit_chain.py). Appends
    are one at a time across clerks: SQLite's writer lock already orders them; on PostgreSQL a
    transaction-wide advisory lock does, from here to the commit that follows."""
    connection = session.connection()
    # On PostgreSQL with the grants set up, the server appends (pg_log.py): the clerk's own
    # role may not write the table, and may not even read it (a unit account).
    through_server = False
    if connection.dialect.name == "postgresql":
        # Keyed by schema as well: one server may hold several federations' databases.
        connection.execute(
            text("SELECT pg_advisory_xact_lock(:key, hashtext(current_schema()))"),
            {"key": CHAIN_LOCK},
        )
        through_server = has_log_functions(connection)
    if through_server:
        last = last_log_hash(connection)
    else:
        last = connection.execute(
            select(ChangeLog.entry_hash).order_by(ChangeLog.id.desc()).limit(1)
        ).scalar_one_or_none()
    masked = [
        entry
        | {
            "note": _plain("note", entry.get("note")),
            "before": _plain("before", entry.get("before")),
            "after": _plain("after", entry.get("after")),
        }
        for entry in entries
    ]
    rows, _last = sealed(last or GENESIS, masked)
    if through_server:
        append_sealed(connection, rows)
    else:
        connection.execute(insert(ChangeLog), rows)
