"""Slate workbooks for the command-line tests: valid IDs, rows that pass the quotas, cells by number.

Rows are written by explicit row numbers (never `ws.append`), so the same writer fills the
official template, whose first 1000 data rows are pre-formatted and so already "used".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from models.domain.identity import check_digit
from models.importing.workbook import CANONICAL_HEADERS

# Not the demo's 110109 (门头沟), so an imported person never meets a demo person by chance.
AREA = "110101"
# The reader's own list; tests/test_importing spells it out once, as the spec.
HEADERS = CANONICAL_HEADERS
TEXT_HEADERS = ("身份证号", "残疾人证号")
CERT_DIGIT = {"视力": "1", "听力": "2", "言语": "3", "肢体": "4", "智力": "5", "精神": "6"}
UNITS = ("大峪街道", "城子街道", "斋堂镇", "永定镇", "清水镇")
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红"


def valid_id(index: int, area: str = AREA) -> str:
    """A distinct valid ID per index (born 1960-01-01 + index days); even index 男, odd 女."""
    born = date(1960, 1, 1) + timedelta(days=index % 20000)
    first17 = f"{area}{born:%Y%m%d}{index // 20000 % 100:02d}{1 if index % 2 == 0 else 2}"
    return first17 + check_digit(first17)


def is_male(id_number: str) -> bool:
    return int(id_number[16]) % 2 == 1


def person(index: int, **cells: Any) -> dict[str, Any]:
    """A row without problems: a man or woman per the ID, a unit, base fields filled."""
    id_number = valid_id(index)
    row: dict[str, Any] = {
        "姓名": SURNAMES[index % len(SURNAMES)] + GIVEN[index * 7 % len(GIVEN)],
        "性别": "男" if is_male(id_number) else "女",
        "身份证号": id_number,
        "选举单位": UNITS[index % len(UNITS)],
        "民族": "汉族",
        "联系电话": f"1380000{index:04d}",
        "工作单位及职务": f"{UNITS[index % len(UNITS)]}残联 专职委员",
        "基层一线": "是",
    }
    row.update(cells)
    return row


def disabled(index: int, category: str, grade: int = 2, **cells: Any) -> dict[str, Any]:
    """A disabled person with a certificate that agrees with the ID, category and grade."""
    row = person(index, **cells)
    row["残疾类别"] = category
    row["残疾等级"] = "一二三四"[grade - 1] + "级"
    row["残疾人证号"] = row["身份证号"] + CERT_DIGIT[category] + str(grade)
    row.update(cells)
    return row


def passing_rows(start: int = 0) -> list[dict[str, Any]]:
    """Ten people who pass every error-level rule for congress and presidium alike.

    8 of 10 disabled (≥ 70 %), all 基层一线 (≥ 80 %), every category represented.
    """
    categories = ["视力", "听力", "肢体", "智力", "精神", "肢体", "视力", "听力"]
    rows = [disabled(start + i, category) for i, category in enumerate(categories)]
    rows[2]["自强模范"] = "是"
    rows[3]["城乡"] = "农村"
    rows += [
        person(start + 8, 是否残疾人亲友="是", 亲友残疾类别="智力", 助残志愿者="是"),
        person(start + 9, 助残社会组织代表="是", 城乡="城镇"),
    ]
    return rows


def bad_checksum(index: int) -> str:
    good = valid_id(index)
    return good[:17] + ("0" if good[17] != "0" else "1")


def fill(worksheet: Any, rows: Iterable[Mapping[str, Any]], headers: Sequence[str]) -> None:
    """Header in row 1 (as given), data from row 2, cell by cell; ID strings stay text."""
    for column, header in enumerate(headers, start=1):
        worksheet.cell(row=1, column=column, value=header)
    for number, row in enumerate(rows, start=2):
        for column, header in enumerate(headers, start=1):
            value = row.get(header)
            if value is None:
                continue
            cell = worksheet.cell(row=number, column=column, value=value)
            if header in TEXT_HEADERS:
                cell.number_format = "@"
                cell.data_type = "s"


def write_slate(
    path: Path, rows: Iterable[Mapping[str, Any]], headers: Sequence[str] = HEADERS
) -> Path:
    workbook = Workbook()
    workbook.active.title = "名单"
    fill(workbook.active, rows, headers)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def fill_template(template: Path, rows: Sequence[Mapping[str, Any]], target: Path) -> Path:
    """Type rows into the template's data sheet under its own header, from row 2."""
    workbook = load_workbook(template)
    sheet = workbook.worksheets[0]
    columns = {sheet.cell(row=1, column=c).value: c for c in range(1, sheet.max_column + 1)}
    for number, row in enumerate(rows, start=2):
        for header, value in row.items():
            if value is not None:
                sheet.cell(row=number, column=columns[header], value=value)
    workbook.save(target)
    return target


def read_rows(path: Path) -> list[list[Any]]:
    """Every row of the first sheet as values (for the rejected-rows file)."""
    sheet = load_workbook(path).worksheets[0]
    return [[cell.value for cell in row] for row in sheet.iter_rows()]
