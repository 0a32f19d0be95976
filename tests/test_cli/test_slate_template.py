"""`yishi template slate`: headers, formats, drop-downs and instructions; a filled template imports."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from models.importing.workbook import CANONICAL_HEADERS

from .helpers import CJK, run_cli, scalar
from .slate_commands import (
    check_slate,
    checked_json,
)
from .slate_files import (
    fill_template,
    passing_rows,
)

CHOICE_HEADERS = {
    "性别": {"男", "女"},
    "残疾类别": {"视力", "听力", "言语", "肢体", "智力", "精神", "多重"},
    "残疾等级": {"一级", "二级", "三级", "四级"},
    "城乡": {"城镇", "农村"},
    "代表类型": {"正式", "特邀"},
    **{
        header: {"是", "否"}
        for header in ("是否残疾人亲友", "自强模范", "基层一线", "助残社会组织代表", "助残志愿者")
    },
}


# --- template -------------------------------------------------------------------------------


@pytest.fixture
def template(capsys, tmp_path) -> Path:
    path = tmp_path / "模板" / "名单模板.xlsx"
    result = run_cli(capsys, "template", "slate", "-o", str(path))
    assert result.code == 0, result.err
    assert str(path) in result.out
    return path


def _validation_choices(sheet: Any, column: str) -> set[str] | None:
    """The list of the drop-down covering column's data rows, if any."""
    for validation in sheet.data_validations.dataValidation:
        cells = str(validation.sqref)
        if validation.type == "list" and re.search(rf"\b{column}2:{column}\d+", cells):
            return set(validation.formula1.strip('"').split(","))
    return None


def test_template_headers_formats_dropdowns_and_instructions(template):
    book = load_workbook(template)
    assert book.sheetnames[0] != "填写说明"
    data = book.worksheets[0]
    headers = [cell.value for cell in data[1] if cell.value is not None]
    assert set(headers) == set(CANONICAL_HEADERS)
    assert len(headers) == len(CANONICAL_HEADERS)
    letters = {cell.value: cell.column_letter for cell in data[1]}
    for header in ("身份证号", "残疾人证号"):
        for row in (2, 500, 1001):
            assert data[f"{letters[header]}{row}"].number_format == "@", (header, row)
    for header, words in CHOICE_HEADERS.items():
        assert _validation_choices(data, letters[header]) == words, header
    for header in ("姓名", "身份证号", "出生日期", "联系电话", "备注"):
        assert _validation_choices(data, letters[header]) is None, header

    notes = book["填写说明"]
    rows = [[cell.value for cell in row] for row in notes.iter_rows(min_row=1)]
    assert rows[0][:2] == ["列名", "是否必填"]
    described = [row[0] for row in rows[1 : len(headers) + 1]]
    assert described == headers  # one row per column, in the sheet's order
    for row in rows[1 : len(headers) + 1]:
        assert row[1] in {"必填", "选填"}
        assert isinstance(row[2], str) and re.search(f"[{CJK}]", row[2])
    required = {row[0] for row in rows[1 : len(headers) + 1] if row[1] == "必填"}
    assert required == {"姓名", "性别", "身份证号"}


def test_template_only_as_xlsx(capsys, tmp_path):
    result = run_cli(capsys, "template", "slate", "-o", str(tmp_path / "x.xls"), "--json")
    assert result.code == 2
    assert not (tmp_path / "x.xls").exists()


def test_the_empty_template_is_an_empty_slate(capsys, template):
    result = check_slate(capsys, template)
    assert result.code == 1
    assert "名单为空" in result.out


def test_a_filled_template_passes_check_slate_and_imports(capsys, tmp_path, template, demo):
    filled = fill_template(template, passing_rows(), tmp_path / "填好的名单.xlsx")
    code, payload = checked_json(capsys, filled)
    assert code == 0, payload
    assert (payload["total"], payload["counted"], payload["row_warnings"]) == (10, 10, [])
    people = scalar(demo.path, "SELECT count(*) FROM person")
    result = run_cli(
        capsys,
        "--database",
        demo.url,
        "import",
        "slate",
        str(filled),
        "--body",
        "congress",
        "--term",
        "8",
        "--json",
    )
    assert result.code == 0, result.out + result.err
    assert result.json()["imported"] == 10
    assert scalar(demo.path, "SELECT count(*) FROM person") == people + 10
