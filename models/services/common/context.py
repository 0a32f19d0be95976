"""The application context: the database, the signed-in clerk and the resource paths, together.

Built once in desktop/ and handed to the operations the window calls (views/ops); a command run
through it reports what it changed, as the core saw it written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from models.services.common.changes import Changes, Outcome
from models.store.unit_of_work import Database, collecting

T = TypeVar("T")


@dataclass(frozen=True)
class AppContext:
    db: Database
    user: str
    fonts_dir: Path | None = None
    reply_templates: Path | None = None  # resources/templates/reply_templates.toml

    def command(self, work: Callable[[Database, str], T]) -> Outcome[T]:
        """Run one user action's command as the clerk; its changes are what it committed."""
        with collecting() as touched:
            value = work(self.db, self.user)
        return Outcome(value, Changes.of_tables(touched))

    @property
    def database_label(self) -> str:
        """The file for SQLite, server and database for PostgreSQL; never a password."""
        url = self.db.engine.url
        if url.get_backend_name() == "sqlite":
            return f"{url.database}（本机 SQLite）"
        return f"{url.host}:{url.port or 5432}/{url.database}（共享 PostgreSQL）"

    def close(self) -> None:
        self.db.engine.dispose()
