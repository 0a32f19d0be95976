"""Which permission each move of a motion needs, so the detail window greys the moves the
signed-in role may not make (views/permissions.py) before the core would refuse them."""

from __future__ import annotations

from models.domain.motion_workflow import MotionAction

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
