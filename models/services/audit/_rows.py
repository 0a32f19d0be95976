"""Change-log rows → AuditEntry, and the one SELECT every read of the log starts from."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select

from models.entities import ChangeLog, User
from models.services.audit.contracts import AuditEntry

# The stored columns an entry shows, in the select's order; the hash columns follow them.
_SHOWN = (
    ChangeLog.id,
    ChangeLog.at,
    ChangeLog.user_login,
    ChangeLog.action,
    ChangeLog.entity,
    ChangeLog.entity_id,
    ChangeLog.before,
    ChangeLog.after,
    ChangeLog.note,
)


def entries_select() -> Select[Any]:
    """Entries with the account's display name; by login, since rows written before accounts
    (or by a clerk whose account was later removed) may carry no user_id."""
    return select(*_SHOWN, User.display_name).outerjoin(User, User.login == ChangeLog.user_login)


def chain_select() -> Select[Any]:
    """Everything the hash covers and the hashes themselves, oldest first."""
    return select(*_SHOWN, ChangeLog.prev_hash, ChangeLog.entry_hash).order_by(ChangeLog.id)


def entry_of(row: Any, display_name: str | None = None) -> AuditEntry:
    return AuditEntry(
        id=row.id,
        at=row.at,
        login=row.user_login,
        display_name=display_name,
        action=row.action,
        entity=row.entity,
        entity_id=row.entity_id,
        before=row.before,
        after=row.after,
        note=row.note,
    )


def hashed_content(row: Any) -> dict[str, Any]:
    """What audit_chain.canonical reads, from a row as the database gives it back."""
    return {
        "at": row.at,
        "user_login": row.user_login,
        "action": row.action,
        "entity": row.entity,
        "entity_id": row.entity_id,
        "before": row.before,
        "after": row.after,
        "note": row.note,
    }
