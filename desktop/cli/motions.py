"""`yishi motions list`: the motions of the presidium's term, optionally in one state;
`yishi motions add`: one motion entered by hand (已提交)."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.output import print_json, say
from models.domain.motion_workflow import STATE_NAMES
from models.domain.vocabulary import BodyKind, TermStatus
from models.services.common.access import account_of
from models.services.motions.commands.entry import add_motion
from models.services.motions.contracts import MotionDraft, MotionRow
from models.services.motions.queries import list_motions, resolve_presidium_member
from models.services.people.terms import find_term
from models.store.unit_of_work import Database


def motion_json(m: MotionRow) -> dict[str, Any]:
    return {
        "id": m.id,
        "number": m.number_text,
        "title": m.title,
        "proposer": m.proposer,
        "co_signers": list(m.co_signers),
        "category": m.category,
        "state": m.state.value,
        "lead_unit": m.lead_unit,
        "deadline": m.deadline,
        "overdue": m.is_overdue,
    }


def _term(db: Database, term: int | None) -> int | None:
    """--term N, else the presidium's current term (DOMAIN §8)."""
    if term is not None:
        return term
    with db.session_factory() as session:
        return find_term(
            session, BodyKind.PRESIDIUM, None, None, default=TermStatus.CURRENT
        ).ordinal


def run_list(db: Database, user: str, args: argparse.Namespace) -> int:
    reader = account_of(db, user)  # a 承办单位 account lists its unit's motions only
    rows = list_motions(db, term=_term(db, args.term), state=args.state, reader=reader)
    if args.json:
        print_json([motion_json(m) for m in rows])
        return 0
    for m in rows:
        deadline = m.deadline.isoformat() if m.deadline else "—"
        overdue = "  逾期" if m.is_overdue else ""
        say(
            f"{m.id:>5}  {m.number_text or '（未编号）'}  {STATE_NAMES[m.state]}  {m.title}"
            f"  {m.proposer}  {m.lead_unit or '—'}  {deadline}{overdue}"
        )
    say(f"共 {len(rows)} 件提案")
    return 0


def run_add(db: Database, user: str, args: argparse.Namespace) -> int:
    """Proposer and co-signers by name, pinyin or 人员编号; a name two members share is refused."""
    term = _term(db, args.term)
    proposer = resolve_presidium_member(db, value=args.proposer, term=term, field="proposer")
    co_signers = tuple(
        resolve_presidium_member(db, value=v, term=term, field="co_signers") for v in args.cosigner
    )
    row = add_motion(
        db,
        user=user,
        term=term,
        draft=MotionDraft(
            title=args.title,
            proposer_id=proposer,
            co_signer_ids=co_signers,
            category=args.category,
            cause=args.cause or "",
            reasons=args.reasons or "",
            proposals=args.proposals or "",
            submitted_on=args.received,
        ),
    )
    if args.json:
        print_json(motion_json(row))
        return 0
    say(f"已登记提案 {row.id}：{row.title}（{row.proposer}，{STATE_NAMES[row.state]}）")
    return 0
