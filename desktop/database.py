"""Opening the configured database for a session of work, with the district's rules recorded."""

from __future__ import annotations

from desktop.settings import DEFAULT_RULES_ID, StartupSettings, shipped_rules
from models.services.settings import record_rules
from models.store.unit_of_work import Database, open_database


def connect(settings: StartupSettings) -> Database:
    """Open (creating or migrating an SQLite file) and make sure the rules in force are recorded."""
    db = open_database(settings.database_url)
    try:
        record_rules(
            db,
            user=settings.user,
            rules_id=DEFAULT_RULES_ID,
            content=shipped_rules(DEFAULT_RULES_ID),
        )
    except Exception:
        db.engine.dispose()
        raise
    return db
