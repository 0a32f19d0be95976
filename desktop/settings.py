"""Start-up configuration: which database, which clerk, which rules file."""

from __future__ import annotations

import getpass
import os
import sys
from dataclasses import dataclass

from desktop.paths import default_database_path, resource_path
from models.domain.errors import DomainError

DATABASE_ENV = "YISHI_DATABASE_URL"
PASSWORD_ENV = "YISHI_DB_PASSWORD"
DEFAULT_RULES_ID = "mentougou-2019"


@dataclass(frozen=True)
class StartupSettings:
    database_url: str
    user: str


def resolve(
    database: str | None, user: str | None, *, password_stdin: bool = False
) -> StartupSettings:
    """--database beats YISHI_DATABASE_URL beats the SQLite file in the user data folder.

    An encrypted database's passphrase (or recovery key) comes from the first line of standard
    input with --db-password-stdin, else from YISHI_DB_PASSWORD, never from an argument; it is
    offered to the store, which tries it when it meets an encrypted file.
    """
    url = database or os.environ.get(DATABASE_ENV) or f"sqlite:///{default_database_path()}"
    login = (user or "").strip() or _os_login()
    secret = read_password_line() if password_stdin else os.environ.get(PASSWORD_ENV)
    if secret:  # the key machinery (hashlib and more, ~4 ms) only when there is one to offer
        from models.store.cipher import offer_password

        offer_password(secret)
    return StartupSettings(database_url=url, user=login)


def read_password_line() -> str | None:
    """One line of standard input without its line ending; None when there is none."""
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.rstrip("\r\n") or None


def _os_login() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some service environments
        return "unknown"


def shipped_rules(rules_id: str = DEFAULT_RULES_ID) -> str:
    """The rules file's text, checked to be valid TOML before any database records it."""
    import tomllib  # not on the way to the window

    path = resource_path("rules", f"{rules_id}.toml")
    try:
        text = path.read_text(encoding="utf-8")
        tomllib.loads(text)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DomainError("rules_invalid", key=rules_id, detail=str(exc)) from exc
    return text


CALENDAR_FILE = "cn-workdays.toml"


def shipped_calendar() -> str:
    """The working-day calendar shipped in resources/calendar (weekends, holidays, 调休)."""
    return resource_path("calendar", CALENDAR_FILE).read_text(encoding="utf-8")
