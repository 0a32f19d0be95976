"""Opening the configured database for a session of work, with the district's rules recorded."""

from __future__ import annotations

from desktop.settings import DEFAULT_RULES_ID, StartupSettings, shipped_calendar, shipped_rules
from models.services.accounts.queries import sign_in_required
from models.services.common.settings import CALENDAR_CONTENT, get_setting, record_rules
from models.services.federation.contracts import SHIPPED_ORIGIN
from models.store.unit_of_work import Database, open_database


def connect(settings: StartupSettings) -> Database:
    """Open (creating or migrating an SQLite file); record the rules and calendar in force once."""
    return prepare(open_database(settings.database_url), settings)


def prepare(db: Database, settings: StartupSettings) -> Database:
    """Record the rules and calendar in force once, as the clerk — after signing in when the
    database requires it, since a unit of work refuses a name that is no account then."""
    try:
        if sign_in_required(db):
            # Recorded on the first opening, before any administrator could ask for sign-in;
            # the clerk is not signed in yet, so nothing may be written under their name.
            return db
        record_rules(
            db,
            user=settings.user,
            rules_id=DEFAULT_RULES_ID,
            content=shipped_rules(DEFAULT_RULES_ID),
            origin=SHIPPED_ORIGIN,
        )
        if get_setting(db, CALENDAR_CONTENT) is None:
            # The State Council's working-day calendar, seeded once; clerks add years later.
            # Imported only then: the motion feature stays out of an ordinary start-up.
            from models.services.motions.commands.calendar import record_calendar

            record_calendar(db, user=settings.user, content=shipped_calendar())
    except Exception:
        db.engine.dispose()
        raise
    return db
