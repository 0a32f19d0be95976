"""`yishi meetings list`: the meetings of a body's term (or the party group's years), or of all."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.output import print_json, say
from models.domain.errors import DomainError
from models.domain.meeting_vocabulary import MEETING_STATUS_NAMES
from models.domain.vocabulary import BodyKind, TermStatus, body_has_terms
from models.services.meetings.content import check_meeting_body
from models.services.meetings.contracts import MeetingRow
from models.services.meetings.queries import list_meetings
from models.services.people.terms import find_term
from models.store.unit_of_work import Database


def meeting_json(m: MeetingRow) -> dict[str, Any]:
    return {
        "id": m.id,
        "body": m.body,
        "term": m.term,
        "year": m.year,
        "ordinal": m.number,  # README documents this key: it stays
        "title": m.title,
        "date": m.meeting_date,
        "status": m.status,
    }


def _term(db: Database, body: BodyKind | None, term: int | None) -> int | None:
    """--term N, else the body's current term (DOMAIN §8); the party group has none."""
    if body is None:
        if term is not None:
            raise DomainError("bad_arguments", detail="--term 需要与 --body 一起使用")
        return None
    check_meeting_body(body)
    if not body_has_terms(body):
        if term is not None:
            raise DomainError("term_for_party_group", field="term")
        return None
    with db.session_factory() as session:
        return find_term(session, body, None, term, default=TermStatus.CURRENT).ordinal


def run_list(db: Database, user: str, args: argparse.Namespace) -> int:
    body = BodyKind(args.body) if args.body else None
    term = _term(db, body, args.term)
    rows = list_meetings(db, body=body, term=term)
    if args.json:
        print_json([meeting_json(m) for m in rows])
        return 0
    for m in rows:
        status = MEETING_STATUS_NAMES[m.status]
        say(f"{m.id:>5}  {m.meeting_date.isoformat()}  {status}  {m.title}")
    say(f"共 {len(rows)} 次会议")
    return 0
