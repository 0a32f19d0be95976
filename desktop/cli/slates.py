"""`yishi check-slate`, `template slate`, `import slate` and `check`: slates against the quotas."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.output import print_json, say
from desktop.paths import resource_path
from desktop.settings import DEFAULT_RULES_ID, StartupSettings
from models.domain.composition import RuleResult, SlateReport, check_slate
from models.domain.errors import DomainError, Level
from models.domain.messages import message
from models.domain.rules import FileLimits, Rules, file_limits_from, parse_rules_text, rules_from
from models.domain.slate import RowProblem
from models.domain.vocabulary import BodyKind, body_display_name, term_display_name
from models.importing.collector import collector_paused

if TYPE_CHECKING:  # check-slate and template never import SQLAlchemy
    from models.store.unit_of_work import Database

EXIT_OK, EXIT_PROBLEMS = 0, 1
_STATUS_MARK = {"pass": "✓ 通过", "fail": "✗ 未通过", "warn": "! 提醒", "skipped": "– 未检查"}


def read_rules(name_or_path: str | None) -> Rules:
    """A rules id shipped in resources/rules, or a path to a district's own file."""
    return read_rules_and_limits(name_or_path)[0]


def read_file_limits(name_or_path: str | None) -> FileLimits:
    """[files] of the same rules file: what a spreadsheet may claim before it is read."""
    return read_rules_and_limits(name_or_path)[1]


def read_rules_and_limits(name_or_path: str | None) -> tuple[Rules, FileLimits]:
    """Both from one reading (and one whole-file check) of the rules file, parsed once more."""
    from models.services.federation.rules_files import read_rules_file

    found = read_rules_file(name_or_path or DEFAULT_RULES_ID, shipped_dir=resource_path("rules"))
    data = parse_rules_text(found.content, found.rules_id)
    rules = rules_from(data, rules_id=found.rules_id)
    return rules, file_limits_from(data, rules_id=found.rules_id)


def problem_json(problem: RowProblem) -> dict[str, Any]:
    return {
        "row": problem.row,
        "column": problem.column,
        "code": problem.code,
        "message": message(problem.code, problem.params),
    }


def result_json(result: RuleResult) -> dict[str, Any]:
    return {
        "id": result.id,
        "level": result.level,
        "status": result.status,
        "count": result.count,
        "total": result.total,
        "required": result.required,
        "message": result.message,
    }


def report_json(
    *,
    body: str,
    rules: Rules,
    total: int,
    counted: int,
    excluded: list[int],
    report: SlateReport,
    problems: tuple[RowProblem, ...] = (),
    previous_problems: tuple[RowProblem, ...] = (),
) -> dict[str, Any]:
    return {
        "body": body,
        "rules": rules.id,
        "total": total,
        "counted": counted,
        "excluded_rows": excluded,
        "results": [result_json(r) for r in report.results],
        "row_errors": [problem_json(p) for p in problems if p.level is Level.ERROR],
        "row_warnings": [problem_json(p) for p in problems if p.level is Level.WARNING],
        "previous_problems": [problem_json(p) for p in previous_problems],
    }


def print_report(title: str, data: dict[str, Any]) -> None:
    say(title)
    say(
        f"规则：{data['rules']}；读取 {data['total']} 行，计入 {data['counted']} 行"
        + (
            f"，排除 {len(data['excluded_rows'])} 行（第 "
            + "、".join(str(r) for r in data["excluded_rows"])
            + " 行，有错误）"
            if data["excluded_rows"]
            else ""
        )
        + "。"
    )
    say()
    for result in data["results"]:
        say(f"{_STATUS_MARK[result['status']]}  {result['id']}：{result['message']}")
    for key, heading in (
        ("row_errors", "行错误（这些行未计入）"),
        ("row_warnings", "行提醒"),
        ("previous_problems", "上一届名单中的问题（不影响本次结果）"),
    ):
        if data[key]:
            say()
            say(f"{heading}：")
            for p in data[key]:
                say(f"  第 {p['row']} 行［{p['column']}］{p['message']}")


def _exit_code(report: SlateReport, problems: tuple[RowProblem, ...], total_rows: int) -> int:
    if total_rows == 0:
        return EXIT_PROBLEMS
    failed = any(r.status == "fail" for r in report.results)
    row_errors = any(p.level is Level.ERROR for p in problems)
    return EXIT_PROBLEMS if failed or row_errors else EXIT_OK


@collector_paused()  # the checks and the report keep 10,000 records alive: nothing to collect
def run_check_slate(_settings: StartupSettings, args: argparse.Namespace) -> int:
    """Stateless: reads the file, prints the report, writes nothing, needs no database."""
    from models.importing.guard import using_limits
    from models.importing.slate_reader import read_slate

    rules, limits = read_rules_and_limits(args.rules)
    with using_limits(limits):  # the files checked before calamine reads
        sheet = read_slate(Path(args.file), body=args.body)
        previous = read_slate(Path(args.previous), body=args.body) if args.previous else None
    previous_records = None
    previous_problems: tuple[RowProblem, ...] = ()
    if previous is not None:
        previous_records = previous.records
        previous_problems = tuple(p for p in previous.problems if p.level is Level.ERROR)
    report = check_slate(sheet.records, rules, args.body, previous=previous_records)
    data = report_json(
        body=args.body,
        rules=rules,
        total=sheet.total,
        counted=len(sheet.records),
        excluded=list(sheet.excluded_rows),
        report=report,
        problems=sheet.problems,
        previous_problems=previous_problems,
    )
    code = _exit_code(report, sheet.problems, sheet.total)
    if sheet.total == 0:
        say_empty(as_json=args.json)
    if args.json:
        print_json(data)
    else:
        print_report(f"{body_display_name(BodyKind(args.body))}名单检查：{args.file}", data)
    if getattr(args, "own_process", False):
        from desktop.cli.app import end_process

        # The sheet, its records and the report are left for the process's end to drop.
        end_process(code)
    return code


def run_template(_settings: StartupSettings, args: argparse.Namespace) -> int:
    from models.importing.template import write_template

    target = Path(args.output).expanduser()
    if target.suffix.lower() != ".xlsx":
        raise DomainError("bad_arguments", detail="模板只能保存为 .xlsx 文件")
    path = write_template(target)
    say(f"已生成名单模板：{path}")
    return EXIT_OK


def run_check(db: Database, _user: str, args: argparse.Namespace) -> int:
    """The same report for a slate already in the database."""
    from models.services.slates.queries import check_term, rules_in_force

    if args.body is None:  # --body is required for a slate, not for `check organisation`
        raise DomainError("bad_arguments", detail=message("organisation_check_body_required"))
    if args.year is not None:
        raise DomainError("bad_arguments", detail="--year 只用于 yishi check organisation")
    kind = BodyKind(args.body)
    rules = rules_in_force(db)
    slate, report = check_term(db, kind=kind, term=args.term, rules=rules)
    total = len(slate.people)
    data = report_json(
        body=args.body, rules=rules, total=total, counted=total, excluded=[], report=report
    )
    if total == 0:
        say_empty(as_json=args.json)
    if args.json:
        print_json(data)
    else:
        print_report(f"{term_display_name(slate.term)}{body_display_name(kind)}名单检查", data)
    return _exit_code(report, (), total)


def run_import(db: Database, user: str, args: argparse.Namespace) -> int:
    from desktop.cli.roster import report_import
    from models.services.slates.commands import import_slate

    outcome = import_slate(
        db,
        user=user,
        path=Path(args.file),
        kind=BodyKind(args.body),
        term=args.term,
        valid_only=args.valid_only,
        reserve=args.reserve,
        update_people=args.update_people,
        create_units=args.create_units,
    )
    return report_import(outcome, as_json=args.json, valid_only=args.valid_only)


def say_empty(*, as_json: bool) -> None:
    """名单为空: on stdout in the text report, on stderr beside a JSON report."""
    if as_json:
        sys.stderr.write(f"yishi: {message('slate_empty')}\n")
    else:
        say(message("slate_empty"))
