"""Finding and opening terms (届): defaults, the party group's standing term, coded refusals."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from models.domain.errors import DomainError
from models.domain.messages import message
from models.domain.vocabulary import Association, BodyKind, TermStatus
from models.entities import ChangeLog, Term
from models.services.people.queries import list_terms
from models.services.people.terms import find_term
from models.services.terms.commands import open_term

from ._support import count


@pytest.fixture
def congress(db) -> dict[int, int]:
    """The 7th congress in office and the 8th in preparation."""
    seventh = open_term(
        db,
        user="setup",
        kind=BodyKind.CONGRESS,
        term=7,
        status=TermStatus.CURRENT,
        start_date=date(2021, 6, 18),
    )
    eighth = open_term(db, user="setup", kind=BodyKind.CONGRESS, term=8, status=TermStatus.DRAFT)
    return {7: seventh.id, 8: eighth.id}


def _find(db, *args, **kwargs) -> int:
    with db.session_factory() as session:
        term = find_term(session, *args, **kwargs)
        return term.id


def _find_refused(db, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        _find(db, *args, **kwargs)
    return caught.value


def test_find_term_defaults_to_the_current_term(db, congress):
    assert _find(db, BodyKind.CONGRESS) == congress[7]


def test_find_term_gives_the_draft_term_for_slate_commands(db, congress):
    assert _find(db, BodyKind.CONGRESS, default=TermStatus.DRAFT) == congress[8]


@pytest.mark.parametrize("term", [7, 8])
def test_find_term_by_term_whatever_its_status(db, congress, term):
    assert _find(db, BodyKind.CONGRESS, term=term) == congress[term]
    assert _find(db, BodyKind.CONGRESS, term=term, default=TermStatus.DRAFT) == (congress[term])


def test_unknown_term_is_refused_naming_the_term(db, congress):
    error = _find_refused(db, BodyKind.CONGRESS, term=9)
    assert (error.code, error.field) == ("term_not_found", "term")
    assert message(error.code, error.params) == "代表大会没有第九届。"


@pytest.mark.parametrize(
    ("default", "code"),
    [(TermStatus.CURRENT, "no_current_term"), (TermStatus.DRAFT, "no_draft_term")],
)
def test_a_body_without_such_a_term_says_so(db, congress, default, code):
    error = _find_refused(db, BodyKind.PRESIDIUM, default=default)
    assert (error.code, error.field) == (code, "term")
    assert error.params["body"] == "主席团"


def test_party_group_has_its_standing_term_from_the_migration(db):
    with db.session_factory() as session:
        term = session.get(Term, _find(db, BodyKind.PARTY_GROUP))
        assert term.ordinal is None
        assert term.status is TermStatus.CURRENT
        assert term.body.code == "party_group"
        standing = session.scalars(select(Term).where(Term.body_id == term.body_id)).all()
        assert [t.id for t in standing] == [term.id]
    assert _find(db, BodyKind.PARTY_GROUP, default=TermStatus.DRAFT) == term.id


def test_term_for_the_party_group_is_refused(db):
    error = _find_refused(db, BodyKind.PARTY_GROUP, term=1)
    assert (error.code, error.field) == ("term_for_party_group", "term")


def test_opening_a_party_group_term_is_refused_and_writes_nothing(db):
    terms, logged = count(db, Term), count(db, ChangeLog)
    with pytest.raises(DomainError) as caught:
        open_term(db, user="clerk", kind=BodyKind.PARTY_GROUP, term=1, status=TermStatus.CURRENT)
    assert (caught.value.code, caught.value.field) == ("term_for_party_group", "term")
    assert (count(db, Term), count(db, ChangeLog)) == (terms, logged)


def test_association_body_requires_the_association(db):
    error = _find_refused(db, BodyKind.ASSOCIATION)
    assert (error.code, error.field) == ("association_required", "association")
    with pytest.raises(DomainError) as caught:
        open_term(db, user="clerk", kind=BodyKind.ASSOCIATION, term=7, status=TermStatus.CURRENT)
    assert (caught.value.code, caught.value.field) == ("association_required", "association")


def test_association_is_refused_for_other_bodies(db):
    error = _find_refused(db, BodyKind.CONGRESS, Association.BLIND)
    assert (error.code, error.field) == ("association_not_allowed", "association")


def test_each_association_has_its_own_terms(db):
    blind = open_term(
        db,
        user="clerk",
        kind=BodyKind.ASSOCIATION,
        association=Association.BLIND,
        term=7,
        status=TermStatus.CURRENT,
    )
    assert (blind.body_name, blind.association) == ("盲人协会", Association.BLIND)
    assert _find(db, BodyKind.ASSOCIATION, Association.BLIND) == blind.id
    error = _find_refused(db, BodyKind.ASSOCIATION, Association.DEAF)
    assert (error.code, error.params["body"]) == ("no_current_term", "聋人协会")


def test_open_term_and_list_terms(db, congress):
    rows = list_terms(db, kind=BodyKind.CONGRESS)
    assert [(t.term, t.status, t.name) for t in rows] == [
        (7, TermStatus.CURRENT, "第七届"),
        (8, TermStatus.DRAFT, "第八届"),
    ]
    assert rows[0].start_date == date(2021, 6, 18)
    assert list_terms(db, kind=BodyKind.PRESIDIUM) == []


def test_opening_an_existing_term_again_is_a_coded_error(db, congress):
    terms = count(db, Term)
    with pytest.raises(DomainError) as caught:
        open_term(db, user="clerk", kind=BodyKind.CONGRESS, term=8, status=TermStatus.DRAFT)
    assert caught.value.field == "term"
    assert count(db, Term) == terms
