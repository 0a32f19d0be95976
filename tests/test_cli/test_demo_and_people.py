"""`yishi demo` and `yishi people list`: summary, idempotence, search, reveal, bodies and terms."""

from __future__ import annotations

import re

import pytest

from models.domain.search_keys import pinyin_keys
from models.domain.vocabulary import BodyKind, MembershipStatus, Position

from .helpers import CJK, query, run_cli, scalar

MASKED_ID = re.compile(r"^\d{6}\*{8}\d{3}[\dX]$")
FULL_ID = re.compile(r"^\d{17}[\dX]$")


def _people_in(path, body: str, ordinal: int | None) -> set[int]:
    """Person ids with a membership in the body's term, straight from the SQLite file."""
    ordinal_clause = "t.ordinal IS NULL" if ordinal is None else "t.ordinal = ?"
    params = () if ordinal is None else (ordinal,)
    rows = query(
        path,
        "SELECT DISTINCT m.person_id FROM membership m JOIN term t ON t.id = m.term_id "
        f"JOIN body b ON b.id = t.body_id WHERE b.code = ? AND {ordinal_clause}",
        body,
        *params,
    )
    return {r[0] for r in rows}


def _summary_count(out: str, term_and_body: str, status: str) -> int:
    match = re.search(rf"{term_and_body}：{status} (\d+) 人", out)
    assert match, out
    return int(match.group(1))


# --- demo -----------------------------------------------------------------------------------


def test_demo_builds_and_prints_a_chinese_summary(demo_template):
    assert demo_template.code == 0, demo_template.err
    assert demo_template.err == ""
    assert "已生成演示数据" in demo_template.out
    people = int(re.search(r"人员 (\d+) 人", demo_template.out).group(1))
    assert people == scalar(demo_template.path, "SELECT count(*) FROM person") > 0
    assert _summary_count(demo_template.out, "第八届代表大会", "候选") > 0
    assert f"数据库：{demo_template.path}（本机 SQLite）" in demo_template.out


def test_demo_records_the_user_given_by_user(demo_template):
    logins = {r[0] for r in query(demo_template.path, "SELECT DISTINCT user_login FROM change_log")}
    assert logins == {"alice"}
    inserted = scalar(demo_template.path, "SELECT count(*) FROM change_log WHERE action='insert'")
    assert inserted >= scalar(demo_template.path, "SELECT count(*) FROM person")


def test_demo_a_second_time_says_it_is_already_there(capsys, demo):
    before = scalar(demo.path, "SELECT count(*) FROM person")
    result = run_cli(capsys, "demo", "--database", demo.url)
    assert result.code == 0, result.err
    assert "已有演示数据" in result.out
    assert f"{before} 人" in result.out
    assert scalar(demo.path, "SELECT count(*) FROM person") == before


def test_demo_a_second_time_as_json(capsys, demo):
    result = run_cli(capsys, "--database", demo.url, "demo", "--json")
    assert result.code == 0, result.err
    payload = result.json()
    assert payload["already_present"] is True
    assert payload["people"] == scalar(demo.path, "SELECT count(*) FROM person")


# --- people list: search, masking, reveal ---------------------------------------------------


def test_search_by_pinyin_initials_as_json(capsys, demo):
    result = run_cli(capsys, "people", "list", "--search", "zs", "--json", "--database", demo.url)
    assert result.code == 0, result.err
    people = result.json()
    assert isinstance(people, list)
    assert people, "the demo has at least one person whose initials contain zs"
    for person in people:
        assert {"id", "name", "gender", "id_number", "memberships"} <= set(person)
        assert person["gender"] in {"男", "女"}
        assert MASKED_ID.match(person["id_number"]), person["id_number"]
        assert person["id_number_revealed"] is False
        _, initials = pinyin_keys(person["name"])
        assert any("zs" in reading for reading in initials.split()), (person["name"], initials)
        for membership in person["memberships"]:
            assert {"body", "term", "position", "status"} <= set(membership)
            assert membership["body"] in {k.value for k in BodyKind}
            assert membership["status"] in {s.value for s in MembershipStatus}
            assert membership["position"] in {p.value for p in Position}
            assert membership["term"] is None or isinstance(membership["term"], int)
    # The same people as a direct look at the file: every person whose initials contain zs.
    expected = {
        pid
        for pid, name in query(demo.path, "SELECT id, name FROM person")
        if "zs" in pinyin_keys(name)[1]
    }
    assert {p["id"] for p in people} == expected


def test_listing_does_not_log_reveals_without_reveal(capsys, demo):
    result = run_cli(capsys, "people", "list", "--search", "zs", "--database", demo.url)
    assert result.code == 0, result.err
    assert "共" in result.out
    assert scalar(demo.path, "SELECT count(*) FROM change_log WHERE action='reveal'") == 0


def test_reveal_shows_full_ids_and_logs_each_person(capsys, demo):
    result = run_cli(
        capsys, "people", "list", "--search", "zs", "--reveal", "--json", "--user", "bob",
        "--database", demo.url,
    )  # fmt: skip
    assert result.code == 0, result.err
    people = result.json()
    assert people
    for person in people:
        assert FULL_ID.match(person["id_number"]), person["id_number"]
        assert person["id_number_revealed"] is True
        stored = scalar(demo.path, "SELECT id_number FROM person WHERE id=?", person["id"])
        assert person["id_number"] == stored
    logged = query(
        demo.path, "SELECT entity, entity_id, user_login FROM change_log WHERE action='reveal'"
    )
    assert sorted(logged) == sorted(("person", str(p["id"]), "bob") for p in people)


def test_reveal_in_text_output(capsys, demo):
    result = run_cli(capsys, "people", "list", "--search", "zs", "--reveal", "--database", demo.url)
    assert result.code == 0, result.err
    found = [
        id_number
        for name, id_number in query(demo.path, "SELECT name, id_number FROM person")
        if "zs" in pinyin_keys(name)[1]
    ]
    assert found
    assert all(id_number in result.out for id_number in found)
    assert "*" not in result.out
    assert result.out.splitlines()[-1] == f"共 {len(found)} 人"


@pytest.mark.parametrize("where", ["after", "before"])
def test_global_options_before_or_after_the_subcommand(capsys, demo, where):
    # YISHI_DATABASE_URL points at an empty database: the listing only finds people when the
    # --database option was really taken, and the reveal's log names the --user value.
    options = ["--database", demo.url, "--user", "carol"]
    command = ["people", "list", "--search", "zs", "--reveal", "--json"]
    argv = [*command, *options] if where == "after" else [*options, *command]
    result = run_cli(capsys, *argv)
    assert result.code == 0, result.err
    assert result.json()
    users = {
        r[0] for r in query(demo.path, "SELECT user_login FROM change_log WHERE action='reveal'")
    }
    assert users == {"carol"}


def test_database_comes_from_the_environment_without_option(capsys, demo, monkeypatch):
    monkeypatch.setenv("YISHI_DATABASE_URL", demo.url)
    result = run_cli(capsys, "people", "list", "--search", "zs", "--json")
    assert result.code == 0, result.err
    assert result.json()


# --- people list: bodies and terms ----------------------------------------------------------


def test_congress_eighth_term_lists_candidates_and_reserves(capsys, demo, demo_template):
    result = run_cli(
        capsys,
        "people",
        "list",
        "--body",
        "congress",
        "--term",
        "8",
        "--json",
        "--database",
        demo.url,
    )
    assert result.code == 0, result.err
    people = result.json()
    expected = _summary_count(demo_template.out, "第八届代表大会", "候选") + _summary_count(
        demo_template.out, "第八届代表大会", "候补"
    )
    assert len(people) == expected
    assert 200 <= len(people) <= 300  # the demo's 236 candidates and 20 reserves
    assert {p["id"] for p in people} == _people_in(demo.path, "congress", 8)
    for person in people:
        seats = [m for m in person["memberships"] if m["body"] == "congress" and m["term"] == 8]
        assert seats and seats[0]["status"] in {"candidate", "reserve"}


def test_presidium_defaults_to_its_current_term(capsys, demo):
    result = run_cli(
        capsys, "people", "list", "--body", "presidium", "--json", "--database", demo.url
    )
    assert result.code == 0, result.err
    people = result.json()
    seventh = _people_in(demo.path, "presidium", 7)
    assert {p["id"] for p in people} == seventh
    assert 30 <= len(people) <= 40  # the demo's 36 members of the 7th presidium
    assert seventh != _people_in(demo.path, "presidium", 8)


def test_presidium_in_text_output_counts_and_masks(capsys, demo):
    result = run_cli(capsys, "people", "list", "--body", "presidium", "--database", demo.url)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[-1] == f"共 {len(_people_in(demo.path, 'presidium', 7))} 人"
    assert all("********" in line for line in lines[:-1])
    assert "第七届主席团" in result.out


def test_party_group_without_term_lists_its_members(capsys, demo):
    result = run_cli(
        capsys, "people", "list", "--body", "party_group", "--json", "--database", demo.url
    )
    assert result.code == 0, result.err
    assert {p["id"] for p in result.json()} == _people_in(demo.path, "party_group", None)
    assert result.json()


def test_association_with_association_lists_its_members(capsys, demo):
    result = run_cli(
        capsys, "people", "list", "--body", "association", "--association", "deaf", "--json",
        "--database", demo.url,
    )  # fmt: skip
    assert result.code == 0, result.err
    assert {p["id"] for p in result.json()} == _people_in(demo.path, "association.deaf", 7)


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (["--body", "party_group", "--term", "1"], "党组不分届次"),
        (["--body", "association"], "--association"),
        (["--body", "congress", "--term", "99"], "第九十九届"),
        (["--association", "deaf"], "--body association"),
        (["--term", "7"], "--body"),
    ],
    ids=["party-group-term", "association-missing", "term-99", "association-alone", "term-alone"],
)
def test_refused_body_and_term_combinations(capsys, demo, arguments, words):
    plain = run_cli(capsys, "people", "list", *arguments, "--database", demo.url)
    assert plain.code == 2
    assert plain.out == ""
    assert plain.err.startswith("yishi: ")
    assert words in plain.err
    assert re.search(f"[{CJK}]", plain.err)

    as_json = run_cli(capsys, "people", "list", *arguments, "--json", "--database", demo.url)
    assert as_json.code == 2
    error = as_json.error()
    assert error["code"] == "bad_arguments"
    assert error["message"] == plain.err.removeprefix("yishi: ").rstrip("\n")
