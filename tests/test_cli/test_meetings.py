"""`yishi meetings list`: JSON fields, filters by body and term, and refusals with exit 2."""

from __future__ import annotations

import re

import pytest

from .helpers import run_cli, scalar


def test_all_meetings_of_the_demo_as_json(capsys, demo):
    result = run_cli(capsys, "--database", demo.url, "meetings", "list", "--json")
    assert result.code == 0, result.err
    meetings = result.json()
    assert len(meetings) == scalar(demo.path, "SELECT count(*) FROM meeting") >= 10
    assert set(meetings[0]) == {"id", "body", "term", "year", "ordinal", "title", "date", "status"}
    assert {m["body"] for m in meetings} == {"congress", "presidium", "council", "party_group"}
    dates = [m["date"] for m in meetings]
    assert dates == sorted(dates)
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in dates)
    assert {m["status"] for m in meetings} <= {"planned", "held", "cancelled"}


def test_council_defaults_to_the_current_term(capsys, demo):
    result = run_cli(
        capsys, "meetings", "list", "--body", "council", "--json", "--database", demo.url
    )
    assert result.code == 0, result.err
    meetings = result.json()
    assert len(meetings) == 6
    assert {(m["body"], m["term"]) for m in meetings} == {("council", 7)}
    assert [m["ordinal"] for m in meetings] == [9, 10, 11, 12, 13, 14]
    assert meetings[0]["title"] == "第七届执行理事会第九次会议"
    same = run_cli(
        capsys,
        "meetings",
        "list",
        "--body",
        "council",
        "--term",
        "7",
        "--json",
        "--database",
        demo.url,
    )
    assert same.json() == meetings


def test_party_group_meetings_carry_their_year_and_no_term(capsys, demo):
    result = run_cli(
        capsys, "meetings", "list", "--body", "party_group", "--json", "--database", demo.url
    )
    meetings = result.json()
    assert [(m["term"], m["year"], m["ordinal"]) for m in meetings] == [
        (None, 2026, 1),
        (None, 2026, 2),
        (None, 2026, 3),
        (None, 2026, 4),
    ]
    assert meetings[2]["title"] == "2026年第3次党组会议"


def test_text_listing_is_chinese(capsys, demo):
    result = run_cli(capsys, "meetings", "list", "--body", "presidium", "--database", demo.url)
    assert result.code == 0, result.err
    assert "第七届主席团第六次会议" in result.out
    assert "筹备中" in result.out and "已召开" in result.out
    assert result.out.rstrip().endswith("共 3 次会议")


def test_an_empty_database_lists_nothing(capsys):
    result = run_cli(capsys, "meetings", "list")
    assert (result.code, result.out.strip()) == (0, "共 0 次会议")
    assert run_cli(capsys, "meetings", "list", "--json").json() == []


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--body", "association"], "专门协会"),
        (["--term", "7"], "--body"),
        (["--body", "party_group", "--term", "1"], "党组不分届次"),
        (["--body", "council", "--term", "8"], "执行理事会没有第八届"),
        (["--body", "senate"], "senate"),
        (["--term", "seven", "--body", "council"], "整数"),
    ],
)
def test_refusals_exit_2_with_a_chinese_message(capsys, demo, argv, words):
    result = run_cli(capsys, "--database", demo.url, "meetings", "list", *argv, "--json")
    assert result.code == 2
    error = result.error()
    assert error["code"] == "bad_arguments"
    assert words in error["message"]
    assert words in result.err
