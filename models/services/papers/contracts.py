"""What can be printed, in which formats, and what a print request and a batch of letters say."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from models.domain.errors import DomainError
from models.domain.vocabulary import BodyKind


class PaperKind(StrEnum):
    """The papers, by the names `yishi print` takes."""

    MINUTES = "minutes"
    SIGNIN = "signin"
    SLATE = "slate"
    COMPOSITION = "composition"
    ASSOCIATION_ATTENDANCE = "association-attendance"
    REPLY = "reply"
    ASSIGNMENT_SLIP = "assignment-slip"
    MOTION_SUMMARY = "motion-summary"
    DECISION = "decision"
    DECISION_REGISTER = "decision-register"
    MOTION_FORM = "motion-form"
    REFORM_REPORT = "reform-report"

    @property
    def formats(self) -> tuple[PaperFormat, ...]:
        """pdf and docx; the 汇总表 and the 三重一大 台账 also xlsx."""
        return (*FORMATS, PaperFormat.XLSX) if self in XLSX_PAPERS else FORMATS


class PaperFormat(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"


PAPERS = tuple(PaperKind)
PAPER_NAMES: dict[PaperKind, str] = {
    PaperKind.MINUTES: "会议纪要",
    PaperKind.SIGNIN: "签到表",
    PaperKind.SLATE: "代表名单",
    PaperKind.COMPOSITION: "代表构成情况统计表",
    PaperKind.ASSOCIATION_ATTENDANCE: "专门协会列席情况统计表",
    PaperKind.REPLY: "提案答复函",
    PaperKind.ASSIGNMENT_SLIP: "提案交办单",
    PaperKind.MOTION_SUMMARY: "提案办理情况汇总表",
    PaperKind.DECISION: "三重一大事项决策记录表",
    PaperKind.DECISION_REGISTER: "三重一大事项年度台账",
    PaperKind.MOTION_FORM: "提案表",
    PaperKind.REFORM_REPORT: "年度改革方案落实情况报告",
}
FORMATS = (PaperFormat.PDF, PaperFormat.DOCX)
# Papers that can also be written as a workbook.
XLSX_PAPERS = frozenset({PaperKind.MOTION_SUMMARY, PaperKind.DECISION_REGISTER})
# Papers that print ID numbers: only these can be asked for them whole (and that is logged).
WITH_IDENTIFIERS = frozenset({PaperKind.SLATE})


@dataclass(frozen=True)
class PaperRequest:
    """Which paper, of what: minutes and signin take `meeting_id`; slate and composition `body`
    and `term` (the 届次, else the current one; slate also `public` or `identifiers_whole`);
    association-attendance and decision-register `year`; reply and assignment-slip `motion_id`;
    motion-summary `term` (the presidium's); decision `decision_id`; motion-form `motion_id`, or
    `blank` (the empty form of the presidium `term`); reform-report `year`."""

    paper: PaperKind
    meeting_id: int | None = None
    body: BodyKind | None = None
    term: int | None = None
    year: int | None = None
    public: bool = False
    identifiers_whole: bool = False
    motion_id: int | None = None
    decision_id: int | None = None
    blank: bool = False

    @property
    def reveals_identifiers(self) -> bool:
        """Whole ID numbers on a paper that has them: printed only with a logged request."""
        return self.identifiers_whole and not self.public and self.paper in WITH_IDENTIFIERS


class ReplyLetterTarget(NamedTuple):
    """One 答复函 to write: a motion it answers, and the numbers of all it answers (第1号、第5号)."""

    motion_id: int
    number_text: str


@dataclass(frozen=True)
class ReplyLetters:
    """What a batch of 答复函 wrote: the files, the warnings (第5号：…), the letters that could
    not be written with the reason, and whether the clerk stopped it before the end."""

    files: tuple[Path, ...]
    total: int
    warnings: tuple[str, ...] = ()
    failures: tuple[tuple[str, DomainError], ...] = ()
    cancelled: bool = False
