"""`yishi template <register>` and `yishi registers <register> import` through the real command
line, on a database built without the demo: the template filled as a clerk would, exit 1 and
nothing written on row errors, --valid-only with the rejected file, --json as `motions import`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from desktop.cli.parser_registers import SHEETS
from models.services.organisation.importing import IMPORTABLE
from models.store.unit_of_work import open_database
from tests.test_services._organisation import build_district

from .helpers import Result, run_cli, scalar, sqlite_url


@pytest.fixture
def office(tmp_path: Path, capsys) -> Path:
    path = tmp_path / "office.sqlite3"
    assert run_cli(capsys, "--database", sqlite_url(path), "db", "upgrade").code == 0
    db = open_database(sqlite_url(path))
    try:
        build_district(db)
    finally:
        db.engine.dispose()
    return path


def yishi(capsys, path: Path, *argv: str) -> Result:
    return run_cli(capsys, "--database", sqlite_url(path), "--user", "clerk", *argv)


def template(capsys, office: Path, register: str, rows: list[dict[str, Any]]) -> Path:
    target = office.parent / f"{register}.xlsx"
    result = yishi(capsys, office, "template", register, "-o", str(target))
    assert result.code == 0, result.err
    assert f"已生成{SHEETS[register]}导入模板" in result.out
    book = load_workbook(target)
    sheet = book.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    for number, row in enumerate(rows, start=2):
        for header, value in row.items():
            sheet.cell(row=number, column=headers.index(header) + 1, value=value)
    book.save(target)
    return target


def test_the_sheets_are_the_importable_registers() -> None:
    assert set(SHEETS) == {r.value for r in IMPORTABLE}


def test_places_from_the_template(capsys, office):
    rows = [
        {
            "街乡镇": "龙泉镇",
            "名称": "琉璃渠村",
            "类别": "村",
            "低收入村": "是",
            "年度": 2026,
            "残疾人口": 50,
        },
        {
            "街乡镇": "大峪街道",
            "名称": "东辛房社区",
            "类别": "社区",
            "年度": 2026,
            "常住人口": 7000,
        },
    ]
    path = template(capsys, office, "places", rows)
    result = yishi(capsys, office, "registers", "places", "import", str(path))
    assert result.code == 0, result.err
    assert "已导入村和社区及人口 2 行" in result.out
    assert scalar(office, "SELECT count(*) FROM township") == 3  # 龙泉镇 added
    assert scalar(office, "SELECT count(*) FROM place_population") == 2
    assert scalar(office, "SELECT low_income FROM place WHERE name = '琉璃渠村'") == 1


def test_row_errors_exit_1_and_write_nothing(capsys, office):
    rows = [{"姓名": f"干部{i}", "任职方式": "专职"} for i in range(6)]
    rows[1]["任职方式"] = "外聘"  # row 3
    rows[4]["残疾类别"] = "视障"  # row 6
    path = template(capsys, office, "cadres", rows)
    result = yishi(capsys, office, "registers", "cadres", "import", str(path))
    assert result.code == 1
    assert "干部名册表中有 2 行有错误，未导入任何一行" in result.out
    assert "第 3 行［任职方式］任职方式的值“外聘”无效" in result.out
    assert scalar(office, "SELECT count(*) FROM cadre") == 0
    assert not path.with_name("cadres.rejected.xlsx").exists()
    result = yishi(
        capsys, office, "registers", "cadres", "import", str(path), "--valid-only", "--json"
    )
    assert result.code == 1
    data = result.json()
    assert data["total"] == 6 and data["imported"] == 4 and len(data["record_ids"]) == 4
    assert data["rejected_rows"] == [3, 6]
    assert [(e["row"], e["column"], e["code"]) for e in data["row_errors"]] == [
        (3, "任职方式", "value_invalid"),
        (6, "残疾类别", "category_unknown"),
    ]
    assert data["rejected_file"] == str(path.with_name("cadres.rejected.xlsx"))
    assert scalar(office, "SELECT count(*) FROM cadre") == 4
    rejected = load_workbook(data["rejected_file"]).active
    assert [r[0] for r in rejected.iter_rows(min_row=2, values_only=True)] == ["干部1", "干部4"]


def test_contacts_name_the_members(capsys, office):
    rows = [
        {"姓名": "张书记", "联系村": "桥户营村", "联系社区": "东辛房社区"},
        {"姓名": "李理事长", "联系村": "西马各庄村", "联系社区": "王平社区"},
    ]
    path = template(capsys, office, "contacts", rows)
    result = yishi(capsys, office, "registers", "contacts", "import", str(path), "--json")
    assert result.code == 0, result.err
    assert result.json()["imported"] == 2 and result.json()["row_errors"] == []
    assert scalar(office, "SELECT count(*) FROM contact_point") == 2


def test_unusable_files_and_registers_exit_2(capsys, office, tmp_path):
    result = yishi(
        capsys, office, "registers", "homes", "import", str(tmp_path / "无.xlsx"), "--json"
    )
    assert result.code == 2 and "找不到文件" in result.json()["error"]["message"]
    path = template(capsys, office, "homes", [])
    result = yishi(capsys, office, "registers", "visits", "import", str(path))
    assert result.code == 2 and "没有找到走访记录的表头" in result.err
    result = yishi(capsys, office, "registers", "homes", "import", str(path))
    assert result.code == 1 and "温馨家园表为空" in result.out
    result = yishi(capsys, office, "registers", "townships", "import", str(path))
    assert result.code == 2  # no such subcommand: townships come with 村和社区
    result = yishi(capsys, office, "template", "cadres", "-o", str(tmp_path / "x.csv"))
    assert result.code == 2 and "只能保存为 .xlsx" in result.err
