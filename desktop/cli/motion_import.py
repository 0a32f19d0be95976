"""`yishi template motions` and `yishi motions import`: many motions at once from a sheet."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.output import print_json, say
from desktop.cli.slates import EXIT_OK, EXIT_PROBLEMS, problem_json
from models.domain.errors import DomainError
from models.domain.messages import message

if TYPE_CHECKING:
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
    sheet = outcome.read.sheet
    return {
        "total": sheet.total,
        "imported": outcome.imported,
        "motion_ids": list(outcome.motion_ids),
        "rejected_rows": list(sheet.excluded_rows),
        "rejected_file": str(outcome.rejected_file) if outcome.rejected_file else None,
        "row_errors": [problem_json(p) for p in outcome.read.errors],
        "row_warnings": [],
    }


def report_import(outcome: MotionImportOutcome, *, as_json: bool, valid_only: bool) -> int:
    """As `import slate` (DOMAIN §8): exit 1 on row errors or an empty sheet, else 0."""
    data = import_json(outcome)
    sheet = outcome.read.sheet
    if as_json:
        print_json(data)
    elif sheet.excluded_rows and not valid_only:
        say(
            f"提案表中有 {len(sheet.excluded_rows)} 行有错误，未登记任何提案。"
            "请改正后重新导入，或加 --valid-only 只导入无误的行。"
        )
        for p in data["row_errors"]:
            say(f"  第 {p['row']} 行［{p['column']}］{p['message']}")
    else:
        say(f"已登记 {outcome.imported} 件提案（已提交）。")
        if outcome.rejected_file:
            say(f"有错误的 {len(sheet.excluded_rows)} 行未导入，已另存为：{outcome.rejected_file}")
    if sheet.total == 0:
        if as_json:
            import sys

            sys.stderr.write(f"yishi: {message('motion_sheet_empty')}\n")
        else:
            say(message("motion_sheet_empty"))
        return EXIT_PROBLEMS
    return EXIT_PROBLEMS if outcome.read.errors else EXIT_OK
