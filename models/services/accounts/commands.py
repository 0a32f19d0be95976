"""What an administrator does with accounts, and what every account does with its password.

Each is one unit of work; on PostgreSQL the account's login role changes in the same
transaction (_database_roles.py). Passwords are kept only as argon2id hashes, and the change
log notes that a password changed, never the hash.
"""

from __future__ import annotations

from sqlalchemy import select

from models.domain.errors import DomainError
from models.domain.passwords import check_password, checked_login
from models.domain.roles import Role
from models.entities import Setting, User
from models.services.accounts import _database_roles
from models.services.accounts._passwords import hash_password, verify_password
from models.services.accounts._rows import account_named, ensure_admin_remains, row_of, unit_for
from models.services.accounts.contracts import AccountDraft, AccountRow
from models.services.common.access import guarded
from models.store.unit_of_work import SIGN_IN_REQUIRED, Database, sign_in_required


@guarded("accounts.manage")
def add_account(db: Database, *, user: str, draft: AccountDraft) -> AccountRow:
    """A new account, whose password the person changes at first sign-in. A clerk recorded by
    OS login before accounts existed becomes this account (their history stays theirs)."""
    login = checked_login(draft.login)
    display = draft.display_name.strip()
    if not display:
        raise DomainError("display_name_required", field="display_name")
    check_password(draft.password, login=login)
    with db.unit_of_work(user) as uow:
        session = uow.session
        unit_id = unit_for(session, draft.role, draft.unit_name)
        account = session.scalar(select(User).where(User.login == login))
        if account is not None and account.password_hash is not None:
            raise DomainError("login_taken", field="login", login=login)
        if account is None:
            account = User(login=login, display_name=display)
            session.add(account)
        account.display_name = display
        account.role = draft.role.value
        account.unit_id = unit_id
        account.active = True
        account.password_hash = hash_password(draft.password)
        account.must_change_password = True
        account.failed_sign_ins = 0
        account.locked_until = None
        session.flush()
        _database_roles.added(session, login, draft.password, draft.role)
        row = row_of(session, account)
        uow.commit()
    return row


@guarded("accounts.manage")
def set_role(
    db: Database, *, user: str, login: str, role: Role, unit_name: str | None = None
) -> AccountRow:
    with db.unit_of_work(user) as uow:
        session = uow.session
        account = account_named(session, login)
        unit_id = unit_for(session, role, unit_name)
        if role is not Role.ADMIN and sign_in_required(session):
            ensure_admin_remains(session, account)
        account.role = role.value
        account.unit_id = unit_id
        account.version += 1
        session.flush()
        _database_roles.role_set(session, account.login, role)
        row = row_of(session, account)
        uow.commit()
    return row


@guarded("accounts.manage")
def set_active(db: Database, *, user: str, login: str, active: bool) -> AccountRow:
    """停用 keeps the account and its history; it can no longer sign in. 启用 undoes it."""
    with db.unit_of_work(user) as uow:
        session = uow.session
        account = account_named(session, login)
        if not active:
            if account.login == user:
                raise DomainError("own_account_disable")
            if sign_in_required(session):
                ensure_admin_remains(session, account)
        account.active = active
        account.version += 1
        session.flush()
        _database_roles.enabled_set(session, account.login, active)
        row = row_of(session, account)
        uow.commit()
    return row


@guarded("accounts.manage")
def reset_password(db: Database, *, user: str, login: str, password: str) -> AccountRow:
    """A new password from the administrator, to be changed at the next sign-in; a lock from
    repeated failures ends with it."""
    with db.unit_of_work(user) as uow:
        session = uow.session
        account = account_named(session, login)
        check_password(password, login=account.login)
        account.password_hash = hash_password(password)
        account.must_change_password = True
        account.failed_sign_ins = 0
        account.locked_until = None
        account.version += 1
        session.flush()
        _database_roles.password_set(session, account.login, password)
        row = row_of(session, account)
        uow.commit()
    return row


@guarded("accounts.own_password")
def change_password(db: Database, *, user: str, old_password: str, new_password: str) -> AccountRow:
    with db.unit_of_work(user) as uow:
        session = uow.session
        account = account_named(session, user)
        if not verify_password(account.password_hash, old_password):
            raise DomainError("password_old_wrong", field="old_password")
        if new_password == old_password:
            raise DomainError("password_same_as_old", field="new_password")
        check_password(new_password, login=account.login)
        new_hash = hash_password(new_password)
        if _database_roles.as_own_role(session, account.login):
            # The clerk's own role may not UPDATE app_user: the server's function does.
            _database_roles.set_own_password(session, account.login, new_password, new_hash)
            session.expire(account)
            uow.log(action="update", entity="app_user", entity_id=account.id, note="修改本人密码")
        else:
            account.password_hash = new_hash
            account.must_change_password = False
            account.failed_sign_ins = 0
            account.version += 1
            session.flush()
            _database_roles.password_set(session, account.login, new_password)
        row = row_of(session, account)
        uow.commit()
    return row


@guarded("accounts.manage")
def set_sign_in_required(db: Database, *, user: str, required: bool) -> bool:
    """须登录使用. Turning it on needs an administrator who can sign in, or nobody could."""
    with db.unit_of_work(user) as uow:
        session = uow.session
        if required:
            admin = session.scalar(
                select(User.id)
                .where(
                    User.role == Role.ADMIN.value,
                    User.active.is_(True),
                    User.password_hash.is_not(None),
                )
                .limit(1)
            )
            if admin is None:
                raise DomainError("sign_in_needs_admin")
        value = "1" if required else "0"
        setting = session.get(Setting, SIGN_IN_REQUIRED)
        if setting is None:
            session.add(Setting(key=SIGN_IN_REQUIRED, value=value, updated_by=user))
        else:
            setting.value = value
            setting.updated_by = user
        uow.commit()
    return required
