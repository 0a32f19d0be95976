"""The election results sheet: 身份证号 and 结果, read as tolerantly as a slate."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from models.domain.errors import DomainError
from models.domain.identity import check_digit
from models.domain.messages import message
from models.importing.election_results import read_election_results

TODAY = date(2026, 12, 10)


def _id(sequence: str) -> str:
    first17 = f"11010119800102{sequence}"
    return first17 + check_digit(first17)


def _write(path: Path, grid: list[list[object]], title_rows: int = 0) -> Path:
    workbook = Workbook()
    notes = workbook.active
    notes.title = "说明"
    notes["A1"] = "本表填写选举结果"
    sheet = workbook.create_sheet("结果")
    for r, cells in enumerate(grid, start=1 + title_rows):
        for c, value in enumerate(cells, start=1):
            if value is not None:
                sheet.cell(row=r, column=c, value=value).data_type = (
                    "s" if isinstance(value, str) else "n"
                )
    workbook.save(path)
    return path


def test_headers_and_ids_are_read_as_a_clerk_writes_them(tmp_path):
    full_width = _id("123").translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    path = _write(
        tmp_path / "r.xlsx",
        [
            ["序号", "*身份证号（必填）", "结 果", "姓名"],
            [1, full_width, " 当选 ", "赵一"],
            [2, f" {_id('124')} ", "未当选", "钱二"],
            [None, None, None, None],
        ],
        title_rows=2,
    )
    sheet = read_election_results(path, today=TODAY)
    assert sheet.sheet_name == "结果" and sheet.problems == () and sheet.total == 2
    assert [(r.row, r.id_number, r.result) for r in sheet.rows] == [
        (4, _id("123"), "当选"),
        (5, _id("124"), "未当选"),
    ]


def test_row_problems_name_the_sheet_row_and_column(tmp_path):
    path = _write(
        tmp_path / "r.xlsx",
        [
            ["身份证号", "结果"],
            [_id("123"), "当选"],
            [_id("123"), "递补"],
            [None, "当选"],
            [110101198001021234, "当选"],
        ],
    )
    sheet = read_election_results(path, today=TODAY)
    found = [(p.row, p.column, p.code) for p in sheet.problems]
    assert found == [
        (2, "身份证号", "dup_id"),
        (3, "身份证号", "dup_id"),
        (3, "结果", "election_result_invalid"),
        (4, "身份证号", "missing_required"),
        (5, "身份证号", "id_numeric_cell"),
    ]
    dup = sheet.problems[0]
    assert message(dup.code, dup.params).startswith("身份证号 110101********")


@pytest.mark.parametrize(
    ("header", "missing"),
    [(["身份证号", "姓名"], ["结果"]), (["姓名", "性别"], ["身份证号", "结果"])],
)
def test_a_missing_column_is_named(tmp_path, header, missing):
    path = _write(tmp_path / "r.xlsx", [header, [_id("123"), "当选"]])
    with pytest.raises(DomainError) as caught:
        read_election_results(path, today=TODAY)
    assert (caught.value.code, caught.value.params["missing"]) == ("headers_missing", missing)
    assert "身份证号、结果" in message(caught.value.code, caught.value.params)


def test_an_unreadable_file_is_refused(tmp_path):
    path = tmp_path / "r.xlsx"
    path.write_text("不是表格")
    with pytest.raises(DomainError) as caught:
        read_election_results(path, today=TODAY)
    assert caught.value.code == "file_unreadable"
