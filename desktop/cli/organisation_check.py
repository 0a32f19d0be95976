"""`yishi check organisation [--year YYYY] [--json]`: the reform plan's organisation rules
(DOMAIN §3) against the registers; exit 1 when an error-level rule fails (DOMAIN §8)."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from desktop.cli.output import print_json, say
from models.domain.dates import chinese_date
from models.domain.errors import DomainError
from models.domain.meeting_vocabulary import FEDERATION_TZ
from models.domain.messages import message
from models.domain.organisation_rules import OrganisationReport, OrganisationResult, Shortfall
from models.store.unit_of_work import Database

EXIT_OK, EXIT_PROBLEMS = 0, 1
_STATUS_MARK = {"pass": "✓ 通过", "fail": "✗ 未通过", "warn": "! 提醒", "skipped": "– 未检查"}
SHOWN_SHORTFALLS = 20  # per rule in the text report; --json gives them all


def run_check(db: Database, _user: str, args: argparse.Namespace) -> int:
    from models.services.organisation.checking import organisation_report

    if args.body is not None or args.term is not None:
        raise DomainError("bad_arguments", detail=message("organisation_check_no_body"))
    year = args.year if args.year is not None else datetime.now(FEDERATION_TZ).year
    report = organisation_report(db, year=year)
    if args.json:
        print_json(report_json(report))
    else:
        print_report(report)
    return EXIT_PROBLEMS if report.has_failed_errors else EXIT_OK


def shortfall_json(shortfall: Shortfall) -> dict[str, Any]:
    return {
        "subject": shortfall.subject,
        "register": shortfall.register,
        "record_id": shortfall.record_id,
        "detail": shortfall.detail,
        "person_id": shortfall.person_id,
        "township_id": shortfall.township_id,
    }


def result_json(result: OrganisationResult) -> dict[str, Any]:
    return {
        "id": result.id,
        "level": result.level.value,
        "status": result.status,
        "count": result.count,
        "total": result.total,
        "required": result.required,
        "message": result.message,
        "name": result.name,
        "source": result.source,
        "wording": result.wording,
        "shortfalls": [shortfall_json(s) for s in result.shortfalls],
    }


def report_json(report: OrganisationReport) -> dict[str, Any]:
    return {
        "year": report.year,
        "as_of": report.as_of.isoformat(),
        "rules": report.rules_id,
        "results": [result_json(r) for r in report.results],
    }


def print_report(report: OrganisationReport) -> None:
    say(f"{report.year}年组织建设规则检查（截至{chinese_date(report.as_of)}）")
    say(f"规则：{report.rules_id}")
    say()
    for result in report.results:
        say(f"{_STATUS_MARK[result.status]}  {result.id}（{result.name}）：{result.message}")
        for shortfall in result.shortfalls[:SHOWN_SHORTFALLS]:
            say(f"      {shortfall.subject}：{shortfall.detail}")
        if len(result.shortfalls) > SHOWN_SHORTFALLS:
            more = len(result.shortfalls) - SHOWN_SHORTFALLS
            say(f"      ……另有 {more} 项（用 --json 查看全部）")
