"""The members of a presidium term a proposer or co-signer is chosen from, found by name or
pinyin (`people.queries.search_condition`), and one value (name, pinyin or 人员编号) resolved."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.domain.errors import DomainError
from models.domain.motion_texts import split_body
from models.entities import Membership, Motion, Person, Term
from models.services.motions.contracts import MemberChoice, MotionDraft
from models.services.people.queries import search_condition


def term_members(session: Session, term: Term, text: str = "") -> list[MemberChoice]:
    """Serving members of `term` (no end date), by pinyin; `text` narrows by name or pinyin."""
    query = (
        select(
            Person.id,
            Person.name,
            Membership.position,
            Person.pinyin_full,
            Person.pinyin_initials,
        )
        .join(Membership, Membership.person_id == Person.id)
        .where(Membership.term_id == term.id, Membership.end_date.is_(None))
        .order_by(Person.pinyin_sort, Person.id)
    )
    if text.strip():
        query = query.where(search_condition(text))
    return [
        MemberChoice(
            person_id=pid, name=name, position=str(position), pinyin_full=full, pinyin_initials=ini
        )
        for pid, name, position, full, ini in session.execute(query)
    ]


def resolve_member(session: Session, term: Term, value: str, *, field: str) -> int:
    """The person id a clerk's value names: a 人员编号, an exact name, else one pinyin match.
    Two members with that name (or pinyin) are refused, naming both."""
    text = value.strip()
    members = term_members(session, term)
    if text.isdigit():
        for m in members:
            if m.person_id == int(text):
                return m.person_id
    exact = [m for m in members if m.name == text]
    found = exact or (term_members(session, term, text) if text else [])
    if len(found) == 1:
        return found[0].person_id
    if not found:
        raise DomainError("member_not_found", field=field, value=text, term=term.ordinal)
    raise DomainError(
        "proposer_ambiguous",
        field=field,
        value=text,
        names="、".join(f"{m.name}（人员编号 {m.person_id}）" for m in found),
    )


def draft_of(motion: Motion) -> MotionDraft:
    """The motion as the 编辑 form starts from: its people by id and its three texts."""
    texts = split_body(motion.body_text)
    return MotionDraft(
        title=motion.title,
        proposer_id=motion.proposer_id,
        co_signer_ids=tuple(c.person_id for c in motion.co_signers),
        category=motion.category,
        submitted_on=motion.submitted_on,
        cause=texts.cause,
        reasons=texts.reasons,
        proposals=texts.proposals,
    )
