"""Which sheet and which row is the header, how headers may be spelled, and row numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from models.domain.errors import DomainError
from models.importing.slate_reader import read_slate
from models.importing.workbook import normalise_header

from .helpers import TODAY, codes, fill_sheet, person, read, valid_id, write_slate


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("姓名", "姓名"),
        ("*姓名", "姓名"),
        ("＊姓名", "姓名"),
        ("姓名*", "姓名"),
        ("姓名（必填）", "姓名"),
        ("姓名(必填)", "姓名"),
        ("*姓名（必填）", "姓名"),
        ("  姓名  ", "姓名"),
        ("姓　名", "姓名"),
        ("身份证号\n（必填）", "身份证号"),
        ("身份证号码", "身份证号码"),
        ("姓名（选填）", "姓名(选填)"),
    ],
)
def test_header_normalisation(text: str, canonical: str) -> None:
    assert normalise_header(text) == canonical


def test_tolerant_headers_in_any_order_with_remarks(tmp_path: Path) -> None:
    headers = ["爱好", "身份证号（必填）", "性　别", "*姓名", " 选举单位 ", "＊备注", "家庭住址"]
    row = {
        "爱好": "书法",
        "身份证号（必填）": valid_id(),
        "性　别": "男",
        "*姓名": "张三",
        " 选举单位 ": "大峪街道",
        "＊备注": "连任",
        "家庭住址": 12,
    }
    sheet = read(tmp_path, [row], headers=headers)
    assert sheet.problems == ()
    record = sheet.records[0]
    assert (record.name, record.id_number, record.electoral_unit) == (
        "张三",
        valid_id(),
        "大峪街道",
    )
    assert dict(record.remarks) == {"爱好": "书法", "备注": "连任", "家庭住址": 12}
    assert sheet.headers == (*headers[:4], "选举单位", "＊备注", "家庭住址")


def test_other_spellings_are_not_accepted(tmp_path: Path) -> None:
    row = {"姓名": "张三", "性别": "男", "身份证号码": valid_id(), "选举单位": "大峪街道"}
    with pytest.raises(DomainError) as caught:
        read(tmp_path, [row])
    assert caught.value.code == "headers_missing"
    assert caught.value.params["missing"] == ["身份证号"]
    assert "身份证号" in caught.value.params["expected"]


def test_congress_needs_the_electoral_unit_header_presidium_does_not(tmp_path: Path) -> None:
    row = {"姓名": "张三", "性别": "男", "身份证号": valid_id()}
    with pytest.raises(DomainError) as caught:
        read(tmp_path, [row], body="congress")
    assert (caught.value.code, caught.value.params["missing"]) == ("headers_missing", ["选举单位"])
    assert read(tmp_path, [row], body="presidium").counted == 1


def test_title_and_empty_rows_above_the_header_keep_the_sheets_row_numbers(tmp_path: Path) -> None:
    above = [[], [], [None, "第八次代表大会代表候选人名单"], []]
    rows = [person(), None, person(姓名=None, 身份证号=valid_id(sequence="135"))]
    sheet = read(tmp_path, rows, above=above)
    assert sheet.header_row == 5
    assert [record.row for record in sheet.records] == [6]
    assert codes(sheet) == [(8, "姓名", "missing_required")]
    assert sheet.excluded_rows == (8,)
    assert [number for number, _ in sheet.raw_rows] == [6, 8]


def test_data_starting_in_a_later_column_keeps_columns_aligned(tmp_path: Path) -> None:
    workbook = Workbook()
    worksheet = workbook.active
    for column, value in enumerate(["姓名", "性别", "身份证号", "选举单位"], start=3):
        worksheet.cell(row=3, column=column, value=value)
    for column, value in enumerate(["张三", "男", valid_id(), "大峪街道"], start=3):
        worksheet.cell(row=4, column=column, value=value)
    path = tmp_path / "offset.xlsx"
    workbook.save(path)
    sheet = read_slate(path, body="congress", today=TODAY)
    assert sheet.header_row == 3 and sheet.records[0].row == 4
    assert sheet.headers == ("", "", "姓名", "性别", "身份证号", "选举单位")
    assert sheet.raw_rows == ((4, (None, None, "张三", "男", valid_id(), "大峪街道")),)


def test_header_must_be_within_the_first_ten_rows(tmp_path: Path) -> None:
    path = write_slate(tmp_path / "late.xlsx", [person()], above=[[]] * 10)
    with pytest.raises(DomainError) as caught:
        read_slate(path, body="congress", today=TODAY)
    assert caught.value.code == "header_not_found"
    nine = write_slate(tmp_path / "nine.xlsx", [person()], above=[[]] * 9)
    assert read_slate(nine, body="congress", today=TODAY).header_row == 10


def test_header_row_needs_both_name_and_gender(tmp_path: Path) -> None:
    path = write_slate(tmp_path / "half.xlsx", [{"姓名": "张三", "身份证号": valid_id()}])
    with pytest.raises(DomainError) as caught:
        read_slate(path, body="presidium", today=TODAY)
    assert caught.value.code == "header_not_found"


def test_instructions_sheet_first_then_the_data_sheet(tmp_path: Path) -> None:
    workbook = Workbook()
    notes = workbook.active
    notes.title = "填写说明"
    notes["A1"] = "姓名：必填"
    notes["A2"] = "性别：男或女"
    data = workbook.create_sheet("代表名单")
    fill_sheet(data, [person()])
    later = workbook.create_sheet("旧名单")
    fill_sheet(later, [person(姓名="旧人")])
    path = tmp_path / "two-sheets.xlsx"
    workbook.save(path)
    sheet = read_slate(path, body="congress", today=TODAY)
    assert sheet.sheet_name == "代表名单"
    assert [record.name for record in sheet.records] == ["张三"]


def test_the_first_sheet_with_a_header_wins(tmp_path: Path) -> None:
    workbook = Workbook()
    fill_sheet(workbook.active, [person(姓名="甲")])
    workbook.active.title = "一"
    fill_sheet(workbook.create_sheet("二"), [person(姓名="乙")])
    path = tmp_path / "first.xlsx"
    workbook.save(path)
    assert read_slate(path, body="congress", today=TODAY).records[0].name == "甲"


def test_a_hidden_sheet_comes_after_visible_ones(tmp_path: Path) -> None:
    workbook = Workbook()
    fill_sheet(workbook.active, [person(姓名="隐藏")])
    workbook.active.sheet_state = "hidden"
    fill_sheet(workbook.create_sheet("名单"), [person(姓名="可见")])
    workbook.active = 1
    path = tmp_path / "hidden.xlsx"
    workbook.save(path)
    assert read_slate(path, body="congress", today=TODAY).records[0].name == "可见"


def test_a_repeated_header_is_kept_as_a_remark(tmp_path: Path) -> None:
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.append(["姓名", "性别", "身份证号", "选举单位", "姓名", None])
    worksheet.append(["张三", "男", valid_id(), "大峪街道", "张三丰", "无表头的内容"])
    path = tmp_path / "repeat.xlsx"
    workbook.save(path)
    record = read_slate(path, body="congress", today=TODAY).records[0]
    assert record.name == "张三"
    assert dict(record.remarks) == {"姓名（2）": "张三丰", "F列": "无表头的内容"}


def test_an_empty_slate_reads_as_zero_rows(tmp_path: Path) -> None:
    sheet = read(tmp_path, [None, None], headers=["姓名", "性别", "身份证号", "选举单位"])
    assert (sheet.total, sheet.counted, sheet.excluded_rows, sheet.problems) == (0, 0, (), ())


def test_an_empty_first_sheet_is_passed_over(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.title = "空白"
    fill_sheet(workbook.create_sheet("名单"), [person()])
    path = tmp_path / "empty-first.xlsx"
    workbook.save(path)
    sheet = read_slate(path, body="congress", today=TODAY)
    assert (sheet.sheet_name, sheet.counted) == ("名单", 1)
