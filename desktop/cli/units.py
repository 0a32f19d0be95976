"""`yishi units list|set`: a congress term's electoral units (选举单位) and their seats (名额)."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.output import print_json, say
from models.domain.errors import DomainError
from models.domain.vocabulary import BodyKind, body_display_name
from models.services.electoral.commands import set_seats
from models.services.electoral.contracts import TermUnits, UnitRow
from models.services.electoral.queries import congress_term_id, units_of_congress_term
from models.store.unit_of_work import Database


def _check_body(args: argparse.Namespace) -> None:
    """Only the congress has electoral units; --body may be left out."""
    if args.association is not None:
        raise DomainError("association_not_allowed", field="association")
    if args.body is not None and args.body != BodyKind.CONGRESS.value:
        kind = BodyKind(args.body)
        raise DomainError("units_congress_only", field="body", body=body_display_name(kind))


def parse_unit(text: str) -> tuple[str, int]:
    """`大峪街道=12` → (大峪街道, 12); anything else is refused naming what was typed."""
    name, sep, seats = text.rpartition("=")
    name, seats = name.strip(), seats.strip()
    if not sep or not name or not seats:
        raise DomainError("unit_seats_spec_invalid", field="unit", value=text)
    try:
        count = int(seats)
    except ValueError:
        raise DomainError("seats_invalid", field="unit", name=name, value=seats) from None
    if count < 0:
        raise DomainError("seats_invalid", field="unit", name=name, value=seats)
    return name, count


def unit_json(u: UnitRow) -> dict[str, Any]:
    return {
        "order": u.order,
        "name": u.name,
        "kind": u.kind,
        "seats": u.seats,
        "members": u.members,
        "used": u.used,
    }


def units_json(units: TermUnits) -> dict[str, Any]:
    return {
        "body": BodyKind.CONGRESS.value,
        "term": units.term,
        "units": [unit_json(u) for u in units.units],
        "total_seats": units.total_seats,
        "allocated": units.allocated,
    }


def _print_table(units: TermUnits) -> None:
    say(f"{units.term_name}的选举单位与名额")
    for u in units.units:
        seats = "未分配" if u.seats is None else f"{u.seats} 名"
        say(f"{u.order:>3}  {u.name}（{u.kind}）  {seats}  已用 {u.members} 人")
    say(
        f"共 {len(units.units)} 个选举单位，{units.allocated} 个分配了名额，名额合计 {units.total_seats} 名"
    )


def run_list(db: Database, user: str, args: argparse.Namespace) -> int:
    _check_body(args)
    units = units_of_congress_term(db, term_id=congress_term_id(db, term=args.term))
    if args.json:
        print_json(units_json(units))
    else:
        _print_table(units)
    return 0


def run_set(db: Database, user: str, args: argparse.Namespace) -> int:
    _check_body(args)
    # Every --unit is read before anything is written: one bad one and nothing is set.
    seats = [parse_unit(text) for text in args.unit]
    result = set_seats(db, user=user, term_id=congress_term_id(db, term=args.term), seats=seats)
    if args.json:
        print_json(
            {
                **units_json(result.units),
                "created": list(result.created),
                "changed": list(result.changed),
            }
        )
        return 0
    if result.created:
        say(f"新建选举单位：{'、'.join(result.created)}")
    updated = [name for name in result.changed if name not in result.created]
    if updated:
        say(f"改了名额的单位：{'、'.join(updated)}")
    elif not result.created:
        say("名额没有变化")
    _print_table(result.units)
    return 0
