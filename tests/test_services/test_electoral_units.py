"""Electoral units and their seats in a congress term, from the empty day-one database."""

from __future__ import annotations

from datetime import date

import pytest

from models.domain.errors import DomainError
from models.domain.messages import message
from models.domain.vocabulary import BodyKind, MembershipStatus, TermStatus
from models.entities import ElectoralUnit, SeatAllocation
from models.services.electoral import commands
from models.services.electoral.queries import congress_term_id, units_of_congress_term
from models.services.people.commands import add_memberships, add_person
from models.services.people.contracts import MembershipDraft
from models.services.slates.queries import seats_of_term, units_of_term
from models.services.terms.commands import open_term

from ._support import count, draft, last_log_id, log_since

CLERK = "clerk"


@pytest.fixture
def terms(db) -> dict[int, int]:
    """Day one: the 7th congress in office, the 8th being prepared, and the 7th presidium."""
    seventh = open_term(
        db,
        user=CLERK,
        kind=BodyKind.CONGRESS,
        term=7,
        status=TermStatus.CURRENT,
        start_date=date(2021, 6, 18),
    )
    eighth = open_term(db, user=CLERK, kind=BodyKind.CONGRESS, term=8, status=TermStatus.DRAFT)
    presidium = open_term(
        db, user=CLERK, kind=BodyKind.PRESIDIUM, term=7, status=TermStatus.CURRENT
    )
    return {7: seventh.id, 8: eighth.id, 0: presidium.id}


def seats(db, term_id: int) -> list[tuple[str, int | None]]:
    return [(u.name, u.seats) for u in units_of_congress_term(db, term_id=term_id).units]


def refused(call, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    return caught.value


def test_set_seats_creates_the_missing_units_in_order_and_reports_the_totals(db, terms):
    assert units_of_congress_term(db, term_id=terms[8]).units == ()
    result = commands.set_seats(
        db, user=CLERK, term_id=terms[8], seats=[("大峪街道", 28), (" 王平镇 ", 12), ("特邀", 6)]
    )
    assert result.created == ("大峪街道", "王平镇", "特邀")
    assert result.changed == result.created
    units = result.units
    assert units.term == 8 and units.term_name == "第八届代表大会"
    assert [(u.order, u.name, u.kind, u.seats) for u in units.units] == [
        (1, "大峪街道", "街道", 28),
        (2, "王平镇", "镇", 12),
        (3, "特邀", "界别", 6),
    ]
    assert units.total_seats == 46 and units.allocated == 3
    # The imports' and the slate editor's reads see the same.
    assert units_of_term(db, term_id=terms[8]) == ["大峪街道", "王平镇", "特邀"]
    assert seats_of_term(db, term_id=terms[8]) == [("大峪街道", 28), ("王平镇", 12), ("特邀", 6)]
    # The 7th term shares the units but has no seats yet.
    assert seats(db, terms[7]) == [("大峪街道", None), ("王平镇", None), ("特邀", None)]
    assert units_of_congress_term(db, term_id=terms[7]).total_seats == 0

    # Again: known units change, an unchanged one is not reported, a new one is added last.
    again = commands.set_seats(
        db, user=CLERK, term_id=terms[8], seats=[("王平镇", 14), ("特邀", 6), ("龙泉镇", 0)]
    )
    assert again.created == ("龙泉镇",) and again.changed == ("王平镇", "龙泉镇")
    assert seats(db, terms[8])[-1] == ("龙泉镇", 0)
    assert again.units.total_seats == 48 and again.units.allocated == 4


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ([("大峪街道", 3), ("新街道", -1)], "seats_invalid"),
        ([("大峪街道", 3), ("新街道", True)], "seats_invalid"),
        ([("新街道", 2), ("新街道", 3)], "unit_given_twice"),
        ([("新街道", 2), ("  ", 3)], "missing_required"),
        ([("新街道", 2), ("长" * 65, 3)], "text_too_long"),
    ],
)
def test_set_seats_is_all_or_nothing(db, terms, given, code):
    commands.set_seats(db, user=CLERK, term_id=terms[8], seats=[("大峪街道", 28)])
    before = last_log_id(db)
    error = refused(commands.set_seats, db, user=CLERK, term_id=terms[8], seats=given)
    assert error.code == code
    text = message(error.code, error.params)
    assert "新街道" in text or "选举单位" in text
    assert seats(db, terms[8]) == [("大峪街道", 28)]
    assert count(db, ElectoralUnit) == 1 and log_since(db, before) == []


def test_only_congress_terms_have_units(db, terms):
    error = refused(commands.set_seats, db, user=CLERK, term_id=terms[0], seats=[("大峪街道", 28)])
    assert error.code == "units_congress_only"
    assert "主席团" in message(error.code, error.params)
    assert refused(units_of_congress_term, db, term_id=terms[0]).code == "units_congress_only"
    assert count(db, ElectoralUnit) == 0


def test_congress_term_id_prefers_the_term_being_prepared(db, terms):
    assert congress_term_id(db, term=None) == terms[8]
    assert congress_term_id(db, term=7) == terms[7]
    assert refused(congress_term_id, db, term=9).code == "term_not_found"


def test_add_rename_and_seats_of_one_unit(db, terms):
    added = commands.add_unit(db, user=CLERK, term_id=terms[8], name="城子街道", seats=24)
    assert (added.name, added.kind, added.seats, added.order) == ("城子街道", "街道", 24, 1)
    other = commands.add_unit(db, user=CLERK, term_id=terms[8], name="助残组织", kind="界别")
    assert other.seats is None and other.order == 2
    taken = refused(commands.add_unit, db, user=CLERK, term_id=terms[8], name="城子街道")
    assert taken.code == "unit_name_taken" and taken.field == "name"
    bad_kind = refused(commands.add_unit, db, user=CLERK, term_id=terms[8], name="甲", kind="区")
    assert bad_kind.code == "unit_kind_invalid"

    renamed = commands.rename_unit(
        db, user=CLERK, term_id=terms[8], unit_id=added.id, name="城子地区", kind="界别"
    )
    assert (renamed.name, renamed.kind, renamed.seats) == ("城子地区", "界别", 24)
    clash = refused(
        commands.rename_unit, db, user=CLERK, term_id=terms[8], unit_id=other.id, name="城子地区"
    )
    assert clash.code == "unit_name_taken"
    # Renaming to its own name is no clash.
    same = commands.rename_unit(db, user=CLERK, term_id=terms[8], unit_id=other.id, name="助残组织")
    assert same.name == "助残组织"

    changed = commands.set_unit_seats(db, user=CLERK, term_id=terms[7], unit_id=other.id, seats=3)
    assert changed.seats == 3
    assert seats(db, terms[8]) == [("城子地区", 24), ("助残组织", None)]
    assert seats(db, terms[7]) == [("城子地区", None), ("助残组织", 3)]
    assert (
        refused(
            commands.set_unit_seats, db, user=CLERK, term_id=terms[7], unit_id=other.id, seats=-2
        ).code
        == "seats_invalid"
    )
    gone = commands.remove_seat_allocation(db, user=CLERK, term_id=terms[7], unit_id=other.id)
    assert gone.seats is None and seats(db, terms[7])[1] == ("助残组织", None)
    assert (
        refused(commands.rename_unit, db, user=CLERK, term_id=terms[8], unit_id=999, name="乙").code
        == "unit_id_not_found"
    )


def test_move_and_reorder(db, terms):
    result = commands.set_seats(
        db, user=CLERK, term_id=terms[8], seats=[("甲街道", 1), ("乙街道", 2), ("丙镇", 3)]
    )
    ids = {u.name: u.id for u in result.units.units}
    moved = commands.move_unit(db, user=CLERK, term_id=terms[8], unit_id=ids["丙镇"], step=-1)
    assert [u.name for u in moved.units] == ["甲街道", "丙镇", "乙街道"]
    assert [u.order for u in moved.units] == [1, 2, 3]
    # At the top, up stays put.
    top = commands.move_unit(db, user=CLERK, term_id=terms[8], unit_id=ids["甲街道"], step=-1)
    assert [u.name for u in top.units] == ["甲街道", "丙镇", "乙街道"]
    ordered = commands.reorder_units(
        db, user=CLERK, term_id=terms[8], unit_ids=[ids["乙街道"], ids["甲街道"], ids["丙镇"]]
    )
    assert [u.name for u in ordered.units] == ["乙街道", "甲街道", "丙镇"]
    assert units_of_term(db, term_id=terms[8]) == ["乙街道", "甲街道", "丙镇"]
    incomplete = refused(
        commands.reorder_units, db, user=CLERK, term_id=terms[8], unit_ids=[ids["乙街道"]]
    )
    assert incomplete.code == "unit_order_incomplete"


def test_a_unit_is_removed_only_while_unused(db, terms):
    result = commands.set_seats(
        db, user=CLERK, term_id=terms[8], seats=[("大峪街道", 28), ("王平镇", 12)]
    )
    commands.set_seats(db, user=CLERK, term_id=terms[7], seats=[("大峪街道", 27), ("王平镇", 11)])
    dayu, wangping = (u.id for u in result.units.units)
    person = add_person(db, user=CLERK, draft=draft())
    add_memberships(
        db,
        user=CLERK,
        term_id=terms[8],
        entries=[
            (
                person.id,
                MembershipDraft(
                    position="代表",
                    status=MembershipStatus.CANDIDATE.value,
                    start_reason=None,
                    electoral_unit="大峪街道",
                ),
            )
        ],
    )
    units = units_of_congress_term(db, term_id=terms[8])
    assert [(u.members, u.used) for u in units.units] == [(1, 1), (0, 0)]
    assert units.members == 1
    assert [(u.members, u.used) for u in units_of_congress_term(db, term_id=terms[7]).units] == [
        (0, 1),
        (0, 0),
    ]

    before = last_log_id(db)
    error = refused(commands.remove_unit, db, user=CLERK, term_id=terms[8], unit_id=dayu)
    assert error.code == "unit_in_use"
    text = message(error.code, error.params)
    assert "大峪街道" in text and "第八届代表大会 1 人" in text and "张三" not in text
    assert log_since(db, before) == [] and count(db, SeatAllocation) == 4

    removed = commands.remove_unit(db, user=CLERK, term_id=terms[8], unit_id=wangping)
    assert removed.name == "王平镇" and removed.seats == 12
    # Its seats in every term went with it.
    assert seats(db, terms[7]) == [("大峪街道", 27)]
    assert count(db, SeatAllocation) == 2 and count(db, ElectoralUnit) == 1
