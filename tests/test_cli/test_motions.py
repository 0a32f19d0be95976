"""`yishi motions list`: JSON fields, filters by term and state, and refusals with exit 2."""

from __future__ import annotations

import re

from .helpers import run_cli, scalar


def test_motions_of_the_demo_as_json(capsys, demo):
    result = run_cli(capsys, "--database", demo.url, "motions", "list", "--json")
    assert result.code == 0, result.err
    motions = result.json()
    assert len(motions) == scalar(demo.path, "SELECT count(*) FROM motion") >= 35
    assert set(motions[0]) == {
        "id",
        "number",
        "title",
        "proposer",
        "co_signers",
        "category",
        "state",
        "lead_unit",
        "deadline",
        "overdue",
    }
    assert motions[0]["number"] == "第1号"
    assert all(m["category"] for m in motions)
    assert any(m["co_signers"] for m in motions)
    assert any(m["overdue"] is True for m in motions)
    assert all(isinstance(m["overdue"], bool) for m in motions)
    deadlines = [m["deadline"] for m in motions if m["deadline"] is not None]
    assert deadlines and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in deadlines)
    assert any(m["number"] is None and m["state"] == "draft" for m in motions)


def test_filter_by_state_and_term(capsys, demo):
    result = run_cli(
        capsys, "--database", demo.url, "motions", "list", "--state", "handling", "--json"
    )
    assert result.code == 0, result.err
    handling = result.json()
    assert handling and {m["state"] for m in handling} == {"handling"}
    assert all(m["lead_unit"] for m in handling)
    same = run_cli(
        capsys, "--database", demo.url, "motions", "list", "--state", "handling", "--term", "7"
    )
    assert same.code == 0, same.err
    assert f"共 {len(handling)} 件提案" in same.out
    other = run_cli(capsys, "--database", demo.url, "motions", "list", "--term", "8", "--json")
    assert other.code == 0, other.err
    assert other.json() == []


def test_unknown_state_and_term_are_refused(capsys, demo):
    result = run_cli(
        capsys, "--database", demo.url, "motions", "list", "--state", "nonsense", "--json"
    )
    assert result.code == 2
    assert result.error()["code"] == "bad_arguments"
    missing = run_cli(capsys, "--database", demo.url, "motions", "list", "--term", "3", "--json")
    assert missing.code == 2
