"""Printing results and errors the same way for every command (DOMAIN §8)."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from enum import Enum
from typing import Any

from models.domain.messages import message


def _default(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=_default) + "\n")


# The closed set of exit-2 codes of DOMAIN §8; finer internal codes keep their own message.
PUBLIC_CODES = {
    "file_unreadable",
    "file_encrypted",
    "header_not_found",
    "headers_missing",
    "bad_arguments",
    "database_unusable",
    "database_newer",
    "rules_invalid",
}
_PUBLIC_OF = {
    "database_outdated": "database_unusable",
    "restore_not_yishi": "file_unreadable",
    "restore_missing": "file_unreadable",
    # a damaged database or backup is refused before anything is copied (models/store/backup.py)
    "backup_damaged": "database_unusable",
    # an encrypted database that cannot be opened or converted (models/store/cipher.py)
    **dict.fromkeys(
        (
            "database_password_wrong",
            "database_password_required",
            "database_in_use",
            "database_convert_failed",
        ),
        "database_unusable",
    ),
    # the top-level handler's codes (desktop/cli/app.py, models/store/failures.py)
    **dict.fromkeys(
        ("file_missing", "file_denied", "file_is_folder", "file_failed", "file_failed_plain"),
        "file_unreadable",
    ),
    "database_conflict": "database_unusable",
    # the connected PostgreSQL role may not set up the grants (models/store/pg_grants.py)
    "pg_grants_refused": "database_unusable",
    "unexpected_failure": "unexpected_failure",
    "unexpected_failure_unsaved": "unexpected_failure",
    # a spreadsheet beyond the limits of the rules in force (models/importing/guard.py)
    "file_too_large": "file_unreadable",
    # a spreadsheet path that names nothing (models/importing/workbook.py)
    "file_not_found": "file_unreadable",
}


EXTRA_FIELDS = {"headers_missing": ("missing",), "rules_invalid": ("key",)}


def public_code(code: str) -> str:
    if code in PUBLIC_CODES:
        return code
    return _PUBLIC_OF.get(code, "bad_arguments")


def fail(code: str, params: dict[str, Any] | None = None, *, as_json: bool) -> int:
    """Exit 2: the message on stderr, and under --json an error object on stdout."""
    text = message(code, params)
    if as_json:
        error: dict[str, Any] = {"code": public_code(code), "message": text}
        # DOMAIN §8: headers_missing comes with `missing`, rules_invalid with `key`.
        for extra in EXTRA_FIELDS.get(public_code(code), ()):
            if params and extra in params:
                error[extra] = params[extra]
        print_json({"error": error})
    sys.stderr.write(f"yishi: {text}\n")
    return 2


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")
