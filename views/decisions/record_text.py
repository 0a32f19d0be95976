"""The discussions and 复议 of a decision in words, as the clerk reads them back."""

from __future__ import annotations

from models.services.decisions.contracts import DecisionDetail, DiscussionRow, ReopeningRow


def discussion_text(d: DiscussionRow) -> str:
    """One round: meeting, attendance words, recusals, positions in order, result and tallies."""
    lines = [
        f"第{d.round}次讨论：{d.meeting_date.isoformat()} {d.meeting}，议题“{d.agenda_item}”",
        f"主持人：{d.presiding or '—'}　主要负责同志：{d.leader or '—'}",
        d.attendance,
    ]
    recused = [p for p in d.participants if p.presence == "回避"]
    if recused:
        lines.append(
            "回避：" + "；".join(f"{p.name}（{p.recusal_reason or '未写理由'}）" for p in recused)
        )
    absent = [p.name for p in d.participants if p.presence == "缺席"]
    if absent:
        lines.append("缺席：" + "、".join(absent))
    if d.positions:
        lines.append("表态（按发言顺序）：")
        for p in d.positions:
            line = f"  {p.order}. {p.name}　{p.stance}"
            if p.reserved_opinion:
                line += "　保留意见：" + (p.remarks or "")
            elif p.remarks:
                line += "　" + p.remarks
            lines.append(line)
    lines.append(
        f"结果：{d.result.value}（同意{d.agree}人，不同意{d.disagree}人，缓议{d.defer}人）"
    )
    if d.note:
        lines.append(f"备注：{d.note}")
    return "\n".join(lines)


def reopening_text(r: ReopeningRow) -> str:
    outcome = "同意复议" if r.passed else "未达到复议人数"
    text = (
        f"复议：{r.requested_on.isoformat()} {r.requested_by}提议，"
        f"同意{r.agree}人／共{r.members}名成员，{outcome}"
    )
    return text + (f"；理由：{r.reason}" if r.reason else "")


def record_text(detail: DecisionDetail) -> str:
    parts = [discussion_text(d) for d in detail.discussions]
    parts += [reopening_text(r) for r in detail.reopenings]
    if detail.emergency_by and detail.emergency_on is not None:
        parts.insert(
            0,
            f"紧急处置：{detail.emergency_on.isoformat()} 由{detail.emergency_by}决定；"
            f"理由：{detail.emergency_reason or ''}",
        )
    return "\n\n".join(parts) or "尚未集体讨论。"
