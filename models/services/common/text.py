"""Free text typed by a clerk: trimmed, and refused by name when longer than its column."""

from __future__ import annotations

from sqlalchemy.orm import InstrumentedAttribute

from models.domain.errors import DomainError


def fitted(
    value: str | None, column: InstrumentedAttribute[str | None], *, field: str, label: str
) -> str | None:
    """Trimmed text or None; a text longer than the column is refused, never cut."""
    text = (value or "").strip()
    if not text:
        return None
    limit = getattr(column.property.columns[0].type, "length", None)
    if limit is not None and len(text) > limit:
        raise DomainError("text_too_long", field=field, label=label, limit=limit)
    return text
