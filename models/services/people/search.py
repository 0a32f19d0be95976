"""Instant search over a loaded roster, in memory: plain rows in, plain rows out, no database.

A roster is loaded once per body and term (or once for the whole registry) and searched on every
keystroke, so a search never misses rows and never waits for the database.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from models.domain.search_keys import normalise_query
from models.services.people.contracts import RosterEntry

# How many trailing ID characters a roster keeps for search ("the ID's last digits").
ID_TAIL = 6
_ID_QUERY = re.compile(r"[0-9]+x?|x")


def search_entries(entries: Sequence[RosterEntry], query: str) -> list[RosterEntry]:
    """Name, full pinyin, pinyin initials (zs finds 张三) or the ID's last digits."""
    text = normalise_query(query)
    if not text:
        return list(entries)
    if _ID_QUERY.fullmatch(text) and len(text) <= ID_TAIL:
        tail = text.upper()
        return [e for e in entries if text in e.haystack or e.id_tail.endswith(tail)]
    return [e for e in entries if text in e.haystack]
