"""[files] of the rules in force reaches the imports, and that of `--rules` reaches check-slate
(issue 13 item 2): a district that allows fewer rows sees a file beyond them refused unread."""

from __future__ import annotations

from pathlib import Path

import pytest

from .fresh_office import day_one_database, table_counts
from .helpers import run_cli, sqlite_url
from .slate_files import person, write_slate

RULES = Path(__file__).resolve().parents[2] / "resources" / "rules" / "mentougou-2019.toml"


@pytest.fixture
def strict_rules(tmp_path) -> Path:
    path = tmp_path / "district-2026.toml"
    text = RULES.read_text(encoding="utf-8").replace("max_rows = 100000", "max_rows = 20")
    path.write_text(text.replace('id = "mentougou-2019"', 'id = "district-2026"'), encoding="utf-8")
    return path


def test_check_slate_reads_the_limits_of_its_rules(capsys, tmp_path, strict_rules):
    sheet = write_slate(tmp_path / "slate.xlsx", [person(i) for i in range(30)])
    assert run_cli(capsys, "check-slate", "--body", "congress", str(sheet)).code in (0, 1)
    result = run_cli(
        capsys, "check-slate", "--body", "congress", "--rules", str(strict_rules), str(sheet)
    )
    assert result.code == 2
    assert "表格过大或已损坏：工作表用到第 31 行，超过 20 行" in result.err


def test_imports_read_the_limits_of_the_rules_in_force(capsys, tmp_path, strict_rules):
    database = tmp_path / "yishi.sqlite3"
    day_one_database(database)
    office = ["--database", sqlite_url(database), "--user", "clerk"]
    setup = [*office, "setup", "--name", "某区残疾人联合会", "--short", "某残联"]
    assert run_cli(capsys, *setup, "--rules", str(strict_rules)).code == 0
    sheet = write_slate(tmp_path / "slate.xlsx", [person(i) for i in range(30)])
    before = table_counts(database)
    for command in ("slate", "roster"):
        importing = [*office, "import", command, "--body", "congress", "--create-units"]
        result = run_cli(capsys, *importing, str(sheet))
        assert result.code == 2, result.err
        assert "超过 20 行" in result.err
        assert table_counts(database) == before
    assert run_cli(capsys, *office, "setup", "--rules", "mentougou-2019").code == 0
    result = run_cli(
        capsys, *office, "import", "slate", "--body", "congress", "--create-units", str(sheet)
    )
    assert result.code == 0, result.err + result.out
