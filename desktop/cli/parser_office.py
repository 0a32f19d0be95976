"""The command line of a federation's own set-up: `setup`, `terms …` and `units …` (DOMAIN §8)."""

from __future__ import annotations

from desktop.cli.parser import (
    ChineseArgumentParser,
    body_options,
    iso_date,
    json_option,
    leaf_command,
    subcommands,
)


def setup_options(setup: ChineseArgumentParser) -> None:
    setup.add_argument("--name", metavar="NAME", help="本会全称，如 门头沟区残疾人联合会")
    setup.add_argument("--short", metavar="SHORT", help="发文字号用的简称，如 门残联")
    setup.add_argument("--district", metavar="D", help="所在区，如 门头沟区")
    setup.add_argument("--address", metavar="TEXT", help="通信地址（印在答复函等文书上）")
    setup.add_argument("--postcode", metavar="TEXT", help="邮政编码")
    setup.add_argument("--telephone", metavar="TEXT", help="联系电话")
    setup.add_argument(
        "--rules",
        metavar="NAME|PATH",
        help="规则文件：程序自带的编号（如 mentougou-2019）或文件路径",
    )
    json_option(setup)


def terms_commands(terms_parser: ChineseArgumentParser) -> None:
    terms = subcommands(terms_parser, "terms_command")
    term_list = leaf_command(terms, "list", "列出某一机构的各届")
    body_options(term_list)
    json_option(term_list)
    term_open = leaf_command(terms, "open", "新建一届（筹备中）")
    body_options(term_open)
    term_open.add_argument("--start", type=iso_date, metavar="DATE", help="计划开始日期")
    term_open.add_argument("--end", type=iso_date, metavar="DATE", help="计划结束日期")
    json_option(term_open)
    term_elect = leaf_command(terms, "elect", "记录选举结果：候选人当选或未当选")
    body_options(term_elect)
    outcome = term_elect.add_mutually_exclusive_group(required=True)
    outcome.add_argument("--all", action="store_true", help="全部候选人当选")
    outcome.add_argument(
        "--results",
        metavar="FILE.xlsx",
        help="选举结果表：“身份证号”和“结果”两列，结果为 当选 或 未当选",
    )
    term_elect.add_argument("--date", type=iso_date, metavar="DATE", help="选举日期（默认今天）")
    json_option(term_elect)
    term_current = leaf_command(
        terms, "make-current", "把一届设为现任：上一届转为往届，其在任人员届满"
    )
    body_options(term_current)
    term_current.add_argument(
        "--date", type=iso_date, metavar="DATE", required=True, help="换届日期"
    )
    json_option(term_current)


def units_commands(units_parser: ChineseArgumentParser) -> None:
    units = subcommands(units_parser, "units_command")
    unit_list = leaf_command(units, "list", "列出某届代表大会的选举单位和名额")
    body_options(unit_list)
    json_option(unit_list)
    unit_set = leaf_command(units, "set", "设置某届代表大会的选举单位和名额（没有的单位会新建）")
    body_options(unit_set)
    unit_set.add_argument(
        "--unit",
        action="append",
        required=True,
        metavar="NAME=SEATS",
        help="选举单位及其名额，如 大峪街道=12；可重复",
    )
    json_option(unit_set)
