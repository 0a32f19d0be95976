"""`yishi terms list | open | elect | make-current` on a day-one database (never the demo)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from models.domain.vocabulary import MembershipStatus
from models.entities import ChangeLog, Membership, Term
from models.store import migrate
from models.store.engine import create_database_engine
from models.store.unit_of_work import Database
from tests.test_services._terms import Federation, build_federation

from .helpers import run_cli, sqlite_url


@pytest.fixture
def fresh(tmp_path: Path, capsys) -> str:
    """An empty database as `yishi db upgrade` leaves it (bodies, no terms), once used: the
    first command run on it registers the clerk and the settings, which a refusal then keeps."""
    url = sqlite_url(tmp_path / "office.sqlite3")
    engine = create_database_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    assert run_cli(capsys, "--database", url, "terms", "list", "--body", "congress").code == 0
    return url


@pytest.fixture
def federation(fresh: str) -> tuple[str, Federation]:
    engine = create_database_engine(fresh)
    try:
        return fresh, build_federation(Database(engine))
    finally:
        engine.dispose()


def _state(url: str) -> dict[str, object]:
    """Everything a refused command must leave alone."""
    engine = create_database_engine(url)
    try:
        with Database(engine).session_factory() as session:
            return {
                "terms": sorted(
                    (t.body_id, t.ordinal or 0, t.status.value, str(t.start_date))
                    for t in session.scalars(select(Term))
                ),
                "memberships": sorted(
                    (m.person.name, m.term_id, m.status.value)
                    for m in session.scalars(select(Membership))
                ),
                "log": session.scalar(select(func.count()).select_from(ChangeLog)),
            }
    finally:
        engine.dispose()


def _statuses(url: str, term_id: int) -> dict[str, MembershipStatus]:
    engine = create_database_engine(url)
    try:
        with Database(engine).session_factory() as session:
            rows = session.scalars(select(Membership).where(Membership.term_id == term_id))
            return {m.person.name: m.status for m in rows}
    finally:
        engine.dispose()


def _results(path: Path, rows: list[tuple[str, str]], headers=("身份证号", "结果")) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    for column, header in enumerate(headers, start=1):
        sheet.cell(row=1, column=column, value=header)
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row[: len(headers)], start=1):
            sheet.cell(row=number, column=column, value=value).data_type = "s"
    workbook.save(path)
    return path


def test_a_first_term_is_opened_and_listed(capsys, fresh):
    empty = run_cli(capsys, "--database", fresh, "terms", "list", "--body", "congress")
    assert empty.code == 0 and "代表大会还没有届次" in empty.out
    opened = run_cli(
        capsys,
        "--database", fresh, "terms", "open", "--body", "congress", "--term", "7",
        "--start", "2021-06-18", "--json",
    )  # fmt: skip
    assert opened.code == 0, opened.err
    assert (opened.json()["status"], opened.json()["start_date"]) == ("draft", "2021-06-18")
    listed = run_cli(capsys, "--database", fresh, "terms", "list", "--body", "congress", "--json")
    assert [(t["term"], t["name"], t["status"], t["members"]) for t in listed.json()] == [
        (7, "第七届", "draft", 0)
    ]
    again = run_cli(
        capsys, "--database", fresh, "terms", "open", "--body", "congress", "--term", "7", "--json"
    )
    assert again.code == 2
    assert again.error()["message"] == "代表大会已有第七届，请勿重复建立。"


def test_an_association_term_and_the_party_group(capsys, fresh):
    opened = run_cli(
        capsys,
        "--database", fresh, "terms", "open", "--body", "association", "--association", "blind",
        "--term", "5",
    )  # fmt: skip
    assert opened.code == 0 and "盲人协会第五届" in opened.out
    before = _state(fresh)
    refused = run_cli(
        capsys, "--database", fresh, "terms", "open", "--body", "party_group", "--term", "1"
    )
    assert refused.code == 2 and "党组不分届次" in refused.err
    assert _state(fresh) == before


def test_elect_all_then_hand_over(capsys, federation):
    url, fed = federation
    elected = run_cli(
        capsys,
        "--database", url, "terms", "elect", "--body", "congress", "--term", "8", "--all",
        "--date", "2026-12-10", "--json",
    )  # fmt: skip
    assert elected.code == 0, elected.err
    assert (elected.json()["elected"], elected.json()["undecided"]) == (3, 0)
    handed = run_cli(
        capsys,
        "--database", url, "terms", "make-current", "--body", "congress", "--term", "8",
        "--date", "2026-12-12", "--json",
    )  # fmt: skip
    assert handed.code == 0, handed.err
    payload = handed.json()
    assert (payload["term"]["status"], payload["previous"]["status"], payload["ended"]) == (
        "current",
        "past",
        2,
    )
    assert set(_statuses(url, fed.seventh).values()) == {MembershipStatus.ENDED}
    listed = run_cli(capsys, "--database", url, "terms", "list", "--body", "congress")
    assert "第八届  现任  2026-12-12 至 —  在任 3 人" in listed.out


def test_elect_from_a_results_file(capsys, tmp_path, federation):
    url, fed = federation
    path = _results(
        tmp_path / "结果.xlsx", [(fed.ids["赵一"], "当选"), (fed.ids["孙三"], " 未当选 ")]
    )
    result = run_cli(
        capsys, "--database", url, "terms", "elect", "--body", "congress", "--term", "8",
        "--results", str(path),
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "当选 1 人，未当选 1 人" in result.out and "还有 1 名候选人没有结果" in result.out
    statuses = _statuses(url, fed.eighth)
    assert (statuses["赵一"], statuses["孙三"], statuses["李四"]) == (
        MembershipStatus.ELECTED,
        MembershipStatus.NOT_ELECTED,
        MembershipStatus.CANDIDATE,
    )
    before = _state(url)
    undecided = run_cli(
        capsys, "--database", url, "terms", "make-current", "--body", "congress", "--term", "8",
        "--date", "2026-12-12",
    )  # fmt: skip
    assert undecided.code == 2 and "还有 1 名候选人没有记录选举结果" in undecided.err
    assert _state(url) == before


def test_electing_someone_who_is_not_a_candidate_is_refused(capsys, tmp_path, federation):
    url, fed = federation
    path = _results(tmp_path / "结果.xlsx", [(fed.ids["赵一"], "当选"), (fed.ids["钱二"], "当选")])
    before = _state(url)
    result = run_cli(
        capsys, "--database", url, "terms", "elect", "--body", "congress", "--term", "8",
        "--results", str(path), "--json",
    )  # fmt: skip
    assert result.code == 2
    text = result.error()["message"]
    assert "钱二" in text and "不是代表大会第八届的候选人" in text
    assert fed.ids["钱二"] not in text + result.err
    assert _state(url) == before


def test_a_results_file_without_the_result_column_is_refused(capsys, tmp_path, federation):
    url, fed = federation
    path = _results(tmp_path / "结果.xlsx", [(fed.ids["赵一"],)], headers=("身份证号", "姓名"))
    before = _state(url)
    result = run_cli(
        capsys, "--database", url, "terms", "elect", "--body", "congress", "--term", "8",
        "--results", str(path), "--json",
    )  # fmt: skip
    assert result.code == 2
    error = result.error()
    assert (error["code"], error["missing"]) == ("headers_missing", ["结果"])
    assert "缺少必需的列：结果" in error["message"]
    assert _state(url) == before


def test_unreadable_rows_are_listed_and_nothing_is_written(capsys, tmp_path, federation):
    url, fed = federation
    path = _results(
        tmp_path / "结果.xlsx",
        [(fed.ids["赵一"], "当选"), (fed.ids["孙三"], "递补"), ("110101", "当选")],
    )
    before = _state(url)
    result = run_cli(
        capsys, "--database", url, "terms", "elect", "--body", "congress", "--term", "8",
        "--results", str(path), "--json",
    )  # fmt: skip
    assert result.code == 1
    payload = result.json()
    assert payload["written"] is False
    assert [(p["row"], p["column"], p["code"]) for p in payload["problems"]] == [
        (3, "结果", "election_result_invalid"),
        (4, "身份证号", "id_format"),
    ]
    assert _state(url) == before


def test_terms_need_a_body_and_a_term(capsys, fresh):
    no_body = run_cli(capsys, "--database", fresh, "terms", "list", "--json")
    assert no_body.code == 2 and no_body.error()["code"] == "bad_arguments"
    no_term = run_cli(capsys, "--database", fresh, "terms", "open", "--body", "presidium")
    assert no_term.code == 2 and "--term" in no_term.err
