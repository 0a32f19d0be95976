"""Who a clerk is to Yishi: the five roles and the signed-in account a command runs as.

Roles are data (the table in permissions.py says what each may do); their ids are what the
command line and JSON use, their Chinese names what a clerk reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"  # 管理员: accounts, settings, rules file, restore, calendar — and all the work
    SECRETARIAT = "secretariat"  # 秘书处: the day-to-day work of every feature
    LEADER = "leader"  # 领导: reads everything; signs off replies and minutes if the rules say so
    UNIT = "unit"  # 承办单位: its own unit's motions only
    READONLY = "readonly"  # 只读: reads and prints; never a full ID number


ROLE_NAMES: dict[Role, str] = {
    Role.ADMIN: "管理员",
    Role.SECRETARIAT: "秘书处",
    Role.LEADER: "领导",
    Role.UNIT: "承办单位",
    Role.READONLY: "只读",
}


@dataclass(frozen=True)
class SignedIn:
    """The account a unit of work runs as. With sign-in not required (one PC, no accounts), the
    clerk is the OS login or --user and acts as an administrator, as before accounts existed."""

    login: str
    role: Role
    display_name: str = ""
    unit_id: int | None = None  # the handling unit of a 承办单位 account
    unit_name: str | None = None

    @property
    def role_name(self) -> str:
        return ROLE_NAMES[self.role]
