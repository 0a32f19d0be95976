"""The first year of an office that never saw the demo, on the command line (issue 12 item 8).

An empty database, then what a new office types, in order: its profile, the sitting 7th congress
with its units and seats and its roster from the office's own spreadsheet, the 7th presidium drawn
from those delegates, the 8th congress opened, its slate imported and checked, the election, the
handover, and the composition table printed. Never `yishi demo`. On SQLite and on PostgreSQL.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from .helpers import Result, run_cli
from .slate_files import HEADERS, passing_rows, valid_id, write_slate

ROSTER_HEADERS = (*HEADERS, "职务")
UNITS_7 = ("大峪街道=6", "城子街道=4", "斋堂镇=4", "永定镇=3", "清水镇=3")
UNITS_8 = ("大峪街道=6", "城子街道=4", "斋堂镇=4", "永定镇=3", "清水镇=3")


@pytest.fixture
def office(backend: str, fresh: Any, capsys: pytest.CaptureFixture[str]) -> Any:
    """`yishi ARGS --database URL --user 王秘书 --json` on a new, empty database of the backend."""
    url = fresh.url(backend)

    def yishi(*argv: str) -> Result:
        return run_cli(capsys, "--database", url, "--user", "王秘书", *argv)

    yishi.url = url  # type: ignore[attr-defined]
    return yishi


def rows_of(path: Path, url: str, sql: str) -> list[tuple[Any, ...]]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql))]
    finally:
        engine.dispose()


def test_the_first_year_from_an_empty_database(office: Any, tmp_path: Path) -> None:
    assert office("db", "upgrade", "--json").code == 0
    # Nothing works yet, and the message says what to do.
    before = office("import", "slate", str(tmp_path / "none.xlsx"), "--body", "congress")
    assert before.code == 2

    done = office(
        "setup",
        "--name",
        "延庆区残疾人联合会",
        "--short",
        "延残联",
        "--district",
        "延庆区",
        "--json",
    )
    assert done.code == 0, done.err

    # The sitting 7th congress, elected in 2021, from the office's own spreadsheet.
    opened = office("terms", "open", "--body", "congress", "--term", "7", "--start", "2021-06-18")
    assert opened.code == 0, opened.err
    units = [arg for pair in UNITS_7 for arg in ("--unit", pair)]
    assert office("units", "set", "--body", "congress", "--term", "7", *units).code == 0
    listed = office("units", "list", "--body", "congress", "--term", "7", "--json")
    assert listed.code == 0, listed.err
    congress_7 = passing_rows(0) + passing_rows(10)
    roster = write_slate(tmp_path / "第七届代表.xlsx", congress_7, ROSTER_HEADERS)
    imported = office(
        "import", "roster", str(roster), "--body", "congress", "--term", "7", "--json"
    )
    assert imported.code == 0, imported.out + imported.err
    made = office(
        "terms", "make-current", "--body", "congress", "--term", "7", "--date", "2021-06-18"
    )
    assert made.code == 0, made.err

    # Its presidium, drawn from those delegates: a chair, two vice-chairs, seven members.
    assert office("terms", "open", "--body", "presidium", "--term", "7").code == 0
    presidium_7 = [dict(row) for row in passing_rows(0)]
    for number, row in enumerate(presidium_7):
        row["职务"] = "主席" if number == 0 else "副主席" if number < 3 else "委员"
    roster = write_slate(tmp_path / "第七届主席团.xlsx", presidium_7, ROSTER_HEADERS)
    imported = office("import", "roster", str(roster), "--body", "presidium", "--term", "7")
    assert imported.code == 0, imported.out + imported.err
    made = office(
        "terms", "make-current", "--body", "presidium", "--term", "7", "--date", "2021-06-18"
    )
    assert made.code == 0, made.err

    # The 8th congress: opened, units, a slate (five sitting delegates stand again), checked.
    opened = office("terms", "open", "--body", "congress", "--term", "8", "--start", "2026-12-20")
    assert opened.code == 0, opened.err
    units = [arg for pair in UNITS_8 for arg in ("--unit", pair)]
    assert office("units", "set", "--body", "congress", "--term", "8", *units).code == 0
    slate = write_slate(tmp_path / "第八届候选人.xlsx", passing_rows(15) + passing_rows(30))
    imported = office("import", "slate", str(slate), "--body", "congress", "--term", "8")
    assert imported.code == 0, imported.out + imported.err
    checked = office("check", "--body", "congress", "--term", "8", "--json")
    assert checked.code == 0, checked.out
    assert checked.json()["total"] == 20

    # The election and the handover.
    elected = office(
        "terms", "elect", "--body", "congress", "--term", "8", "--all", "--date", "2026-12-20"
    )
    assert elected.code == 0, elected.err
    made = office(
        "terms", "make-current", "--body", "congress", "--term", "8", "--date", "2026-12-20"
    )
    assert made.code == 0, made.err

    terms = office("terms", "list", "--body", "congress", "--json")
    assert terms.code == 0, terms.err
    by_term = {t["term"]: t["status"] for t in terms.json()}
    assert by_term == {7: "past", 8: "current"}
    # No draft term now: the check reports on the current one.
    checked = office("check", "--body", "congress", "--json")
    assert checked.code == 0, checked.out
    assert checked.json()["total"] == 20

    url = office.url
    people = rows_of(tmp_path, url, "SELECT count(*) FROM person")[0][0]
    assert people == 35  # 20 sitting + 15 new: the five who stand again are the same people
    ended = rows_of(
        tmp_path,
        url,
        "SELECT m.status, m.end_reason, m.end_date FROM membership m JOIN term t ON t.id = m.term_id"
        " JOIN body b ON b.id = t.body_id WHERE b.code = 'congress' AND t.ordinal = 7",
    )
    assert {(status, reason, str(day)) for status, reason, day in ended} == {
        ("ended", "届满", "2026-12-20")
    }
    seated = rows_of(
        tmp_path,
        url,
        "SELECT m.status, m.start_reason, m.start_date FROM membership m JOIN term t ON"
        " t.id = m.term_id JOIN body b ON b.id = t.body_id WHERE b.code = 'congress'"
        " AND t.ordinal = 8",
    )
    assert {(status, reason, str(day)) for status, reason, day in seated} == {
        ("elected", "当选", "2026-12-20")
    }
    assert len(seated) == 20
    # The presidium of the 7th term still sits: its congress handed over, it did not.
    presidium = rows_of(
        tmp_path,
        url,
        "SELECT count(*) FROM membership m JOIN term t ON t.id = m.term_id JOIN body b"
        " ON b.id = t.body_id WHERE b.code = 'presidium' AND m.status = 'elected'",
    )
    assert presidium[0][0] == 10

    # The composition table, with the office's own name on it.
    paper = tmp_path / "构成.pdf"
    printed = office("print", "composition", "--body", "congress", "--term", "8", "-o", str(paper))
    assert printed.code == 0, printed.err
    assert paper.stat().st_size > 0
    if shutil.which("pdftotext"):
        words = subprocess.run(
            ["pdftotext", str(paper), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "延庆区残疾人联合会" in words.replace(" ", "")
    assert valid_id(0)  # the rows above are the slate_files' people
