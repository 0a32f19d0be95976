"""`yishi template <register>` and `yishi registers <register> import`: the organisation
registers (issue 17) from the office's spreadsheets, reported as `yishi motions import` is."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.motion_import import RowsImport, report_rows_import
from desktop.cli.output import say
from desktop.cli.parser_registers import SHEETS
from desktop.cli.slates import EXIT_OK
from models.domain.errors import DomainError
from models.domain.messages import message
from models.store.unit_of_work import Database


def run_template(db: Database, user: str, args: argparse.Namespace) -> int:
    from models.services.organisation.contracts import Register
    from models.services.organisation.importing import register_template

    target = Path(args.output).expanduser()
    if target.suffix.lower() != ".xlsx":
        raise DomainError("bad_arguments", detail="模板只能保存为 .xlsx 文件")
    register = Register(args.template_command)
    path = register_template(db, user=user, register=register, path=target)
    say(f"已生成{SHEETS[register.value]}导入模板：{path}")
    return EXIT_OK


def run_import(db: Database, user: str, args: argparse.Namespace) -> int:
    from models.services.organisation.contracts import Register
    from models.services.organisation.importing import import_register

    register = Register(args.registers_register)
    outcome = import_register(
        db, user=user, register=register, path=Path(args.file), valid_only=args.valid_only
    )
    sheet = outcome.read.sheet
    title = SHEETS[register.value]
    report = RowsImport(
        sheet=sheet,
        errors=outcome.read.errors,
        imported=outcome.imported,
        ids_key="record_ids",
        ids=outcome.record_ids,
        rejected_file=outcome.rejected_file,
        warnings=outcome.read.warnings,
    )
    return report_rows_import(
        report,
        as_json=args.json,
        valid_only=args.valid_only,
        refused=f"{title}表中有 {len(sheet.excluded_rows)} 行有错误，未导入任何一行。",
        done=f"已导入{title} {outcome.imported} 行。",
        empty=message("register_sheet_empty", {"register": title}),
    )
