"""Accounts for the permission tests: one per role, made directly as app_user rows, with the
database's sign-in setting on (what `yishi users add` and `require-sign-in on` will write)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, delete, select

import models.services
from models.domain.roles import Role
from models.entities import HandlingUnit, Setting, User
from models.services.common.access import RULES_CONTENT
from models.store.unit_of_work import SIGN_IN_REQUIRED, Database

PASSWORD_HASH = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$not-checked-by-the-core"
UNIT_NAME = "权限测试承办单位"
OTHER_UNIT_NAME = "权限测试其他单位"
SETUP = "matrix-setup"  # who makes the accounts, before sign-in is required


def login_of(role: Role) -> str:
    return f"matrix-{role.value}"


def add_account(
    db: Database,
    login: str,
    role: Role,
    *,
    unit_id: int | None = None,
    active: bool = True,
    by: str = SETUP,
    password_hash: str = PASSWORD_HASH,
) -> None:
    with db.unit_of_work(by) as uow:
        uow.session.add(
            User(
                login=login,
                display_name=login,
                role=role.value,
                password_hash=password_hash,
                active=active,
                unit_id=unit_id,
            )
        )
        uow.commit()


def add_unit(db: Database, name: str) -> int:
    with db.unit_of_work(SETUP) as uow:
        unit = HandlingUnit(name=name, kind="internal", sort_order=900, active=True)
        uow.session.add(unit)
        uow.session.flush()
        unit_id = unit.id
        uow.commit()
    return unit_id


def put(db: Database, key: str, value: str | None, *, login: str | None = None) -> None:
    with db.unit_of_work(login or SETUP) as uow:
        uow.session.execute(delete(Setting).where(Setting.key == key))
        if value is not None:
            uow.session.add(Setting(key=key, value=value))
        uow.commit()


def require_sign_in(db: Database, *, by: str = SETUP) -> None:
    put(db, SIGN_IN_REQUIRED, "1", login=by)


def set_leader_signs(db: Database, signs: bool) -> None:
    """The rules in force say whether 领导 sign off (only [permissions] is read for it)."""
    content = f"[permissions]\nleader_signs = {'true' if signs else 'false'}\n"
    put(db, RULES_CONTENT, content, login=login_of(Role.ADMIN))


def accounts_for_every_role(db: Database) -> int:
    """Sign-in required and one active account per role; returns the unit account's unit."""
    unit_id = add_unit(db, UNIT_NAME)
    for role in Role:
        add_account(db, login_of(role), role, unit_id=unit_id if role is Role.UNIT else None)
    require_sign_in(db)
    return unit_id


def connection_of(db: Database) -> Connection:
    """The one connection a rolled-back test database runs on (tests/conftest.py)."""
    bind = db.session_factory.kw["bind"]
    assert isinstance(bind, Connection)
    return bind


@contextmanager
def undone(db: Database) -> Iterator[None]:
    """Whatever an allowed command writes is undone at once: the next cell starts the same."""
    savepoint = connection_of(db).begin_nested()
    try:
        yield
    finally:
        savepoint.rollback()


def guarded_commands() -> dict[str, Callable[..., Any]]:
    """Every function in models.services.* that names its action, by module.name."""
    found: dict[str, Callable[..., Any]] = {}
    for info in pkgutil.walk_packages(models.services.__path__, "models.services."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if (
                inspect.isfunction(value)
                and value.__module__ == module.__name__
                and hasattr(value, "action")
            ):
                found[f"{module.__name__}.{name}"] = value
    return found


def user_id(db: Database, login: str) -> int | None:
    with db.session_factory() as session:
        return session.scalar(select(User.id).where(User.login == login))
