"""`yishi demo`: the demo federation's shape, its validity, and the rerun / other-data / force rules."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from models.demo.builder import DEMO_MARKER, build_demo
from models.domain.errors import DomainError
from models.domain.identity import cert_number_problem, gender_of, id_number_problem
from models.domain.vocabulary import BodyKind, TermStatus
from models.entities import (
    ChangeLog,
    ElectoralUnit,
    Membership,
    Person,
    SeatAllocation,
    Setting,
    Term,
    User,
)
from models.services.federation.contracts import PROFILE_KEYS
from models.services.motions.queries import list_motions
from models.services.people.commands import add_person
from models.services.terms.commands import open_term

from ._support import count, draft, last_log_id, log_since, user_id_of

TABLES = (ChangeLog, ElectoralUnit, Membership, Person, SeatAllocation, Setting, Term, User)


def _counts(db) -> dict[str, int]:
    return {t.__tablename__: count(db, t) for t in TABLES}


def _memberships(session) -> list[Membership]:
    load = selectinload(Membership.term).selectinload(Term.body)
    return list(session.scalars(select(Membership).options(load, selectinload(Membership.person))))


def _seats(memberships, code: str, ordinal: int | None) -> list[Membership]:
    return [m for m in memberships if m.term.body.code == code and m.term.ordinal == ordinal]


@pytest.fixture
def demo(demo_db, demo_summary):
    """The session's demo (tests/conftest.py), built by demo-clerk, with what the build said."""
    return demo_db, demo_summary


@pytest.fixture
def own_demo(demo_db, demo_summary):
    """The session's demo for a test that changes it: its changes are rolled back after it."""
    return demo_db, demo_summary


def test_demo_has_the_electoral_units_and_both_congresses(demo):
    db, summary = demo
    assert (summary.already_present, summary.units) == (False, 13)
    with db.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(ElectoralUnit)) == 13
        seats = _memberships(session)
        eighth = Counter(m.status.value for m in _seats(seats, "congress", 8))
        assert 220 <= eighth["candidate"] <= 240
        assert eighth["reserve"] == 20
        assert set(eighth) == {"candidate", "reserve"}
        term8 = _seats(seats, "congress", 8)[0].term
        assert term8.status is TermStatus.DRAFT

        seventh = _seats(seats, "congress", 7)
        assert seventh[0].term.status is TermStatus.CURRENT
        ended = [m for m in seventh if m.status.value == "ended"]
        assert len(ended) == 3
        assert all(m.end_reason and m.end_date and m.end_basis for m in ended)
        assert len({m.end_reason for m in ended}) == 3
        by_election = [m for m in seventh if m.start_reason and m.start_reason.value == "补选"]
        assert by_election
        assert all(m.start_date and m.start_date > date(2021, 6, 18) for m in by_election)
        allocated = session.scalars(
            select(SeatAllocation).where(SeatAllocation.term_id == term8.id)
        )
        assert sum(a.seats for a in allocated) == sum(
            1
            for m in _seats(seats, "congress", 8)
            if m.electoral_unit_id and m.status.value == "candidate"
        )


@pytest.mark.parametrize("ordinal", [7, 8])
def test_demo_presidium_members_are_delegates_of_the_same_term(demo, ordinal):
    db, _ = demo
    with db.session_factory() as session:
        seats = _memberships(session)
        presidium = _seats(seats, "presidium", ordinal)
        assert 30 <= len(presidium) <= 40
        positions = Counter(m.position.value for m in presidium)
        assert positions["主席"] == 1
        assert positions["副主席"] >= 1
        delegates = {m.person_id for m in _seats(seats, "congress", ordinal)}
        assert {m.person_id for m in presidium} <= delegates


def test_demo_has_council_party_group_and_associations(demo):
    db, _ = demo
    with db.session_factory() as session:
        seats = _memberships(session)
        council = _seats(seats, "council", 7)
        assert len(council) == 15
        positions = Counter(m.position.value for m in council)
        assert positions["理事长"] == 1
        assert positions["副理事长"] >= 1
        assert all(m.employment is not None for m in council)

        party = _seats(seats, "party_group", None)
        assert len(party) == 5
        assert Counter(m.position.value for m in party)["党组书记"] == 1
        standing = session.scalars(
            select(Term).join(Term.body).where(Term.body.has(kind=BodyKind.PARTY_GROUP))
        ).all()
        assert len(standing) == 1, "the demo must reuse the migration's standing term"

        for group in ("blind", "deaf", "physical", "intellectual", "psychosocial"):
            heads = [m.position.value for m in _seats(seats, f"association.{group}", 7)]
            assert heads.count("协会主席") == 1, group


def test_demo_identity_numbers_are_valid_and_certificates_match_their_holders(demo):
    db, summary = demo
    with db.session_factory() as session:
        people = session.scalars(select(Person)).all()
        assert len(people) == summary.people
        assert len({p.id_number for p in people}) == len(people)
        today = date.today()
        for p in people:
            assert id_number_problem(p.id_number, today=today) is None, p.id_number
            assert gender_of(p.id_number) is p.gender
        certified = [m for m in _memberships(session) if m.cert_number]
        assert len(certified) > 100
        for m in certified:
            assert m.cert_number.startswith(m.person.id_number)
            problem = cert_number_problem(
                m.cert_number,
                id_number=m.person.id_number,
                category=m.disability_category,
                grade=m.disability_grade,
            )
            assert problem is None, (m.cert_number, problem)


def test_demo_has_a_name_outside_gb2312(demo):
    db, _ = demo
    with db.session_factory() as session:
        names = session.scalars(select(Person.name)).all()
    outside = []
    for name in names:
        try:
            name.encode("gb2312")
        except UnicodeEncodeError:
            outside.append(name)
    assert outside


def test_demo_is_written_to_the_change_log_by_the_clerk(demo):
    db, summary = demo
    clerk = user_id_of(db, "demo-clerk")
    with db.session_factory() as session:
        rows = session.execute(
            select(ChangeLog.entity, ChangeLog.action, ChangeLog.user_login, ChangeLog.user_id)
        ).all()
    by_entity = Counter(r.entity for r in rows if r.action == "insert")
    assert by_entity["person"] == summary.people
    assert by_entity["membership"] == count(db, Membership)
    assert by_entity["electoral_unit"] == 13
    # The demo's marker and the profile it writes like any office (no blank field).
    assert by_entity["setting"] == 1 + len(PROFILE_KEYS)
    assert {r.user_login for r in rows} == {"demo-clerk"}
    assert {r.user_id for r in rows if r.entity != "app_user"} == {clerk}


def test_running_the_demo_again_says_so_and_writes_nothing(demo):
    db, _ = demo
    before = _counts(db)
    again = build_demo(db, user="another-clerk")
    assert again.already_present
    assert again.people == before["person"]
    assert _counts(db) == before


def test_demo_refuses_a_database_with_other_people(db):
    add_person(db, user="clerk", draft=draft(name="张三"))
    before = _counts(db)
    with pytest.raises(DomainError) as caught:
        build_demo(db, user="clerk")
    assert caught.value.code == "demo_other_data"
    assert caught.value.params["people"] == 1
    assert _counts(db) == before


def test_force_on_an_existing_demo_rebuilds_it_once(own_demo):
    """`yishi demo --force`: everything is emptied once (one purge row naming the clerk, other
    people included), the demo is built again whole, with its motions, and a rerun says so (the
    command line's own test checks the exit code and the message)."""
    db, summary = own_demo
    add_person(db, user="clerk", draft=draft(name="张三"))
    since = last_log_id(db)
    rebuilt = build_demo(db, user="clerk", force=True)
    assert not rebuilt.already_present
    assert count(db, Person) == summary.people == rebuilt.people
    assert count(db, ElectoralUnit) == 13
    assert len(list_motions(db)) == rebuilt.motions == summary.motions
    with db.session_factory() as session:
        assert session.scalar(select(Person).where(Person.name == "张三")) is None
        assert session.get(Setting, DEMO_MARKER) is not None
        party_terms = session.scalars(
            select(Term).where(Term.body.has(kind=BodyKind.PARTY_GROUP))
        ).all()
        assert len(party_terms) == 1
    purges = [r for r in log_since(db, since) if r.action == "purge"]
    assert [(r.user_login, r.entity) for r in purges] == [("clerk", "database")]
    assert purges[0].user_id == user_id_of(db, "clerk")
    assert purges[0].after["person"] == summary.people + 1
    assert build_demo(db, user="clerk").already_present


def test_demo_refuses_a_database_with_terms_but_no_people(db):
    open_term(db, user="clerk", kind=BodyKind.CONGRESS, term=8, status=TermStatus.DRAFT)
    before = _counts(db)
    with pytest.raises(DomainError) as caught:
        build_demo(db, user="clerk")
    assert caught.value.code == "demo_other_data"
    assert _counts(db) == before
