"""`yishi decisions list`: the 三重一大 register, of one year or of all, as text or JSON."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.output import print_json, say
from models.domain.errors import DomainError
from models.services.decisions.contracts import DecisionRow
from models.services.decisions.queries import list_decisions
from models.store.unit_of_work import Database

BLANK = "—"


def decision_json(d: DecisionRow) -> dict[str, Any]:
    """DOMAIN §8: English ids for the body and the state, the Chinese words for category and
    result, dates as YYYY-MM-DD, null where nothing applies."""
    return {
        "id": d.id,
        "year": d.year,
        "title": d.title,
        "category": d.category.value,
        "amount_yuan": d.amount_yuan,
        "body": d.body.value,
        "state": d.state.value,
        "missing_steps": list(d.missing_steps),
        "recommended_missing": list(d.warnings),
        "result": d.result.value if d.result is not None else None,
        "meeting": d.meeting,
        "meeting_date": d.meeting_date,
        "attendance": d.attendance,
    }


def run_list(db: Database, user: str, args: argparse.Namespace) -> int:
    if args.year is not None and not 2000 <= args.year <= 2100:
        raise DomainError("calendar_year_invalid", field="year", year=args.year)
    rows = list_decisions(db, year=args.year)
    if args.json:
        print_json([decision_json(d) for d in rows])
        return 0
    for d in rows:
        missing = "、".join(d.missing_steps) or BLANK
        result = d.result.value if d.result is not None else BLANK
        say(
            f"{d.id:>5}  {d.title}  {d.category.value}  {d.body_name}  {d.state_name}"
            f"  缺少程序：{missing}  表决结果：{result}"
        )
    say(f"共 {len(rows)} 项三重一大事项")
    return 0
