"""Start-up configuration: which database, which clerk, which rules file."""

from __future__ import annotations

import getpass
import os
import tomllib
from dataclasses import dataclass

from desktop.paths import default_database_path, resource_path
from models.domain.errors import DomainError

DATABASE_ENV = "YISHI_DATABASE_URL"
DEFAULT_RULES_ID = "mentougou-2019"


@dataclass(frozen=True)
class StartupSettings:
    database_url: str
    user: str


def resolve(database: str | None, user: str | None) -> StartupSettings:
    """--database beats YISHI_DATABASE_URL beats the SQLite file in the user data folder."""
    url = database or os.environ.get(DATABASE_ENV) or f"sqlite:///{default_database_path()}"
    login = (user or "").strip() or _os_login()
    return StartupSettings(database_url=url, user=login)


def _os_login() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some service environments
        return "unknown"


def shipped_rules(rules_id: str = DEFAULT_RULES_ID) -> str:
    """The rules file's text, checked to be valid TOML before any database records it."""
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
