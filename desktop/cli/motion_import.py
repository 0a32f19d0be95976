"""`yishi template motions` and `yishi motions import`: many motions at once from a sheet; the report
of such an import, shared with `yishi registers <register> import`."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.output import print_json, say
from desktop.cli.slates import EXIT_OK, EXIT_PROBLEMS, problem_json
from models.domain.errors import DomainError
from models.domain.messages import message

if TYPE_CHECKING:
    from models.domain.slate import RowProblem
    from models.importing.slate_reader import SlateSheet
    from models.services.motions.importing import MotionImportOutcome
    from models.store.unit_of_work import Database


def run_template(db: Database, user: str, args: argparse.Namespace) -> int:
    from models.services.motions.importing import write_template

    target = Path(args.output).expanduser()
    if target.suffix.lower() != ".xlsx":
        raise DomainError("bad_arguments", detail="模板只能保存为 .xlsx 文件")
    path = write_template(db, user=user, path=target, term=args.term)
    say(f"已生成提案登记模板：{path}")
    return EXIT_OK


def run_import(db: Database, user: str, args: argparse.Namespace) -> int:
    from models.services.motions.importing import import_motions

    outcome = import_motions(
        db, user=user, path=Path(args.file), term=args.term, valid_only=args.valid_only
    )
    return report_import(outcome, as_json=args.json, valid_only=args.valid_only)


def import_json(outcome: MotionImportOutcome) -> dict[str, Any]:
    return rows_import_json(
        RowsImport(
            sheet=outcome.read.sheet,
            errors=outcome.read.errors,
            imported=outcome.imported,
            ids_key="motion_ids",
            ids=outcome.motion_ids,
            rejected_file=outcome.rejected_file,
        )
    )


def report_import(outcome: MotionImportOutcome, *, as_json: bool, valid_only: bool) -> int:
    """As `import slate` (DOMAIN §8): exit 1 on row errors or an empty sheet, else 0."""
    report = RowsImport(
        sheet=outcome.read.sheet,
        errors=outcome.read.errors,
        imported=outcome.imported,
        ids_key="motion_ids",
        ids=outcome.motion_ids,
        rejected_file=outcome.rejected_file,
    )
    return report_rows_import(
        report,
        as_json=as_json,
        valid_only=valid_only,
        refused=f"提案表中有 {len(report.sheet.excluded_rows)} 行有错误，未登记任何提案。",
        done=f"已登记 {outcome.imported} 件提案（已提交）。",
        empty=message("motion_sheet_empty"),
    )


@dataclass(frozen=True)
class RowsImport:
    """What a sheet-of-rows import (motions, the organisation registers) did, for the report."""

    sheet: SlateSheet
    errors: Sequence[RowProblem]
    imported: int
    ids_key: str  # the JSON key of the written records' ids: motion_ids, record_ids
    ids: Sequence[int]
    rejected_file: Path | None
    warnings: Sequence[RowProblem] = ()


def rows_import_json(report: RowsImport) -> dict[str, Any]:
    sheet = report.sheet
    return {
        "total": sheet.total,
        "imported": report.imported,
        report.ids_key: list(report.ids),
        "rejected_rows": list(sheet.excluded_rows),
        "rejected_file": str(report.rejected_file) if report.rejected_file else None,
        "row_errors": [problem_json(p) for p in report.errors],
        "row_warnings": [problem_json(p) for p in report.warnings],
    }


def report_rows_import(
    report: RowsImport, *, as_json: bool, valid_only: bool, refused: str, done: str, empty: str
) -> int:
    """As `import slate` (DOMAIN §8): exit 1 on row errors or an empty sheet, else 0. `refused`
    is what an all-or-nothing import that wrote nothing says, `done` what one that wrote says,
    `empty` what a sheet without data rows says."""
    data = rows_import_json(report)
    sheet = report.sheet
    if as_json:
        print_json(data)
    elif sheet.excluded_rows and not valid_only:
        say(refused + "请改正后重新导入，或加 --valid-only 只导入无误的行。")
        for p in data["row_errors"]:
            say(f"  第 {p['row']} 行［{p['column']}］{p['message']}")
    else:
        say(done)
        if report.rejected_file:
            say(f"有错误的 {len(sheet.excluded_rows)} 行未导入，已另存为：{report.rejected_file}")
    if sheet.total == 0:
        if as_json:
            import sys

            sys.stderr.write(f"yishi: {empty}\n")
        else:
            say(empty)
        return EXIT_PROBLEMS
    return EXIT_PROBLEMS if report.errors else EXIT_OK
