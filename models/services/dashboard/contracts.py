"""What the 改革落实情况 dashboard shows: today's list, the rule groups with their results and
shortfalls, and the chart figures. Plain data: the window imports it before the database opens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from models.domain.composition import Status
from models.domain.errors import Level
from models.domain.vocabulary import BodyKind
from models.services.organisation.contracts import Register


class TargetKind(StrEnum):
    """What a click opens."""

    MOTION = "motion"  # the motion list, with `id` selected
    DECISION = "decision"  # the decision's record
    MEETING = "meeting"  # the meeting editor (`id`, of `body`'s term `term_id`)
    SLATE = "slate"  # the slate editor of `body`'s term `term_id`
    MOTION_STATISTICS = "motion_statistics"  # the motion list's statistics
    ASSOCIATION_REPORT = "association_report"  # the associations' attendance of `year`
    REGISTER = "register"  # an organisation register (`register`), record `id` if any
    RULE = "rule"  # a rule of the dashboard itself (`rule_id`)


@dataclass(frozen=True)
class Target:
    kind: TargetKind
    id: int | None = None
    body: BodyKind | None = None
    term_id: int | None = None
    year: int | None = None
    register: Register | None = None
    rule_id: str | None = None  # "<group key>:<rule id>": slate rule ids recur per term


class ItemKind(StrEnum):
    MOTION_OVERDUE = "motion_overdue"
    MOTION_DUE_SOON = "motion_due_soon"
    DECISION_STEPS = "decision_steps"  # a matter's open procedure steps
    FOLLOW_UP_OVERDUE = "follow_up_overdue"
    FOLLOW_UP_DUE_SOON = "follow_up_due_soon"
    EMERGENCY_UNREPORTED = "emergency_unreported"
    MEETING_NEXT = "meeting_next"  # the body's next meeting and what it still lacks
    MEETING_UNRECORDED = "meeting_unrecorded"  # its day has passed, still 计划中
    MINUTES_DRAFT = "minutes_draft"  # held, minutes not finalised
    RULE_FAILING = "rule_failing"


ITEM_KIND_NAMES: dict[ItemKind, str] = {
    ItemKind.MOTION_OVERDUE: "提案逾期",
    ItemKind.MOTION_DUE_SOON: "提案即将到期",
    ItemKind.DECISION_STEPS: "三重一大程序未完成",
    ItemKind.FOLLOW_UP_OVERDUE: "三重一大跟进逾期",
    ItemKind.FOLLOW_UP_DUE_SOON: "三重一大跟进即将到期",
    ItemKind.EMERGENCY_UNREPORTED: "紧急处置未报告",
    ItemKind.MEETING_NEXT: "下次会议",
    ItemKind.MEETING_UNRECORDED: "会议未记录",
    ItemKind.MINUTES_DRAFT: "纪要未定稿",
    ItemKind.RULE_FAILING: "规则未达标",
}


@dataclass(frozen=True)
class TodayItem:
    kind: ItemKind
    text: str  # one Chinese line
    due: date | None
    target: Target

    @property
    def kind_name(self) -> str:
        return ITEM_KIND_NAMES[self.kind]


@dataclass(frozen=True)
class TodayList:
    on: date
    items: tuple[TodayItem, ...]


@dataclass(frozen=True)
class Shortfall:
    """One thing that makes a rule fail (or warn), and where it is fixed."""

    text: str
    target: Target | None


@dataclass(frozen=True)
class ReformResult:
    id: str
    label: str
    level: Level
    status: Status
    figure: str  # the figure in words: 75.0%（150/200），至少 140 人
    message: str
    shortfalls: tuple[Shortfall, ...] = ()
    target: Target | None = None  # where the rule as a whole is worked on
    has_target: bool = True  # False: a figure the rules file sets no target for (shown only)


@dataclass(frozen=True)
class ResultGroup:
    key: str  # slates.congress.8, motions, associations, decisions, organisation
    title: str
    results: tuple[ReformResult, ...]
    note: str = ""  # why a group is empty or its figures have no target


@dataclass(frozen=True)
class ChartBar:
    label: str
    count: int
    total: int  # what the count is a share of (the chart's scale); 0: no figure
    required: int | None  # the minimum, drawn as a mark; None: none
    text: str  # the figure in words, at the bar's end


@dataclass(frozen=True)
class ChartData:
    key: str
    title: str
    bars: tuple[ChartBar, ...]


@dataclass(frozen=True)
class ReformOverview:
    year: int
    groups: tuple[ResultGroup, ...]
    charts: tuple[ChartData, ...] = ()

    def results(self) -> tuple[ReformResult, ...]:
        return tuple(r for g in self.groups for r in g.results)


STATUS_NAMES: dict[str, str] = {
    "pass": "达标",
    "warn": "提醒",
    "fail": "未达标",
    "skipped": "不适用",
}
