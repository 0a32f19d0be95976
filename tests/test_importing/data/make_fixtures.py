"""Regenerates the binary fixtures that need tools outside the project's dependencies.

Run from the repository root:
    uv run --with xlwt --with msoffcrypto-tool python tests/test_importing/data/make_fixtures.py
slate.xls is a real BIFF8 workbook written by xlwt (the project itself never writes .xls);
encrypted.xlsx is a real password-protected workbook (password "secret") from msoffcrypto-tool.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import xlwt
from msoffcrypto.format.ooxml import OOXMLFile
from openpyxl import Workbook

from models.domain.identity import check_digit

HERE = Path(__file__).parent


def valid_id(first17: str) -> str:
    return first17 + check_digit(first17)


def make_xls() -> None:
    book = xlwt.Workbook(encoding="utf-8")
    notes = book.add_sheet("填写说明")
    notes.write(0, 0, "请在“名单”工作表中填写，身份证号列请设为文本。")
    sheet = book.add_sheet("名单")
    sheet.write(0, 0, "第八次代表大会代表候选人名单")
    for column, header in enumerate(
        ("姓名", "性别", "身份证号", "选举单位", "出生日期", "残疾类别")
    ):
        sheet.write(1, column, header)
    sheet.write(2, 0, "张三")
    sheet.write(2, 1, "男")
    sheet.write(2, 2, valid_id("11010919800102123"))  # a text cell
    sheet.write(2, 3, "大峪街道")
    sheet.write(2, 4, date(1980, 1, 2), xlwt.easyxf(num_format_str="YYYY-MM-DD"))
    sheet.write(2, 5, "肢体")
    sheet.write(3, 0, "李四")
    sheet.write(3, 1, "女")
    sheet.write(3, 2, 110109198503041242)  # a number cell: Excel keeps 15 significant digits
    sheet.write(3, 3, "斋堂镇")
    book.save(str(HERE / "slate.xls"))


def make_encrypted() -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["姓名", "性别", "身份证号"])
    sheet.append(["张三", "男", valid_id("11010919800102123")])
    plain = io.BytesIO()
    workbook.save(plain)
    plain.seek(0)
    office_file = OOXMLFile(plain)
    with (HERE / "encrypted.xlsx").open("wb") as target:
        office_file.encrypt("secret", target)


if __name__ == "__main__":
    make_xls()
    make_encrypted()
