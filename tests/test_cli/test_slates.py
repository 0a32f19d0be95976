"""`yishi check-slate`, `template slate`, `import slate` and `check`: the contract, key by key."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from desktop.paths import resource_path
from models.importing.workbook import CANONICAL_HEADERS

from .helpers import CJK, Result, query, run_cli, scalar
from .slate_files import (
    HEADERS,
    bad_checksum,
    disabled,
    fill_template,
    passing_rows,
    person,
    read_rows,
    write_slate,
)

TOP_KEYS = {
    "body",
    "rules",
    "total",
    "counted",
    "excluded_rows",
    "results",
    "row_errors",
    "row_warnings",
    "previous_problems",
}
RESULT_KEYS = {"id", "level", "status", "count", "total", "required", "message"}
PROBLEM_KEYS = {"row", "column", "code", "message"}
CATEGORIES = ("blind", "deaf", "physical", "intellectual", "psychosocial")
CONGRESS_IDS = [
    "congress.disabled_or_relative_share",
    "congress.model_or_frontline_share",
    *(f"congress.category.{c}" for c in CATEGORIES),
    "congress.rural_share_trend",
    "congress.org_share_trend",
    "congress.volunteer_share_trend",
    *(f"congress.category_trend.{c}" for c in CATEGORIES),
]
PRESIDIUM_IDS = [
    "presidium.disabled_or_relative_share",
    "presidium.model_or_frontline_share",
    *(f"presidium.category.{c}" for c in CATEGORIES),
    *(f"presidium.category_trend.{c}" for c in CATEGORIES),
    "presidium.members_are_delegates",
]
CHOICE_HEADERS = {
    "性别": {"男", "女"},
    "残疾类别": {"视力", "听力", "言语", "肢体", "智力", "精神", "多重"},
    "残疾等级": {"一级", "二级", "三级", "四级"},
    "城乡": {"城镇", "农村"},
    "代表类型": {"正式", "特邀"},
    **{
        header: {"是", "否"}
        for header in ("是否残疾人亲友", "自强模范", "基层一线", "助残社会组织代表", "助残志愿者")
    },
}


def check_slate(capsys, path: Path, *extra: str, body: str = "congress") -> Result:
    return run_cli(capsys, "check-slate", str(path), "--body", body, *extra)


def checked_json(capsys, path: Path, *extra: str, body: str = "congress") -> tuple[int, Any]:
    result = check_slate(capsys, path, "--json", *extra, body=body)
    assert result.err == "", result.err
    return result.code, result.json()


def results_by_id(payload: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in payload["results"]}


def unusable(result: Result, code: str) -> str:
    """Exit 2: the error object on stdout, the same message on stderr; returns the message."""
    assert result.code == 2, (result.out, result.err)
    error = result.error()
    assert error["code"] == code, error
    assert error["message"] in result.err
    assert re.search(f"[{CJK}]", error["message"])
    return error["message"]


def files_under(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(path.relative_to(folder)): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
    }


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
    rules = _rules_copy(tmp_path, "broken.toml", 'level = "error"', 'level = "fatal"')
    error = check_slate(capsys, good, "--json", "--rules", str(rules)).error()
    assert error.get("key") == "slates.congress.disabled_or_relative_share.level"


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


def _rules_copy(tmp_path: Path, name: str, old: str, new: str) -> Path:
    text = resource_path("rules", "mentougou-2019.toml").read_text(encoding="utf-8")
    assert old in text
    target = tmp_path / "rules" / name
    target.parent.mkdir(exist_ok=True)
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def test_rules_from_a_path_change_the_verdict(capsys, tmp_path):
    path = write_slate(tmp_path / "slate.xlsx", passing_rows())
    strict = _rules_copy(tmp_path, "strict-2026.toml", 'at_least = "7/10"', 'at_least = "19/20"')
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
    rules = _rules_copy(tmp_path, "broken.toml", old, new)
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


# --- template -------------------------------------------------------------------------------


@pytest.fixture
def template(capsys, tmp_path) -> Path:
    path = tmp_path / "模板" / "名单模板.xlsx"
    result = run_cli(capsys, "template", "slate", "-o", str(path))
    assert result.code == 0, result.err
    assert str(path) in result.out
    return path


def _validation_choices(sheet: Any, column: str) -> set[str] | None:
    """The list of the drop-down covering column's data rows, if any."""
    for validation in sheet.data_validations.dataValidation:
        cells = str(validation.sqref)
        if validation.type == "list" and re.search(rf"\b{column}2:{column}\d+", cells):
            return set(validation.formula1.strip('"').split(","))
    return None


def test_template_headers_formats_dropdowns_and_instructions(template):
    book = load_workbook(template)
    assert book.sheetnames[0] != "填写说明"
    data = book.worksheets[0]
    headers = [cell.value for cell in data[1] if cell.value is not None]
    assert set(headers) == set(CANONICAL_HEADERS)
    assert len(headers) == len(CANONICAL_HEADERS)
    letters = {cell.value: cell.column_letter for cell in data[1]}
    for header in ("身份证号", "残疾人证号"):
        for row in (2, 500, 1001):
            assert data[f"{letters[header]}{row}"].number_format == "@", (header, row)
    for header, words in CHOICE_HEADERS.items():
        assert _validation_choices(data, letters[header]) == words, header
    for header in ("姓名", "身份证号", "出生日期", "联系电话", "备注"):
        assert _validation_choices(data, letters[header]) is None, header

    notes = book["填写说明"]
    rows = [[cell.value for cell in row] for row in notes.iter_rows(min_row=1)]
    assert rows[0][:2] == ["列名", "是否必填"]
    described = [row[0] for row in rows[1 : len(headers) + 1]]
    assert described == headers  # one row per column, in the sheet's order
    for row in rows[1 : len(headers) + 1]:
        assert row[1] in {"必填", "选填"}
        assert isinstance(row[2], str) and re.search(f"[{CJK}]", row[2])
    required = {row[0] for row in rows[1 : len(headers) + 1] if row[1] == "必填"}
    assert required == {"姓名", "性别", "身份证号"}


def test_template_only_as_xlsx(capsys, tmp_path):
    result = run_cli(capsys, "template", "slate", "-o", str(tmp_path / "x.xls"), "--json")
    assert result.code == 2
    assert not (tmp_path / "x.xls").exists()


def test_the_empty_template_is_an_empty_slate(capsys, template):
    result = check_slate(capsys, template)
    assert result.code == 1
    assert "名单为空" in result.out


def test_a_filled_template_passes_check_slate_and_imports(capsys, tmp_path, template, demo):
    filled = fill_template(template, passing_rows(), tmp_path / "填好的名单.xlsx")
    code, payload = checked_json(capsys, filled)
    assert code == 0, payload
    assert (payload["total"], payload["counted"], payload["row_warnings"]) == (10, 10, [])
    people = scalar(demo.path, "SELECT count(*) FROM person")
    result = run_cli(
        capsys,
        "--database",
        demo.url,
        "import",
        "slate",
        str(filled),
        "--body",
        "congress",
        "--term",
        "8",
        "--json",
    )
    assert result.code == 0, result.out + result.err
    assert result.json()["imported"] == 10
    assert scalar(demo.path, "SELECT count(*) FROM person") == people + 10


# --- import slate ---------------------------------------------------------------------------


def import_slate(capsys, demo, path: Path, *extra: str, body: str = "congress") -> Result:
    return run_cli(
        capsys,
        "--database",
        demo.url,
        "--user",
        "clerk",
        "import",
        "slate",
        str(path),
        "--body",
        body,
        *extra,
    )


def counts(demo) -> tuple[int, int, int]:
    return (
        scalar(demo.path, "SELECT count(*) FROM person"),
        scalar(demo.path, "SELECT count(*) FROM membership"),
        scalar(demo.path, "SELECT count(*) FROM change_log"),
    )


def eighth_congress(demo) -> int:
    return scalar(
        demo.path,
        "SELECT t.id FROM term t JOIN body b ON b.id = t.body_id "
        "WHERE b.code = 'congress' AND t.ordinal = 8",
    )


def memberships_of(demo, id_number: str) -> list[tuple[Any, ...]]:
    return query(
        demo.path,
        "SELECT m.id, m.term_id, m.status, m.work_unit_and_post, u.name, m.disability_category "
        "FROM membership m JOIN person p ON p.id = m.person_id "
        "LEFT JOIN electoral_unit u ON u.id = m.electoral_unit_id WHERE p.id_number = ?",
        id_number,
    )


def test_import_is_all_or_nothing(capsys, tmp_path, demo):
    before = counts(demo)
    rows = [*passing_rows(), person(50, 身份证号=bad_checksum(50))]
    path = write_slate(tmp_path / "slate.xlsx", rows)
    result = import_slate(capsys, demo, path, "--json")
    assert result.code == 1
    payload = result.json()
    assert (payload["imported"], payload["rejected_file"]) == (0, None)
    assert [(e["row"], e["code"]) for e in payload["row_errors"]] == [(12, "id_checksum")]
    assert counts(demo)[:2] == before[:2]
    text = import_slate(capsys, demo, path)
    assert text.code == 1
    assert "未导入任何数据" in text.out and "第 12 行［身份证号］" in text.out
    assert counts(demo) == before
    assert list(tmp_path.glob("*.rejected*.xlsx")) == []


def test_import_valid_only_saves_the_rejected_rows_beside_the_input(capsys, tmp_path, demo):
    people, memberships, _ = counts(demo)
    bad = person(60, 身份证号=bad_checksum(60), 备注="原样保留")
    rows = [*passing_rows(), bad, person(61, 性别="未知")]
    path = write_slate(tmp_path / "第八届代表.xlsx", rows)
    result = import_slate(capsys, demo, path, "--valid-only", "--json")
    assert result.code == 1
    payload = result.json()
    target = tmp_path / "第八届代表.rejected.xlsx"
    assert payload["rejected_file"] == str(target)
    assert (payload["imported"], payload["added_people"], payload["rejected_rows"]) == (
        10,
        10,
        [12, 13],
    )
    assert counts(demo)[:2] == (people + 10, memberships + 10)
    saved = read_rows(target)
    assert saved[0] == [*HEADERS, "错误说明"]
    assert len(saved) == 3
    first = dict(zip(saved[0], saved[1], strict=True))
    assert first["身份证号"] == bad["身份证号"]
    assert (first["姓名"], first["备注"], first["联系电话"]) == (
        bad["姓名"],
        "原样保留",
        bad["联系电话"],
    )
    assert first["错误说明"].startswith("原表第12行：")
    second = dict(zip(saved[0], saved[2], strict=True))
    assert second["性别"] == "未知" and second["错误说明"].startswith("原表第13行：")

    again = import_slate(capsys, demo, path, "--valid-only")
    assert again.code == 1
    second_target = tmp_path / "第八届代表.rejected-2.xlsx"
    assert str(second_target) in again.out
    assert second_target.exists() and target.exists()
    assert read_rows(target) == saved  # never overwritten
    assert counts(demo)[:2] == (people + 10, memberships + 10)  # the valid rows updated, not added


def test_import_valid_only_without_errors_exits_0(capsys, tmp_path, demo):
    path = write_slate(tmp_path / "slate.xlsx", passing_rows())
    result = import_slate(capsys, demo, path, "--valid-only", "--json")
    assert result.code == 0
    assert result.json()["rejected_file"] is None
    assert list(tmp_path.glob("*.rejected*.xlsx")) == []


def test_import_reserve(capsys, tmp_path, demo):
    rows = passing_rows()
    path = write_slate(tmp_path / "slate.xlsx", rows)
    result = import_slate(capsys, demo, path, "--term", "8", "--reserve")
    assert result.code == 0, result.err
    assert "已导入 10 行" in result.out
    term = eighth_congress(demo)
    for row in rows:
        [(_, term_id, status, *_rest)] = memberships_of(demo, row["身份证号"])
        assert (term_id, status) == (term, "reserve")


def test_reimporting_updates_and_logs_what_changed(capsys, tmp_path, demo):
    rows = passing_rows()
    path = write_slate(tmp_path / "slate.xlsx", rows)
    assert import_slate(capsys, demo, path).code == 0
    snapshot = counts(demo)
    changed = rows[3]["身份证号"]
    [(membership_id, term_id, status, *_)] = memberships_of(demo, changed)
    assert (term_id, status) == (eighth_congress(demo), "candidate")

    # The same file again changes nothing at all.
    same = import_slate(capsys, demo, path, "--json")
    assert same.code == 0
    assert (same.json()["added_people"], same.json()["updated_people"]) == (0, 0)
    assert counts(demo) == snapshot

    rows[3]["联系电话"] = "13999999999"
    rows[3]["工作单位及职务"] = "城子街道残联 主任"
    write_slate(path, rows)
    result = import_slate(capsys, demo, path, "--json")
    assert result.code == 0
    assert (result.json()["added_people"], result.json()["updated_people"]) == (0, 1)
    assert counts(demo)[:2] == snapshot[:2]
    assert [m[0] for m in memberships_of(demo, changed)] == [membership_id]
    person_id = scalar(demo.path, "SELECT id FROM person WHERE id_number = ?", changed)
    log = query(
        demo.path,
        "SELECT entity, entity_id, before, after, user_login FROM change_log "
        "WHERE action = 'update' AND id > ? ORDER BY id",
        snapshot[2],
    )
    updates = {(e, i): (json.loads(b), json.loads(a), u) for e, i, b, a, u in log}
    before, after, login = updates[("person", str(person_id))]
    assert (before, after, login) == ({"phone": "13800000003"}, {"phone": "13999999999"}, "clerk")
    before, after, _ = updates[("membership", str(membership_id))]
    assert before == {"work_unit_and_post": passing_rows()[3]["工作单位及职务"]}
    assert after == {"work_unit_and_post": "城子街道残联 主任"}


def test_importing_an_empty_slate_exits_1(capsys, tmp_path, demo):
    before = counts(demo)
    path = write_slate(tmp_path / "empty.xlsx", [])
    result = import_slate(capsys, demo, path, "--json")
    assert result.code == 1
    assert (result.json()["total"], result.json()["imported"]) == (0, 0)
    assert counts(demo)[:2] == before[:2]


def test_importing_an_empty_slate_says_mingdan_weikong(capsys, tmp_path, demo):
    result = import_slate(capsys, demo, write_slate(tmp_path / "empty.xlsx", []))
    assert result.code == 1
    assert "名单为空" in result.out + result.err


def test_import_names_an_electoral_unit_outside_the_term(capsys, tmp_path, demo):
    before = counts(demo)
    rows = [*passing_rows(), person(70, 选举单位="海淀街道")]
    result = import_slate(capsys, demo, write_slate(tmp_path / "s.xlsx", rows), "--json")
    assert result.code == 1
    [error] = result.json()["row_errors"]
    assert (error["row"], error["column"], error["code"]) == (12, "选举单位", "unit_unknown")
    assert "海淀街道" in error["message"] and "大峪街道" in error["message"]
    assert counts(demo) == before
    # check-slate knows no database: the same unit is no problem there.
    code, payload = checked_json(capsys, tmp_path / "s.xlsx")
    assert (code, payload["row_errors"]) == (0, [])


def test_import_into_a_missing_term_exits_2(capsys, tmp_path, demo):
    before = counts(demo)
    path = write_slate(tmp_path / "slate.xlsx", passing_rows())
    result = import_slate(capsys, demo, path, "--term", "99", "--json")
    assert result.code == 2
    assert result.error()["message"] == "代表大会没有第九十九届。"
    assert counts(demo) == before


def test_import_never_touches_the_previous_term(capsys, tmp_path, demo):
    """A 7th-term delegate on the 8th slate: the 7th term's snapshot stays as it was."""
    seventh = query(
        demo.path,
        "SELECT p.id_number, p.name, p.gender, m.id, m.work_unit_and_post, m.disability_category "
        "FROM membership m JOIN person p ON p.id = m.person_id JOIN term t ON t.id = m.term_id "
        "JOIN body b ON b.id = t.body_id WHERE b.code = 'congress' AND t.ordinal = 7 "
        "AND m.status = 'elected' AND m.disability_category IS NULL LIMIT 1",
    )[0]
    id_number, name, gender, membership_id, work, _ = seventh
    snapshot = query(demo.path, "SELECT * FROM membership WHERE id = ?", membership_id)
    row = disabled(0, "精神", 身份证号=id_number, 姓名=name, 性别="男" if gender == "男" else "女")
    row["工作单位及职务"] = "新单位 新职务"
    path = write_slate(tmp_path / "slate.xlsx", [row])
    result = import_slate(capsys, demo, path, "--json")
    assert result.code == 0, result.out
    assert result.json()["added_people"] == 0
    assert query(demo.path, "SELECT * FROM membership WHERE id = ?", membership_id) == snapshot
    assert work != "新单位 新职务"


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
