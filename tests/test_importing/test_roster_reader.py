"""A sitting roster: a slate's checks plus 职务 (blank = the ordinary member) and the council's
任职方式; its template reads back clean."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from models.domain.errors import DomainError, Level
from models.domain.vocabulary import Association, BodyKind, Employment, Position
from models.importing.roster_reader import RosterSheet, read_roster
from models.importing.template import DATA_ROWS, write_roster_template

from .helpers import TODAY, codes, person, rendered, valid_id, write_slate


def roster(
    tmp_path: Path,
    rows: list[dict[str, Any]],
    kind: BodyKind,
    association: Association | None = None,
    **kwargs: Any,
) -> RosterSheet:
    path = write_slate(tmp_path / "roster.xlsx", rows, headers=kwargs.pop("headers", None))
    return read_roster(path, kind=kind, association=association, today=TODAY, **kwargs)


def people(count: int, **cells: Any) -> list[dict[str, Any]]:
    return [
        person(身份证号=valid_id(sequence=f"{2 * i + 1:03d}"), 姓名=f"委员{i}", **cells)
        for i in range(count)
    ]


def test_a_blank_post_is_the_bodys_ordinary_member(tmp_path):
    rows = people(3)
    rows[0]["职务"] = "主席"
    rows[1]["职务"] = " 副主席 "
    sheet = roster(tmp_path, rows, BodyKind.PRESIDIUM, headers=[*rows[0], "职务"])
    assert codes(sheet.sheet) == []
    assert [m.position for m in sheet.members] == [
        Position.CHAIR,
        Position.VICE_CHAIR,
        Position.MEMBER,
    ]
    assert [m.record.name for m in sheet.members] == ["委员0", "委员1", "委员2"]
    assert all(m.employment is None for m in sheet.members)


def test_the_congress_needs_no_post_column_and_every_member_is_a_delegate(tmp_path):
    sheet = roster(tmp_path, people(2), BodyKind.CONGRESS)
    assert [m.position for m in sheet.members] == [Position.DELEGATE] * 2


def test_an_unknown_post_is_a_row_error_naming_the_bodys_posts(tmp_path):
    rows = people(3)
    rows[1]["职务"] = "理事长"  # the council's, not the presidium's
    rows[2]["职务"] = "主席"
    sheet = roster(tmp_path, rows, BodyKind.PRESIDIUM)
    assert codes(sheet.sheet) == [(3, "职务", "roster_position_unknown")]
    assert sheet.sheet.excluded_rows == (3,)
    assert [m.record.row for m in sheet.members] == [2, 4]
    assert rendered(sheet.sheet.problems[0]) == (
        "职务“理事长”不是主席团的职务，可选：主席、副主席、委员。"
    )


def test_an_associations_posts(tmp_path):
    rows = people(3)
    rows[0]["职务"] = "协会主席"
    rows[1]["职务"] = "主席"
    sheet = roster(tmp_path, rows, BodyKind.ASSOCIATION, Association.BLIND)
    [problem] = sheet.sheet.problems
    assert (problem.row, problem.code) == (3, "roster_position_unknown")
    assert "盲人协会" in rendered(problem) and "协会副主席" in rendered(problem)
    assert [m.position for m in sheet.members] == [Position.ASSOCIATION_CHAIR, Position.MEMBER]


def test_the_council_reads_how_a_post_is_held(tmp_path):
    rows = people(4)
    rows[0] |= {"职务": "理事长", "任职方式": "专职"}
    rows[1] |= {"职务": "秘书长", "任职方式": "挂职"}
    rows[2] |= {"任职方式": "临时"}
    sheet = roster(tmp_path, rows, BodyKind.EXECUTIVE_COUNCIL, headers=[*rows[0]])
    assert codes(sheet.sheet) == [(4, "任职方式", "value_invalid")]
    assert "专职、兼职、挂职" in rendered(sheet.sheet.problems[0])
    assert [(m.position, m.employment) for m in sheet.members] == [
        (Position.COUNCIL_CHAIR, Employment.FULL_TIME),
        (Position.SECRETARY_GENERAL, Employment.SECONDED),
        (Position.COUNCIL_MEMBER, None),
    ]


def test_任职方式_is_a_remark_outside_the_council(tmp_path):
    rows = people(1, 职务="委员", 任职方式="专职")
    sheet = roster(tmp_path, rows, BodyKind.PRESIDIUM)
    assert codes(sheet.sheet) == []
    assert sheet.members[0].record.remarks == {"任职方式": "专职"}


def test_a_roster_keeps_the_slate_checks(tmp_path):
    rows = people(2, 职务="委员")
    rows[1]["性别"] = "女"  # the ID says 男: a warning, the row still counts
    rows.append(person(身份证号=rows[0]["身份证号"], 姓名="重复", 职务="委员"))
    sheet = roster(tmp_path, rows, BodyKind.PRESIDIUM)
    assert codes(sheet.sheet) == [
        (2, "身份证号", "dup_id"),
        (3, "性别", "gender_id_mismatch"),
        (4, "身份证号", "dup_id"),
    ]
    assert [m.record.row for m in sheet.members] == [3]


def test_a_missing_post_column_is_refused_but_for_the_congress(tmp_path):
    path = write_slate(tmp_path / "r.xlsx", people(2))
    with pytest.raises(DomainError) as caught:
        read_roster(path, kind=BodyKind.PRESIDIUM, today=TODAY)
    assert caught.value.code == "headers_missing"
    assert caught.value.params["missing"] == ["职务"]
    assert "职务" in caught.value.params["expected"]
    no_unit = [{k: v for k, v in row.items() if k != "选举单位"} for row in people(2)]
    path = write_slate(tmp_path / "c.xlsx", no_unit)
    with pytest.raises(DomainError) as caught:
        read_roster(path, kind=BodyKind.CONGRESS, today=TODAY)
    assert caught.value.params["missing"] == ["选举单位"]


def test_unknown_units_are_errors_against_the_terms_units(tmp_path):
    rows = people(2)
    rows[1]["选举单位"] = "海淀街道"
    sheet = roster(tmp_path, rows, BodyKind.CONGRESS, known_units=[])
    assert codes(sheet.sheet) == [(2, "选举单位", "unit_unknown"), (3, "选举单位", "unit_unknown")]
    assert "尚未设置选举单位" in rendered(sheet.sheet.problems[0])


def test_the_roster_template_reads_back_clean(tmp_path):
    template = write_roster_template(tmp_path / "在任名单模板.xlsx")
    book = load_workbook(template)
    sheet = book.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    assert headers[3:6] == ["选举单位", "职务", "任职方式"]
    assert book.sheetnames == ["名单", "填写说明"]
    column = {header: index for index, header in enumerate(headers, start=1)}
    assert sheet.cell(row=DATA_ROWS + 1, column=column["身份证号"]).number_format == "@"
    letter = sheet.cell(row=1, column=column["职务"]).column_letter
    [posts] = [
        v.formula1
        for v in sheet.data_validations.dataValidation
        if str(v.sqref) == f"{letter}2:{letter}{DATA_ROWS + 1}"
    ]
    assert "理事长" in posts and "协会主席" in posts
    notes = [row[0] for row in book["填写说明"].iter_rows(min_row=2, values_only=True)]
    assert "职务" in notes and "任职方式" in notes
    values = {
        "姓名": "王五",
        "性别": "男",
        "身份证号": valid_id(),
        "选举单位": "大峪街道",
        "职务": "副理事长",
        "任职方式": "兼职",
    }
    for header, value in values.items():
        sheet.cell(row=2, column=column[header], value=value)
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    read = read_roster(filled, kind=BodyKind.EXECUTIVE_COUNCIL, today=TODAY)
    assert codes(read.sheet) == []
    [member] = read.members
    assert (member.position, member.employment) == (
        Position.COUNCIL_VICE_CHAIR,
        Employment.PART_TIME,
    )
    assert not [p for p in read.sheet.problems if p.level is Level.ERROR]
