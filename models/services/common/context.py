"""The application context: the database, the signed-in clerk and the resource paths, together.

Built once in desktop/ and handed to the operations the window calls (views/ops); a command run
through it reports what it changed, as the core saw it written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath
from typing import TypeVar

from sqlalchemy.engine import URL, make_url

from models.domain.messages import message
from models.domain.permissions import PERMISSIONS, may
from models.domain.roles import ROLE_NAMES, Role, SignedIn
from models.services.common.changes import Changes, Outcome
from models.store.unit_of_work import Database, collecting

T = TypeVar("T")

# A drive letter (C:/ or C:\) or a UNC share (//server/share): a Windows path, shown with backslashes.
_WINDOWS_PATH = re.compile(r"^(?:[A-Za-z]:[/\\]|[/\\]{2}[^/\\])")


def database_display(url: URL | str) -> str:
    """The database as a clerk reads it: the file's path for SQLite (C:\\Users\\…\\yishi.sqlite3
    on Windows, never the escaped URL sqlite:///C%3A/…), server and database for PostgreSQL;
    never a password."""
    url = make_url(url)
    if url.get_backend_name() == "sqlite":
        path = url.database or ""
        if path in ("", ":memory:"):
            return "内存数据库（本机 SQLite）"
        if _WINDOWS_PATH.match(path):
            path = str(PureWindowsPath(path))
        return f"{path}（本机 SQLite）"
    return f"{url.host}:{url.port or 5432}/{url.database}（共享 PostgreSQL）"


@dataclass(frozen=True)
class AppContext:
    db: Database
    user: str
    fonts_dir: Path | None = None
    reply_templates: Path | None = None  # resources/templates/reply_templates.toml
    # The signed-in account; None while the database does not require sign-in (an administrator).
    account: SignedIn | None = None
    leader_signs: bool = False  # [permissions] leader_signs of the rules in force

    @property
    def role(self) -> Role:
        return self.account.role if self.account is not None else Role.ADMIN

    def refusal(self, action: str) -> str | None:
        """Why this account may not take `action` (a disabled button's tooltip), or None. The
        core checks again when the command runs: this only saves the clerk a refused click."""
        if may(self.role, action, leader_signs=self.leader_signs):
            return None
        permission = PERMISSIONS.get(action)
        label = permission.label if permission is not None else action
        return message("role_refused", {"role": ROLE_NAMES[self.role], "action": label})

    def command(self, work: Callable[[Database, str], T]) -> Outcome[T]:
        """Run one user action's command as the clerk; its changes are what it committed."""
        with collecting() as touched:
            value = work(self.db, self.user)
        return Outcome(value, Changes.of_tables(touched))

    @property
    def database_label(self) -> str:
        """The file for SQLite, server and database for PostgreSQL; never a password."""
        return database_display(self.db.engine.url)

    def close(self) -> None:
        self.db.engine.dispose()
