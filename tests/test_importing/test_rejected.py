"""Rejected rows written back as typed, beside the input, never over an earlier file."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook

from models.domain.messages import message
from models.importing.rejected import write_rejected
from models.importing.slate_reader import read_slate

from .helpers import TODAY, person, valid_id, write_slate

HEADERS = ["*姓名", "性别", "身份证号（必填）", "选举单位", "出生日期", "残疾人证号", "爱好"]


def _slate(tmp_path: Path) -> Path:
    rows = [
        {"*姓名": "张三", "性别": "男", "身份证号（必填）": valid_id(), "选举单位": "大峪街道"},
        {
            "*姓名": "李四",
            "性别": "男",
            "身份证号（必填）": 110109198001021359,
            "选举单位": "大峪街道",
            "出生日期": datetime(1980, 1, 2),
            "残疾人证号": 11010919800102135941,
            "爱好": "=SUM(A1)",
        },
        None,
        {
            "*姓名": "王五",
            "性别": "未知",
            "身份证号（必填）": valid_id(sequence="145"),
            "爱好": "x",
        },
    ]
    return write_slate(tmp_path / "第八届名单.xlsx", rows, headers=HEADERS, above=[["候选人名单"]])


def test_rejected_rows_with_their_headers_values_and_explanations(tmp_path: Path) -> None:
    source = _slate(tmp_path)
    sheet = read_slate(source, body="congress", today=TODAY)
    assert sheet.excluded_rows == (4, 6)
    target = write_rejected(sheet, source)
    assert target == tmp_path / "第八届名单.rejected.xlsx"
    worksheet = load_workbook(target).active
    rows = [[cell.value for cell in row] for row in worksheet.iter_rows()]
    assert rows[0] == [*HEADERS, "错误说明"]
    assert len(rows) == 3
    li, wang = rows[1], rows[2]
    assert li[:5] == ["李四", "男", "110109198001021000", "大峪街道", datetime(1980, 1, 2)]
    assert li[5] == "11010919800102135941"[:15] + "00000"  # what Excel kept of the number
    assert li[6] == "'=SUM(A1)"  # text, quoted the OWASP way, not a formula
    assert worksheet.cell(row=2, column=7).data_type == "s"
    assert wang[:4] == ["王五", "未知", valid_id(sequence="145"), None]
    for row_number, explanation in ((4, li[-1]), (6, wang[-1])):
        assert explanation.startswith(f"原表第{row_number}行：")
        for problem in sheet.problems:
            if problem.row == row_number and problem.level == "error":
                assert message(problem.code, problem.params) in explanation
    assert "选举单位为必填项" in wang[-1] and "性别只能填" in wang[-1]


def test_id_columns_are_text_cells(tmp_path: Path) -> None:
    source = _slate(tmp_path)
    target = write_rejected(read_slate(source, body="congress", today=TODAY), source)
    worksheet = load_workbook(target).active
    for column in (3, 6):
        for row in (2, 3):
            cell = worksheet.cell(row=row, column=column)
            assert cell.number_format == "@"
            assert cell.value is None or isinstance(cell.value, str)


def test_never_overwrites(tmp_path: Path) -> None:
    source = _slate(tmp_path)
    sheet = read_slate(source, body="congress", today=TODAY)
    first = write_rejected(sheet, source)
    first_bytes = first.read_bytes()
    second = write_rejected(sheet, source)
    third = write_rejected(sheet, source)
    assert [first.name, second.name, third.name] == [
        "第八届名单.rejected.xlsx",
        "第八届名单.rejected-2.xlsx",
        "第八届名单.rejected-3.xlsx",
    ]
    assert first.read_bytes() == first_bytes


def test_the_rejected_file_reads_back_with_the_same_rows(tmp_path: Path) -> None:
    source = write_slate(
        tmp_path / "slate.xlsx",
        [person(), person(姓名="李四", 身份证号=valid_id(sequence="135"), 城乡="城市")],
    )
    target = write_rejected(read_slate(source, body="congress", today=TODAY), source)
    again = read_slate(target, body="congress", today=TODAY)
    assert again.total == 1 and again.excluded_rows == (2,)
    assert [(p.column, p.code) for p in again.problems] == [("城乡", "value_invalid")]
    assert again.headers[-1] == "错误说明"
    # Rejected again: one 错误说明, the new one; and it is never read as a remark.
    twice = write_rejected(again, target)
    headers = [cell.value for cell in next(load_workbook(twice).active.iter_rows())]
    assert headers.count("错误说明") == 1 and headers[-1] == "错误说明"
    assert (
        load_workbook(twice).active.cell(row=2, column=len(headers)).value.startswith("原表第2行")
    )


def test_the_explanation_column_is_not_a_remark(tmp_path: Path) -> None:
    sheet = read_slate(
        write_slate(tmp_path / "fixed.xlsx", [person(错误说明="原表第4行：…", 爱好="书法")]),
        body="congress",
        today=TODAY,
    )
    assert dict(sheet.records[0].remarks) == {"爱好": "书法"}
