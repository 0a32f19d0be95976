"""The plain data of 三重一大 decisions: drafts the forms submit, rows and details the windows show.

No SQLAlchemy and no Qt here, so the window may import this module before its first paint.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from models.domain.decision_rules import DecisionCategory, DecisionRules, StepTiming
from models.domain.major_decision import DecisionAction, DecisionResult, DecisionState, ItemPresence
from models.domain.vocabulary import BodyKind

# --- drafts ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionDraft:
    title: str
    category: str  # DecisionCategory value: 重大决策 …
    body: str  # council | party_group
    year: int
    amount_yuan: int | None = None
    background: str = ""


@dataclass(frozen=True)
class ParticipantDraft:
    person_id: int
    presence: str  # 出席 | 缺席 | 回避
    recusal_reason: str | None = None


@dataclass(frozen=True)
class PositionDraft:
    person_id: int
    stance: str  # 同意 | 不同意 | 缓议
    remarks: str | None = None
    reserved_opinion: bool = False


@dataclass(frozen=True)
class DiscussionDraft:
    participants: Sequence[ParticipantDraft]
    positions: Sequence[PositionDraft]  # in speaking order
    presiding_id: int | None = None
    leader_id: int | None = None
    deferred: bool = False  # 暂缓表决: the meeting defers; positions may be left out
    note: str | None = None


# --- what the discussion form starts from --------------------------------------------------------


@dataclass(frozen=True)
class RosterLine:
    person_id: int
    name: str
    post: str
    presence: ItemPresence  # proposed from the meeting's attendance


@dataclass(frozen=True)
class DiscussionRoster:
    """The body's members on the meeting date."""

    meeting_id: int
    meeting_date: date
    lines: tuple[RosterLine, ...]
    leader_id: int | None  # 党组书记 or 理事长
    presiding_id: int | None  # the meeting's host


@dataclass(frozen=True)
class DiscussionWorkbench:
    """Everything the discussion form needs, read in one go: the roster and the rules in force."""

    roster: DiscussionRoster
    rules: DecisionRules


@dataclass(frozen=True)
class MeetingChoice:
    """A meeting of the deciding body a matter may be put on, or an emergency reported to."""

    id: int
    meeting_date: date
    title: str


@dataclass(frozen=True)
class AttachmentFile:
    """An attached file as it was added: original name and bytes (checked against the hash)."""

    filename: str
    content: bytes


# --- the register and the record ------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionRow:
    id: int
    version: int
    year: int
    title: str
    category: DecisionCategory
    amount_yuan: int | None
    body: BodyKind
    body_name: str
    state: DecisionState
    state_name: str
    result: DecisionResult | None
    missing_steps: tuple[str, ...]  # gates, and after-steps once passed
    warnings: tuple[str, ...]  # recommended steps missing
    meeting: str | None  # the meeting it is on the agenda of, or was decided at
    meeting_date: date | None
    attendance: str | None  # 应到7人，回避1人，按6人计，实到5人 of the latest discussion


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    filename: str
    sha256: str
    size: int
    added_at: datetime
    added_by: str


@dataclass(frozen=True)
class StepRow:
    kind: str
    timing: StepTiming
    timing_name: str
    required: bool
    recorded: bool
    done_on: date | None
    participants: str | None
    summary: str | None
    not_applicable: bool
    na_reason: str | None
    na_accepted_by: str | None
    attachments: tuple[AttachmentRow, ...]

    @property
    def settled(self) -> bool:
        return self.done_on is not None or self.not_applicable


@dataclass(frozen=True)
class ParticipantRow:
    person_id: int
    name: str
    presence: str  # 出席 | 缺席 | 回避
    recusal_reason: str | None


@dataclass(frozen=True)
class PositionRow:
    order: int
    person_id: int
    name: str
    stance: str
    remarks: str | None
    reserved_opinion: bool


@dataclass(frozen=True)
class DiscussionRow:
    round: int
    meeting_id: int
    meeting: str
    meeting_date: date
    agenda_item: str
    presiding: str | None
    leader: str | None
    members: int
    recused: int
    present: int
    attendance: str
    agree: int
    disagree: int
    defer: int
    result: DecisionResult
    note: str | None
    participants: tuple[ParticipantRow, ...]
    positions: tuple[PositionRow, ...]


@dataclass(frozen=True)
class ReopeningRow:
    requested_by: str
    requested_on: date
    agree: int
    members: int
    passed: bool
    reason: str | None


@dataclass(frozen=True)
class FollowUpRow:
    id: int
    task: str
    owner: str
    due_on: date | None
    progress: str | None
    done_on: date | None


@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    by: str
    action: str  # 列入议程
    from_state: str | None
    to_state: str
    reason: str | None


@dataclass(frozen=True)
class DecisionDetail:
    row: DecisionRow
    background: str
    steps: tuple[StepRow, ...]
    discussions: tuple[DiscussionRow, ...]
    reopenings: tuple[ReopeningRow, ...]
    follow_ups: tuple[FollowUpRow, ...]
    history: tuple[HistoryRow, ...]
    agenda_meeting_id: int | None
    placed_on_agenda_on: date | None
    emergency_by: str | None
    emergency_on: date | None
    emergency_reason: str | None
    completed_on: date | None
    allowed: tuple[DecisionAction, ...]

    @property
    def id(self) -> int:
        return self.row.id

    @property
    def version(self) -> int:
        return self.row.version
