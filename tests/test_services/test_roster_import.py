"""The sitting roster into a term on the day-one database (both backends): members 在任 since the
term's start, people matched by ID and never duplicated, conflicts the clerk resolves, missing
units created only on request."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from models.domain.errors import DomainError
from models.domain.vocabulary import (
    Association,
    BodyKind,
    Employment,
    MembershipStatus,
    Position,
    StartReason,
    TermStatus,
)
from models.entities import ElectoralUnit, Membership, Person, SeatAllocation
from models.services.people.commands import add_person
from models.services.rosters.commands import import_roster
from models.services.rosters.queries import preview_roster, preview_slate_import
from models.services.slates.commands import import_slate
from models.services.terms.commands import open_term

from ._support import add_units, count, draft, valid_id

STARTED = date(2021, 12, 1)


def ids(count_: int) -> list[str]:
    return [valid_id(sequence=f"{100 + 2 * i + 1:03d}", area="110108") for i in range(count_)]


def member(index: int, **cells: Any) -> dict[str, Any]:
    return {
        "姓名": f"成员{index:02d}",
        "性别": "男",
        "身份证号": ids(index + 1)[index],
        "选举单位": "大峪街道" if index % 2 == 0 else "清水镇",
        "联系电话": f"1390000{index:04d}",
        **cells,
    }


def write(path: Path, rows: Sequence[Mapping[str, Any]]) -> Path:
    headers = list(dict.fromkeys(key for row in rows for key in row))
    book = Workbook()
    sheet = book.active
    for column, header in enumerate(headers, start=1):
        sheet.cell(row=1, column=column, value=header)
    for number, values in enumerate(rows, start=2):
        for column, header in enumerate(headers, start=1):
            if values.get(header) is not None:
                sheet.cell(row=number, column=column, value=values[header]).data_type = "s"
    book.save(path)
    return path


def written(db) -> tuple[int, int, int, int]:
    return (
        count(db, Person),
        count(db, Membership),
        count(db, ElectoralUnit),
        count(db, SeatAllocation),
    )


def memberships(db, term_id: int) -> list[Membership]:
    with db.session_factory() as session:
        found = session.scalars(
            select(Membership).where(Membership.term_id == term_id).order_by(Membership.id)
        ).all()
        for m in found:
            _ = (m.person.name, m.electoral_unit)
        session.expunge_all()
        return list(found)


@pytest.fixture
def congress7(db):
    return open_term(
        db,
        user="setup",
        kind=BodyKind.CONGRESS,
        term=7,
        status=TermStatus.DRAFT,
        start_date=STARTED,
    )


def test_day_one_units_are_errors_until_the_clerk_creates_them(db, congress7, tmp_path):
    path = write(tmp_path / "第七届代表.xlsx", [member(i) for i in range(4)])
    before = written(db)
    outcome = import_roster(db, user="clerk", path=path, kind=BodyKind.CONGRESS, term=7)
    assert outcome.imported == 0
    assert outcome.unknown_units == ("大峪街道", "清水镇")
    assert {(p.column, p.code) for p in outcome.errors} == {("选举单位", "unit_unknown")}
    assert written(db) == before

    outcome = import_roster(
        db, user="clerk", path=path, kind=BodyKind.CONGRESS, term=7, create_units=True
    )
    assert (outcome.imported, outcome.added_people, outcome.errors) == (4, 4, ())
    assert (outcome.created_units, outcome.unknown_units) == (("大峪街道", "清水镇"), ())
    with db.session_factory() as session:
        seats = session.execute(
            select(
                ElectoralUnit.name, ElectoralUnit.kind, SeatAllocation.seats, SeatAllocation.term_id
            )
            .join(SeatAllocation, SeatAllocation.electoral_unit_id == ElectoralUnit.id)
            .order_by(ElectoralUnit.sort_order)
        ).all()
    assert [tuple(s) for s in seats] == [
        ("大峪街道", "街道", 0, congress7.id),
        ("清水镇", "镇", 0, congress7.id),
    ]
    seated = memberships(db, congress7.id)
    assert [
        (m.person.name, m.status, m.start_reason, m.start_date, m.position, m.electoral_unit.name)
        for m in seated
    ] == [
        (
            f"成员{i:02d}",
            MembershipStatus.ELECTED,
            StartReason.ELECTED,
            STARTED,
            Position.DELEGATE,
            unit,
        )
        for i, unit in enumerate(["大峪街道", "清水镇"] * 2)
    ]


def test_units_the_term_lacks_need_the_clerk_only_for_the_new_ones(db, congress7, tmp_path):
    add_units(db, "大峪街道")
    path = write(tmp_path / "r.xlsx", [member(0), member(1)])
    outcome = import_roster(
        db, user="clerk", path=path, kind=BodyKind.CONGRESS, term=7, create_units=True
    )
    assert outcome.created_units == ("清水镇",)
    assert count(db, ElectoralUnit) == 2
    # 大峪街道 stays the term's: the same file imports again without creating anything.
    again = import_roster(db, user="clerk", path=path, kind=BodyKind.CONGRESS, term=7)
    assert (again.imported, again.errors, again.unknown_units) == (2, (), ())
    assert count(db, SeatAllocation) == 2


def test_people_are_matched_by_id_and_conflicts_are_the_clerks_call(db, congress7, tmp_path):
    add_units(db, "大峪街道", "清水镇")
    rows = [member(i) for i in range(3)]
    registered = add_person(
        db, user="setup", draft=draft(name="成员零", gender="男", id_number=rows[0]["身份证号"])
    )
    rows[0]["民族"] = "回族"  # the registry has none: filled in, no conflict
    path = write(tmp_path / "r.xlsx", rows)
    outcome = import_roster(db, user="clerk", path=path, kind=BodyKind.CONGRESS, term=7)
    assert (outcome.imported, outcome.added_people, outcome.updated_people) == (3, 2, 1)
    [conflict] = outcome.conflicts
    assert (conflict.row, conflict.name) == (2, "成员零")
    assert conflict.id_number == rows[0]["身份证号"][:6] + "********" + rows[0]["身份证号"][-4:]
    assert [(f.column, f.registry, f.file) for f in conflict.facts] == [
        ("姓名", "成员零", "成员00")
    ]
    [warning] = [w for w in outcome.warnings if w.code == "person_conflict"]
    assert rows[0]["身份证号"] not in str(warning.params)
    with db.session_factory() as session:
        person = session.get(Person, registered.id)
        assert (person.name, person.ethnicity) == ("成员零", "回族")

    # Re-importing takes the file's name for that row only; nobody is duplicated.
    again = import_roster(
        db, user="clerk", path=path, kind=BodyKind.CONGRESS, term=7, rows_from_file={2}
    )
    assert (again.added_people, again.updated_people, again.rows_from_file) == (0, 1, (2,))
    with db.session_factory() as session:
        assert session.get(Person, registered.id).name == "成员00"
    assert count(db, Person) == 3
    assert len(memberships(db, congress7.id)) == 3


def test_presidium_posts_and_a_reimport_that_changes_only_them(db, tmp_path):
    presidium = open_term(
        db,
        user="setup",
        kind=BodyKind.PRESIDIUM,
        term=7,
        status=TermStatus.CURRENT,
        start_date=STARTED,
    )
    rows = [member(i, 职务=post) for i, post in enumerate(["主席", "副主席", None])]
    path = write(tmp_path / "主席团.xlsx", rows)
    outcome = import_roster(db, user="clerk", path=path, kind=BodyKind.PRESIDIUM)
    assert outcome.imported == 3
    seated = memberships(db, presidium.id)
    assert [m.position for m in seated] == [Position.CHAIR, Position.VICE_CHAIR, Position.MEMBER]
    assert all(m.electoral_unit is None and m.delegate_type is None for m in seated)
    rows[2]["职务"] = "副主席"
    import_roster(db, user="clerk", path=write(path, rows), kind=BodyKind.PRESIDIUM, term=7)
    again = memberships(db, presidium.id)
    assert [m.id for m in again] == [m.id for m in seated]
    assert again[2].position is Position.VICE_CHAIR


def test_council_employment_and_valid_only(db, tmp_path):
    council = open_term(
        db, user="setup", kind=BodyKind.EXECUTIVE_COUNCIL, term=7, status=TermStatus.DRAFT
    )
    rows = [
        member(0, 职务="理事长", 任职方式="专职"),
        member(1, 职务="秘书长", 任职方式="挂职"),
        member(2, 职务="主席"),
    ]
    path = write(tmp_path / "理事会.xlsx", rows)
    before = written(db)
    refused = import_roster(db, user="clerk", path=path, kind=BodyKind.EXECUTIVE_COUNCIL, term=7)
    assert (refused.imported, [p.code for p in refused.errors]) == (0, ["roster_position_unknown"])
    assert written(db) == before and not list(tmp_path.glob("*.rejected*"))
    outcome = import_roster(
        db, user="clerk", path=path, kind=BodyKind.EXECUTIVE_COUNCIL, term=7, valid_only=True
    )
    assert outcome.imported == 2
    assert outcome.rejected_file == tmp_path / "理事会.rejected.xlsx"
    seated = memberships(db, council.id)
    assert [(m.position, m.employment, m.start_date) for m in seated] == [
        (Position.COUNCIL_CHAIR, Employment.FULL_TIME, None),
        (Position.SECRETARY_GENERAL, Employment.SECONDED, None),
    ]


def test_an_associations_roster(db, tmp_path):
    term = open_term(
        db,
        user="setup",
        kind=BodyKind.ASSOCIATION,
        association=Association.DEAF,
        term=7,
        status=TermStatus.CURRENT,
        start_date=STARTED,
    )
    path = write(tmp_path / "聋协.xlsx", [member(0, 职务="协会主席"), member(1)])
    outcome = import_roster(
        db, user="clerk", path=path, kind=BodyKind.ASSOCIATION, association=Association.DEAF
    )
    assert outcome.imported == 2
    assert [m.position for m in memberships(db, term.id)] == [
        Position.ASSOCIATION_CHAIR,
        Position.MEMBER,
    ]


def test_refused_terms_write_nothing(db, tmp_path):
    open_term(db, user="setup", kind=BodyKind.PRESIDIUM, term=6, status=TermStatus.PAST)
    path = write(tmp_path / "r.xlsx", [member(0, 职务="委员")])
    before = written(db)
    cases = [
        (dict(kind=BodyKind.PRESIDIUM, term=6), "roster_term_past"),
        (dict(kind=BodyKind.PRESIDIUM, term=8), "term_not_found"),
        (dict(kind=BodyKind.EXECUTIVE_COUNCIL), "no_draft_term"),
        (dict(kind=BodyKind.PARTY_GROUP), "roster_body_without_terms"),
        (dict(kind=BodyKind.ASSOCIATION), "association_required"),
    ]
    for arguments, code in cases:
        with pytest.raises(DomainError) as caught:
            import_roster(db, user="clerk", path=path, **arguments)
        assert caught.value.code == code, arguments
    assert written(db) == before


def test_previews_write_nothing_and_say_what_an_import_would_meet(db, congress7, tmp_path):
    rows = [member(0), member(1)]
    add_person(
        db, user="setup", draft=draft(name="别名", gender="男", id_number=rows[1]["身份证号"])
    )
    path = write(tmp_path / "r.xlsx", rows)
    before = written(db)
    preview = preview_roster(db, path=path, kind=BodyKind.CONGRESS, term_id=congress7.id)
    assert preview.unknown_units == ("大峪街道", "清水镇")
    assert preview.sheet.excluded_rows == (2, 3)
    assert preview.conflicts == ()  # rows with errors are not matched
    ticked = preview.with_units
    assert (ticked.unknown_units, ticked.sheet.excluded_rows) == (("大峪街道", "清水镇"), ())
    [conflict] = ticked.conflicts
    assert (conflict.row, conflict.facts[0].registry, conflict.facts[0].file) == (
        3,
        "别名",
        "成员01",
    )
    assert [p.code for p in ticked.problems] == ["person_conflict"]
    eighth = open_term(db, user="setup", kind=BodyKind.CONGRESS, term=8, status=TermStatus.DRAFT)
    slate = preview_slate_import(db, path=path, kind=BodyKind.CONGRESS, term_id=eighth.id)
    assert slate.unknown_units == ("大峪街道", "清水镇") and slate.conflicts == ()
    assert slate.with_units is not None and len(slate.with_units.conflicts) == 1
    assert written(db) == (before[0], before[1], before[2], before[3])


def test_the_slate_import_creates_units_only_when_asked(db, tmp_path):
    eighth = open_term(db, user="setup", kind=BodyKind.CONGRESS, term=8, status=TermStatus.DRAFT)
    path = write(tmp_path / "s.xlsx", [member(0), member(1)])
    refused = import_slate(db, user="clerk", path=path, kind=BodyKind.CONGRESS, term=8)
    assert (refused.imported, refused.unknown_units) == (0, ("大峪街道", "清水镇"))
    assert count(db, ElectoralUnit) == 0
    outcome = import_slate(
        db, user="clerk", path=path, kind=BodyKind.CONGRESS, term=8, create_units=True
    )
    assert (outcome.imported, outcome.created_units) == (2, ("大峪街道", "清水镇"))
    assert [m.status for m in memberships(db, eighth.id)] == [MembershipStatus.CANDIDATE] * 2
