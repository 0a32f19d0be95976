"""Appending to the change log on PostgreSQL through the server's own door, when it has one.

Once `yishi db upgrade` has set up the grants (pg_grants.py), no account may INSERT into the
change log directly, not even one whose work is only reading: its sign-ins and exports are
entries all the same. They go through `yishi_append_log`, a SECURITY DEFINER function that
checks the order of the chain and the name on each entry (pg_functions.py).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, text

APPEND_LOG = "yishi_append_log"
LAST_LOG_HASH = "yishi_last_log_hash"

# Asked once per database connection (its info dict lives as long as the pooled connection),
# not at every flush: whether the schema it works in has the functions.
_HAS_FUNCTIONS = "yishi_pg_log_functions"


def has_log_functions(connection: Connection) -> bool:
    info = connection.info
    if _HAS_FUNCTIONS not in info:
        info[_HAS_FUNCTIONS] = bool(
            connection.execute(
                text(f"SELECT to_regprocedure('{APPEND_LOG}(json)') IS NOT NULL")
            ).scalar_one()
        )
    return bool(info[_HAS_FUNCTIONS])


def forget_log_functions(connection: Connection) -> None:
    """After the functions were created or dropped on this connection."""
    connection.info.pop(_HAS_FUNCTIONS, None)


def last_log_hash(connection: Connection) -> str | None:
    """The last entry's hash, also for an account that may not read the change log."""
    found = connection.execute(text(f"SELECT {LAST_LOG_HASH}()")).scalar_one_or_none()
    return None if found is None else str(found)


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        # The same instant the chain hashed (audit_chain.canonical), to the microsecond.
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def append_sealed(connection: Connection, rows: list[dict[str, Any]]) -> None:
    """Hand sealed rows to the server, which appends them under the chain's lock."""
    entries = json.dumps(rows, default=_json_value, ensure_ascii=False)
    connection.execute(text(f"SELECT {APPEND_LOG}(CAST(:entries AS json))"), {"entries": entries})
