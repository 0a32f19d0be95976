"""`yishi import roster` and `template roster`: a term's sitting members from the office's files;
and the report every sheet import prints (`import slate` shares it)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.output import print_json, say
from desktop.cli.slates import EXIT_OK, EXIT_PROBLEMS, problem_json, say_empty
from desktop.settings import StartupSettings
from models.domain.errors import DomainError
from models.domain.messages import message
from models.domain.vocabulary import Association, BodyKind

if TYPE_CHECKING:  # template never imports SQLAlchemy
    from models.services.slates.contracts import ImportOutcome
    from models.store.unit_of_work import Database


def run_import(db: Database, user: str, args: argparse.Namespace) -> int:
    from models.services.rosters.commands import import_roster

    if not args.body:
        raise DomainError("bad_arguments", detail="请用 --body 指定机构，如 --body congress")
    outcome = import_roster(
        db,
        user=user,
        path=Path(args.file),
        kind=BodyKind(args.body),
        association=Association(args.association) if args.association else None,
        term=args.term,
        valid_only=args.valid_only,
        update_people=args.update_people,
        create_units=args.create_units,
    )
    return report_import(outcome, as_json=args.json, valid_only=args.valid_only)


def run_template(_settings: StartupSettings, args: argparse.Namespace) -> int:
    from models.importing.template import write_roster_template

    target = Path(args.output).expanduser()
    if target.suffix.lower() != ".xlsx":
        raise DomainError("bad_arguments", detail="模板只能保存为 .xlsx 文件")
    path = write_roster_template(target)
    say(f"已生成在任人员名单模板：{path}")
    return EXIT_OK


def import_json(outcome: ImportOutcome) -> dict[str, Any]:
    taken = set(outcome.rows_from_file)
    return {
        "total": outcome.sheet.total,
        "imported": outcome.imported,
        "added_people": outcome.added_people,
        "updated_people": outcome.updated_people,
        "rejected_rows": list(outcome.sheet.excluded_rows),
        "rejected_file": str(outcome.rejected_file) if outcome.rejected_file else None,
        "row_errors": [problem_json(p) for p in outcome.errors],
        "row_warnings": [problem_json(p) for p in outcome.warnings],
        "person_conflicts": [
            {
                "row": c.row,
                "id_number": c.id_number,
                "name": c.name,
                "facts": [
                    {"column": f.column, "registry": f.registry, "file": f.file} for f in c.facts
                ],
                "taken_from_file": c.row in taken,
            }
            for c in outcome.conflicts
        ],
        "created_units": list(outcome.created_units),
        "unknown_units": list(outcome.unknown_units),
    }


def report_import(outcome: ImportOutcome, *, as_json: bool, valid_only: bool) -> int:
    """The import's report (DOMAIN §8): exit 1 on row errors or an empty sheet, else 0."""
    data = import_json(outcome)
    if as_json:
        print_json(data)
    elif outcome.errors and not outcome.imported and not valid_only:
        say(
            f"名单中有 {len(outcome.sheet.excluded_rows)} 行有错误，未导入任何数据。"
            "请改正后重新导入，或加 --valid-only 只导入无误的行。"
        )
        for p in data["row_errors"]:
            say(f"  第 {p['row']} 行［{p['column']}］{p['message']}")
    else:
        say(
            f"已导入 {outcome.imported} 行（新增人员 {outcome.added_people} 人，"
            f"更新人员 {outcome.updated_people} 人）。"
        )
        if outcome.rejected_file:
            say(
                f"有错误的 {len(outcome.sheet.excluded_rows)} 行未导入，已另存为：{outcome.rejected_file}"
            )
    if not as_json:
        _say_people_and_units(outcome)
    if outcome.sheet.total == 0:
        say_empty(as_json=as_json)
        return EXIT_PROBLEMS
    return EXIT_PROBLEMS if outcome.errors else EXIT_OK


def _say_people_and_units(outcome: ImportOutcome) -> None:
    if outcome.created_units:
        say(
            f"已新建选举单位：{'、'.join(outcome.created_units)}"
            "（名额为 0，请用 yishi units set 设置名额）。"
        )
    if outcome.unknown_units:
        say(
            message(
                "units_unknown_hint",
                {"count": len(outcome.unknown_units), "names": "、".join(outcome.unknown_units)},
            )
        )
    if not outcome.conflicts:
        return
    taken = set(outcome.rows_from_file)
    say(f"有 {len(outcome.conflicts)} 人的身份信息与人员库不一致：")
    for conflict in outcome.conflicts:
        facts = "；".join(
            f"{f.column} 人员库“{f.registry}”，本表“{f.file}”" for f in conflict.facts
        )
        kept = "已按本表更新" if conflict.row in taken else "保留人员库"
        say(f"  第 {conflict.row} 行 {conflict.id_number}（{conflict.name}）：{facts}［{kept}］")
    if not taken and outcome.imported:
        say("如以本表为准，请加 --update-people 重新导入。")
