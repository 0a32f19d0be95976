"""The agenda of a meeting: items in order, kept by id with their summary and decision."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from models.domain.errors import DomainError
from models.domain.meeting_vocabulary import AgendaKind
from models.entities import AgendaItem, Meeting
from models.services.common.access import guarded
from models.services.common.text import fitted
from models.services.decisions.guards import keep_decision_items
from models.services.meetings._detail import detail_of, editing_meeting, meeting_rules_in_force
from models.services.meetings.content import changing_content, choice, refuse_cancelled
from models.services.meetings.contracts import AgendaItemDraft, MeetingDetail
from models.store.unit_of_work import Database


@guarded("meetings.edit")
def set_agenda(
    db: Database,
    *,
    user: str,
    meeting_id: int,
    expected_version: int | None,
    items: Sequence[AgendaItemDraft],
    reason: str | None = None,
) -> MeetingDetail:
    """The agenda in order; items kept by id keep their summary and decision, others go."""
    rules = meeting_rules_in_force(db)
    with editing_meeting(db, user, meeting_id, expected_version) as (session, meeting):
        change_agenda(session, meeting, items, reason)
        detail = detail_of(session, meeting, rules)
    return detail


def change_agenda(
    session: Session, meeting: Meeting, items: Sequence[AgendaItemDraft], reason: str | None
) -> None:
    """Replace the agenda in the caller's unit of work; on final minutes only with a reason."""
    refuse_cancelled(meeting)
    checked = [_checked_item(position, draft) for position, draft in enumerate(items, 1)]
    existing = {item.id: item for item in meeting.agenda}
    for draft in items:
        if draft.id is not None and draft.id not in existing:
            raise DomainError("agenda_item_unknown", field="agenda", item_id=draft.id)
    keep_decision_items(session, existing, {draft.id for draft in items})

    def apply() -> None:
        kept = []
        for (position, kind, title), draft in zip(checked, items, strict=True):
            item = existing.get(draft.id) if draft.id is not None else None
            if item is None:
                item = AgendaItem(kind=kind, title=title, position=position)
            item.position, item.kind, item.title = position, kind, title
            kept.append(item)
        meeting.agenda[:] = kept

    changing_content(session, meeting, reason=reason, apply=apply)


def _checked_item(position: int, draft: AgendaItemDraft) -> tuple[int, AgendaKind, str]:
    field = f"agenda[{position - 1}]"
    kind = choice(AgendaKind, draft.kind, "kind")
    if kind is None:
        kind = AgendaKind.OTHER
    title = fitted(draft.title, AgendaItem.title, field=f"{field}.title", label="议题名称")
    if not title:
        raise DomainError("agenda_title_blank", field=f"{field}.title", position=position)
    return position, kind, title
