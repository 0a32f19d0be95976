"""`yishi import roster` and `template roster` on a day-one database (`yishi db upgrade`, no demo);
and `import slate`'s --update-people and --create-units."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from models.domain.vocabulary import BodyKind, TermStatus
from models.services.terms.commands import open_term
from models.store.engine import create_database_engine
from models.store.unit_of_work import Database

from .helpers import query, run_cli, scalar, sqlite_url
from .slate_commands import unusable
from .slate_files import HEADERS, passing_rows, person, read_rows
from .slate_files import write_slate as write_sheet

ROSTER_HEADERS = (*HEADERS, "职务", "任职方式")


def write_slate(path: Path, rows) -> Path:
    """The slate columns, and the roster's own where a row has them."""
    used = {key for row in rows for key in row}
    return write_sheet(path, rows, [h for h in ROSTER_HEADERS if h in HEADERS or h in used])


class DayOne:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.url = sqlite_url(path)

    def open_term(self, kind: BodyKind, term: int, status: TermStatus, **dates: date) -> None:
        engine = create_database_engine(self.url)
        try:
            open_term(Database(engine), user="setup", kind=kind, term=term, status=status, **dates)
        finally:
            engine.dispose()

    def counts(self) -> tuple[int, int, int]:
        return tuple(  # type: ignore[return-value]
            scalar(self.path, f"SELECT count(*) FROM {table}")
            for table in ("person", "membership", "electoral_unit")
        )


@pytest.fixture
def day_one(capsys, tmp_path) -> DayOne:
    path = tmp_path / "office" / "yishi.sqlite3"
    path.parent.mkdir()
    assert run_cli(capsys, "db", "upgrade", "--database", sqlite_url(path)).code == 0
    office = DayOne(path)
    office.open_term(BodyKind.CONGRESS, 7, TermStatus.DRAFT, start_date=date(2021, 12, 1))
    return office


def import_roster(capsys, office: DayOne, path: Path, *extra: str):
    return run_cli(
        capsys, "--database", office.url, "--user", "clerk", "import", "roster", str(path), *extra
    )


def test_a_day_one_congress_roster_with_its_units(capsys, tmp_path, day_one):
    path = write_slate(tmp_path / "第七届代表.xlsx", passing_rows())
    refused = import_roster(capsys, day_one, path, "--body", "congress", "--term", "7")
    assert refused.code == 1
    assert "未导入任何数据" in refused.out and "--create-units" in refused.out
    assert day_one.counts() == (0, 0, 0)

    done = import_roster(
        capsys, day_one, path, "--body", "congress", "--term", "7", "--create-units", "--json"
    )
    assert done.code == 0, done.out + done.err
    payload = done.json()
    assert (payload["imported"], payload["added_people"], payload["row_errors"]) == (10, 10, [])
    assert payload["created_units"] == ["大峪街道", "城子街道", "斋堂镇", "永定镇", "清水镇"]
    assert payload["unknown_units"] == [] and payload["person_conflicts"] == []
    assert day_one.counts() == (10, 10, 5)
    assert query(
        day_one.path,
        "SELECT DISTINCT m.status, m.start_reason, m.start_date, m.position FROM membership m",
    ) == [("elected", "当选", "2021-12-01", "代表")]
    assert scalar(day_one.path, "SELECT sum(seats) FROM seat_allocation") == 0


def test_conflicts_are_kept_unless_update_people(capsys, tmp_path, day_one):
    day_one.open_term(BodyKind.PRESIDIUM, 7, TermStatus.CURRENT)
    rows = [person(i, 职务=post) for i, post in enumerate(["主席", "副主席", "委员"])]
    path = write_slate(tmp_path / "主席团.xlsx", rows)
    assert import_roster(capsys, day_one, path, "--body", "presidium").code == 0
    rows[0]["姓名"] = "改名"
    write_slate(path, rows)
    kept = import_roster(capsys, day_one, path, "--body", "presidium")
    assert kept.code == 0
    masked = rows[0]["身份证号"][:6] + "********" + rows[0]["身份证号"][-4:]
    assert f"第 2 行 {masked}" in kept.out and "改名" in kept.out and "保留人员库" in kept.out
    assert rows[0]["身份证号"] not in kept.out
    name = "SELECT name FROM person WHERE id_number = ?"
    assert scalar(day_one.path, name, rows[0]["身份证号"]) != "改名"
    taken = import_roster(capsys, day_one, path, "--body", "presidium", "--update-people")
    assert taken.code == 0 and "已按本表更新" in taken.out
    assert scalar(day_one.path, name, rows[0]["身份证号"]) == "改名"
    assert day_one.counts()[:2] == (3, 3)


def test_a_missing_column_is_exit_2_and_writes_nothing(capsys, tmp_path, day_one):
    day_one.open_term(BodyKind.PRESIDIUM, 7, TermStatus.CURRENT)
    path = write_slate(tmp_path / "主席团.xlsx", passing_rows())  # no 职务 column
    result = import_roster(capsys, day_one, path, "--body", "presidium", "--json")
    text = unusable(result, "headers_missing")
    assert "职务" in text and result.error()["missing"] == ["职务"]
    assert day_one.counts() == (0, 0, 0)


def test_valid_only_saves_rejected_rows(capsys, tmp_path, day_one):
    day_one.open_term(BodyKind.EXECUTIVE_COUNCIL, 7, TermStatus.CURRENT)
    rows = [person(0, 职务="理事长", 任职方式="专职"), person(1, 职务="会长")]
    path = write_slate(tmp_path / "理事会.xlsx", rows)
    result = import_roster(capsys, day_one, path, "--body", "council", "--valid-only", "--json")
    assert result.code == 1
    payload = result.json()
    assert payload["imported"] == 1 and payload["rejected_rows"] == [3]
    [error] = payload["row_errors"]
    assert error["code"] == "roster_position_unknown" and "理事长" in error["message"]
    saved = read_rows(Path(payload["rejected_file"]))
    assert saved[1][saved[0].index("职务")] == "会长"
    assert query(day_one.path, "SELECT position, employment FROM membership") == [
        ("理事长", "专职")
    ]


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        (("--body", "congress", "--term", "6"), "代表大会没有第六届"),
        (("--body", "association"), "--association"),
        (("--body", "party_group"), "党组不分届次"),
        ((), "--body"),
    ],
)
def test_refusals_exit_2(capsys, tmp_path, day_one, extra, needle):
    path = write_slate(tmp_path / "r.xlsx", passing_rows())
    result = import_roster(capsys, day_one, path, *extra, "--json")
    assert result.code == 2
    assert needle in result.error()["message"]
    assert day_one.counts() == (0, 0, 0)


def test_template_roster(capsys, tmp_path):
    target = tmp_path / "在任名单.xlsx"
    result = run_cli(capsys, "template", "roster", "-o", str(target))
    assert result.code == 0 and str(target) in result.out
    assert {"职务", "任职方式", "身份证号"} <= set(read_rows(target)[0])
    wrong = run_cli(capsys, "template", "roster", "-o", str(tmp_path / "x.csv"), "--json")
    assert wrong.code == 2


def test_import_slate_creates_units_and_updates_people_on_request(capsys, tmp_path, day_one):
    day_one.open_term(BodyKind.CONGRESS, 8, TermStatus.DRAFT)
    path = write_slate(tmp_path / "第八届.xlsx", passing_rows())
    base = ("--database", day_one.url, "--user", "clerk", "import", "slate", str(path))
    refused = run_cli(capsys, *base, "--body", "congress", "--json")
    assert refused.code == 1 and refused.json()["unknown_units"]
    assert day_one.counts() == (0, 0, 0)
    done = run_cli(capsys, *base, "--body", "congress", "--create-units")
    assert done.code == 0 and "已新建选举单位" in done.out
    assert day_one.counts() == (10, 10, 5)
