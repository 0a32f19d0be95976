"""提案交办单: which unit handles a motion, with whom, by when; signed by the organisation.

Built from plain data (the service reads the motion and its active assignments).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.documents.paper import Block, Paper, Paragraph, Signature, Spacer, Table
from models.documents.papers.reply_letter import COPY_TO
from models.domain.dates import chinese_date


@dataclass(frozen=True)
class AssignedUnit:
    name: str
    role: str  # 主办 | 协办
    assigned_on: date
    due_on: date


@dataclass(frozen=True)
class AssignmentSlipData:
    organisation: str  # 门头沟区残疾人联合会
    motion_title: str
    motion_number: str | None
    proposer: str
    co_signers: tuple[str, ...] = ()
    category: str | None = None
    submitted_on: date | None = None
    units: tuple[AssignedUnit, ...] = ()
    co_unit_due: date | None = None  # 协办意见 due
    on: date | None = None  # the slip's date (the assignment's day)
    contact: str | None = (
        None  # the federation's 通信地址、邮政编码、联系电话, for the units' replies
    )


def assignment_slip_paper(data: AssignmentSlipData) -> Paper:
    lead = [u for u in data.units if u.role == "主办"]
    helpers = [u for u in data.units if u.role != "主办"]
    due = lead[0].due_on if lead else None
    assigned = lead[0].assigned_on if lead else data.on
    rows: list[tuple[str, str]] = [
        ("提案编号", data.motion_number or "（未编号）"),
        ("提案标题", data.motion_title),
        ("提案人", data.proposer),
        ("联名人", "、".join(data.co_signers) or "无"),
        ("类别", data.category or "—"),
        ("提交日期", chinese_date(data.submitted_on) if data.submitted_on else "—"),
        ("主办单位", "、".join(u.name for u in lead) or "—"),
        ("协办单位", "、".join(u.name for u in helpers) or "无"),
        ("交办日期", chinese_date(assigned) if assigned else "—"),
        ("答复期限", chinese_date(due) if due else "—"),
    ]
    if helpers and data.co_unit_due is not None:
        rows.append(("协办意见期限", chinese_date(data.co_unit_due)))
    blocks: list[Block] = [
        Table(headers=("项目", "内容"), rows=tuple(rows), widths=(0.28, 0.72)),
        Spacer(),
    ]
    if due is not None:
        blocks.append(
            Paragraph(
                f"请主办单位与提案人沟通后，于{chinese_date(due)}前书面答复提案人，"
                f"并将答复函抄送{COPY_TO}。"
            )
        )
    if helpers:
        blocks.append(Paragraph("请协办单位在期限内将办理意见送主办单位。"))
    if data.contact:
        blocks.append(Paragraph(data.contact))
    signed = data.on or assigned
    return Paper(
        title=f"{data.organisation}主席团委员提案交办单",
        blocks=tuple(blocks),
        signature=Signature(org=data.organisation, date=signed) if signed else None,
    )
