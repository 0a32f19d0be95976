"""`yishi check-slate`: the JSON contract, key by key, and the exit codes."""

from __future__ import annotations

import re

import pytest

from tests.test_importing import hostile

from .helpers import CJK
from .slate_commands import (
    CATEGORIES,
    CONGRESS_IDS,
    PRESIDIUM_IDS,
    PROBLEM_KEYS,
    RESULT_KEYS,
    TOP_KEYS,
    check_slate,
    checked_json,
    results_by_id,
    rules_copy,
    unusable,
)
from .slate_files import (
    HEADERS,
    bad_checksum,
    disabled,
    passing_rows,
    person,
    write_slate,
)

# --- check-slate: the JSON contract ---------------------------------------------------------


def test_check_slate_json_contract_key_by_key(capsys, tmp_path):
    path = write_slate(tmp_path / "slate.xlsx", passing_rows())
    code, payload = checked_json(capsys, path)
    assert code == 0
    assert set(payload) == TOP_KEYS
    assert payload["body"] == "congress"
    assert payload["rules"] == "mentougou-2019"
    assert (payload["total"], payload["counted"], payload["excluded_rows"]) == (10, 10, [])
    assert payload["row_errors"] == payload["row_warnings"] == payload["previous_problems"] == []
    assert [r["id"] for r in payload["results"]] == CONGRESS_IDS
    for result in payload["results"]:
        assert set(result) == RESULT_KEYS, result
        assert isinstance(result["id"], str)
        assert result["level"] in {"error", "warning"}
        assert result["status"] in {"pass", "fail", "warn", "skipped"}
        assert type(result["count"]) is int and type(result["total"]) is int
        assert result["total"] == payload["counted"]
        assert result["required"] is None or type(result["required"]) is int
        assert isinstance(result["message"], str) and re.search(f"[{CJK}]", result["message"])
    by_id = results_by_id(payload)
    share = by_id["congress.disabled_or_relative_share"]
    assert (share["level"], share["status"], share["count"], share["required"]) == (
        "error",
        "pass",
        9,  # 8 disabled + 1 relative
        7,
    )
    frontline = by_id["congress.model_or_frontline_share"]
    assert (frontline["status"], frontline["count"], frontline["required"]) == ("pass", 10, 8)
    for key in CATEGORIES:
        category = by_id[f"congress.category.{key}"]
        assert (category["level"], category["status"], category["required"]) == ("error", "pass", 1)
    # Without --previous every trend is skipped, and nothing has a minimum.
    trends = [r for r in payload["results"] if "trend" in r["id"]]
    assert len(trends) == 8
    for trend in trends:
        assert (trend["level"], trend["status"], trend["required"]) == ("warning", "skipped", None)
        assert "上一届" in trend["message"]


def test_check_slate_presidium_lists_the_delegates_rule_as_skipped(capsys, tmp_path):
    rows = [{k: v for k, v in row.items() if k != "选举单位"} for row in passing_rows()]
    headers = [h for h in HEADERS if h != "选举单位"]
    path = write_slate(tmp_path / "presidium.xlsx", rows, headers)
    code, payload = checked_json(capsys, path, body="presidium")
    assert code == 0
    assert payload["body"] == "presidium"
    assert [r["id"] for r in payload["results"]] == PRESIDIUM_IDS
    delegates = results_by_id(payload)["presidium.members_are_delegates"]
    assert (delegates["level"], delegates["status"], delegates["required"]) == (
        "warning",
        "skipped",
        None,
    )
    assert "yishi check" in delegates["message"]


# --- check-slate: exit codes ----------------------------------------------------------------


def test_a_failing_error_rule_exits_1(capsys, tmp_path):
    rows = passing_rows()
    rows[4] = disabled(4, "肢体")  # the only 精神 person becomes 肢体
    code, payload = checked_json(capsys, write_slate(tmp_path / "slate.xlsx", rows))
    assert code == 1
    assert payload["row_errors"] == []
    failing = [r["id"] for r in payload["results"] if r["status"] == "fail"]
    assert failing == ["congress.category.psychosocial"]
    result = results_by_id(payload)["congress.category.psychosocial"]
    assert (result["count"], result["required"], result["total"]) == (0, 1, 10)


def test_a_failing_share_exits_1_with_its_figures(capsys, tmp_path):
    rows = passing_rows()
    for index in (0, 1, 3):
        rows[index]["基层一线"] = "否"  # 7 of 10 left (row 4 is also 自强模范): 80 % needs 8
    code, payload = checked_json(capsys, write_slate(tmp_path / "slate.xlsx", rows))
    assert code == 1
    result = results_by_id(payload)["congress.model_or_frontline_share"]
    assert (result["status"], result["count"], result["required"]) == ("fail", 7, 8)
    assert "占 10 人的 70.0%" in result["message"] and "还需至少 1 名" in result["message"]


def test_a_row_error_alone_exits_1_and_leaves_the_row_out(capsys, tmp_path):
    rows = [*passing_rows(), person(20, 身份证号=bad_checksum(20))]
    code, payload = checked_json(capsys, write_slate(tmp_path / "slate.xlsx", rows))
    assert code == 1
    assert all(r["status"] != "fail" for r in payload["results"])
    assert (payload["total"], payload["counted"], payload["excluded_rows"]) == (11, 10, [12])
    [error] = payload["row_errors"]
    assert set(error) == PROBLEM_KEYS
    assert (error["row"], error["column"], error["code"]) == (12, "身份证号", "id_checksum")
    assert re.search(f"[{CJK}]", error["message"])
    assert all(r["total"] == 10 for r in payload["results"])


def test_row_problems_name_the_canonical_header(capsys, tmp_path):
    """However the sheet spells it (*身份证号, 身份证号（必填）), `column` is the canonical header."""
    spelled = {"身份证号": "身份证号（必填）", "姓名": "*姓名", "性别": " 性 别 "}
    rows = [*passing_rows(), person(21, 身份证号="1101"), person(22, 残疾类别="盲")]
    rows = [{spelled.get(k, k): v for k, v in row.items()} for row in rows]
    headers = [spelled.get(h, h) for h in HEADERS]
    code, payload = checked_json(capsys, write_slate(tmp_path / "slate.xlsx", rows, headers))
    assert code == 1
    assert [(e["row"], e["column"], e["code"]) for e in payload["row_errors"]] == [
        (12, "身份证号", "id_format"),
        (13, "残疾类别", "category_unknown"),
    ]


def test_a_row_warning_alone_keeps_exit_0(capsys, tmp_path):
    rows = passing_rows()
    rows[9]["性别"] = "女" if rows[9]["性别"] == "男" else "男"
    code, payload = checked_json(capsys, write_slate(tmp_path / "slate.xlsx", rows))
    assert code == 0
    assert payload["row_errors"] == []
    [warning] = payload["row_warnings"]
    assert set(warning) == PROBLEM_KEYS
    assert (warning["row"], warning["column"], warning["code"]) == (
        11,
        "性别",
        "gender_id_mismatch",
    )
    assert payload["counted"] == 10


def test_an_empty_slate_exits_1_with_mingdan_weikong(capsys, tmp_path):
    path = write_slate(tmp_path / "empty.xlsx", [])
    text = check_slate(capsys, path)
    assert text.code == 1
    assert "名单为空" in text.out
    result = check_slate(capsys, path, "--json")
    assert result.code == 1
    assert "名单为空" in result.err  # beside the JSON, which stays one object on stdout
    payload = result.json()
    assert (payload["total"], payload["counted"]) == (0, 0)
    assert all(r["status"] == "skipped" and r["required"] is None for r in payload["results"])


def test_an_unreadable_file_exits_2(capsys, tmp_path):
    path = tmp_path / "slate.xlsx"
    path.write_bytes(b"this is not a workbook\n" * 20)
    message = unusable(check_slate(capsys, path, "--json"), "file_unreadable")
    assert str(path) in message
    unusable(check_slate(capsys, tmp_path / "nowhere.xlsx", "--json"), "file_unreadable")
    plain = check_slate(capsys, path)
    assert plain.code == 2 and plain.out == "" and "无法读取文件" in plain.err


@pytest.mark.parametrize(
    ("dropped", "body"),
    [("身份证号", "congress"), ("身份证号", "presidium"), ("选举单位", "congress")],
)
def test_a_missing_required_column_exits_2_naming_it(capsys, tmp_path, dropped, body):
    headers = [h for h in HEADERS if h != dropped]
    path = write_slate(tmp_path / "slate.xlsx", passing_rows(), headers)
    message = unusable(check_slate(capsys, path, "--json", body=body), "headers_missing")
    assert f"缺少必需的列：{dropped}。" in message


def test_without_the_unit_column_a_presidium_slate_is_fine(capsys, tmp_path):
    headers = [h for h in HEADERS if h != "选举单位"]
    path = write_slate(tmp_path / "slate.xlsx", passing_rows(), headers)
    assert checked_json(capsys, path, body="presidium")[0] == 0


def test_the_json_error_carries_missing_and_key(capsys, tmp_path):
    headers = [h for h in HEADERS if h not in ("身份证号", "选举单位")]
    path = write_slate(tmp_path / "slate.xlsx", passing_rows(), headers)
    error = check_slate(capsys, path, "--json").error()
    assert error.get("missing") == ["身份证号", "选举单位"]
    good = write_slate(tmp_path / "good.xlsx", passing_rows())
    rules = rules_copy(tmp_path, "broken.toml", 'level = "error"', 'level = "fatal"')
    error = check_slate(capsys, good, "--json", "--rules", str(rules)).error()
    assert error.get("key") == "slates.congress.disabled_or_relative_share.level"


@pytest.mark.parametrize("sheet", ["missing.xlsx", "headerless.xlsx", "far.xlsx"])
def test_a_broken_rules_file_is_named_before_a_broken_sheet(capsys, tmp_path, sheet):
    """The rules file is read and checked before the sheet is opened: its error wins over a
    missing file, a sheet without headers and one the guard refuses."""
    path = tmp_path / sheet
    if sheet == "headerless.xlsx":
        write_slate(path, passing_rows(), ["甲", "乙"])
    if sheet == "far.xlsx":
        hostile.far_cell(path)  # refused by the guard
    rules = rules_copy(tmp_path, "broken.toml", 'level = "error"', 'level = "fatal"')
    error = check_slate(capsys, path, "--json", "--rules", str(rules)).error()
    assert error["code"] == "rules_invalid"
    assert error.get("key") == "slates.congress.disabled_or_relative_share.level"
    assert check_slate(capsys, path, "--json").error()["code"] != "rules_invalid"  # the sheet's
