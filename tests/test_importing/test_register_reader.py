"""The organisation registers' reader (issue 17): one spec per register, the slate's tolerance,
every cell problem naming the sheet row and the canonical header; and their templates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from models.domain.errors import DomainError, Level
from models.domain.rules import FileLimits
from models.importing.guard import using_limits
from models.importing.isolated import read_isolated
from models.importing.register_reader import SPECS, RegisterSheet, read_register
from models.importing.register_template import CHOICES_SHEET, write_register_template
from models.importing.rejected import write_rejected

from . import hostile
from .helpers import rendered


def sheet_file(
    path: Path,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    above: Sequence[Sequence[Any]] = (),
) -> Path:
    book = Workbook()
    sheet = book.active
    for row in above:
        sheet.append(list(row))
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def read(
    tmp_path: Path, register: str, headers: Sequence[str], rows: Any, **kw: Any
) -> RegisterSheet:
    path = sheet_file(tmp_path / f"{register}.xlsx", headers, rows, **kw)
    return read_register(path, register=register)


def problems(read: RegisterSheet) -> list[tuple[int, str, str]]:
    for problem in read.sheet.problems:
        rendered(problem)  # every code has its message and the message its parameters
    return [(p.row, p.column, p.code) for p in read.sheet.problems]


CADRE_HEADERS = ("姓名", "职务", "领导班子成员", "任职方式", "是否残疾人", "残疾类别", "任职日期")


def test_cadres_good_rows_are_typed(tmp_path):
    read_ = read(
        tmp_path,
        "cadres",
        CADRE_HEADERS,
        [
            ["张三", "理事长", "是", "专职", "√", "肢体残疾", "2024-01-02"],
            ["李四", "", "", "挂职", "", "", date(2025, 3, 1)],
            ["王五", "科员", "N", " 兼 职 ", "0", "", "2025年3月1日"],
        ],
    )
    assert problems(read_) == []
    assert read_.sheet.total == 3 and read_.sheet.excluded_rows == ()
    first, second, third = read_.entries
    assert first.row == 2 and first["姓名"] == "张三" and first["领导班子成员"] is True
    assert first["任职方式"] == "专职" and first["残疾类别"] == "肢体"
    assert first["任职日期"] == date(2024, 1, 2)
    assert second["职务"] is None and second["是否残疾人"] is False
    assert second["任职日期"] == date(2025, 3, 1)
    assert third["任职方式"] == "兼职" and third["任职日期"] == date(2025, 3, 1)


def test_cadres_each_problem_names_row_and_header(tmp_path):
    read_ = read(
        tmp_path,
        "cadres",
        CADRE_HEADERS,
        [
            ["", "科员", "", "专职", "", "", ""],  # 2: no name
            ["甲", "", "也许", "外聘", "", "", ""],  # 3: bool, choice
            ["乙", "", "", "专职", "", "视障", "2024-02-30"],  # 4: category, date
            ["丙" * 65, "", "", "专职", "", "", ""],  # 5: too long
            ["甲", "", "", "专职", "", "", ""],  # 6: 甲 again
        ],
    )
    assert problems(read_) == [
        (2, "姓名", "missing_required"),
        (3, "领导班子成员", "bool_invalid"),
        (3, "任职方式", "value_invalid"),
        (4, "残疾类别", "category_unknown"),
        (4, "任职日期", "date_invalid"),
        (5, "姓名", "text_too_long"),
        (6, "姓名", "register_row_repeated"),
    ]
    assert read_.sheet.excluded_rows == (2, 3, 4, 5, 6)
    assert read_.entries == ()
    repeated = read_.sheet.problems[-1]
    assert repeated.params["row"] == 3
    assert "外聘" in rendered(read_.sheet.problems[2]) and "专职、兼职、挂职" in rendered(
        read_.sheet.problems[2]
    )


PLACE_HEADERS = ("街乡镇", "名称", "类别", "低收入村", "年度", "残疾人口", "常住人口")


def test_places_good_rows_and_population(tmp_path):
    read_ = read(
        tmp_path,
        "places",
        PLACE_HEADERS,
        [
            ["大峪街道", "东辛房社区", "社区", "", 2026, "", 8200],
            ["斋堂镇", "马栏村", "村", "是", "2026年", "51人", ""],
            ["斋堂镇", "马栏村", "村", "是", "2025", 49, ""],
            ["斋堂镇", "灵水村", "村", "否", "", "", ""],
        ],
    )
    assert problems(read_) == []
    values = [dict(e.values) for e in read_.entries]
    assert values[0]["常住人口"] == 8200 and values[0]["残疾人口"] is None
    assert values[1]["年度"] == 2026 and values[1]["残疾人口"] == 51
    assert values[3]["年度"] is None


def test_places_problems(tmp_path):
    read_ = read(
        tmp_path,
        "places",
        PLACE_HEADERS,
        [
            ["斋堂镇", "马栏村", "村", "是", 2026, 51, ""],  # 2
            ["斋堂镇", "马栏村", "社区", "是", 2025, 3, ""],  # 3: 类别 differs from row 2
            ["斋堂镇", "马栏村", "村", "是", 2026, 52, ""],  # 4: row 2 again
            ["", "x", "镇", "", "26", "-1", "1.5"],  # 5
            ["斋堂镇", "杨家村", "村", "", "", 60, ""],  # 6: figures without a year
        ],
    )
    assert problems(read_) == [
        (3, "类别", "register_group_inconsistent"),
        (4, "街乡镇", "register_row_repeated"),
        (5, "街乡镇", "missing_required"),
        (5, "类别", "value_invalid"),
        (5, "年度", "register_year_invalid"),
        (5, "残疾人口", "register_count_invalid"),
        (5, "常住人口", "register_count_invalid"),
        (6, "年度", "register_required_with"),
    ]
    assert [e.row for e in read_.entries] == [2]


def test_homes_contacts_visits(tmp_path):
    homes = read(
        tmp_path,
        "homes",
        ("温馨家园名称", "街乡镇", "村/社区", "示范温馨家园", "开办日期"),
        [
            ["东辛房温馨家园", "大峪街道", "东辛房社区", "是", "2020/6/1"],
            ["大峪街道温馨家园", "大峪街道", "", "", ""],
            ["东辛房温馨家园", "", "", "x", ""],
        ],
    )
    assert problems(homes) == [
        (4, "温馨家园名称", "register_row_repeated"),
        (4, "街乡镇", "missing_required"),
        (4, "示范温馨家园", "bool_invalid"),
    ]
    assert homes.entries[0]["示范温馨家园"] is True
    assert homes.entries[0]["开办日期"] == date(2020, 6, 1)
    contacts = read(
        tmp_path,
        "contacts",
        ("姓名", "联系村", "联系社区", "联系温馨家园"),
        [["张三", "马栏村", "东辛房社区", "东辛房温馨家园"], ["张三", "", "", ""]],
    )
    assert problems(contacts) == [(3, "姓名", "register_row_repeated")]
    visits = read(
        tmp_path,
        "visits",
        ("姓名", "日期", "地点", "内容"),
        [
            ["张三", "2026-03-01", "马栏村", "入户问需"],
            ["张三", "2026-03-01", "马栏村", "现场调研"],  # same day, another visit: fine
            ["张三", "2026-03-01", "马栏村", "入户问需"],  # row 2 again
            ["李四", "", "", ""],
        ],
    )
    assert problems(visits) == [
        (4, "姓名", "register_row_repeated"),
        (5, "日期", "missing_required"),
    ]


ORG_HEADERS = ("组织名称", "类别", "街乡镇", "村/社区", "职务", "姓名", "是否残疾人", "是否亲友")


def test_organisations_one_row_per_officer(tmp_path):
    read_ = read(
        tmp_path,
        "organisations",
        (*ORG_HEADERS, "居（村）委会职务", "选聘方式"),
        [
            [
                "东辛房社区残协",
                "社区残协",
                "大峪街道",
                "东辛房社区",
                "主席",
                "甲",
                "",
                "",
                "副主任",
                "",
            ],
            [
                "东辛房社区残协",
                "社区残协",
                "大峪街道",
                "东辛房社区",
                "副主席",
                "乙",
                "是",
                "",
                "",
                "",
            ],
            [
                "东辛房社区残协",
                "社区残协",
                "大峪街道",
                "东辛房社区",
                "专职委员",
                "丙",
                "",
                "是",
                "",
                "公开选聘",
            ],
            [
                "东辛房社区残协",
                "村残协",
                "大峪街道",
                "东辛房社区",
                "兼职委员",
                "丁",
                "",
                "",
                "",
                "",
            ],
            ["东辛房社区残协", "社区残协", "大峪街道", "东辛房社区", "主席", "甲", "", "", "", ""],
            ["大峪街道残联", "街乡镇残联", "大峪街道", "", "秘书", "戊", "", "", "组长", ""],
        ],
    )
    assert problems(read_) == [
        (5, "类别", "register_group_inconsistent"),
        (6, "组织名称", "register_row_repeated"),
        (7, "职务", "value_invalid"),
        (7, "居（村）委会职务", "value_invalid"),
    ]
    assert [e["职务"] for e in read_.entries] == ["主席", "副主席", "专职委员"]
    assert read_.entries[0]["居（村）委会职务"] == "副主任"
    assert read_.entries[2]["选聘方式"] == "公开选聘" and read_.entries[2]["是否亲友"] is True


def test_headers_as_clerks_write_them(tmp_path):
    """Title rows above, *, (必填), full-width brackets and inner spaces, any order, an unknown
    column kept for the rejected file; the rows keep the sheet's own numbers."""
    headers = ("*姓　名（必填）", "备用列", "居(村)委会职务", "职务", "组织名称*", "类别", "街乡镇")
    read_ = read(
        tmp_path,
        "organisations",
        headers,
        [
            ["甲", "x", "主任", "主席", "大峪街道残联", "街乡镇残联", "大峪街道"],
            ["乙", "y", "", "主任", "大峪街道残联", "街乡镇残联", "大峪街道"],
        ],
        above=[["门头沟区基层组织名册"], []],
    )
    assert read_.sheet.header_row == 3
    assert problems(read_) == [(5, "职务", "value_invalid")]
    assert read_.entries[0].row == 4 and read_.entries[0]["居（村）委会职务"] == "主任"
    assert read_.sheet.headers[1] == "备用列"
    rejected = write_rejected(read_.sheet, tmp_path / "organisations.xlsx")
    sheet = load_workbook(rejected).active
    assert [c.value for c in sheet[1]][:2] == ["*姓　名（必填）", "备用列"]
    assert [c.value for c in sheet[2]][:2] == ["乙", "y"]
    assert sheet.cell(2, len(headers) + 1).value.startswith("原表第5行：职务的值“主任”无效")


def test_no_header_and_missing_columns_are_refused(tmp_path):
    path = sheet_file(tmp_path / "x.xlsx", ("姓名", "性别"), [["张三", "男"]])
    with pytest.raises(DomainError) as caught:
        read_register(path, register="cadres")
    assert caught.value.code == "register_header_not_found"
    assert "“姓名”“任职方式”" in rendered_error(caught.value)
    path = sheet_file(tmp_path / "y.xlsx", ("组织名称", "职务", "姓名"), [["a", "主席", "b"]])
    with pytest.raises(DomainError) as caught:
        read_register(path, register="organisations")
    assert caught.value.code == "headers_missing"
    assert caught.value.params["missing"] == ["类别", "街乡镇"]
    with pytest.raises(DomainError) as caught:
        read_register(path, register="townships")
    assert caught.value.code == "register_import_unsupported"


def rendered_error(error: DomainError) -> str:
    from models.domain.messages import message

    return message(error.code, error.params)


def test_a_places_sheet_is_not_read_as_homes(tmp_path):
    path = sheet_file(tmp_path / "p.xlsx", PLACE_HEADERS, [["斋堂镇", "马栏村", "村"]])
    with pytest.raises(DomainError) as caught:
        read_register(path, register="homes")
    assert caught.value.code == "register_header_not_found"


def test_hostile_files_are_refused_under_the_limits(tmp_path):
    far = hostile.far_cell(tmp_path / "far.xlsx")
    with pytest.raises(DomainError) as caught:
        read_register(far, register="cadres")
    assert caught.value.code == "file_too_large"
    rows = [["张三", "专职"]] * 12
    path = sheet_file(tmp_path / "c.xlsx", ("姓名", "任职方式"), rows)
    with using_limits(FileLimits(max_rows=5)), pytest.raises(DomainError) as caught:
        read_register(path, register="cadres")
    assert caught.value.code == "file_too_large"
    # In a child process, as the window reads: the value comes back whole.
    read_ = read_isolated(read_register, path, limits=FileLimits(), register="cadres")
    assert read_.sheet.total == 12 and read_.errors[0].code == "register_row_repeated"
    (tmp_path / "bad.xlsx").write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(DomainError) as caught:
        read_register(tmp_path / "bad.xlsx", register="cadres")
    assert caught.value.code == "file_unreadable"


def test_an_empty_sheet_reads_as_no_rows(tmp_path):
    read_ = read(tmp_path, "visits", ("姓名", "日期"), [[None, None], ["", " "]])
    assert read_.sheet.total == 0 and read_.entries == () and read_.sheet.problems == ()


# --- templates -----------------------------------------------------------------------------------


@pytest.mark.parametrize("register", sorted(SPECS))
def test_each_template_reads_back_empty_and_filled(tmp_path, register):
    spec = SPECS[register]
    path = write_register_template(
        tmp_path / f"{register}.xlsx", register=register, lists={"街乡镇": ["大峪街道", "斋堂镇"]}
    )
    book = load_workbook(path)
    assert book.sheetnames == [spec.title, CHOICES_SHEET, "填写说明"]
    data = book[spec.title]
    assert [c.value for c in data[1]] == [c.header for c in spec.columns]
    filled = {c.value for c in data[1] if c.fill.fgColor.rgb == "00FFF2CC"}
    assert filled == set(spec.required)
    assert book[CHOICES_SHEET].sheet_state == "hidden"
    notes = list(
        book["填写说明"].iter_rows(min_row=2, max_row=len(spec.columns) + 1, values_only=True)
    )
    assert [(n[0], n[1]) for n in notes] == [
        (c.header, "必填" if c.required else "选填") for c in spec.columns
    ]
    assert read_register(path, register=register).sheet.total == 0
    # A clerk types the examples into row 2: they read back without a problem.
    for index, column in enumerate(spec.columns, start=1):
        data.cell(row=2, column=index, value=column.example or None)
    book.save(path)
    read_ = read_register(path, register=register)
    assert problems(read_) == [] and len(read_.entries) == 1


def test_template_drop_downs_and_text_cells(tmp_path):
    path = write_register_template(
        tmp_path / "org.xlsx", register="organisations", lists={"街乡镇": ["大峪街道"]}
    )
    book = load_workbook(path)
    sheet = book["基层组织"]
    ranges = {str(v.sqref).split(":")[0]: v for v in sheet.data_validations.dataValidation}
    # 类别 (B), 街乡镇 (C), 职务 (E), 是否残疾人 (G), 是否亲友 (H), 居（村）委会职务 (I)
    assert sorted(ranges) == ["B2", "C2", "E2", "G2", "H2", "I2"]
    assert ranges["B2"].errorStyle == "stop" and ranges["C2"].errorStyle == "warning"
    lists = book[CHOICES_SHEET]
    columns = {
        lists.cell(1, n).value: [lists.cell(r, n).value for r in range(2, lists.max_row + 1)]
        for n in range(1, lists.max_column + 1)
    }
    assert [v for v in columns["类别"] if v] == ["街乡镇残联", "社区残协", "村残协"]
    assert [v for v in columns["街乡镇"] if v] == ["大峪街道"]
    assert sheet.cell(2, 1).number_format == "@"  # 组织名称 is text


def test_template_names_that_look_like_formulas_stay_text(tmp_path):
    path = write_register_template(
        tmp_path / "visits.xlsx", register="visits", lists={"姓名": ["=cmd|' /C calc'!A0"]}
    )
    cell = load_workbook(path)[CHOICES_SHEET].cell(2, 1)
    assert cell.data_type == "s" and cell.value.startswith("'=")


def test_warnings_are_none_yet(tmp_path):
    read_ = read(tmp_path, "cadres", ("姓名", "任职方式"), [["张三", "专职"]])
    assert read_.warnings == () and all(p.level is Level.ERROR for p in read_.errors)
