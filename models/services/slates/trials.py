"""Saving the slate editor's what-if trial of a draft term as one change, its check beside it.

Candidates left out become 候补: they stay on record and a later trial can bring them back;
reserves brought in become 候选. The trial was worked out on the slate the editor loaded, so each
of its memberships must still hold the version the editor saw, and none may have joined since;
otherwise the trial is stale and nothing is written. The change log gets one row for the term
with the names (never ID numbers), the reason and every rule's status on the resulting slate.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload
from sqlalchemy.orm.exc import StaleDataError

from models.domain.composition import check_slate
from models.domain.errors import DomainError
from models.domain.vocabulary import (
    BodyKind,
    MembershipStatus,
    TermStatus,
    body_display_name,
    term_display_name,
)
from models.entities import Membership, Term
from models.services.common.access import guarded
from models.services.common.versioning import stale_error
from models.services.slates._records import records_of_term
from models.services.slates.contracts import ON_SLATE, SavedTrial
from models.services.slates.queries import (
    TRIAL_ACTION,
    latest_trial,
    load_term_slate,
    rules_in_force,
)
from models.store.unit_of_work import Database

REASON_LIMIT = 500
_STATUS_WORDS = {TermStatus.CURRENT: "已是现任届次", TermStatus.PAST: "已是往届"}
# Who the editor loads: the slate and its reserves.
_LOADED = (*ON_SLATE, MembershipStatus.RESERVE)


@guarded("slates.apply_trial")
def apply_trial(
    db: Database,
    *,
    user: str,
    term_id: int,
    left_out: Collection[int],
    brought_in: Collection[int],
    reason: str,
    expected_versions: Mapping[int, int],
) -> SavedTrial:
    """`left_out`: candidates' membership ids; `brought_in`: reserves'; `expected_versions`: the
    version of every membership of the slate and its reserves as the editor loaded them."""
    text = (reason or "").strip()
    if not text:
        raise DomainError("trial_reason_required", field="reason")
    if len(text) > REASON_LIMIT:
        raise DomainError("text_too_long", field="reason", label="调整理由", limit=REASON_LIMIT)
    out_ids, in_ids = set(left_out), set(brought_in)
    if not out_ids and not in_ids:
        raise DomainError("trial_empty")
    kind, ordinal = _kind_of_term(db, term_id)
    rules = rules_in_force(db)
    # The previous term and the congress's delegates, which the check compares with: the trial
    # changes neither.
    context = load_term_slate(db, kind=kind, term=ordinal)
    with db.unit_of_work(user) as uow, _stale_at_flush(db, expected_versions):
        session = uow.session
        term = session.get(Term, term_id, options=[joinedload(Term.body)])
        if term is None:
            raise DomainError("term_not_found", field="term", body="", term=str(term_id))
        names = {
            "body": body_display_name(term.body.kind, term.body.association),
            "term": term_display_name(term.ordinal),
        }
        if term.status is not TermStatus.DRAFT:
            raise DomainError("trial_term_not_draft", status=_STATUS_WORDS[term.status], **names)
        loaded = {
            m.id: m
            for m in session.scalars(
                select(Membership)
                .where(Membership.term_id == term_id, Membership.status.in_(_LOADED))
                .options(selectinload(Membership.person))
            )
        }
        _refuse_stale(session, loaded, expected_versions)
        left = _chosen(loaded, out_ids, MembershipStatus.CANDIDATE, "trial_not_candidate", names)
        brought = _chosen(loaded, in_ids, MembershipStatus.RESERVE, "trial_not_reserve", names)
        for membership in left:
            membership.status = MembershipStatus.RESERVE
        for membership in brought:
            membership.status = MembershipStatus.CANDIDATE
        session.flush()
        people = records_of_term(session, term_id, ON_SLATE)
        report = check_slate(
            people,
            rules,
            kind.value,
            previous=context.previous,
            delegates_ids=context.delegate_ids,
        )
        after: dict[str, Any] = {
            "left_out": [m.person.name for m in left],
            "brought_in": [m.person.name for m in brought],
            "total": len(people),
            "rules_id": rules.id,
            "rules": [
                {
                    "id": r.id,
                    "level": r.level.value,
                    "status": r.status,
                    "count": r.count,
                    "total": r.total,
                }
                for r in report.results
            ],
        }
        uow.log(action=TRIAL_ACTION, entity="term", entity_id=term_id, after=after, note=text)
        # The entry joins the change log's chain as the transaction commits, not before.
        uow.commit()
        saved = latest_trial(session, term_id)
    assert saved is not None  # written just above
    return saved


def _kind_of_term(db: Database, term_id: int) -> tuple[BodyKind, int | None]:
    with db.session_factory() as session:
        term = session.get(Term, term_id, options=[joinedload(Term.body)])
        if term is None:
            raise DomainError("term_not_found", field="term", body="", term=str(term_id))
        return term.body.kind, term.ordinal


def _chosen(
    loaded: Mapping[int, Membership],
    ids: set[int],
    status: MembershipStatus,
    code: str,
    names: Mapping[str, str],
) -> list[Membership]:
    """The memberships of `ids`, each of which must hold `status`; in the slate's order."""
    chosen = []
    for membership_id in sorted(ids):
        membership = loaded.get(membership_id)
        if membership is None:
            raise DomainError("membership_not_found", membership_id=membership_id)
        if membership.status is not status:
            raise DomainError(code, name=membership.person.name, **names)
        chosen.append(membership)
    return chosen


def _refuse_stale(
    session: Session, loaded: Mapping[int, Membership], expected: Mapping[int, int]
) -> None:
    """Every membership the editor loaded still as it saw it, and none joined since."""
    for membership_id, version in sorted(expected.items()):
        membership = loaded.get(membership_id) or session.get(
            Membership, membership_id, options=[joinedload(Membership.person)]
        )
        if membership is None:
            raise DomainError("membership_not_found", membership_id=membership_id)
        if membership.version != version or membership.id not in loaded:
            raise _stale(membership)
    for membership_id, membership in sorted(loaded.items()):
        if membership_id not in expected:
            raise _stale(membership)


def _stale(membership: Membership) -> DomainError:
    changed = stale_error(membership).params
    return DomainError(
        "trial_stale",
        name=membership.person.name,
        changed_by=changed["changed_by"],
        changed_at=changed["changed_at"],
    )


@contextmanager
def _stale_at_flush(db: Database, expected: Mapping[int, int]) -> Iterator[None]:
    """Another clerk's save between the check and the flush (version_id_col): the same refusal."""
    try:
        yield
    except StaleDataError as exc:
        with db.session_factory() as session:
            for membership_id, version in sorted(expected.items()):
                fresh = session.get(
                    Membership, membership_id, options=[joinedload(Membership.person)]
                )
                if fresh is not None and fresh.version != version:
                    raise _stale(fresh) from exc
        raise
