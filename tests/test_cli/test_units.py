"""`yishi units list|set` on a day-one database: bodies, the congress terms opened, no units."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.domain.vocabulary import BodyKind, TermStatus
from models.services.terms.commands import open_term
from models.store.unit_of_work import open_database

from .helpers import query, run_cli, sqlite_url


@pytest.fixture
def day_one(tmp_path: Path, capsys) -> Path:
    """`yishi db upgrade` on an empty file, then the 7th congress (current) and the 8th (draft)
    and the 8th presidium opened through the service."""
    path = tmp_path / "office.sqlite3"
    assert run_cli(capsys, "--database", sqlite_url(path), "db", "upgrade").code == 0
    db = open_database(sqlite_url(path))
    try:
        open_term(db, user="setup", kind=BodyKind.CONGRESS, term=7, status=TermStatus.CURRENT)
        open_term(db, user="setup", kind=BodyKind.CONGRESS, term=8, status=TermStatus.DRAFT)
        open_term(db, user="setup", kind=BodyKind.PRESIDIUM, term=8, status=TermStatus.DRAFT)
    finally:
        db.engine.dispose()
    return path


def units(path: Path) -> list[tuple[str, str, int | None]]:
    """(unit, kind, seats in the 8th congress term) straight from the file."""
    return [
        (name, kind, seats)
        for name, kind, seats in query(
            path,
            "SELECT u.name, u.kind, s.seats FROM electoral_unit u"
            " LEFT JOIN seat_allocation s ON s.electoral_unit_id = u.id"
            " AND s.term_id = (SELECT t.id FROM term t JOIN body b ON b.id = t.body_id"
            " WHERE b.code = 'congress' AND t.ordinal = 8)"
            " ORDER BY u.sort_order",
        )
    ]


def yishi(capsys, path: Path, *argv: str):
    return run_cli(capsys, "--database", sqlite_url(path), "--user", "clerk", *argv)


def test_set_then_list_as_a_clerk_types_it(capsys, day_one):
    result = yishi(
        capsys,
        day_one,
        "units",
        "set",
        "--body",
        "congress",
        "--term",
        "8",
        "--unit",
        "大峪街道=28",
        "--unit",
        "王平镇=12",
        "--unit",
        "特邀=6",
    )
    assert result.code == 0, result.err
    assert "新建选举单位：大峪街道、王平镇、特邀" in result.out
    assert "名额合计 46 名" in result.out
    assert units(day_one) == [("大峪街道", "街道", 28), ("王平镇", "镇", 12), ("特邀", "界别", 6)]

    # Without --term: the term being prepared (the 8th); --json for scripts.
    again = yishi(capsys, day_one, "units", "set", "--unit", "王平镇=14", "--json")
    assert again.code == 0, again.err
    payload = again.json()
    assert payload["term"] == 8 and payload["created"] == [] and payload["changed"] == ["王平镇"]
    assert payload["total_seats"] == 48
    assert payload["units"][1] == {
        "order": 2,
        "name": "王平镇",
        "kind": "镇",
        "seats": 14,
        "members": 0,
        "used": 0,
    }

    listed = yishi(capsys, day_one, "units", "list", "--body", "congress", "--term", "8", "--json")
    assert listed.code == 0
    assert [(u["name"], u["seats"]) for u in listed.json()["units"]] == [
        ("大峪街道", 28),
        ("王平镇", 14),
        ("特邀", 6),
    ]
    # The 7th term shares the units, without seats.
    seventh = yishi(capsys, day_one, "units", "list", "--term", "7")
    assert seventh.code == 0
    assert "第七届代表大会" in seventh.out and "未分配" in seventh.out
    assert "名额合计 0 名" in seventh.out


@pytest.mark.parametrize(
    ("bad", "named"),
    [
        ("大峪街道", "大峪街道"),
        ("=12", "=12"),
        ("新街道=十二", "十二"),
        ("新街道=-3", "-3"),
        ("新街道=1.5", "1.5"),
    ],
)
def test_a_bad_unit_is_refused_and_nothing_is_written(capsys, day_one, bad, named):
    result = yishi(
        capsys,
        day_one,
        "units",
        "set",
        "--term",
        "8",
        "--unit",
        "甲街道=3",
        "--unit",
        bad,
        "--json",
    )
    assert result.code == 2
    error = result.error()
    assert error["code"] == "bad_arguments"
    assert named in error["message"] and named in result.err
    assert units(day_one) == []


def test_other_bodies_and_unknown_terms_are_refused(capsys, day_one):
    presidium = yishi(
        capsys, day_one, "units", "set", "--body", "presidium", "--term", "8", "--unit", "甲=1"
    )
    assert presidium.code == 2 and "只有代表大会" in presidium.err and "主席团" in presidium.err
    listed = yishi(capsys, day_one, "units", "list", "--body", "council", "--json")
    assert listed.code == 2 and "执行理事会" in listed.error()["message"]
    missing = yishi(capsys, day_one, "units", "set", "--term", "9", "--unit", "甲街道=1")
    assert missing.code == 2 and "第九届" in missing.err
    twice = yishi(capsys, day_one, "units", "set", "--unit", "甲街道=1", "--unit", "甲街道=2")
    assert twice.code == 2 and "甲街道" in twice.err
    no_unit = yishi(capsys, day_one, "units", "set", "--term", "8")
    assert no_unit.code == 2 and "--unit" in no_unit.err
    assert units(day_one) == []
    # The log holds the terms opened, nothing of units.
    assert query(day_one, "SELECT count(*) FROM change_log WHERE entity LIKE '%unit%'") == [(0,)]
