"""The command line of the organisation registers (issue 17):
`yishi registers <register> list|add|edit|end|remove|history`.

Kept free of the services so that --help stays quick: the registers' names and fields are
written out here, and `tests/test_cli/test_registers.py` checks them against the contracts.
"""

from __future__ import annotations

import argparse

from desktop.cli.parser import (
    ChineseArgumentParser,
    iso_date,
    json_option,
    leaf_command,
    subcommands,
)

# register → (Chinese name, the draft's fields as (field, kind, required)); `kind` is how the
# option is read: text, int, date, bool, a choice (tuple of words) or ref:<what> (a name or id).
_TOWNSHIP_KINDS = ("街道", "乡镇")
_PLACE_KINDS = ("村", "社区")
_EMPLOYMENT = ("专职", "兼职", "挂职")
_CATEGORIES = ("视力", "听力", "言语", "肢体", "智力", "精神", "多重")
_ORGANISATION_KINDS = ("街乡镇残联", "社区残协", "村残协")
_ROLES = ("主席", "副主席", "理事长", "专职委员", "兼职委员")
_POSTS = ("主任", "副主任")

Field = tuple[str, object, bool]

REGISTER_FIELDS: dict[str, tuple[str, tuple[Field, ...]]] = {
    "townships": (
        "街乡镇",
        (("name", "text", True), ("kind", _TOWNSHIP_KINDS, True), ("sort_order", "int", False)),
    ),
    "places": (
        "村和社区",
        (
            ("township_id", "ref:township", True),
            ("name", "text", True),
            ("kind", _PLACE_KINDS, True),
            ("low_income", "bool", False),
        ),
    ),
    "population": (
        "人口数据",
        (
            ("place_id", "ref:place", True),
            ("year", "int", True),
            ("disabled_residents", "int", False),
            ("residents", "int", False),
        ),
    ),
    "cadres": (
        "干部",
        (
            ("name", "text", True),
            ("employment", _EMPLOYMENT, True),
            ("post", "text", False),
            ("leadership", "bool", False),
            ("disabled", "bool", False),
            ("disability_category", _CATEGORIES, False),
            ("person_id", "ref:person", False),
            ("home_unit", "text", False),
            ("started_on", "date", False),
            ("ended_on", "date", False),
            ("note", "text", False),
        ),
    ),
    "homes": (
        "温馨家园",
        (
            ("name", "text", True),
            ("township_id", "ref:township", True),
            ("place_id", "ref:place", False),
            ("model", "bool", False),
            ("opened_on", "date", False),
        ),
    ),
    "contacts": (
        "联系点",
        (
            ("person_id", "ref:person", True),
            ("village_id", "ref:place", False),
            ("community_id", "ref:place", False),
            ("warm_home_id", "ref:home", False),
            ("started_on", "date", False),
        ),
    ),
    "visits": (
        "走访记录",
        (
            ("person_id", "ref:person", True),
            ("visited_on", "date", True),
            ("place_id", "ref:place", False),
            ("location", "text", False),
            ("content", "text", False),
        ),
    ),
    "organisations": (
        "基层组织",
        (
            ("kind", _ORGANISATION_KINDS, True),
            ("name", "text", True),
            ("township_id", "ref:township", True),
            ("place_id", "ref:place", False),
            ("founded_on", "date", False),
        ),
    ),
    "officers": (
        "基层组织成员",
        (
            ("organisation_id", "ref:organisation", True),
            ("role", _ROLES, True),
            ("name", "text", True),
            ("person_id", "ref:person", False),
            ("disabled", "bool", False),
            ("relative", "bool", False),
            ("committee_post", _POSTS, False),
            ("selection", "text", False),
            ("started_on", "date", False),
        ),
    ),
}
# Registers kept in spreadsheets too: `yishi template <register>` and `registers <register>
# import` (models.services.organisation.importing.IMPORTABLE), with their sheets' names.
SHEETS: dict[str, str] = {
    "cadres": "干部名册",
    "places": "村和社区及人口",
    "homes": "温馨家园",
    "contacts": "联系点",
    "visits": "走访记录",
    "organisations": "基层组织及成员",
}
# Registers whose records end (结束) rather than being removed (models.services.organisation.
# contracts.ENDING_REGISTERS).
REMOVABLE = ("visits", "population")

_HELP: dict[str, str] = {
    "name": "名称（干部、成员为姓名）",
    "kind": "类型",
    "sort_order": "排列顺序（整数，小的在前；默认排在最后）",
    "township_id": "所属街乡镇：名称或编号",
    "place_id": "村或社区：名称或编号（同名时用编号）",
    "low_income": "是否低收入村",
    "year": "年度，如 2026",
    "disabled_residents": "残疾人口数",
    "residents": "常住人口数",
    "employment": "用工形式",
    "post": "职务",
    "leadership": "是否领导班子成员",
    "disabled": "是否残疾人",
    "disability_category": "残疾类别",
    "person_id": "人员库中的人：姓名或人员编号",
    "home_unit": "派出单位或本职单位（挂职、兼职干部）",
    "started_on": "开始日期 YYYY-MM-DD",
    "ended_on": "结束日期 YYYY-MM-DD",
    "note": "备注",
    "model": "是否示范温馨家园",
    "opened_on": "建成日期 YYYY-MM-DD",
    "village_id": "联系村（村）：名称或编号",
    "community_id": "联系社区（社区）：名称或编号",
    "warm_home_id": "联系的温馨家园：名称或编号",
    "visited_on": "走访日期 YYYY-MM-DD",
    "location": "地点（不在村和社区台账中时填写）",
    "content": "做了什么（现场调研、入户问需……）",
    "founded_on": "成立日期 YYYY-MM-DD",
    "organisation_id": "所属基层组织：名称或编号",
    "role": "职务",
    "relative": "是否残疾人亲友",
    "committee_post": "主席在居（村）委会的职务",
    "selection": "专职委员的产生方式，如 公开选聘",
}


def option_of(field: str) -> str:
    """township_id → --township, warm_home_id → --warm-home, sort_order → --sort-order."""
    name = field.removesuffix("_id")
    return "--" + name.replace("_", "-")


def register_commands(registers_parser: ChineseArgumentParser) -> None:
    registers = subcommands(registers_parser, "registers_register", "台账")
    for register, (title, fields) in REGISTER_FIELDS.items():
        actions = registers.add_parser(register, help=title).add_subparsers(
            # The action is what the dispatch table keys on: ("registers", "list") …
            dest="registers_command",
            metavar="操作",
            required=True,
            parser_class=ChineseArgumentParser,
        )
        listing = leaf_command(actions, "list", f"列出{title}")
        listing.add_argument("--all", action="store_true", help="也列出已结束的记录")
        listing.add_argument("--year", type=int, metavar="YYYY", help="年度（走访记录、人口数据）")
        listing.add_argument("--person", metavar="姓名|编号", help="只看此人的记录")
        listing.add_argument("--township", metavar="名称|编号", help="只看此街乡镇的记录")
        json_option(listing)
        add = leaf_command(actions, "add", f"登记{title}")
        _draft_options(add, fields, adding=True)
        json_option(add)
        edit = leaf_command(actions, "edit", f"修改{title}（只改给出的项）")
        _id_option(edit)
        _draft_options(edit, fields, adding=False)
        json_option(edit)
        if register in REMOVABLE:
            remove = leaf_command(actions, "remove", f"删除登记错了的{title}")
            _id_option(remove)
            json_option(remove)
        else:
            end = leaf_command(actions, "end", f"结束{title}（记录保留）")
            _id_option(end)
            end.add_argument(
                "--ended-on", type=iso_date, metavar="DATE", help="结束日期（默认今天）"
            )
            json_option(end)
        history = leaf_command(actions, "history", f"查看一条{title}的修改历史")
        history.add_argument("--id", type=int, metavar="ID", required=True, help="记录编号")
        json_option(history)
        if register in SHEETS:  # issue 17 — import from .xlsx (desktop/cli/register_import.py)
            importing = leaf_command(actions, "import", f"从 Excel 文件导入{SHEETS[register]}")
            importing.add_argument(
                "file", metavar="FILE.xlsx", help=f"yishi template {register} 生成的模板"
            )
            importing.add_argument(
                "--valid-only",
                action="store_true",
                help="只导入无误的行；有错误的行另存为 .rejected.xlsx",
            )
            json_option(importing)


def _id_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--id", type=int, metavar="ID", required=True, help="记录编号")
    parser.add_argument(
        "--version",
        type=int,
        metavar="N",
        help="读取时的版本号（给出时，记录已被他人修改则拒绝）",
    )


def _draft_options(
    parser: argparse.ArgumentParser, fields: tuple[Field, ...], *, adding: bool
) -> None:
    for field, kind, needed in fields:
        option = option_of(field)
        text = _HELP.get(field, field)
        required = adding and needed
        if kind == "bool":
            parser.add_argument(
                option,
                dest=field,
                action=argparse.BooleanOptionalAction,
                default=None,
                help=text,
            )
        elif kind == "int":
            parser.add_argument(
                option, dest=field, type=int, metavar="N", required=required, help=text
            )
        elif kind == "date":
            parser.add_argument(
                option, dest=field, type=iso_date, metavar="DATE", required=required, help=text
            )
        elif isinstance(kind, tuple):
            parser.add_argument(
                option,
                dest=field,
                choices=kind,
                required=required,
                help=f"{text}：{'、'.join(kind)}",
            )
        else:
            metavar = "名称|编号" if str(kind).startswith("ref:") else "TEXT"
            parser.add_argument(option, dest=field, metavar=metavar, required=required, help=text)
