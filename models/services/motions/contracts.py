"""What the motions feature hands out and takes in: frozen rows, drafts, results and their enums.

Plain data only (no SQLAlchemy, no store, no Qt), so the 提案 windows may import it at start-up.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from models.domain.errors import DomainError
from models.domain.motion_workflow import HandlingRole, MotionAction, MotionState

# Actions `advance_motion` takes; the others carry data and have their own command.
SIMPLE_ACTIONS = frozenset(
    {
        MotionAction.SUBMIT,
        MotionAction.WITHDRAW,
        MotionAction.START_REVIEW,
        MotionAction.RETURN_FOR_REVISION,
        MotionAction.RESUBMIT,
        MotionAction.REJECT,
        MotionAction.START_HANDLING,
    }
)


# ---------------------------------------------------------------- motions


@dataclass(frozen=True)
class MotionDraft:
    """A motion as the clerk enters it: 案由, 理由 and 办法和建议 are separate texts (stored as one
    body with their headings, `compose_body`); `body_text` alone is the older single text."""

    title: str
    proposer_id: int
    body_text: str = ""
    co_signer_ids: tuple[int, ...] = ()
    category: str | None = None
    submitted_on: date | None = None  # 收到日期
    cause: str = ""  # 案由
    reasons: str = ""  # 理由
    proposals: str = ""  # 办法和建议


@dataclass(frozen=True)
class MemberChoice:
    """A member of a presidium term a proposer or co-signer can be chosen from."""

    person_id: int
    name: str
    position: str
    pinyin_full: str = ""  # space-separated readings (search_keys)
    pinyin_initials: str = ""

    def matches(self, text: str) -> bool:
        """The window's filter: a part of the name, of the full pinyin, or of the initials."""
        t = text.strip().lower().replace(" ", "")
        if not t:
            return True
        keys = (self.name, *self.pinyin_full.split(), *self.pinyin_initials.split())
        return any(t in k.lower() for k in keys)


@dataclass(frozen=True)
class MotionRow:
    id: int
    version: int
    term: int | None  # the presidium's 届次
    number: int | None
    number_text: str | None
    title: str
    proposer: str
    category: str | None
    state: MotionState
    lead_motion_id: int | None
    lead_unit: str | None
    deadline: date | None
    is_overdue: bool
    co_signers: tuple[str, ...] = ()  # 附议人, in their order


@dataclass(frozen=True)
class StateChangeRow:
    at: datetime
    by: str
    action: str
    from_state: MotionState | None
    to_state: MotionState
    reason: str | None


@dataclass(frozen=True)
class MotionDetail:
    row: MotionRow
    body_text: str
    category: str | None
    submitted_on: date | None
    co_signers: tuple[str, ...]
    # unit, role, assigned, due, active
    assignments: tuple[tuple[str, HandlingRole, date, date, bool], ...]
    replies: tuple[tuple[str, str | None, str, date], ...]  # class, 发文字号, signer, sent
    feedback: tuple[tuple[str | None, str, bool], ...]  # attitude, result, timed out
    contacts: tuple[tuple[date, str, str | None, str], ...]  # date, method, note, recorded by
    history: tuple[StateChangeRow, ...]


# ---------------------------------------------------------------- replies


class ReplyMode(StrEnum):
    """How a lead motion's reply answers its merged motions (并案)."""

    JOINT = "joint"  # 联合答复: one letter, one 发文字号, every proposer
    SEPARATE = "separate"  # a letter each, each with its own 发文字号


@dataclass(frozen=True)
class ReplyDraft:
    reply_class: str
    text: str
    signer: str
    signed_on: date
    sent_on: date
    document_number: str | None = None  # 发文字号, e.g. 门残联函〔2026〕12号
    handler_name: str | None = None
    handler_phone: str | None = None
    co_unit_opinions: tuple[tuple[str, str], ...] = ()  # (unit, opinion)
    # Only with merged motions: JOINT, or SEPARATE with each follower's 发文字号 by its motion id
    # (a follower left out gets none; a joint letter has the lead's number and ignores these).
    mode: ReplyMode = ReplyMode.JOINT
    follower_numbers: tuple[tuple[int, str | None], ...] = ()


@dataclass(frozen=True)
class LetterSummary:
    """For the detail view: the letter of a motion's latest reply."""

    joint: bool
    document_number: str | None
    lead_number: str | None  # the lead motion's 第…号, whose reply carries the letter
    numbers: tuple[str, ...]  # every motion the letter answers


@dataclass(frozen=True)
class DueCounts:
    overdue: int
    due_soon: int


# ---------------------------------------------------------------- handling units

UNIT_KINDS = ("internal", "external")
NAME_LIMIT = 100  # handling_unit.name is a VARCHAR(100); a test holds the two together
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class HandlingUnitRow:
    id: int
    name: str
    kind: str  # internal | external
    sort_order: int
    active: bool
    open_motions: int  # motions not yet closed that the unit currently handles
    motions: int  # every motion ever assigned to it, 退办 and closed ones included
    version: int  # the version a change of the unit expects (stale: refused)

    @property
    def is_used(self) -> bool:
        return self.motions > 0


def name_key(name: str) -> str:
    """What makes two names the same unit: 'ＸＸ 局' and 'xx局' are one (width, case, spaces)."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", name)).casefold()


def check_name(name: str, others: Iterable[tuple[str, bool]]) -> str:
    """The trimmed name, refused when empty, too long or the same as one of `others` (name, active).

    Plain data in, so the dialog can say the same thing inline while the clerk types.
    """
    text = (name or "").strip()
    if not text:
        raise DomainError("handling_unit_name_blank", field="name")
    if len(text) > NAME_LIMIT:
        raise DomainError("text_too_long", field="name", label="承办单位名称", limit=NAME_LIMIT)
    key = name_key(text)
    for other, active in others:
        if name_key(other) == key:
            code = "handling_unit_name_taken" if active else "handling_unit_name_inactive"
            raise DomainError(code, field="name", name=text, existing=other)
    return text


# ---------------------------------------------------------------- working-day calendar

WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass(frozen=True)
class CalendarYear:
    """One year's special days; `note` is the comment above its table (the notice it follows)."""

    year: int
    holidays: tuple[date, ...] = ()
    make_up_days: tuple[date, ...] = ()
    note: str = ""

    def same_days(self, other: CalendarYear) -> bool:
        return (self.holidays, self.make_up_days) == (other.holidays, other.make_up_days)
