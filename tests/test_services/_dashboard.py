"""A federation without the demo for the dashboard tests, built through the services: a council
and a presidium, motions overdue and due soon, 三重一大 matters with open steps, follow-ups and an
unreported emergency, meetings planned, passed and held. One of each thing the dashboard lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from models.domain.organisation_vocabulary import TownshipKind
from models.domain.vocabulary import BodyKind, DisabilityCategory, Employment
from models.services.common.settings import record_rules
from models.services.decisions.commands.follow_up import add_follow_up
from models.services.decisions.commands.matters import record_emergency
from models.services.decisions.contracts import DecisionDraft
from models.services.meetings.commands.planning import plan_meeting
from models.services.meetings.commands.saving import save_meeting
from models.services.meetings.contracts import MeetingDraft
from models.services.meetings.queries import get_meeting
from models.services.motions.commands.handling import assign_motion
from models.services.organisation.commands import add_record
from models.services.organisation.contracts import CadreDraft, TownshipDraft, WarmHomeDraft
from models.store.unit_of_work import Database

from ._decisions import COUNCIL, discuss, new_matter, ready_matter, version_of
from .test_meetings_setup import build_federation
from .test_motions import accepted, assigned, version
from .test_motions_setup import Setup, build_setup

RULES = Path(__file__).parents[2] / "resources" / "rules" / "mentougou-2019.toml"
ON = date(2026, 5, 6)  # a Wednesday after the May Day holidays


@dataclass(frozen=True)
class Built:
    overdue_motion: int
    due_soon_motion: int
    open_matter: int
    passed: int
    emergency: int
    held_meeting: int
    next_meeting: int
    setup: Setup
    township: int  # 大峪街道: a Warm Home, none 示范
    cadre: int  # the disabled full-time leader


def build(db: Database) -> Built:
    record_rules(db, user="setup", rules_id="mentougou-2019", content=RULES.read_text("utf-8"))
    fed = build_federation(db)  # the 7th council, the associations, the party group
    setup = build_setup(db)  # the 7th presidium, current, with the working-day calendar
    overdue = assigned(db, setup, "关于无障碍设施改造的提案")  # due 2026-04-07
    soon = accepted(db, setup, "关于残疾人就业补贴的提案")
    assign_motion(
        db,
        user="clerk",
        motion_id=soon,
        expected_version=version(db, soon),
        units=[(setup.units["康复部"], "主办")],
        assigned_on=date(2026, 2, 13),
    )
    open_matter = new_matter(db, title="残疾人之家运营经费")
    passed = ready_matter(db, title="采购康复器材")  # its meeting: 2026-03-10, left 计划中
    discuss(db, fed, passed, present=COUNCIL)
    for task, due in (("签订合同", date(2026, 4, 30)), ("验收", date(2026, 5, 8))):
        add_follow_up(
            db,
            user="clerk",
            decision_id=passed,
            expected_version=version_of(db, passed),
            task=task,
            owner="办公室",
            due_on=due,
        )
    emergency = record_emergency(
        db,
        user="clerk",
        draft=DecisionDraft(title="寒潮应急取暖", category="重大决策", body="council", year=2026),
        decided_by="甲理事长",
        decided_on=date(2026, 1, 20),
        reason="寒潮预警",
    ).id
    held = plan_meeting(
        db, user="clerk", body=BodyKind.EXECUTIVE_COUNCIL, draft=MeetingDraft(date(2026, 4, 20))
    ).id
    save_meeting(
        db,
        user="clerk",
        meeting_id=held,
        expected_version=get_meeting(db, meeting_id=held).meeting.version,
        status="held",
    )
    upcoming = plan_meeting(
        db,
        user="clerk",
        body=BodyKind.EXECUTIVE_COUNCIL,
        draft=MeetingDraft(date(2026, 5, 20), place="会议室"),
    ).id
    township = add_record(
        db, user="clerk", draft=TownshipDraft(name="大峪街道", kind=TownshipKind.STREET)
    ).id
    add_record(db, user="clerk", draft=WarmHomeDraft(name="大峪温馨家园", township_id=township))
    cadre = add_record(
        db,
        user="clerk",
        draft=CadreDraft(
            name="周敏",
            employment=Employment.FULL_TIME,
            post="副理事长",
            leadership=True,
            disabled=True,
            disability_category=DisabilityCategory.PHYSICAL,
            started_on=date(2024, 1, 1),
        ),
    ).id
    return Built(
        overdue, soon, open_matter, passed, emergency, held, upcoming, setup, township, cadre
    )
