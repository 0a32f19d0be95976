"""Account names and password rules, and how long repeated failures lock an account.

Pure rules: the hashing (argon2id) lives in services/accounts; here only what a clerk is told.
An account name is also a PostgreSQL login role on a shared database, so it is kept to what
PostgreSQL takes without quoting: lower-case letters, digits and underscores.
"""

from __future__ import annotations

import re
from datetime import timedelta

from models.domain.errors import DomainError

LOGIN_PATTERN = re.compile(r"[a-z][a-z0-9_]{1,30}")
# Names a login may not take: PostgreSQL's own and Yishi's group roles.
RESERVED_PREFIXES = ("pg_", "yishi_")
RESERVED_LOGINS = frozenset({"postgres", "public", "root", "admin", "none", "current_user"})

MIN_LENGTH = 8
MAX_LENGTH = 128
FAILURES_BEFORE_LOCK = 5
LOCK_DURATION = timedelta(minutes=15)

# The passwords people choose first; a longer list would be a resource, these are the common
# Chinese office ones (keyboard runs, lucky numbers, pinyin greetings).
COMMON = frozenset(
    {
        "12345678",
        "123456789",
        "1234567890",
        "87654321",
        "88888888",
        "66666666",
        "11111111",
        "00000000",
        "password",
        "password1",
        "qwertyui",
        "qwerty123",
        "1qaz2wsx",
        "abc12345",
        "abcd1234",
        "a1234567",
        "admin123",
        "woaini520",
        "woaini1314",
        "iloveyou",
        "aa123456",
        "qq123456",
    }
)


def checked_login(login: str) -> str:
    """The account name, trimmed; refused with `login_invalid` unless PostgreSQL can take it as
    a role name as it is."""
    name = login.strip()
    if (
        not LOGIN_PATTERN.fullmatch(name)
        or name in RESERVED_LOGINS
        or name.startswith(RESERVED_PREFIXES)
    ):
        raise DomainError("login_invalid", field="login", value=name)
    return name


def check_password(password: str, *, login: str) -> None:
    """Refuse a password a colleague could guess: too short, one kind of character only,
    the account name in it, or one of the common ones."""
    if len(password) < MIN_LENGTH:
        raise DomainError("password_too_short", field="password", minimum=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise DomainError("password_too_long", field="password", maximum=MAX_LENGTH)
    kinds = sum(
        (
            any(c.isalpha() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        )
    )
    if kinds < 2 or len(set(password)) < 4:
        raise DomainError("password_too_simple", field="password")
    if login and login.lower() in password.lower():
        raise DomainError("password_contains_login", field="password")
    if password.lower() in COMMON:
        raise DomainError("password_common", field="password")
