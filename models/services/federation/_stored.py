"""The profile's and the rules' settings rows, written inside a command's unit of work."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.entities import Setting
from models.store.unit_of_work import UnitOfWork


def put(uow: UnitOfWork, key: str, value: str | None) -> None:
    """Store a value (None: remove it); an unchanged value writes nothing, so logs nothing."""
    setting = uow.session.get(Setting, key)
    now: datetime = uow.session.info["now"]()
    if value is None:
        if setting is not None:
            uow.session.delete(setting)
        return
    if setting is None:
        uow.session.add(Setting(key=key, value=value, updated_by=uow.user_login, updated_at=now))
    elif setting.value != value:
        setting.value, setting.updated_by, setting.updated_at = value, uow.user_login, now


def rows(session: Session, keys: Iterable[str]) -> dict[str, Setting]:
    found = session.scalars(select(Setting).where(Setting.key.in_(list(keys))))
    return {setting.key: setting for setting in found}
