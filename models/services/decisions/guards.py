"""What other features' commands must respect about 三重一大 matters, inside their own unit of work."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.domain.errors import DomainError
from models.entities import AgendaItem, DecisionDiscussion, MajorDecision


def keep_decision_items(
    session: Session, existing: dict[int, AgendaItem], kept: set[int | None]
) -> None:
    """An item a 三重一大 matter stands on, or was discussed under, stays on the agenda."""
    removed = set(existing) - kept
    if not removed:
        return
    used = [
        *session.scalars(
            select(MajorDecision.agenda_item_id).where(MajorDecision.agenda_item_id.in_(removed))
        ),
        *session.scalars(
            select(DecisionDiscussion.agenda_item_id).where(
                DecisionDiscussion.agenda_item_id.in_(removed)
            )
        ),
    ]
    if used:
        raise DomainError("agenda_item_has_decision", field="agenda", title=existing[used[0]].title)
