"""`yishi terms list | open | elect | make-current`: a body's terms through their lifecycle."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop.cli.output import print_json, say
from desktop.cli.slates import problem_json
from models.domain.errors import DomainError
from models.domain.meeting_vocabulary import FEDERATION_TZ
from models.domain.messages import message
from models.domain.vocabulary import Association, BodyKind, TermStatus, body_display_name
from models.services.people.contracts import TermRow
from models.services.people.terms import check_body, find_term
from models.services.terms import commands, queries
from models.services.terms.contracts import ElectionOutcome, ElectionResult, TermSummary
from models.store.unit_of_work import Database

_STATUS_WORDS = {TermStatus.DRAFT: "筹备中", TermStatus.CURRENT: "现任", TermStatus.PAST: "往届"}


def _body(args: argparse.Namespace) -> tuple[BodyKind, Association | None]:
    if not args.body:
        raise DomainError("bad_arguments", detail="请用 --body 指定机构")
    kind = BodyKind(args.body)
    association = Association(args.association) if args.association else None
    check_body(kind, association)
    return kind, association


def _ordinal(args: argparse.Namespace, kind: BodyKind) -> int:
    if kind is BodyKind.PARTY_GROUP:
        raise DomainError("term_for_party_group", field="term")
    if args.term is None:
        raise DomainError("bad_arguments", detail="请用 --term 指定届次，如 --term 8")
    return int(args.term)


def _term_id(db: Database, args: argparse.Namespace) -> tuple[int, int]:
    """The chosen term's id and version."""
    kind, association = _body(args)
    ordinal = _ordinal(args, kind)
    with db.session_factory() as session:
        term = find_term(session, kind, association, ordinal)
        return term.id, term.version


def term_json(row: TermRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "body": row.body,
        "association": row.association,
        "term": row.term,
        "name": row.name,
        "status": row.status,
        "start_date": row.start_date,
        "end_date": row.end_date,
    }


def _summary_json(summary: TermSummary) -> dict[str, Any]:
    return term_json(summary.term) | {
        "members": summary.members,
        "candidates": summary.candidates,
        "reserves": summary.reserves,
        "not_elected": summary.not_elected,
        "ended": summary.ended,
        "meetings": summary.meetings,
    }


def _dates(row: TermRow) -> str:
    start = row.start_date.isoformat() if row.start_date else "—"
    end = row.end_date.isoformat() if row.end_date else "—"
    return f"{start} 至 {end}"


def run_list(db: Database, user: str, args: argparse.Namespace) -> int:
    kind, association = _body(args)
    rows = queries.term_summaries(db, kind=kind, association=association)
    if args.json:
        print_json([_summary_json(s) for s in rows])
        return 0
    name = body_display_name(kind, association)
    for s in rows:
        waiting = f"，候选人 {s.candidates} 人" if s.candidates else ""
        term = s.term.name if s.term.term is not None else "（常设，不分届次）"
        say(
            f"{name}{term}  {_STATUS_WORDS[s.term.status]}  {_dates(s.term)}  "
            f"在任 {s.members} 人{waiting}"
        )
    if not rows:
        say(f"{name}还没有届次。新建一届：yishi terms open --body {kind.value} --term N")
    return 0


def run_open(db: Database, user: str, args: argparse.Namespace) -> int:
    kind, association = _body(args)
    row = commands.open_term(
        db,
        user=user,
        kind=kind,
        association=association,
        term=_ordinal(args, kind),
        start_date=args.start,
        end_date=args.end,
    )
    if args.json:
        print_json(term_json(row))
    else:
        say(f"已新建{row.body_name}{row.name}（筹备中），计划 {_dates(row)}")
    return 0


def _today() -> date:
    return datetime.now(FEDERATION_TZ).date()


def run_elect(db: Database, user: str, args: argparse.Namespace) -> int:
    term_id, _version = _term_id(db, args)
    election_date = args.date or _today()
    results: list[ElectionResult] = []
    if args.results:
        from models.importing.election_results import read_election_results

        sheet = read_election_results(Path(args.results), today=_today())
        if sheet.problems:
            # DOMAIN §8: the command ran and found problems in rows; nothing is written.
            if args.json:
                print_json(
                    {
                        "written": False,
                        "total": sheet.total,
                        "problems": [problem_json(p) for p in sheet.problems],
                    }
                )
            else:
                for p in sheet.problems:
                    say(f"第 {p.row} 行 {p.column}：{message(p.code, p.params)}")
                say(message("election_results_rejected", {"count": len(sheet.problems)}))
            return 1
        results = [
            ElectionResult(ElectionOutcome(r.result), id_number=r.id_number) for r in sheet.rows
        ]
    record = commands.record_election(
        db,
        user=user,
        term_id=term_id,
        election_date=election_date,
        results=results,
        all_elected=args.all,
    )
    if args.json:
        print_json(
            {
                "written": True,
                "term": term_json(record.term),
                "date": election_date,
                "elected": record.elected,
                "not_elected": record.not_elected,
                "moved_up": record.moved_up,
                "undecided": record.undecided,
            }
        )
    else:
        say(
            f"已记录{record.term.body_name}{record.term.name}选举结果（{election_date.isoformat()}）："
            f"当选 {record.elected} 人，未当选 {record.not_elected} 人，递补 {record.moved_up} 人"
        )
        if record.undecided:
            say(f"还有 {record.undecided} 名候选人没有结果；设为现任前请补记。")
    return 0


def run_make_current(db: Database, user: str, args: argparse.Namespace) -> int:
    term_id, version = _term_id(db, args)
    handover = commands.make_current(
        db, user=user, term_id=term_id, expected_version=version, handover_date=args.date
    )
    if args.json:
        print_json(
            {
                "term": term_json(handover.term),
                "previous": term_json(handover.previous) if handover.previous else None,
                "ended": handover.ended,
            }
        )
        return 0
    term = handover.term
    say(f"{term.body_name}{term.name}自 {args.date.isoformat()} 起为现任。")
    if handover.previous is not None:
        say(f"{handover.previous.name}转为往届，{handover.ended} 人任职届满。")
    return 0
