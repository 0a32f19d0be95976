"""Users (clerks, by OS login), settings such as the rules file in force, and the change log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, false, true
from sqlalchemy.orm import Mapped, mapped_column

from models.entities.base import Base, UtcDateTime, utcnow


class User(Base):
    """A clerk: created on first write from the OS login while sign-in is not required; an
    account (a password set, a role that the core checks) once an administrator adds one."""

    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # A Role id (models/domain/roles.py); clerks from before accounts were administrators.
    role: Mapped[str] = mapped_column(String(16), default="admin", server_default="admin")
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # argon2id; None: no password yet, so no sign-in (an OS login recorded before accounts).
    password_hash: Mapped[str | None] = mapped_column(String(255))
    must_change_password: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The handling unit (承办单位) a unit account acts for.
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("handling_unit.id"))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class Setting(Base):
    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(64), default="")


class ChangeLog(Base):
    """Append-only: one row per insert, update, delete or ID reveal, with who and when."""

    __tablename__ = "change_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    user_login: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(16))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(64))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)
    # The hash chain (models/store/audit_chain.py): each entry's SHA-256 over the previous
    # entry's hash and its own canonical content, so an edited, removed or inserted row shows.
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    entry_hash: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (Index("ix_change_log_entity", "entity", "entity_id"),)
