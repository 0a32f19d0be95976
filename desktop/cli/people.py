"""`yishi people list`: find people by body, term, name, pinyin or ID digits."""

from __future__ import annotations

import argparse
import unicodedata
from typing import Any

from desktop.cli.output import print_json, say
from models.domain.errors import DomainError
from models.domain.vocabulary import Association, BodyKind, TermStatus, term_display_name
from models.services.people.contracts import MembershipRow, PeopleFilter, PersonRow
from models.services.people.queries import list_people
from models.services.people.terms import check_body, find_term
from models.store.unit_of_work import Database


def people_filter(db: Database, args: argparse.Namespace) -> PeopleFilter:
    body = BodyKind(args.body) if args.body else None
    association = Association(args.association) if args.association else None
    if body is None:
        if association is not None:
            raise DomainError("association_not_allowed", field="association")
        if args.term is not None:
            raise DomainError("bad_arguments", detail="--term 需要与 --body 一起使用")
        return PeopleFilter(search=args.search)
    check_body(body, association)
    with db.session_factory() as session:
        term = find_term(session, body, association, args.term, default=TermStatus.CURRENT)
        term_id = term.id
    return PeopleFilter(body=body, association=association, term_id=term_id, search=args.search)


def membership_json(m: MembershipRow) -> dict[str, Any]:
    return {
        "id": m.id,
        "body": m.term.body,
        "association": m.term.association,
        "term": m.term.term,
        "term_status": m.term.status,
        "position": m.position,
        "status": m.status,
        "employment": m.employment,
        "delegate_type": m.delegate_type,
        "electoral_unit": m.electoral_unit,
        "start_reason": m.start_reason,
        "start_date": m.start_date,
        "end_reason": m.end_reason,
        "end_date": m.end_date,
    }


def person_json(p: PersonRow) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "gender": p.gender,
        "ethnicity": p.ethnicity,
        "birth_date": p.birth_date,
        "id_number": p.id_number,
        "id_number_revealed": p.is_id_revealed,
        "phone": p.phone,
        "memberships": [membership_json(m) for m in p.memberships],
    }


_STATUS_WORDS = {
    "candidate": "候选",
    "reserve": "候补",
    "elected": "当选",
    "not_elected": "未当选",
    "ended": "已结束",
}


def _membership_text(m: MembershipRow) -> str:
    term = "" if m.term.term is None else term_display_name(m.term.term)
    # 党组书记, not 党组党组书记.
    body = "" if m.position.value.startswith(m.body_name) else m.body_name
    return f"{term}{body}{m.position.value}（{_STATUS_WORDS[m.status.value]}）"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def run_list(db: Database, user: str, args: argparse.Namespace) -> int:
    where = people_filter(db, args)
    rows = list_people(db, user=user, where=where, reveal=args.reveal)
    if args.json:
        print_json([person_json(p) for p in rows])
        return 0
    for p in rows:
        roles = "；".join(_membership_text(m) for m in p.memberships) or "—"
        say(f"{_pad(p.name, 10)} {p.gender.value}  {p.id_number}  {roles}")
    say(f"共 {len(rows)} 人")
    return 0
