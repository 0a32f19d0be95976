"""Reading the 操作记录: filtered entries, newest first, and a walk of the whole hash chain."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import select

from models.domain.meeting_vocabulary import FEDERATION_TZ
from models.entities import ChangeLog, User
from models.services.audit._filters import conditions
from models.services.audit._rows import chain_select, entries_select, entry_of, hashed_content
from models.services.audit.contracts import AuditEntry, AuditFilter, ChainCheck
from models.services.common.access import allowed
from models.store.audit_chain import GENESIS, chain_hash
from models.store.unit_of_work import Database

DEFAULT_LIMIT = 200
# Rows fetched at a time by the chain walk: memory stays flat however long the log grows.
_BATCH = 2000


def list_entries(
    db: Database,
    *,
    user: str,
    account: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    kind: str | None = None,
    person: str | None = None,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
) -> list[AuditEntry]:
    """Entries matching every filter given, newest first; `limit` None: all of them."""
    allowed(db, user, "audit.read")
    found = AuditFilter(account, date_from, date_to, kind, person)
    return list(matching(db, found, limit=limit, offset=offset))


def matching(
    db: Database, found: AuditFilter, *, limit: int | None = None, offset: int = 0
) -> Iterator[AuditEntry]:
    """The entries, streamed (an export of the whole log never holds it twice). No access
    check: callers have made theirs."""
    query = entries_select().where(*conditions(found)).order_by(ChangeLog.id.desc())
    if offset:
        query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    with db.session_factory() as session:
        for row in session.execute(query.execution_options(yield_per=_BATCH)):
            yield entry_of(row, row.display_name)


def record_entries(db: Database, *, entity: str, entity_id: object) -> list[AuditEntry]:
    """One record's entries (its table and id), newest first: a register's 历史. No access
    check: callers have made theirs."""
    query = (
        entries_select()
        .where(ChangeLog.entity == entity, ChangeLog.entity_id == str(entity_id))
        .order_by(ChangeLog.id.desc())
    )
    with db.session_factory() as session:
        return [entry_of(row, row.display_name) for row in session.execute(query)]


def verify_chain(
    db: Database, *, user: str, kept_head: tuple[int, str] | None = None
) -> ChainCheck:
    """Walk the log from its first entry, recomputing each hash from the one before; stop at
    the first entry that has no hash, whose content does not hash to its stored hash (altered),
    or whose stored prev_hash is not the previous entry's hash (an entry removed before it, or
    it was slipped in out of order).

    `kept_head` (id, hash): an entry's hash written down after an earlier check. A chain
    rewritten whole from some entry on is consistent again; only this copy kept elsewhere shows
    that entry `id` no longer has the hash it had (or is gone)."""
    allowed(db, user, "audit.read")
    checked = 0
    previous = GENESIS
    head_id: int | None = None
    with db.session_factory() as session:
        rows = session.execute(chain_select().execution_options(yield_per=_BATCH))
        for row in rows:
            checked += 1
            reason = _fault(row, previous)
            if reason is None and kept_head is not None and row.id == kept_head[0]:
                reason = None if row.entry_hash == kept_head[1] else "audit_head_mismatch"
            if reason is not None:
                rows.close()  # the rest of the log is not needed
                display_name = session.scalar(
                    select(User.display_name).where(User.login == row.user_login)
                )
                return _broken(entry_of(row, display_name), reason, checked)
            previous, head_id = row.entry_hash, row.id
    if kept_head is not None and (head_id is None or head_id < kept_head[0]):
        params = {"id": kept_head[0], "checked": checked}
        return ChainCheck(checked, False, kept_head[0], "audit_head_missing", params)
    if checked == 0:
        return ChainCheck(0, True, None, "audit_chain_empty")
    params = {"checked": checked}
    return ChainCheck(checked, True, None, "audit_chain_intact", params, None, previous, head_id)


def _fault(row: Any, previous: str) -> str | None:
    if not row.prev_hash or not row.entry_hash:
        return "audit_entry_unsealed"
    if row.prev_hash != previous:
        return "audit_entry_unlinked"
    if chain_hash(previous, hashed_content(row)) != row.entry_hash:
        return "audit_entry_altered"
    return None


def _broken(entry: AuditEntry, reason: str, checked: int) -> ChainCheck:
    params = {
        "id": entry.id,
        "at": entry.at.astimezone(FEDERATION_TZ).strftime("%Y-%m-%d %H:%M:%S"),
        "who": entry.who,
        "entity": f"{entry.kind_label}，表 {entry.entity}",
        "checked": checked,
    }
    return ChainCheck(checked, False, entry.id, reason, params, entry)


def known_accounts(db: Database, *, user: str) -> list[tuple[str, str]]:
    """(login, display name) of every clerk and account, for the window's account filter."""
    allowed(db, user, "audit.read")
    with db.session_factory() as session:
        rows = session.execute(select(User.login, User.display_name).order_by(User.login))
        return [(login, name) for login, name in rows]
