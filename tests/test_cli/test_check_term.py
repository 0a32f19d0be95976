"""`yishi check`: a term's slate in the database, by the same rules as `check-slate`."""

from __future__ import annotations

from .helpers import run_cli
from .slate_commands import (
    CATEGORIES,
    CONGRESS_IDS,
    PRESIDIUM_IDS,
    RESULT_KEYS,
    TOP_KEYS,
    import_slate,
    results_by_id,
)
from .slate_files import (
    passing_rows,
    write_slate,
)

# --- check (the database) -------------------------------------------------------------------


def test_check_presidium_of_the_demo_fails_on_psychosocial(capsys, demo):
    result = run_cli(
        capsys, "--database", demo.url, "check", "--body", "presidium", "--term", "8", "--json"
    )
    assert result.code == 1, result.err
    payload = result.json()
    assert set(payload) == TOP_KEYS
    assert (payload["body"], payload["rules"]) == ("presidium", "mentougou-2019")
    assert payload["total"] == payload["counted"] > 0
    assert payload["excluded_rows"] == payload["row_errors"] == payload["row_warnings"] == []
    assert payload["previous_problems"] == []
    assert [r["id"] for r in payload["results"]] == PRESIDIUM_IDS
    for result_ in payload["results"]:
        assert set(result_) == RESULT_KEYS
        assert result_["total"] == payload["counted"]
    failing = [r["id"] for r in payload["results"] if r["status"] == "fail"]
    assert failing == ["presidium.category.psychosocial"]
    by_id = results_by_id(payload)
    assert by_id["presidium.members_are_delegates"]["status"] != "skipped"
    assert by_id["presidium.members_are_delegates"]["required"] == payload["total"]
    trends = [r for r in payload["results"] if "trend" in r["id"]]
    assert all(t["status"] in {"pass", "warn"} and t["required"] is None for t in trends)

    text = run_cli(capsys, "--database", demo.url, "check", "--body", "presidium", "--term", "8")
    assert text.code == 1
    assert text.out.startswith("第八届主席团名单检查")
    assert "✗ 未通过  presidium.category.psychosocial" in text.out


def test_check_congress_of_the_demo_passes(capsys, demo):
    result = run_cli(
        capsys, "--database", demo.url, "check", "--body", "congress", "--term", "8", "--json"
    )
    assert result.code == 0, result.err
    payload = result.json()
    assert set(payload) == TOP_KEYS
    assert [r["id"] for r in payload["results"]] == CONGRESS_IDS
    assert not any(r["status"] == "fail" for r in payload["results"])


def test_check_after_import_counts_the_imported_rows(capsys, tmp_path, demo):
    def total() -> int:
        result = run_cli(capsys, "--database", demo.url, "check", "--body", "congress", "--json")
        assert result.code in (0, 1), result.err
        return result.json()["total"]

    before = total()
    path = write_slate(tmp_path / "slate.xlsx", passing_rows())
    assert import_slate(capsys, demo, path).code == 0
    assert total() == before + 10
    assert import_slate(capsys, demo, path, "--reserve").code == 0
    assert total() == before  # reserves are not on the slate


def test_check_of_a_missing_term_exits_2(capsys, demo):
    result = run_cli(
        capsys, "--database", demo.url, "check", "--body", "congress", "--term", "99", "--json"
    )
    assert result.code == 2
    assert result.error()["code"] == "bad_arguments"


def test_check_council_reports_its_warning_level_categories(capsys, demo):
    result = run_cli(
        capsys, "--database", demo.url, "check", "--body", "council", "--term", "7", "--json"
    )
    assert result.code == 0, result.err
    payload = result.json()
    assert set(payload) == TOP_KEYS
    assert [r["id"] for r in payload["results"]] == [f"council.category.{c}" for c in CATEGORIES]
    assert all(r["level"] == "warning" and r["required"] == 1 for r in payload["results"])
