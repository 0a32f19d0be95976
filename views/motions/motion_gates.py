"""Which permission each move of a motion needs, so the detail window greys the moves the
signed-in role may not make (views/permissions.py) before the core would refuse them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.domain.motion_workflow import MotionAction
from views.permissions import gate

if TYPE_CHECKING:
    from views.motions.motion_list import MotionList

A = MotionAction

# Intake is the secretariat's; a 承办单位 signs for (签收), returns (退办), handles (开始办理) and
# replies (答复) to its own motions; the proposer's feedback is recorded by the secretariat.
MOVE_PERMISSIONS: dict[MotionAction, str] = {
    A.SUBMIT: "motions.intake",
    A.WITHDRAW: "motions.intake",
    A.START_REVIEW: "motions.intake",
    A.RETURN_FOR_REVISION: "motions.intake",
    A.ACCEPT: "motions.intake",
    A.REJECT: "motions.intake",
    A.MERGE: "motions.intake",
    A.RESUBMIT: "motions.intake",
    A.ASSIGN: "motions.assign",
    A.REASSIGN: "motions.assign",
    A.EXTEND: "motions.assign",
    A.RECEIVE: "motions.unit_handling",
    A.UNIT_RETURN: "motions.unit_handling",
    A.START_HANDLING: "motions.unit_handling",
    A.REPLY: "motions.reply",
    A.LEAD_REPLIED: "motions.reply",
    A.RATE: "motions.feedback",
    A.FEEDBACK_TIMEOUT: "motions.feedback",
}

EDIT = "motions.intake"  # 编辑 the motion's text while it is reviewed
ATTACH = "motions.intake"  # the motion's own files, added and removed at intake
CONTACT = "motions.unit_handling"  # 记录沟通 with the proposer, by whoever handles it
CO_UNIT_OPINION = "motions.unit_handling"  # a co-handling unit's opinion


def gate_motion_list(window: MotionList) -> None:
    """Every role that reads motions sees the same row of buttons; those it may not use are
    greyed with the reason (a 承办单位 account keeps 打开 and 统计, and handles its motions in
    the detail window: 签收, 退办, 办理, 答复). Disabled, not hidden: the clerk who looks for
    交办 learns that it is the secretariat's."""
    for target, action in (
        (window.new_button, "motions.intake"),
        (window.new_shortcut, "motions.intake"),
        (window.import_button, "motions.intake"),
        (window.assign_button, "motions.assign"),
        (window.print_button, "papers.print"),
        (window.papers_button, "papers.print"),
        (window.calendar_button, "motions.calendar"),
        (window.units_button, "motions.units"),
        (window.templates_button, "motions.reply_templates"),
    ):
        gate(target, window.ctx, action)
