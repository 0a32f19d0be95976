"""`yishi check-slate` with --previous and --rules; it writes nothing, speaks Chinese and needs no
database."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .helpers import CJK, run_cli
from .slate_commands import (
    PROBLEM_KEYS,
    check_slate,
    checked_json,
    results_by_id,
    rules_copy,
    unusable,
)
from .slate_files import (
    bad_checksum,
    disabled,
    passing_rows,
    person,
    write_slate,
)


def files_under(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(path.relative_to(folder)): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
    }


# --- check-slate: --previous and --rules ----------------------------------------------------


def test_previous_problems_are_reported_apart_and_trends_computed(capsys, tmp_path):
    previous = passing_rows(100)
    previous[8] = disabled(108, "精神")  # 2 精神 last term: 1 now is fewer; no volunteer then
    previous.append(person(120, 身份证号="12345"))  # an error in the previous file
    old = write_slate(tmp_path / "previous.xlsx", previous)
    path = write_slate(tmp_path / "slate.xlsx", passing_rows())
    code, payload = checked_json(capsys, path, "--previous", str(old))
    assert code == 0, "the previous file's problems and warning-level trends never fail"
    [problem] = payload["previous_problems"]
    assert set(problem) == PROBLEM_KEYS
    assert (problem["row"], problem["column"], problem["code"]) == (12, "身份证号", "id_format")
    assert payload["row_errors"] == []
    by_id = results_by_id(payload)
    for result in payload["results"]:
        if "trend" in result["id"]:
            assert result["status"] in {"pass", "warn"}, result
            assert result["required"] is None
    psychosocial = by_id["congress.category_trend.psychosocial"]
    assert (psychosocial["status"], psychosocial["count"]) == ("warn", 1)
    assert "上一届的 2 人" in psychosocial["message"]
    assert by_id["congress.category_trend.physical"]["status"] == "warn"  # 2, as before
    assert by_id["congress.rural_share_trend"]["status"] == "warn"  # 1 of 10, as before
    volunteer = by_id["congress.volunteer_share_trend"]  # 1 of 10 now, none before
    assert (volunteer["status"], volunteer["count"], volunteer["required"]) == ("pass", 1, None)

    text = check_slate(capsys, path, "--previous", str(old))
    assert text.code == 0
    assert "上一届名单中的问题（不影响本次结果）" in text.out
    assert "第 12 行［身份证号］" in text.out


def test_previous_with_more_of_a_category_now_passes_the_trend(capsys, tmp_path):
    previous = passing_rows(100)
    previous[1] = disabled(101, "肢体")  # no 听力 last term beyond row 8
    old = write_slate(tmp_path / "previous.xlsx", previous)
    path = write_slate(tmp_path / "slate.xlsx", passing_rows())
    code, payload = checked_json(capsys, path, "--previous", str(old))
    assert code == 0
    deaf = results_by_id(payload)["congress.category_trend.deaf"]
    assert (deaf["status"], deaf["count"], deaf["required"]) == ("pass", 2, None)


def test_rules_from_a_path_change_the_verdict(capsys, tmp_path):
    path = write_slate(tmp_path / "slate.xlsx", passing_rows())
    strict = rules_copy(tmp_path, "strict-2026.toml", 'at_least = "7/10"', 'at_least = "19/20"')
    code, payload = checked_json(capsys, path, "--rules", str(strict))
    assert code == 1
    assert payload["rules"] == "strict-2026"
    share = results_by_id(payload)["congress.disabled_or_relative_share"]
    assert (share["status"], share["count"], share["required"]) == ("fail", 9, 10)
    assert "95%" in share["message"]
    # The shipped file by name gives the default verdict.
    assert checked_json(capsys, path, "--rules", "mentougou-2019") == checked_json(capsys, path)
    assert checked_json(capsys, path)[0] == 0


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        (
            'at_least = "7/10"',
            'at_least = "seventy"',
            "slates.congress.disabled_or_relative_share.at_least",
        ),
        ('level = "error"', 'level = "fatal"', "slates.congress.disabled_or_relative_share.level"),
        (
            "[slates.congress.category]\nat_least = 1",
            "[slates.congress.category]\nat_least = 0",
            "slates.congress.category.at_least",
        ),
    ],
    ids=["share", "level", "count"],
)
def test_a_malformed_rules_file_exits_2_naming_the_key(capsys, tmp_path, old, new, key):
    path = write_slate(tmp_path / "slate.xlsx", passing_rows())
    rules = rules_copy(tmp_path, "broken.toml", old, new)
    message = unusable(check_slate(capsys, path, "--json", "--rules", str(rules)), "rules_invalid")
    assert key in message


def test_an_unknown_rules_name_exits_2(capsys, tmp_path):
    path = write_slate(tmp_path / "slate.xlsx", passing_rows())
    unusable(check_slate(capsys, path, "--json", "--rules", "atlantis-2030"), "rules_invalid")


# --- check-slate: stateless, Chinese, no database -------------------------------------------


def test_check_slate_writes_nothing(capsys, tmp_path, _isolated_environment):
    rows = [*passing_rows(), person(30, 身份证号=bad_checksum(30))]
    path = write_slate(tmp_path / "in" / "slate.xlsx", rows)
    old = write_slate(tmp_path / "in" / "previous.xlsx", [*passing_rows(50), person(60, 性别="X")])
    before = files_under(tmp_path)
    for extra in ([], ["--json"], ["--previous", str(old)], ["--json", "--previous", str(old)]):
        assert check_slate(capsys, path, *extra).code == 1
    assert files_under(tmp_path) == before
    assert not any(p.name.endswith(".rejected.xlsx") for p in tmp_path.rglob("*"))
    assert not _isolated_environment.exists()


def test_text_output_is_chinese_and_lists_failing_rules(capsys, tmp_path):
    rows = passing_rows()
    rows[4] = disabled(4, "肢体")
    rows.append(person(40, 身份证号=bad_checksum(40)))
    path = write_slate(tmp_path / "代表名单.xlsx", rows)
    result = check_slate(capsys, path)
    assert result.code == 1
    assert result.err == ""
    assert not result.out.lstrip().startswith("{")
    lines = result.out.splitlines()
    assert lines[0] == f"代表大会名单检查：{path}"
    assert "读取 11 行，计入 10 行，排除 1 行（第 12 行，有错误）" in result.out
    failing = [line for line in lines if line.startswith("✗ 未通过")]
    assert len(failing) == 1 and "congress.category.psychosocial" in failing[0]
    assert re.search(f"[{CJK}]", failing[0].split("：", 1)[1])
    assert "行错误（这些行未计入）" in result.out
    assert "第 12 行［身份证号］" in result.out
    assert sum(line.startswith("✓ 通过") for line in lines) == 6
    assert sum(line.startswith("– 未检查") for line in lines) == 8


def test_check_slate_needs_no_database(capsys, tmp_path, monkeypatch):
    unusable_url = "sqlite:////proc/yishi-no-such-folder/yishi.sqlite3"
    monkeypatch.setenv("YISHI_DATABASE_URL", unusable_url)
    path = write_slate(tmp_path / "slate.xlsx", passing_rows())
    assert checked_json(capsys, path)[0] == 0
    assert checked_json(capsys, path, "--database", unusable_url)[0] == 0


def test_check_with_an_unusable_database_exits_2(capsys, monkeypatch):
    monkeypatch.setenv("YISHI_DATABASE_URL", "sqlite:////proc/yishi-no-such-folder/yishi.sqlite3")
    result = run_cli(capsys, "check", "--body", "congress", "--json")
    assert result.code == 2
    assert result.error()["code"] == "database_unusable"
