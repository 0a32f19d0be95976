"""Every .xlsx Yishi writes stores text as text: no cell a nominating unit or a clerk typed
becomes a live formula in Excel or WPS (issue 13, item 1)."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from models.documents.papers.decision_register import (
    DecisionRegisterData,
    RegisterLine,
    decision_register_paper,
)
from models.documents.papers.motion_summary import (
    FigureLine,
    MotionSummaryData,
    SummaryLine,
    motion_summary_paper,
)
from models.documents.xlsx_cells import neutralised, put
from models.documents.xlsx_summary import write_xlsx
from models.importing.rejected import write_rejected
from models.importing.slate_reader import read_slate
from models.importing.template import write_roster_template, write_template

from .helpers import TODAY, valid_id

PROPOSER = "=cmd|' /C calc'!A0"
TITLE = "+SUM(1)"
HOSTILE = (PROPOSER, TITLE, '=HYPERLINK("x")', "@x", "-1+1", "\tTAB", "\rCR")


def _formulas(path: Path) -> list[str]:
    """Every `<f>` in the raw sheet XML, and every cell openpyxl reads as a formula."""
    found: list[str] = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                found += re.findall(r"<f[ >].*?</f>", archive.read(name).decode())
    for sheet in load_workbook(path).worksheets:
        for row in sheet.iter_rows():
            found += [f"{c.coordinate}: {c.value}" for c in row if c.data_type == "f"]
    return found


def _texts(path: Path) -> list[str]:
    return [
        cell.value
        for sheet in load_workbook(path).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]


def _assert_survives(path: Path, texts: tuple[str, ...]) -> None:
    assert _formulas(path) == []
    written = _texts(path)
    for text in texts:
        assert "'" + text in written, text  # quoted the OWASP way, nothing else changed


@pytest.mark.parametrize("text", HOSTILE)
def test_text_that_could_start_a_formula_is_quoted(text: str) -> None:
    assert neutralised(text) == "'" + text
    assert neutralised("张三") == "张三" and neutralised("a=b") == "a=b"


@pytest.mark.parametrize("text", ["-5", "+8613700000000", "-2.5"])
def test_a_signed_number_typed_as_text_is_no_formula_and_stays_as_typed(text: str) -> None:
    assert neutralised(text) == text


def test_numbers_dates_and_booleans_are_written_as_they_are() -> None:
    sheet = Workbook().active
    for column, value in enumerate((-5, 2.5, date(2026, 1, 2), True, None), start=1):
        cell = put(sheet.cell(row=1, column=column), value)
        assert cell.value == value and cell.data_type != "s"
    assert put(sheet.cell(row=2, column=1), "#N/A").data_type == "s"


def test_the_motion_summary_keeps_a_hostile_proposer_as_text(tmp_path: Path) -> None:
    line = SummaryLine("第1号", TITLE, PROPOSER, "@康复部", "康复", "已答复", "A",
                       "-1+1", "\t满意", False, True)  # fmt: skip
    figure = FigureLine("\r康复部", 2, 1, "50.0%", "-5", "100.0%", "A", "100.0%", "100.0%")
    data = MotionSummaryData("门头沟区残疾人联合会", "第八届主席团", (line,), (figure,),
                             date(2026, 6, 1))  # fmt: skip
    path = tmp_path / "summary.xlsx"
    write_xlsx(motion_summary_paper(data), path)
    _assert_survives(path, (PROPOSER, TITLE, "@康复部", "-1+1", "\t满意", "\r康复部"))
    figures = load_workbook(path).worksheets[1]
    numbers = [c.value for row in figures.iter_rows(min_row=3) for c in row]
    assert -5 in numbers and 2 in numbers  # a number stays a number a sum can use


def test_the_decision_register_keeps_a_hostile_title_as_text(tmp_path: Path) -> None:
    line = RegisterLine(TITLE, "大额度资金使用", PROPOSER, "执行中", follow_up="-已完成1项")
    register = DecisionRegisterData(2026, (line, replace(line, title="@x")), date(2026, 12, 31))
    path = tmp_path / "register.xlsx"
    write_xlsx(decision_register_paper(register), path)
    _assert_survives(path, (TITLE, PROPOSER, "-已完成1项", "@x"))


def test_the_rejected_rows_keep_hostile_headers_and_values_as_text(tmp_path: Path) -> None:
    headers = ["姓名", "性别", "身份证号", "选举单位", '=HYPERLINK("x")', "@x", "备注"]
    rows = [
        ["张三", "男", valid_id(), "大峪街道", "-1+1", -5, "\tTAB"],
        [PROPOSER, "未知", valid_id(sequence="145"), "大峪街道", TITLE, "\rCR", "@x"],
    ]
    book = Workbook()
    for number, values in enumerate([headers, *rows], start=1):
        for column, value in enumerate(values, start=1):
            cell = book.active.cell(row=number, column=column, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
    source = tmp_path / "名单.xlsx"
    book.save(source)
    sheet = read_slate(source, body="congress", today=TODAY)
    assert sheet.excluded_rows == (3,)  # 性别 未知: the row with the hostile name is left out
    path = write_rejected(replace(sheet, excluded_rows=(2, 3)), source)
    _assert_survives(path, (*HOSTILE[:5], "\tTAB", "\rCR"))
    written = load_workbook(path).active
    assert [c.value for c in written[1]][4:6] == ["'" + headers[4], "'@x"]
    assert written.cell(row=2, column=6).value == -5  # a number stays a number


@pytest.mark.parametrize("write", [write_template, write_roster_template])
def test_the_templates_hold_no_formula(tmp_path: Path, write) -> None:
    path = write(tmp_path / "template.xlsx")
    assert _formulas(path) == []
    assert not any(text.startswith("'") for text in _texts(path))  # nothing needed quoting
