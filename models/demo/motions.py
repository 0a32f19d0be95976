"""The demo's motions: about 40 presidium members' motions of the current term, in every state.

Entered after the meetings, from a generator of its own (so everything drawn before stays the
same). Each motion walks its path through the motion services, one clerk's action at a time on the
day the demo's clock says; dates count back from today, so some motions are overdue whenever the
demo is built, and the others are not yet.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from models.demo.clock import DemoClock
from models.demo.lookups import elected, term_id
from models.demo.plan import SEED
from models.domain.deadlines import MotionDeadlineRules
from models.domain.meeting_vocabulary import FEDERATION_TZ
from models.domain.motion_workflow import HandlingRole, MotionAction, MotionState, Rating
from models.domain.vocabulary import BodyKind
from models.services.motions.commands.handling import (
    assign_motion,
    receive_motion,
    record_contact,
    unit_return,
)
from models.services.motions.commands.intake import (
    accept_motion,
    advance_motion,
    merge_motion,
    register_motion,
)
from models.services.motions.commands.replies import feedback_timeout, rate_motion, send_reply
from models.services.motions.commands.units import add_handling_unit
from models.services.motions.contracts import MotionDraft, MotionRow, ReplyDraft
from models.store.unit_of_work import Database

MOTIONS_SEED = SEED + 4040
A = MotionAction

UNITS = (
    ("办公室", "internal"),
    ("组织联络部", "internal"),
    ("康复部", "internal"),
    ("教育就业部", "internal"),
    ("宣传文化部", "internal"),
    ("维权部", "internal"),
    ("区教委", "external"),
    ("区人力社保局", "external"),
    ("区民政局", "external"),
    ("区卫生健康委", "external"),
    ("区住房城乡建设委", "external"),
    ("区交通局", "external"),
)
TOPICS = (
    ("加快社区无障碍设施改造", "无障碍", "区住房城乡建设委"),
    ("完善残疾儿童康复救助制度", "康复", "康复部"),
    ("推进融合教育资源教室建设", "教育", "区教委"),
    ("扩大残疾人按比例就业", "就业", "区人力社保局"),
    ("提高重度残疾人护理补贴标准", "社会保障", "区民政局"),
    ("加强家庭医生签约服务", "康复", "区卫生健康委"),
    ("优化公交无障碍出行服务", "无障碍", "区交通局"),
    ("支持残疾人辅助性就业机构发展", "就业", "教育就业部"),
    ("开展残疾人文化体育活动", "文化体育", "宣传文化部"),
    ("加强残疾人法律援助", "维权", "维权部"),
    ("加强基层残协组织建设", "组织建设", "组织联络部"),
    ("完善精神障碍社区康复服务", "康复", "区卫生健康委"),
    ("推广盲文和手语", "文化体育", "宣传文化部"),
    ("落实残疾学生资助政策", "教育", "区教委"),
)
# (target state, how many); rehandling and closed carry variants in `_path`.
PLAN = (
    (MotionState.DRAFT, 2),
    (MotionState.SUBMITTED, 2),
    (MotionState.UNDER_REVIEW, 3),
    (MotionState.REVISING, 1),
    (MotionState.REJECTED, 2),
    (MotionState.WITHDRAWN, 1),
    (MotionState.ACCEPTED, 2),
    (MotionState.ASSIGNED, 4),
    (MotionState.UNIT_RETURNED, 1),
    (MotionState.RECEIVED, 3),
    (MotionState.HANDLING, 5),
    (MotionState.MERGED, 3),
    (MotionState.REPLIED, 4),
    (MotionState.REHANDLING, 2),
    (MotionState.CLOSED, 6),
)
REVIEW = (A.SUBMIT, A.START_REVIEW)
ASSIGN = (*REVIEW, A.ACCEPT, A.ASSIGN)
HANDLE = (*ASSIGN, A.RECEIVE, A.START_HANDLING)
PATHS: dict[MotionState, tuple[MotionAction, ...]] = {
    MotionState.DRAFT: (),
    MotionState.SUBMITTED: (A.SUBMIT,),
    MotionState.UNDER_REVIEW: REVIEW,
    MotionState.REVISING: (*REVIEW, A.RETURN_FOR_REVISION),
    MotionState.REJECTED: (*REVIEW, A.REJECT),
    MotionState.WITHDRAWN: (A.SUBMIT, A.WITHDRAW),
    MotionState.ACCEPTED: (*REVIEW, A.ACCEPT),
    MotionState.MERGED: (*REVIEW, A.MERGE),
    MotionState.ASSIGNED: ASSIGN,
    MotionState.UNIT_RETURNED: (*ASSIGN, A.UNIT_RETURN),
    MotionState.RECEIVED: (*ASSIGN, A.RECEIVE),
    MotionState.HANDLING: HANDLE,
    MotionState.REPLIED: (*HANDLE, A.REPLY),
    MotionState.REHANDLING: (*HANDLE, A.REPLY, A.RATE),
    MotionState.CLOSED: (*HANDLE, A.REPLY, A.RATE),
}
REASONS = {
    A.RETURN_FOR_REVISION: "案由不够具体，请补充现状和建议",
    A.REJECT: "属于个人诉求，不符合立案条件，转为意见建议",
    A.UNIT_RETURN: "不属于本单位职责范围",
    A.EXTEND: "涉及多个部门，需进一步协调",
}


@dataclass
class _Walk:
    """One motion on its way: the clerk's commands, each on the day the walk has reached."""

    db: Database
    clock: DemoClock
    user: str
    row: MotionRow
    day: date

    def do(self, command, **kw) -> MotionRow:  # type: ignore[no-untyped-def]
        self.clock.at(self.day)
        self.row = command(
            self.db, user=self.user, motion_id=self.row.id, expected_version=self.row.version, **kw
        )
        return self.row


def write_demo_motions(
    db: Database, clock: DemoClock, *, user: str, today: date | None = None
) -> int:
    """Register the demo's motions and take each along its path; returns how many."""
    r = random.Random(MOTIONS_SEED)
    today = today or datetime.now(FEDERATION_TZ).date()
    rules = MotionDeadlineRules()
    members = _members(db)
    units = {}
    for name, kind in UNITS:
        units[name] = add_handling_unit(db, user=user, name=name, kind=kind).id
    targets = [state for state, n in PLAN for _ in range(n)]
    leads: list[MotionRow] = []
    for i, target in enumerate(targets):
        topic, category, unit_name = TOPICS[i % len(TOPICS)]
        proposer = members[r.randrange(len(members))]
        others = [m for m in members if m != proposer]
        # Waiting on a unit: a third overdue (assigned five months ago), the others recent.
        overdue = i % 3 == 0
        start = today - timedelta(days=(170 if overdue else 40) + r.randrange(10))
        if target in (MotionState.REPLIED, MotionState.REHANDLING, MotionState.CLOSED):
            start = today - timedelta(days=150 + r.randrange(60))
        suffix = "" if i < len(TOPICS) else ("（续）" if i < 2 * len(TOPICS) else "（三）")
        draft = MotionDraft(
            title=f"关于{topic}的提案{suffix}",
            proposer_id=proposer,
            body_text=f"建议{topic}，切实解决残疾人的实际困难。",
            co_signer_ids=tuple(r.sample(others, r.randrange(0, 3))),
            category=category,
            submitted_on=start - timedelta(days=20),
        )
        submitted = start - timedelta(days=20)
        clock.at(submitted)
        walk = _Walk(db, clock, user, register_motion(db, user=user, draft=draft), submitted)
        variant = i % 3
        path = PATHS[target]
        rehandled = target is MotionState.CLOSED and variant == 0
        if rehandled:  # 不满意 once, replied again, then 满意
            path = (*path, A.REPLY, A.RATE)
        rates = 0
        for action in path:
            if action is A.ASSIGN:
                walk.day = start
                co_unit = UNITS[6 + i % 6][0] if unit_name != UNITS[6 + i % 6][0] else "办公室"
                chosen = [(units[unit_name], HandlingRole.LEAD)]
                if i % 2 == 0:
                    chosen.append((units[co_unit], HandlingRole.CO))
                walk.clock.at(walk.day)
                walk.row, _warning = assign_motion(
                    db,
                    user=user,
                    motion_id=walk.row.id,
                    expected_version=walk.row.version,
                    units=chosen,
                    assigned_on=start,
                )
            elif action is A.UNIT_RETURN:
                walk.day = start + timedelta(days=2)
                walk.do(unit_return, reason=REASONS[action], returned_on=walk.day)
            elif action is A.RECEIVE:
                walk.day = start + timedelta(days=1)
                walk.do(receive_motion, received_on=walk.day)
            elif action is A.REPLY:
                walk.day = max(walk.day + timedelta(days=14), start + timedelta(days=60))
                walk.day += timedelta(days=r.randrange(20))
                _reply(walk, r.choice(("电话", "座谈", "走访")))
            elif action is A.RATE:
                walk.day += timedelta(days=7)
                rates += 1
                rating = (
                    Rating.UNSATISFIED
                    if target is MotionState.REHANDLING or (rehandled and rates == 1)
                    else (Rating.SATISFIED, Rating.BASICALLY_SATISFIED)[variant % 2]
                )
                if target is MotionState.CLOSED and variant == 2 and i % 2 == 0:
                    walk.day += timedelta(days=rules.feedback_wait_days)
                    walk.do(feedback_timeout, on=walk.day)
                else:
                    attitude = Rating.SATISFIED.value
                    walk.do(rate_motion, attitude=attitude, result=rating.value, rated_on=walk.day)
            elif action is A.ACCEPT:
                walk.do(accept_motion)
            elif action is A.MERGE:
                walk.do(merge_motion, lead_id=leads[i % len(leads)].id)
            else:
                reason = REASONS.get(action)
                walk.do(
                    advance_motion,
                    action=action.value,
                    reason=reason,
                    as_suggestion=action is A.REJECT,
                )
            walk.day += timedelta(days=1)
        if target is MotionState.HANDLING and i % 2 == 1:
            leads.append(walk.row)
    return len(targets)


def _members(db: Database) -> list[int]:
    """The elected members of the presidium's current term, by person id."""
    return sorted(e.person_id for e in elected(db, term_id(db, BodyKind.PRESIDIUM)))


def _reply(walk: _Walk, method: str) -> None:
    """A talk with the proposer ten days before, then the signed letter."""
    day, number = walk.day, walk.row.number or 0
    walk.clock.at(day)
    record_contact(
        walk.db,
        user=walk.user,
        motion_id=walk.row.id,
        contact_date=day - timedelta(days=10),
        method=method,
        note="听取提案人意见",
    )
    reply = ReplyDraft(
        reply_class=("A", "B", "C")[number % 3],
        text="经研究，现将办理情况答复如下：已列入年度工作计划，正在推进。",
        signer="王振华",
        signed_on=day - timedelta(days=1),
        sent_on=day,
        document_number=f"门残联函〔{day.year}〕{number}号",
        handler_name="刘建国",
        handler_phone="010-69842211",
    )
    walk.do(send_reply, reply=reply)
