"""Reads for printing: which paper a name means, the format of a file, a paper as it will print,
and the 答复函 a term has to print. Nothing here writes."""

from __future__ import annotations

from pathlib import Path

from models.documents.paper import Paper
from models.documents.papers.reply_letter import reply_letter_paper
from models.services.papers._motion_papers import (
    assignment_slip_data,
    blank_motion_form_names,
    motion_form_data,
    motion_summary_data,
    reply_letter_data,
    term_letter_targets,
)
from models.services.papers._refusal import bad_arguments
from models.services.papers.contracts import (
    FORMATS,
    PAPERS,
    PaperFormat,
    PaperKind,
    PaperRequest,
    ReplyLetterTarget,
)
from models.store.unit_of_work import Database


def paper_kind(name: str) -> PaperKind:
    """The paper a name (as `yishi print` takes it) means; an unknown name is refused."""
    try:
        return PaperKind(name)
    except ValueError:
        raise bad_arguments(f"未知的文书“{name}”，可选：{'、'.join(PAPERS)}") from None


def parse_format(text: str, *, paper: PaperKind | None = None) -> PaperFormat:
    """pdf or docx (some papers also xlsx), in any case; anything else is refused."""
    formats = paper.formats if paper is not None else FORMATS
    fmt = text.strip().lower()
    if fmt not in formats:
        raise bad_arguments(f"格式只能是 {' 或 '.join(formats)}，而不是“{fmt}”")
    return PaperFormat(fmt)


def resolve_format(path: Path, fmt: str | None, *, paper: PaperKind | None = None) -> PaperFormat:
    """The format asked for, else the file's extension; both given and different is refused."""
    formats = paper.formats if paper is not None else FORMATS
    suffix = Path(path).suffix.lower().lstrip(".")
    from_name = suffix if suffix in formats else None
    if fmt is not None:
        chosen = parse_format(fmt, paper=paper)
        if from_name is not None and from_name != chosen:
            raise bad_arguments(f"--format {chosen} 与文件扩展名 .{suffix} 不一致")
        return chosen
    if from_name is None:
        raise bad_arguments(
            f"无法从文件名 {Path(path).name} 判断格式：请用 .pdf 或 .docx，或加 --format"
        )
    return PaperFormat(from_name)


def build_paper(db: Database, *, request: PaperRequest) -> Paper:
    """The paper as it will print, ID numbers masked (public: none at all)."""
    # The other features' papers are imported when asked for: a batch of letters needs none.
    from models.documents.papers.assignment_slip import assignment_slip_paper
    from models.documents.papers.association_attendance import association_attendance_paper
    from models.documents.papers.decision_record import decision_record_paper
    from models.documents.papers.decision_register import decision_register_paper
    from models.documents.papers.minutes import minutes_paper
    from models.documents.papers.motion_form import blank_motion_form_paper, motion_form_paper
    from models.documents.papers.motion_summary import motion_summary_paper
    from models.documents.papers.reform_report import reform_report_paper
    from models.documents.papers.signin import signin_paper
    from models.services.papers._decision_papers import (
        decision_record_data,
        decision_register_data,
    )
    from models.services.papers._meeting_papers import (
        association_attendance_data,
        minutes_data,
        signin_data,
    )
    from models.services.papers._reform_papers import reform_report_data
    from models.services.papers._slate_papers import composition_paper_of, slate_paper

    r = request
    if r.paper is PaperKind.MINUTES:
        return minutes_paper(minutes_data(db, meeting_id=r.meeting_id))
    if r.paper is PaperKind.SIGNIN:
        return signin_paper(signin_data(db, meeting_id=r.meeting_id))
    if r.paper is PaperKind.SLATE:
        return slate_paper(db, body=r.body, term=r.term, public=r.public)[0]
    if r.paper is PaperKind.COMPOSITION:
        return composition_paper_of(db, body=r.body, term=r.term)
    if r.paper is PaperKind.ASSOCIATION_ATTENDANCE:
        return association_attendance_paper(association_attendance_data(db, year=r.year))
    if r.paper is PaperKind.REPLY:
        return reply_letter_paper(reply_letter_data(db, motion_id=r.motion_id))
    if r.paper is PaperKind.ASSIGNMENT_SLIP:
        return assignment_slip_paper(assignment_slip_data(db, motion_id=r.motion_id))
    if r.paper is PaperKind.MOTION_SUMMARY:
        return motion_summary_paper(motion_summary_data(db, term=r.term))
    if r.paper is PaperKind.MOTION_FORM:
        if r.blank:
            return blank_motion_form_paper(*blank_motion_form_names(db, term=r.term))
        return motion_form_paper(motion_form_data(db, motion_id=r.motion_id))
    if r.paper is PaperKind.DECISION:
        return decision_record_paper(decision_record_data(db, decision_id=r.decision_id))
    if r.paper is PaperKind.REFORM_REPORT:
        return reform_report_paper(reform_report_data(db, year=r.year))
    return decision_register_paper(decision_register_data(db, year=r.year))


def paper_title(db: Database, *, request: PaperRequest) -> str:
    """The paper's title, e.g. for a suggested file name."""
    return build_paper(db, request=request).title


def reply_letter_targets(db: Database, *, term: int | None) -> list[ReplyLetterTarget]:
    """One target per letter to print: each replied or closed motion's latest reply, a joint
    letter once, named by every motion it answers (第1号、第5号), in the order of numbers."""
    return term_letter_targets(db, term=term)
