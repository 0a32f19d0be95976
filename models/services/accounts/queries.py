"""Reading accounts: the administrator's list, and whether this database asks for sign-in."""

from __future__ import annotations

from models.services.accounts._rows import account_query, account_row
from models.services.accounts.contracts import AccountRow
from models.services.common.access import allowed
from models.store.unit_of_work import Database
from models.store.unit_of_work import sign_in_required as _required


def list_accounts(db: Database, *, user: str) -> list[AccountRow]:
    allowed(db, user, "accounts.manage")
    with db.session_factory() as session:
        return [account_row(u, unit) for u, unit in session.execute(account_query()).all()]


def sign_in_required(db: Database) -> bool:
    """Asked before anyone has signed in (the window's first question), so not checked."""
    with db.session_factory() as session:
        return _required(session)
