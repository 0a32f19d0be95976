"""`yishi audit list|export|verify`: the 操作记录 read, exported to .xlsx, and its hash chain
checked (exit 1 naming the first bad entry when it is broken)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.cli.output import print_json, say
from models.domain.errors import DomainError
from models.domain.meeting_vocabulary import FEDERATION_TZ
from models.domain.messages import message
from models.services.audit.commands import export_entries
from models.services.audit.contracts import AuditEntry, ChainCheck
from models.services.audit.queries import list_entries, verify_chain
from models.store.unit_of_work import Database

EXIT_OK, EXIT_BROKEN = 0, 1
HEX = frozenset("0123456789abcdef")


def _filters(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "account": args.account,
        "date_from": args.date_from,
        "date_to": args.date_to,
        "kind": args.kind,
        "person": args.person,
    }


def _local(entry: AuditEntry) -> str:
    return entry.at.astimezone(FEDERATION_TZ).strftime("%Y-%m-%d %H:%M:%S")


def entry_json(entry: AuditEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "at": entry.at.astimezone(FEDERATION_TZ).isoformat(),
        "login": entry.login,
        "display_name": entry.display_name,
        "action": entry.action,
        "entity": entry.entity,
        "entity_id": entry.entity_id,
        "kind": entry.kind_label,
        "before": entry.before,
        "after": entry.after,
        "note": entry.note,
    }


def run_list(db: Database, user: str, args: argparse.Namespace) -> int:
    rows = list_entries(db, user=user, limit=args.limit, **_filters(args))
    if args.json:
        print_json([entry_json(e) for e in rows])
        return EXIT_OK
    for e in rows:
        say(f"{e.id:>7}  {_local(e)}  {e.who}  {e.kind_label}  #{e.entity_id}  {e.summary()}")
    say(f"共 {len(rows)} 条（最新的在前）")
    return EXIT_OK


def run_export(db: Database, user: str, args: argparse.Namespace) -> int:
    done = export_entries(db, user=user, path=Path(args.out), **_filters(args))
    if args.json:
        print_json({"file": done.path, "entries": done.entries})
    else:
        say(f"已导出 {done.entries} 条操作记录到 {done.path}（身份证号已遮蔽）")
    return EXIT_OK


def check_json(check: ChainCheck) -> dict[str, Any]:
    bad = check.first_bad
    return {
        "ok": check.ok,
        "checked": check.checked,
        "reason": check.reason,
        "message": message(check.reason, check.params),
        "head": check.head,
        "head_id": check.head_id,
        "first_bad": None
        if bad is None
        else {
            "id": bad.id,
            "at": bad.at.astimezone(FEDERATION_TZ).isoformat(),
            "login": bad.login,
            "entity": bad.entity,
            "entity_id": bad.entity_id,
            "action": bad.action,
        },
    }


def _kept_head(text: str | None) -> tuple[int, str] | None:
    if text is None:
        return None
    number, _sep, digest = text.strip().partition(":")
    digest = digest.strip().lower()
    if not number.strip().isdigit() or len(digest) != 64 or not set(digest) <= HEX:
        raise DomainError(
            "bad_arguments", detail="--head 应为“第几条:哈希”，如 2404:d55a…（64 位十六进制）"
        )
    return int(number), digest


def run_verify(db: Database, user: str, args: argparse.Namespace) -> int:
    check = verify_chain(db, user=user, kept_head=_kept_head(args.head))
    if args.json:
        print_json(check_json(check))
    else:
        say(message(check.reason, check.params))
        if check.head:
            # Kept elsewhere (a note, a mail to someone else), it shows later whether the whole
            # chain up to here was rewritten: `--head ID:HASH` compares it.
            say(f"最后一条记录：{check.head_id}:{check.head}")
            say("请把这一行另行保存；以后核验时加 --head 此值，可发现整段重写。")
    return EXIT_OK if check.ok else EXIT_BROKEN
