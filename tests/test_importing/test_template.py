"""The official template: the reader's headers, required ones marked, and a filled copy reads clean."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from models.domain.errors import Level
from models.domain.vocabulary import DelegateType, DisabilityCategory
from models.importing.slate_reader import REQUIRED_HEADERS, read_slate
from models.importing.template import CHOICES, COLUMNS, DATA_ROWS, TEXT_COLUMNS, write_template
from models.importing.workbook import CANONICAL_HEADERS, IDENTIFIER_HEADERS

from .helpers import TODAY, codes, valid_id


@pytest.fixture
def template(tmp_path: Path) -> Path:
    return write_template(tmp_path / "名单模板.xlsx")


def _fill(template: Path, rows: list[dict[str, Any]], target: Path) -> Path:
    """Type rows under the template's own header, from row 2, cell by cell (never append)."""
    book = load_workbook(template)
    sheet = book.worksheets[0]
    columns = {cell.value: cell.column for cell in sheet[1]}
    for number, row in enumerate(rows, start=2):
        for header, value in row.items():
            sheet.cell(row=number, column=columns[header], value=value)
    book.save(target)
    return target


def _examples(template: Path) -> dict[str, Any]:
    """The 示例 column of 填写说明, as a row."""
    notes = load_workbook(template)["填写说明"]
    return {
        header: example
        for header, _required, _text, example in notes.iter_rows(
            min_row=2, max_row=len(COLUMNS) + 1, values_only=True
        )
        if example not in (None, "")
    }


def test_template_headers_are_the_readers_headers(template):
    sheet = load_workbook(template).worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    assert set(headers) == set(CANONICAL_HEADERS)
    assert len(headers) == len(set(headers)) == len(CANONICAL_HEADERS)
    assert [c[0] for c in COLUMNS] == headers
    assert set(TEXT_COLUMNS) == set(IDENTIFIER_HEADERS)
    assert set(CHOICES) <= set(CANONICAL_HEADERS)


def test_required_headers_are_marked(template):
    book = load_workbook(template)
    sheet = book.worksheets[0]
    filled = {
        cell.value
        for cell in sheet[1]
        if cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb.endswith("FFF2CC")
    }
    assert filled == set(REQUIRED_HEADERS)
    assert all(cell.font.bold for cell in sheet[1])
    notes = {
        row[0]: row[1]
        for row in book["填写说明"].iter_rows(min_row=2, max_row=len(COLUMNS) + 1, values_only=True)
    }
    assert {header for header, mark in notes.items() if mark == "必填"} == set(REQUIRED_HEADERS)
    assert set(notes.values()) == {"必填", "选填"}
    # Required only on congress slates: the instruction says so.
    instruction = dict((c[0], c[3]) for c in COLUMNS)["选举单位"]
    assert "代表名单必填" in instruction


def test_the_empty_template_reads_as_an_empty_slate(template):
    sheet = read_slate(template, body="congress", today=TODAY)
    assert (sheet.sheet_name, sheet.header_row, sheet.total) == ("名单", 1, 0)
    assert sheet.records == () and sheet.problems == ()
    book = load_workbook(template)
    data = book.worksheets[0]
    letters = {cell.value: cell.column_letter for cell in data[1]}
    for header in TEXT_COLUMNS:
        assert data[f"{letters[header]}{DATA_ROWS + 1}"].number_format == "@"


def test_the_templates_own_examples_read_without_problems(template, tmp_path):
    example = _examples(template)
    assert {"姓名", "性别", "身份证号", "选举单位", "残疾人证号"} <= set(example)
    sheet = read_slate(
        _fill(template, [example], tmp_path / "例.xlsx"), body="congress", today=TODAY
    )
    assert codes(sheet) == []
    [record] = sheet.records
    assert (record.row, record.name, record.id_number) == (2, "张三", example["身份证号"])
    assert record.cert_number == example["残疾人证号"]
    assert (record.category, record.grade) == (DisabilityCategory.PHYSICAL, 1)
    assert record.is_frontline and not record.is_role_model


def test_a_filled_template_reads_without_problems(template, tmp_path):
    ids = [valid_id(sequence=f"{n:03d}") for n in range(6)]
    genders = ["男" if int(i[16]) % 2 else "女" for i in ids]
    rows = [
        {"姓名": "甲", "性别": genders[0], "身份证号": ids[0], "选举单位": "大峪街道",
         "残疾类别": "视力", "残疾等级": "一级", "残疾人证号": ids[0] + "11", "城乡": "农村",
         "自强模范": "是", "代表类型": "特邀", "出生日期": "1980-01-02"},
        {"姓名": "乙", "性别": genders[1], "身份证号": ids[1], "选举单位": "斋堂镇",
         "残疾类别": "多重", "多重残疾包含类别": "听力、言语", "残疾等级": "四级"},
        {"姓名": "丙", "性别": genders[2], "身份证号": ids[2], "选举单位": "斋堂镇",
         "是否残疾人亲友": "是", "亲友残疾类别": "智力、精神", "助残志愿者": "是"},
        {"姓名": "丁", "性别": genders[3], "身份证号": ids[3], "选举单位": "永定镇",
         "助残社会组织代表": "是", "基层一线": "否", "备注": "自由文字", "联系电话": "010-6980"},
        {"姓名": "戊", "性别": genders[4], "身份证号": ids[4], "选举单位": "大峪街道",
         "残疾人证号": ids[4] + "43"},
        {"姓名": "己", "性别": genders[5], "身份证号": ids[5], "选举单位": "城子街道",
         "民族": "回族", "政治面貌": "群众", "工作单位及职务": "某厂 职工", "城乡": "城镇"},
    ]  # fmt: skip
    sheet = read_slate(_fill(template, rows, tmp_path / "填好.xlsx"), body="congress", today=TODAY)
    assert codes(sheet) == []
    assert sheet.total == len(sheet.records) == 6
    first, multi, relative, org, cert_only, plain = sheet.records
    assert first.delegate_type is DelegateType.INVITED and first.is_rural is True
    assert multi.multi_components == (DisabilityCategory.HEARING, DisabilityCategory.SPEECH)
    assert relative.is_relative and len(relative.relative_categories) == 2
    assert (
        org.is_org_representative and not org.is_frontline and org.remarks == {"备注": "自由文字"}
    )
    assert (cert_only.category, cert_only.grade) == (DisabilityCategory.PHYSICAL, 3)
    assert plain.is_rural is False and plain.ethnicity == "回族"


@pytest.mark.parametrize("header", sorted(CHOICES))
def test_every_drop_down_choice_is_accepted(template, tmp_path, header):
    """What a clerk can pick from a drop-down never comes back as an error."""
    words = CHOICES[header].split(",")
    ids = [valid_id(sequence=f"{n:03d}") for n in range(len(words))]
    rows = []
    for id_number, word in zip(ids, words, strict=True):
        gender = "男" if int(id_number[16]) % 2 else "女"
        row = {"姓名": "某", "性别": gender, "身份证号": id_number, "选举单位": "大峪街道"}
        row[header] = word  # a 性别 that disagrees with the ID is a warning, not an error
        rows.append(row)
    sheet = read_slate(_fill(template, rows, tmp_path / "选项.xlsx"), body="congress", today=TODAY)
    assert [p for p in sheet.problems if p.level is Level.ERROR] == []
    assert len(sheet.records) == len(words)
