"""`yishi users …`: accounts, their roles and passwords, and whether the database requires
sign-in (issue 15). The core checks who may (accounts.manage, accounts.own_password); the
passwords come from standard input or the environment (desktop/cli/passwords.py)."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.output import print_json, say
from desktop.cli.passwords import new_password
from models.domain.errors import DomainError
from models.domain.passwords import FAILURES_BEFORE_LOCK, LOCK_DURATION
from models.domain.roles import Role
from models.services.accounts import commands, queries
from models.services.accounts.contracts import AccountDraft, AccountRow
from models.store.unit_of_work import Database


def account_json(row: AccountRow) -> dict[str, Any]:
    """An account as `--json` shows it: the role by its id, never the password's hash."""
    return {
        "id": row.id,
        "login": row.login,
        "display_name": row.display_name,
        "role": row.role.value,
        "role_name": row.role_name,
        "active": row.active,
        "has_password": row.has_password,
        "must_change_password": row.must_change_password,
        "locked_until": row.locked_until,
        "unit_id": row.unit_id,
        "unit_name": row.unit_name,
    }


def _state(row: AccountRow) -> str:
    if not row.has_password:
        return "未设密码（不能登录）"
    if not row.active:
        return "已停用"
    words = ["启用"]
    if row.locked_until is not None:
        words.append(f"锁定至 {row.locked_until:%Y-%m-%d %H:%M} UTC")
    if row.must_change_password:
        words.append("须修改密码")
    return "，".join(words)


def _describe(row: AccountRow) -> str:
    unit = f"，{row.unit_name}" if row.unit_name else ""
    return f"{row.login}（{row.display_name}，{row.role_name}{unit}）"


def _done(args: argparse.Namespace, row: AccountRow, text: str) -> int:
    if args.json:
        print_json(account_json(row))
    else:
        say(text)
    return 0


def run_list(db: Database, user: str, args: argparse.Namespace) -> int:
    rows = queries.list_accounts(db, user=user)
    if args.json:
        print_json(
            {
                "sign_in_required": queries.sign_in_required(db),
                "accounts": [account_json(r) for r in rows],
            }
        )
        return 0
    required = "已开启" if queries.sign_in_required(db) else "未开启"
    say(f"须登录使用：{required}")
    for r in rows:
        unit = f"  {r.unit_name}" if r.unit_name else ""
        say(f"{r.login}  {r.display_name}  {r.role_name}{unit}  {_state(r)}")
    if not rows:
        say("还没有账户。新增管理员：yishi users add --name LOGIN --display 姓名 --role admin")
    return 0


def run_add(db: Database, user: str, args: argparse.Namespace) -> int:
    draft = AccountDraft(
        login=args.name,
        display_name=args.display,
        role=Role(args.role),
        password=new_password(args),
        unit_name=args.unit,
    )
    row = commands.add_account(db, user=user, draft=draft)
    return _done(args, row, f"已新增账户 {_describe(row)}。首次登录须修改密码。")


def run_set_role(db: Database, user: str, args: argparse.Namespace) -> int:
    row = commands.set_role(
        db, user=user, login=args.name, role=Role(args.role), unit_name=args.unit
    )
    unit = f"（{row.unit_name}）" if row.unit_name else ""
    return _done(args, row, f"账户 {row.login} 的角色已改为{row.role_name}{unit}。")


def run_disable(db: Database, user: str, args: argparse.Namespace) -> int:
    row = commands.set_active(db, user=user, login=args.name, active=False)
    return _done(args, row, f"已停用账户 {_describe(row)}：不能再登录，其操作记录保留。")


def run_enable(db: Database, user: str, args: argparse.Namespace) -> int:
    row = commands.set_active(db, user=user, login=args.name, active=True)
    return _done(args, row, f"已重新启用账户 {_describe(row)}。")


def run_reset_password(db: Database, user: str, args: argparse.Namespace) -> int:
    row = commands.reset_password(db, user=user, login=args.name, password=new_password(args))
    return _done(
        args,
        row,
        f"已重置账户 {_describe(row)} 的密码，锁定（如有）已解除；该账户下次登录须修改密码。",
    )


def run_change_password(db: Database, user: str, args: argparse.Namespace) -> int:
    old = args.account_password
    if old is None:
        raise DomainError("old_password_missing")
    row = commands.change_password(db, user=user, old_password=old, new_password=new_password(args))
    return _done(args, row, f"账户 {row.login} 的密码已修改。")


def run_require_sign_in(db: Database, user: str, args: argparse.Namespace) -> int:
    required = commands.set_sign_in_required(db, user=user, required=args.state == "on")
    if args.json:
        print_json({"sign_in_required": required})
    elif required:
        say("已开启“须登录使用”。此后每条命令都须用 --user 给出账户名，")
        say("并用 --password-stdin（从标准输入）或环境变量 YISHI_PASSWORD 给出密码；")
        say(
            f"连续 {FAILURES_BEFORE_LOCK} 次密码错误，账户锁定 "
            f"{int(LOCK_DURATION.total_seconds() // 60)} 分钟。"
        )
    else:
        say("已关闭“须登录使用”：任何能打开数据库的人都以管理员身份操作，如同没有账户时。")
    return 0
