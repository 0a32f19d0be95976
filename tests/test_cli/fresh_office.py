"""A day-one SQLite database for the hostile-file and import-kill tests: migrated, no demo, one
筹备中 7th congress; and every table's row count, to show nothing was written."""

from __future__ import annotations

import contextlib
import io
from datetime import date
from pathlib import Path

from desktop.__main__ import main
from models.domain.vocabulary import BodyKind, TermStatus
from models.services.people.contracts import TermRow
from models.services.terms.commands import open_term
from models.store.engine import create_database_engine
from models.store.unit_of_work import Database

from .helpers import query, sqlite_url


def day_one_database(path: Path) -> TermRow:
    """The database at `path` as `yishi db upgrade` leaves it (the rules file recorded), and its
    congress term."""
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["db", "upgrade", "--database", sqlite_url(path)]) == 0
    engine = create_database_engine(sqlite_url(path))
    try:
        return open_term(
            Database(engine),
            user="setup",
            kind=BodyKind.CONGRESS,
            term=7,
            status=TermStatus.DRAFT,
            start_date=date(2021, 12, 1),
        )
    finally:
        engine.dispose()


def table_counts(path: Path) -> dict[str, int]:
    tables = [name for (name,) in query(path, "SELECT name FROM sqlite_master WHERE type='table'")]
    return {table: query(path, f'SELECT count(*) FROM "{table}"')[0][0] for table in tables}
