"""`add_records`: several register records in one unit of work, each checked as `add_record`
checks it — all of them or none — on an empty database, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from models.domain.errors import DomainError
from models.domain.organisation_vocabulary import PlaceKind, TownshipKind
from models.domain.roles import Role
from models.entities import FieldVisit, Place, Township
from models.services.organisation.commands import add_records
from models.services.organisation.contracts import (
    FieldVisitDraft,
    FieldVisitRow,
    PlaceDraft,
    PlaceRow,
    Register,
    TownshipDraft,
)
from models.services.organisation.queries import list_records, record_history, visit_days

from ._accounts import accounts_for_every_role, login_of
from ._organisation import CLERK, build_district
from ._support import count, last_log_id, log_since


def test_a_batch_adds_records_of_several_registers_with_one_log_row_each(db):
    district = build_district(db)
    before = last_log_id(db)
    zhang = district.people["张书记"]
    village = district.places["桥户营村"]
    rows = add_records(
        db,
        user=CLERK,
        drafts=[
            TownshipDraft("清水镇", TownshipKind.TOWN),
            FieldVisitDraft(zhang, date(2026, 3, 2), village, content="入户问需"),
            FieldVisitDraft(zhang, date(2026, 3, 2), None, "王平镇温馨家园", "现场调研"),
            FieldVisitDraft(zhang, date(2026, 3, 9), village),
        ],
    )
    township, *visits = rows
    assert township.name == "清水镇" and township.order == 3
    assert all(isinstance(v, FieldVisitRow) and v.member == "张书记" for v in visits)
    assert [v.place for v in visits] == ["桥户营村", None, "桥户营村"]  # type: ignore[union-attr]
    # Two visits on one day: one day.
    assert visit_days(db, year=2026) == {zhang: 2}
    assert count(db, FieldVisit) == 3
    logged = log_since(db, before)
    assert sorted(e.entity for e in logged if e.action == "insert") == [
        "field_visit",
        "field_visit",
        "field_visit",
        "township",
    ]
    history = record_history(db, register=Register.VISITS, record_id=visits[0].id)
    assert [e.action for e in history] == ["insert"]


def test_a_later_draft_sees_the_earlier_ones(db):
    """A place of a township added in the same batch is refused when its name is taken within
    the batch: the checks run after the drafts before them were written."""
    rows = add_records(
        db,
        user=CLERK,
        drafts=[TownshipDraft("斋堂镇", TownshipKind.TOWN)],
    )
    town = rows[0].id
    added = add_records(
        db,
        user=CLERK,
        drafts=[
            PlaceDraft(town, "灵水台村", PlaceKind.VILLAGE, low_income=True),
            PlaceDraft(town, "斋堂社区", PlaceKind.COMMUNITY),
        ],
    )
    assert [(r.name, r.low_income) for r in added if isinstance(r, PlaceRow)] == [
        ("灵水台村", True),
        ("斋堂社区", False),
    ]
    with pytest.raises(DomainError) as taken:
        add_records(
            db,
            user=CLERK,
            drafts=[
                PlaceDraft(town, "沿河口村", PlaceKind.VILLAGE),
                PlaceDraft(town, "沿河口村", PlaceKind.VILLAGE),
            ],
        )
    assert (taken.value.code, taken.value.field) == ("place_name_taken", "name")
    # All or none: the first 沿河口村 is not there either.
    assert [p.name for p in list_records(db, register=Register.PLACES)] == ["灵水台村", "斋堂社区"]


def test_one_refused_draft_leaves_nothing_behind(db):
    district = build_district(db)
    places, towns, log = count(db, Place), count(db, Township), last_log_id(db)
    with pytest.raises(DomainError) as refused:
        add_records(
            db,
            user=CLERK,
            drafts=[
                TownshipDraft("妙峰山镇", TownshipKind.TOWN),
                FieldVisitDraft(district.people["孙群众"], date(2026, 1, 5)),
            ],
        )
    assert refused.value.code == "visit_person_not_member"
    assert (count(db, Place), count(db, Township), last_log_id(db)) == (places, towns, log)
    assert add_records(db, user=CLERK, drafts=[]) == []


def test_only_who_may_edit_the_registers_adds_a_batch(db):
    accounts_for_every_role(db)
    for role, allowed in ((Role.SECRETARIAT, True), (Role.LEADER, False), (Role.READONLY, False)):
        draft = TownshipDraft(f"{role.value}镇", TownshipKind.TOWN)
        if allowed:
            add_records(db, user=login_of(role), drafts=[draft])
        else:
            with pytest.raises(DomainError) as denied:
                add_records(db, user=login_of(role), drafts=[draft])
            assert denied.value.code == "role_refused"
