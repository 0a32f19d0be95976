"""What the 操作记录 hands out: entries of the change log, the filters, and a chain check.

Plain data, so the window may import it before the database is open.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from models.domain.audit_kinds import action_label, entity_label, field_label


@dataclass(frozen=True)
class AuditEntry:
    """One change-log entry as stored: ID numbers in `before`, `after` and `note` were masked
    when the entry was written, so nothing here needs masking again."""

    id: int
    at: datetime  # aware, UTC as stored; shown in the office's time (北京时间)
    login: str
    display_name: str | None  # the account's 姓名 when the account still exists
    action: str  # insert, update, delete, reveal, sign_in, export, print …
    entity: str  # the table: person, membership, motion …
    entity_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    note: str | None

    @property
    def who(self) -> str:
        """张三（zhangsan）, or the login alone when no account carries a display name."""
        if self.display_name and self.display_name != self.login:
            return f"{self.display_name}（{self.login}）"
        return self.login

    @property
    def entity_label(self) -> str:
        return entity_label(self.entity)

    @property
    def action_label(self) -> str:
        return action_label(self.action)

    @property
    def kind_label(self) -> str:
        """人员·修改: the record and what was done to it."""
        return f"{self.entity_label}·{self.action_label}"

    def fields(self) -> list[str]:
        """Every field named before or after, in the order they were stored."""
        names = list(self.before or {})
        names += [name for name in (self.after or {}) if name not in names]
        return names

    def summary(self) -> str:
        """What happened, on one line: the note, an update's fields before → after, or the
        name, title, login or value of what was added or removed."""
        if self.note:
            return self.note
        before, after = self.before or {}, self.after or {}
        if self.action == "update":
            return "；".join(
                f"{field_label(name)}：{value_text(before.get(name))} → {value_text(after.get(name))}"
                for name in self.fields()
            )
        values = after or before
        found = next((values[k] for k in ("name", "title", "login", "value") if values.get(k)), "")
        return str(found)

    def changed(self, name: str) -> bool:
        """Whether `name` differs between before and after (an insert or delete: all do)."""
        before, after = self.before or {}, self.after or {}
        return before.get(name) != after.get(name) or (name in before) != (name in after)


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to list or export; None means any. Dates are the office's calendar days
    (北京时间), both ends included."""

    account: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    kind: str | None = None  # a table (person) or an action (sign_in), or its Chinese word
    person: str | None = None  # a name or part of one

    def described(self) -> dict[str, str]:
        """The filters given, for the export's own log entry (no personal data beyond a name)."""
        out = {
            "account": self.account,
            "date_from": self.date_from.isoformat() if self.date_from else None,
            "date_to": self.date_to.isoformat() if self.date_to else None,
            "kind": self.kind,
            "person": self.person,
        }
        return {key: value for key, value in out.items() if value}


@dataclass(frozen=True)
class ChainCheck:
    """The result of walking the hash chain from the first entry to the last.

    `reason` is a message code (models/domain/messages.py) with `params`: on an intact chain
    `audit_chain_intact`; otherwise why the first bad entry is bad, naming it. `head` is the last
    entry's hash on an intact chain (`head_id` its number): kept elsewhere, it shows later
    whether the chain was rewritten from that entry back (verify_chain's `kept_head`)."""

    checked: int
    ok: bool
    first_bad_id: int | None
    reason: str
    params: dict[str, Any] = field(default_factory=dict)
    first_bad: AuditEntry | None = None
    head: str | None = None
    head_id: int | None = None  # the last entry, whose hash `head` is


@dataclass(frozen=True)
class AuditExport:
    path: str
    entries: int


def value_text(value: Any) -> str:
    """A stored field's value as a clerk reads it: text as is, nothing as （空）."""
    if value is None:
        return "（空）"
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "是" if value else "否"
    return json.dumps(value, ensure_ascii=False)


def side_text(entry: AuditEntry, side: str) -> str:
    """`before` or `after` as lines `field：value`, in the entry's field order."""
    values = (entry.before if side == "before" else entry.after) or {}
    return "\n".join(
        f"{field_label(name)}：{value_text(values[name])}"
        for name in entry.fields()
        if name in values
    )
