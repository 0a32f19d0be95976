"""A database that asks who is working before anything of the federation is read.

`desktop/gui.py` opens the database on the lane; when it requires sign-in it hands the window
this gate instead of an AppContext. Imported at start-up: plain data, no data layer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.domain.roles import SignedIn
    from models.services.accounts.contracts import SignInResult
    from models.services.common.context import AppContext
    from models.store.unit_of_work import Database


@dataclass(frozen=True)
class SignInGate:
    # The database as configured; None on a PostgreSQL server that lets no one in before they
    # sign in with their own login role's password (the clerks' URL carries none).
    db: Database | None
    # Both run on the lane: one attempt (login, password), and the context of the account.
    attempt: Callable[[str, str], SignInResult]
    context: Callable[[SignedIn], AppContext]
    login_hint: str = ""  # --user, or the OS login: offered in the name field
    database_label: str = ""
