"""The demo's motions: about 40 presidium members' motions of the current term, in every state.

Written in the demo's unit of work after the meetings, from a generator of its own (so everything
drawn before stays the same). Each motion walks its path through the pure workflow table, so its
history is what the services would have written; dates count back from today, so some motions are
overdue whenever the demo is built, and the others are not yet.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.demo.plan import SEED
from models.domain.deadlines import (
    MotionDeadlineRules,
    WorkingCalendar,
    co_unit_due,
    rehandling_due,
    reply_due,
)
from models.domain.meeting_vocabulary import FEDERATION_TZ
from models.domain.motion_workflow import MotionAction, MotionFacts, MotionState, Rating, next_state
from models.domain.vocabulary import BodyKind, MembershipStatus, TermStatus
from models.entities import (
    Assignment,
    Body,
    Contact,
    Feedback,
    HandlingUnit,
    Membership,
    Motion,
    MotionCoSigner,
    MotionCounter,
    MotionStateChange,
    Person,
    Reply,
    Term,
)

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
    """One motion on its way: the day of the next step moves forward as it goes."""

    motion: Motion
    day: date
    user: str


def _at(day: date) -> datetime:
    return datetime.combine(day, time(9, 30), tzinfo=FEDERATION_TZ)


def write_demo_motions(session: Session, *, user: str, today: date | None = None) -> int:
    """Add the demo's motions to the session; returns how many."""
    r = random.Random(MOTIONS_SEED)
    today = today or datetime.now(FEDERATION_TZ).date()
    rules, calendar = MotionDeadlineRules(), WorkingCalendar()
    presidium = session.scalars(select(Body).where(Body.kind == BodyKind.PRESIDIUM)).one()
    term = session.scalars(
        select(Term).where(Term.body_id == presidium.id, Term.status == TermStatus.CURRENT)
    ).one()
    members = session.scalars(
        select(Person)
        .join(Membership, Membership.person_id == Person.id)
        .where(Membership.term_id == term.id, Membership.status == MembershipStatus.ELECTED)
        .order_by(Person.id)
    ).all()
    units = {
        name: HandlingUnit(name=name, kind=kind, sort_order=i, active=True)
        for i, (name, kind) in enumerate(UNITS, start=1)
    }
    session.add_all(units.values())
    targets = [state for state, n in PLAN for _ in range(n)]
    number = 0
    leads: list[Motion] = []
    written = 0
    for i, target in enumerate(targets):
        topic, category, unit_name = TOPICS[i % len(TOPICS)]
        proposer = members[r.randrange(len(members))]
        others = [m for m in members if m.id != proposer.id]
        # Waiting on a unit: a third overdue (assigned five months ago), the others recent.
        overdue = i % 3 == 0
        start = today - timedelta(days=(170 if overdue else 40) + r.randrange(10))
        if target in (MotionState.REPLIED, MotionState.REHANDLING, MotionState.CLOSED):
            start = today - timedelta(days=150 + r.randrange(60))
        suffix = "" if i < len(TOPICS) else ("（续）" if i < 2 * len(TOPICS) else "（三）")
        motion = Motion(
            term=term,
            title=f"关于{topic}的提案{suffix}",
            body_text=f"建议{topic}，切实解决残疾人的实际困难。",
            proposer=proposer,
            category=category,
            submitted_on=start - timedelta(days=20),
            state=MotionState.DRAFT.value,
            rehandling_rounds=0,
            as_suggestion=False,
        )
        for position, co in enumerate(r.sample(others, r.randrange(0, 3)), start=1):
            motion.co_signers.append(MotionCoSigner(person=co, position=position))
        session.add(motion)
        session.flush()
        walk = _Walk(motion, start - timedelta(days=20), user)
        variant = i % 3
        path = PATHS[target]
        rehandled = target is MotionState.CLOSED and variant == 0
        if rehandled:  # 不满意 once, replied again, then 满意
            path = (*path, A.REPLY, A.RATE)
        rates = 0
        for action in path:
            if action in (A.ACCEPT, A.MERGE):
                number += 1
                motion.number = number
                motion.number_text = rules.number_format.replace("{n}", str(number))
            facts = MotionFacts(reason=REASONS.get(action), has_lead=bool(leads))
            if action is A.MERGE:
                motion.lead_motion = leads[i % len(leads)]
            if action is A.REJECT:
                motion.as_suggestion = True
            if action is A.ASSIGN:
                walk.day = start
                due = reply_due(start, rules, calendar).due
                co_due = co_unit_due(start, rules, calendar).due
                co_unit = UNITS[6 + i % 6][0] if unit_name != UNITS[6 + i % 6][0] else "办公室"
                motion.assignments.append(
                    Assignment(unit=units[unit_name], role="主办", assigned_on=start, due_on=due)
                )
                if i % 2 == 0:
                    motion.assignments.append(
                        Assignment(
                            unit=units[co_unit], role="协办", assigned_on=start, due_on=co_due
                        )
                    )
                for a in motion.assignments:
                    a.active = True
            if action is A.UNIT_RETURN:
                walk.day = start + timedelta(days=2)
                for a in motion.assignments:
                    a.active = False
                motion.assignments[0].returned_on = walk.day
                motion.assignments[0].return_reason = REASONS[action]
            if action is A.RECEIVE:
                walk.day = start + timedelta(days=1)
                motion.assignments[0].received_on = walk.day
            if action is A.REPLY:
                walk.day = max(walk.day + timedelta(days=14), start + timedelta(days=60))
                walk.day += timedelta(days=r.randrange(20))
                motion.contacts.append(
                    Contact(
                        contact_date=walk.day - timedelta(days=10),
                        method=r.choice(("电话", "座谈", "走访")),
                        note="听取提案人意见",
                        recorded_by=user,
                    )
                )
                motion.replies.append(_reply(motion, walk.day, motion.number or number))
            rating = None
            if action is A.RATE:
                walk.day += timedelta(days=7)
                rates += 1
                rating = (
                    Rating.UNSATISFIED
                    if target is MotionState.REHANDLING or (rehandled and rates == 1)
                    else (Rating.SATISFIED, Rating.BASICALLY_SATISFIED)[variant % 2]
                )
                if target is MotionState.CLOSED and variant == 2 and i % 2 == 0:
                    action = A.FEEDBACK_TIMEOUT
                    walk.day += timedelta(days=rules.feedback_wait_days)
                facts = MotionFacts(
                    result_rating=rating, rehandling_rounds=motion.rehandling_rounds
                )
            _step(session, walk, action, facts)
            if action is A.RATE and rating is not None:
                motion.feedbacks.append(
                    Feedback(
                        attitude=Rating.SATISFIED.value,
                        result=rating.value,
                        remarks=None,
                        timed_out=False,
                        recorded_on=walk.day,
                    )
                )
                if MotionState(motion.state) is MotionState.REHANDLING:
                    motion.rehandling_rounds += 1
                    motion.rehandling_due = rehandling_due(walk.day, rules, calendar).due
            elif action is A.FEEDBACK_TIMEOUT:
                motion.feedbacks.append(
                    Feedback(
                        attitude=None,
                        result=Rating.BASICALLY_SATISFIED.value,
                        remarks="逾期未反馈，视为基本满意",
                        timed_out=True,
                        recorded_on=walk.day,
                    )
                )
            walk.day += timedelta(days=1)
        if target is MotionState.HANDLING and i % 2 == 1:
            leads.append(motion)
        written += 1
    session.add(MotionCounter(term_id=term.id, last_number=number))
    session.flush()
    return written


def _reply(motion: Motion, day: date, number: int) -> Reply:
    return Reply(
        round=motion.rehandling_rounds,
        reply_class=("A", "B", "C")[number % 3],
        text="经研究，现将办理情况答复如下：已列入年度工作计划，正在推进。",
        document_number=f"门残联函〔{day.year}〕{number}号",
        handler_name="刘建国",
        handler_phone="010-69842211",
        signer="王振华",
        signed_on=day - timedelta(days=1),
        sent_on=day,
        co_unit_opinions=None,
    )


def _step(session: Session, walk: _Walk, action: MotionAction, facts: MotionFacts) -> None:
    motion = walk.motion
    before = MotionState(motion.state)
    after = next_state(before, action, facts)
    motion.state = after.value
    motion.changes.append(
        MotionStateChange(
            at=_at(walk.day),
            by=walk.user,
            action=action.value,
            from_state=before.value,
            to_state=after.value,
            reason=facts.reason,
        )
    )
