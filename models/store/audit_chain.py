"""The change log's hash chain: each entry sealed with the previous entry's hash.

An entry's hash is SHA-256 over the previous entry's hash and the entry's canonical content
(what, who, when, before, after, note — as stored, so a row read back hashes the same). Editing
a row, removing one or slipping one in out of order breaks the chain at that row; on SQLite,
where the file itself can be edited, this is what makes tampering visible.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

# The "previous hash" of the first entry.
GENESIS = "0" * 64
CONTENT_FIELDS = ("at", "user_login", "action", "entity", "entity_id", "before", "after", "note")


def _stored(value: Any) -> Any:
    """A JSON column's value as the database gives it back (what the hash must cover)."""
    return None if value is None else json.loads(json.dumps(value))


def canonical(entry: Mapping[str, Any]) -> bytes:
    at = entry["at"]
    if isinstance(at, datetime):
        at = at.astimezone(UTC).isoformat()
    content = {
        "at": at,
        "user_login": entry["user_login"],
        "action": entry["action"],
        "entity": entry["entity"],
        "entity_id": str(entry["entity_id"]),
        "before": _stored(entry.get("before")),
        "after": _stored(entry.get("after")),
        "note": entry.get("note"),
    }
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def chain_hash(prev_hash: str, entry: Mapping[str, Any]) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + b"\n" + canonical(entry)).hexdigest()


def sealed(prev_hash: str, entries: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], str]:
    """The entries with prev_hash and entry_hash set, in order, and the last hash."""
    out = []
    for entry in entries:
        digest = chain_hash(prev_hash, entry)
        out.append(entry | {"prev_hash": prev_hash, "entry_hash": digest})
        prev_hash = digest
    return out, prev_hash
