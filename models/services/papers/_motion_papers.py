"""Plain data for the motion papers (答复函, 交办单, 办理情况汇总表) built from the database."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from models.documents.papers.assignment_slip import AssignedUnit, AssignmentSlipData
from models.documents.papers.motion_form import MotionFormData
from models.documents.papers.motion_summary import FigureLine, MotionSummaryData, SummaryLine
from models.documents.papers.reply_letter import (
    AnsweredMotion,
    CoUnitOpinion,
    ReplyLetterData,
)
from models.domain.errors import DomainError
from models.domain.motion_statistics import MotionStatistics, grouped_statistics, percent
from models.domain.motion_texts import split_body
from models.domain.motion_workflow import STATE_NAMES, HandlingRole, MotionState
from models.domain.vocabulary import BodyKind, chinese_ordinal
from models.entities import Motion
from models.services.motions import _rules as dl
from models.services.motions._replies import LetterOf, letter_of
from models.services.motions._rows import figures_of, lead_assignment, motion_row, term_motions
from models.services.papers._common import (
    organisation_contact,
    organisation_name,
    today,
)
from models.services.papers._refusal import bad_arguments
from models.services.papers.contracts import PAPER_NAMES, PaperKind, ReplyLetterTarget
from models.services.people.terms import find_term
from models.store.unit_of_work import Database


def _motion(session: Session, motion_id: int | None, paper: PaperKind) -> Motion:
    if motion_id is None:
        raise bad_arguments(f"打印{PAPER_NAMES[paper]}需要指明提案（--motion ID）")
    motion = session.get(Motion, motion_id)
    if motion is None:
        raise DomainError("motion_not_found", motion_id=motion_id)
    return motion


# States whose motions get a 答复函 in a batch.
REPLIED = frozenset({MotionState.REPLIED, MotionState.CLOSED})


def reply_letter_data(db: Database, *, motion_id: int | None) -> ReplyLetterData:
    """The letter of the motion's latest reply (a joint letter: the lead's, to every proposer);
    refused while it has none."""
    rules, _calendar = dl.rules_and_calendar(db)
    classes = {c.code: c.text for c in rules.reply_classes}
    with db.session_factory() as session:
        motion = _motion(session, motion_id, PaperKind.REPLY)
        letter = letter_of(session, motion)
        if letter is None:
            raise bad_arguments(f"提案“{motion.title}”尚未答复，没有答复函")
        return _letter_data(db, letter, classes)


def _letter_data(db: Database, letter: LetterOf, classes: dict[str, str]) -> ReplyLetterData:
    reply, lead = letter.reply, letter.motions[0]
    assignment = lead_assignment(lead)
    return ReplyLetterData(
        motion_title=lead.title,
        motion_number=lead.number_text,
        proposers=tuple(m.proposer.name for m in letter.motions),
        text=reply.text,
        reply_class=reply.reply_class,
        class_text=classes.get(reply.reply_class, ""),
        unit=assignment.unit.name if assignment is not None else organisation_name(db),
        signed_on=reply.signed_on,
        document_number=reply.document_number,
        handler_name=reply.handler_name,
        handler_phone=reply.handler_phone,
        joined=tuple(AnsweredMotion(m.title, m.number_text) for m in letter.motions[1:]),
        co_unit_opinions=co_unit_opinions(lead, reply.co_unit_opinions),
    )


def _number_text(motion: Motion) -> str:
    return motion.number_text or str(motion.number or motion.id)


def _term_letters(session: Session, term: int | None) -> list[tuple[ReplyLetterTarget, LetterOf]]:
    """Every letter of the presidium term, from the term's motions read in one go: each replied
    or closed motion's latest reply, a joint letter once, in the order of numbers. A letter whose
    carrying reply lies outside the term is read as `letter_of` reads it."""
    _found, motions = term_motions(session, term)
    by_reply = {r.id: (m, r) for m in motions for r in m.replies}
    joined: dict[int, list[Motion]] = {}
    for m in motions:
        for r in m.replies:
            if r.joint_reply_id is not None:
                joined.setdefault(r.joint_reply_id, []).append(m)
    letters: dict[int, tuple[ReplyLetterTarget, LetterOf]] = {}
    for m in motions:
        if not m.replies or MotionState(m.state) not in REPLIED:
            continue
        latest = m.replies[-1]
        carrier = latest.joint_reply_id or latest.id
        if carrier in letters:
            continue
        if carrier in by_reply:
            lead, reply = by_reply[carrier]
            answered = (lead, *joined.get(carrier, []))
            letter = LetterOf(reply=reply, motions=answered)
        else:
            found = letter_of(session, m)
            assert found is not None  # m has a reply
            letter, answered = found, (m,)
        target = ReplyLetterTarget(m.id, "、".join(_number_text(a) for a in answered))
        letters[carrier] = (target, letter)
    return list(letters.values())


def term_letter_targets(db: Database, *, term: int | None) -> list[ReplyLetterTarget]:
    """The targets of `term_reply_letters` without building the letters."""
    with db.session_factory() as session:
        return [target for target, _letter in _term_letters(session, term)]


def term_reply_letters(
    db: Database, *, term: int | None
) -> list[tuple[ReplyLetterTarget, ReplyLetterData]]:
    """Every 答复函 of the presidium term with its data, as `queries.reply_letter_targets` lists them and
    `reply_letter_data` builds each: the term's motions, replies, units and proposers are read
    in a few queries for the whole batch, the rules once."""
    rules, _calendar = dl.rules_and_calendar(db)
    classes = {c.code: c.text for c in rules.reply_classes}
    with db.session_factory() as session:
        return [
            (target, _letter_data(db, letter, classes))
            for target, letter in _term_letters(session, term)
        ]


def co_unit_opinions(
    motion: Motion, on_reply: list[dict[str, Any]] | None
) -> tuple[CoUnitOpinion, ...]:
    """Each active co-unit's opinion as entered (协办单位意见…); then those typed with the reply
    for a unit that has none entered."""
    source = motion.lead_motion if motion.lead_motion is not None else motion
    entered = [
        CoUnitOpinion(a.unit.name, a.opinion_text, a.opinion_on, a.opinion_by)
        for a in source.assignments
        if a.active and a.role is HandlingRole.CO and a.opinion_text
    ]
    named = {o.unit for o in entered}
    typed = [
        CoUnitOpinion(str(item.get("unit", "")), str(item.get("text", "")))
        for item in on_reply or ()
        if item.get("text") and item.get("unit") not in named
    ]
    return (*entered, *typed)


def assignment_slip_data(db: Database, *, motion_id: int | None) -> AssignmentSlipData:
    """The active assignments (a merged motion: its lead's); refused before 交办."""
    organisation, contact = organisation_name(db), organisation_contact(db)
    with db.session_factory() as session:
        motion = _motion(session, motion_id, PaperKind.ASSIGNMENT_SLIP)
        source = motion.lead_motion if motion.lead_motion is not None else motion
        active = [a for a in source.assignments if a.active]
        if not active:
            raise bad_arguments(f"提案“{motion.title}”尚未交办，没有交办单")
        units = tuple(
            AssignedUnit(a.unit.name, a.role, a.assigned_on, a.due_on)
            for a in sorted(active, key=lambda a: (a.role is not HandlingRole.LEAD, a.id))
        )
        helpers = [u.due_on for u in units if u.role != HandlingRole.LEAD]
        return AssignmentSlipData(
            organisation=organisation,
            motion_title=motion.title,
            motion_number=motion.number_text,
            proposer=motion.proposer.name,
            co_signers=tuple(c.person.name for c in motion.co_signers),
            category=motion.category,
            submitted_on=motion.submitted_on,
            units=units,
            co_unit_due=min(helpers) if helpers else None,
            on=units[0].assigned_on,
            contact=contact,
        )


def _figure_line(unit: str, stats: MotionStatistics) -> FigureLine:
    shares = "、".join(f"{code} {percent(share)}" for code, share in stats.class_shares.items())
    return FigureLine(
        unit=unit,
        numbered=stats.numbered,
        replied=stats.replied,
        reply_rate=percent(stats.reply_rate),
        on_time_rate=percent(stats.on_time_rate),
        contact_rate=percent(stats.contact_rate),
        class_shares=shares or "—",
        attitude_rate=percent(stats.attitude.rate),
        result_rate=percent(stats.result.rate),
        total=stats.total,
    )


def motion_summary_data(db: Database, *, term: int | None) -> MotionSummaryData:
    """Every numbered motion of the presidium term, and the figures by 主办单位, by category and
    by state, each with a 合计 (件数 counts every motion of the term, the rates the numbered)."""
    organisation = organisation_name(db)
    day = today()
    with db.session_factory() as session:
        found, motions = term_motions(session, term)
        numbered = [m for m in motions if m.number is not None]
        lines: list[SummaryLine] = []
        figures = [figures_of(m) for m in motions]
        for motion in numbered:
            fig = figures_of(motion)
            row = motion_row(motion, day)
            feedback = motion.feedbacks[-1] if motion.feedbacks else None
            result = ""
            if feedback is not None:
                result = feedback.result + ("（逾期未反馈）" if feedback.timed_out else "")
            lines.append(
                SummaryLine(
                    number=motion.number_text or str(motion.number),
                    title=motion.title,
                    proposer=motion.proposer.name,
                    unit=row.lead_unit or "",
                    category=motion.category or "",
                    state=STATE_NAMES[row.state],
                    reply_class=fig.reply_class or "",
                    attitude=(feedback.attitude or "") if feedback is not None else "",
                    result=result,
                    overdue=row.is_overdue,
                    contacted=fig.contacted_before_reply,
                )
            )
        term = found.ordinal
    grouped = grouped_statistics(figures)
    total = _figure_line("合计", grouped.overall)
    # By unit and category, a group with nothing numbered (motions still in review) is left out.
    lines_by_unit = [
        _figure_line(unit or "（未交办）", stats)
        for unit, stats in grouped.by_unit.items()
        if stats.numbered
    ]
    by_category = [
        _figure_line(name or "（未分类）", stats)
        for name, stats in grouped.by_category.items()
        if stats.numbered
    ]
    by_state = [_figure_line(STATE_NAMES[s], stats) for s, stats in grouped.by_state.items()]
    term_name = f"第{chinese_ordinal(term)}届主席团" if term else "主席团"
    return MotionSummaryData(
        organisation=organisation,
        term_name=term_name,
        lines=tuple(lines),
        figures=(*lines_by_unit, total),
        on=day,
        timeouts=grouped.overall.result.timeouts,
        by_category=(*by_category, total),
        by_state=(*by_state, total),
    )


def _term_name(ordinal: int | None) -> str:
    return f"第{chinese_ordinal(ordinal)}届主席团" if ordinal else "主席团"


def motion_form_data(db: Database, *, motion_id: int | None) -> MotionFormData:
    """The motion as submitted; its one stored body split back into 案由, 理由 and 办法和建议."""
    organisation = organisation_name(db)
    with db.session_factory() as session:
        motion = _motion(session, motion_id, PaperKind.MOTION_FORM)
        texts = split_body(motion.body_text or "")
        return MotionFormData(
            organisation=organisation,
            term_name=_term_name(motion.term.ordinal),
            motion_number=motion.number_text,
            title=motion.title,
            proposer=motion.proposer.name,
            co_signers=tuple(c.person.name for c in motion.co_signers),
            category=motion.category,
            cause=texts.cause or None,
            reasons=texts.reasons or None,
            proposals=texts.proposals or None,
            submitted_on=motion.submitted_on,
        )


def blank_motion_form_names(db: Database, *, term: int | None) -> tuple[str, str]:
    """(organisation, 第八届主席团) for the blank form: the presidium term given, else current."""
    organisation = organisation_name(db)
    with db.session_factory() as session:
        found = find_term(session, BodyKind.PRESIDIUM, None, term)
        return organisation, _term_name(found.ordinal)
