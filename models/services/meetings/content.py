"""What minutes are built from, and the lock on it: every change to a meeting's content goes here.

The header, the agenda, each item's summary and decision, and the attendance are read as named
parts of text before and after a change. A change to a meeting whose minutes are final needs a
reason and leaves one amendment per changed part (before and after), so a reprint can show them.
Not private: the decisions feature writes an item's decision through the same lock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from models.domain.dates import chinese_date
from models.domain.errors import DomainError
from models.domain.meeting_vocabulary import (
    FEDERATION_TZ,
    MEETING_BODIES,
    MEETING_STATUS_NAMES,
    AttendanceRole,
    AttendanceStatus,
    MeetingStatus,
    MinutesStatus,
    local_time,
    meeting_title,
)
from models.domain.vocabulary import (
    Association,
    BodyKind,
    MembershipStatus,
    Position,
    body_display_name,
)
from models.entities import (
    AgendaItem,
    Attendance,
    Body,
    Meeting,
    Membership,
    Minutes,
    MinutesAmendment,
    Person,
    Term,
)
from models.services.common.choices import E
from models.services.common.choices import choice as shared_choice
from models.services.common.versioning import ensure_version
from models.services.meetings._rows import attendance_row, post_text
from models.services.meetings.contracts import AttendanceRow

# The order a roster is read out in: leaders first, then members.
POSITION_RANK = {
    p: rank
    for rank, p in enumerate(
        (
            Position.PARTY_SECRETARY,
            Position.PARTY_MEMBER,
            Position.CHAIR,
            Position.VICE_CHAIR,
            Position.MEMBER,
            Position.COUNCIL_CHAIR,
            Position.COUNCIL_VICE_CHAIR,
            Position.SECRETARY_GENERAL,
            Position.COUNCIL_MEMBER,
            Position.DELEGATE,
            Position.ASSOCIATION_CHAIR,
            Position.ASSOCIATION_VICE_CHAIR,
        )
    )
}


_LABELS = {
    "status": "状态",
    "kind": "议题类别",
    "role": "参会身份",
    "attendance_status": "出席情况",
    "association": "专门协会",
}


def choice(enum: type[E], value: str | None, name: str) -> E | None:
    return shared_choice(enum, value, name, _LABELS)


def check_meeting_body(kind: BodyKind) -> None:
    if kind not in MEETING_BODIES:
        raise DomainError("meetings_not_for_body", field="body", body=body_display_name(kind))


def load_meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.scalar(
        select(Meeting)
        .where(Meeting.id == meeting_id)
        # The single records joined to the meeting's own row, the lists in one query each.
        .options(
            joinedload(Meeting.body),
            joinedload(Meeting.term),
            joinedload(Meeting.host),
            joinedload(Meeting.recorder),
            selectinload(Meeting.agenda),
            selectinload(Meeting.attendance).joinedload(Attendance.person),
            joinedload(Meeting.minutes).selectinload(Minutes.amendments),
        )
    )
    if meeting is None:
        raise DomainError("meeting_not_found", meeting_id=meeting_id)
    return meeting


def title_of(meeting: Meeting) -> str:
    term = meeting.term.ordinal if meeting.term is not None else None
    year = meeting.year or meeting.meeting_date.year
    return meeting_title(meeting.body.kind, term=term, year=year, number=meeting.ordinal)


def open_for_change(meeting: Meeting, expected_version: int | None) -> None:
    """The clerk's copy is current and the meeting is not cancelled."""
    ensure_version(meeting, expected_version)
    refuse_cancelled(meeting)


def refuse_cancelled(meeting: Meeting) -> None:
    """A cancelled meeting takes no edits until it is set back to planned."""
    if meeting.status is MeetingStatus.CANCELLED:
        raise DomainError("meeting_cancelled", title=title_of(meeting))


def is_final(meeting: Meeting) -> bool:
    return meeting.minutes is not None and meeting.minutes.status is MinutesStatus.FINAL


def final_refusal(meeting: Meeting, field: str | None = "reason") -> DomainError:
    """The refusal that names the way: amend the minutes, with a reason."""
    finalised = meeting.minutes.finalised_at if meeting.minutes else None
    return DomainError(
        "minutes_final",
        field=field,
        title=title_of(meeting),
        finalised_at=finalised.astimezone(FEDERATION_TZ).strftime("%Y-%m-%d %H:%M")
        if finalised
        else "",
    )


def touch(session: Session, meeting: Meeting) -> None:
    """Bump the meeting's version: its agenda, attendance or minutes changed."""
    meeting.updated_at = session.info["now"]()


def changing_content(
    session: Session, meeting: Meeting, *, reason: str | None, apply: Callable[[], None]
) -> list[tuple[str, str | None, str | None]]:
    """Apply a change; on final minutes it needs a reason and is kept as amendments.

    Returns the changed parts (label, before, after); no change writes nothing. Nothing is flushed
    before the end, so the meeting row is updated (and its version bumped) once.
    """
    with session.no_autoflush:
        before = content_parts(meeting)
        apply()
        after = content_parts(meeting)
    changed = [(label, old, new) for label, old, new in _compared(before, after) if old != new]
    if changed:
        if is_final(meeting):
            reason = (reason or "").strip()
            if not reason:
                raise final_refusal(meeting)
            now = session.info["now"]()
            for label, old, new in changed:
                session.add(
                    MinutesAmendment(
                        minutes=meeting.minutes,
                        amended_at=now,
                        amended_by=session.info["user_login"],
                        reason=reason,
                        part=label[:300],
                        before=old,
                        after=new,
                    )
                )
        touch(session, meeting)
    session.flush()
    return changed


def _compared(
    before: dict[str, tuple[str, str | None]], after: dict[str, tuple[str, str | None]]
) -> Iterable[tuple[str, str | None, str | None]]:
    """(label, before, after) for every part of either side, in the order of the paper."""
    for key, (label, text) in after.items():
        yield label, before.get(key, (label, None))[1], text
    for key, (label, text) in before.items():
        if key not in after:
            yield label, text, None


def header_text(meeting: Meeting) -> str:
    when = chinese_date(meeting.meeting_date)
    at = local_time(meeting.starts_at)
    if at is not None:
        when += f" {at.hour}:{at.minute:02d}"
    recorder = meeting.recorder.name if meeting.recorder is not None else meeting.recorder_name
    host = meeting.host.name if meeting.host is not None else None
    return "；".join(
        (
            f"时间：{when}",
            f"地点：{meeting.place or '（未填）'}",
            f"主持：{host or '（未填）'}",
            f"记录：{recorder or '（未填）'}",
        )
    )


def content_parts(meeting: Meeting) -> dict[str, tuple[str, str | None]]:
    """key → (label as the amendment names it, text), in the order of the minutes."""
    parts: dict[str, tuple[str, str | None]] = {"header": ("会议信息", header_text(meeting))}
    items = sorted(meeting.agenda, key=lambda i: i.position)
    parts["agenda"] = (
        "议题",
        "\n".join(f"{i.position}. {i.title}（{i.kind.value}）" for i in items) or None,
    )
    for item in items:
        label = f"第{item.position}项议题“{item.title}”"
        key = item.id if item.id is not None else f"new-{id(item)}"  # added, not yet flushed
        parts[f"item.{key}.summary"] = (f"{label}的讨论情况", item.summary)
        parts[f"item.{key}.decision"] = (f"{label}的决定事项", item.decision)
    lines = sorted(meeting.attendance, key=lambda a: a.position)
    parts["attendance"] = (
        "出席情况",
        attendance_text(attendance_row(a, {}) for a in lines) or None,
    )
    return parts


def attendance_text(rows: Iterable[AttendanceRow]) -> str:
    """出席：…\\n请假：…（原因）\\n缺席：…\\n列席：… — the lists the minutes print after the body."""
    groups: dict[str, list[str]] = {"出席": [], "请假": [], "缺席": [], "列席": []}
    for row in rows:
        name = row.name
        if row.role is AttendanceRole.ATTENDEE and row.status is not AttendanceStatus.ATTENDING:
            name += "（列席）"
        if row.status is AttendanceStatus.LEAVE:
            details = [d for d in (row.leave_reason, _substitute(row)) if d]
            name += f"（{'，'.join(details)}）" if details else ""
            groups["请假"].append(name)
        else:
            groups[row.status.value].append(name)
    return "\n".join(f"{word}：{'、'.join(names)}" for word, names in groups.items() if names)


def _substitute(row: AttendanceRow) -> str | None:
    return f"委托{row.substitute_name}代为列席" if row.substitute_name else None


def roster_term(session: Session, meeting: Meeting) -> Term | None:
    """The term whose members are expected: the meeting's own, or the party group's standing one."""
    if meeting.term is not None:
        return meeting.term
    return session.scalars(
        select(Term).where(Term.body_id == meeting.body_id).order_by(Term.id)
    ).first()


def _active_on(day: date):  # type: ignore[no-untyped-def]
    """Serving on the day: started by then, and not yet ended (the end date is the first day out)."""
    return (
        Membership.status.in_((MembershipStatus.ELECTED, MembershipStatus.ENDED)),
        (Membership.start_date.is_(None)) | (Membership.start_date <= day),
        ((Membership.status == MembershipStatus.ELECTED) & Membership.end_date.is_(None))
        | (Membership.end_date > day),
    )


def members_on(session: Session, meeting: Meeting) -> list[tuple[Person, Position]]:
    """The body's members on the meeting date, leaders first, each person once."""
    term = roster_term(session, meeting)
    if term is None:
        return []
    rows = session.execute(
        select(Person, Membership.position)
        .join(Membership, Membership.person_id == Person.id)
        .where(Membership.term_id == term.id, *_active_on(meeting.meeting_date))
    ).all()
    seen: dict[int, tuple[Person, Position]] = {}
    for person, position in sorted(
        rows, key=lambda r: (POSITION_RANK.get(r[1], 99), r[0].pinyin_sort, r[0].id)
    ):
        seen.setdefault(person.id, (person, position))
    return list(seen.values())


def association_heads_on(session: Session, day: date) -> dict[Association, Person]:
    """Each specialized association's 主席 serving on the day (the first seated, if data is odd)."""
    rows = session.execute(
        select(Body.association, Person)
        .join(Term, Term.body_id == Body.id)
        .join(Membership, Membership.term_id == Term.id)
        .join(Person, Person.id == Membership.person_id)
        .where(
            Body.kind == BodyKind.ASSOCIATION,
            Membership.position == Position.ASSOCIATION_CHAIR,
            *_active_on(day),
        )
        .order_by(Membership.id)
    ).all()
    heads: dict[Association, Person] = {}
    for association, person in rows:
        if association is not None:  # an association body always names its association
            heads.setdefault(association, person)
    return {a: heads[a] for a in Association if a in heads}


def propose_attendance(session: Session, meeting: Meeting) -> list[AttendanceRow]:
    """The grid prefilled from the roster on the meeting date: members 出席; at a council meeting
    each association's head 列席, or marked on their member line where they sit on the council."""
    members = members_on(session, meeting)
    heads = (
        association_heads_on(session, meeting.meeting_date)
        if meeting.body.kind is BodyKind.EXECUTIVE_COUNCIL
        else {}
    )
    seat_of = {person.id: association for association, person in heads.items()}
    rows = [
        AttendanceRow(
            id=None,
            person_id=person.id,
            name=person.name,
            post=post_text(position, seat_of.get(person.id), AttendanceRole.MEMBER),
            role=AttendanceRole.MEMBER,
            status=AttendanceStatus.PRESENT,
            association=seat_of.get(person.id),
        )
        for person, position in members
    ]
    member_ids = {person.id for person, _ in members}
    rows += [
        AttendanceRow(
            id=None,
            person_id=person.id,
            name=person.name,
            post=post_text(None, association, AttendanceRole.ATTENDEE),
            role=AttendanceRole.ATTENDEE,
            status=AttendanceStatus.ATTENDING,
            association=association,
        )
        for association, person in heads.items()
        if person.id not in member_ids
    ]
    return rows


def status_name(status: MeetingStatus) -> str:
    return MEETING_STATUS_NAMES[status]


def minutes_of(session: Session, meeting: Meeting) -> Minutes:
    """The meeting's minutes, begun as a draft on first writing."""
    if meeting.minutes is None:
        meeting.minutes = Minutes(status=MinutesStatus.DRAFT)
        session.add(meeting.minutes)
    return meeting.minutes


def item_of(meeting: Meeting, item_id: int) -> AgendaItem:
    for item in meeting.agenda:
        if item.id == item_id:
            return item
    raise DomainError("agenda_item_unknown", field="agenda", item_id=item_id)
