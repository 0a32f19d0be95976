"""The command line of accounts and the audit trail: `users …` and `audit …` (issue 15)."""

from __future__ import annotations

import argparse

from desktop.cli.parser import (
    ChineseArgumentParser,
    iso_date,
    json_option,
    leaf_command,
    subcommands,
)
from models.domain.roles import ROLE_NAMES, Role

_ROLE_HELP = "角色：" + "，".join(f"{role.value}={name}" for role, name in ROLE_NAMES.items())


def users_commands(users_parser: ChineseArgumentParser) -> None:
    users = subcommands(users_parser, "users_command")
    user_list = leaf_command(users, "list", "列出账户及其角色")
    json_option(user_list)
    add = leaf_command(
        users,
        "add",
        "新增账户（初始密码用 --new-password-stdin 或 YISHI_NEW_PASSWORD 给出，首次登录须修改）",
    )
    add.add_argument("--name", metavar="LOGIN", required=True, help="账户名（登录用）")
    add.add_argument("--display", metavar="姓名", required=True, help="姓名")
    add.add_argument("--role", choices=[r.value for r in Role], required=True, help=_ROLE_HELP)
    add.add_argument("--unit", metavar="单位", help="承办单位账户所属的承办单位")
    _new_password_option(add, "新账户的初始密码")
    json_option(add)
    set_role = leaf_command(users, "set-role", "修改账户的角色")
    set_role.add_argument("--name", metavar="LOGIN", required=True, help="账户名")
    set_role.add_argument("--role", choices=[r.value for r in Role], required=True, help=_ROLE_HELP)
    set_role.add_argument("--unit", metavar="单位", help="承办单位账户所属的承办单位")
    json_option(set_role)
    disable = leaf_command(users, "disable", "停用账户（记录保留，不能再登录）")
    disable.add_argument("--name", metavar="LOGIN", required=True, help="账户名")
    json_option(disable)
    enable = leaf_command(users, "enable", "重新启用已停用的账户")
    enable.add_argument("--name", metavar="LOGIN", required=True, help="账户名")
    json_option(enable)
    reset = leaf_command(
        users, "reset-password", "重置账户密码（账户下次登录须修改；也用于解除锁定）"
    )
    reset.add_argument("--name", metavar="LOGIN", required=True, help="账户名")
    _new_password_option(reset, "管理员设置的新密码")
    json_option(reset)
    change = leaf_command(
        users,
        "change-password",
        "修改本人密码（原密码用 --password-stdin 或 YISHI_PASSWORD 给出，"
        "新密码用 --new-password-stdin 或 YISHI_NEW_PASSWORD 给出）",
    )
    _new_password_option(change, "本人的新密码")
    json_option(change)
    require = leaf_command(users, "require-sign-in", "开启或关闭“须登录使用”")
    require.add_argument("state", choices=["on", "off"], help="on=开启，off=关闭")
    json_option(require)


def audit_commands(audit_parser: ChineseArgumentParser) -> None:
    audit = subcommands(audit_parser, "audit_command")
    audit_list = leaf_command(audit, "list", "列出操作记录（身份证号已遮蔽）")
    _audit_filters(audit_list)
    audit_list.add_argument("--limit", type=int, metavar="N", default=200, help="最多列出条数")
    json_option(audit_list)
    export = leaf_command(audit, "export", "把操作记录导出为 .xlsx（身份证号已遮蔽）")
    _audit_filters(export)
    export.add_argument("--out", metavar="FILE.xlsx", required=True, help="导出到的文件")
    json_option(export)
    verify = leaf_command(
        audit, "verify", "核验操作记录的哈希链，报告第一条被改动、删除或插入的记录"
    )
    verify.add_argument(
        "--head",
        metavar="ID:HASH",
        help="上次核验时另行保存的“第几条:哈希”，核对操作记录没有被整段重写",
    )
    json_option(verify)


def _new_password_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--new-password-stdin",
        action="store_true",
        help=f"从标准输入读取{what}（在 --db-password-stdin、--password-stdin 所读的行之后；"
        "否则用环境变量 YISHI_NEW_PASSWORD）。密码不能写在命令行上",
    )


def _audit_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--account", metavar="LOGIN", help="只看此账户的操作")
    parser.add_argument("--from", dest="date_from", type=iso_date, metavar="DATE", help="起始日期")
    parser.add_argument("--to", dest="date_to", type=iso_date, metavar="DATE", help="截止日期")
    parser.add_argument("--kind", metavar="KIND", help="记录类别，如 person、motion、sign_in")
    parser.add_argument("--person", metavar="姓名", help="只看涉及此人的记录")
