"""`yishi motions import` and `yishi template motions` on a day-one database (issue 14's
acceptance: 30 motions, 3 bad rows: exit 1 and nothing written; --valid-only: 27 and the file)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from models.store.engine import create_database_engine
from models.store.unit_of_work import Database
from tests.test_services.test_motion_import import presidium, thirty_with_three_bad

from .helpers import run_cli, scalar, sqlite_url


@pytest.fixture
def office(capsys, tmp_path) -> Path:
    path = tmp_path / "office" / "yishi.sqlite3"
    path.parent.mkdir()
    assert run_cli(capsys, "db", "upgrade", "--database", sqlite_url(path)).code == 0
    engine = create_database_engine(sqlite_url(path))
    try:
        presidium(Database(engine))
    finally:
        engine.dispose()
    return path


def motions(office: Path) -> tuple[int, int]:
    return (
        scalar(office, "SELECT count(*) FROM motion"),
        scalar(office, "SELECT count(*) FROM motion_state_change"),
    )


def test_three_bad_rows_exit_1_and_nothing_written(capsys, office, tmp_path) -> None:
    path = thirty_with_three_bad(tmp_path / "提案.xlsx")
    result = run_cli(capsys, "motions", "import", str(path), "--database", sqlite_url(office))
    assert result.code == 1, result
    assert "3 行有错误，未登记任何提案" in result.out
    assert "第 6 行［提案人］提案人“钱七”不是第七届主席团委员" in result.out
    assert motions(office) == (0, 0)
    assert not (tmp_path / "提案.rejected.xlsx").exists()


def test_valid_only_writes_27_and_the_rejected_file(capsys, office, tmp_path) -> None:
    path = thirty_with_three_bad(tmp_path / "提案.xlsx")
    result = run_cli(
        capsys,
        "motions",
        "import",
        str(path),
        "--valid-only",
        "--json",
        "--database",
        sqlite_url(office),
    )
    assert result.code == 1, result
    data = result.json()
    assert data["total"] == 30 and data["imported"] == 27
    assert data["rejected_rows"] == [6, 13, 22]
    assert [e["row"] for e in data["row_errors"]] == [6, 13, 22]
    assert data["rejected_file"] == str(tmp_path / "提案.rejected.xlsx")
    assert motions(office) == (27, 27)
    assert scalar(office, "SELECT count(DISTINCT state) FROM motion") == 1
    assert scalar(office, "SELECT min(state) FROM motion") == "submitted"
    sheet = load_workbook(tmp_path / "提案.rejected.xlsx").active
    assert sheet.max_row == 4 and sheet.cell(1, 9).value == "错误说明"
    assert sheet.cell(2, 9).value.startswith("原表第6行：提案人“钱七”")


def test_clean_file_exit_0(capsys, office, tmp_path) -> None:
    from tests.test_services.test_motion_import import good_rows, motions_file

    path = motions_file(tmp_path / "好.xlsx", good_rows(5))
    result = run_cli(capsys, "motions", "import", str(path), "--database", sqlite_url(office))
    assert result.code == 0, result
    assert "已登记 5 件提案" in result.out
    assert motions(office) == (5, 5)


def test_missing_file_and_no_term_are_refused(capsys, office, tmp_path) -> None:
    result = run_cli(
        capsys, "motions", "import", str(tmp_path / "无.xlsx"), "--database", sqlite_url(office)
    )
    assert result.code == 2
    result = run_cli(
        capsys,
        "motions",
        "import",
        str(tmp_path / "无.xlsx"),
        "--term",
        "9",
        "--database",
        sqlite_url(office),
    )
    assert result.code == 2 and "第九届" in result.err
    assert motions(office) == (0, 0)


def test_template_has_the_term_members(capsys, office, tmp_path) -> None:
    target = tmp_path / "模板.xlsx"
    result = run_cli(
        capsys, "template", "motions", "-o", str(target), "--database", sqlite_url(office)
    )
    assert result.code == 0, result
    book = load_workbook(target)
    assert book.sheetnames == ["提案", "可选值", "填写说明"]
    assert {r[0] for r in book["可选值"].iter_rows(min_row=2, values_only=True)} >= {"张三", "赵六"}
    result = run_cli(
        capsys,
        "template",
        "motions",
        "-o",
        str(tmp_path / "x.csv"),
        "--database",
        sqlite_url(office),
    )
    assert result.code == 2
