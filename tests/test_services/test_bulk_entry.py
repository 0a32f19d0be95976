"""Entering a roster in one go: `add_people` and `add_memberships` write all entries or none."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from models.domain.errors import DomainError
from models.domain.vocabulary import BodyKind, TermStatus
from models.entities import ChangeLog, Membership, Person
from models.services.people.commands import add_membership, add_memberships, add_people, add_person
from models.services.people.contracts import MembershipDraft
from models.services.people.queries import get_person
from models.services.terms.commands import open_term

from ._support import LI_SI_ID, WANG_WU_ID, ZHANG_SAN_ID, add_units, count, draft

OPENS = date(2026, 12, 22)


def _delegate(unit: str = "大峪街道", **facts) -> MembershipDraft:
    return MembershipDraft(
        position="代表", status="candidate", electoral_unit=unit, start_date=OPENS, **facts
    )


@pytest.fixture
def congress(db) -> int:
    add_units(db, "大峪街道", "城子街道")
    return open_term(db, user="setup", kind=BodyKind.CONGRESS, term=8, status=TermStatus.DRAFT).id


def _three(db) -> list[int]:
    drafts = [
        draft(),
        draft("李四", "女", LI_SI_ID),
        draft("王五", "男", WANG_WU_ID, phone="13800000000"),
    ]
    return [row.id for row in add_people(db, user="clerk", drafts=drafts)]


def test_add_people_returns_the_rows_add_person_would(db):
    rows = add_people(db, user="clerk", drafts=[draft(), draft("李四", "女", LI_SI_ID)])
    single = add_person(db, user="clerk", draft=draft("王五", "男", WANG_WU_ID))
    assert [r.name for r in rows] == ["张三", "李四"]
    assert rows[0].id < rows[1].id < single.id
    for row in rows:
        assert row == replace(get_person(db, person_id=row.id), memberships=())
    assert replace(rows[0], id=single.id, name="王五", id_number=single.id_number) == replace(
        single, updated_at=rows[0].updated_at
    )


def test_add_people_writes_nothing_when_one_draft_is_refused(db):
    people, logged = count(db, Person), count(db, ChangeLog)
    with pytest.raises(DomainError) as caught:
        add_people(
            db,
            user="clerk",
            drafts=[draft("李四", "女", LI_SI_ID), draft("张三", id_number="110109198001021230")],
        )
    assert caught.value.field == "id_number"
    assert caught.value.params["entry"] == 2
    assert (count(db, Person), count(db, ChangeLog)) == (people, logged)


def test_add_people_refuses_the_same_id_number_twice(db):
    with pytest.raises(DomainError) as caught:
        add_people(db, user="clerk", drafts=[draft(), draft("张三丰", id_number=ZHANG_SAN_ID)])
    assert (caught.value.code, caught.value.params["entry"]) == ("dup_id", 2)
    assert count(db, Person) == 0


def test_add_memberships_returns_the_rows_add_membership_would(db, congress):
    zhang, li, wang = _three(db)
    single = add_membership(
        db, user="clerk", person_id=zhang, term_id=congress, draft=_delegate(is_frontline=True)
    )
    rows = add_memberships(
        db,
        user="clerk",
        term_id=congress,
        entries=[(li, _delegate(is_frontline=True)), (wang, _delegate("城子街道"))],
    )
    assert [r.person_id for r in rows] == [li, wang]
    assert single.id < rows[0].id < rows[1].id
    assert replace(rows[0], id=single.id, person_id=zhang) == single
    assert rows[1].electoral_unit == "城子街道"
    for row in rows:
        assert get_person(db, person_id=row.person_id).memberships == (row,)


@pytest.mark.parametrize(
    ("bad", "code"),
    [
        (_delegate("无此街道"), "value_invalid"),
        (MembershipDraft(position="主席"), "position_not_allowed"),
        (_delegate(disability_category="不详"), "category_unknown"),
    ],
)
def test_add_memberships_writes_nothing_when_one_entry_is_refused(db, congress, bad, code):
    zhang, li, wang = _three(db)
    memberships, logged = count(db, Membership), count(db, ChangeLog)
    with pytest.raises(DomainError) as caught:
        add_memberships(
            db,
            user="clerk",
            term_id=congress,
            entries=[(zhang, _delegate()), (li, bad), (wang, _delegate())],
        )
    assert caught.value.code == code
    assert (caught.value.params["entry"], caught.value.params["person_id"]) == (2, li)
    assert (count(db, Membership), count(db, ChangeLog)) == (memberships, logged)


def test_add_memberships_refuses_a_person_twice_and_an_unknown_person(db, congress):
    zhang, li, _ = _three(db)
    with pytest.raises(DomainError) as twice:
        add_memberships(
            db,
            user="clerk",
            term_id=congress,
            entries=[(zhang, _delegate()), (li, _delegate()), (zhang, _delegate())],
        )
    assert (twice.value.code, twice.value.params["entry"]) == ("already_member", 3)
    with pytest.raises(DomainError) as unknown:
        add_memberships(db, user="clerk", term_id=congress, entries=[(10**6, _delegate())])
    assert (unknown.value.code, unknown.value.params["entry"]) == ("person_not_found", 1)
    with pytest.raises(DomainError) as no_term:
        add_memberships(db, user="clerk", term_id=10**6, entries=[(zhang, _delegate())])
    assert no_term.value.code == "term_not_found"
    assert count(db, Membership) == 0


def test_add_memberships_of_nobody_writes_nothing(db, congress):
    assert add_memberships(db, user="clerk", term_id=congress, entries=[]) == []
    assert count(db, Membership) == 0
