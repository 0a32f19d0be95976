"""Accounts as the 账户 window and `yishi users list` show them, and what an administrator enters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from models.domain.roles import ROLE_NAMES, Role, SignedIn


@dataclass(frozen=True)
class AccountRow:
    id: int
    login: str
    display_name: str
    role: Role
    active: bool
    has_password: bool  # False: a clerk recorded by OS login before accounts; cannot sign in
    must_change_password: bool
    locked_until: datetime | None  # set while repeated failures keep the account locked
    unit_id: int | None
    unit_name: str | None

    @property
    def role_name(self) -> str:
        return ROLE_NAMES[self.role]


@dataclass(frozen=True)
class AccountDraft:
    login: str
    display_name: str
    role: Role
    password: str
    unit_name: str | None = None  # the handling unit of a 承办单位 account


@dataclass(frozen=True)
class SignInResult:
    account: SignedIn
    # An administrator set this password (new account or reset): change it before anything else.
    must_change_password: bool
