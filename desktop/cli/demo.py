"""`yishi demo`: fill the configured database with the demo federation."""

from __future__ import annotations

import argparse

from desktop.cli.output import print_json, say
from models.demo.builder import build_demo
from models.demo.organisation_data import ORGANISATION_YEAR
from models.domain.vocabulary import ASSOCIATION_NAMES, BODY_NAMES, Association, BodyKind
from models.domain.vocabulary import term_display_name as term_name
from models.services.common.context import database_display
from models.services.organisation.contracts import REGISTER_NAMES, Register
from models.store.unit_of_work import Database

_STATUS = {"candidate": "候选", "reserve": "候补", "elected": "在任", "ended": "已离任"}


def _body_name(code: str) -> str:
    if code.startswith("association."):
        return ASSOCIATION_NAMES[Association(code.split(".", 1)[1])]
    return BODY_NAMES[BodyKind(code)]


def run_demo(db: Database, user: str, args: argparse.Namespace) -> int:
    summary = build_demo(db, user=user, force=args.force)
    if args.json:
        print_json(
            {
                "already_present": summary.already_present,
                "repaired": summary.repaired,
                "people": summary.people,
                "electoral_units": summary.units,
                "memberships": [
                    {"body": body, "term": term, "status": status, "count": count}
                    for body, term, status, count in summary.seats
                ],
                "registers": [
                    {"register": code, "name": REGISTER_NAMES[Register(code)], "count": count}
                    for code, count in summary.registers
                ],
            }
        )
        return 0
    if summary.already_present:
        say(f"数据库中已有演示数据（{summary.people} 人），无需重复生成。")
        return 0
    if summary.repaired:
        say("上次生成的演示数据不完整（生成过程被中断），已清空后重新生成。")
    say(f"已生成演示数据：人员 {summary.people} 人，选举单位 {summary.units} 个。")
    for body, term, status, count in summary.seats:
        named = "" if term is None else term_name(term)
        say(f"  {named}{_body_name(body)}：{_STATUS[status]} {count} 人")
    if summary.registers:
        counts = "，".join(
            f"{REGISTER_NAMES[Register(code)]} {count}" for code, count in summary.registers
        )
        say(f"组织建设台账（{ORGANISATION_YEAR}年）：{counts}")
    say(f"数据库：{database_display(db.engine.url)}")
    return 0
